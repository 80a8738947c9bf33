"""boolean — 直接赋分: full marks if yes; otherwise 0, or the full score less ``deduct``.

Example (weight 5): 是 → 5; 否 → 0; with ``deduct: 2``, 否 → 3.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import field_validator

from ..errors import RuleInputError
from ..numbers import ZERO, fmt
from ..targets import Target
from .base import Amount, Inputs, Rule, ScoreSet, Scored, parse_amount


class BooleanRule(Rule):
    kind: Literal["boolean"] = "boolean"
    deduct: Amount | None = None
    title = "直接赋分"

    @field_validator("deduct", mode="before")
    @classmethod
    def _amount(cls, v: object) -> object:
        return None if v is None else parse_amount(v)

    def _no(self, weight: Decimal) -> Decimal:
        full = self.max_points(weight)
        return ZERO if self.deduct is None else max(full - self.deduct.points(weight), ZERO)

    def score(self, inp: Inputs) -> Scored:
        v = inp.value(self.input)
        if v.flag is None:
            raise RuleInputError(f"直接赋分的实际值应为是/否，实为“{v.text}”")
        if v.flag:
            return Scored(self.max_points(inp.weight), "符合要求，得满分")
        no = self._no(inp.weight)
        how = "不得分" if self.deduct is None else f"扣{self.deduct.show()}"
        return Scored(no, f"不符合要求，{how}（{fmt(no)}分）")

    def reachable(self, weight: Decimal, target: Target | None = None) -> ScoreSet:
        return ScoreSet(frozenset({self.max_points(weight), self._no(weight)}))
