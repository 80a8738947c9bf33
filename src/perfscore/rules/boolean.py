"""boolean — 直接赋分: full marks if yes; otherwise 0, or the full score less ``deduct``.

Examples (options，分值，实际 → 得分):

- {}，分值5，实际是 → 5
- {}，分值5，实际否 → 0
- {deduct: 2}，分值5，实际否 → 3
- {deduct: 40%}，分值5，实际否 → 3
- {}，分值5，实际95 → 无效：直接赋分的实际值应为是/否，实为“95”
"""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ..errors import RuleInputError
from ..numbers import ZERO, fmt
from ..targets import Target
from .base import AmountField, Example, Inputs, Rule, ScoreSet, Scored, floored


class BooleanRule(Rule):
    kind: Literal["boolean"] = "boolean"
    deduct: AmountField | None = None
    title = "直接赋分"

    def _no(self, weight: Decimal) -> Decimal:
        if self.deduct is None:
            return ZERO
        return floored(self.max_points(weight), self.deduct.points(weight))[0]

    def score(self, inp: Inputs) -> Scored:
        v = inp.value(self.input)
        if v.flag is None:
            raise RuleInputError(f"直接赋分的实际值应为是/否，实为“{v.text}”")
        full = self.max_points(inp.weight)
        text = v.text
        if v.flag:
            return Scored(full, lambda: f"实际{text}，符合要求，得满分{fmt(full)}分")
        deduct = self.deduct
        if deduct is None:
            return Scored(ZERO, lambda: f"实际{text}，不符合要求，不得分")
        weight, no = inp.weight, self._no(inp.weight)
        return Scored(no, lambda: f"实际{text}，不符合要求，扣{deduct.show()}，{fmt(full)}−"
                                  f"{fmt(deduct.points(weight))}={fmt(no)}")

    def reachable(self, weight: Decimal, target: Target | None = None) -> ScoreSet:
        return ScoreSet(frozenset({self.max_points(weight), self._no(weight)}))


EXAMPLES = [
    Example({}, "5", "5", None, {"actual": "是"}),
    Example({}, "5", "0", None, {"actual": "否"}),
    Example({"deduct": 2}, "5", "3", None, {"actual": "否"}),
    Example({"deduct": "40%"}, "5", "3", None, {"actual": "否"}),
    Example({}, "5", "无效：直接赋分的实际值应为是/否，实为“95”", None, {"actual": 95}),
]
