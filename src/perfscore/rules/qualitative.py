"""qualitative — 定性三档: levels with score intervals as shares of the weight.

National default: 达成 [80%, 100%], 部分达成 [60%, 80%), 未达成 [0, 60%).
The actual names a level (``level: 部分达成``) and optionally a score (``score: 3.5``):
a score outside the level's interval is invalid (PS211); a level alone scores its top.
A number as the actual is a percentage of achievement (the seed's ``100`` for 健全).

Examples (weight 5): 达成 → 5; 部分达成 with 3.5 → 3.5; 部分达成 with 4.5 → invalid;
actual 100 → 5; actual 70 → 3.5.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from ..errors import RuleInputError, did_you_mean
from ..numbers import HUNDRED, ZERO, fmt
from ..targets import Target
from .base import Inputs, Rule, ScoreSet, Scored, clamp, parse_share


class Level(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    min: Decimal
    max: Decimal

    @field_validator("min", "max", mode="before")
    @classmethod
    def _share(cls, v: object) -> object:
        return parse_share(v)


NATIONAL = (
    Level(name="达成", min=Decimal("0.8"), max=Decimal(1)),
    Level(name="部分达成", min=Decimal("0.6"), max=Decimal("0.8")),
    Level(name="未达成", min=ZERO, max=Decimal("0.6")),
)


class QualitativeRule(Rule):
    kind: Literal["qualitative"] = "qualitative"
    levels: tuple[Level, ...] = NATIONAL
    title = "定性分档"

    def level(self, name: str) -> Level:
        for lv in self.levels:
            if lv.name == name:
                return lv
        raise RuleInputError(f"没有“{name}”这一档{did_you_mean(name, [lv.name for lv in self.levels])}")

    def score(self, inp: Inputs) -> Scored:
        full = self.max_points(inp.weight)
        if inp.level is None:
            v = inp.value(self.input)
            if v.number is None:
                return self._named(inp, v.text, full)
            share = clamp(v.number / HUNDRED, Decimal(1))
            return Scored(full * share, f"完成程度{fmt(v.number)}%，{fmt(full)}×{fmt(v.number)}%")
        return self._named(inp, inp.level, full)

    def _named(self, inp: Inputs, name: str, full: Decimal) -> Scored:
        lv = self.level(name)
        lo, hi = full * lv.min, full * lv.max
        span = f"{fmt(lv.min * 100)}%~{fmt(lv.max * 100)}%（{fmt(lo)}~{fmt(hi)}分）"
        if inp.chosen is None:
            return Scored(hi, f"评为“{lv.name}”，区间{span}，取上限")
        if not lo <= inp.chosen <= hi:
            raise RuleInputError(f"得分{fmt(inp.chosen)}不在“{lv.name}”档的区间{span}内")
        return Scored(inp.chosen, f"评为“{lv.name}”，区间{span}，评价人取{fmt(inp.chosen)}分")

    def reachable(self, weight: Decimal, target: Target | None = None) -> ScoreSet:
        full = self.max_points(weight)
        out = ScoreSet()
        for lv in self.levels:
            out = out | ScoreSet.between(full * lv.min, full * lv.max)
        return out

    def interval(self, name: str, weight: Decimal) -> tuple[Decimal, Decimal]:
        lv = self.level(name)
        full = self.max_points(weight)
        return full * lv.min, full * lv.max
