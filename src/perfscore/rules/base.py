"""What every rule kind shares: options model, inputs, result, reachable scores."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar, Mapping

from pydantic import BaseModel, ConfigDict

from ..errors import RuleInputError
from ..numbers import ZERO, fmt, parse_decimal
from ..targets import Target, Value, parse_value


def parse_share(raw: object) -> Decimal:
    """``25%`` → 0.25, ``1/3`` → 1/3, ``0.25`` → 0.25; ValueError otherwise."""
    if isinstance(raw, (int, Decimal)) and not isinstance(raw, bool):
        return Decimal(raw)
    text = str(raw).strip().replace("％", "%")
    if text.endswith("%"):
        return parse_decimal(text[:-1]) / 100
    if "/" in text:
        a, b = text.split("/", 1)
        return parse_decimal(a) / parse_decimal(b)
    return parse_decimal(text)


@dataclass(frozen=True)
class Amount:
    """Points (``0.1``) or a share of the weight (``10%`` = 扣10%权重分)."""

    value: Decimal
    share: bool = False

    def points(self, weight: Decimal) -> Decimal:
        return weight * self.value / 100 if self.share else self.value

    def show(self) -> str:
        return f"{fmt(self.value)}%权重分" if self.share else f"{fmt(self.value)}分"


def parse_amount(raw: object) -> Amount:
    if isinstance(raw, Amount):
        return raw
    text = str(raw).strip().replace("％", "%")
    if text.endswith("%"):
        return Amount(parse_decimal(text[:-1]), share=True)
    return Amount(parse_decimal(raw if not isinstance(raw, str) else text))


@dataclass(frozen=True)
class ScoreSet:
    """Scores a rule can produce: some points plus closed intervals."""

    points: frozenset[Decimal] = frozenset()
    intervals: tuple[tuple[Decimal, Decimal], ...] = ()

    @staticmethod
    def between(low: Decimal, high: Decimal) -> "ScoreSet":
        return ScoreSet(intervals=((low, high),))

    def __or__(self, other: "ScoreSet") -> "ScoreSet":
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

    def value(self, name: str | None = None) -> Value:
        """The actual (or the named fact) parsed; RuleInputError when it is absent."""
        if name is None:
            if self.actual is None:
                raise RuleInputError("缺少实际完成值")
            return parse_value(self.actual)
        if name not in self.facts:
            raise RuleInputError(f"缺少事实“{name}”的取值")
        return parse_value(self.facts[name])

    def number(self, name: str | None = None) -> Decimal:
        v = self.value(name)
        if v.number is None:
            what = f"“{name}”" if name else "实际完成值"
            raise RuleInputError(f"{what}应为数字，实为“{v.text}”")
        return v.number

    def with_actual(self, actual: Any, weight: Decimal | None = None) -> "Inputs":
        return Inputs(weight=self.weight if weight is None else weight, target=self.target,
                      actual=actual, facts=self.facts)


@dataclass(frozen=True)
class Scored:
    """An unrounded score and the one-line Chinese explanation of its arithmetic."""

    score: Decimal
    explanation: str


class Rule(BaseModel):
    """Base options of every rule kind."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)
    kind: str
    full: Decimal | None = None       # 满分 as the rule states it ("基本制度健全4分"); default: the weight
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


def score_line(score: Decimal, of: Decimal) -> str:
    return f"得{fmt(score)}/{fmt(of)}"


def show_number(value: Decimal, unit: str = "") -> str:
    return f"{fmt(value)}{unit}"

