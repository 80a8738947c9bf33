"""manual — 酌情扣分: the evaluator gives the score and a reason; the rule may bound the deduction.

``deduct_min`` / ``deduct_max`` bound a deduction (``酌情扣0.5-2.0分``): the score is either
full or full less a deduction within the bounds. Without bounds any score in [0, full].

Examples (options，分值，评价人给分 → 得分):

- {deduct_min: 0.5, deduct_max: 2}，分值6，评价人给分6 → 6
- {deduct_min: 0.5, deduct_max: 2}，分值6，评价人给分5 → 5
- {deduct_min: 0.5, deduct_max: 2}，分值6，评价人给分5.8 → 无效：评价人给分5.8（扣0.2分）不在允许范围内：满分6分，或酌情扣0.5~2分
- {deduct_min: 0.5, deduct_max: 2}，分值6，评价人给分3 → 无效：评价人给分3（扣3分）不在允许范围内：满分6分，或酌情扣0.5~2分
- {}，分值6，评价人给分7 → 无效：评价人给分7不在0~6分之内
- {}，分值6 → 无效：酌情评分须由评价人给出得分 score
"""  # noqa: E501 - the examples are one line each, as the tests print them
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import model_validator

from ..errors import RuleInputError
from ..numbers import ZERO, fmt
from ..targets import Target
from .base import Example, Inputs, Number, Rule, ScoreSet, Scored


class ManualRule(Rule):
    kind: Literal["manual"] = "manual"
    deduct_min: Number | None = None
    deduct_max: Number | None = None
    title = "酌情评分"

    @model_validator(mode="after")
    def _bounds(self) -> ManualRule:
        lo, hi = self.deduct_min, self.deduct_max
        if (lo is not None and lo < 0) or (hi is not None and hi < 0):
            raise ValueError("酌情扣分的上下限不能为负数")
        if lo is not None and hi is not None and lo > hi:
            raise ValueError(f"酌情扣分下限{fmt(lo)}大于上限{fmt(hi)}")
        return self

    def bounded(self) -> bool:
        return self.deduct_min is not None or self.deduct_max is not None

    def score(self, inp: Inputs) -> Scored:
        full = self.max_points(inp.weight)
        if inp.chosen is None:
            raise RuleInputError("酌情评分须由评价人给出得分 score")
        s = inp.chosen
        d = full - s
        if not self._allowed(full, s):
            if not self.bounded():
                raise RuleInputError(f"评价人给分{fmt(s)}不在0~{fmt(full)}分之内")
            lo = self.deduct_min or ZERO
            hi = self.deduct_max if self.deduct_max is not None else full
            raise RuleInputError(f"评价人给分{fmt(s)}（扣{fmt(d)}分）不在允许范围内：满分{fmt(full)}分，"
                                 f"或酌情扣{fmt(lo)}~{fmt(hi)}分")
        given_reason = inp.reason

        def text() -> str:
            reason = f"（{given_reason}）" if given_reason else ""
            how = f"扣{fmt(d)}分，{fmt(full)}−{fmt(d)}={fmt(s)}" if d else "给满分"
            return f"评价人酌情{how}{reason}"

        return Scored(s, text)

    def _allowed(self, full: Decimal, s: Decimal) -> bool:
        """Whether ``s`` is in :meth:`reachable` (the same test, without building the set)."""
        if not self.bounded():
            return ZERO <= s <= full
        lo = self.deduct_min or ZERO
        hi = self.deduct_max if self.deduct_max is not None else full
        return s == full or max(full - hi, ZERO) <= s <= max(full - lo, ZERO)

    def reachable(self, weight: Decimal, target: Target | None = None) -> ScoreSet:
        full = self.max_points(weight)
        if not self.bounded():
            return ScoreSet.between(ZERO, full)
        lo = self.deduct_min or ZERO
        hi = self.deduct_max if self.deduct_max is not None else full
        return ScoreSet(frozenset({full})) | ScoreSet.between(max(full - hi, ZERO), max(full - lo, ZERO))


_BOUNDED = {"deduct_min": "0.5", "deduct_max": 2}
EXAMPLES = [
    Example(_BOUNDED, "6", "6", None, {"chosen": 6}),
    Example(_BOUNDED, "6", "5", None, {"chosen": 5}),
    Example(_BOUNDED, "6", "无效：评价人给分5.8（扣0.2分）不在允许范围内：满分6分，或酌情扣0.5~2分", None,
            {"chosen": "5.8"}),
    Example(_BOUNDED, "6", "无效：评价人给分3（扣3分）不在允许范围内：满分6分，或酌情扣0.5~2分", None, {"chosen": 3}),
    Example({}, "6", "无效：评价人给分7不在0~6分之内", None, {"chosen": 7}),
    Example({}, "6", "无效：酌情评分须由评价人给出得分 score"),
]
