"""step — 每…扣… (a deduction per step of shortfall or excess), 扣完为止.

Options: ``per`` (step size, in the actual's unit: 10 for 每10个, 1 for 每1个百分点),
``deduct`` (points ``0.1``, or a share of the weight ``10%`` = 扣10%权重分),
``reference`` (default: the target's value), ``direction`` (``below`` | ``above`` | ``both``;
default ``below``, ``above`` for a 反向 target), ``partial`` (``floor`` whole steps only,
the default; ``ceil``; ``exact`` pro rata), ``relative: true`` (the gap is counted in % of the
reference: 每低5%), ``zero_at`` (at or beyond this value the score is 0: ``≤80%不得分``),
``deduct_max`` (the deduction stops there: ``最多扣6分``, points or a share of the weight),
``exempt`` (``但…高于平均占比加5%的，可不扣分``: the case in which nothing is deducted, a yes/no fact named
by the case; the evaluator claims it — a fact not given deducts as written, and the explanation says so).
The score never goes below 0 (扣完为止).

Examples (seed: ``公报发行共计服务1912个及以上得满分，每少10个扣0.1分，扣完为止``; options，分值，
目标，实际 → 得分):

- {per: 10, deduct: 0.1}，分值10，目标≥1912个，实际1900 → 9.9
- {per: 10, deduct: 0.1}，分值10，目标≥1912个，实际1850 → 9.4
- {per: 10, deduct: 0.1}，分值10，目标≥1912个，实际1912 → 10
- {per: 10, deduct: 0.1, partial: ceil}，分值10，目标≥1912个，实际1900 → 9.8
- {per: 10, deduct: 0.1, partial: exact}，分值10，目标≥1912个，实际1900 → 9.88
- {per: 1, deduct: 1%, direction: both}，分值5，目标100%，实际103 → 4.85
- {per: 5, deduct: 10%, relative: true}，分值10，目标≥40个，实际36 → 8
- {per: 1, deduct: 2, zero_at: 80}，分值10，目标≥95%，实际80 → 0
- {per: 1, deduct: 2}，分值5，目标≤3次，实际9 → 0
- {per: 1, deduct: 1, deduct_max: 6}，分值15，目标≤0项，实际9 → 9
- {per: 1, deduct: 1, deduct_max: 6}，分值15，目标≤0项，实际2 → 13
- {per: 1, deduct: 0.1, exempt: 占比高于平均}，分值2，目标≥100%，实际93，事实{占比高于平均: 是} → 2
- {per: 1, deduct: 0.1, exempt: 占比高于平均}，分值2，目标≥100%，实际93 → 1.3
"""
from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Literal

from pydantic import field_validator

from ..errors import RuleInputError
from ..numbers import HUNDRED, ZERO, fmt, round_half_up
from ..targets import Target
from .base import AmountField, Example, Inputs, Number, Rule, ScoreSet, Scored, floored

MAX_STEPS = 10000  # beyond this many distinct scores, the reachable set is given as an interval


