"""Outcome family 区间: each clause an interval or comparison of the actual with its score."""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ...numbers import fmt
from .. import conditions as C
from ..grammar import Outcome, Provision
from .base import Rule, number

if TYPE_CHECKING:
    from ..build import Builder


def bands_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    if not all(p.outcome.kind in ("award", "zero") for p in provs) or len(provs) < 2:
        return None
    read = []
    for p in provs:
        found = C.find_interval(C.clean(p.cond))
        if found is None:
            return None
        read.append(found)
    requires = [f for _, facts in read for f in facts if not f.startswith("预算执行率") and len(f) > 1]
    bands = []
    for p, (iv, facts) in zip(provs, read):
        band: dict[str, Any] = {}
        if iv.min is not None:
            band["min"] = number(iv.min.value)
            if iv.min_inclusive is False:
                band["min_inclusive"] = False
        if iv.max is not None:
            band["max"] = number(iv.max.value)
            if iv.max_inclusive is not None:
                band["max_inclusive"] = iv.max_inclusive
        band["score"] = _score(p.outcome)
        own = [f for f in facts if f in requires
               and not any(g != f and len(f) > len(g) and C.negates(f, g) for g in requires)]
        if own:
            band["requires"] = "且".join(own)
        bands.append(band)
    return {"kind": "bands", "bands": bands}


def _score(o: Outcome) -> Any:
    if o.kind == "zero":
        return 0
    if o.amount == "full":
        return "100%"
    if o.low is not None and o.high is not None:
        lo, hi = sorted((o.low.value, o.high.value))
        return f"{fmt(lo)}~{fmt(hi)}" + ("%" if o.low.percent else "")
    if o.amount and o.amount.endswith("%"):
        return o.amount
    return number(Decimal(o.amount or "0"))
