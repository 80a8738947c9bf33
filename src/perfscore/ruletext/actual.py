"""Reading one 实际完成值 as written into the facts a rule needs.

A 自评表 has one 实际完成值 cell; the officer writes what was found: ``迟报2天``, ``发现3处``,
``1起``, ``少“A”1条,少B2条``, ``账实相符,白条顶库3张``, ``有露天焚烧秸秆现象``, ``是``. The rule read
from the 评分标准 names the facts it needs (``白条顶库张数``, ``账实相符``). This module splits the
cell into mentions (at ``,`` and ``;``), reads each mention's number and unit and whether it
denies (未/不/没有/无/否), and gives each fact the mention that shares most words with it:

- a count fact takes the mention's number (``3张`` → 3); a mention that denies, or says the good
  case (按时, 及时, 齐全, 相符), gives 0;
- a yes/no fact (named by its good case: ``账实相符``) is 否 when its mention denies it, 是 otherwise;
- a fact no mention speaks of is the good case: count 0, yes/no 是 — the cell records what was
  found, and what it does not mention was not found;
- with one fact and one mention the mention is that fact's, whatever its words;
- a mention naming a degree (一般, 严重 …) never goes to a fact naming another degree;
- a numbered mention that matches no fact goes to the one fact left that takes a number, if there is one;
- a number whose mention matches no fact, or matches two facts equally, is refused
  (:class:`ActualTextError`): the reader never guesses which fact a number belongs to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Callable

from ..errors import PerfscoreError
from .conditions import EVENTS, negations
from .grammar import UNIT, read_number
from .text import CIRCLED, normalise

if TYPE_CHECKING:
    from ..targets import Target

COUNT = "count"    # how many times something was found: 3处, 迟报2天
FLAG = "flag"      # yes/no named by its good case (账实相符): 是 unless the mention denies it
RISK = "risk"      # yes/no named by its bad case (有露天焚烧现象): 否 unless a mention says it
NUMBER = "number"  # a quantity with its unit: 总来源100万元

_DENIALS = ("没有", "未", "不", "无", "否", "非", "缺")
_GOOD = ("按时", "按期", "如期", "按计划", "及时", "齐全", "相符", "符合", "合格", "到位", "全部完成", "均完成", "没有发现", "未发现", "达到", "达标",
         "良好")
_DEGREES = ("一般", "较大", "重大", "特别重大", "严重", "轻微", "较重")  # degrees of a fault or an accident
_OPPOSITE = {"上升": ("下降", "降低", "减少"), "增加": ("减少", "下降", "降低"), "提高": ("降低", "下降"),
             "下降": ("上升", "增加", "提高"), "减少": ("增加", "上升"), "降低": ("提高", "上升", "增加")}
_HOW_FOUND = re.compile(r"发现|出现|存在|发生|经查实|查实")
_FILLER = set("的了和与及或等、每个项次处条件张户例起宗在中内对被其他有关问题情况要求按")
_NUMBER_RE = re.compile(rf"(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)({UNIT})?")


class ActualTextError(PerfscoreError):
    """The actual as written cannot be read into the rule's facts without guessing."""


@dataclass(frozen=True)
class Mention:
    text: str
    number: Decimal | None
    unit: str
    denies: bool


def mentions(actual: str) -> list[Mention]:
    """The parts of an actual cell: ``少A1条,少B2条`` → two mentions with their numbers."""
    from ..limits import MAX_RULE_TEXT

    if len(actual) > MAX_RULE_TEXT:
        raise ActualTextError(f"实际完成值过长（{len(actual)}个字符，上限{MAX_RULE_TEXT}）")
    text = normalise(actual).text
    out = []
    for part in re.split(r"[,;。()]", text):  # 2起较大事故(未超控制指标): the aside is a mention of its own
        if not part:
            continue
        number, unit = None, ""
        for m in _NUMBER_RE.finditer(part):
            n = read_number(part, m.start())
            if n is None or n[0].percent and number is not None:
                continue
            if number is None or (not n[0].percent and unit in ("%", "")):
                number, unit = n[0].value, n[0].unit
        if number is None and re.match(r"(?:零|0)[\u4e00-\u9fff]", part):
            number = Decimal(0)       # 零失误, 零发案: none of it happened
        denies = bool(negations(part, _DENIALS))
        out.append(Mention(part, number, unit, denies))
    return out


