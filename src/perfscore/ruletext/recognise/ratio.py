"""Outcome family 按比例计分: 按完成比例计分, with a pass mark or the reverse doubling."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..grammar import Provision
from .base import Rule, dec, kinds, pass_mark

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
    for a in kinds(provs, "award"):
        if provs[a].outcome.amount == "full":
            used.add(a)
    b.leftover(provs, used, "按比例计分")
    return rule
