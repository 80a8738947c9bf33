"""Checks of one evaluation: what it declared against what the rules give (PS201–PS216)."""
from __future__ import annotations

import re
from decimal import Decimal

from ..findings import Finding
from ..numbers import ZERO, fmt, half_unit, round_half_up
from ..rules import Rule, ScoreSet
from ..scoring import SEP, IndicatorScore, Scorecard
from ..targets import PLACEHOLDER, Target
from .base import differs, finding, indicator_unit

TARGET_NOTATION = re.compile(r"^\s*(≥|≤|≧|≦|>=|<=|>|<|=|＝|＞|＜)")
CHOSEN_KINDS = ("qualitative", "manual", "bands")


def _missed(item: IndicatorScore) -> tuple[bool, bool]:
    """(missed, met) of the target, from the numbers; both False when it cannot be told."""
    r = item.result
    t = item.node.target
    if r is not None and r.unmet:
        return True, False
    if r is not None and r.unmet == [] or (r is not None and r.unmet == 0):
        return False, True
    if t is None or t.value is None or r is None or r.actual is None:
        return False, False
    v = item.value
    if v is None or v.number is None:
        return False, False
    if t.reverse:
        missed = v.number > t.value or (t.op == "<" and v.number == t.value)
    else:
        missed = v.number < t.value or (t.op == ">" and v.number == t.value)
    return missed, not missed


def check_evaluation(card: Scorecard, rule_faults: frozenset[tuple[str, ...]] = frozenset()) -> list[Finding]:
    """Findings of one scored evaluation. ``rule_faults``: leaves whose rule is itself wrong (PS103):
    their declared score is not compared with the rule."""
    ev = card.evaluation
    f = ev.path
    out: list[Finding] = []
    for item in card.indicators:
        out += _row(card, item, item.path in rule_faults)
    declared_rows = [i.declared_score for i in card.indicators if i.declared_score is not None]
    budget = card.budget
    if budget is not None and budget.declared_score is not None:
        declared_rows.append(budget.declared_score)
    # PS202
    total = ev.declared.total
    if total is not None and declared_rows:
        s = sum(declared_rows, ZERO)
        if differs(total, s):
            out.append(finding("PS202", f, f"各项申报得分合计{fmt(s)}，而申报总分为{fmt(total)}",
                               ("declared", "total"), None, total, s))
    # PS207
    if total is not None and ev.declared.grade is not None:
        assert card.indicator_set.grades is not None
        expected = card.indicator_set.grades.grade_of(total)
        if expected is not None and expected != ev.declared.grade:
            out.append(finding("PS207", f, f"申报总分{fmt(total)}按“{card.indicator_set.grades.name}”应为“{expected}”，"
                                           f"申报等级为“{ev.declared.grade}”", ("declared", "grade")))
    # PS208
    if budget is not None:
        if budget.declared_rate is not None and budget.rate is not None and differs(budget.declared_rate, budget.rate):
            out.append(finding("PS208", f, f"申报执行率{fmt(budget.declared_rate)}%，而全年执行数/全年预算数="
                                           f"{fmt(budget.executed)}/{fmt(budget.annual)}={fmt(round_half_up(budget.rate))}%",
                               ("budget", "rate"), [budget.name], budget.declared_rate, round_half_up(budget.rate)))
        if budget.declared_score is not None and budget.score is not None and \
                differs(budget.declared_score, budget.score):
            out.append(finding("PS208", f, f"{budget.name}申报得分{fmt(budget.declared_score)}，按规则应为"
                                           f"{fmt(budget.score)}（{budget.explanation}）",
                               ("budget", "score"), [budget.name], budget.declared_score, budget.score))
        if budget.declared_score is not None and budget.declared_score > budget.weight:
            out.append(finding("PS201", f, f"{budget.name}申报得分{fmt(budget.declared_score)}超过分值{fmt(budget.weight)}",
                               ("budget", "score"), [budget.name], budget.declared_score, budget.weight))
    # PS210 / PS216: declared subtotals
    groups = {SEP.join(g.path): g for g in card.groups}
    by_name = {g.path[-1]: g for g in card.groups}
    for name, value in ev.declared.subtotals.items():
        g = groups.get(name) or by_name.get(name)
        if g is None:
            known = "、".join(x.path[0] for x in card.groups if len(x.path) == 1)
            out.append(finding("PS216", f, f"申报小计“{name}”在指标体系中没有对应指标（一级指标为{known}）",
                               ("declared", "subtotals", name), [name], value))
            continue
        rows = [i.declared_score for i in card.indicators if i.path[:len(g.path)] == g.path]
        if any(r is None for r in rows):
            continue
        s = sum((r for r in rows if r is not None), ZERO)
        if differs(value, s):
            out.append(finding("PS210", f, f"申报小计{fmt(value)}，其下各项申报得分合计{fmt(s)}",
                               ("declared", "subtotals", name), g.path, value, s))
    return out


