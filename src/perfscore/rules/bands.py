"""bands — 区间/档次: the actual falls in an interval that gives a score.

Each band: ``min`` / ``max`` (either may be absent; ``90`` and ``90%`` are the same bound),
``min_inclusive`` / ``max_inclusive``, and ``score``: points (``8``), a share of the weight
(``80%``), or a range the evaluator chooses in (``1~4``: the chosen score must lie inside);
``requires`` names a fact that must hold (``项目完成``); ``also_when`` names a fact that puts the
actual in the band whatever its value (``完成率＜80%，或无学员不得分`` → ``also_when: 无学员``).
``relative: true``: the bounds are percentages of the target (``≥规定数的90%``): the actual is
divided by a numeric target; an actual written as a percentage with no such target (``规定数的92%``)
is that percentage already.

Bounds follow docs/rules.md: ``（含）`` in the text is an explicit ``*_inclusive: true``; without
it a bound shared by two bands belongs to the higher band, and the top band's upper bound is
inclusive. So an explicit ``max_inclusive: true`` on the lower band makes the higher band's
shared lower bound exclusive. Bands with ``requires`` are alternatives tried in the listed
order; they do not split the line. Gaps and overlaps are reported by
:meth:`BandsRule.gaps_and_overlaps` (PS105), never a crash.

Examples (seed: ``90%（含90%下同）—100%之间为10分，80%—90%为8分，…，60%以下为0分``, written
``[{min: 90, max: 100, score: 10}, {min: 80, max: 90, score: 8}, …, {max: 60, score: 0}]``;
options，分值，实际 → 得分):

- {bands: [{min: 90, max: 100, score: 10}, {min: 80, max: 90, score: 8}, {max: 80, score: 0}]}，分值10，实际90.21 → 10
- {bands: [{min: 90, max: 100, score: 10}, {min: 80, max: 90, score: 8}, {max: 80, score: 0}]}，分值10，实际90 → 10
- {bands: [{min: 90, max: 100, score: 10}, {min: 80, max: 90, score: 8}, {max: 80, score: 0}]}，分值10，实际89.99 → 8
- {bands: [{min: 90, max: 100, score: 10}, {min: 80, max: 90, score: 8}, {max: 80, score: 0}]}，分值10，实际100 → 10
- {bands: [{min: 90, score: 100%}, {min: 80, max: 90, max_inclusive: true, score: 80%}, {max: 80, score: 0}]}，分值5，实际90 → 4
- {bands: [{min: 80, score: 1~4}, {max: 80, score: 0}]}，分值4，实际85，评价人给分2.5 → 2.5
- {bands: [{min: 80, score: 1~4}, {max: 80, score: 0}]}，分值4，实际85，评价人给分5 → 无效：实际85，落在80（含）以上档，所选得分5不在该档1~4分之内
- {bands: [{min: 100, score: 10, requires: 项目完成}, {min: 80, score: 7}, {max: 80, score: 0}]}，分值10，实际100，事实{项目完成: 否} → 7
- {relative: true, bands: [{min: 100, score: 4}, {min: 90, max: 100, score: 2}, {max: 90, score: 0}]}，分值4，目标≥20人次，实际19人次 → 2
- {relative: true, bands: [{min: 100, score: 4}, {min: 90, max: 100, score: 2}, {max: 90, score: 0}]}，分值4，实际89% → 0
- {relative: true, bands: [{min: 100, score: 4}, {min: 90, max: 100, score: 2}, {max: 90, score: 0}]}，分值4，实际19人次 → 无效：各档是要求（目标值）的百分比，实际19人次须有数值型目标值，或写成占要求的百分比（如“规定数的90%”）
- {bands: [{min: 80, score: 6}, {max: 80, score: 0, also_when: 无学员}]}，分值6，实际85%，事实{无学员: 是} → 0
"""  # noqa: E501 - the examples are one line each, as the tests print them
from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from itertools import pairwise
from typing import Annotated, Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, PlainSerializer, PlainValidator, WithJsonSchema, model_validator