def _words(text: str) -> set[str]:
    """Characters and pairs of characters that name something (not 的, 每, 项 …, nor how it was found: 发现)."""
    text = _HOW_FOUND.sub("", text)
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff" and c not in _FILLER and c not in "没未不无否非"]
    return set(chars) | {a + b for a, b in zip(chars, chars[1:])}


def _affinity(fact: str, m: Mention) -> int:
    if _contradicts(fact, m):
        return 0
    shared = _words(fact) & _words(m.text)
    return sum(2 if len(w) == 2 else 1 for w in shared)


def _contradicts(fact: str, m: Mention) -> bool:
    """The mention names a degree the fact does not (一般问题3项 is not 严重表述性错误的项数)."""
    said = {w for w in _DEGREES if w in m.text}
    named = {w for w in _DEGREES if w in fact}
    return bool(said and named and not said & named)


def read(actual: str, facts: dict[str, str], alike: Callable[[str, str], bool] = lambda a, b: False) -> dict[str, str]:
    """The value of each fact (name → COUNT / FLAG / NUMBER) read from one actual cell.

    ``alike(a, b)``: the facts score the same whichever of them a number belongs to (两项都是每张扣0.5分):
    a number matching both equally is then given to the first, since the score cannot differ."""
    ms = mentions(actual)
    if not ms:
        raise ActualTextError(f"实际完成值“{actual}”是空的")
    names = list(facts)
    if len(names) == 1 and len(ms) == 1:
        chosen = {names[0]: ms[0]}
    elif len(names) == 1 and facts[names[0]] == COUNT and all(m.number is not None and _affinity(names[0], m) > 0
                                                             for m in ms):
        # 每少出台一种意见或少研究一次: 少出台2种意见,少研究2次 are one count; a count of what was short takes
        # only the parts that say what was short (全年巡查3次,有1个季度未巡查 → 1)
        short = [m for m in ms if m.denies or re.search(r"少|缺", m.text)] if re.search(r"少|缺|未|不足", names[0]) else []
        total = sum((m.number for m in (short or ms) if m.number is not None), Decimal(0))
        return {names[0]: str(total)}
    else:
        chosen = _assign(ms, facts, alike)
    return {f: _value(f, facts[f], chosen.get(f), actual) for f in names}