class StepRule(Rule):
    kind: Literal["step"] = "step"
    per: Number
    deduct: AmountField
    reference: Number | None = None
    direction: Literal["below", "above", "both"] | None = None
    partial: Literal["floor", "ceil", "exact"] = "floor"
    relative: bool = False
    zero_at: Number | None = None
    deduct_max: AmountField | None = None
    exempt: str | None = None         # 但…的，可不扣分: nothing is deducted in this case (a yes/no fact)
    title = "每档扣分"

    @field_validator("per")
    @classmethod
    def _positive(cls, v: Decimal) -> Decimal:
        if v <= 0:
            raise ValueError("步长 per 必须大于0")
        return v

    def _direction(self, target: Target | None) -> str:
        if self.direction:
            return self.direction
        if target is not None and target.exact:
            return "both"
        return "above" if target is not None and target.reverse else "below"

    def _steps(self, gap: Decimal) -> Decimal:
        raw = gap / self.per
        if self.partial == "exact":
            return raw
        return raw.to_integral_value(ROUND_FLOOR if self.partial == "floor" else ROUND_CEILING)

    def score(self, inp: Inputs) -> Scored:
        exempt = self.exempt
        if exempt is None:
            return self._score(inp)
        if exempt in inp.facts and inp.flag(exempt):
            full = self.max_points(inp.weight)
            return Scored(full, lambda: f"符合免扣情形“{exempt}”，不扣分，得满分{fmt(full)}分")
        done = self._score(inp)
        if done.score >= self.max_points(inp.weight):
            return done
        said = "不符合" if exempt in inp.facts else "未说明符合"
        return Scored(done.score, lambda: f"{done.explanation}（{said}免扣情形“{exempt}”，照扣）")

    def _score(self, inp: Inputs) -> Scored:
        full = self.max_points(inp.weight)
        actual, unit = inp.measured(self.input)
        target = inp.target if inp.target is not None and inp.target.value is not None else None
        if self.reference is not None:
            ref = self.reference

            def head() -> str:
                return f"实际{fmt(actual)}{unit}，标准{fmt(ref)}{unit}"
        elif target is not None and target.value is not None:
            ref, shown_target = target.value, target

            def head() -> str:
                return f"实际{fmt(actual)}{unit}，目标{shown_target.show()}"
        else:
            raise RuleInputError("每档扣分需要数值型目标值或 reference")
        direction = self._direction(inp.target)
        zero_at = self.zero_at
        if zero_at is not None and (
            (direction != "above" and actual <= zero_at) or (direction == "above" and actual >= zero_at)
        ):
            return Scored(ZERO, lambda: f"{head()}，达到不得分线{fmt(zero_at)}{unit}，不得分")
        below = ref - actual
        gap = max(below, ZERO) if direction == "below" else max(-below, ZERO) if direction == "above" else abs(below)
        if gap == 0:
            return Scored(full, lambda: f"{head()}，达到标准")
        raw_gap = gap
        if self.relative:
            if ref == 0:
                raise RuleInputError("按比例计档时标准值不能为0")
            gap = gap / abs(ref) * HUNDRED
        relative_gap = gap
        steps = self._steps(gap)
        deduct = self.deduct
        deduction = steps * deduct.points(inp.weight)
        capped = self.deduct_max is not None and deduction > self.deduct_max.points(inp.weight)
        if self.deduct_max is not None and capped:
            deduction = self.deduct_max.points(inp.weight)
        score, note = floored(full, deduction)
        if capped:
            note = f"（最多扣{fmt(deduction)}分）{note}"
        relative, per_step, exact_steps = self.relative, self.per, self.partial == "exact"

        def text() -> str:
            shown_gap = f"{'差' if below > 0 else '超'}{fmt(raw_gap)}{unit}"
            if relative:
                shown_gap += f"（{fmt(round_half_up(relative_gap))}%）"
            per = f"{fmt(per_step)}{'%' if relative else unit}"
            counted = f"扣{fmt(round_half_up(steps))}档" if exact_steps else f"扣{fmt(steps)}档"
            return f"{head()}，{shown_gap}，每{per}扣{deduct.show()}，{counted}{fmt(deduction)}分{note}"

        return Scored(score, text)

    def reachable(self, weight: Decimal, target: Target | None = None) -> ScoreSet:
        full = self.max_points(weight)
        d = self.deduct.points(weight)
        if self.partial == "exact" or d <= 0 or full / d > MAX_STEPS:
            return ScoreSet.between(ZERO, full)
        lowest = max(ZERO, full - self.deduct_max.points(weight)) if self.deduct_max is not None else ZERO
        points = {lowest}
        k = 0
        while full - k * d > lowest:
            points.add(full - k * d)
            k += 1
        return ScoreSet(frozenset(points))


EXAMPLES = [
    Example({"per": 10, "deduct": "0.1"}, "10", "9.9", "≥1912个", {"actual": 1900}),
    Example({"per": 10, "deduct": "0.1"}, "10", "9.4", "≥1912个", {"actual": 1850}),
    Example({"per": 10, "deduct": "0.1"}, "10", "10", "≥1912个", {"actual": 1912}),
    Example({"per": 10, "deduct": "0.1", "partial": "ceil"}, "10", "9.8", "≥1912个", {"actual": 1900}),
    Example({"per": 10, "deduct": "0.1", "partial": "exact"}, "10", "9.88", "≥1912个", {"actual": 1900}),
    Example({"per": 1, "deduct": "1%", "direction": "both"}, "5", "4.85", "100%", {"actual": 103}),
    Example({"per": 5, "deduct": "10%", "relative": True}, "10", "8", "≥40个", {"actual": 36}),
    Example({"per": 1, "deduct": 2, "zero_at": 80}, "10", "0", "≥95%", {"actual": 80}),
    Example({"per": 1, "deduct": 2}, "5", "0", "≤3次", {"actual": 9}),
    Example({"per": 1, "deduct": 1, "deduct_max": 6}, "15", "9", "≤0项", {"actual": 9}),
    Example({"per": 1, "deduct": 1, "deduct_max": 6}, "15", "13", "≤0项", {"actual": 2}),
    Example({"per": 1, "deduct": "0.1", "exempt": "占比高于平均"}, "2", "2", "≥100%",
            {"actual": 93, "facts": {"占比高于平均": "是"}}),
    Example({"per": 1, "deduct": "0.1", "exempt": "占比高于平均"}, "2", "1.3", "≥100%", {"actual": 93}),
]
