"""step — 每…扣… (a deduction per step of shortfall or excess), 扣完为止.

Options: ``per`` (step size, in the actual's unit: 10 for 每10个, 1 for 每1个百分点),
``deduct`` (points ``0.1``, or a share of the weight ``10%`` = 扣10%权重分),
``reference`` (default: the target's value), ``direction`` (``below`` | ``above`` | ``both``;
default ``below``, ``above`` for a 反向 target), ``partial`` (``floor`` whole steps only,
the default; ``ceil``; ``exact`` pro rata), ``relative: true`` (the gap is counted in % of the
reference: 每低5%), ``zero_at`` (at or beyond this value the score is 0: ``≤80%不得分``).

Examples (weight 10, ``公报发行共计服务1912个及以上得满分，每少10个扣0.1分，扣完为止``,
``per: 10, deduct: 0.1``): 1900 → 差12个，扣1档 → 9.9; 1850 → 差62个，扣6档 → 9.4; 1912 → 10.
"""
from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Literal

from pydantic import field_validator

from ..errors import RuleInputError
from ..numbers import HUNDRED, ZERO, fmt
from ..targets import Target
from .base import Amount, Inputs, Rule, ScoreSet, Scored, parse_amount


class StepRule(Rule):
    kind: Literal["step"] = "step"
    per: Decimal
    deduct: Amount
    reference: Decimal | None = None
    direction: Literal["below", "above", "both"] | None = None
    partial: Literal["floor", "ceil", "exact"] = "floor"
    relative: bool = False
    zero_at: Decimal | None = None
    title = "每档扣分"

    @field_validator("deduct", mode="before")
    @classmethod
    def _amount(cls, v: object) -> Amount:
        return parse_amount(v)

    @field_validator("per")
    @classmethod
    def _positive(cls, v: Decimal) -> Decimal:
        if v <= 0:
            raise ValueError("步长 per 必须大于0")
        return v

    def _direction(self, target: Target | None) -> str:
        if self.direction:
            return self.direction
        return "above" if target is not None and target.reverse else "below"

    def _reference(self, target: Target | None) -> Decimal:
        if self.reference is not None:
            return self.reference
        if target is None or target.value is None:
            raise RuleInputError("每档扣分需要数值型目标值或 reference")
        return target.value

    def _steps(self, gap: Decimal) -> Decimal:
        raw = gap / self.per
        if self.partial == "exact":
            return raw
        return raw.to_integral_value(ROUND_FLOOR if self.partial == "floor" else ROUND_CEILING)

    def score(self, inp: Inputs) -> Scored:
        full = self.max_points(inp.weight)
        actual = inp.number(self.input)
        ref = self._reference(inp.target)
        direction = self._direction(inp.target)
        unit = inp.target.unit if inp.target is not None and inp.target.value is not None else ""
        head = f"实际{fmt(actual)}{unit}，标准{fmt(ref)}{unit}"
        below = ref - actual
        if direction == "below":
            gap = max(below, ZERO)
        elif direction == "above":
            gap = max(-below, ZERO)
        else:
            gap = abs(below)
        word = "差" if below > 0 else "超"
        if self.zero_at is not None and (
            (direction != "above" and actual <= self.zero_at) or (direction == "above" and actual >= self.zero_at)
        ):
            return Scored(ZERO, f"{head}，达到不得分线{fmt(self.zero_at)}{unit}")
        if gap == 0:
            return Scored(full, f"{head}，达到标准")
        shown_gap = f"{fmt(gap)}{unit}"
        if self.relative:
            if ref == 0:
                raise RuleInputError("按比例计档时标准值不能为0")
            gap = gap / ref * HUNDRED
            shown_gap += f"（{fmt(gap.quantize(Decimal('0.01')))}%）"
        steps = self._steps(gap)
        per = f"{fmt(self.per)}{'%' if self.relative else unit}"
        deduction = steps * self.deduct.points(inp.weight)
        score = max(full - deduction, ZERO)
        return Scored(score, f"{head}，{word}{shown_gap}，每{per}扣{self.deduct.show()}，"
                             f"扣{fmt(steps)}档{fmt(deduction)}分")

    def reachable(self, weight: Decimal, target: Target | None = None) -> ScoreSet:
        full = self.max_points(weight)
        d = self.deduct.points(weight)
        if self.partial == "exact" or d <= 0:
            return ScoreSet.between(ZERO, full)
        points = set()
        k = 0
        while full - k * d > 0 and k < 10000:
            points.add(full - k * d)
            k += 1
        points.add(ZERO)
        return ScoreSet(frozenset(points))
