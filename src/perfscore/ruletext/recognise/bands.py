"""Outcome family 区间: each clause an interval or comparison of the actual with its score."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ...numbers import HUNDRED, fmt
from .. import conditions as C
from ..grammar import NUMBER, Num, Outcome, Provision, read_number
from .base import Rule, award_points, number, points_of

if TYPE_CHECKING:
    from ..build import Builder


_ON_TIME = re.compile(r"符合计划|按计划|按期|按时|如期|在规定时间内|未超|不超|未延期|未滞后")
_LATE = re.compile(r"(?:进度)?(?:滞后|超支|超过|超出|延期|逾期|延迟|拖期|超期)")


def bands_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    if not all(p.outcome.kind in ("award", "zero") for p in provs) or len(provs) < 2:
        return None
    conds = [C.condition_name(p.cond) for p in provs]
    relative = any(_RELATIVE.search(c) for c in conds)
    if relative:
        conds = [_RELATIVE.sub("", c) for c in conds]
    meets = relative and _MEETS.fullmatch(conds[0]) is not None
    rest = [k for k, c in enumerate(conds) if _REST.fullmatch(c)]
    if len(rest) > 1 or (rest and (rest[0] != len(conds) - 1 or meets or relative)):
        return None                   # 其余 is the last case, after the bands it is the rest of
    read: list[tuple[C.Interval, list[str]]] = []
    # 符合计划进度的得3分,滞后1个月以内的得2分…: the case on time is no delay at all, the bands count the delay
    late = len(conds) > 1 and _ON_TIME.search(conds[0]) is not None and not C.find_interval(conds[0], marks=True) \
        and all(_LATE.match(c) for c in conds[1:] if c)
    for k, cond in enumerate(conds):
        if k in rest:
            read.append((C.Interval(), []))  # filled in below: the one gap the other bands leave
            continue
        if late and k == 0:
            read.append((C.Interval(max=Num(Decimal(0), "0"), max_inclusive=True), []))
            continue
        found = (C.Interval(min=Num(HUNDRED, "100", "%")), []) if meets and k == 0 else C.find_interval(cond, marks=True)
        if late and found is not None and found[0].min is None:
            found[0].min, found[0].min_inclusive = Num(Decimal(0), "0"), False  # 滞后1个月以内: some delay
        if found is None:
            return None
        read.append(found)
    requires = [f for _, facts in read for f in facts
                if not f.startswith("预算执行率") and len(f) > 1 and not f.startswith("或")]
    bands = []
    for p, (iv, facts) in zip(provs, read):
        band: dict[str, Any] = {}
        if iv.min is not None:
            band["min"] = number(iv.min.value)
            if iv.min_inclusive is False:
                band["min_inclusive"] = False
        if iv.max is not None:
            band["max"] = number(iv.max.value)
            if iv.max_inclusive is not None:
                band["max_inclusive"] = iv.max_inclusive
        band["score"] = _score(p.outcome)
        if band["score"] is None:
            return None
        own = [f for f in facts if f in requires
               and not any(g != f and len(f) > len(g) and C.negates(f, g) for g in requires)]
        if own:
            band["requires"] = "且".join(own)
        alternatives = [f[1:] for f in facts if f.startswith("或") and len(f) > 1]
        if alternatives:
            band["also_when"] = "或".join(alternatives)  # 完成率<80%,或无学员不得分: either puts it in this band
        bands.append(band)
    if rest:
        gaps = _the_rest([x for k, x in enumerate(bands) if k != rest[0]])
        if gaps is None:
            return None
        bands[rest[0]:rest[0] + 1] = [{**gap, "score": bands[rest[0]]["score"]} for gap in gaps]
    if meets:
        _below_the_requirement(bands)
    elif all("max" not in x for x in bands) and len({x.get("min") for x in bands}) == len(bands):
        bands.sort(key=lambda x: -Decimal(x["min"]))  # 达到5%得1分;达到10%得2分: the highest reached
    elif all("min" not in x for x in bands) and len({x.get("max") for x in bands}) == len(bands):
        bands.sort(key=lambda x: Decimal(x["max"]))
    else:
        _close_the_steps(bands)
    rule: Rule = {"kind": "bands"}
    if relative:
        rule["relative"] = True
    rule["bands"] = bands
    return rule


# 规定数的90%, 要求的80%, 目标值的60%: a bound that is a share of what is required (the target)
_RELATIVE = re.compile(r"(?:规定数|规定值|规定|要求数|要求|目标值|目标数|目标|任务数|任务|计划数|计划|标准值|标准)的(?=\d)")
# 符合要求, 达到要求, 完成目标任务: the first tier before the shares of the requirement is the requirement met
_MEETS = re.compile(r"(?:符合|达到|满足|完成)(?:规定数?|要求|目标值?|任务数?|标准|目标任务)")


_REST = re.compile(r"(?:其余|其他|其它)(?:情况|情形)?|其余的|除此之外")


def _the_rest(bands: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """其余得2分: every stretch of the line the other bands leave (below, between, above them); None when
    they leave none, overlap, or hang on facts (what 其余 then covers is unsaid)."""
    from ...rules.bands import BandsRule

    if any("requires" in x or "also_when" in x for x in bands):
        return None
    model = BandsRule(bands=bands)  # type: ignore[arg-type]
    order = sorted(range(len(bands)), key=lambda i: (model.bands[i].min is not None, model.bands[i].min or 0))
    gaps: list[dict[str, Any]] = []
    first, last = order[0], order[-1]
    low, high = model.bands[first].min, model.bands[last].max
    if low is not None:
        gaps.append({"max": number(low), "max_inclusive": not model.lower_inclusive(first)})
    for a, b in zip(order, order[1:]):
        hi, lo = model.bands[a].max, model.bands[b].min
        if hi is None or lo is None or hi > lo:
            return None
        if hi < lo or (not model.upper_inclusive(a) and not model.lower_inclusive(b)):
            gaps.append({"min": number(hi), "min_inclusive": not model.upper_inclusive(a),
                         "max": number(lo), "max_inclusive": not model.lower_inclusive(b)})
    if high is not None:
        gaps.append({"min": number(high), "min_inclusive": not model.upper_inclusive(last)})
    for gap in gaps:
        if gap.get("min_inclusive") is True:
            del gap["min_inclusive"]  # the default where the band below leaves the bound out
    return gaps or None


def _close_the_steps(bands: list[dict[str, Any]]) -> None:
    """≥100%,得满分;≥95%,得8分;≥90%,得6分;<90%,不得分: each open band below a higher one ends where that one
    begins (95 to 100), so that the bands tile the line instead of overlapping (the first that holds is the
    same either way)."""
    open_ = [k for k, x in enumerate(bands) if "min" in x and "max" not in x and "requires" not in x]
    mins = [Decimal(bands[k]["min"]) for k in open_]
    if len(open_) < 2 or mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
        return                        # written in another order: leave them as written
    for k, above in zip(open_[1:], mins):
        band = bands[k]
        bands[k] = {"min": band.pop("min"), "max": number(above), **band}


def _below_the_requirement(bands: list[dict[str, Any]]) -> None:
    """符合要求,得4分;≥规定数的90%,得2分: the second tier lies below the requirement met (100%)."""
    for k, band in enumerate(bands[1:], 1):
        if "max" not in band and "min" in band and Decimal(band["min"]) < HUNDRED:
            bands[k] = {"min": band.pop("min"), "max": 100, **band}


_TIMES = re.compile(rf"(?P<verb>[\u4e00-\u9fff]{{1,6}}?)(?P<num>{NUMBER})(?P<unit>次|场|期|批|轮|个|项|篇|条|件|份)"
                    r"(?P<more>及以上|以上)?")
_NONE = re.compile(r"(?:未|没有|未曾)(?P<verb>[\u4e00-\u9fff]{1,6})")


def count_bands_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    """开展一次的,得50%;开展二次的,得满分;未开展的,不得分: how many times one thing was done, each count
    with its score — bands over the count (the highest count stated and more: its score; none: 0)."""
    if len(provs) < 2 or not all(p.outcome.kind in ("award", "zero") for p in provs):
        return None
    counts: list[tuple[Decimal, Any]] = []
    verbs, units, zero = set(), set(), None
    for p in provs:
        cond = re.sub(r",?则$", "", C.condition_name(p.cond)).rstrip("的")
        m = _TIMES.fullmatch(cond)
        if m:
            n = read_number(m.group("num") + m.group("unit"))
            if n is None or n[0].value <= 0:
                return None
            verbs.add(m.group("verb"))
            units.add(m.group("unit"))
            score = _score(p.outcome)
            if score is None:
                return None
            counts.append((n[0].value, score))
            continue
        none = _NONE.fullmatch(cond)
        if none is None or zero is not None or p.outcome.kind != "zero":
            return None
        zero, verb = p, none.group("verb")
        verbs.add(verb)
    if len(counts) < 2 or len(verbs) != 1 or len(units) != 1 or len({n for n, _ in counts}) != len(counts):
        return None
    counts.sort(key=lambda c: -c[0])
    bands: list[dict[str, Any]] = [{"min": number(counts[0][0]), "score": counts[0][1]}]
    for (hi, _), (lo, score) in zip(counts, counts[1:]):
        bands.append({"min": number(lo), "max": number(hi), "score": score})
    if zero is not None:
        bands.append({"max": number(counts[-1][0]), "score": 0})
    return {"kind": "bands", "bands": bands}


_OPPOSITE = {"≥": "<", ">": "≤", "≤": ">", "<": "≥"}


def threshold_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    """One threshold and its score, the rest scoring 0 or less: 合格率90%以上,得0.5分;未达标的,扣0.5分 /
    防疫队伍三人以上得2分 / 经费2000元以上得分,否则不得分."""
    body = [p for p in provs if p.outcome.kind not in ("floor", "cap")]
    if len(body) == 1 and body[0].outcome.kind == "zero":
        return _veto_below(body[0])
    if not 1 <= len(body) <= 2 or body[0].outcome.kind != "award" or body[0].outcome.low is not None:
        return None
    first = body[0]
    t = C.find_threshold(C.condition_name(first.cond))
    if t is None or t.op == "=" or (first.outcome.amount or "") in ("", "corresponding"):
        return None
    score = _score(first.outcome)
    if score is None:
        return None
    rest: Any = 0
    if len(body) == 2:
        second = body[1]
        cond = C.condition_name(second.cond)
        other = C.find_threshold(cond)
        if other is not None and not (other.value.value == t.value.value and _OPPOSITE[t.op] == other.op):
            return None
        if other is None and not C.COMPLEMENT.search(second.cond.strip(",;。:")):
            return None
        if second.outcome.kind == "deduct":
            points = award_points(first.outcome)
            given = points_of(second.outcome.amount)
            if points is None or given is None:
                return None
            rest = number(max(Decimal(points) - given, Decimal(0)))
        elif second.outcome.kind != "zero":
            return None
    v = number(t.value.value)
    if t.op in ("≥", ">"):
        high: dict[str, Any] = {"min": v, "score": score}
        low: dict[str, Any] = {"max": v, "score": rest}
        if t.op == ">":
            high["min_inclusive"], low["max_inclusive"] = False, True
        return {"kind": "bands", "bands": [high, low]}
    inside: dict[str, Any] = {"max": v, "max_inclusive": t.op == "≤", "score": score}
    outside: dict[str, Any] = {"min": v, "score": rest}
    if t.op == "≤":
        outside["min_inclusive"] = False
    return {"kind": "bands", "bands": [inside, outside]}


def _score(o: Outcome) -> Any:
    if o.kind == "zero":
        return 0
    if o.amount == "full":
        return "100%"
    if o.low is not None and o.high is not None:
        lo, hi = sorted((o.low.value, o.high.value))
        return f"{fmt(lo)}~{fmt(hi)}" + ("%" if o.low.percent else "")
    if o.amount and o.amount.endswith("%"):
        return o.amount
    if o.amount and points_of(o.amount) is None:
        return None  # 得基础分, 得相应分值, 得三分之一分: no number of points for a band
    return number(Decimal(o.amount or "0"))


_SHORT = re.compile(r"^比[^,;。]{1,12}?(?=低|少)")


def _veto_below(p: Provision) -> Rule | None:
    """生育率82%以下的记零分: below the line nothing, at or above it the full score."""
    cond = C.condition_name(p.cond).split(",")[-1]
    found = C.find_interval(cond)
    if found is None or any(not cond.startswith(f) for f in found[1]):
        return None                   # the words before the number name what is measured, nothing more
    iv = found[0]
    if iv.max is not None and iv.min is None:
        inclusive = bool(iv.max_inclusive)
        return {"kind": "bands", "bands": [{"max": number(iv.max.value), "max_inclusive": inclusive, "score": 0},
                                           {"min": number(iv.max.value), **({"min_inclusive": False} if inclusive else {}),
                                            "score": "100%"}]}
    return None


def deduction_bands_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    """Intervals each losing its points: 5%以内扣3分,5%-10%扣6分…;20%以上不得分, or of the shortfall
    against the target: 比下达任务低5%以内的扣2分,低5%-10%的扣4分,低超过10%的扣6分. The first
    interval that holds decides (so a bound shared by two is the earlier one's); a formula."""
    body = [p for p in provs if p.outcome.kind not in ("floor", "cap")]
    if body and body[0].outcome.kind == "award" and body[0].outcome.amount == "full" \
            and not C.find_interval(C.condition_name(body[0].cond)) and not C.find_threshold(C.condition_name(body[0].cond)):
        body = body[1:]               # 成本控制在预算内得满分,超支1%-5%扣1分…: the full score is the case before the bands
    if len(body) < 2 or not all(p.outcome.kind in ("deduct", "zero") for p in body):
        return None
    if not any(p.outcome.kind == "deduct" for p in body):
        return None                   # only 不得分: bands read them
    tests = []
    short = False
    conds = [C.condition_name(p.cond).split(",")[-1] for p in body]
    leads = [re.match(r"[\u4e00-\u9fff]*", c).group(0) for c in conds]  # type: ignore[union-attr]
    said = len({lead[:2] for lead in leads}) == 1 and all(len(lead) >= 2 for lead in leads)
    over = said and leads[0][:2] in ("超过", "超支", "超出", "延期", "逾期", "延迟", "拖延", "超期")  # 0 is no overrun
    for k, p in enumerate(body):
        cond = conds[k][len(leads[k]):] if said and not _SHORT.match(conds[k]) else conds[k]  # 超支1%-5%: the overrun
        cond = re.sub(r"(?<![以之])内$", "以内", cond)  # 1个月内 is 1个月以内
        if k == 0 and _SHORT.match(cond):
            short, cond = True, _SHORT.sub("", cond)
        if short:
            cond = re.sub(r"^(?:是)?(?:低|少)", "", cond)
        if C.find_each(cond):
            return None
        found = C.find_interval(cond)
        given = points_of(p.outcome.amount)
        if found is None or found[1] or (p.outcome.kind == "deduct" and given is None):
            return None
        tests.append((found[0], "0" if p.outcome.kind == "zero" else f"full - {fmt(given or Decimal(0))}"))
    if all(iv.min is None and iv.max is not None for iv, _ in tests):
        tests.sort(key=lambda t: t[0].max.value)  # type: ignore[union-attr]  # 低于80%、70%、60%: the tightest holds
    elif all(iv.max is None and iv.min is not None for iv, _ in tests):
        tests.sort(key=lambda t: t[0].min.value, reverse=True)  # type: ignore[union-attr]
    q = "(target - actual) / target * 100" if short else "actual"
    expr = "full"
    for iv, score in reversed(tests):
        parts = []
        if iv.min is not None:
            parts.append(f"{q} {'>' if iv.min_inclusive is False else '>='} {fmt(iv.min.value)}")
        if iv.max is not None:
            parts.append(f"{q} {'<' if iv.max_inclusive is False else '<='} {fmt(iv.max.value)}")
        if (short or over) and iv.min is None:
            parts.insert(0, f"{q} > 0")
        expr = f"{score} if {' and '.join(parts)} else ({expr})" if expr != "full" else f"{score} if {' and '.join(parts)} else full"
    return {"kind": "formula", "expr": expr}