def _assign(ms: list[Mention], facts: dict[str, str], alike: Callable[[str, str], bool]) -> dict[str, Mention]:
    """Each fact's mention, by the words they share; a number no fact can be told from is refused."""
    names = list(facts)
    chosen: dict[str, Mention] = {}
    counted = any(k in (COUNT, NUMBER) for k in facts.values())

    def weight(f: str, m: Mention) -> int:
        a = _affinity(f, m)
        # 发现2处 is a count: a yes/no fact takes a number only on more than one character in common
        # (现 of 发现 and of 露天焚烧现象 says nothing)
        if a < 2 and counted and facts[f] in (FLAG, RISK) and m.number is not None:
            return 0
        if a and m.number is not None and m.unit and facts[f] == COUNT and f.endswith(m.unit.removeprefix("个") + "数"):
            a += 3                # 发现2项不合规 counts 项 as 不合规项数 does
        return a

    def covered(f: str, m: Mention) -> Fraction:
        """How much of the fact's own clause the mention says (无制度 is all of 制度, part of 制度健全;
        完不成 all of …,协调解决问题,完成)."""
        words = _words(f.rpartition(",")[2])
        return Fraction(len(words & _words(m.text)), len(words) or 1)

    pairs = sorted(((weight(f, m), i, f, m) for f in names for i, m in enumerate(ms)),
                   key=lambda x: (-x[0], -covered(x[2], x[3]), x[1]))
    used: set[int] = set()
    for i, m in enumerate(ms):  # ③类2例: the numeral names the clause
        numbered = [f for f in names if m.text[:1] in CIRCLED and f.startswith(m.text[0])]
        if len(numbered) == 1 and numbered[0] not in chosen:
            chosen[numbered[0]] = m
            used.add(i)
    best = {i: max(s for s, j, _, _ in pairs if j == i) for i in range(len(ms))}
    tied = {i for i in best if best[i] and sum(1 for s, j, _, _ in pairs if j == i and s == best[i]) > 1}
    # mentions that name one fact best are placed first; a mention without a number that speaks of
    # several equally (造成不良影响), one of them already taken, says more of that one
    for score, i, f, m in [x for x in pairs if x[1] not in tied] + [x for x in pairs if x[1] in tied]:
        if score == 0 or f in chosen or i in used:
            continue
        if m.number is None and any(sc == best[i] and g in chosen for sc, j, g, _ in pairs if j == i and g != f) \
                or score < best[i] and m.number is None:
            continue  # 发生业主投诉,造成不良影响: the second part says more of the fact the first took
        rivals = [g for s, j, g, _ in pairs if j == i and s == score and g != f and g not in chosen
                  and not alike(f, g)]
        if rivals and m.number is not None:
            raise ActualTextError(f"实际完成值中的“{m.text}”与“{f}”“{rivals[0]}”同样相关，"
                                  "说不清是哪一项的数：请用 --fact 名称=值 分别给出")
        chosen[f] = m
        used.add(i)
    stray = [m for i, m in enumerate(ms) if i not in used and m.number is not None and m.number != 0]
    free = [f for f in names if f not in chosen and facts[f] in (COUNT, NUMBER)]
    if len(stray) == 1:
        free = [f for f in free if not _contradicts(f, stray[0])]
    if len(stray) == 1 and free and all(alike(free[0], g) for g in free):
        # the one fact that takes a number (其他问题2次 beside the yes/no 成果与实际相符), or facts
        # scoring the same whichever it is (粘贴不规范每张扣0.5分, 未分类整理每张扣0.5分: 4张)
        chosen[free[0]] = stray[0]
    elif stray:
        raise ActualTextError(f"实际完成值中的“{stray[0].text}”说不清是“{'”“'.join(names)}”中哪一项的数："
                              "请用 --fact 名称=值 分别给出")
    return chosen


def _value(fact: str, kind: str, m: Mention | None, actual: str) -> str:
    if m is None:
        return {COUNT: "0", FLAG: "是", RISK: "否"}.get(kind) or _missing(fact, actual)
    if kind in (FLAG, RISK):
        answer = re.search(r"为“?(是|否)”?$", fact)
        if answer and m.text in ("是", "否"):
            return "是" if m.text == answer.group(1) else "否"  # 结果为“否”: the answer 否 meets it
        if m.text in ("是", "有", "否", "无"):
            return "是" if m.text in ("是", "有") else "否"
        event = _event(fact)
        if event is not None:  # 未发现记录不真实等情形: 未发现 is 是; 发现…1次, 记录不真实 say it happened
            if m.text in ("无", "没有") or re.match(r"(?:未|没有|无)(?:发现|出现|发生|存在)", m.text):
                return "是"
            happened = m.text.startswith(EVENTS) or bool(m.number) or m.denies == any(d in event for d in _DENIALS)
            return "否" if happened else "是"
        if not m.denies and any(g in m.text for g in _GOOD):
            return "是"  # 符合规定, 按时报送: the good case in other words
        # 账实不符 denies 账实符; 红灯 is the case the fact 无信访投诉亮红灯 denies
        return "是" if m.denies == fact.startswith(_DENIALS) else "否"
    if kind == COUNT and any(fact.startswith(up) and any(w in m.text for w in downs) for up, downs in _OPPOSITE.items()):
        return "0"  # 下降2% under 上升百分点数: it did not go up
    if m.number is not None and not (kind == COUNT and m.unit == "%" and not fact.endswith("百分点数")):
        return f"{m.number}{m.unit}"  # 均≥97% is no count of months
    if kind == COUNT and not m.text.startswith(("无", "没有", "未发现", "未出现", "不存在")) \
            and any(m.text[k:k + 3] in fact for k in negations(m.text, _DENIALS)):
        return "1"  # 程序不规范 under 依据不充分或程序不规范项数: the thing counted, said once
    if kind == COUNT and (m.denies or any(g in m.text for g in _GOOD)
                          or any(d in fact for d in ("未", "没有", "不"))
                          or (re.search(r"少|缺|漏", fact) and re.search(r"全部|均|都", m.text))):
        return "0"  # 未发现, 按时报送; 全部处理 for 未处理例数, 会议全部参加 for 参加会议少次数: none short
    if kind == COUNT and _affinity(fact, m) > 0:
        return "1"  # 有露天焚烧现象: the thing counted happened, once as written
    raise ActualTextError(f"实际完成值“{actual}”中没有“{fact}”的数")


