"""Outcome family 要点: listed, enumerated or counted items, each a share or a deduction."""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .. import conditions as C
from ..grammar import NUMBER, Provision
from .base import Rule, amount, award_points, kinds, number, share_text
from .step import _step_part, step_rule

if TYPE_CHECKING:
    from ..build import Builder


def checklist_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    if any(p.lists for p in provs):
        own = _own_deductions(b, provs, in_sum)
        return own if own is not None else _listed(b, provs, in_sum)
    return _pointed(b, provs) or _enumerated(b, provs) or _counted(b, provs) or _per_element(b, provs)


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


def _own_deductions(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    """①未备案的扣5分;②每例扣2分…: each numbered clause a deduction of its own (not 要点 that share the
    score) — read as the clauses they are, each fact named with its numeral (③…例数)."""
    body = [p for p in provs if p.outcome.kind not in ("floor", "cap")]
    if len(body) < 2 or not all(p.outcome.kind in ("deduct", "zero") and len(p.lists) == 1
                                and len(p.lists[0].items) == 1 and _no_label(p.lists[0].label) for p in body):
        return None
    if not any(p.outcome.kind == "deduct" for p in body):
        return None
    plain = [replace(p, cond=p.lists[0].items[0].name + p.cond, lists=[]) if p in body else p for p in provs]
    return step_rule(b, plain, in_sum)


def _no_label(label: str) -> bool:
    """Nothing before the numerals, or a heading that ends in a colon (存在以下情形的扣分:①…)."""
    text = label.strip(",;。")
    return not text.strip(":") or text.endswith(":")


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


_POINTED = re.compile(rf"(?P<name>[^、,;。:]+?)(?P<pts>{NUMBER})分")
_UNDONE = re.compile(r"^(?:每(?:完成|达到|实现)(?:1|一)项(?:的)?(?:取得|得|计)(?:该项|相应)(?:分数|分值|分),)?"
                     r"(?:未|没有)(?:完成|达到|实现)(?:的)?(?:项|项目)?$")


def _pointed(b: Builder, provs: list[Provision]) -> Rule | None:
    """A 2分、B 2分、C 3分(,每完成1项取得该项分数,未完成项不得分): items each with its points, listed with 、."""
    first = provs[0]
    last_pts = award_points(first.outcome) if first.outcome.kind == "award" else None
    if last_pts is None:
        return None
    pieces = C.condition_name(first.cond).split("、")
    if len(pieces) < 2:
        return None
    items: list[tuple[str, Decimal]] = []
    for piece in pieces[:-1]:
        m = _POINTED.fullmatch(piece)
        if m is None:
            return None
        items.append((m.group("name"), Decimal(m.group("pts"))))
    items.append((pieces[-1], Decimal(str(last_pts))))
    if any(not name or C.find_threshold(name) or C.find_each(name) for name, _ in items):
        return None
    for p in provs[1:]:
        if p.outcome.kind not in ("floor", "cap") and (p.outcome.kind != "zero" or not _UNDONE.match(C.condition_name(p.cond))):
            # 制定方案2分、召开会议3分,未完成的扣1分: per item or once? refused, never guessed
            b.leftover(provs, {0} | {j for j in range(1, len(provs)) if provs[j] is not p}, "各项分值的列举")
    total = sum((pts for _, pts in items), Decimal(0))
    if total <= 0:
        return None
    if len({pts for _, pts in items}) == 1:
        return {"kind": "checklist", "mode": "share", "full": number(total), "items": [n for n, _ in items]}
    return {"kind": "checklist", "mode": "share", "full": number(total),
            "items": [{"name": n, "share": share_text(pts / total)} for n, pts in items]}


def _enumerated(b: Builder, provs: list[Provision]) -> Rule | None:
    awards = kinds(provs, "award")
    deducts = kinds(provs, "deduct")
    if len(awards) != 1 or len(deducts) != 1:
        return None
    names = C.enumeration(provs[awards[0]].cond)
    d = provs[deducts[0]]
    if not names or not d.outcome.amount or d.outcome.amount in ("all", "corresponding"):
        return None
    each = C.find_each(d.cond)
    if not (C.find_missing(d.cond) or each) or each is not None and each.per.percent:
        return None                   # 金融、法学等专业干部占比…每低1%: a quantity's step, not items
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