def _row(card: Scorecard, item: IndicatorScore, rule_fault: bool) -> list[Finding]:
    f = card.evaluation.path
    out: list[Finding] = []
    key = ("results", item.key) if item.key else ("results",)
    r = item.result
    declared = item.declared_score
    if item.status == "missing":
        out.append(finding("PS209", f, "缺少实际完成值，也未标为不适用", key, item.path))
        return out
    if item.status == "not_applicable":
        return out
    texts = [item.node.name, item.target or "", item.actual or ""]
    if any(PLACEHOLDER.search(t) for t in texts):
        out.append(finding("PS213", f, f"残留模板占位符：{'；'.join(t for t in texts if PLACEHOLDER.search(t))}",
                           key, item.path))
    if r is not None and isinstance(r.actual, str) and TARGET_NOTATION.match(r.actual):
        out.append(finding("PS212", f, f"实际完成值“{r.actual}”照抄了目标值写法，应填实际数值",
                           key + ("actual",), item.path))
    unit = indicator_unit(item.node)
    if unit and r is not None and r.actual is not None:
        shown = item.value
        if shown is not None and shown.number is not None and shown.unit and shown.unit != unit:
            out.append(finding("PS109", f, f"指标单位为“{unit}”，实际完成值“{shown.text}”的单位为“{shown.unit}”",
                               key + ("actual",), item.path))
    if item.status == "invalid":
        code = "PS211" if item.rule.kind in CHOSEN_KINDS and declared is not None else "PS209"
        out.append(finding(code, f, item.explanation, key + ("score",) if code == "PS211" else key, item.path,
                           declared))
        return out
    if declared is None:
        return out
    where = key + ("score",)
    weight = item.weight
    if declared > weight:
        out.append(finding("PS201", f, f"申报得分{fmt(declared)}超过分值{fmt(weight)}", where, item.path, declared, weight))
    missed, met = _missed(item)
    full = declared >= weight
    if missed and full:
        out.append(finding("PS205", f, f"{_against(item, False)}，却得满分"
                                       f"（{fmt(declared)}/{fmt(weight)}）", where, item.path, declared, item.score))
    # An empty target matters where nothing else states what is measured: no target, no rule, no 评分标准.
    no_target = item.node.target is None and item.node.rule is None and not item.node.criteria
    if full and (no_target or not item.actual):
        empty = "年度指标值与实际完成值均" if no_target and not item.actual else "年度指标值" if no_target else "实际完成值"
        out.append(finding("PS215", f, f"{empty}为空，却得满分（{fmt(declared)}/{fmt(weight)}）", where, item.path,
                           declared))
    if met and declared < weight and r is not None and not r.deviation:
        out.append(finding("PS206", f, f"{_against(item, True)}，却扣{fmt(weight - declared)}分，且未填写偏差原因",
                           where, item.path, declared, item.score))
    if _far_above(item) and r is not None and not r.deviation:
        out.append(finding("PS214", f, f"实际完成值{item.actual}超出年度指标值“{item.target}”30%以上，未说明原因",
                           key + ("actual",), item.path))
    if rule_fault:
        return out
    reachable = _reachable(item.rule, weight, item.node.target)
    # a reachable 2.625 printed as 2.63 is the rule's score, rounded: compare within the printed precision
    if declared <= weight and not reachable.contains(declared, half_unit(declared)):
        out.append(finding("PS204", f, f"申报得分{fmt(declared)}不是规则可能给出的分值（可能的得分：{reachable.show()}）"
                                       f"；按实际重算为{fmt(item.score)}分", where, item.path, declared, item.score))
    elif item.score is not None and differs(declared, item.score):
        out.append(finding("PS203", f, f"申报得分{fmt(declared)}，按规则重算为{fmt(item.score)}：{item.explanation}",
                           where, item.path, declared, item.score))
    return out


def _against(item: IndicatorScore, met: bool) -> str:
    """实际完成值100已达到年度指标值“≥100份” (or, without a target, 已达到评分要求（实际：全部达到）)."""
    word = "已达到" if met else "未达到"
    if item.target:
        return f"实际完成值{item.actual}{word}年度指标值“{item.target}”"
    return f"{word}评分要求（实际：{item.actual}）"


_REACHABLE: dict[tuple[int, Decimal, Target | None], tuple[Rule, ScoreSet]] = {}
_REACHABLE_MAX = 4096


def _reachable(rule: Rule, weight: Decimal, target: Target | None) -> ScoreSet:
    """A rule's reachable scores, computed once per (rule object, weight, target): a batch
    repeats the same few indicator sets, and enumerating a checklist's combinations per row was
    the largest cost of checking an evaluation. Keyed by the rule's identity (hashing a
    pydantic model per row cost more than the lookup saved); the entry keeps the rule alive,
    so the id cannot be reused while it is cached."""
    key = (id(rule), weight, target)
    hit = _REACHABLE.get(key)
    if hit is not None and hit[0] is rule:
        return hit[1]
    result = rule.reachable(weight, target)
    if len(_REACHABLE) >= _REACHABLE_MAX:
        _REACHABLE.clear()
    _REACHABLE[key] = (rule, result)
    return result


def _far_above(item: IndicatorScore) -> bool:
    t = item.node.target
    r = item.result
    if t is None or t.value is None or t.reverse or t.value <= 0 or r is None or r.actual is None:
        return False
    v = item.value.number if item.value is not None else None
    return v is not None and v >= t.value * Decimal("1.3")
