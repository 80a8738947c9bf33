"""Checks of an indicator set's structure (PS101–PS110)."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..findings import Finding
from ..model import Indicator, IndicatorSet
from ..numbers import ZERO, fmt
from ..scoring import budget_rule, rule_for
from ..rules.bands import BandsRule
from .base import base_name, finding, nodes_with_keys

LEVELS = ("一级", "二级", "三级", "四级")


def check_set(iset: IndicatorSet) -> list[Finding]:
    f = iset.path
    out: list[Finding] = []
    nodes = list(nodes_with_keys(iset))
    framework = iset.kind == "framework"
    # PS101: a parent's stated weight against its children
    for path, keys, node in nodes:
        if node.children and node.weight is not None and not framework:
            parts = sum((c.total_weight() for c in node.children if c.role == "normal"), ZERO)
            if parts != node.weight:
                out.append(finding("PS101", f, f"下级指标分值合计{fmt(parts)}，不等于本级分值{fmt(node.weight)}",
                                   keys + ("weight",), path, node.weight, parts))
    # PS102: top level plus budget against the declared total
    top = sum((n.total_weight() for n in iset.indicators if n.role == "normal"), ZERO)
    budget = iset.budget.weight if iset.budget is not None else ZERO
    if top + budget != iset.total:
        how = f"一级指标合计{fmt(top)} + {iset.budget.name}{fmt(budget)} = {fmt(top + budget)}" if iset.budget \
            else f"一级指标分值合计{fmt(top)}"
        out.append(finding("PS102", f, f"{how}，不等于指标体系总分{fmt(iset.total)}",
                           ("total",), None, iset.total, top + budget))
    # PS103 and band layout (PS105) of every leaf rule, and of the budget rule
    for path, keys, node in nodes:
        if node.children or node.weight is None:
            continue
        rule = rule_for(node, iset, path)
        where = keys + ("rule",) if node.rule is not None else keys
        top_score = rule.max_points(node.weight)
        if top_score != node.weight:
            out.append(finding("PS103", f, f"评分规则最高可得{fmt(top_score)}分，而指标分值为{fmt(node.weight)}分",
                               where, path, node.weight, top_score))
        if isinstance(rule, BandsRule):
            for problem in rule.gaps_and_overlaps():
                out.append(finding("PS105", f, f"评分档次：{problem}", where, path))
    if iset.budget is not None:
        rule = budget_rule(iset.budget)
        if rule.max_points(iset.budget.weight) != iset.budget.weight:
            out.append(finding("PS103", f, f"{iset.budget.name}规则最高可得{fmt(rule.max_points(iset.budget.weight))}分，"
                                           f"而分值为{fmt(iset.budget.weight)}分", ("budget",), [iset.budget.name]))
    out += _criteria_agree(iset, nodes)
    # PS104: stated counts per level
    depth_counts = Counter(len(p) for p, _, n in nodes)
    for level, stated in iset.stated_counts.items():
        if level in LEVELS:
            actual = depth_counts.get(LEVELS.index(level) + 1, 0)
            if actual != stated:
                out.append(finding("PS104", f, f"文中声明{stated}个{level}指标，指标表中有{actual}个",
                                   ("stated_counts", level), None, Decimal(stated), Decimal(actual)))
    # PS105: grade bands
    assert iset.grades is not None
    for problem in iset.grades.gaps():
        out.append(finding("PS105", f, f"等级标准“{iset.grades.name}”：{problem}", ("grades",)))
    # PS106, PS107: siblings
    groups: list[tuple[tuple[str, ...], tuple[str | int, ...], list[Indicator]]] = [((), ("indicators",), iset.indicators)]
    groups += [(p, k + ("children",), n.children) for p, k, n in nodes if n.children]
    for parent, keys, children in groups:
        seen: dict[str, int] = {}
        for i, child in enumerate(children):
            if child.name in seen:
                out.append(finding("PS106", f, f"与第{seen[child.name] + 1}个同级指标重名“{child.name}”",
                                   keys + (i, "name"), parent + (child.name,)))
            seen.setdefault(child.name, i)
        numbers = [c.no for c in children if c.no is not None]
        if numbers:
            dup = [n for n, k in Counter(numbers).items() if k > 1]
            for n in dup:
                first, second = [i for i, c in enumerate(children) if c.no == n][:2]
                out.append(finding("PS106", f, f"编号“指标{n}”与第{first + 1}个同级指标重复",
                                   keys + (second, "no"), parent or None))
            missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
            if missing:
                listed = "、".join(f"指标{n}" for n in sorted(numbers))
                gap = "、".join(f"指标{n}" for n in missing)
                first = next(i for i, c in enumerate(children) if c.no is not None and c.no > missing[0])
                out.append(finding("PS107", f, f"同级指标编号为{listed}，缺少{gap}", keys + (first, "no"),
                                   parent or None))
    # PS108: top-level weights against the framework
    if iset.framework:
        for i, node in enumerate(iset.indicators):
            match = next((b for b in iset.framework if node.name == b.name or node.name in b.aliases), None)
            if match is None or match.weight is None:
                continue
            if node.total_weight() != match.weight:
                out.append(finding("PS108", f, f"一级指标“{node.name}”分值{fmt(node.total_weight())}，"
                                               f"框架“{iset.extends}”为{fmt(match.weight)}",
                                   ("indicators", i), [node.name], match.weight, node.total_weight()))
    # PS109: units
    for path, keys, node in nodes:
        t = node.target
        if t is None or t.value is None:
            continue
        unit = node.unit or ("%" if base_name(node.name) != node.name.replace(" ", "") else None)
        if unit and t.unit and t.unit != unit:
            out.append(finding("PS109", f, f"指标单位为“{unit}”，目标值“{t.text}”的单位为“{t.unit}”",
                               keys + ("target",), path))
    return out



def _criteria_agree(iset: IndicatorSet, nodes: list[tuple[tuple[str, ...], tuple[str | int, ...], Indicator]]
                    ) -> list[Finding]:
    """PS110: a leaf's 评分标准 text, read as a rule, against the structured rule written beside it."""
    both = [(p, k, n) for p, k, n in nodes if not n.children and n.criteria and n.rule is not None]
    if not both:
        return []
    out = []
    for path, keys, node in both:
        target = node.target.text if node.target is not None else None
        message = _disagreement(node.criteria or "", target, node.rule)
        if message is not None:
            out.append(finding("PS110", iset.path, message, keys + ("rule",), path))
    return out


def _disagreement(criteria: str, target: str | None, rule: Any) -> str | None:
    """PS110's message for one leaf, or None when the text agrees or cannot be read yet.

    Memoised: a bureau's sets repeat the same 评分标准 sentences with the same rules, and
    reading one costs milliseconds (the largest cost of checking a batch)."""
    try:
        return _disagreement_cached(criteria, target, rule)
    except TypeError:                     # a rule that cannot be hashed: compare it each time
        return _compare(criteria, target, rule)


@lru_cache(maxsize=4096)
def _disagreement_cached(criteria: str, target: str | None, rule: Any) -> str | None:
    return _compare(criteria, target, rule)


def _compare(criteria: str, target: str | None, rule: Any) -> str | None:
    from ..ruletext import RuleTextError, parse, render, same

    try:
        said = parse(criteria, target=target)
    except RuleTextError:
        return None                   # text perfscore cannot read yet: nothing to compare
    if not same(said, rule, target=target):
        return f"评分标准文字读作“{render(said)}”，结构化规则为“{render(rule)}”"
    return None
