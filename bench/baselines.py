"""Hand-written scoring, one small Decimal function per rule kind: the floor of case (d).

Each function computes the same rounded score that perfscore gives for the rule options the
generator writes (bench/generate.py), with none of the engine's generality: no parsing of
options, no explanation text, no reachable scores. The generator also uses them to declare
correct scores, so that only the planted inconsistencies become findings. Callers run them
under ``localcontext(CONTEXT)``, the engine's scoring context, as perfscore does once per
evaluation.
"""
from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal
from typing import Sequence

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
CONTEXT = Context(prec=34, rounding=ROUND_HALF_UP)   # the engine's scoring context


def number(raw: object) -> Decimal:
    """An actual as the YAML loader gives it: int, Decimal, or text such as '90.21%'."""
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, int):
        return Decimal(raw)
    text = str(raw)
    return Decimal(text[:-1] if text.endswith("%") else text)


def rounded(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def ratio(weight: Decimal, target: Decimal, actual: object, pass_mark: Decimal | None = None) -> Decimal:
    """完成值/目标值 × 分值，封顶; with a pass mark: (r − p)/(1 − p) × 分值, 0 below it."""
    a = number(actual)
    if a >= target:
        return rounded(weight)
    r = max(a, ZERO) / target
    if pass_mark is None:
        return rounded(weight * r)
    if r < pass_mark:
        return ZERO.quantize(CENT)
    return rounded(weight * (r - pass_mark) / (ONE - pass_mark))


def step(weight: Decimal, reference: Decimal, actual: object, per: Decimal, deduct: Decimal,
         above: bool = False) -> Decimal:
    """每少(多) per 扣 deduct 分，扣完为止 (whole steps)."""
    a = number(actual)
    gap = a - reference if above else reference - a
    if gap <= 0:
        return rounded(weight)
    steps = (gap / per).to_integral_value(ROUND_FLOOR)
    return rounded(max(weight - steps * deduct, ZERO))


def bands(weight: Decimal, actual: object, lows: Sequence[tuple[Decimal, Decimal]]) -> Decimal:
    """Bands given as (lower bound, share of the weight), highest first; below all → 0."""
    x = number(actual)
    for low, share in lows:
        if x >= low:
            return rounded(weight * share)
    return ZERO.quantize(CENT)


def checklist(weight: Decimal, items: int, unmet: int) -> Decimal:
    """Equal items, each an equal share of the weight."""
    return rounded(weight * (items - unmet) / items)


def checklist_deduct(weight: Decimal, unmet: int, deduct: Decimal) -> Decimal:
    return rounded(max(weight - unmet * deduct, ZERO))


def boolean(weight: Decimal, actual: object) -> Decimal:
    return rounded(weight) if actual in (True, "是") else ZERO.quantize(CENT)


LEVELS = {"达成": (Decimal("0.8"), ONE), "部分达成": (Decimal("0.6"), Decimal("0.8")), "未达成": (ZERO, Decimal("0.6"))}


def qualitative(weight: Decimal, level: str, chosen: Decimal | None) -> Decimal | None:
    """The national three levels; the chosen score must lie in its level (None when it does not)."""
    lo, hi = LEVELS[level]
    if chosen is None:
        return rounded(weight * hi)
    if not weight * lo <= chosen <= weight * hi:
        return None
    return rounded(chosen)


def formula(weight: Decimal, target: Decimal, actual: object) -> Decimal:
    """The generator's expression ``weight * min(actual / target, 1)``, written out."""
    value = weight * min(number(actual) / target, ONE)
    return rounded(max(ZERO, min(value, weight)))


def manual(weight: Decimal, chosen: Decimal, deduct_min: Decimal, deduct_max: Decimal) -> Decimal | None:
    """Full marks, or full less a deduction within [deduct_min, deduct_max] (None otherwise)."""
    d = weight - chosen
    if d == 0 or deduct_min <= d <= deduct_max:
        return rounded(chosen)
    return None


def sum_ratio_step(weight: Decimal, target: Decimal, actual: object, complaints: object, per: Decimal,
                   deduct_share: Decimal) -> Decimal:
    """两项扣分累计: the ratio part's shortfall plus 每 per 次投诉扣 deduct_share 权重分, floored at 0."""
    a = number(actual)
    first = weight if a >= target else weight * max(a, ZERO) / target
    c = number(complaints)
    steps = (c / per).to_integral_value(ROUND_FLOOR) if c > 0 else ZERO
    second = max(weight - steps * weight * deduct_share, ZERO)
    total = (weight - first) + (weight - second)
    return rounded(max(weight - total, ZERO))