from ..errors import RuleInputError
from ..limits import MAX_BANDS
from ..numbers import HUNDRED, ZERO, fmt, round_half_up
from ..targets import Target
from .base import Amount, Bound, Example, Inputs, Rule, ScoreSet, Scored, parse_amount


def parse_band_score(raw: object) -> tuple[Amount, Amount]:
    """``8`` / ``8分`` / ``80%`` → one amount twice; ``1~4``, ``1～4分``, ``10%~40%`` → a range."""
    if isinstance(raw, tuple) and len(raw) == 2 and all(isinstance(a, Amount) for a in raw):
        return raw[0], raw[1]
    if isinstance(raw, str):
        text = raw.replace("～", "~").replace("－", "~").replace("—", "~").replace("-", "~")
        if "~" in text:
            lo_text, hi_text = (t.strip().removesuffix("分").strip() for t in text.split("~", 1))
            if hi_text.endswith("%") and not lo_text.endswith("%"):
                lo_text += "%"
            low, high = parse_amount(lo_text), parse_amount(hi_text)
            if low.share != high.share or low.value > high.value:
                raise ValueError(f"得分区间“{raw}”应由小到大，且同为分数或同为百分比")
            return low, high
    a = parse_amount(raw)
    return a, a


def _show_band_score(score: tuple[Amount, Amount]) -> str:
    lo, hi = score
    return lo.text() if lo == hi else f"{lo.text()}~{hi.text()}"


BandScore = Annotated[
    tuple[Amount, Amount], PlainValidator(parse_band_score), PlainSerializer(_show_band_score, return_type=str),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0}, {"type": "string"}],
                    "description": "该档得分：8、80%（权重分的百分比）或评价人选分的范围 1~4"}),
]


class Band(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    min: Bound | None = None
    max: Bound | None = None
    min_inclusive: bool | None = None
    max_inclusive: bool | None = None
    score: BandScore
    requires: str | None = None
    also_when: str | None = None      # 完成率<80%，或无学员不得分: the band also holds when this fact does

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"档次下限{fmt(self.min)}大于上限{fmt(self.max)}")
        return self

    def points(self, weight: Decimal) -> tuple[Decimal, Decimal]:
        return self.score[0].points(weight), self.score[1].points(weight)


