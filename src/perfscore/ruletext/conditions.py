"""The small grammar of conditions: thresholds, intervals, ``每…`` steps, counted items, plain facts.

::

    threshold := subject? (OP | 大于等于 | 不低于 | 达到 | 完成 | 为 | 控制在 | 在) NUM [及以上 | 以上 | 以内 | 以下]
               | NUM (及以上 | 以上)
    interval  := NUM [(含…)] "-" NUM [(含)] [之间] | NUM [(含)] 以下 | NUM (及以上 | 以上)
               | comparison ("且" comparison)*              小于100%且大于等于80%
    each      := "每" [有 | 出现 | 发现] [VERB [要求]] [NUM] UNIT rest     每少10个, 每有1项未审核
    missing   := (缺 | 缺少 | 有) NUM (项 | 个 | 方面) [不足 | 不符 …]      缺1项, 有一方面不足
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .grammar import NUMBER, UNIT, Num, read_number

BELOW_VERBS = ("未达到", "减少", "降低", "低于", "下降", "不足", "缺少", "少于", "缺", "少", "低", "欠", "降")
ABOVE_VERBS = ("超出", "超过", "高于", "高出", "增加", "提高", "增长", "上升", "多于", "多", "超", "高")
DELAY_VERBS = ("延迟", "推迟", "逾期", "超期", "拖延")  # 每延迟一天: counts days late, from 0
EITHER_VERBS = ("相差", "偏离", "偏差")  # 与计划每相差3%: a gap either way
_VERB = "|".join(sorted({*BELOW_VERBS, *ABOVE_VERBS, *DELAY_VERBS, *EITHER_VERBS}, key=len, reverse=True))
_BOTH = rf"(?:{_VERB})或(?:{_VERB})"
_UNIT_X = UNIT.replace("(?:", "(?:个方面|", 1)
EACH = re.compile(rf"每(?![月年季天日周])(?P<has>有|出现|发现|发生)?(?P<rel>相对)?(?P<verb>{_BOTH}|{_VERB})?"
                  rf"(?:要求|控制率|指标值|目标值|标准|(?<=[超低高少多于出过])[\u4e00-\u9fff]{{2,8}}?(?=\d))?(?P<num>{NUMBER})?"
                  rf"(?P<unit>{_UNIT_X})?(?P<rest>[^,;。]*)")
MISSING = re.compile(rf"(?:缺少|缺|有)(?P<num>{NUMBER})(?P<unit>项|个方面|方面|个)(?P<rest>[^,;。]*)")
_YEAR = r"(?:\d{4}年|上年|上一年|去年)"


@dataclass(frozen=True)
class Each:
    """A ``每…`` phrase: the step, its direction and what is counted."""

    per: Num
    direction: str | None     # below / above / both, None when it counts occurrences
    counted: str              # 未审核 (每有1项未审核), 对象不达标; empty for a quantity
    relative: bool
    start: int


# 缺一户, 错一户, 发现一处, 有一次, 迟交1次报表, 下降1个百分点: “每” left unsaid before one unit.
IMPLICIT = re.compile(rf"(?P<verb>发现|出现|存在|有|缺交|缺少|缺|少|错|差|迟报|迟交|漏填|漏报|下降|降低|超过|超出|上升)"
                      rf"(?P<obj>[\u4e00-\u9fff]{{0,3}}?)(?P<num>一|1|\d+\.\d+)(?P<unit>{_UNIT_X})(?P<rest>[^,;。]*)")
_COUNTING = ("发现", "出现", "存在", "有", "错", "差", "迟报", "迟交", "漏填", "漏报", "缺交")


def direction_of(verb: str) -> str | None:
    if not verb:
        return None
    if "或" in verb or verb in EITHER_VERBS:
        return "both"
    return "below" if verb in BELOW_VERBS else "above"


_PERIOD = ("个月", "月", "天", "日", "周", "年", "季度")


def find_each(cond: str, deducted: bool = False) -> Each | None:
    """The step a condition counts. ``deducted``: the condition is that of a deduction, where a count written
    right before it without 每 (井下发现1盏红灯扣0.3分, 经查实一个网点扣2分) is one step of what it counts."""
    each = _find_each(cond)
    if each is None and deducted:
        m = _COUNT_END.search(cond.rstrip(",;。:的"))
        if m and not find_threshold(cond) and not m.group("what").endswith(("任何", "任一", "其中", "至少", "不少于")):
            what = (m.group("what") + m.group("obj")).strip("的,") or condition_name(cond[:m.start()])
            return Each(Num(Decimal(1), "1", m.group("unit")), None, what, False, m.start("num"))
    return each


# 一盏红灯, 一个网点, 被投诉一次, 一个季度: one of something, at the end of a deduction's condition
_COUNT_END = re.compile(r"(?:^|(?<=[,;。]))(?P<what>[^,;。\d一]{0,16}?)(?P<num>一|1)(?P<unit>个季度|人次|季度|个|盏|处|次|项|例|起|件|"
                        r"宗|份|张|笔|户|人|家|台|套|批|场|条|篇|种)(?P<obj>[\u4e00-\u9fff、]{0,10})$")


# 按超出天数每天扣0.1分: the days counted, one step a day
_PER_DAY = re.compile(r"按(?P<what>[\u4e00-\u9fff]{0,8}?)(?P<unit>个工作日|工作日|天|日|个月|月)数,?每(?:个工作日|工作日|天|日|个月|月)")


def _find_each(cond: str) -> Each | None:
    daily = _PER_DAY.search(cond)
    if daily:
        return Each(Num(Decimal(1), "1", daily.group("unit")), None, daily.group("what"), False, daily.start())
    found = list(EACH.finditer(cond))
    for k, m in enumerate(found):
        if not (m.group("verb") or m.group("unit") or m.group("has")):
            continue
        if (m.group("unit") in _PERIOD and not (m.group("verb") or m.group("has"))
                and any(n.group("verb") or n.group("has") for n in found[k + 1:])):
            continue  # 每4个月至少登记1次…,每发现1户扣0.3分: how often, not the step
        unit = (m.group("unit") or "").replace("个方面", "方面")
        per = Num(Decimal(1), "1", unit)
        if m.group("num"):
            n = read_number(m.group("num") + "项")
            if n is None:
                continue
            per = Num(n[0].value, n[0].text, unit)
        rest = m.group("rest").strip("的")
        if m.group("verb") in DELAY_VERBS:
            return Each(per, None, m.group("verb"), False, m.start())
        counted = rest if (m.group("has") or (rest and not m.group("verb"))) else ""
        return Each(per, direction_of(m.group("verb") or ""), counted, bool(m.group("rel")), m.start())
    for m in IMPLICIT.finditer(cond):
        if m.group("num") not in ("一", "1") and "百分点" not in m.group("unit"):
            continue
        if re.match(r"(?:及以上|以上|以内|以下)", m.group("rest")):
            continue
        n = read_number(m.group("num") + "项")
        if n is None:
            continue
        unit = m.group("unit").replace("个方面", "方面")
        per = Num(n[0].value, n[0].text, unit)
        verb = m.group("verb")
        if verb in _COUNTING:
            segments = cond[:m.start()].split(",")
            lead = (segments[-1] or (segments[-2] if len(segments) > 1 else "")).lstrip("每")
            said = (verb if verb not in ("发现", "出现", "有") else "") + m.group("obj")
            counted = lead.strip("的") + said + m.group("rest").strip("的")
            return Each(per, None, counted or cond[:m.start()], False, m.start())
        if m.group("obj"):
            counted = (cond[:m.start()].split(",")[-1].lstrip("每") + verb + m.group("obj")).strip("的")
            return Each(per, None, counted, False, m.start())  # 少报一项: what is short is counted
        return Each(per, direction_of(verb), "", False, m.start())
    done = _EACH_DONE.search(cond)
    if done:
        n = read_number(done.group("num") + "项")
        if n is not None:
            what = (done.group("what") + done.group("rest")).strip("的")
            return Each(Num(n[0].value, n[0].text, done.group("unit")), None, what, False, done.start())
    return None


# 每开工一个项目, 每发表1篇论文: each time a thing is done (any verb), counted
_EACH_DONE = re.compile(rf"每(?![月年季天日周])(?P<what>[\u4e00-\u9fff]{{1,6}}?)(?P<num>一|1|\d+)(?P<unit>{UNIT})(?P<rest>[^,;。]*)")




def find_missing(cond: str) -> tuple[Num, str] | None:
    m = MISSING.search(cond)
    if not m:
        return None
    n = read_number(m.group("num") + "项")
    if not n:
        return None
    return Num(n[0].value, n[0].text, m.group("unit").replace("个方面", "方面")), m.group("rest")


# --- thresholds and intervals -----------------------------------------------------------

_GE = r"(?:≥|>=|大于或等于|大于等于|不低于|不少于|不小于)"
_LE = r"(?:≤|<=|小于或等于|小于等于|不高于|不超过|不大于)"
_GT = r"(?:>|大于|高于|超过)"
_LT = r"(?:<|小于|低于|少于)"
_N = rf"(?P<n>{NUMBER}(?:{UNIT})?|零)"
_COMPARISONS = [
    (re.compile(rf"{_GE}{_N}"), "≥"),
    (re.compile(rf"{_LE}{_N}"), "≤"),
    (re.compile(rf"(?:超过|高于|大于|多于)\(含\){_N}"), "≥"),     # 超过(含)10个: 10 itself included
    (re.compile(rf"(?:低于|少于|小于)\(含\){_N}"), "≤"),
    (re.compile(rf"{_GT}{_N}(?!个百分点)"), ">"),
    (re.compile(rf"{_LT}{_N}(?!个百分点)"), "<"),
    (re.compile(rf"={_N}"), "="),
    (re.compile(rf"(?:控制在|在){_N}(?:以内|之内|以下)"), "≤"),
    (re.compile(rf"{_N}(?:以内|之内)"), "≤"),
    (re.compile(rf"{_N}(?:\(含\))?(?:及以上|以上)"), "≥"),
    (re.compile(rf"(?:达到|达|完成|服务|至少|最少){_N}"), "≥"),
    # 至少开展2次: the verb between 至少 and the count
    (re.compile(rf"(?:至少|最少|不少于)[\u4e00-\u9fff]{{1,4}}?(?P<n>{NUMBER}(?:次|场|期|批|轮|个|项|篇|条|件|份|人次|人|家|天))"), "≥"),
    (re.compile(rf"(?:降至|降到|低至|下降到|下降至){_N}(?:\(含\))?(?:以下)?"), "<"),  # 降至90%以下不得分
    (re.compile(rf"为{_N}"), "="),
    (re.compile(rf"(?<=率){_N}"), "≥"),       # 合格率100%得满分
    (re.compile(rf"(?<=[\u4e00-\u9fff])(?<!每)(?<!差)(?<!于)(?<![低高降少超欠])(?P<n>{NUMBER}%)(?=,?$)"), "≥"),
    (re.compile(rf"(?<=的)(?P<n>{NUMBER}%)(?=(?:征收|完成|发放|拨付|支付|落实)?到位,?$)"), "≥"),  # 的65%征收到位  # 口蹄疫100%,得5分
]
BUDGET_WITHIN = re.compile(r"(?:执行数)?控制在(?:年度)?预算(?:规模)?(?:之内|以内)")


def _num(text: str) -> Num | None:
    if text == "零":
        return Num(Decimal(0), "0")
    n = read_number(text)
    if n is None and text and text[0].isdigit():
        return None
    return n[0] if n else None


@dataclass(frozen=True)
class Threshold:
    op: str
    value: Num
    start: int
    end: int


def find_threshold(cond: str, marks: bool = False, words: bool = False) -> Threshold | None:
    """The first comparison in a condition; ``marks``: a bound in 分 is a mark (≥90分), not a score."""
    best: Threshold | None = None
    for rx, op in _COMPARISONS:
        for m in rx.finditer(cond):
            n = _num(m.group("n"))
            if n is None or n.unit == "年" or (n.unit == "分" and not marks):
                continue
            if re.fullmatch(r"\d{4}", n.text) and cond[m.end("n"):m.end("n") + 1] == "年":
                continue
            if best is None or m.start() < best.start:
                best = Threshold(op, n, m.start(), m.end())
            break
    return best if best is not None or not words else whole(cond)


def whole(cond: str) -> Threshold | None:
    """足额保障…编制的,得2分 / 全额征收记15分: the whole of what is due, 100% — only where a step or a ratio
    needs its reference (``find_threshold(words=True)``); elsewhere 按时足额发放得4分 is a yes/no condition."""
    m = _WHOLE.search(cond)
    return Threshold("≥", Num(Decimal(100), "100", "%"), m.start(), m.end()) if m else None


_WHOLE = re.compile(r"(?:足额|全额)(?=[\u4e00-\u9fff])")


@dataclass
class Interval:
    min: Num | None = None
    max: Num | None = None
    min_inclusive: bool | None = None
    max_inclusive: bool | None = None


_COUNTED = UNIT.replace("|分", "")   # a bound's unit (个月, 天, 人 …), not 分 (a mark or a score)
_RANGE = re.compile(rf"(?P<a>{NUMBER}(?:%|{_COUNTED})?)(?P<ia>\(含[^)]*\)|\(不含[^)]*\))?[-~至](?P<b>{NUMBER}(?:%|{_COUNTED})?)"
                    rf"(?P<ib>\(含\)|\(不含\))?(?:之间)?")
# 1个月以上3个月以内: a lower and an upper bound written one after the other
_ABOVE_WITHIN = re.compile(rf"(?P<a>{NUMBER}(?:%|{_COUNTED})?)(?:\(含\))?(?:及以上|以上)(?P<b>{NUMBER}(?:%|{_COUNTED})?)"
                           rf"(?P<ib>\(含\))?(?:以内|之内|以下)")
_BELOW = re.compile(rf"(?P<a>{NUMBER}%?)(?P<mark>分)?(?P<ia>\(含\)|\(不含\))?以下")


def _beside(cond: str, m: re.Match[str]) -> str:
    """The words of a condition beside its interval, without the subject written right before the number:
    合格率80%-90%且无投诉 → ,且无投诉 (合格率 is what is measured, not a requirement)."""
    before = re.split(r"且|并且|,|;", cond[:m.start()])
    return ",".join(before[:-1]) + "," + cond[m.end():]


_BETWEEN = re.compile(rf"(?P<a>{NUMBER}(?:{UNIT})?)(?P<op1>≤|<=|<)(?P<what>[^\d≤<>=]+?)"
                      rf"(?:(?P<op2>≤|<=|<)(?P<b>{NUMBER}(?:{UNIT})?))?$")


def _between(part: str, marks: bool) -> Interval | None:
    """85%≤完成率<90% (or 85%≤完成率): the measured quantity between two numbers, the lower one first."""
    m = _BETWEEN.fullmatch(part)
    if not m:
        return None
    lo = _num(m.group("a"))
    hi = _num(m.group("b")) if m.group("b") else None
    if lo is None or (m.group("b") and hi is None) or (not marks and "分" in (lo.unit, hi.unit if hi else "")):
        return None
    iv = Interval(min=lo, min_inclusive=m.group("op1") != "<")
    if hi is not None:
        iv.max, iv.max_inclusive = hi, m.group("op2") != "<"
    return iv


def find_interval(cond: str, marks: bool = False) -> tuple[Interval, list[str]] | None:
    """The interval a condition states and the plain facts beside it (项目完成); ``marks``: bounds
    in 分 are marks the actual is measured in (≥80分,<90分), not scores."""
    m = _ABOVE_WITHIN.search(cond)
    if m:
        lo, hi = _num(m.group("a")), _num(m.group("b"))
        if lo is not None and hi is not None and lo.value < hi.value:
            return Interval(lo, hi, None, True), _facts(_beside(cond, m))
    m = _RANGE.search(cond)
    if m:
        lo, hi = _num(m.group("a")), _num(m.group("b"))
        if lo is None or hi is None:
            return None
        if lo.value > hi.value:
            lo, hi = hi, lo
        iv = Interval(lo, hi)
        if m.group("ia") and m.group("ia").startswith("(不含"):
            iv.min_inclusive = False
        if m.group("ib"):
            iv.max_inclusive = not m.group("ib").startswith("(不含")
        return iv, _facts(_beside(cond, m))
    m = _BELOW.search(cond)
    if m and (marks or not m.group("mark")):
        n = _num(m.group("a"))
        if n is None:
            return None
        iv = Interval(max=n)
        if m.group("ia"):
            iv.max_inclusive = m.group("ia") == "(含)"
        return iv, _facts(_beside(cond, m))
    iv = Interval()
    facts = []
    found = False
    for part in re.split(r"且|并且|,|;|(?<=[\d%分])(?=或)", cond):  # 满意度<80%或未开展调查: 或… is a case of its own
        between = _between(part, marks)
        if between is not None:
            if iv.min is not None or iv.max is not None:
                return None
            iv, found = between, True
            continue
        t = find_threshold(part, marks)
        if t is None:
            if BUDGET_WITHIN.search(part):
                iv.max, iv.max_inclusive, found = Num(Decimal(100), "100", "%"), True, True
            elif part:
                facts.append(part)
            continue
        if t.op in ("≥", ">"):
            iv.min, found = t.value, True
            if t.op == ">":
                iv.min_inclusive = False
        elif t.op in ("≤", "<"):
            iv.max, found = t.value, True
            iv.max_inclusive = t.op == "≤"
        elif iv.min is None and iv.max is None:
            iv.min = iv.max = t.value      # 预算调整率=0
            iv.max_inclusive = found = True
        else:
            return None
    return (iv, facts) if found else None


def _facts(rest: str) -> list[str]:
    """The words beside an interval that state something (良好(80-89分) leaves “分)”, which does not)."""
    return [p for p in re.split(r"且|并且|,|;|之间", rest) if p and p != "的" and not re.fullmatch(r"[分%()的]+", p)]


def year_comparison(cond: str) -> str | None:
    """高于2023年 → "higher"; 与2023年基本持平 → "same"; 低于2023年 → "lower"."""
    if re.search(rf"(?:高于|超过|多于){_YEAR}", cond):
        return "higher"
    if re.search(rf"与{_YEAR}(?:基本)?持平", cond):
        return "same"
    if re.search(rf"(?:低于|少于){_YEAR}", cond):
        return "lower"
    return None


def subject_of(cond: str) -> str:
    """The measured quantity named first: 2024年公报创建栏目数覆盖… → 公报创建栏目数."""
    m = re.match(r"(?:\d{4}年)?(.+?(?:数|率|占比|额))", cond)
    return m.group(1) if m else cond


def enumeration(cond: str) -> list[str] | None:
    """申报及审批、编纂程序、质量管理等管理制度 → its items; 及 before the last item joins it."""
    m = re.search(r"([^,;。:]+?(?:、[^、,;。:]+)+)等", cond)
    if not m:
        return None
    parts = m.group(1).split("、")
    first = parts[0]
    for cut in ("的", "有", "具备"):
        if cut in first:
            first = first[first.rindex(cut) + len(cut):]
    parts[0] = first
    last = parts[-1]
    for joiner in ("及", "和", "以及"):
        if joiner in last:
            a, b = last.split(joiner, 1)
            parts[-1:] = [a, b]
            break
    return [p for p in parts if p] if all(parts) else None


_COUNT = re.compile(rf"(?P<pre>全部|按照|共|以上)?(?P<num>{NUMBER})(?P<unit>个方面|项|方面|个)(?P<post>条件|的制度|要点|要素|方面)?")


def item_count(cond: str, unit: str) -> int | None:
    """满足全部三项条件 → 3; 按照3个方面的制度 → 3 (the unit must match the counted one)."""
    for m in _COUNT.finditer(cond):
        u = m.group("unit").replace("个方面", "方面")
        if not (m.group("pre") or m.group("post")):
            continue
        if u != unit and not (unit == "项" and u == "个"):
            continue
        n = read_number(m.group("num") + "项")
        if n and n[0].value == int(n[0].value) and n[0].value > 0:
            return int(n[0].value)
    return None


COMPLEMENT = re.compile(r"(?:未|没有|不|否则|否者|低于|不足|少于|达不到|否)")
"""How a clause opens when it is the other case of the clause before (未完成的, 否则, 达不到要求)."""

_NEGATIONS = ("尚未", "未", "没有", "不", "没", "无")
_NOT_NEGATIONS = ("不良", "不法", "不正当", "不正之风", "不当", "不端", "无害化", "无偿", "无纸化", "无障碍", "无人机")


EVENTS = ("发现", "出现", "发生", "存在")


def negations(text: str, words: tuple[str, ...] = _NEGATIONS) -> list[int]:
    """Where the text negates (不真实), not counting words that only begin like a negation (不良影响, 无害化)."""
    return [m.start() for m in re.finditer("|".join(words), text) if not text.startswith(_NOT_NEGATIONS, m.start())]


def positive(fact: str) -> str:
    """项目未细化到具体实施内容 → 项目细化到具体实施内容 (a yes/no fact is named by its good case).
    A clause that reports an event with a negation in it is denied whole: 发现记录不真实等情形 →
    未发现记录不真实等情形 (the 不 belongs to what was found, not to the fact); so is a clause with two
    negations: 无编制依据或不全 → 未出现无编制依据或不全的情形."""
    head, comma, clause = fact.rpartition(",")
    if clause.startswith(EVENTS) and negations(clause):
        return f"{head}{comma}未{clause}"
    if len(negations(clause)) > 1 or negations(clause) and re.search(r"导致|造成|致使", clause):
        return f"{head}{comma}未出现{clause}的情形"  # 无编制依据或不全; 因审查不到位导致泄密: the whole case did not occur
    for neg in _NEGATIONS:
        at = negations(fact, (neg,))
        if at:
            return fact[:at[0]] + fact[at[0] + len(neg):]
    return fact


def negates(a: str, b: str) -> bool:
    """不符合要求 negates 符合要求."""
    return any(b == a.replace(neg, "", 1) or a == b.replace(neg, "", 1) for neg in _NEGATIONS if neg in a + b)


def condition_name(cond: str) -> str:
    """A condition as a name: without the preamble before 。/：/如, leading 若/如/对, trailing 的."""
    c = cond.rstrip(":,。")  # 合理: 2 分 — the colon closes the name; 反弹。得5分 — so does a full stop
    for stop in ("。", ":", "如,", "如:"):
        if stop in c:
            c = c[c.rindex(stop) + len(stop):]
    c = re.sub(r"^\((?:不)?含[^)]*\)", "", c).strip(",;。、").replace(",且", "且").replace(",并且", "并且")
    for lead in ("此外,", "若", "如果", "如", "对于", "对", "否则", "凡是", "凡", "一经", "一旦"):
        if c.startswith(lead):
            c = c[len(lead):]
    c = re.sub(r",?(?:则|即|再|另)?(?:此项指标|该项指标|本项指标|此项|该项|本项|该指标|本指标)?(?:直接)?$", "",
               c.strip(",;。"))  # …现象,此项不得分; …的,再扣5分; 若出现…,则该项指标不得分
    while c.endswith("的") or c.endswith(","):
        c = c[:-1]
    return c
