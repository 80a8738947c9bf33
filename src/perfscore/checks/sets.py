"""Checks of an indicator set's structure (PS101–PS110), one registered function per code.

Each function receives a :class:`SetSubject` (the set and its nodes, walked once) and yields
its findings; :func:`check_set` runs every ``set``-scope code of the registry.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, Iterator

from ..findings import Finding
from ..model import Indicator, IndicatorSet
from ..numbers import ZERO, fmt
from ..rules import Rule
from ..rules.bands import BandsRule
from ..scoring import budget_rule, rule_for
from .base import base_name, finding, indicator_unit, nodes_with_keys
from .registry import check, run

if TYPE_CHECKING:
    from .evaluations import EvaluationSubject

LEVELS = ("一级", "二级", "三级", "四级")

Node = tuple[tuple[str, ...], tuple[str | int, ...], Indicator]     # (name path, YAML keys, indicator)


@dataclass
class SetSubject:
    """One indicator set as the set checks see it: its nodes walked once, leaf rules resolved once."""

    iset: IndicatorSet

    @property
    def file(self) -> str | None:
        return self.iset.path

    @cached_property
    def nodes(self) -> list[Node]:
        return list(nodes_with_keys(self.iset))

    @cached_property
    def scored_leaves(self) -> list[tuple[Node, Rule, tuple[str | int, ...]]]:
        """Each leaf with a weight, its rule (own or default), and the YAML keys a rule finding points at."""
        out = []
        for path, keys, node in self.nodes:
            if node.children or node.weight is None:
                continue
            where = keys + ("rule",) if node.rule is not None else keys
            out.append(((path, keys, node), rule_for(node, self.iset, path), where))
        return out

    @cached_property
    def sibling_groups(self) -> list[tuple[tuple[str, ...], tuple[str | int, ...], list[Indicator]]]:
        """(parent path, YAML keys of the list, children) for the top level and every parent."""
        groups: list[tuple[tuple[str, ...], tuple[str | int, ...], list[Indicator]]] = [
            ((), ("indicators",), self.iset.indicators)]
        groups += [(p, k + ("children",), n.children) for p, k, n in self.nodes if n.children]
        return groups


def check_set(iset: IndicatorSet) -> list[Finding]:
    """Every finding of one indicator set (unsorted, unlocated: see ``locate_all``)."""
    return run("set", SetSubject(iset))


@check("PS101", "error", "下级指标分值之和不等于上级分值", scope="set")
def parent_weight(s: SetSubject) -> Iterator[Finding]:
    """上级指标写明了分值，其下级指标（不含加分、减分项）的分值之和却不相等。

    框架（kind: framework）只给骨架，不检查。"""
    if s.iset.kind == "framework":
        return
    for path, keys, node in s.nodes:
        if node.children and node.weight is not None:
            parts = sum((c.total_weight() for c in node.children if c.role == "normal"), ZERO)
            if parts != node.weight:
                yield finding("PS101", s.file, f"下级指标分值合计{fmt(parts)}，不等于本级分值{fmt(node.weight)}",
                              keys + ("weight",), path, node.weight, parts)


@check("PS102", "error", "各项分值（含预算执行率）之和不等于指标体系总分", scope="set")
def set_total(s: SetSubject) -> Iterator[Finding]:
    """一级指标分值加预算执行率分值，应等于指标体系声明的总分（通常100）。

    种子：自评表A 预算执行率10 + 产出43 + 效益30 + 满意度14 = 97，而总计栏为100。"""
    iset = s.iset
    top = sum((n.total_weight() for n in iset.indicators if n.role == "normal"), ZERO)
    budget = iset.budget.weight if iset.budget is not None else ZERO
    if top + budget != iset.total:
        how = f"一级指标合计{fmt(top)} + {iset.budget.name}{fmt(budget)} = {fmt(top + budget)}" if iset.budget \
            else f"一级指标分值合计{fmt(top)}"
        yield finding("PS102", s.file, f"{how}，不等于指标体系总分{fmt(iset.total)}",
                      ("total",), None, iset.total, top + budget)


@check("PS103", "error", "评分规则可得的最高分不等于指标分值", scope="set")
def rule_maximum(s: SetSubject) -> Iterator[Finding]:
    """规则本身能给出的最高分与该指标的分值不一致，指标体系自相矛盾（也检查预算执行率的规则）。

    这样的指标，其申报得分不再与规则比较（不报 PS203、PS204）：错的是规则，不是得分。
    种子：部门评价C 财务管理制度健全性分值5，规则“基本制度健全4分，缺1项扣1分”最高4分。"""
    for (path, _, node), rule, where in s.scored_leaves:
        assert node.weight is not None
        top_score = rule.max_points(node.weight)
        if top_score != node.weight:
            yield finding("PS103", s.file, f"评分规则最高可得{fmt(top_score)}分，而指标分值为{fmt(node.weight)}分",
                          where, path, node.weight, top_score)
    budget = s.iset.budget
    if budget is not None:
        top_score = budget_rule(budget).max_points(budget.weight)
        if top_score != budget.weight:
            yield finding("PS103", s.file, f"{budget.name}规则最高可得{fmt(top_score)}分，"
                                           f"而分值为{fmt(budget.weight)}分", ("budget",), [budget.name])


@check("PS104", "warning", "文中声明的指标个数与指标表不符", scope="set")
def stated_counts(s: SetSubject) -> Iterator[Finding]:
    """报告文字声明的各级指标个数（stated_counts）与指标表实际个数不同。

    种子：部门评价C 文中称“15个三级指标”，表中只有14个。"""
    depth_counts = Counter(len(p) for p, _, _ in s.nodes)
    for level, stated in s.iset.stated_counts.items():
        if level in LEVELS:
            actual = depth_counts.get(LEVELS.index(level) + 1, 0)
            if actual != stated:
                yield finding("PS104", s.file, f"文中声明{stated}个{level}指标，指标表中有{actual}个",
                              ("stated_counts", level), None, Decimal(stated), Decimal(actual))


@check("PS105", "warning", "等级区间（或评分档次）有缺口或重叠", scope="set")
def band_layout(s: SetSubject) -> Iterator[Finding]:
    """等级标准或区间计分（bands）的档次没有无缝覆盖得分：某些得分没有等级或档次，或同时落入两档。

    种子：部门评价C “75（含）—89 良，90（含）—100 优”，89与90之间（如89.5）没有等级。"""
    for (path, _, _), rule, where in s.scored_leaves:
        if isinstance(rule, BandsRule):
            for problem in rule.gaps_and_overlaps():
                yield finding("PS105", s.file, f"评分档次：{problem}", where, path)
    grades = s.iset.grades
    assert grades is not None
    for problem in grades.gaps():
        yield finding("PS105", s.file, f"等级标准“{grades.name}”：{problem}", ("grades",))


@check("PS106", "error", "同级指标重名或编号重复", scope="set")
def duplicate_siblings(s: SetSubject) -> Iterator[Finding]:
    """同一上级下的两个指标名称相同（或编号相同），实际值无法对应。"""
    for parent, keys, children in s.sibling_groups:
        seen: dict[str, int] = {}
        for i, child in enumerate(children):
            if child.name in seen:
                yield finding("PS106", s.file, f"与第{seen[child.name] + 1}个同级指标重名“{child.name}”",
                              keys + (i, "name"), parent + (child.name,))
            seen.setdefault(child.name, i)
        numbers = [c.no for c in children if c.no is not None]
        for n in [n for n, k in Counter(numbers).items() if k > 1]:
            first, second = [i for i, c in enumerate(children) if c.no == n][:2]
            yield finding("PS106", s.file, f"编号“指标{n}”与第{first + 1}个同级指标重复",
                          keys + (second, "no"), parent or None)


@check("PS107", "notice", "同级指标编号不连续", scope="set")
def numbering_gap(s: SetSubject) -> Iterator[Finding]:
    """同级指标的序号（no）有跳号，多为漏填或删行未重新编号。

    种子：自评表B 时效 指标1、指标2、指标4、指标5、指标6（缺指标3）。"""
    for parent, keys, children in s.sibling_groups:
        numbers = [c.no for c in children if c.no is not None]
        if not numbers:
            continue
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing:
            listed = "、".join(f"指标{n}" for n in sorted(numbers))
            gap = "、".join(f"指标{n}" for n in missing)
            first = next(i for i, c in enumerate(children) if c.no is not None and c.no > missing[0])
            yield finding("PS107", s.file, f"同级指标编号为{listed}，缺少{gap}", keys + (first, "no"), parent or None)


@check("PS108", "notice", "一级指标分值偏离所继承框架的标准分值", scope="set")
def framework_weights(s: SetSubject) -> Iterator[Finding]:
    """项目指标体系继承了框架（extends，如 mof-2020-self：产出50、效益30、满意度10、执行率10），
    但一级指标分值与框架不同（按名称或别名对应）。

    种子：自评表A 产出指标43（框架50），满意度14（框架10）。"""
    iset = s.iset
    if not iset.framework:
        return
    for i, node in enumerate(iset.indicators):
        match = next((b for b in iset.framework if node.name == b.name or node.name in b.aliases), None)
        if match is None or match.weight is None:
            continue
        if node.total_weight() != match.weight:
            yield finding("PS108", s.file, f"一级指标“{node.name}”分值{fmt(node.total_weight())}，"
                                           f"框架“{iset.extends}”为{fmt(match.weight)}",
                          ("indicators", i), [node.name], match.weight, node.total_weight())


@check("PS110", "warning", "评分标准文字与结构化规则不一致", scope="set")
def criteria_against_rule(s: SetSubject) -> Iterator[Finding]:
    """指标同时给出评分标准原文（criteria）和结构化规则（rule），两者解析后不相同。

    perfscore 还读不懂的评分标准文字不作比较。"""
    for path, keys, node in s.nodes:
        if node.children or not node.criteria or node.rule is None:
            continue
        target = node.target.text if node.target is not None else None
        message = _disagreement(node.criteria, target, node.rule)
        if message is not None:
            yield finding("PS110", s.file, message, keys + ("rule",), path)


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


@check("PS109", "warning", "目标值或实际值的单位与指标不符", scope=("set", "evaluation"))
def unit_mismatch(subject: SetSubject | EvaluationSubject) -> Iterator[Finding]:
    """指标单位为 %（unit，或名称带“(%)”），年度指标值或实际完成值却写成“万元”等其他单位。

    在指标体系中检查年度指标值，在评价中检查实际完成值（缺失、不适用的行不检查）。"""
    if isinstance(subject, SetSubject):
        for path, keys, node in subject.nodes:
            t = node.target
            if t is None or t.value is None:
                continue
            unit = node.unit or ("%" if base_name(node.name) != node.name.replace(" ", "") else None)
            if unit and t.unit and t.unit != unit:
                yield finding("PS109", subject.file, f"指标单位为“{unit}”，目标值“{t.text}”的单位为“{t.unit}”",
                              keys + ("target",), path)
        return
    for row in subject.rows:
        if not row.read:
            continue
        unit = indicator_unit(row.item.node)
        shown = row.item.value
        if unit and shown is not None and shown.number is not None and shown.unit and shown.unit != unit:
            yield finding("PS109", subject.file, f"指标单位为“{unit}”，实际完成值“{shown.text}”的单位为“{shown.unit}”",
                          row.key + ("actual",), row.item.path)