class BandsRule(Rule):
    kind: Literal["bands"] = "bands"
    bands: tuple[Band, ...]
    relative: bool = False            # bounds are shares of the target: ≥规定数的90%
    title = "区间计分"

    @model_validator(mode="before")
    @classmethod
    def _not_too_many(cls, data: Any) -> Any:
        """Counted before any band is validated: 20,000 bands are refused at once, not built."""
        bands = data.get("bands") if isinstance(data, dict) else None
        if isinstance(bands, (list, tuple)) and len(bands) > MAX_BANDS:
            raise ValueError(f"档次过多（{len(bands)}档，上限{MAX_BANDS}档）")
        return data

    @model_validator(mode="after")
    def _some(self) -> BandsRule:
        if not self.bands:
            raise ValueError("bands 至少要有一档")
        return self

    def _line(self) -> list[int]:
        """The bands that split the number line (those without ``requires``)."""
        return [i for i, b in enumerate(self.bands) if not b.requires]

    @cached_property
    def inclusive(self) -> tuple[tuple[bool, bool], ...]:
        """(lower inclusive, upper inclusive) of every band, worked out once per rule."""
        line = self._line()
        lower = tuple(self._lower_inclusive(i, line) for i in range(len(self.bands)))
        upper = tuple(self._upper_inclusive(i, line, lower) for i in range(len(self.bands)))
        return tuple(zip(lower, upper, strict=True))

    def _lower_inclusive(self, i: int, line: list[int]) -> bool:
        band = self.bands[i]
        if band.min_inclusive is not None:
            return band.min_inclusive
        return not any(self.bands[j].max == band.min and self.bands[j].max_inclusive for j in line if j != i)

    def _upper_inclusive(self, i: int, line: list[int], lower: tuple[bool, ...]) -> bool:
        band = self.bands[i]
        if band.max_inclusive is not None:
            return band.max_inclusive
        return not any(self.bands[j].min == band.max and lower[j] for j in line if j != i)

    def lower_inclusive(self, i: int) -> bool:
        return self.inclusive[i][0]

    def upper_inclusive(self, i: int) -> bool:
        return self.inclusive[i][1]

    def contains(self, i: int, x: Decimal) -> bool:
        b = self.bands[i]
        if b.min is not None and (x < b.min or (x == b.min and not self.inclusive[i][0])):
            return False
        if b.max is not None and (x > b.max or (x == b.max and not self.inclusive[i][1])):
            return False
        return True

    def show(self, i: int, unit: str = "") -> str:
        b = self.bands[i]
        lo = "" if b.min is None else f"{fmt(b.min)}{unit}{'（含）' if self.lower_inclusive(i) else '（不含）'}"
        hi = "" if b.max is None else f"{fmt(b.max)}{unit}{'（含）' if self.upper_inclusive(i) else ''}"
        if lo and hi:
            return f"{lo}—{hi}"
        if not lo and not hi:
            return "全部"
        return f"{lo}以上" if lo else f"{hi}以下"

    def gaps_and_overlaps(self) -> list[str]:
        """Human-readable problems in the band layout (PS105 style), empty when it tiles the line."""
        problems: list[str] = []
        order = sorted(self._line(), key=lambda i: (self.bands[i].min is not None, self.bands[i].min or ZERO))
        for a, b in pairwise(order):
            hi, lo = self.bands[a].max, self.bands[b].min
            if hi is None or lo is None:
                where = f"{fmt(lo)}以上" if lo is not None else f"{fmt(self.bands[b].max)}以下"
                problems.append(f"{where}同时落入两个档次")
            elif hi < lo:
                problems.append(f"{fmt(hi)}与{fmt(lo)}之间无档次")
            elif hi > lo:
                problems.append(f"{fmt(lo)}至{fmt(hi)}同时落入两个档次")
            elif not self.upper_inclusive(a) and not self.lower_inclusive(b):
                problems.append(f"{fmt(hi)}不在任何档次内")
            elif self.upper_inclusive(a) and self.lower_inclusive(b):
                problems.append(f"{fmt(hi)}同时落入两个档次")
        return problems

    def score(self, inp: Inputs) -> Scored:
        for i, band in enumerate(self.bands):
            if band.also_when and inp.flag(band.also_when):
                lo, hi = band.points(inp.weight)
                if lo == hi:
                    return Scored(lo, f"{band.also_when}，落在{self.show(i)}档，该档{fmt(lo)}分")
        x, unit, said = self._measured(inp)
        for i, band in enumerate(self.bands):
            if not self.contains(i, x) or (band.requires and not inp.flag(band.requires)):
                continue
            lo, hi = band.points(inp.weight)
            if lo == hi:
                return Scored(lo, self._explain(i, x, unit, lo, hi, None, said))
            if inp.chosen is None:
                raise RuleInputError(f"{self._where(i, x, unit, said)}，该档为{fmt(lo)}~{fmt(hi)}分，"
                                     "须给出评价人所选得分")
            if not lo <= inp.chosen <= hi:
                raise RuleInputError(f"{self._where(i, x, unit, said)}，所选得分{fmt(inp.chosen)}不在该档"
                                     f"{fmt(lo)}~{fmt(hi)}分之内")
            return Scored(inp.chosen, self._explain(i, x, unit, lo, hi, inp.chosen, said))
        raise RuleInputError(f"{said + '，' if said else f'实际{fmt(x)}{unit}'}不在任何档次内")

    def _measured(self, inp: Inputs) -> tuple[Decimal, str, str]:
        """The number the bands divide, its unit, and how it was worked out (relative: as a share of the
        target, 实际4人次，为目标5人次的80%; an actual written as a share, 规定数的92%, is that share)."""
        x, unit = inp.measured(self.input)
        if not self.relative:
            return x, unit, ""
        t = inp.target
        if t is not None and t.value and not (unit == "%" and t.unit != "%"):
            share = x / t.value * HUNDRED
            return share, "%", f"实际{fmt(x)}{unit}，为目标{fmt(t.value)}{t.unit}的{fmt(round_half_up(share))}%"
        if unit == "%":
            return x, "%", ""
        raise RuleInputError(f"各档是要求（目标值）的百分比，实际{fmt(x)}{unit}须有数值型目标值，"
                             "或写成占要求的百分比（如“规定数的90%”）")

    def _where(self, i: int, x: Decimal, unit: str, said: str = "") -> str:
        where = f"{said or f'实际{fmt(x)}{unit}'}，落在{self.show(i, unit)}档"
        requires = self.bands[i].requires
        return f"{where}（且{requires}）" if requires else where

    def _explain(self, i: int, x: Decimal, unit: str, lo: Decimal, hi: Decimal,
                 chosen: Decimal | None, said: str = "") -> Callable[[], str]:
        """The explanation of a match, built only when read (the arguments are its values)."""
        def text() -> str:
            if chosen is None:
                return f"{self._where(i, x, unit, said)}，该档{fmt(lo)}分"
            return f"{self._where(i, x, unit, said)}，该档{fmt(lo)}~{fmt(hi)}分，评价人取{fmt(chosen)}分"
        return text

    def max_points(self, weight: Decimal) -> Decimal:
        return max((b.points(weight)[1] for b in self.bands), default=ZERO)

    def reachable(self, weight: Decimal, target: Target | None = None) -> ScoreSet:
        out = ScoreSet()
        for b in self.bands:
            lo, hi = b.points(weight)
            out = out | (ScoreSet(frozenset({lo})) if lo == hi else ScoreSet.between(lo, hi))
        return out

    def names(self) -> set[str]:
        return super().names() | {b.requires for b in self.bands if b.requires} | {
            b.also_when for b in self.bands if b.also_when}


