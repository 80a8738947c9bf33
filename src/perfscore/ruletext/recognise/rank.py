"""Outcome family 名次: each clause a run of places (第3名, 前5名, 6-10名, 11名以后, 倒数第1名, 其余) and
its score or deduction; 每退1名扣N分 after the places listed; a clause on something else that gives 0
(占比为0的不得分) is a yes/no fact that takes the score.

``以上`` is toward the top of the table: 第3名及以上 is places 1–3, 倒数第4名及以上 is 倒数第4名 and every
place above it; ``以后/以下`` toward the bottom. A sentence that counts from both ends (前5名 … 后3名)
is refused: the two counts meet only through the number ranked, which the sentence does not give.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ...rules.rank import chinese_place
from .. import conditions as C
from ..grammar import Outcome, Provision
from .base import Rule, amount, award_points, describe

if TYPE_CHECKING:
    from ..build import Builder

_N = r"(\d+|[一二两三四五六七八九十]+)"
_UNIT = r"(?:名|位|个名次)"
_TAIL = r"(及以上|以上|及以后|以后|之后|及以下|以下|以外)"
_RANK_WORDS = re.compile(rf"排名|名次|位次|排序|倒数|第{_N}{_UNIT}|前{_N}{_UNIT}")
"""A sentence about places says so (配备3-5名人员 counts people, not places)."""
_STEP = re.compile(rf"每(前进|上升|提升|提高|进|后退|下降|降低|后移|落后|下滑|靠后|退)({_N[1:-1]}){_UNIT}")
_UP = ("前进", "上升", "提升", "提高", "进")
_FIRST = re.compile(rf"前{_N}(?:{_UNIT}|(?=的|$))")   # 前5名, 排名前三的
_LAST = re.compile(rf"后{_N}(?:{_UNIT}|(?=的|$))")
_RANGE = re.compile(rf"第?{_N}{_UNIT}?[-~至到]第?{_N}{_UNIT}")
_ONE = re.compile(rf"第{_N}{_UNIT}?{_TAIL}?|{_N}{_UNIT}{_TAIL}")
_REST = re.compile(r"^(?:其余|其他|其它)")


class _Refused(Exception):
    pass


def _place(text: str) -> int:
    n = chinese_place(text)
    if n is None or n < 1:
        raise _Refused(f"名次“{text}”不是正整数")
    return n


def _span(seg: str, bottom: bool, after: int) -> tuple[int, int | None] | None:
    """The places a condition names: (first, last), last None for “and every place after”."""
    if _REST.match(seg):
        return after + 1, None
    m = _FIRST.search(seg)
    if m:
        if bottom:
            raise _Refused("“前N名”与倒数名次混在一句，需知道参评总数才能换算")
        return 1, _place(m.group(1))
    m = _LAST.search(seg)
    if m:
        if not bottom:
            raise _Refused("“后N名”（倒数）与正数名次混在一句，需知道参评总数才能换算")
        return 1, _place(m.group(1))
    m = _RANGE.search(seg)
    if m:
        a, b = sorted((_place(m.group(1)), _place(m.group(2))))
        return a, b
    m = _ONE.search(seg)
    if not m:
        return None
    n = _place(m.group(1) or m.group(3))
    tail = m.group(2) or m.group(4)
    if not tail:
        return n, n
    if "以上" in tail:                # toward the top of the table
        return (n + (n == after and not tail.startswith("及")), None) if bottom else (1, n)
    if bottom and tail not in ("及以下", "以下"):
        raise _Refused(f"倒数名次的“{tail}”说不清是朝哪一头")
    # 11-20位得3分,20位以后不得分: after a run ending at N, “N以后” starts past it (“N名及以后” keeps N)
    return (1, n) if bottom else (n + (n == after and not tail.startswith("及")), None)


def _names_places(cond: str, bottom: bool) -> bool:
    if _STEP.search(cond):
        return True
    try:
        return _span(cond.split(",")[-1], bottom, 0) is not None and not _REST.match(cond.split(",")[-1])
    except _Refused:
        return True


def _outcome(o: Outcome) -> dict[str, Any] | None:
    if o.kind == "zero" or (o.kind == "deduct" and o.amount == "all"):
        return {"score": 0}
    if o.kind == "award" and o.low is None:
        if o.amount == "full":
            return {"score": "100%"}
        pts = award_points(o)
        if pts is not None:
            return {"score": pts}
        if o.amount and o.amount.endswith("%"):
            return {"score": amount(o.amount)}
    if o.kind == "deduct" and o.amount and o.amount != "corresponding" and not o.per_count:
        return {"deduct": amount(o.amount)}
    return None


def rank_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    conds = [C.condition_name(p.cond) for p in provs]
    if not any(_RANK_WORDS.search(p.cond) for p in provs):
        return None
    bottom = any("倒数" in c or _LAST.search(c) for c in conds)
    if not any(_names_places(c, bottom) for c in conds):
        return None                   # 按时间排序归档,每迟报一天扣1分: 排序 alone does not make places
    places: list[dict[str, Any]] = []
    per_place: Any = None
    per_from: int | None = None
    zero_if: str | None = None
    claimed = False
    for k, (p, cond) in enumerate(zip(provs, conds)):
        o = p.outcome
        if o.kind in ("floor", "cap") or (o.kind == "ratio" and b.s.source.text.startswith("折算", o.end)):
            continue                  # 按…的比例折算: how the quantity ranked is worked out
        seg = cond.split(",")[-1]
        after = (places[-1].get("last") or places[-1]["first"]) if places else 0
        try:
            step = _STEP.search(cond)
            span = _span(cond[:step.start()].rstrip(",的").split(",")[-1] if step else seg, bottom, after)
        except _Refused as exc:
            raise b.fail(str(exc), p.start, provs) from None
        if step:
            if (step.group(1) in _UP) != bottom:
                raise b.fail(f"“每{step.group(1)}”与名次的数法（{'倒数' if bottom else '从第1名数起'}）方向相反",
                             p.start, provs)
            given = _outcome(o)
            if _place(step.group(2)) != 1 or not given or "deduct" not in given:
                raise b.fail("名次每变一名的扣分应写成“每退1名扣N分”", p.start, provs)
            per_place, per_from = given["deduct"], span[0] if span else None
            claimed = True
            continue
        if span is not None:
            given = _outcome(o)
            if given is None:
                raise b.fail(f"名次“{seg}”之后的“{describe(o)}”不是得分或扣分", o.start, provs)
            first, last = span
            places.append({"first": first, **({"last": last} if last is not None else {}), **given})
            claimed = True
            continue
        if k == 0 and o.kind == "award" and o.amount == "full" and cond.startswith("计算"):
            continue                  # 计算…项得分,在全市第1名赋予20分…: a heading
        if o.kind == "zero" and cond and zero_if is None:
            zero_if = cond            # 占比为0的不得分: a yes/no fact that takes the score
            continue
        raise b.fail(f"已按“名次计分”理解，但“{cond or p.cond}{'→' if cond else ''}”不是名次的条件",
                     p.start if p.cond.strip(",;。") else o.start, provs)
    if not claimed:
        return None
    if per_place is not None:
        last = (places[-1].get("last") or places[-1]["first"]) if places else 1
        if per_from is not None and per_from != last + 1:
            raise b.fail(f"每名扣分从第{per_from}名起，与列出的名次（到第{last}名）接不上", provs[-1].start, provs)
    rule: Rule = {"kind": "rank"}
    if bottom:
        rule["from_bottom"] = True
    if places:
        rule["places"] = places
    if per_place is not None:
        rule["per_place"] = per_place
    if zero_if is not None:
        rule["zero_if"] = zero_if
    return rule

