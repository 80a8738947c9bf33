"""What every rule kind shares: options model, inputs, result, reachable scores.

Option values keep their YAML spelling in the schema: an amount is ``0.1`` (points) or
``10%`` (a share of the weight), a share is ``25%``, ``1/3`` or ``0.25``. Each is an
``Annotated`` type that parses the text into Decimals once, at load, and serializes back
to the same spelling; a float is refused so that no binary fraction enters the scoring.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, getcontext, localcontext
from typing import Annotated, Any, Callable, ClassVar, Mapping, Union

from pydantic import BaseModel, ConfigDict, PlainSerializer, PlainValidator, WithJsonSchema

from ..errors import RuleInputError, Unrated
from ..numbers import HUNDRED, ZERO, fmt, parse_decimal, round_half_up
from ..targets import Target, Value, parse_value, read_actual

_NUMBER_TEXT = r"^\s*[+-]?(\d[\d,]*(\.\d+)?|\.\d+)\s*$"


def _text(raw: object, what: str) -> str:
    """The text of a YAML scalar; floats are refused (they were never written as text)."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int, Decimal)):
        raise ValueError(f"{what}应写成数字或文字，实为“{raw!r}”")
    if isinstance(raw, Decimal):
        return format(raw, "f")
    return str(raw).strip().replace("％", "%")


def parse_number(raw: object) -> Decimal:
    """A Decimal option (``10``, ``1,912``, ``0.1``) from its text; never from a float."""
    return parse_decimal(_text(raw, "数值"))


def parse_share(raw: object) -> Decimal:
    """``25%`` → 0.25, ``1/3`` → 1/3, ``0.25`` → 0.25; ValueError otherwise."""
    text = _text(raw, "比例")
    if text.endswith("%"):
        value = parse_decimal(text[:-1]) / HUNDRED
    elif "/" in text:
        a, b = text.split("/", 1)
        if parse_decimal(b) == 0:
            raise ValueError(f"比例“{text}”的分母不能为0")
        value = parse_decimal(a) / parse_decimal(b)
    else:
        value = parse_decimal(text)
    if value < 0:
        raise ValueError(f"比例不能为负数，实为“{text}”")
    return value


def parse_bound(raw: object) -> Decimal:
    """A band bound: ``90`` or ``90%`` (percentage points, the same value 90)."""
    text = _text(raw, "区间端点")
    return parse_decimal(text[:-1] if text.endswith("%") else text)


def show_share(value: Decimal) -> str:
    """0.25 → '25%'; 1/3 → '33.33%' (display only)."""
    return f"{fmt(round_half_up(value * HUNDRED))}%"


@dataclass(frozen=True)
class Amount:
    """Points (``0.1``) or a share of the weight (``10%`` = 扣10%权重分)."""

    value: Decimal
    share: bool = False

    def points(self, weight: Decimal) -> Decimal:
        return weight * self.value / HUNDRED if self.share else self.value

    def show(self) -> str:
        return f"{fmt(self.value)}%权重分" if self.share else f"{fmt(self.value)}分"

    def text(self) -> str:
        """The YAML spelling: '10%' or '0.1'."""
        return f"{fmt(self.value)}%" if self.share else fmt(self.value) or "0"


def parse_amount(raw: object) -> Amount:
    """``0.1`` / ``2分`` → 0.1 points; ``10%`` → 10% of the weight; ValueError when negative."""
    if isinstance(raw, Amount):
        return raw
    text = _text(raw, "分值").removesuffix("分").strip()
    share = text.endswith("%")
    value = parse_decimal(text[:-1] if share else text)
    if value < 0:
        raise ValueError(f"分值不能为负数，实为“{raw}”")
    return Amount(value, share=share)


_AMOUNT_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": "number", "minimum": 0},
              {"type": "string", "pattern": r"^\s*(\d+(\.\d+)?|\.\d+)\s*[%％]?\s*分?\s*$"}],
    "description": "分数（如 0.1）或权重分的百分比（如 10%）",
}
_SHARE_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": "number", "minimum": 0},
              {"type": "string", "pattern": r"^\s*(\d+(\.\d+)?\s*[%％]?|\d+\s*/\s*\d+)\s*$"}],
    "description": "比例：25%、1/3 或 0.25",
}
_BOUND_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^\s*[+-]?(\d+(\.\d+)?|\.\d+)\s*[%％]?\s*$"}],
    "description": "数值，可带 %（95% 与 95 同值）",
}
_NUMBER_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": "number"}, {"type": "string", "pattern": _NUMBER_TEXT}],
}

