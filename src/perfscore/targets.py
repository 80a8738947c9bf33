"""Targets (年度指标值) and actuals (实际完成值) as finance officers write them.

``≥95%``, ``>=95``, ``≧735人次``, ``=12期``, ``＝100%``, ``≤3万元``, ``<5%``, ``100``, ``95%``,
``不少于12 种``, ``3万元以内``, ``≤2万元/件``, ``>=530元/人*月`` parse to an operator, a Decimal and a
unit; ``2022年12月30日``, ``11月底前``, ``完成时间为2022年12月30日`` to a deadline; ``全年``, ``提升``,
``=确保`` are qualitative.

Actuals are read against their target (:func:`read_actual`): the target's notation repeated
(``≥90%``), a fraction in a rate column (``0.958`` for 95.8%), 万/亿 against the target's unit
(``18000元`` against ``≤2万元``), Chinese numerals (``十二期``), ``200余人``, full-width digits and
signs, dates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .numbers import HUNDRED, ZERO, fmt, normalize_text, parse_decimal

_OPS = {"≥": "≥", ">=": "≥", "≧": "≥", ">": ">", "=": "=", "==": "=", "≤": "≤", "<=": "≤",
        "≦": "≤", "<": "<",
        "不少于": "≥", "不低于": "≥", "不小于": "≥", "大于等于": "≥", "至少": "≥", "大于": ">", "高于": ">",
        "超过": ">", "不超过": "≤", "不高于": "≤", "不大于": "≤", "小于等于": "≤", "最多": "≤", "控制在": "≤",
        "小于": "<", "低于": "<", "等于": "="}
_OP_RE = re.compile(r"^(>=|<=|==|≥|≧|≤|≦|>|<|=|不少于|不低于|不小于|大于等于|至少|不超过|不高于|不大于|小于等于|最多|"
                    r"控制在|大于|高于|超过|小于|低于|等于)")
_SYMBOLS = ("≥", ">=", "≧", "≤", "<=", "≦", ">", "<", "=", "==")
_OP_SUFFIX = {"及以上": "≥", "以上": "≥", "及以下": "≤", "以下": "≤", "以内": "≤"}
_NUM_RE = re.compile(r"^([+-]?\d[\d,]*(?:\.\d+)?|[+-]?\.\d+)\s*(.*)$")
_UNIT_RE = re.compile(r"^[^\d\s]*$")          # 万元, 元/人*月, 万元/件, m², 个百分点: anything without digits
_ABOUT = re.compile(r"^(余|多)(?=\S)")          # 200余人 → 200 人 (at least 200)
PLACEHOLDER = re.compile(r"\*\*|XX|xx|ＸＸ|＊＊")
_CJK_RE = re.compile(r"^[\u3400-\u9fff（）()、，\s]+$")
TRUE_WORDS = {"是", "true", "True", "有", "达到", "完成", "符合", "yes"}
FALSE_WORDS = {"否", "false", "False", "无", "未达到", "未完成", "不符合", "no"}


@dataclass(frozen=True)
class Target:
    """A parsed target. ``value`` is None for a qualitative target."""

    text: str
    op: str | None = None
    value: Decimal | None = None
    unit: str = ""
    strict: bool = False        # ``equality: strict``: ``=N`` means exactly N, a deviation either way counts
    deadline: Date | None = None  # a date target (完成时间为2022年12月30日, 11月底前): met on or before it

    @property
    def exact(self) -> bool:
        return self.strict and self.op == "=" and self.value != 0

    @property
    def qualitative(self) -> bool:
        return self.value is None

    @property
    def reverse(self) -> bool:
        """反向: lower is better (≤ <, or =0)."""
        return self.op in ("≤", "<") or (self.op == "=" and self.value == 0)

    def show(self) -> str:
        if self.value is None:
            return self.text
        return f"{self.op or ''}{fmt(self.value)}{self.unit}"


def parse_target(text: str | int | Decimal) -> Target:
    """Parse a printed target; ValueError with a Chinese reason when it looks numeric but is not."""
    if not isinstance(text, str):
        return Target(text=fmt(parse_decimal(text)) or "", op=None, value=parse_decimal(text))
    raw = text
    s = normalize_text(text).replace("％", "%")
    if PLACEHOLDER.search(s):
        return Target(text=raw)         # a template left unfilled (≥**平方米): loads, and PS213 flags it
    when = parse_date(s)
    if when is not None:
        return Target(text=raw, op="≤", deadline=when)
    op, s = _operator(s)
    n = _NUM_RE.match(s)
    if n:
        value = parse_decimal(n.group(1))
        unit = _ABOUT.sub("", n.group(2).strip())
        if not _UNIT_RE.match(unit):
            raise ValueError(f"目标值“{raw}”无法识别：数字后的单位“{unit}”不合规")
        return Target(text=raw, op=op, value=value, unit=unit)
    if not s:
        raise ValueError(f"目标值“{raw}”无法识别：缺少数值")
    if op is None or _CJK_RE.match(s):
        return Target(text=raw, op=None, value=None, unit="")
    raise ValueError(f"目标值“{raw}”无法识别：“{op}”后应为数字，实为“{s}”")


def _operator(s: str) -> tuple[str | None, str]:
    """The comparison written before the number (≥, 不少于) or after it (以上, 以内), and the rest."""
    m = _OP_RE.match(s)
    if m:
        rest = s[m.end():].strip()
        if m.group(1) in _SYMBOLS or rest[:1].isdigit() or rest[:1] in "+-.":
            return _OPS[m.group(1)], rest
    for word, op in _OP_SUFFIX.items():
        if s.endswith(word) and _NUM_RE.match(s[: -len(word)].strip()):
            return op, s[: -len(word)].strip()
    return None, s


# ---------------------------------------------------------------- dates

Date = tuple[int | None, int, int | None]      # (year or None, month, day or None)
_DATE_RE = re.compile(r"(?:(\d{4})\s*(?:年|[.\-/]))?\s*(\d{1,2})\s*(?:月|[.\-/](?=\s*\d))\s*(?:(\d{1,2})\s*[日号]?)?")
_YEAR_END = re.compile(r"^(?:(\d{4})\s*年)?\s*(年底|年末)")
_DATE_FILLER = re.compile(r"^(完成|时间|日期|为|于|在|前|以前|之前|底|末|月底|月末|截止|截至|到|止|内|以内|"
                          r"全部|按时|按期|及时|年度|的|之|:|是|上旬|中旬|下旬|已|\s)*$")


def parse_date(text: str) -> Date | None:
    """``2022年12月30日``, ``2021.12.31``, ``11月底前``, ``年底前``, ``完成时间为2022年12月30日``,
    ``2021年12月完成`` → (year, month, day); None when the text is not a date (or says more than one)."""
    s = normalize_text(text)
    m = _YEAR_END.search(s)
    if m and _DATE_FILLER.match(s[:m.start()] + s[m.end():]):
        return (int(m.group(1)) if m.group(1) else None, 12, 31)
    found = list(_DATE_RE.finditer(s))
    if len(found) != 1:
        return None
    m = found[0]
    if not m.group(1) and "月" not in m.group(0):
        return None                    # 12.5 is a number, not a date
    year = int(m.group(1)) if m.group(1) else None
    month = int(m.group(2))
    day = int(m.group(3)) if m.group(3) else None
    if not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    if not _DATE_FILLER.match(s[:m.start()] + s[m.end():]):
        return None
    return (year, month, day)


def on_time(actual: Date, deadline: Date) -> bool:
    """Done by the deadline? A month without a day is read in the actual's favour (its first day
    against the deadline's last); a missing year compares month and day only."""
    ay, am, ad = actual
    ty, tm, td = deadline
    a = (am, ad or 1)
    t = (tm, td or 31)
    if ay is not None and ty is not None:
        return (ay, *a) <= (ty, *t)
    return a <= t


