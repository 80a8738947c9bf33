"""The grammar of 评分标准: a sentence is a sequence of provisions, each a condition and an outcome.

::

    sentence   := (list | provision | remark)* trailing
    list       := (CIRCLED item-text? SEP?)+           ①符合…；②项目立项…；  or  要点①②③
    provision  := condition outcome                      the condition is the text since the last outcome
    outcome    := floor | cap | manual | formula | ratio | zero | deduct | share | award | levels
    floor      := "扣完" [NUM "分" | "权重分"] "为止"      扣完为止, 扣完10分为止, 扣完权重分为止
    cap        := "满分为止" | "最高" ("为" NUM | "以" … "为限") | "得分不得突破权重总额"
    manual     := "酌情" ["扣" [NUM "-" NUM] ] ["分"]     酌情扣分, 酌情扣0.5-2.0分
    formula    := "得分" ("=" | "等于" | "(") expr          得分=（A×40%+B×60%）×20/100
    ratio      := "按" … "比例" ("计算得分" | "计分" | "记分" | "赋分" | "计算")
    zero       := "不得分" | "得0分" | "得分等于0" | "分值为0"
    deduct     := ("扣除" | "扣减" | "扣" | "减") amount
    amount     := NUM "分" ["/" UNIT] | NUM "%" ["权重分"] | "全部权重分" | ("相应" | "对应") "权重分"
                | ("指标分值" | "权重分" | "该要点权重分值") "的" (NUM "%" | FRACTION)
                | "剩余权重分的" NUM "分"
    share      := ("各占" | "分别占" | "占" | "分别得到" | "得到") ["指标分值的" | "权重分的"] (NUM "%" | FRACTION) ["权重分"]
    award      := ("得" | "为" | "给予" | "记") ("满分" | "满权重分" | NUM "分" | NUM "~" NUM "分" | NUM "%" "权重分"
                | "相应权重分值") | NUM "分" (bare, after a condition)
    levels     := "分值区间" RANGE ("、" RANGE)*            100%-80%（含）、80%-60%（含）、60%-0%

NUM is an Arabic or Chinese numeral (十二, 两, 三分之一, 1/3, 4.17) with an optional unit
(个, 期, 次, 项, 万元, %, 个百分点 …). Conditions are read by their own small grammar
(:mod:`perfscore.ruletext.conditions`): thresholds, intervals, ``每…`` steps and plain facts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal
from decimal import Decimal

from .text import CIRCLED, SEPARATORS, Source, chinese_integer, decimal_of

# A number as written: Arabic (4.17, 1912), a fraction (1/3), or a Chinese numeral (十二, 两).
NUMBER = r"(?:\d+(?:\.\d+)?(?:/\d+)?|[零〇一二两三四五六七八九十百]+分之[一二三四五六七八九十]+|[一二两三四五六七八九十百]+)"
UNIT = (r"(?:个百分点|百分点|%|万元|元|人次|个工作日|工作日|个月|个村|个单位|个|期|次|项|份|人|家|档|条|处|件|天|方面|要素|分"
        r"|例|起|宗|户|张|笔|篇|种|村|周岁|岁|秒|名|所|台|套|批|场)")
_QUOTED_ITEM = re.compile(r"要点“([^“”]+)”")
_NUM_RE = re.compile(rf"(?P<num>{NUMBER})(?P<unit>{UNIT})?")


@dataclass(frozen=True)
class Num:
    """A number as written: its value, its spelling (``1/3`` stays a fraction) and unit."""

    value: Decimal
    text: str
    unit: str = ""

    @property
    def percent(self) -> bool:
        return self.unit in ("%", "个百分点", "百分点")


def read_number(text: str, at: int = 0, units: bool = True) -> tuple[Num, int] | None:
    """The number starting at ``at`` and where it ends; Chinese numerals only before a unit."""
    m = _NUM_RE.match(text, at)
    if not m:
        return None
    raw, unit = m.group("num"), (m.group("unit") or "") if units else ""
    end = m.end() if units else m.end("num")
    if "分之" in raw:
        den, num = raw.split("分之")
        if chinese_integer(den) in (None, 0) or chinese_integer(num) is None:
            return None  # 百分之一二, 零分之一: not a fraction
        return Num(decimal_of(num) / decimal_of(den), f"{decimal_of(num)}/{decimal_of(den)}", unit), end
    if not raw[0].isdigit():
        if not unit or unit in ("%", "分"):
            return None  # 一般, 一定: a Chinese numeral counts only before a classifier
        if raw == "十" and unit == "分" or chinese_integer(raw) is None:
            return None  # 一一项: no numeral
        value = decimal_of(raw)
    elif "/" in raw:
        a, b = raw.split("/")
        if Decimal(b) == 0:
            return None
        value = Decimal(a) / Decimal(b)
    else:
        value = Decimal(raw)
    return Num(value, raw if raw[0].isdigit() else str(value), unit), end


OutcomeKind = Literal["floor", "cap", "full", "input", "manual", "formula", "interp", "partial", "only", "ratio", "exempt",
                      "zero", "deduct", "share", "levels", "award", "bonus"]
"""The outcome families a clause can end in (得满分, 扣N分, 不得分, 按比例, 扣完为止 …)."""


@dataclass
class Outcome:
    kind: OutcomeKind
    start: int
    end: int
    amount: str | None = None  # "2" points, "10%" of the weight, "all", "corresponding", "1/3" of an item
    per_count: str = ""        # 扣0.5分/个 → "个"
    low: Num | None = None     # ranges: 得1~4分, 酌情扣0.5-2.0分, 为100%-80%
    high: Num | None = None
    expr: str = ""             # formula text as written
    ranges: list[tuple[Num, Num]] = field(default_factory=list)
    note: str = ""             # "item": the outcome concerns a 要点 (该要点不得分, 该要点权重分值的1/3)
    facts: list[str] = field(default_factory=list)  # 按公式计分：…（事实：A、B）


@dataclass
class ListItem:
    name: str
    start: int
    end: int
    points: str = ""           # ①已制定管理办法,1分: the item's own points, taken out of its name


@dataclass
class ItemList:
    items: list[ListItem]
    start: int
    end: int
    label: str                 # the text before the list (符合SMART原则)


@dataclass
class Provision:
    cond: str
    start: int                 # where the condition starts (normalised offset)
    outcome: Outcome
    lists: list[ItemList] = field(default_factory=list)  # lists read inside this provision's condition


@dataclass
class Sentence:
    source: Source
    provisions: list[Provision]
    remarks: list[tuple[str, int]]  # notes (注：…), "两项扣分累计计算", alternatives (也可…)
    trailing: str
    trailing_start: int
    tail_lists: list[ItemList] = field(default_factory=list)  # lists after the last outcome (or with none)


def _skip_paren(text: str, i: int) -> int:
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(text)


_BY_EXPRESSION = re.compile(r"按(?:照)?(?P<expr>[^,;。按]{1,40}?[×*](?:该指标|指标)?(?:分值|权重分?))"
                            r"(?:记分|计分|得分|赋分|计算得分|计算)")
_WHOLE = re.compile(r"[^得扣,;:。]+[×*÷/][^得扣,;:。]*(?:该指标分值|指标分值|权重分值|权重分|该项分值|分值)(?=$|[,;。.])")
"""A sentence that opens with its arithmetic, ending in the weight: 实际完成值/目标值×权重分，最高不超过权重分."""
_LINEAR = re.compile(r"(?:按)?(?:线性插值|线性内插|插值法?|内插法?|线性)(?:计算|计分|得分|赋分)")
"""之间按线性插值计算: the score runs straight from one stated point to the next (read with 按比例增分)."""
_BASE = re.compile(r"(?:得|给|记)(?:该项|该指标|本项)?(?:分数|分值)?的?基础分")
_BASE_IS = re.compile(r"(?:该项|该指标|本项|指标)?(?:分数|分值|满分)的(?P<n>\d+(?:\.\d+)?)%为基础分")
_OVER_HUNDRED = re.compile(r"(?:完成率)?(?:超过|大于|高于)100%(?:的)?(?:按|以)100%(?:计算|计)")
_REMARKS = ("两项扣分累计计算", "各项扣分累计计算", "扣分累计计算", "累计计算", "以此类推")
_AMOUNT_PREFIX = ("该指标分值的", "该指标权重分的", "该项分值的", "该要点权重分值的", "该要点权重分的", "指标分值的", "权重分值的", "权重分的", "剩余权重分的",
                  "分值的")
_FULL_WORDS = ("满权重分", "满分", "该指标所赋全部分值", "全部分值")


class Scanner:
    """Reads the outcomes of a normalised sentence; what lies between them are conditions."""

    def __init__(self, source: Source) -> None:
        self.src = source
        self.text = source.text

    def at(self, i: int, *words: str) -> str | None:
        for w in sorted(words, key=len, reverse=True):
            if self.text.startswith(w, i):
                return w
        return None

    def number(self, i: int, units: bool = True) -> tuple[Num, int] | None:
        return read_number(self.text, i, units)

    # --- outcomes ---------------------------------------------------------------------

    def outcome(self, i: int) -> Outcome | None:
        for reader in (self._floor, self._cap, self._declared, self._manual, self._formula, self._interp,
                       self._partial, self._ratio, self._zero, self._bonus, self._deduct, self._share, self._levels,
                       self._award):
            o = reader(i)
            if o is not None:
                return o
        return None

    def _floor(self, i: int) -> Outcome | None:
        t = self.text
        until = self.at(i, "直至扣完", "直到扣完", "扣完即止", "减完为止", "最多扣完为止", "最多扣完")
        if until:
            return Outcome("floor", i, i + len(until))
        if t.startswith("扣满", i):
            n = self.number(i + 2)
            if n and n[0].unit == "分" and t.startswith("为止", n[1]):
                return Outcome("floor", i, n[1] + 2, low=n[0])
        if not t.startswith("扣完", i):
            return None
        if i + 2 == len(t) or t[i + 2] in SEPARATORS:  # 未执行扣完: all of it; 每处扣1分,扣完: until none is left
            return Outcome("floor", i, i + 2) if i == 0 or t[i - 1] in SEPARATORS else Outcome("deduct", i, i + 2, amount="all")
        j = t.find("为止", i)
        if j < 0 or j - i > 12:
            return None
        middle = t[i + 2:j]
        if middle and not re.fullmatch(rf"(?:{NUMBER}分|权重分|全部分值|.{{0,6}}分)", middle):
            return None
        o = Outcome("floor", i, j + 2)
        n = self.number(i + 2)
        if n and n[0].unit == "分":
            o.low = n[0]
        return o

    def _cap(self, i: int) -> Outcome | None:
        w = self.at(i, "满分为止", "得分不得突破权重总额", "不得突破权重总额", "封顶", "最高不超过权重分值", "最高不超过权重分",
                    "最高不超过该指标分值", "最高不超过指标分值", "最高不超过分值", "最高不超过满分", "最高为满分", "以满分为限",
                    "最高得满分")
        if w:
            return Outcome("cap", i, i + len(w))
        m = _OVER_HUNDRED.match(self.text, i)
        if m:
            return Outcome("cap", i, m.end())  # 超过100%的按100%计算: the score stops at full marks
        w = self.at(i, "不加分", "不再加分", "不另加分", "不予加分")
        if w:
            return Outcome("cap", i, i + len(w), note="no_bonus")  # 超过目标值不加分: capped, if the clause is about exceeding
        if self.text.startswith("最高为", i):
            n = self.number(i + 3)
            if n:
                return Outcome("cap", i, n[1], low=n[0])
        if self.text.startswith("最高以", i):
            j = self.text.find("为限", i)
            if 0 < j - i < 40:
                return Outcome("cap", i, j + 2, expr=self.text[i + 3:j])
        return None

    def _declared(self, i: int) -> Outcome | None:
        """满分10分 (the rule's own full score); 以“未审核期数”计 (the fact it reads)."""
        t = self.text
        if t.startswith("满分", i):
            j = i + 2 + (1 if t.startswith("为", i + 2) else 0)
            n = self.number(j)
            if n and n[0].unit == "分":
                return Outcome("full", i, n[1], low=n[0])
        m = re.compile(rf"\(({NUMBER})分(?:\)|,(?=[^()]*\)))").match(t, i)
        if m and i > 0 and t[i - 1] not in SEPARATORS:
            n = self.number(i + 1)
            if n:
                # 合法率达92%(12分),下降…; 年内至少4次(4分,少一次扣1分): the full score, the clause goes on
                return Outcome("full", i, m.end(), low=n[0], note="aside", expr="(" if m.group(0)[-1] == "," else "")
        m = re.compile(r"(?:以|按)“([^“”]+)”(?:计|为实际值)").match(t, i)
        if m:
            return Outcome("input", i, m.end(), expr=m.group(1))
        return None

    def _interp(self, i: int) -> Outcome | None:
        m = re.compile(rf"在({NUMBER})分?(?:和|与|至)({NUMBER})分之间(?:计算确定|线性计算|按比例计算|计算)").match(self.text, i)
        if not m:
            return None
        return Outcome("interp", i, m.end(), low=Num(Decimal(m.group(1)), m.group(1), "分"),
                       high=Num(Decimal(m.group(2)), m.group(2), "分"))

    def _manual(self, i: int) -> Outcome | None:
        if not self.text.startswith("酌情", i):
            return None
        j = i + 2
        w = self.at(j, "扣除", "扣减", "扣", "减")
        o = Outcome("manual", i, j)
        if w:
            j += len(w)
            a = self.number(j, units=False)
            if a and self.text.startswith(("-", "~", "至"), a[1]):
                b = self.number(a[1] + 1)
                if b:
                    o.low, o.high = a[0], b[0]
                    j = b[1] - (1 if b[0].unit == "分" else 0)
        w2 = self.at(j, "扣分", "分", "打分", "评分", "给分", "赋分", "减分")
        if w2:
            j += len(w2)
        if j == i + 2:
            return None
        o.end = j
        return o

    def _formula(self, i: int) -> Outcome | None:
        t = self.text
        if t.startswith("按公式计分:", i):
            return self._verbatim(i, i + 6)
        w = self.at(i, "得分=", "得分等于", "得分为:", "得分(", "得分值=", "得分值等于")
        if not w and i == 0:
            whole = _WHOLE.match(t)
            if whole and re.search(r"[+\-÷/]|率[×*]", whole.group()):
                return Outcome("formula", 0, whole.end(), expr=whole.group())  # (总来源-取消-注销)÷总来源*指标分值
        if not w:
            return self._by_expression(i)
        if w == "得分等于" and t.startswith("0", i + 4) and not t[i + 5:i + 6].isdigit():
            return Outcome("zero", i, i + 5)
        start = i + len(w) - (1 if w.endswith("(") else 0)
        j, depth = start, 0
        while j < len(t):
            c = t[j]
            if c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            elif c in SEPARATORS and depth == 0:
                break
            j += 1
        expr = t[start:j]
        if not expr:
            return None
        return Outcome("formula", i, j, expr=expr)

    def _by_expression(self, i: int) -> Outcome | None:
        """按 完成值/指标值×分值 计分 (a formula); 按 B/A 或 A/B×该指标分值 记分 (正向 B/A, 反向 A/B: 按比例)."""
        m = _BY_EXPRESSION.match(self.text, i)
        if not m or not re.search(r"[/÷]|率[×*]", m.group("expr")):
            return None
        two_way = re.fullmatch(r"(\w+)[/÷](\w+)或\2[/÷]\1[×*](?:该指标|指标)?(?:分值|权重分?)", m.group("expr"))
        if two_way:
            return Outcome("ratio", i, m.end(), expr=m.group("expr"))
        return Outcome("formula", i, m.end(), expr=m.group("expr"))

    def _verbatim(self, i: int, start: int) -> Outcome | None:
        """按公式计分：<expression as written>（事实：A、B）— the canonical formula sentence."""
        t = self.text
        end = len(t)
        for stop in ("(事实:", ";", "。"):
            k = t.find(stop, start)
            if 0 <= k < end:
                end = k
        src = self.src
        expr = src.original[src.where(start):src.where(end - 1) + 1].strip() if end > start else ""
        o = Outcome("formula", i, end, expr=expr, note="verbatim")
        if t.startswith("(事实:", end):
            close = t.find(")", end)
            if close > 0:
                o.facts = t[end + 4:close].split("、")
                o.end = close + 1
        return o

    def _partial(self, i: int) -> Outcome | None:
        """不足一档按一档扣 (partial: ceil); 不足一档按比例扣 (partial: exact)."""
        m = re.compile(r"不足一档(?:的)?按(一档|比例)(?:扣|计|扣分|计算)").match(self.text, i)
        if not m:
            only = re.compile(r"仅(低于|超过)(?:标准)?时扣分").match(self.text, i)
            if only:
                return Outcome("only", i, only.end(), amount="below" if only.group(1) == "低于" else "above")
            return None
        return Outcome("partial", i, m.end(), amount="ceil" if m.group(1) == "一档" else "exact")

    def _ratio(self, i: int) -> Outcome | None:
        m = re.compile(r"按(?:照)?([^,;。]{0,14}?)(?:比例|比重|百分比)(?:(?P<up>增分|增加得分|递增|增加)|计算得分|计算得数|计算|记分|计分|赋分|"
                       r"得分|扣分|扣减)?").match(self.text, i)
        if not m:
            m = re.compile(r"按([^,;。]{0,8}?率)(?:乘以|×|\*)(?:该项|该指标|指标)?(?:分值|权重分?)(?:计分|计算|得分|记分)?").match(self.text, i)
        if not m:
            m = _LINEAR.match(self.text, i)
            return Outcome("ratio", i, m.end(), note="linear") if m else None
        note = "linear" if m.groupdict().get("up") else "deduct" if m.group(0).endswith(("扣分", "扣减")) else ""
        return Outcome("ratio", i, m.end(), expr=m.group(1), note=note)

    def _zero(self, i: int) -> Outcome | None:
        w = self.at(i, "该要点不得分", "不得分", "得0分", "为0分", "分值为0", "均不得分", "不给分", "不计分", "不记分", "全扣",
                    "均不计分", "记零分", "计零分", "记0分", "计0分", "得零分", "单项否决", "一票否决")
        if not w:
            return None
        if w == "全扣" and (i > 0 and self.text[i - 1] == "不" or i + 2 < len(self.text) and self.text[i + 2] not in SEPARATORS):
            return None               # 完不成的全扣 takes all; 不全扣1分 is 不全 then 扣1分
        o = Outcome("zero", i, i + len(w), note="item" if "要点" in w else "")
        alt = self.at(o.end, "或者扣相应的分数", "或扣相应的分数", "或者扣相应分数", ",并给予“一票否决”",
                      ",并给予一票否决", "并给予“一票否决”", "并实行一票否决")
        if alt:
            o.end += len(alt)
        return o

    def _bonus(self, i: int) -> Outcome | None:
        """加0.2分, 另加1分, 奖励2分 (points added to a base); 加分不超过0.5分, 最多加2分 (where adding stops);
        扣分不超过2分 (where deducting stops: a deduction whose condition is 最多)."""
        t = self.text
        m = re.compile(rf"(?:加分|扣分)(?:不超过|最多|最高|上限为?|至多)({NUMBER})分").match(t, i)
        if m is None:
            m = re.compile(rf"(?:最多|最高|至多)(加|扣)({NUMBER})分").match(t, i)
            if m is None or m.group(1) == "扣":
                m = None
        if m is not None:
            n = read_number(m.group(m.lastindex or 1) + "分")
            if n is None:
                return None
            if t.startswith("扣", i):
                return Outcome("deduct", i, m.end(), amount=n[0].text, note="at_most")
            return Outcome("cap", i, m.end(), low=n[0], note="bonus")
        w = self.at(i, "另加", "加计", "奖励", "加")
        if not w or (w == "加" and i > 0 and t[i - 1] in "增追叠附参施"):
            return None          # 增加1名 is a change, not points added
        n = self.number(i + len(w))
        if n is None or n[0].unit != "分":
            return None
        return Outcome("bonus", i, n[1], amount=n[0].text)

    def _deduct(self, i: int) -> Outcome | None:
        w = self.at(i, "扣除", "扣减", "倒扣", "扣", "减")
        if not w:
            return None
        j = i + len(w)
        r = re.compile(rf"({NUMBER})[-~至]({NUMBER})分").match(self.text, j)
        lo, hi = (read_number(r.group(1)), read_number(r.group(2))) if r else (None, None)
        if r and lo and hi and lo[0].value < hi[0].value:
            # 根据造成影响情况扣1-5分: the evaluator chooses the deduction between the two
            return Outcome("manual", i, r.end(), low=Num(lo[0].value, lo[0].text, "分"), high=Num(hi[0].value, hi[0].text, "分"))
        amount, j2, note = self._amount(j)
        if amount is None:
            return None
        o = Outcome("deduct", i, j2, amount=amount, note=note)
        m = re.compile(rf"/({UNIT})").match(self.text, j2)
        if m:
            o.per_count, o.end = m.group(1), m.end()
        return o

    def _amount(self, j: int) -> tuple[str | None, int, str]:
        w = self.at(j, "全部权重分值", "全部权重分", "全部分值", "全部得分")
        if w:
            return "all", j + len(w), ""
        w = self.at(j, "相应权重分值", "相应权重分", "对应权重分", "相应的权重分", "相应分值")
        if w:
            return "corresponding", j + len(w), ""
        prefix = self.at(j, *_AMOUNT_PREFIX) or ""
        n = self.number(j + len(prefix))
        if not n:
            return None, j, ""
        num, end = n
        note = "item" if prefix.startswith("该要点") else ""
        if prefix == "剩余权重分的" or num.unit == "分":
            return (num.text if num.unit == "分" else None), end, note
        if num.unit == "%":
            w = self.at(end, "权重分值", "权重分", "的权重分")
            return f"{num.text}%", end + len(w or ""), note
        if prefix and "/" in num.text:
            return num.text, end, note
        return None, j, ""

    def _share(self, i: int) -> Outcome | None:
        w = self.at(i, "各占", "分别占", "分别得到", "得到", "占")
        if not w:
            return None
        j = i + len(w)
        j += len(self.at(j, "指标分值的", "权重分的", "权重分值的", "分值的") or "")
        n = self.number(j)
        if not n or not (n[0].unit == "%" or "/" in n[0].text) or (n[0].unit == "%" and "/" in n[0].text):
            return None  # 各占1/4%: a fraction of a percent is no share
        j = n[1]
        j += len(self.at(j, "权重分值", "权重分", "的权重分") or "")
        amount = n[0].text + ("%" if n[0].unit == "%" else "")
        return Outcome("share", i, j, amount=amount, note="each" if w in ("各占", "分别占", "分别得到") else "")

    def _levels(self, i: int) -> Outcome | None:
        w = self.at(i, "对应分值区间", "分值区间")
        if not w:
            return None
        j = i + len(w)
        ranges = []
        while True:
            r = self._range(j)
            if not r:
                break
            ranges.append((r[0], r[1]))
            j = r[2]
            if j < len(self.text) and self.text[j] == "(":
                j = _skip_paren(self.text, j)  # (含) and (≥80%) annotate the bound already read
            if self.text.startswith("、", j):
                j += 1
                continue
            break
        if len(ranges) < 2:
            return None
        tail = self.at(j, "合理确定分值", "确定分值", "合理确定得分")
        return Outcome("levels", i, j + len(tail or ""), ranges=ranges)

    def _range(self, j: int) -> tuple[Num, Num, int] | None:
        a = self.number(j)
        if not a or self.text[a[1]:a[1] + 1] not in ("-", "~"):
            return None
        b = self.number(a[1] + 1)
        if not b:
            return None
        if not a[0].unit and b[0].unit in ("%", "分"):
            return Num(a[0].value, a[0].text, b[0].unit), b[0], b[1]  # 100-80%: the unit written once
        return a[0], b[0], b[1]

    def _award(self, i: int) -> Outcome | None:
        t = self.text
        even = self.at(i, "平分其余权重分", "平分剩余权重分")
        if even:
            return Outcome("award", i, i + len(even), amount="corresponding")
        base = _BASE.match(t, i)
        if base:
            return Outcome("award", i, base.end(), amount="base")       # 达70%以上得基础分
        base = _BASE_IS.match(t, i)
        if base and (i == 0 or t[i - 1] in SEPARATORS):
            return Outcome("award", i, base.end(), amount=f"{base.group('n')}%", note="base")  # 分值的80%为基础分
        m = re.compile(r"得(?:该项|该指标|本项)(?:分数|分值)?的?满分").match(t, i)
        if m:
            return Outcome("award", i, m.end(), amount="full")          # 得该项分数的满分
        w = self.at(i, "给予", "得", "为", "记", "计", "给", "赋予")
        if w:
            j = i + len(w)
            full = self.at(j, *_FULL_WORDS)
            if full:
                return Outcome("award", i, j + len(full), amount="full")
            if w == "得" and t.startswith("分", j) and (j + 1 == len(t) or t[j + 1] in SEPARATORS):
                return Outcome("award", i, j + 1, amount="full")  # 经费2000元以上得分,否则不得分
            if t.startswith("相应权重分值", j) or t.startswith("相应权重分", j):
                return Outcome("award", i, j + (6 if t.startswith("相应权重分值", j) else 5), amount="corresponding")
            r = self._range(j)
            if r and (r[1].unit == "分" or (r[0].unit == "%" and w == "为")):
                end = r[2] - 0
                return Outcome("award", i, end, low=r[0], high=r[1])
            n = self.number(j)
            if n:
                num, end = n
                if num.unit == "分":
                    return Outcome("award", i, end, amount=num.text)
                if num.unit == "%" and t.startswith(("权重分", "分值", "的分值"), end):
                    tail = self.at(end, "权重分值", "权重分", "的分值", "分值") or ""
                    return Outcome("award", i, end + len(tail), amount=num.text + "%")  # 得60%分值
                if num.unit == "%" and w == "得" and (end == len(t) or t[end] in SEPARATORS):
                    return Outcome("award", i, end, amount=num.text + "%")  # 开展一次的,得50%: of the weight
                if w == "为" and not num.unit and (end == len(t) or t[end] in SEPARATORS):
                    return Outcome("award", i, end, amount=num.text)
            return None
        # a bare score after a condition: 基本制度健全4分
        if i > 0 and ("\u4e00" <= t[i - 1] <= "\u9fff" and t[i - 1] not in "扣每缺少减" or t[i - 1] in ":,"):
            n = self.number(i)
            if n and n[0].unit == "分" and n[0].text[0].isdigit() and (n[1] == len(t) or t[n[1]] in SEPARATORS
                                                                      or t.startswith("(扣除", n[1])):
                if n[0].value == 0:
                    return Outcome("zero", i, n[1])  # 没有批准文件: 0 分
                return Outcome("award", i, n[1], amount=n[0].text, note="bare")
        return None

    def _ends_item(self, k: int) -> bool:
        o = self.outcome(k)
        return o is not None and o.kind != "award"

    def _points_ahead(self, k: int) -> bool:
        """①已制定管理办法,财务制度,1分;②…: the comma goes on inside an item whose points end it."""
        stop = len(self.text)
        for c in ";。" + CIRCLED:
            at = self.text.find(c, k)
            if 0 <= at < stop:
                stop = at
        seg = self.text[k:stop]
        return _ITEM_POINTS.search(seg) is not None and not re.search(r"扣|每|不得分", seg)

    # --- lists --------------------------------------------------------------------------

    def quoted_list(self, i: int, label: str) -> ItemList:
        """要点“资金”；要点“资产管理”… (the canonical form of items without circled numerals)."""
        rx = _QUOTED_ITEM
        items = []
        j = i
        while True:
            m = rx.match(self.text, j)
            if not m:
                break
            items.append(ListItem(m.group(1), m.start(), m.end()))
            j = m.end()
            if j < len(self.text) and self.text[j] in "、;" and rx.match(self.text, j + 1):
                j += 1
        return ItemList(items, i, j, label)

    def item_list(self, i: int, label: str) -> ItemList:
        t = self.text
        items = []
        j = i
        while j < len(t) and t[j] in CIRCLED:
            k = j + 1
            while k < len(t) and t[k] not in CIRCLED and (t[k] not in SEPARATORS or t[k] == "," and self._points_ahead(k + 1)):
                aside = re.compile(rf"\(({NUMBER})分\)").match(t, k)
                if aside:             # ①台账健全(2分);②…: the item's own points
                    k = aside.end()
                    break
                if t[k] == "每" or self._ends_item(k):
                    break
                if t[k] == "(":
                    k = _skip_paren(t, k)
                    continue
                k += 1
            name = t[j:k]
            points = _ITEM_POINTS.search(name)
            item = ListItem(name[:points.start()], j, k, points.group(1) or points.group(2)) if points else ListItem(name, j, k)
            items.append(item)
            if k < len(t) and t[k] in ";,。" and k + 1 < len(t) and t[k + 1] in CIRCLED:
                k += 1
            j = k
        return ItemList(items, i, j, label)


_ITEM_POINTS = re.compile(r"(?:[,:]?(?:得|计|为)?(\d+(?:\.\d+)?)分|\((\d+(?:\.\d+)?)分\))[,;。]?$")
_EXEMPT = ("可不扣分", "不扣分", "不予扣分", "可免于扣分", "免于扣分", "可免扣", "免扣")
_EVIDENCE = re.compile(r"以[^,;。]{1,40}?为准")
# 由一处数据错误造成两个以上数据错误的累计扣分 / …的按一处计: how the occurrences are counted, not a score
_COUNTING = re.compile(r"由(?:一|1)(?:处|个|项)[^,;。]{1,30}?(?:造成|导致|引起)[^,;。]{1,30}?的,?"
                       r"(?:累计扣分|分别扣分|按一处(?:计算|计|扣分)|只扣一次|不重复扣分)")
# 其他部门得分为专业部门得分的平均分: how other units than the one this rule scores are scored, not this rule
_OTHERS = re.compile(r"其他(?:部门|单位|地区|县区|县\(市、区\)|乡镇|科室)(?:的)?得分(?:为|按|取)[^,;。]{1,30}?(?:平均分|平均值|均值)")
_ENUM = re.compile(r"(?:\d{1,2}[.、]|\(\d{1,2}\))(?=[\u4e00-\u9fff])")


def scan(source: Source) -> Sentence:
    """Split a normalised sentence into provisions (condition + outcome), lists and remarks."""
    sc = Scanner(source)
    t = source.text
    provisions: list[Provision] = []
    remarks: list[tuple[str, int]] = []
    lists: list[ItemList] = []
    cond = ""
    cond_start = 0
    i = 0

    def flush(upto: int) -> None:
        nonlocal cond
        cond += t[i_mark[0]:upto]

    i_mark = [0]
    opened: set[int] = set()
    body = t.rstrip("。.;")
    close = -1
    if t.startswith("(") and not t.startswith("(注") and _skip_paren(t, 0) == len(body) and len(body) > 2:
        close = len(body) - 1     # (未公开的不得分;未及时公开的扣2分。): the whole sentence in brackets
        i = i_mark[0] = cond_start = 1
    while i < len(t):
        c = t[i]
        if i == close:
            flush(i)
            i = i_mark[0] = i + 1
            continue
        if c == "(" and t.startswith(("(注", "(即该项", "(以前年度"), i):
            end = _skip_paren(t, i)
            flush(i)
            remarks.append((t[i:end], i))
            i = i_mark[0] = end
            continue
        if (i == 0 or t[i - 1] in "。;") and t.startswith(("注:", "说明:", "备注:"), i) \
                and not re.search(r"扣|得满分|不得分|\d分", t[i:]):
            flush(i)                  # …;注:供水老旧管网指…(to the end, no score in it): a note, not a clause
            remarks.append((t[i:], i))
            i = i_mark[0] = len(t)
            continue
        if c in CIRCLED and not cond.strip(",;。:") and i_mark[0] == i and not any(x in CIRCLED for x in t[i + 1:]):
            i = i_mark[0] = i + 1     # ②乡镇领导班子中…: one numeral numbering the sentence, not a list
            cond_start = i
            continue
        if c in CIRCLED or _QUOTED_ITEM.match(t, i):  # 要点“ with no closing ” is no item: it would never end
            flush(i)
            il = sc.item_list(i, cond) if c in CIRCLED else sc.quoted_list(i, cond)
            lists.append(il)
            cond = ""
            i = i_mark[0] = il.end
            continue
        at_clause_start = i == 0 or t[i - 1] in SEPARATORS or t[i - 1] in "分。"
        m = _ENUM.match(t, i) if at_clause_start else None
        if m:
            flush(i)
            i = i_mark[0] = m.end()
            if not cond.strip(",;。:"):
                cond_start = i
            continue
        r = sc.at(i, *_REMARKS)
        if not r and at_clause_start:
            evidence = _EVIDENCE.match(t, i) or _COUNTING.match(t, i) or _OTHERS.match(t, i)  # 以…为准: what proves it
            r = evidence.group(0) if evidence else None
        if r:
            flush(i)
            remarks.append((r, i))
            i = i_mark[0] = i + len(r)
            continue
        o = sc.outcome(i)
        exempt = sc.at(i, *_EXEMPT) if o is None else None
        if exempt and (cond + t[i_mark[0]:i]).strip(",;。:").startswith("但"):
            o = Outcome("exempt", i, i + len(exempt))  # 但…高于平均占比加5%的,可不扣分
        if (o is not None and o.note == "aside" and not o.expr and o.end >= len(body) and o.low is not None
                and (cond + t[i_mark[0]:i]).strip(",;。:")):
            o = Outcome("award", o.start, o.end, amount=o.low.text, note="bare")  # 年内至少开展2次培训(2分): its score
        if o is not None and o.note == "aside":
            flush(i)                  # the condition goes on after “(12分)”
            provisions.append(Provision("", i, o))
            if o.expr == "(":         # (4分,少一次扣1分): the bracket closes after the clauses it opened
                opened.add(_skip_paren(t, i) - 1)
                cond += ","
            i = i_mark[0] = o.end
            continue
        if i in opened:
            flush(i)
            i = i_mark[0] = i + 1
            continue
        if o is not None:
            flush(i)
            provisions.append(Provision(cond, cond_start, o, lists))
            lists = []
            cond = ""
            i = i_mark[0] = o.end
            cond_start = i
            continue
        i += 1
    flush(len(t))
    sentence = Sentence(source, provisions, remarks, cond, cond_start)
    if lists:  # a list after the last outcome: nothing says what it scores (unless its items give points)
        sentence.trailing_start = lists[0].start
        sentence.trailing = t[lists[0].start:]
        sentence.tail_lists = lists
    return sentence
