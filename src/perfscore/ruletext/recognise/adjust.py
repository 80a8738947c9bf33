"""Outcome family 加分: a base score moved up and down by steps — 保持稳定的得1.5分;每增加1名加0.05分,加分不超过
0.5分;每减少1名扣0.1分,扣分不超过2分 — read as a formula on the counts of each change (the result held in
[0, 满分] as every formula's is). A sentence that adds points this recogniser cannot place is refused."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from .. import conditions as C
from ..grammar import NUMBER, UNIT, Provision
from .base import Rule, award_points, kinds, number, repeated

if TYPE_CHECKING:
    from ..build import Builder


def adjust_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    added = kinds(provs, "bonus")
    if not added:
        return None
    bases = [a for a in kinds(provs, "award") if award_points(provs[a].outcome) is not None and a < added[0]]
    base: int | Decimal | None = 0
    if not bases and all(p.outcome.kind in ("bonus", "floor", "cap", "deduct") for p in provs):
        pass                          # 得到批示肯定的,每次加1分;…: a 加分项, counted up from 0
    elif len(bases) != 1:
        raise b.fail("有加分，但加分之前没有说明基础分（如“持平得6分”）", provs[added[0]].start, provs)
    else:
        base = award_points(provs[bases[0]].outcome)
    used = set(bases)
    # 达到标准6分,每降低1%加2分: steps of the actual away from the target (not a count the cell names)
    to_target = bool(bases) and re.search(r"达到(?:标准|目标|要求)|达标", provs[bases[0]].cond) is not None
    guard = ""
    terms: list[list[str]] = []            # [sign, fact, per, points, cap]
    for i, p in enumerate(provs):
        o = p.outcome
        if i in used or o.kind == "floor":
            used.add(i)
            continue
        if to_target and o.kind == "zero" and (side := re.search(r"(高于|低于|超过|未达到)(?:标准|目标|要求)", p.cond)):
            guard = "actual > target" if side.group(1) in ("高于", "超过") else "actual < target"  # 高于标准不得分
            used.add(i)
            continue
        each = C.find_each(p.cond)
        if to_target and o.kind in ("bonus", "deduct") and each is not None and each.direction in ("above", "below") \
                and not each.counted and o.amount and not o.amount.endswith("%"):
            gap = "target - actual" if each.direction == "below" else "actual - target"
            terms.append(["+" if o.kind == "bonus" else "-", f"max({gap}, 0)", str(number(each.per.value)), o.amount, ""])
            used.add(i)
            continue
        if to_target and o.kind == "bonus" and terms and each is None and C.find_threshold(C.condition_name(p.cond)):
            terms[-1][4] = o.amount or ""      # 降低2%以上加4分: where the steps before stop
            used.add(i)
            continue
        if (o.kind == "cap" and o.note == "bonus") or (o.kind == "deduct" and o.note == "at_most"):
            sign = "+" if o.kind == "cap" else "-"
            limit = o.low.text if o.low is not None else o.amount
            if not terms or terms[-1][0] != sign or limit is None:
                raise b.fail("加分或扣分的上限前面没有对应的加分或扣分", p.start, provs)
            terms[-1][4] = limit
            used.add(i)
            continue
        if o.kind not in ("bonus", "deduct") or not o.amount or o.amount.endswith("%") or o.amount in ("all", "corresponding"):
            continue                       # left for leftover() to name
        counted = _counted(p.cond)
        if counted is None:
            raise b.fail("加分或扣分没有说明每多少加（扣）一次", p.start, provs)
        terms.append(["+" if o.kind == "bonus" else "-", counted[0], counted[1], o.amount, ""])
        used.add(i)
    b.leftover(provs, used, "基础分加减")
    named = [t[1] for t in terms if not t[1].startswith("max(")]
    twice = repeated(named)
    if twice is not None:
        raise b.fail(f"两条加分或扣分读出了同一个名称“{twice}”，分不清实际完成值说的是哪一条", provs[-1].start, provs)
    expr = str(base)
    for sign, fact, per, points, cap in terms:
        term = f"floor({fact} / {per}) * {points}"
        expr += f" {sign} " + (f"min({term}, {cap})" if cap else term)
    if guard:
        expr = f"0 if {guard} else {expr}"
    rule: Rule = {"kind": "formula"}
    if named:
        rule["facts"] = list(dict.fromkeys(named))
    rule["expr"] = expr
    return rule


_COUNTING_NOTE = re.compile(r"\(扣除[^)]*\)")  # (扣除与计划重复的项目): what the count leaves out, for the evaluator
_AT_MOST = re.compile(r"^[,;。]*(?:最多|最高|至多|封顶|最多不超过|累计不超过)(?:为|得)?$")


def per_award_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    """每开工一个项目得2分,最多10分 / 每发表一篇论文得1分,最高为5分: points for each time, up to a cap."""
    awards = [i for i in kinds(provs, "award") if award_points(provs[i].outcome) is not None]
    each = [i for i in awards if C.find_each(provs[i].cond) is not None and not _AT_MOST.match(provs[i].cond)]
    if len(each) != 1:
        return None
    p = provs[each[0]]
    counted = _counted(p.cond)
    if counted is None:
        return None
    cap = ""
    used = {each[0]}
    for i, q in enumerate(provs):
        o = q.outcome
        if i in used:
            continue
        if o.kind == "award" and _AT_MOST.match(_COUNTING_NOTE.sub("", q.cond)) and award_points(o) is not None:
            cap = str(award_points(o))              # ,最多10分
        elif o.kind == "cap" and o.low is not None:
            cap = str(number(o.low.value))          # ,最高为5分
        elif o.kind == "cap" and not o.expr:
            cap = "full"                            # ,满分为止
        else:
            continue
        used.add(i)
    if not cap:
        return None                                 # no cap: the count could pass the weight; left to the others
    b.leftover(provs, used, "按次得分")
    term = f"floor({counted[0]} / {counted[1]}) * {award_points(p.outcome)}"
    return {"kind": "formula", "facts": [counted[0]], "expr": f"min({term}, {cap})"}


def _counted(cond: str) -> tuple[str, str] | None:
    """每增加1名人员编制 → (增加人员编制名数, 1); 上升一起 → (上升起数, 1)."""
    each = C.find_each(cond)
    if each is None:
        return None
    m = C.EACH.match(cond, each.start) or C.IMPLICIT.match(cond, each.start)
    if m is None:
        return None
    groups = m.groupdict()
    said = (groups.get("verb") or groups.get("has") or "") + (groups.get("obj") or "") + (groups.get("rest") or "")
    unit = each.per.unit
    inner = re.search(rf"{NUMBER}({UNIT})", said)  # 每高于基数1个百分点: the unit after the words
    if inner:
        unit = unit or inner.group(1)
        said = said[:inner.start()] + said[inner.end():]
    if not said.strip("的"):          # 得到市领导批示肯定的,每次加1分: what is counted is said before 每
        said = C.condition_name(cond[:each.start]).split(",")[-1]
    name = re.sub(r"\W", "", said.strip("的")) + unit.removeprefix("个") + "数"
    return name, str(number(each.per.value))
