"""manual — 酌情扣分: the evaluator gives the score and a reason; the rule may bound the deduction.

``deduct_min`` / ``deduct_max`` bound a deduction (``酌情扣0.5-2.0分``): the score is either
full or full less a deduction within the bounds. Without bounds any score in [0, full].

Examples (weight 6, bounds 0.5~2): 6 → 6; 5 → 5; 3 → invalid (扣3分超出0.5~2分); none → invalid.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ..errors import RuleInputError
from ..numbers import ZERO, fmt
from ..targets import Target
from .base import Inputs, Rule, ScoreSet, Scored


class ManualRule(Rule):
    kind: Literal["manual"] = "manual"
    deduct_min: Decimal | None = None
    deduct_max: Decimal | None = None
    title = "酌情评分"

    def score(self, inp: Inputs) -> Scored:
        full = self.max_points(inp.weight)
        if inp.chosen is None:
            raise RuleInputError("酌情评分须由评价人给出得分 score")
        s = inp.chosen
        reason = f"（{inp.reason}）" if inp.reason else ""
        if not self.reachable(inp.weight).contains(s):
            raise RuleInputError(f"评价人给分{fmt(s)}超出允许范围{self.reachable(inp.weight).show()}分")
        d = full - s
        return Scored(s, f"评价人酌情{'扣' + fmt(d) + '分' if d else '给满分'}{reason}")

    def reachable(self, weight: Decimal, target: Target | None = None) -> ScoreSet:
        full = self.max_points(weight)
        if self.deduct_min is None and self.deduct_max is None:
            return ScoreSet.between(ZERO, full)
        lo = self.deduct_min or ZERO
        hi = self.deduct_max if self.deduct_max is not None else full
        return ScoreSet(frozenset({full})) | ScoreSet.between(max(full - hi, ZERO), max(full - lo, ZERO))