def _event(fact: str) -> str | None:
    """The event a yes/no fact denies (未发现记录不真实等情形 → 发现记录不真实等情形), if it is one."""
    clause = fact.rpartition(",")[2].lstrip(CIRCLED)
    return clause[1:] if clause.startswith("未") and clause[1:].startswith(EVENTS) else None


def _missing(fact: str, actual: str) -> str:
    raise ActualTextError(f"实际完成值“{actual}”中没有说到“{fact}”")


def single(actual: str, flag: bool) -> str:
    """The actual a rule reads itself, from a cell that says more than the value: ``延迟3个工作日``
    → ``3个工作日``, ``第3名`` → ``3名``; for a yes/no rule ``不及时`` → 否, ``有宣传标语`` → 是.
    A cell that is already a value (95%, 是) is returned as it is."""
    from ..targets import parse_value

    v = parse_value(actual)
    if (v.flag is not None if flag else v.number is not None):
        return actual
    ms = mentions(actual)
    if flag:
        if len(ms) == 1:
            return "否" if ms[0].denies else "是"
        raise ActualTextError(f"实际完成值“{actual}”说了不止一件事，看不出是还是否")
    counted = [m for m in ms if m.number is not None]
    if len(counted) == 1:
        return f"{counted[0].number}{counted[0].unit}"
    if not counted and len(ms) == 1 and (ms[0].denies or any(g in ms[0].text for g in _GOOD)):
        return "0"
    raise ActualTextError(f"实际完成值“{actual}”中{'没有数' if not counted else '有不止一个数'}，说不清哪个是实际完成值")


_COMPLETION = re.compile(r"完成(?:率|度|程度|比例|[^,;\d]{0,8}?的)?(?:为|达|达到)?(\d+(?:\.\d+)?)%$")


def completion(actual: str, rated: bool = False) -> str | None:
    """The completion degree an actual states itself (完成80%, 完成进度目标的75%, 退养完成75%; 完成任务,
    全部…实现… as 100%) as a percent, or None when the cell says something else (80%, 查处8例). ``rated``:
    the sentence scores by a rate (按实际完成率×权重计分), so a bare percentage (80%, 完成率80%) is that rate."""
    text = normalise(actual).text.rstrip("。")
    m = _COMPLETION.search(text)
    if m:
        return f"{m.group(1)}%"
    bare = re.fullmatch(r"(?:[\u4e00-\u9fff]{0,6}率)?(\d+(?:\.\d+)?)%", text)
    if rated and bare:
        return f"{bare.group(1)}%"  # 按实际完成率×权重计分, 实际 80%: the rate the sentence scores by
    whole = re.fullmatch(r"(?:已|均已|均|已经)?(?:全部|全面)?完成(?:全部|全年)?(?:任务|目标|计划)?", text)
    if whole or (text.startswith(("全部", "均已")) and not any(d in text for d in _DENIALS)
                 and not re.search(r"\d", text)):
        return "100%"  # 完成任务, 全部水库实现人放天养: all of it was done
    return None


