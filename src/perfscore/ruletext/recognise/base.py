"""Shared by the recognisers: option spellings, outcome descriptions, the provision helpers."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ...numbers import fmt
from .. import conditions as C
from ..grammar import Outcome, Provision

if TYPE_CHECKING:
    pass


Rule = dict[str, Any]


class NotUnderstood(Exception):
    """Reading stopped at normalised offset ``at``; ``recognised`` says what was read before."""

    def __init__(self, why: str, at: int, recognised: list[str]) -> None:
        super().__init__(why)
        self.why = why
        self.at = at
        self.recognised = recognised


def number(value: Decimal) -> int | Decimal:
    """An option value in its YAML spelling: 10 stays 10, 0.1 stays Decimal('0.1')."""
    return int(value) if value == value.to_integral_value() else value.normalize()


def percent(value: Decimal) -> str:
    return f"{fmt(value)}%"


def share_text(value: Decimal) -> str:
    """A share of the weight as written: 0.25 → '25%', 1/3 → '1/3'."""
    hundred = value * 100
    if hundred == hundred.quantize(Decimal("0.0001")):
        return percent(hundred.normalize())
    from fractions import Fraction

    f = Fraction(value).limit_denominator(1000)
    return f"{f.numerator}/{f.denominator}"


def amount(text: str) -> int | Decimal | str:
    """'2' → 2, '0.05' → Decimal, '10%' → '10%'."""
    if text.endswith("%"):
        return percent(Decimal(text[:-1]))
    return number(Decimal(text))


def describe(o: Outcome) -> str:
    what = {"floor": "扣完为止", "cap": "封顶", "manual": "酌情扣分", "formula": "计分公式", "ratio": "按比例计分",
            "zero": "不得分", "deduct": "扣分", "share": "占权重分", "award": "得分", "levels": "分档区间",
            "interp": "区间内插", "full": "满分", "input": "实际值来源", "partial": "不足一档", "only": "仅单向扣分",
            "bonus": "加分", "exempt": "免扣"}[o.kind]
    if o.note == "no_bonus":
        what = "不加分"
    if o.amount == "base":
        return "得基础分"
    if o.amount and o.amount not in ("full", "all", "corresponding"):
        what += o.amount
    return what


def kinds(provs: list[Provision], *kinds: str) -> list[int]:
    return [i for i, p in enumerate(provs) if p.outcome.kind in kinds]


def award_points(o: Outcome) -> int | Decimal | None:
    if o.kind == "award" and o.amount and (points := points_of(o.amount)) is not None:
        return number(points)
    return None


_POINTS = re.compile(r"\d+(?:\.\d+)?")


def points_of(amount: str | None) -> Decimal | None:
    """An amount that is a number of points (2, 0.5); None for 全部, 相应, 基础分, 10%, 1/3 (三分之一分)."""
    return Decimal(amount) if amount and _POINTS.fullmatch(amount) else None


def dec(share: str) -> str:
    return fmt(Decimal(share[:-1]) / 100) or "0"


def pass_mark(provs: list[Provision], zeros: list[int]) -> str | None:
    for z in zeros:
        t = C.find_threshold(C.condition_name(provs[z].cond))
        if t and t.op == "<" and t.value.percent:
            return percent(t.value.value)
    return None


def stated_reference(b: Any, p: Provision) -> int | Decimal | None:
    """The threshold a full-mark clause states (完成率达到100%得10分, 建档20%得40分): the ``reference`` of a
    按比例 rule, unless it is the indicator's own target."""
    t = C.find_threshold(C.condition_name(p.cond), words=True)  # 全额征收记15分: 100%
    if t is None or t.op not in ("≥", "=") or b.same_as_target(t.value):
        return None
    return number(t.value.value)


def full_awards(provs: list[Provision]) -> list[int]:
    """The clauses giving the full score: 得满分, or the one clause giving points (得10分)."""
    awards = kinds(provs, "award")
    pointed = [a for a in awards if award_points(provs[a].outcome) is not None]
    return [a for a in awards if provs[a].outcome.amount == "full" or (len(pointed) == 1 and a in pointed)]


def points_checklist(names: list[str], points: list[Decimal]) -> Rule:
    """要点 each worth its points (建立台账的得2分,按月分析的得3分; ①…,1分;②…,2分): shares of the total."""
    total = sum(points, Decimal(0))
    if len(set(points)) == 1:  # equal items: the count is enough
        return {"kind": "checklist", "mode": "share", "full": number(total), "items": names}
    return {"kind": "checklist", "mode": "share", "full": number(total),
            "items": [{"name": n, "share": share_text(pt / total)} for n, pt in zip(names, points)]}


def repeated(names: list[str]) -> str | None:
    """The first name read twice (two clauses that would share one fact of the actual), if any."""
    return next((n for k, n in enumerate(names) if n in names[:k]), None)

