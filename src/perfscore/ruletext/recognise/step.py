"""Outcome family 扣分 by steps: 每少/每超/每发生 … 扣N分, alone or summed (此外, 累计)."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from .. import conditions as C
from ..grammar import UNIT, Num, Provision
from .base import Rule, amount, award_points, kinds, number

if TYPE_CHECKING:
    from ..build import Builder


_AT_MOST = re.compile(r"^[,;。]*(?:最多|最高|至多|累计最多|最多累计)$")
_NOT_BEYOND = re.compile(r"^[,;。]*(?:但|且)?(?:扣分|累计扣分|最多|最高|累计)?(?:不超过|不得超过|不高于)$")


def step_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    caps = [i for i in kinds(provs, "deduct") if _AT_MOST.match(provs[i].cond) or provs[i].outcome.note == "at_most"]
    ds = [i for i in kinds(provs, "deduct") if i not in caps]
    once = [i for i in kinds(provs, "zero") if _counts_once(provs[i].cond)]
    if any(C.find_threshold(C.condition_name(p.cond)) for p in provs):
        once = []                     # 完成率100%计满分;有1人不达标,该项不得分: the other side of a threshold
    if not ds and not once:
        return None
    stepped = [i for i in ds if C.find_each(provs[i].cond, deducted=True) or provs[i].outcome.per_count
               or C.find_missing(provs[i].cond)]
    vetoes = [i for i in kinds(provs, "zero") if i not in once and _verbal(provs[i].cond)]
    if not stepped and len(ds) == 1:
        p = provs[ds[0]]
        floors = kinds(provs, "floor")
        cond = C.condition_name(p.cond)
        if (floors and len(provs) == 2 and cond and not C.find_threshold(cond) and p.outcome.amount
                and p.outcome.amount not in ("all", "corresponding")):
            # 未按时下达任务扣1分,扣完为止: once for each time it happened
            return {"kind": "step", "input": _last_clause(cond) + "次数", "reference": 0, "direction": "above",
                    "per": 1, "deduct": amount(p.outcome.amount)}
        if not vetoes:
            return None
    parts = []
    for i in sorted(ds + once):
        if i in once:  # 缺一户不得分: one occurrence takes the whole score
            parts.append(_once_part(provs, i))
        else:
            parts.append(_step_part(b, provs, i, in_sum=in_sum or len(ds) + len(vetoes) > 1))
    used = set(ds) | set(once)
    for c in caps:  # 每发现一项扣1分,最多扣6分: the deduction of the step before stops there
        before = [k for k, i in enumerate(ds) if i < c]
        given = provs[c].outcome.amount or ""
        if before and parts[before[-1]]["kind"] == "step" and given not in ("", "all", "corresponding"):
            parts[before[-1]]["deduct_max"] = amount(given)
            used.add(c)
    for a in kinds(provs, "award"):
        before = [k for k, i in enumerate(sorted(ds + once)) if i < a]
        if _NOT_BEYOND.match(provs[a].cond):
            # 每低1%扣0.5分,但不超过3分: the deduction stops there, not a score
            pts = award_points(provs[a].outcome)
            if not before or parts[before[-1]]["kind"] != "step" or pts is None:
                raise b.fail("“不超过N分”说的是扣分的上限还是得分，说不清", provs[a].start, provs)
            parts[before[-1]]["deduct_max"] = pts
            used.add(a)
        elif provs[a].outcome.amount == "full" or award_points(provs[a].outcome) is not None:
            used.add(a)
    for z in kinds(provs, "zero"):
        cond = C.condition_name(provs[z].cond)
        t = C.find_threshold(cond)
        if t is not None and len(parts) == 1 and parts[0]["kind"] == "step":
            parts[0]["zero_at"] = number(t.value.value)
            used.add(z)
        elif z in vetoes:
            # 未公开的不得分;未及时公开的扣2分: the worse case of yes/no deductions takes all (named by its good
            # case); 每发现一处扣1分…;有焚烧现象的,此项不得分: an event vetoes whatever the steps leave
            stepped_parts = any(p["kind"] == "step" for p in parts)
            part = (veto(cond) if stepped_parts else None) or {"kind": "boolean", "input": good_case(cond)}
            parts.insert(len([i for i in ds + once if i < z]), part)
            used.add(z)
    for k in kinds(provs, "exempt"):
        case = re.sub(r"^(?:但是|但)(?:如|若|对)?", "", provs[k].cond.strip(",;。:"))
        if len(parts) == 1 and parts[0]["kind"] == "step" and C.condition_name(case):
            parts[0]["exempt"] = C.condition_name(case)  # 但…高于平均占比加5%的,可不扣分
            used.add(k)
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


def _counts_once(cond: str) -> bool:
    """缺一户不得分, 发现一处即不得分: a count whose first occurrence takes the whole score."""
    each = C.find_each(cond, deducted=True)
    return each is not None and each.per.value == 1 and not C.find_threshold(C.condition_name(cond))


def _once_part(provs: list[Provision], i: int) -> Rule:
    p = provs[i]
    each = C.find_each(p.cond, deducted=True)
    assert each is not None
    unit = _counted_unit(each, p.cond)
    what = re.sub(r"^(?:每|的)+", "", p.cond[each.start:]).split(",")[0]
    name = each.counted.strip(",;。").rstrip("的即") + f"{unit}数" if each.counted else _count_name(what, "", unit)
    rule: Rule = {"kind": "step"}
    full = _full_provision(provs, i)
    if full is not None and award_points(full.outcome) is not None:
        rule["full"] = award_points(full.outcome)
    rule.update({"input": name, "reference": 0, "direction": "above", "per": 1, "deduct": "100%"})
    return rule


def _verbal(cond: str) -> bool:
    """A clause that names an event or a failing (未公开的, 村庄有焚烧现象的), not a threshold or a count."""
    name = C.condition_name(cond)
    return bool(name) and not C.find_threshold(name) and not C.find_each(cond)


def veto(event: str) -> Rule | None:
    """有焚烧现象的,此项不得分: the whole score lost when the event happened — a formula on the event itself
    (是 when it happened; a cell that does not speak of it says it did not); None when the words cannot
    name a fact (a count: 如有1项不实) or the clause is none."""
    name = re.sub(r"\([^)]*\)", "", event).replace("、", "或")
    if not name.isidentifier() or C.find_each(name):
        return None
    return {"kind": "formula", "facts": [name], "expr": f"0 if {name} else full"}


def good_case(cond: str) -> str:
    """A yes/no fact is named by its good case: 项目未细化… → 项目细化…; 信访投诉亮红灯 → 无信访投诉亮红灯."""
    from ..text import CIRCLED

    if cond[:1] in CIRCLED and len(cond) > 1:
        return cond[0] + good_case(cond[1:])  # ④年度报告雷同 → ④无年度报告雷同
    good = C.positive(cond)
    return good if good != cond else "无" + cond


def _last_clause(cond: str) -> str:
    return cond.split(",")[-1] or cond


def _full_provision(provs: list[Provision], before: int) -> Provision | None:
    for j in range(before - 1, -1, -1):
        o = provs[j].outcome
        if o.kind == "award" and (o.amount == "full" or award_points(o) is not None):
            return provs[j]
    return None


def _threshold(p: Provision, full: Provision | None) -> C.Threshold | None:
    each = C.find_each(p.cond)
    own = C.find_threshold(p.cond[:each.start] if each is not None else "")
    return own or (C.find_threshold(C.condition_name(full.cond)) if full else None)


def _counted_unit(each: C.Each, cond: str) -> str:
    """The classifier of what a 每少 step counts (每少1篇, 每少记录一项): none for a quantity (每低于0.1)."""
    if each.per.percent:
        return ""
    if each.per.unit:
        return each.per.unit
    m = re.search(rf"(?:\d+|[一两二三四五六七八九十]+)({UNIT})", cond[each.start:])
    return m.group(1) if m and m.group(1) not in ("%", "个百分点", "百分点", "分") else ""


def _count_name(what: str, verb: str, unit: str) -> str:
    """少记录一项 → 少记录项数; 缺一户 → 缺户数: what is counted, named from the clause."""
    bare = re.sub(r"(?:\d+(?:\.\d+)?|[一两二三四五六七八九十]+)" + re.escape(unit), "", what) if unit else what
    bare = bare or verb
    return bare + (f"{unit}数" if unit and not bare.endswith(unit) else "数")


def _step_part(b: Builder, provs: list[Provision], i: int, in_sum: bool) -> Rule:
    p = provs[i]
    o = p.outcome
    each = C.find_each(p.cond, deducted=True)
    cond = C.condition_name(p.cond)
    if o.amount == "all" and in_sum and cond and each is None and not C.find_threshold(cond):
        return {"kind": "boolean", "input": good_case(cond)}  # 未执行扣完: the case that takes all
    if not o.amount or o.amount in ("all", "corresponding") or "/" in o.amount:
        raise b.fail("扣分的数额无法确定", o.start, provs)
    deduct = amount(o.amount)
    full = _full_provision(provs, i)
    rule: Rule = {"kind": "step"}
    if full is not None and award_points(full.outcome) is not None:
        rule["full"] = award_points(full.outcome)
    if (each is not None and each.direction == "below" and not each.counted and not b.target
            and _counted_unit(each, p.cond) and not _threshold(p, full)
            and not re.search(r"目标值|(?<!按)(?<!按照)要求|指标值|标准", p.cond + (full.cond if full else ""))
            and not re.search(r"未\w+?\d+(?:\.\d+)?(?:个|项|期|次|家)", p.cond)):
        verb = re.search(rf"(?:{'|'.join(C.BELOW_VERBS)})(?:\d+(?:\.\d+)?|[一两二三四五六七八九十]+)?", p.cond[each.start:])
        what = re.sub(r"^(?:每|的)+", "", p.cond[each.start:]).split(",")[0]
        lead = [x for x in re.split(r"[,;。]", p.cond[:each.start]) if x.strip("的")]
        if lead:  # 未制定“一河一策”的,少1条: the subject names the count
            what = C.condition_name(lead[-1]) + what
        rule.update({"input": _count_name(what, verb.group(0) if verb else "", _counted_unit(each, p.cond)), "reference": 0,
                     "direction": "above", "per": number(each.per.value), "deduct": deduct})
        return rule                   # 每少记录一项扣1分, 缺一户扣0.5分: no threshold stated or given, it counts
    changed = each is not None and each.direction in ("above", "below") and not each.counted and not b.target \
        and (re.search(r"上年|同比|环比|上期", p.cond) or full is not None and each.direction == "above"
             and re.search(r"(?:未|不)超(?:过|出)?(?:预算|概算|投资|工期|规定)", C.condition_name(full.cond))
             and not re.search(r"目标|指标|标准|要求|计划", full.cond)) and not _threshold(p, full)
    if changed:  # 与上年相比,每上升一个百分点扣2分; 未超预算的得满分,每超1%扣0.5分: the change itself is counted
        assert each is not None
        verb = C.EACH.match(p.cond, each.start)
        said = verb.group("verb") if verb and verb.group("verb") else ("上升" if each.direction == "above" else "下降")
        unit = "百分点" if each.per.percent else each.per.unit.removeprefix("个")
        rule.update({"input": f"{said}{unit}数", "reference": 0, "direction": "above", "per": number(each.per.value),
                     "deduct": deduct})
        return rule
    if each is not None and each.direction and not each.counted:
        own = C.find_threshold(p.cond[:each.start])
        negated = re.search(r"未(\w+?)(\d+(?:\.\d+)?)(个|项|期|次|家)(\w+?)(?:,|$)", p.cond)
        threshold = own or (C.find_threshold(C.condition_name(full.cond), words=True) if full else None)
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
            counted = (each.counted or C.condition_name(p.cond[:each.start])).rstrip("的")
            unit = each.per.unit
            name = counted + ("数" if unit in ("个", "") else f"{unit}数")
            per = number(each.per.value)
        else:
            name, per = cond + "数", 1
        rule.update({"input": name, "reference": 0, "direction": "above", "per": per, "deduct": deduct})
        return rule
    if in_sum and cond and not C.find_threshold(cond):
        out: Rule = {"kind": "boolean", "input": good_case(cond), "deduct": deduct}
        return out
    raise b.fail(f"“{cond}”扣{o.amount}分，但没有说明每多少扣一次", p.start if p.cond else o.start, provs)