def unmet_of_count(rule: dict[str, Any], actual: str) -> str | None:
    """For 要点 (listed, or given as a count: 覆盖全部12个乡镇得满分,每少1个扣0.5分 → 12 items), the items not met
    read from a count written in the cell: 覆盖10个乡镇 → 2, 少2个 / 缺1项 → 2 / 1. None when the cell gives no one
    count, or names items (the evaluator's --unmet says which)."""
    given = rule.get("items")
    if rule.get("kind") != "checklist" or not isinstance(given, (int, list)):
        return None
    items = given if isinstance(given, int) else len(given)
    counted = [m for m in mentions(actual) if m.number is not None and m.unit not in ("%", "个百分点", "百分点")]
    if len(counted) != 1 or counted[0].number is None or not 0 <= counted[0].number <= items:
        return None
    n = counted[0].number
    short = counted[0].denies or re.search(r"少|缺|差", counted[0].text)
    return str(int(n if short else items - n)) if n == n.to_integral_value() else None


def named_level(level: str, facts: dict[str, str]) -> dict[str, str]:
    """A level word the evaluator chose (未及时公开, 红灯) among yes/no deductions: the clause it names
    happened (its good-case fact is 否), the others did not. Refused when it names none or several."""
    from .conditions import positive

    said = normalise(level).text
    good = positive(said)
    hits = [f for f in facts if facts[f] in (FLAG, RISK) and (good == f or said in f.removeprefix("无")
                                                             or (good != said and good in f))]
    exact = [f for f in hits if f == good or f.removeprefix("无") == said]
    hits = exact or hits
    if len(hits) != 1:
        what = "都不合" if not hits else f"同时合于“{'”“'.join(hits)}”"
        raise ActualTextError(f"评为“{level}”：与评分标准的各条（“{'”“'.join(facts)}”）{what}，说不清是哪一条")
    return {f: ("否" if f == hits[0] else "是") if k in (FLAG, RISK) else "0" for f, k in facts.items()}


def as_written(rule: dict[str, Any], actual: str | None, facts: dict[str, str], unmet: str | None,
               level: str | None, target: Target | None) -> tuple[str | None, dict[str, str], str | None]:
    """The actual, facts and level a rule (as a dict) is scored with, from what the evaluator wrote:
    the facts the cell speaks of (迟报2天, 少A1条,少B2条), a count of 要点 not met for a count fact,
    a level word naming the clause that happened, a numeric actual judged against the target for a
    yes/no rule, and an actual that says more than its value (延迟3个工作日 → 3个工作日)."""
    named = dict(facts)
    kinds = {n: k for n, k in fact_kinds(rule).items() if n not in named}
    itself = reads_actual(rule)
    if actual is not None and rule.get("kind") == "boolean" and target is not None and target.value is not None:
        actual = _met(target, actual)  # 达不到要求不给分: the target says what 要求 is
    if actual is not None and rule.get("kind") == "rank" and kinds:
        # 第3名 beside 占比为0的不得分: the place is the actual; a case the cell does not report did not happen
        named.update(_facts_beside(actual, kinds))
        named.update({f: "否" for f, k in kinds.items() if k == RISK and f not in named})
    elif actual is not None and kinds and not itself:
        named.update(read(actual, kinds, _alike(rule)))
    elif actual is None and unmet is not None and unmet.strip().isdigit() and list(kinds.values()) == [COUNT]:
        named[next(iter(kinds))] = unmet.strip()  # 每缺一项: the count of 要点 not met
    elif actual is None and unmet is not None and unmet.strip().isdigit() and kinds and _alike_flags(rule, kinds):
        n = int(unmet.strip())  # 未建立机制的扣2分,未落实举措的扣2分: any n of them, the same score
        if n > len(kinds):
            raise ActualTextError(f"未达到{n}项，但评分标准只有{len(kinds)}条")
        named.update({f: ("否" if k < n else "是") for k, f in enumerate(kinds)})
    elif level is not None and kinds and rule.get("kind") != "qualitative":
        named.update(named_level(level, kinds))
    if actual is not None and rule.get("kind") == "bands" and kinds and all(k in (FLAG, RISK) for k in kinds.values()):
        named.update(_facts_beside(actual, kinds))
        if all(m.number is None for m in mentions(actual)):
            itself = False            # 台账已齐全: the words are the facts'; the value itself is not written
    if actual is not None and rule.get("relative") and rule.get("kind") == "bands" and _MEETS.fullmatch(
            normalise(actual).text):
        actual = "100%"  # 符合要求: the requirement met is 100% of it
    if actual is not None and itself:
        actual = single(actual, flag=rule.get("kind") == "boolean")
    if level is not None and rule.get("kind") == "qualitative":
        level = _level_named(rule, level)
    elif actual is not None and rule.get("kind") == "qualitative" and not rule.get("input"):
        said = _level_named(rule, actual)  # 控制在预算范围内 for the level 项目成本控制在预算范围内
        if said != actual and said in {lv["name"] for lv in rule.get("levels", ())}:
            actual, level = None, said
    return actual, named, level


