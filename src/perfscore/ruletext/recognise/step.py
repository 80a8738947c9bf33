"""Outcome family 扣分 by steps: 每少/每超/每发生 … 扣N分, alone or summed (此外, 累计)."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from .. import conditions as C
from ..grammar import Num, Provision
from .base import Rule, amount, award_points, kinds, number

if TYPE_CHECKING:
    from ..build import Builder


def step_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    ds = kinds(provs, "deduct")
    if not ds:
        return None
    stepped = [i for i in ds if C.find_each(provs[i].cond) or provs[i].outcome.per_count
               or C.find_missing(provs[i].cond)]
    if not stepped and len(ds) == 1:
        return None
    parts = []
    for i in ds:
        parts.append(_step_part(b, provs, i, in_sum=in_sum or len(ds) > 1))
    used = set(ds)
    for a in kinds(provs, "award"):
        if provs[a].outcome.amount == "full" or award_points(provs[a].outcome) is not None:
            used.add(a)
    for z in kinds(provs, "zero"):
        t = C.find_threshold(C.clean(provs[z].cond))
        if t is not None and len(parts) == 1 and parts[0]["kind"] == "step":
            parts[0]["zero_at"] = number(t.value.value)
            used.add(z)
    for k in kinds(provs, "only"):
        if len(parts) == 1 and parts[0]["kind"] == "step":
            parts[0]["direction"] = provs[k].outcome.amount
            used.add(k)
    for k in kinds(provs, "partial"):
        if len(parts) == 1 and parts[0]["kind"] == "step":
            parts[0]["partial"] = provs[k].outcome.amount
            used.add(k)
    b.leftover(provs, used, "每档扣分")
    if len(parts) == 1:
        return parts[0]
    return {"kind": "sum", "parts": parts}


def _full_provision(provs: list[Provision], before: int) -> Provision | None:
    for j in range(before - 1, -1, -1):
        o = provs[j].outcome
        if o.kind == "award" and (o.amount == "full" or award_points(o) is not None):
            return provs[j]
    return None


def _step_part(b: Builder, provs: list[Provision], i: int, in_sum: bool) -> Rule:
    p = provs[i]
    o = p.outcome
    each = C.find_each(p.cond)
    cond = C.clean(p.cond)
    if not o.amount or o.amount in ("all", "corresponding") or "/" in o.amount:
        raise b.fail("扣分的数额无法确定", o.start, provs)
    deduct = amount(o.amount)
    full = _full_provision(provs, i)
    rule: Rule = {"kind": "step"}
    if full is not None and award_points(full.outcome) is not None:
        rule["full"] = award_points(full.outcome)
    if each is not None and each.direction and not each.counted:
        own = C.find_threshold(p.cond[:p.cond.index("每")] if "每" in p.cond else "")
        negated = re.search(r"未(\w+?)(\d+(?:\.\d+)?)(个|项|期|次|家)(\w+?)(?:,|$)", p.cond)
        threshold = own or (C.find_threshold(C.clean(full.cond)) if full else None)
        if negated and in_sum:
            rule["input"] = negated.group(1) + negated.group(4) + "数"
            threshold = C.Threshold("≥", Num(Decimal(negated.group(2)), negated.group(2), negated.group(3)), 0, 0)
        direction = each.direction
        if threshold is not None and ("input" in rule or not b.same_as_target(threshold.value)):
            rule["reference"] = number(threshold.value.value)
        if direction != "below" or "input" in rule:
            rule["direction"] = direction
        rule["per"] = number(each.per.value)
        rule["deduct"] = deduct
        ref_unit = threshold.value.unit if threshold else (b.target.unit if b.target else "")
        if each.relative or (each.per.unit == "%" and ref_unit not in ("%", "", "个百分点", "百分点")):
            rule["relative"] = True
        return rule
    missing = C.find_missing(p.cond)
    if each is None and missing is not None:
        rule.update({"input": f"缺{missing[0].unit}数", "reference": 0, "direction": "above",
                     "per": number(missing[0].value), "deduct": deduct})
        return rule
    if each is not None or o.per_count:
        if each is not None:
            counted = each.counted or cond[:each.start]
            unit = each.per.unit
            name = counted + ("数" if unit in ("个", "") else f"{unit}数")
            per = number(each.per.value)
        else:
            name, per = cond + "数", 1
        rule.update({"input": name, "reference": 0, "direction": "above", "per": per, "deduct": deduct})
        return rule
    if in_sum and cond and not C.find_threshold(cond):
        out: Rule = {"kind": "boolean", "input": C.positive(cond), "deduct": deduct}
        return out
    raise b.fail(f"“{cond}”扣{o.amount}分，但没有说明每多少扣一次", p.start if p.cond else o.start, provs)