def show_date(d: Date) -> str:
    y, m, day = d
    return f"{f'{y}年' if y else ''}{m}月{f'{day}日' if day else ''}"


@dataclass(frozen=True)
class Value:
    """A parsed actual: a number (with unit), a yes/no, a date, or a word."""

    text: str
    number: Decimal | None = None
    unit: str = ""
    flag: bool | None = None
    notation: str | None = None     # a target's operator repeated in the actual (≥90%): PS212
    date: Date | None = None
    note: str = ""                  # how the number was read, when not as printed (0.958 → 95.8%)

    def show(self) -> str:
        if self.number is not None:
            return f"{fmt(self.number)}{self.unit}"
        return self.text


def parse_value(raw: object) -> Value:
    """``95%`` → 95 (%); ``26400份``; ``3.25万元``; ``≥90%`` → 90 (%, notation ≥); ``是``/``否``/true/false;
    ``2021年12月`` → a date; other text stays a word."""
    if isinstance(raw, bool):
        return Value(text="是" if raw else "否", flag=raw)
    if isinstance(raw, Decimal):       # computed (an 执行率 of 3824.26/4753.66) or bounded when read: as it is
        return Value(text=fmt(raw) or "", number=raw)
    if isinstance(raw, int):
        d = parse_decimal(raw)
        return Value(text=fmt(d) or "", number=d)
    text = str(raw)
    s = normalize_text(text).replace("％", "%")
    notation = None
    m = _OP_RE.match(s)
    if m and m.group(1) in _SYMBOLS:
        notation, s = m.group(1), s[m.end():].strip()
    when = parse_date(s)
    if when is not None:
        return Value(text=text, date=when)
    n = _NUM_RE.match(s)
    if n:
        unit = _ABOUT.sub("", n.group(2).strip())
        for word, op in _OP_SUFFIX.items():         # 95%以上: the number, with the notation of a target
            if unit.endswith(word):
                unit, notation = unit[: -len(word)].strip(), notation or op
                break
        if _UNIT_RE.match(unit):
            try:
                number = parse_decimal(n.group(1))
            except ValueError:               # beyond the bounds of perfscore.limits: read as words
                return Value(text=text)
            return Value(text=text, number=number, unit=unit, notation=notation)
    if s in TRUE_WORDS:
        return Value(text=text, flag=True)
    if s in FALSE_WORDS:
        return Value(text=text, flag=False)
    return Value(text=text)