_MEETS = re.compile(r"(?:已)?(?:符合|达到|满足|完成)(?:规定数?|要求|目标值?|任务数?|标准|目标任务)")


def _facts_beside(actual: str, kinds: dict[str, str]) -> dict[str, str]:
    """Yes/no facts of bands that read the actual itself (≥80%且台账齐全; 完成率<80%,或无学员): each from the
    mention without a number that speaks of it most (台账已齐全, 无学员). A fact no such mention speaks of
    stays unknown (refused, never guessed) — except an absence beside a written value: 无学员 or 未开展抽检
    is not the case when the cell gives the rate that only exists with them."""
    ms = mentions(actual)
    words = [m for m in ms if m.number is None]
    out = {}
    for fact, kind in kinds.items():
        best = max(words, key=lambda m: _affinity(fact, m), default=None)
        if best is not None and best.text in ("是", "有", "否", "无"):
            out[fact] = _value(fact, kind, best, actual)
        elif best is not None and _affinity(fact, best) > 0:
            # the mention says the fact when it denies as the fact does (污泥已无害化处理, 未开展抽检)
            out[fact] = "否" if any(best.text.count(d) != fact.count(d) for d in _DENIALS) else "是"
        elif kind == RISK and fact.startswith(("无", "未", "没有", "没")) and any(m.number is not None for m in ms):
            out[fact] = "否"
    return out


def fact_kinds(rule: dict[str, Any]) -> dict[str, str]:
    """The facts a rule reads and what kind of value each is (see :mod:`.actual`)."""
    kind = rule.get("kind")
    out: dict[str, str] = {}
    if rule.get("input"):
        counted = kind == "step" and str(rule.get("reference")) == "0" and rule.get("direction") == "above"
        out[rule["input"]] = FLAG if kind == "boolean" else COUNT if counted else NUMBER
    for part in rule.get("parts", ()):
        out.update(fact_kinds(part))
    for band in rule.get("bands", ()):
        if band.get("requires"):
            out[band["requires"]] = FLAG
        if band.get("also_when"):
            out[band["also_when"]] = RISK
    if rule.get("zero_if"):
        out[rule["zero_if"]] = RISK   # 名次…,占比为0的不得分: the case that takes the score
    for item in rule.get("items", ()) if isinstance(rule.get("items"), list) else ():
        if isinstance(item, dict) and item.get("rule"):
            out.update(fact_kinds(item["rule"]))
    expr = rule.get("expr", "")
    for fact in rule.get("facts", ()):
        name = re.escape(fact)
        if re.search(rf"floor\({name} / ", expr):
            out[fact] = COUNT  # min(floor(增加名数 / 1) * 0.05, 0.5): how many times it happened
        elif re.search(rf"\b0 if (?:[^:]*? and )?{name}(?! *[<>=!])", expr):
            out[fact] = RISK
        elif re.search(rf"(?:if|and|or|not) {name}(?! *[<>=!])", expr):
            out[fact] = FLAG
        elif re.search(rf"\b0 if (?:[^:]*? or )?{name} *>=? *\d", expr):
            out[fact] = COUNT         # 0 if 失效链接数 >= 8 or …: things found, none when the cell says nothing of them
        else:
            out[fact] = NUMBER
    return out


