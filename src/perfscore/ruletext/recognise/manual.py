"""Outcome family 酌情: the evaluator gives the score (酌情扣分, 酌情扣0.5-2.0分)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import conditions as C
from ..grammar import Provision
from .base import Rule, amount, award_points, kinds, number

if TYPE_CHECKING:
    from ..build import Builder


def manual_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    ms = kinds(provs, "manual")
    if not ms or len(ms) > 1 and not all(C.condition_name(provs[m].cond) == C.condition_name(provs[ms[0]].cond) for m in ms):
        return None
    levels = _with_levels(b, provs, ms[0], in_sum)
    if levels is not None:
        return levels
    rule: Rule = {"kind": "manual"}
    used = set(ms)
    o = provs[ms[0]].outcome
    for a in kinds(provs, "award"):
        if a > ms[0] and re.search(r"最高(?:不超过|为)?$|不超过$", provs[a].cond):
            rule["full"] = award_points(provs[a].outcome)  # 酌情打分，最高不超过6分
            used.add(a)
        elif a < ms[0]:
            pts = award_points(provs[a].outcome)
            if pts is not None:
                rule["full"] = pts
            elif provs[a].outcome.amount != "full":
                continue
            used.add(a)
    if o.low is not None and o.high is not None:
        rule["deduct_min"], rule["deduct_max"] = number(o.low.value), number(o.high.value)
    for d in kinds(provs, "deduct"):
        m = re.search(r"(至少|最多|最高|至多)$", provs[d].cond)  # 酌情扣分,最高扣5分
        given = provs[d].outcome.amount
        if m and given and not given.endswith("%"):
            rule["deduct_min" if m.group(1) == "至少" else "deduct_max"] = amount(given)
            used.add(d)
    b.leftover(provs, used, "酌情扣分")
    return rule


def _with_levels(b: Builder, provs: list[Provision], m: int, in_sum: bool) -> Rule | None:
    """相符的得10分,基本相符的得6分,调整较大的扣10分;存在违规支出的,酌情扣分: levels, and a case of its own
    in which the evaluator deducts further (``discretion``)."""
    from .levels import levels_rule, verbal_rule

    o = provs[m].outcome
    case = C.condition_name(provs[m].cond)
    others = [p for i, p in enumerate(provs) if i != m]
    if not case or o.low is not None or not others or m != len(provs) - 1 or C.COMPLEMENT.match(case):
        return None                   # 否则酌情扣分 / 未按要求的,酌情扣分: the other case of the score, not a case of its own
    rule = levels_rule(b, others, in_sum) or verbal_rule(b, others, in_sum)
    if rule is None or rule["kind"] != "qualitative":
        return None
    return {**rule, "discretion": case}