_SCALE = {"千": Decimal(1000), "万": Decimal(10000), "百万": Decimal(1000000), "亿": Decimal(100000000)}


def _scaled(number: Decimal, unit: str, target_unit: str) -> Decimal | None:
    """``18000`` 元 in 万元 → 1.8; None when the units are not one base with 千/万/亿 before it."""
    def split(u: str) -> tuple[Decimal, str]:
        for prefix in sorted(_SCALE, key=len, reverse=True):
            if u.startswith(prefix) and len(u) > len(prefix):
                return _SCALE[prefix], u[len(prefix):]
        return Decimal(1), u
    fa, base_a = split(unit)
    ft, base_t = split(target_unit)
    if base_a != base_t or fa == ft:
        return None
    return number * fa / ft


def read_actual(raw: object, target: Target | None) -> Value:
    """The actual as a number comparable with its target where the table makes that possible:
    ``0.958`` in a rate column (target ≥95%) is 95.8%, ``18000元`` against ``≤2万元`` is 1.8万元,
    ``十二期`` is 12期. Without a numeric target the actual is read as printed."""
    v = parse_value(raw)
    if target is None or target.value is None:
        return v
    if v.number is None and v.flag is None and v.date is None:
        cn = chinese_number(normalize_text(v.text))
        if cn is not None and cn[1] in ("", target.unit):   # 十二期 against =12期; never 一般 or 一致
            v = Value(text=v.text, number=cn[0], unit=cn[1], note=f"“{v.text}”读作{fmt(cn[0])}{cn[1]}")
        else:
            v = _number_in_words(v, target)
    if v.number is None:
        return v
    tunit = target.unit
    if tunit == "%" and not v.unit and target.value > 1 and ZERO < v.number <= 1 and not isinstance(raw, int):
        pct = v.number * HUNDRED
        return Value(text=v.text, number=pct, unit="%", notation=v.notation, note=f"{fmt(v.number)}读作{fmt(pct)}%")
    if v.unit and tunit and v.unit != tunit:
        scaled = _scaled(v.number, v.unit, tunit)
        if scaled is not None:
            return Value(text=v.text, number=scaled, unit=tunit, notation=v.notation,
                         note=f"{fmt(v.number)}{v.unit}={fmt(scaled)}{tunit}")
    return v


_IN_WORDS = re.compile(r"(?<![\d.])(\d[\d,]*(?:\.\d+)?)\s*(%|[^\d\s，,。；;、:：()（）]{0,6})")


def _number_in_words(v: Value, target: Target) -> Value:
    """``完成12期`` against ``=12期``, ``满意度达到98.5%`` against ``≥90%``: the one number of the sentence
    in the target's unit. A sentence with no such number, or several, stays words."""
    found = [(m.group(1), m.group(2)) for m in _IN_WORDS.finditer(normalize_text(v.text))]
    if len(found) != 1:
        return v
    number, unit = found[0]
    unit = _ABOUT.sub("", unit)
    if target.unit and not unit.startswith(target.unit) or not target.unit and unit:
        return v
    try:
        d = parse_decimal(number)
    except ValueError:
        return v
    return Value(text=v.text, number=d, unit=target.unit, note=f"从“{v.text}”读出{fmt(d)}{target.unit}")


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_RE = re.compile(r"^([零〇一二两三四五六七八九十百千万亿]+)(.*)$")


def chinese_number(text: str) -> tuple[Decimal, str] | None:
    """``十二期`` → (12, 期), ``一百二十人`` → (120, 人), ``三万`` → (30000, ""); None otherwise."""
    m = _CN_RE.match(text)
    if not m or not _UNIT_RE.match(m.group(2).strip()):
        return None
    total = section = digit = 0
    seen = False
    for ch in m.group(1):
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
            seen = True
        elif ch in _CN_UNITS:
            section += (digit or 1) * _CN_UNITS[ch]
            digit = 0
            seen = True
        else:                                 # 万 / 亿
            if not seen:
                return None
            total += (section + digit) * (10000 if ch == "万" else 100000000)
            section = digit = 0
    if not seen:
        return None
    return Decimal(total + section + digit), m.group(2).strip()