AmountField = Annotated[Amount, PlainValidator(parse_amount), PlainSerializer(Amount.text, return_type=str),
                        WithJsonSchema(_AMOUNT_SCHEMA)]
"""An amount option as written in YAML: ``0.1`` points or ``10%`` of the weight."""
Share = Annotated[Decimal, PlainValidator(parse_share), PlainSerializer(show_share, return_type=str),
                  WithJsonSchema(_SHARE_SCHEMA)]
"""A share option as written in YAML: ``25%``, ``1/3`` or ``0.25``."""
Bound = Annotated[Decimal, PlainValidator(parse_bound), PlainSerializer(fmt, return_type=str),
                  WithJsonSchema(_BOUND_SCHEMA)]
"""A bound on the actual: ``90`` or ``90%``."""
Number = Annotated[Decimal, PlainValidator(parse_number), PlainSerializer(fmt, return_type=str),
                   WithJsonSchema(_NUMBER_SCHEMA)]
"""A plain Decimal option, from text or an integer, never from a float."""


@dataclass(frozen=True)
class ScoreSet:
    """Scores a rule can produce: some points plus closed intervals."""

    points: frozenset[Decimal] = frozenset()
    intervals: tuple[tuple[Decimal, Decimal], ...] = ()

    @staticmethod
    def between(low: Decimal, high: Decimal) -> ScoreSet:
        return ScoreSet(intervals=((low, high),))

    def __or__(self, other: ScoreSet) -> ScoreSet:
        return ScoreSet(self.points | other.points, self.intervals + other.intervals)

    def contains(self, value: Decimal, tolerance: Decimal = ZERO) -> bool:
        if any(abs(value - p) <= tolerance for p in self.points):
            return True
        return any(lo - tolerance <= value <= hi + tolerance for lo, hi in self.intervals)

    @property
    def maximum(self) -> Decimal:
        return max([*self.points, *(hi for _, hi in self.intervals)], default=ZERO)

    def show(self) -> str:
        parts = [fmt(p) or "" for p in sorted(self.points, reverse=True)]
        parts += [f"{fmt(lo)}~{fmt(hi)}" for lo, hi in self.intervals]
        return "/".join(parts)


@dataclass
class Inputs:
    """Everything a rule may read for one indicator."""

    weight: Decimal
    target: Target | None = None
    actual: Any = None                 # the raw 实际完成值 (number, text or bool)
    level: str | None = None           # a qualitative level named by the evaluator
    chosen: Decimal | None = None      # a score chosen by the evaluator (qualitative, manual, 1~4分)
    unmet: tuple[str, ...] | int | None = None  # checklist items not met (names or a count)
    items: Mapping[str, Any] = field(default_factory=dict)  # per-item actuals for nested rules
    facts: Mapping[str, Any] = field(default_factory=dict)  # named facts (indicator, then evaluation)
    reason: str | None = None

    # The parsed values, each kept with the raw value it was parsed from (compared by identity,
    # so assigning a new actual or fact is never answered from a stale parse).
    _parsed: dict[str | None, tuple[Any, Value]] = field(default_factory=dict, init=False, repr=False,
                                                         compare=False)

    def value(self, name: str | None = None) -> Value:
        """The actual (or the named fact) parsed, once per Inputs; RuleInputError when it is absent."""
        if name is None:
            raw = self.actual
            if raw is None:
                raise RuleInputError("缺少实际完成值")
        else:
            if name not in self.facts:
                raise RuleInputError(f"缺少事实“{name}”的取值")
            raw = self.facts[name]
        seen = self._parsed.get(name)
        if seen is not None and seen[0] is raw:
            return seen[1]
        v = parse_value(raw) if name is not None else read_actual(raw, self.target)
        self._parsed[name] = (raw, v)
        return v

    def number(self, name: str | None = None) -> Decimal:
        return self._number(self.value(name), name)

    @staticmethod
    def _number(v: Value, name: str | None) -> Decimal:
        if v.number is None:
            what = f"“{name}”" if name else "实际完成值"
            from ..lexicon import outcome

            if name is None and (v.flag is not None or outcome(v.text) is not None):
                raise Unrated("PS218", f"定量指标的实际完成值写作“{v.text}”，不是数值，无法核对是否达到目标；"
                                       f"请填写实际数值")
            raise RuleInputError(f"{what}应为数字，实为“{v.text}”")
        return v.number

    def measured(self, name: str | None = None) -> tuple[Decimal, str]:
        """The number read and the unit to print with it: its own, else the target's (only for
        the actual itself: a named fact is not measured in the target's unit)."""
        v = self.value(name)
        number = self._number(v, name)
        if v.unit or name is not None or self.target is None or self.target.value is None:
            return number, v.unit
        return number, self.target.unit

    def flag(self, name: str | None = None) -> bool:
        """A yes/no actual or fact (是/否); RuleInputError otherwise."""
        v = self.value(name)
        if v.flag is None:
            what = f"事实“{name}”" if name else "实际完成值"
            raise RuleInputError(f"{what}应为是/否，实为“{v.text}”")
        return v.flag