def reads_actual(rule: dict[str, Any]) -> bool:
    """Whether the rule reads the actual itself (not only named facts, 要点 or a level)."""
    kind = rule.get("kind")
    if kind == "sum":
        return any(reads_actual(p) for p in rule["parts"])
    if kind == "formula":
        return re.search(r"\bactual\b", rule.get("expr", "")) is not None
    return kind in ("step", "ratio", "bands", "boolean") and not rule.get("input")


def _alike(rule: dict[str, Any]) -> Callable[[str, str], bool]:
    """Whether two counted facts of a sum deduct the same per step (so a number may be either's)."""
    steps = {p["input"]: (p.get("per"), str(p.get("deduct")), p.get("deduct_max"), p.get("full"))
             for p in rule.get("parts", ()) if p.get("kind") == "step" and p.get("input")}
    return lambda a, b: a in steps and steps.get(a) == steps.get(b)


def _alike_flags(rule: dict[str, Any], kinds: dict[str, str]) -> bool:
    """Whether the rule is yes/no deductions of one amount (so which n are unmet does not matter)."""
    parts = rule.get("parts", [rule])
    return (all(k == FLAG for k in kinds.values()) and all(p.get("kind") == "boolean" for p in parts)
            and len({str(p.get("deduct")) for p in parts}) == 1)


def _met(target: Target, actual: str) -> str:
    """是 when a numeric actual meets the target (≥, >, ≤, <, =), else 否; other text as it is."""
    from ..targets import parse_value

    n, v = parse_value(actual).number, target.value
    if n is None or v is None:
        return actual
    op = target.op or ("≤" if target.reverse else "≥")
    met = {"≥": n >= v, ">": n > v, "≤": n <= v, "<": n < v, "=": n == v}.get(op, n >= v)
    return "是" if met else "否"


def _level_named(rule: dict[str, Any], level: str) -> str:
    """The level the evaluator wrote, or the one level whose name ends with it (执行好 for 制度完善,执行好)
    or has it as one of its alternatives (次数不达标 for 次数不达标或无针对性)."""
    names = [lv["name"] for lv in rule.get("levels", ())]
    said = normalise(level).text
    if level in names or said in names:
        return level if level in names else said
    bare = [n for n in names if re.sub(r"\([^()]*\)", "", n) == said]
    if len(bare) == 1:
        return bare[0]  # 有科室,未落实培训任务 for the level 有科室,未落实培训任务(无全科专业基地除外)
    begins = [n for n in names if normalise(n).text.startswith(said)]
    if len(said) >= 4 and len(begins) == 1:
        return begins[0]  # 达到Ⅲ类 for the level 达到III类以上(含III类)水体
    opens = [n for n in names if len(n) >= 2 and said.startswith(normalise(n).text)]
    if len(opens) == 1:
        return opens[0]  # 发生1起 for the level 发生
    ends = [n for n in names if n.endswith(said)]
    if len(ends) == 1:
        return ends[0]
    either = [n for n in names if said in re.split(r"或者|或", normalise(n).text)]
    return either[0] if len(either) == 1 else level  # 次数不达标 for the level 次数不达标或无针对性


def all_met(actual: str | None, unmet: str | None) -> bool:
    """The evaluator says the condition was met: 是, or no 要点 unmet."""
    from ..targets import parse_value

    return (actual is not None and parse_value(actual).flag is True) or (unmet is not None and unmet.strip() == "0")
