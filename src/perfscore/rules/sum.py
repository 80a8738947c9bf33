"""sum — 两项扣分累计计算: several sub-rules whose deductions add up, floored at 0.

Each part is a rule scored on the indicator's full score; its deduction is full − part score;
the indicator scores full − Σ deductions, not below 0.

Example (seed 公报创建栏目数, weight 10): 持平 deducts 3 (part 1 scores 7), all 5 districts
covered deducts 0 (part 2 scores 10) → 10 − 3 − 0 = 7.
"""
from __future__ import annotations

from decimal import Decimal
from itertools import product
from typing import TYPE_CHECKING, Any, Literal

from ..numbers import ZERO, fmt
from ..targets import Target
from .base import Inputs, Rule, ScoreSet, Scored

if TYPE_CHECKING:
    AnyRule = Any


class SumRule(Rule):
    kind: Literal["sum"] = "sum"
    parts: "tuple[AnyRule, ...]"
    title = "累计扣分"

    def score(self, inp: Inputs) -> Scored:
        full = self.max_points(inp.weight)
        total = ZERO
        lines = []
        for i, part in enumerate(self.parts, 1):
            sub = part.score(Inputs(weight=full, target=inp.target, actual=inp.actual, level=inp.level,
                                    chosen=None, unmet=inp.unmet, items=inp.items, facts=inp.facts))
            d = part.max_points(full) - sub.score
            total += d
            lines.append(f"({i}){sub.explanation}，扣{fmt(d)}分")
        score = max(full - total, ZERO)
        return Scored(score, f"{'；'.join(lines)}；累计扣{fmt(total)}分")

    def reachable(self, weight: Decimal, target: Target | None = None) -> ScoreSet:
        full = self.max_points(weight)
        sets = [p.reachable(full, target) for p in self.parts]
        if any(s.intervals for s in sets):
            return ScoreSet.between(ZERO, full)
        deductions = [[p.max_points(full) - x for x in s.points] for p, s in zip(self.parts, sets)]
        size = 1
        for d in deductions:
            size *= len(d)
        if size > 20000:
            return ScoreSet.between(ZERO, full)
        return ScoreSet(frozenset(max(full - sum(c, ZERO), ZERO) for c in product(*deductions)))

    def names(self) -> set[str]:
        out = super().names()
        for p in self.parts:
            out |= p.names()
        return out