Text = Union[str, Callable[[], str]]
"""An explanation, or a zero-argument function that builds it (see :func:`deferred`)."""


def deferred(build: Callable[[], str]) -> Callable[[], str]:
    """``build`` to be called later, in the decimal context that is current now.

    A deferred text must capture values, not variables that change afterwards."""
    context = getcontext()

    def text() -> str:
        with localcontext(context):
            return build()
    return text


class LazyExplanation:
    """The one lazy explanation: ``text`` is a string, or a function (from :func:`deferred`) called on
    the first read of :attr:`explanation` and replaced by what it returns, so that scoring never
    formats a sentence nobody reads."""

    __slots__ = ()        # Scored keeps its slots; a subclass provides ``text`` (a slot or a dataclass field)
    text: Text

    @property
    def explanation(self) -> str:
        text = self.text
        if not isinstance(text, str):
            text = self.text = text()  # type: ignore[misc]  # the subclass's slot or field
        return text

    @explanation.setter
    def explanation(self, value: str) -> None:
        self.text = value  # type: ignore[misc]


class Scored(LazyExplanation):
    """An unrounded score and the one-line Chinese explanation of its arithmetic (lazy when a function)."""

    __slots__ = ("score", "text")

    def __init__(self, score: Decimal, explanation: Text) -> None:
        self.score = score
        self.text = explanation if isinstance(explanation, str) else deferred(explanation)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Scored):
            return NotImplemented
        return self.score == other.score and self.explanation == other.explanation

    def __hash__(self) -> int:
        return hash((self.score, self.explanation))

    def __repr__(self) -> str:
        return f"Scored(score={self.score!r}, explanation={self.explanation!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Scored, (self.score, self.explanation))


class Rule(BaseModel):
    """Base options of every rule kind."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: str
    full: Number | None = None        # 满分 as the rule states it ("基本制度健全4分"); default: the weight
    input: str | None = None          # read this named fact instead of the actual

    title: ClassVar[str] = ""

    def max_points(self, weight: Decimal) -> Decimal:
        return self.full if self.full is not None else weight

    def score(self, inp: Inputs) -> Scored:  # pragma: no cover - abstract
        raise NotImplementedError

    def reachable(self, weight: Decimal, target: Target | None = None) -> ScoreSet:
        """Every score this rule can give (continuous rules: the interval [0, max])."""
        return ScoreSet.between(ZERO, self.max_points(weight))

    def names(self) -> set[str]:
        """Facts this rule reads (checked against the evaluation)."""
        return {self.input} if self.input else set()


def clamp(value: Decimal, high: Decimal) -> Decimal:
    return max(ZERO, min(value, high))


def floored(full: Decimal, deduction: Decimal) -> tuple[Decimal, str]:
    """full − deduction, not below 0, and the note '，扣完为止' when the floor applied."""
    if deduction > full:
        return ZERO, "，扣完为止"
    return full - deduction, ""


@dataclass(frozen=True)
class Example:
    """One documented case of a rule kind: the module docstring shows :meth:`line`, the tests run it.

    ``expect`` is the score rounded half-up to 0.01 as scoring prints it, or ``无效：<message>``
    for an input the rule rejects.
    """

    rule: Mapping[str, Any]
    weight: str
    expect: str
    target: str | None = None
    inputs: Mapping[str, Any] = field(default_factory=dict)
    label: str | None = None  # shown instead of long options, which the docstring then spells out

    def line(self) -> str:
        words = {"actual": "实际", "level": "评为", "chosen": "评价人给分", "unmet": "未达到",
                 "items": "各要点", "facts": "事实"}
        parts = [self.label or _render(dict(self.rule)), f"分值{self.weight}"]
        if self.target is not None:
            parts.append(f"目标{self.target}")
        parts += [f"{words[k]}{_render(v)}" for k, v in self.inputs.items()]
        return f"{'，'.join(parts)} → {self.expect}"


def _render(v: object) -> str:
    if isinstance(v, Mapping):
        return "{" + ", ".join(f"{k}: {_render(x)}" for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_render(x) for x in v) + "]"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)
