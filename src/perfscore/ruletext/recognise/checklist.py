"""Outcome family 要点: listed, enumerated or counted items, each a share or a deduction."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .. import conditions as C
from ..grammar import Provision
from .base import Rule, amount, award_points, kinds, number
from .step import _step_part

if TYPE_CHECKING:
    from ..build import Builder


def checklist_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    if any(p.lists for p in provs):
        return _listed(b, provs, in_sum)
    return _enumerated(b, provs) or _counted(b, provs) or _per_element(b, provs)


def _listed(b: Builder, provs: list[Provision], in_sum: bool) -> Rule:
    items: dict[str, dict[str, Any]] = {}
    used: set[int] = set()
    mode = "share"
    gate = None
    deduct = None
    last: list[str] = []
    extra: list[Rule] = []
    for i, p in enumerate(provs):
        names = [it.name for lst in p.lists for it in lst.items]
        again = bool(names) and all(n in items for n in names)  # 要点②每出现…: a 要点 named before
        for n in names:
            items.setdefault(n, {"name": n})
        o = p.outcome
        cond = C.condition_name(p.cond)
        labels = "".join(lst.label for lst in p.lists)
        each = C.find_each(p.cond)
        if names:
            last = names
        if o.kind == "share" and names:
            for n in names:
                items[n]["share"] = o.amount
            used.add(i)
        elif o.kind == "award" and o.amount and o.amount.endswith("%") and not names and cond and not C.find_threshold(cond):
            items.setdefault(cond, {"name": cond})["share"] = o.amount
            items[cond]["_first"] = len(items)
            used.add(i)
        elif o.kind in ("award",) and o.amount in ("full", "corresponding"):
            used.add(i)
        elif o.kind == "deduct" and o.amount == "corresponding" and "偏差率" in p.cond:
            for n in (names or last):
                items[n]["rule"] = {"kind": "formula", "expr": "full - full * actual / 100"}
            used.add(i)
        elif o.kind == "deduct" and o.amount == "corresponding":
            used.add(i)
        elif o.kind == "deduct" and o.amount == "all":
            mode = "veto"
            used.add(i)
        elif o.kind == "zero" and any(w in cond + labels for w in ("不具备", "不满足")) and not each and not C.find_threshold(cond) \
                and o.note != "item" and len(last) == 1:
            mode, gate = "gate", last[0]
            used.add(i)
        elif o.kind == "deduct" and each and (o.note == "item" or again):
            scope = names or last
            cap = _item_cap(provs, i)
            if cap is not None:
                used.add(cap[1])
            if o.amount and "/" in o.amount:
                a, d = o.amount.split("/")
                expr = f"full - actual * full * {a} / {d}" if a != "1" else f"full - actual * full / {d}"
                if cap is not None:
                    expr = f"0 if actual >= {cap[0]} else {expr}"
                rule: Rule = {"kind": "formula", "expr": expr}
            else:
                rule = {"kind": "step", "reference": 0, "direction": "above", "per": number(each.per.value),
                        "deduct": amount(o.amount or "0")}
                if cap is not None:
                    rule["zero_at"] = cap[0]
            for n in scope:
                items[n]["rule"] = rule
            used.add(i)
        elif o.kind == "deduct" and (each or C.find_missing(p.cond)) and o.amount and not each_counts_other(each):
            mode = "deduct"
            deduct = amount(o.amount)
            used.add(i)
        elif o.kind == "deduct" and each:
            extra.append(_step_part(b, provs, i, in_sum=True))
            used.add(i)
        elif o.kind == "formula" and ("各要点" in cond or "不满足" in cond):
            subject = o.expr.replace("×", "*").split("*")
            rate = [x for x in subject if x.endswith("率")]
            if not rate:
                continue
            for n in items:
                items[n]["rule"] = {"kind": "formula", "expr": "full * actual / 100"}
            used.add(i)
    for i, p in enumerate(provs):
        if p.outcome.kind == "zero" and i not in used and p.outcome.note == "item":
            used.add(i)  # 该要点不得分: the cap of a per-item deduction, read above
    b.leftover(provs, used, "要点")
    ordered = sorted(items.values(), key=_item_order)
    rule = {"kind": "checklist", "mode": mode}
    listed = _shares(ordered)
    rule["items"] = listed
    if gate:
        rule["gate"] = gate
    if deduct is not None:
        rule["deduct"] = deduct
    if extra:
        return {"kind": "sum", "parts": [rule, *extra]}
    return rule


def _item_order(item: dict[str, Any]) -> int:
    """Items keep their order, except that ①②③ read out of order (要点①③…要点②) are sorted."""
    from ..text import CIRCLED

    item.pop("_first", None)
    name = item["name"]
    return CIRCLED.index(name[0]) + 1 if name and name[0] in CIRCLED else 0


def each_counts_other(each: C.Each | None) -> bool:
    """每发现一家对象不达标 counts something else than the 要点 themselves."""
    return each is not None and each.per.unit not in ("项", "个", "方面", "") and bool(each.counted)


def _item_cap(provs: list[Provision], i: int) -> tuple[int, int] | None:
    for j in range(i + 1, len(provs)):
        p = provs[j]
        if p.outcome.kind == "zero" and p.outcome.note == "item":
            t = C.find_threshold(p.cond)
            if t is not None:
                return int(t.value.value), j
    return None


def _shares(items: list[dict[str, Any]]) -> list[Any]:
    from ..grammar import read_number

    values: list[Decimal | None] = []
    for it in items:
        s = it.get("share")
        if s is None:
            values.append(None)
            continue
        n = read_number(s) if not s.endswith("%") else None
        values.append(Decimal(s[:-1]) / 100 if s.endswith("%") else (n[0].value if n else Decimal(s)))
    known = [v for v in values if v is not None]
    equal = not known or (len(known) == len(values) and len(set(known)) == 1
                          and abs(sum(known, Decimal(0)) - 1) < Decimal("1e-20"))
    out: list[Any] = []
    for it in items:
        if equal:
            it.pop("share", None)
        if set(it) == {"name"}:
            out.append(it["name"])
        else:
            out.append(it)
    return out


def _enumerated(b: Builder, provs: list[Provision]) -> Rule | None:
    awards = kinds(provs, "award")
    deducts = kinds(provs, "deduct")
    if len(awards) != 1 or len(deducts) != 1:
        return None
    names = C.enumeration(provs[awards[0]].cond)
    d = provs[deducts[0]]
    if not names or not d.outcome.amount or d.outcome.amount in ("all", "corresponding"):
        return None
    if not (C.find_missing(d.cond) or C.find_each(d.cond)):
        return None
    return _deduct_each(b, provs, awards[0], deducts[0], names)


def _counted(b: Builder, provs: list[Provision]) -> Rule | None:
    awards = kinds(provs, "award")
    deducts = kinds(provs, "deduct")
    if len(awards) != 1 or len(deducts) != 1:
        return None
    d = provs[deducts[0]]
    each = C.find_each(d.cond)
    missing = C.find_missing(d.cond)
    unit = each.per.unit if each else (missing[0].unit if missing else "")
    if not unit or each is not None and each.direction == "above":
        return None
    n = C.item_count(provs[awards[0]].cond, unit)
    if n is None or not d.outcome.amount or d.outcome.amount in ("all", "corresponding"):
        return None
    return _deduct_each(b, provs, awards[0], deducts[0], n)


def _deduct_each(b: Builder, provs: list[Provision], award: int, deduct: int, items: list[str] | int) -> Rule:
    """A deduct checklist: the award clause may state the full score; each unmet item deducts."""
    rule: Rule = {"kind": "checklist", "mode": "deduct"}
    pts = award_points(provs[award].outcome)
    if pts is not None:
        rule["full"] = pts
    rule["items"] = items
    rule["deduct"] = amount(provs[deduct].outcome.amount or "")  # callers checked it is stated
    b.leftover(provs, {award, deduct}, "要点扣分")
    return rule


def _per_element(b: Builder, provs: list[Provision]) -> Rule | None:
    """具备一个得分要素，得到指标分值的25% → four elements, each 25%."""
    if len(provs) != 1 or provs[0].outcome.kind != "share":
        return None
    p = provs[0]
    if not re.search(r"(?:具备|满足|符合|每)(?:一个|一项|1个|1项)", p.cond) or not p.outcome.amount:
        return None
    a = p.outcome.amount
    share = Decimal(a[:-1]) / 100 if a.endswith("%") else None
    if share is None or share <= 0 or (1 / share) != (1 / share).to_integral_value():
        return None
    return {"kind": "checklist", "mode": "deduct", "items": int(1 / share), "deduct": a}
