"""Outcome family 扣分 by a series the text starts and leaves to go on: 超过5个工作日扣0.5分,10个工作日扣1分,
以此类推 — each step of the same size and the same deduction, read as a step from 0."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from .. import conditions as C
from ..grammar import NUMBER, UNIT, Num, Provision, read_number
from .base import Rule, amount, kinds, number

if TYPE_CHECKING:
    from ..build import Builder

_POINT = re.compile(rf"(?P<lead>[^\d,;。]*?)(?P<num>{NUMBER})(?P<unit>{UNIT})?(?:及)?(?:以上)?(?:的)?$")


def series_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    if not any("以此类推" in r for r, _ in b.s.remarks):
        return None
    ds = kinds(provs, "deduct")
    if len(ds) < 2 or any(p.outcome.kind not in ("deduct", "floor") for p in provs):
        return None
    points: list[tuple[Num, Decimal]] = []
    lead = ""
    for i in ds:
        p = provs[i]
        if C.find_each(p.cond):
            return None  # 每少1个扣1分…以此类推: the steps say it themselves
        m = _POINT.search(C.condition_name(p.cond))
        a = p.outcome.amount
        if not m or not a or a.endswith("%") or a in ("all", "corresponding") or "/" in a:
            return None
        n = read_number(m.group("num") + (m.group("unit") or ""))
        if n is None:
            return None
        points.append((n[0], Decimal(a)))
        lead = lead or m.group("lead")
    first, deduct = points[0]
    units = {at.unit for at, _ in points if at.unit}
    if first.value <= 0 or len(units) > 1:
        return None
    for k, (at_k, points_k) in enumerate(points, start=1):  # 5→0.5, 10→1, 15→1.5: the k-th point is k steps
        if at_k.value != first.value * k or points_k != deduct * k:
            p = provs[ds[k - 1]]
            at = p.start + len(p.cond) - len(p.cond.lstrip(",;。"))
            raise b.fail("“以此类推”之前的各档不是等距等额（第k档应为第1档的k倍），推不出以后各档", at, provs)
    unit = units.pop().removeprefix("个") if units else ""
    subject = lead.removeprefix("每") or "超过"
    return {"kind": "step", "input": f"{subject}{unit}数", "reference": 0,
            "direction": "above", "per": number(first.value), "deduct": amount(str(deduct))}
