"""Outcome family 档次: named levels with points or shares (健全4分, 分为A、B、C三档…区间)."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .. import conditions as C
from ..grammar import Num, Provision
from .base import Rule, amount, award_points, kinds, number, points_checklist, points_of, share_text
from .step import good_case, veto

if TYPE_CHECKING:
    from ..build import Builder


def levels_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    ls = kinds(provs, "levels")
    if ls:
        if len(provs) != 1:
            return None
        p = provs[0]
        m = re.search(r"(?:分为)?([^,;。:]+?)(?:[一二三四五六七八九\d]+个?档次?)", C.condition_name(p.cond))
        if not m:
            raise b.fail("分档区间之前没有列出各档名称（如“分为达成、部分达成、未达成三档”）", p.start, provs)
        names = m.group(1).split("、")
        ranges = p.outcome.ranges
        if len(names) != len(ranges):
            raise b.fail(f"列出{len(names)}档名称，却有{len(ranges)}个区间", p.outcome.start, provs)
        return {"kind": "qualitative", "levels": [_level(n, lo, hi) for n, (lo, hi) in zip(names, ranges)]}
    aw = [p for p in provs if p.outcome.kind == "award" and p.outcome.low is not None and p.outcome.low.percent]
    if aw and len(aw) == len(provs):
        return {"kind": "qualitative", "levels": [_level(C.condition_name(p.cond), p.outcome.low, p.outcome.high)  # type: ignore[arg-type]
                                                  for p in provs]}
    return None


def _level(name: str, a: Num, b: Num) -> dict[str, Any]:
    lo, hi = sorted((a.value / 100 if a.percent else a.value, b.value / 100 if b.percent else b.value))
    return {"name": name, "min": share_text(lo), "max": share_text(hi)}


def verbal_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    if not all(p.outcome.kind in ("award", "zero", "deduct") for p in provs):
        return None
    conds = [C.condition_name(p.cond) for p in provs]
    items = _point_items(provs, conds)
    if items is not None:
        return items
    if len(provs) > 2 and provs[-1].outcome.kind == "zero" and _vetoes(provs[-1].cond) \
            and not any(_vetoes(p.cond) for p in provs[:-1]):
        part, rest = veto(conds[-1]), verbal_rule(b, provs[:-1], in_sum)
        if part is not None and rest is not None and rest["kind"] in ("boolean", "qualitative", "checklist"):
            return {"kind": "sum", "parts": [rest, part]}  # 按计划完成得4分,否则不得分;如存在虚报的,此项不得分
    if len(provs) == 2 and not conds[1] and provs[1].cond.strip(",;。").startswith("否则"):
        conds[1] = "不" + conds[0]  # 有健全的管理制度得满分，否则不得分
    if any(not c or C.find_threshold(c) or C.find_each(c) for c in conds):
        return None
    if any(re.search(r"[/×÷*]", c) for c in conds):
        return None                   # arithmetic is not a verbal level (完成值/目标值×10分): refuse, never guess
    if len(provs) == 1:
        return _alone(provs[0])
    if len(provs) == 2 and provs[0].outcome.kind == "award" and provs[1].outcome.kind == "zero" \
            and _vetoes(provs[1].cond) and not _vetoes(provs[0].cond) and not C.negates(conds[0], conds[1]):
        return _vetoed(provs[0], conds[1])  # 若A得8分;若B得0分 are two parallel cases, 如未A the other case
    second_raw = provs[1].cond.strip(",;。:") if len(provs) == 2 else ""
    complement = (C.COMPLEMENT.match(second_raw) is not None and C.COMPLEMENT.match(conds[0]) is None
                  or C.COMPLEMENT.search(second_raw) is not None and C.COMPLEMENT.search(conds[0]) is None)
    if len(provs) == 2 and (C.negates(conds[0], conds[1]) or complement) and provs[0].outcome.kind == "award":
        rule: Rule = {"kind": "boolean"}
        pts = award_points(provs[0].outcome)
        if pts is not None:
            rule["full"] = pts
        elif provs[0].outcome.amount != "full":
            return None
        second = provs[1].outcome
        if second.kind == "deduct" and second.amount and second.amount not in ("all", "corresponding"):
            rule["deduct"] = amount(second.amount)
        elif second.kind != "zero":
            return None
        return rule
    if len(provs) < 2 or any(p.outcome.kind == "deduct" and not _takes_all(p, provs) for p in provs):
        last = provs[-1]
        if len(provs) >= 3 and last.outcome.kind == "deduct" and all(award_points(p.outcome) is not None for p in provs[:-1]):
            raise b.fail(f"各档已给出得分，“{conds[-1]}”扣{last.outcome.amount}分是从满分扣还是从上一档扣，说不清",
                         last.start, provs)  # 好的得10分,一般的得6分,差的扣5分
        return None                   # one verbal level alone is not a scale of levels

    tops = [p.outcome.high.value if p.outcome.high is not None and p.outcome.low is not None
            and "分" in (p.outcome.low.unit, p.outcome.high.unit)
            else (Decimal(str(award_points(p.outcome))) if award_points(p.outcome) is not None else None)
            for p in provs]
    full = max((t for t in tops if t is not None), default=None)
    stated = any(p.outcome.amount == "full" for p in provs)  # 明确得满分,基本明确得1分: the full score is the weight
    names = _short_names(conds)
    levels: list[Rule] = []
    for p, name in zip(provs, names):
        o = p.outcome
        if o.kind in ("zero", "deduct"):  # 调整较大的扣10分 of 10: nothing left
            levels.append({"name": name, "min": "0%", "max": "0%"})
        elif o.amount == "full":
            levels.append({"name": name, "min": "100%", "max": "100%"})
        elif stated and award_points(o) is not None:
            levels.append({"name": name, "points": award_points(o)})
        elif stated:
            return None                   # a range of points beside 满分: its share of the weight is unknown
        elif full is None or full == 0:
            return None
        elif o.low is not None and o.high is not None:
            levels.append({"name": name, "min": share_text(o.low.value / full), "max": share_text(o.high.value / full)})
        elif o.amount and o.amount.endswith("%"):
            levels.append({"name": name, "min": o.amount, "max": o.amount})
        elif o.amount and points_of(o.amount) is None:
            return None                   # 得基础分, 得三分之一分: no number of points for a level
        else:
            s = share_text(Decimal(o.amount or "0") / full)
            levels.append({"name": name, "min": s, "max": s})
    rule = {"kind": "qualitative"}
    if full is not None and not stated:
        rule["full"] = number(full)
    rule["levels"] = levels
    return rule


def _takes_all(p: Provision, provs: list[Provision]) -> bool:
    """调整较大的扣10分 among levels of 10 and 6 points: the lowest level deducts the whole score (a
    smaller deduction would leave unsaid whether it counts from the full score or from the level above)."""
    if p.outcome.kind != "deduct" or not p.outcome.amount or p is not provs[-1]:
        return False
    points = [award_points(q.outcome) for q in provs if q.outcome.kind == "award"]
    if len(points) < 2 or any(pt is None for pt in points):
        return False
    amount_ = p.outcome.amount
    if amount_ == "all":
        return True
    given = points_of(amount_)
    return given is not None and given == max(Decimal(str(pt)) for pt in points)


_GRADED = re.compile(r"基本|较|一般|不|差|好|未|没有|无|部分|完全|全部|高|低|优|良|中")


def _point_items(provs: list[Provision], conds: list[str]) -> Rule | None:
    """建立台账的得2分,按月分析的得3分(,否则不得分): things done, each worth its points — 要点 that add
    up, not levels to choose from (levels grade one thing: 好/一般/差, 合理/基本合理/不合理)."""
    body = list(zip(provs, conds))
    if body[-1][0].outcome.kind == "zero" and body[-1][0].cond.strip(",;。:").startswith(("否则", "否者")):
        body = body[:-1]
    points = [award_points(p.outcome) for p, _ in body]
    same = len(set(points)) == 1 and len(body) == len(provs)  # 开展自评的得1分,报告质量较高的得1分: not levels
    if len(body) < 2 or any(pt is None for pt in points) or (any(_GRADED.search(c) for _, c in body) and not same):
        return None
    if any(not c or C.find_threshold(c) or C.find_each(c) or re.search(r"[/×÷*]", c) for _, c in body):
        return None
    values = [Decimal(str(pt)) for pt in points]
    if sum(values, Decimal(0)) <= 0:
        return None
    return points_checklist([c for _, c in body], values)


_VETO = re.compile(r"^(?:如果|如有|若有|如|若|凡|一经|一旦|经查)|(?:此项|该项|本项|该指标|本指标)$")


def _vetoes(cond: str) -> bool:
    """如举报…属实的,此项不记分: an event (not the other case of the clause before) that takes the score."""
    return _VETO.search(cond.strip(",;。:")) is not None


def _vetoed(award: Provision, event: str) -> Rule | None:
    """A记3分,如B的,此项不记分: the score unless B happened; the fact is B itself, 是 when it happened
    (so a cell writing “无” says it did not)."""
    pts = award_points(award.outcome)
    if pts is None and award.outcome.amount != "full":
        return None
    part = veto(event)
    if part is None:
        return None
    return {"kind": "formula", "full": pts, **part} if pts is not None else part


def _alone(p: Provision) -> Rule | None:
    """One verbal clause: its good case scores (安排了投入,得4分), or its bad case loses the points
    (报送不及时的,扣1分) or all of them (计划未全部落实,本项指标不得分): a yes/no rule."""
    o = p.outcome
    if o.kind == "award":
        pts = award_points(o)
        if pts is None and o.amount != "full":
            return None
        rule: Rule = {"kind": "boolean", "full": pts} if pts is not None else {"kind": "boolean"}
        said = re.sub(r"时$", "", C.condition_name(p.cond))
        if re.search(r"为“?否”?$", said):
            rule["input"] = said  # 结果为“否”时,得满分: the answer 否 is the good one
        return rule
    # the clause states the bad case: the rule reads its good case, so that 不及时 / 违规私自开设1个 is 否
    good = good_case(C.condition_name(p.cond))
    if o.kind == "zero":
        return {"kind": "boolean", "input": good}
    if o.kind == "deduct" and o.amount and o.amount not in ("all", "corresponding") and not o.per_count:
        return {"kind": "boolean", "input": good, "deduct": amount(o.amount)}
    return None


def _short_names(names: list[str]) -> list[str]:
    """Level names without the words they all begin with (绩效目标设定与部门单位职能整体相关 → 整体相关)."""
    if len(names) < 2:
        return names
    k = 0
    while all(len(n) > k + 1 for n in names) and len({n[k] for n in names}) == 1:
        k += 1
    names = [n[k:] for n in names] if k >= 4 else names
    first, rest = names[0], names[1:]
    for size in range(len(first) - 1, 1, -1):  # 项目支出与预算相符 / 基本相符: the first names the subject too
        word = first[-size:]
        graded = [n for n in rest if n != word and n.endswith(word) and len(n) - size <= 3]  # 基本相符 = 基本 + 相符
        if graded and word not in rest and len(first) - size >= 4:
            return [word, *rest]
    return names
