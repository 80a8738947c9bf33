"""Outcome family 按比例计分: 按完成比例计分, with a pass mark or the reverse doubling."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..grammar import Provision
from .base import Rule, award_points, dec, full_awards, kinds, pass_mark, stated_reference

if TYPE_CHECKING:
    from ..build import Builder


def ratio_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    rs = kinds(provs, "ratio")
    if not rs or any(p.lists for p in provs):
        return None
    rule: Rule = {"kind": "ratio"}
    used = set(rs)
    zeros = kinds(provs, "zero")
    mark = pass_mark(provs, zeros)
    if mark:
        rule["pass_mark"] = mark
        used |= set(zeros)
        for f in kinds(provs, "formula"):
            if dec(mark) in provs[f].outcome.expr or mark in provs[f].outcome.expr:
                used.add(f)
    for z in zeros:
        if "2倍" in provs[z].cond:
            rule["reverse"] = "linear_to_double"
            used.add(z)
    for a in full_awards(provs):
        used.add(a)
        pts = award_points(provs[a].outcome)
        if pts is not None:
            rule["full"] = pts        # 完成…任务的,得4分;每少1个村,按比例扣分
        ref = stated_reference(b, provs[a])
        if ref is not None:
            rule["reference"] = ref   # 建档20%,得40分;低于要求按比例得分
    if "reference" not in rule and "否则" in provs[rs[0]].cond:
        # 查处案件10例以上;否则按完成比例得分: the threshold before 否则 is what the ratio is taken against
        before = Provision(provs[rs[0]].cond.split("否则")[0], provs[rs[0]].start, provs[rs[0]].outcome)
        ref = stated_reference(b, before)
        if ref is not None:
            rule["reference"] = ref
    b.leftover(provs, used, "按比例计分")
    return rule
