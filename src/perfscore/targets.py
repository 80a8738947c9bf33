"""Targets (年度指标值) and actuals (实际完成值) as finance officers write them.

``≥95%``, ``>=95``, ``≧735人次``, ``=12期``, ``＝100%``, ``≤3万元``, ``<5%``, ``100``, ``95%``
parse to an operator, a Decimal and a unit; ``全年``, ``提升``, ``=确保`` are qualitative.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .numbers import normalize_text, parse_decimal, fmt

_OPS = {"≥": "≥", ">=": "≥", "≧": "≥", ">": ">", "=": "=", "==": "=", "≤": "≤", "<=": "≤",
        "≦": "≤", "<": "<"}
_OP_RE = re.compile(r"^(>=|<=|==|≥|≧|≤|≦|>|<|=)")
_NUM_RE = re.compile(r"^([+-]?\d[\d,]*(?:\.\d+)?|[+-]?\.\d+)\s*(.*)$")
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
    m = _OP_RE.match(s)
    op = None
    if m:
        op = _OPS[m.group(1)]
        s = s[m.end():].strip()
    n = _NUM_RE.match(s)
    if n:
        value = parse_decimal(n.group(1))
        unit = n.group(2).strip()
        if unit and not re.match(r"^[%\u3400-\u9fffA-Za-z/²³]+$", unit):
            raise ValueError(f"目标值“{raw}”无法识别：数字后的单位“{unit}”不合规")
        return Target(text=raw, op=op, value=value, unit=unit)
    if not s:
        raise ValueError(f"目标值“{raw}”无法识别：缺少数值")
    if op is None or _CJK_RE.match(s):
        return Target(text=raw, op=None, value=None, unit="")
    raise ValueError(f"目标值“{raw}”无法识别：“{op}”后应为数字，实为“{s}”")


@dataclass(frozen=True)
class Value:
    """A parsed actual: a number (with unit), a yes/no, or a word."""

    text: str
    number: Decimal | None = None
    unit: str = ""
    flag: bool | None = None

    def show(self) -> str:
        if self.number is not None:
            return f"{fmt(self.number)}{self.unit}"
        return self.text


def parse_value(raw: object) -> Value:
    """``95%`` → 95 (%); ``26400份``; ``3.25万元``; ``是``/``否``/true/false; other text stays a word."""
    if isinstance(raw, bool):
        return Value(text="是" if raw else "否", flag=raw)
    if isinstance(raw, (int, Decimal)):
        d = parse_decimal(raw)
        return Value(text=fmt(d) or "", number=d)
    text = str(raw)
    s = normalize_text(text).replace("％", "%")
    n = _NUM_RE.match(s)
    if n and (not n.group(2) or re.match(r"^[%\u3400-\u9fffA-Za-z/²³]+$", n.group(2).strip())):
        return Value(text=text, number=parse_decimal(n.group(1)), unit=n.group(2).strip())
    if s in TRUE_WORDS:
        return Value(text=text, flag=True)
    if s in FALSE_WORDS:
        return Value(text=text, flag=False)
    return Value(text=text)
