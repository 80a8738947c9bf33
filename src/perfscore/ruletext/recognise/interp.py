"""Outcome family 线性内插: the score runs straight between two stated points.

``达到90%得满分,低于60%不得分,60%-90%之间按比例增分`` (or 线性计算/插值计算): 0 at 60%, full at 90%;
with a base score at the lower point (``达70%以上得基础分,为90%得满分,其间按比例增分,低于70%不得分。分值的80%为基础分``,
or ``达70%得6分``): the base at 70%, full at 90%. A formula, labelled in words. Without 增分/线性/插值 the
same clauses are 按比例 (recognise/ratio.py), which refuses them when it cannot tell which is meant.
"""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ...numbers import fmt
from .. import conditions as C
from ..grammar import Provision
from .base import Rule, award_points, dec, kinds

if TYPE_CHECKING:
    from ..build import Builder


def _point(p: Provision, ops: tuple[str, ...]) -> tuple[Decimal, str] | None:
    t = C.find_threshold(C.condition_name(p.cond).split(",")[-1])
    return (t.value.value, t.value.unit) if t is not None and t.op in ops else None


def linear_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    middle = [i for i in kinds(provs, "ratio") if provs[i].outcome.note == "linear"]
    if len(middle) != 1:
        return None
    awards: list[tuple[Decimal, str, Provision]] = []
    low = None
    defined = None                    # 分值的80%为基础分
    for i, p in enumerate(provs):
        o = p.outcome
        if i in middle or o.kind in ("floor", "cap"):
            continue
        at = _point(p, ("≥", "=", ">")) if o.kind == "award" and o.note != "base" else None
        if o.kind == "award" and o.note == "base":
            defined = o.amount
        elif at is not None and len(awards) < 2:
            awards.append((at[0], at[1], p))
        elif o.kind == "zero" and low is None and _point(p, ("<",)):
            low = _point(p, ("<",))
        else:
            raise b.fail(f"已按“线性内插”理解，但“{C.condition_name(p.cond) or p.cond}”的结论不合这种规则", p.start, provs)
    awards.sort(key=lambda x: x[0])
    if not awards or (len(awards) == 1 and low is None):
        raise b.fail("线性内插要写明得满分的一点和起点（低于它不得分，或在它得基础分）", provs[middle[0]].start, provs)
    top, unit, full_p = awards[-1]
    rule: Rule = {"kind": "formula"}
    if full_p.outcome.amount != "full":
        pts = award_points(full_p.outcome)
        if pts is None:
            raise b.fail("线性内插的终点应得满分或写明分数", full_p.start, provs)
        rule["full"] = pts
    base = None
    if len(awards) == 2:
        o = awards[0][2].outcome
        if o.amount == "base":
            if defined is None:
                raise b.fail("“基础分”没有说明是多少（如“分值的80%为基础分”）", awards[0][2].start, provs)
            base = f"full * {dec(defined)}"
        elif award_points(o) is not None:
            base = fmt(Decimal(str(award_points(o))))
        elif o.amount and o.amount.endswith("%"):
            base = f"full * {dec(o.amount)}"
        else:
            raise b.fail("线性内插起点的得分说不清", awards[0][2].start, provs)
    elif defined is not None:
        raise b.fail("写明了基础分，但没有哪一档得基础分", provs[middle[0]].start, provs)
    lower = awards[0][0] if len(awards) == 2 else low[0]  # type: ignore[index]
    if low is not None and low[0] != lower or top <= lower:
        raise b.fail("线性内插的起点与“低于…不得分”的界限不一致", provs[middle[0]].start, provs)
    u, lo = fmt(top), fmt(lower)
    rise = f"(actual - {lo}) / {fmt(top - lower)}"
    head = f"full if actual >= {u} else (0 if actual < {lo} else "
    if base is None:
        rule["label"] = f"{lo}{unit}得0分，{u}{unit}及以上满分，其间按比例"
        rule["expr"] = head + f"{rise} * full)"
    else:
        shown = f"分值的{defined or awards[0][2].outcome.amount}" if base.startswith("full") else f"{base}分"
        rule["label"] = f"低于{lo}{unit}不得分，{lo}{unit}得{shown}，{u}{unit}及以上满分，其间按比例"
        rule["expr"] = head + f"{base} + {rise} * (full - {base}))"
    return rule
