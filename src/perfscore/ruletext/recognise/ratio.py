"""Outcome family 按比例计分: 按完成比例计分, with a pass mark or the reverse doubling."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import conditions as C
from ..grammar import Provision
from .base import Rule, award_points, dec, full_awards, kinds, pass_mark, stated_reference

if TYPE_CHECKING:
    from ..build import Builder


def ratio_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    rs = kinds(provs, "ratio")
    if not rs or any(p.lists for p in provs):
        return None
    o = provs[rs[0]].outcome
    if o.note == "deduct" and re.search(r"拖期|延期|逾期|超期|超支|差错|损失|违规|问题|投诉", o.expr):
        # 按拖期天数占总工期比重扣分: the share of a bad quantity is deducted (full × (1 − share)), the opposite of
        # 按完成比例计分 — not read yet; refused rather than scored the wrong way round
        raise b.fail(f"“按{o.expr}比重扣分”扣的是坏的一面的占比，这种按比例扣分还读不懂", o.start, provs)
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
    marked = [provs[z] for z in zeros if "完成率" not in provs[z].cond and "2倍" not in provs[z].cond]
    if mark and rule.get("reference") not in (None, 100) and marked:
        raise b.fail(f"低于{mark}不得分、达到{rule['reference']}得满分，其间“按比例”说不清是按完成比例（实际/"
                     f"{rule['reference']}）计分，还是在两者之间线性计算：有歧义", marked[0].start, provs)
    full = full_awards(provs)
    for z in zeros:
        if z not in used and full and _negates(C.condition_name(provs[z].cond), C.condition_name(provs[full[0]].cond)):
            used.add(z)               # 全部完成得10分,…按比例得分,未完成不得分: nothing done scores 0 by the ratio too
    b.leftover(provs, used, "按比例计分")
    return rule


def _negates(cond: str, full: str) -> bool:
    """未完成 / 该征收不去征收 against 全部完成 / 全额征收: the same act, not done (no threshold of its own)."""
    if C.find_threshold(cond) or not re.search(r"未|不|没有", cond):
        return False
    act = re.sub(r"未|不|没有|去|的", "", cond)
    return any(act[k:k + 2] in full for k in range(len(act) - 1))