_SEED: dict[str, Any] = {"bands": [{"min": 90, "max": 100, "score": 10}, {"min": 80, "max": 90, "score": 8},
                                   {"max": 80, "score": 0}]}
_SHARES: dict[str, Any] = {"relative": True, "bands": [{"min": 100, "score": 4}, {"min": 90, "max": 100, "score": 2},
                                                       {"max": 90, "score": 0}]}
_CHOOSE: dict[str, Any] = {"bands": [{"min": 80, "score": "1~4"}, {"max": 80, "score": 0}]}
EXAMPLES = [
    Example(_SEED, "10", "10", None, {"actual": "90.21"}),
    Example(_SEED, "10", "10", None, {"actual": 90}),
    Example(_SEED, "10", "8", None, {"actual": "89.99"}),
    Example(_SEED, "10", "10", None, {"actual": 100}),
    Example({"bands": [{"min": 90, "score": "100%"}, {"min": 80, "max": 90, "max_inclusive": True, "score": "80%"},
                       {"max": 80, "score": 0}]}, "5", "4", None, {"actual": 90}),
    Example(_CHOOSE, "4", "2.5", None, {"actual": 85, "chosen": "2.5"}),
    Example(_CHOOSE, "4", "无效：实际85，落在80（含）以上档，所选得分5不在该档1~4分之内", None,
            {"actual": 85, "chosen": "5"}),
    Example({"bands": [{"min": 100, "score": 10, "requires": "项目完成"}, {"min": 80, "score": 7},
                       {"max": 80, "score": 0}]}, "10", "7", None, {"actual": 100, "facts": {"项目完成": "否"}}),
]
