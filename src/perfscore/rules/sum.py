"""sum — 两项扣分累计计算: several sub-rules whose deductions add up, floored at 0.

Each part is a rule scored on the indicator's full score; its deduction is (the part's
maximum − the part's score); the indicator scores full − Σ deductions, not below 0.

Example (seed 公报创建栏目数, weight 10: ``覆盖5个行政区且高于2023年得满分，…且与2023年基本持平得7分，
…低于2023年，每低5%扣10%权重分，…未覆盖5个行政区域，每少一个扣20%权重分，扣完为止，两项扣分累计计算``):
持平 deducts 3 (part 1 scores 7), all 5 districts covered deducts 0 → 10 − 3 − 0 = 7;
持平 and 3 districts → 10 − 3 − 4 = 3; 15% below 2023 and 1 district → 10 − 3 − 8 < 0 → 0 (扣完为止).
(options: parts 1 and 2 below as ``P1`` and ``P2``; 分值，事实 → 得分):

- {parts: [P1, P2]}，分值10，事实{栏目数较上年变化率: 0, 覆盖行政区数: 5} → 7
- {parts: [P1, P2]}，分值10，事实{栏目数较上年变化率: 0, 覆盖行政区数: 3} → 3
- {parts: [P1, P2]}，分值10，事实{栏目数较上年变化率: 2, 覆盖行政区数: 5} → 10
- {parts: [P1, P2]}，分值10，事实{栏目数较上年变化率: -15, 覆盖行政区数: 1} → 0

P1 = {kind: formula, facts: [栏目数较上年变化率], expr: "full if 栏目数较上年变化率 > 0 else (7 if
栏目数较上年变化率 == 0 else full - floor(-栏目数较上年变化率 / 5) * full * 0.1)"};
P2 = {kind: step, input: 覆盖行政区数, reference: 5, per: 1, deduct: 20%}.
"""
from __future__ import annotations

from decimal import Decimal
from itertools import product
from typing import TYPE_CHECKING, Any, Literal

from pydantic import model_validator

from ..numbers import ZERO, fmt
from ..targets import Target
from .base import Example, Inputs, Rule, ScoreSet, Scored, floored

if TYPE_CHECKING:
    from . import AnyRule

MAX_COMBINATIONS = 20000  # beyond this, reachable scores are given as an interval


class SumRule(Rule):
    kind: Literal["sum"] = "sum"
    parts: tuple[AnyRule, ...]
    title = "累计扣分"

    @model_validator(mode="after")
    def _some(self) -> SumRule:
        if len(self.parts) < 1:
            raise ValueError("parts 至少要有一项")
        return self

    def score(self, inp: Inputs) -> Scored:
        full = self.max_points(inp.weight)
        total = ZERO
        subs: list[tuple[Scored, Decimal]] = []
        # one Inputs for every part (rules only read it), sharing the indicator's parses: the
        # actual and the facts are the same objects, and each parse is kept with its raw value
        shared = Inputs(weight=full, target=inp.target, actual=inp.actual, level=inp.level, unmet=inp.unmet,
                        items=inp.items, facts=inp.facts)
        shared._parsed = inp._parsed
        for part in self.parts:
            sub = part.score(shared)
            d = part.max_points(full) - sub.score
            total += d
            subs.append((sub, d))
        score, note = floored(full, total)

        def text() -> str:
            lines = [f"({i}){sub.explanation}，扣{fmt(d)}分" for i, (sub, d) in enumerate(subs, 1)]
            return f"{'；'.join(lines)}；累计扣{fmt(total)}分{note}"

        return Scored(score, text)

    def reachable(self, weight: Decimal, target: Target | None = None) -> ScoreSet:
        full = self.max_points(weight)
        sets = [p.reachable(full, target) for p in self.parts]
        if any(s.intervals for s in sets):
            return ScoreSet.between(ZERO, full)
        deductions = [[p.max_points(full) - x for x in s.points] for p, s in zip(self.parts, sets, strict=True)]
        size = 1
        for d in deductions:
            size *= len(d)
        if size > MAX_COMBINATIONS:
            return ScoreSet.between(ZERO, full)
        return ScoreSet(frozenset(floored(full, sum(c, ZERO))[0] for c in product(*deductions)))

    def names(self) -> set[str]:
        out = super().names()
        for p in self.parts:
            out |= p.names()
        return out


SEED_PARTS: list[dict[str, Any]] = [
    {"kind": "formula", "facts": ["栏目数较上年变化率"],
     "expr": "full if 栏目数较上年变化率 > 0 else (7 if 栏目数较上年变化率 == 0 else "
             "full - floor(-栏目数较上年变化率 / 5) * full * 0.1)"},
    {"kind": "step", "input": "覆盖行政区数", "reference": 5, "per": 1, "deduct": "20%"},
]


EXAMPLES = [
    Example({"parts": SEED_PARTS}, "10", expect, None, {"facts": {"栏目数较上年变化率": rate, "覆盖行政区数": n}},
            label="{parts: [P1, P2]}")
    for rate, n, expect in ((0, 5, "7"), (0, 3, "3"), (2, 5, "10"), (-15, 1, "0"))
]
