"""bands — 区间/档次: the actual falls in an interval that gives a score.

Each band: ``min`` / ``max`` (either may be absent), ``min_inclusive`` / ``max_inclusive``,
and ``score``: points (``8``), a share of the weight (``80%``), or a range the evaluator
chooses in (``1~4``); ``requires`` names a fact that must hold (``项目完成``).
Without explicit flags a lower bound is inclusive and a bound shared by two bands
belongs to the higher band (rules.md); ``（含）`` in the text is ``max_inclusive: true``.

Example (weight 10, ``90%（含）—100%之间为10分，80%—90%为8分，…，60%以下为0分``):
90.21 → 10; 90 → 10; 89.99 → 8; 59 → 0.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from ..errors import RuleInputError
from ..numbers import ZERO, fmt
from ..targets import Target
from .base import Amount, Inputs, Rule, ScoreSet, Scored, parse_amount


class Band(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)
    min: Decimal | None = None
    max: Decimal | None = None
    min_inclusive: bool = True
    max_inclusive: bool | None = None
    score: tuple[Amount, Amount]
    requires: str | None = None

    @field_validator("score", mode="before")
    @classmethod
    def _score(cls, v: object) -> tuple[Amount, Amount]:
        if isinstance(v, tuple):
            return v
        text = str(v).replace("～", "~").replace("-", "~") if isinstance(v, str) else v
        if isinstance(text, str) and "~" in text:
            lo, hi = text.split("~", 1)
            unit = "%" if hi.strip().endswith("%") else ""
            low = parse_amount(lo.strip().rstrip("分") + (unit if not lo.strip().endswith("%") else ""))
            return low, parse_amount(hi.strip().rstrip("分"))
        a = parse_amount(text.rstrip("分") if isinstance(text, str) else text)
        return a, a

    def points(self, weight: Decimal) -> tuple[Decimal, Decimal]:
        return self.score[0].points(weight), self.score[1].points(weight)

    def show(self, inclusive_max: bool) -> str:
        lo = "" if self.min is None else f"{fmt(self.min)}{'（含）' if self.min_inclusive else '（不含）'}"
        hi = "" if self.max is None else f"{fmt(self.max)}{'（含）' if inclusive_max else ''}"
        if lo and hi:
            return f"{lo}—{hi}"
        return f"{lo}以上" if lo else f"{hi}以下"


class BandsRule(Rule):
    kind: Literal["bands"] = "bands"
    bands: tuple[Band, ...]
    title = "区间计分"

    def upper_inclusive(self, i: int) -> bool:
        band = self.bands[i]
        if band.max_inclusive is not None:
            return band.max_inclusive
        return not any(o.min == band.max and o.min_inclusive for j, o in enumerate(self.bands) if j != i)

    def contains(self, i: int, x: Decimal) -> bool:
        b = self.bands[i]
        if b.min is not None and (x < b.min or (x == b.min and not b.min_inclusive)):
            return False
        if b.max is not None and (x > b.max or (x == b.max and not self.upper_inclusive(i))):
            return False
        return True

    def gaps_and_overlaps(self) -> list[str]:
        """Human-readable problems in the band layout (PS105 style), empty when it tiles the line."""
        problems = []
        order = sorted(range(len(self.bands)), key=lambda i: (self.bands[i].min is not None, self.bands[i].min or 0))
        for a, b in zip(order, order[1:]):
            hi, lo = self.bands[a].max, self.bands[b].min
            if self.bands[a].requires or self.bands[b].requires:
                continue
            if hi is None or lo is None:
                continue
            if hi < lo or (hi == lo and not self.upper_inclusive(a) and not self.bands[b].min_inclusive):
                problems.append(f"{fmt(hi)}与{fmt(lo)}之间无档次")
            elif hi > lo or (hi == lo and self.upper_inclusive(a) and self.bands[b].min_inclusive):
                problems.append(f"{fmt(lo)}至{fmt(hi)}同时落入两个档次")
        return problems

    def score(self, inp: Inputs) -> Scored:
        x = inp.number(self.input)
        unit = inp.value(self.input).unit or (inp.target.unit if inp.target else "")
        for i, band in enumerate(self.bands):
            if not self.contains(i, x):
                continue
            if band.requires and not _holds(inp, band.requires):
                continue
            lo, hi = band.points(inp.weight)
            where = f"实际{fmt(x)}{unit}，落在{band.show(self.upper_inclusive(i))}档"
            if band.requires:
                where += f"（且{band.requires}）"
            if lo == hi:
                return Scored(lo, f"{where}，该档{fmt(lo)}分")
            if inp.chosen is None:
                raise RuleInputError(f"{where}，该档为{fmt(lo)}~{fmt(hi)}分，须给出评价人所选得分")
            if not lo <= inp.chosen <= hi:
                raise RuleInputError(f"{where}，所选得分{fmt(inp.chosen)}不在该档{fmt(lo)}~{fmt(hi)}分之内")
            return Scored(inp.chosen, f"{where}，该档{fmt(lo)}~{fmt(hi)}分，评价人取{fmt(inp.chosen)}分")
        raise RuleInputError(f"实际{fmt(x)}{unit}不在任何档次内")

    def max_points(self, weight: Decimal) -> Decimal:
        return max((b.points(weight)[1] for b in self.bands), default=ZERO)

    def reachable(self, weight: Decimal, target: Target | None = None) -> ScoreSet:
        out = ScoreSet()
        for b in self.bands:
            lo, hi = b.points(weight)
            out = out | (ScoreSet(frozenset({lo})) if lo == hi else ScoreSet.between(lo, hi))
        return out

    def names(self) -> set[str]:
        return super().names() | {b.requires for b in self.bands if b.requires}


def _holds(inp: Inputs, fact: str) -> bool:
    if fact not in inp.facts:
        raise RuleInputError(f"缺少事实“{fact}”的取值（是/否）")
    from ..targets import parse_value

    v = parse_value(inp.facts[fact])
    if v.flag is None:
        raise RuleInputError(f"事实“{fact}”应为是/否，实为“{v.text}”")
    return v.flag


