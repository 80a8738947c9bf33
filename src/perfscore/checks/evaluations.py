"""Checks of one evaluation: what it declared against what the rules give (PS201–PS216).

One registered function per code. Each receives an :class:`EvaluationSubject` (the scorecard
and one :class:`Row` per indicator, built once) and yields its findings.

Which checks look at a row is decided by the row's state, named by the gates of :class:`Row`
rather than by the order of the checks — a row's state suppresses some codes:

================================  ===========================================================
row                               codes that look at it
================================  ===========================================================
missing (no actual, not 不适用)    PS209 only
not_applicable (不适用)            none
invalid (actual cannot be scored) PS209 (or PS211 for a chosen score), and the text checks
                                  PS109, PS212, PS213 (``Row.read``)
no declared score                 the text checks only
declared, valid (``Row.judged``)  PS201, PS205, PS206, PS214, PS215, and the text checks
rule itself wrong (PS103 in set)  not PS203 / PS204 (``Row.compared`` is false)
================================  ===========================================================

and PS204 (a score the rule cannot give) supersedes PS203 (a score the rule does not give
here): :meth:`Row.unreachable` is the one test both read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Iterator

from ..findings import Finding
from ..numbers import ZERO, differs, fmt, half_unit, round_half_up
from ..rules import Rule, ScoreSet
from ..model import SEP
from ..scoring import IndicatorScore, Scorecard
from ..targets import PLACEHOLDER, Target
from .base import finding
from .registry import check, run

TARGET_NOTATION = re.compile(r"^\s*(≥|≤|≧|≦|>=|<=|>|<|=|＝|＞|＜)")
CHOSEN_KINDS = ("qualitative", "manual", "bands")


@dataclass
class Row:
    """One indicator of a scored evaluation, with the gates that decide which checks see it."""

    item: IndicatorScore
    rule_fault: bool                  # the leaf's rule is itself wrong (PS103): its score is not compared

    @cached_property
    def key(self) -> tuple[str | int, ...]:
        """The YAML keys of the row under ``results:``."""
        return ("results", self.item.key) if self.item.key else ("results",)

    @property
    def declared(self) -> Decimal | None:
        return self.item.declared_score

    @property
    def read(self) -> bool:
        """The row has a result to read (not missing, not 不适用): its texts are checked."""
        return self.item.status not in ("missing", "not_applicable")

    @property
    def chosen(self) -> bool:
        """An invalid row whose declared score was the evaluator's choice (a level, 酌情, a band range): PS211."""
        return self.item.status == "invalid" and self.item.rule.kind in CHOSEN_KINDS and self.declared is not None

    @property
    def judged(self) -> bool:
        """A valid row with a declared score: the score is judged against weight, target and actual."""
        return self.read and self.item.status != "invalid" and self.declared is not None

    @property
    def compared(self) -> bool:
        """A judged row whose rule is sound: the declared score is compared with the rule (PS203/PS204)."""
        return self.judged and not self.rule_fault

    @property
    def full(self) -> bool:
        return self.declared is not None and self.declared >= self.item.weight

    @cached_property
    def missed_met(self) -> tuple[bool, bool]:
        """(missed, met) of the target, from the numbers; both False when it cannot be told."""
        item = self.item
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

    def unreachable(self) -> bool:
        """PS204's test, which PS203 also reads: a compared score within the weight that the rule cannot give."""
        declared = self.declared
        if declared is None or declared > self.item.weight:
            return False
        reachable = _reachable(self.item.rule, self.item.weight, self.item.node.target)
        # a reachable 2.625 printed as 2.63 is the rule's score, rounded: compare within the printed precision
        return not reachable.contains(declared, half_unit(declared))


@dataclass
class EvaluationSubject:
    """One scored evaluation as the evaluation checks see it."""

    card: Scorecard
    rule_faults: frozenset[tuple[str, ...]] = frozenset()

    @property
    def file(self) -> str | None:
        return self.card.evaluation.path

    @cached_property
    def rows(self) -> list[Row]:
        return [Row(item, item.path in self.rule_faults) for item in self.card.indicators]


def check_evaluation(card: Scorecard, rule_faults: frozenset[tuple[str, ...]] = frozenset()) -> list[Finding]:
    """Findings of one scored evaluation. ``rule_faults``: leaves whose rule is itself wrong (PS103):
    their declared score is not compared with the rule."""
    return run("evaluation", EvaluationSubject(card, rule_faults))


# ---------------------------------------------------------------- declared scores of rows and the budget

@check("PS201", "error", "申报得分超过指标分值", scope="evaluation")
def above_weight(ev: EvaluationSubject) -> Iterator[Finding]:
    """某项（或预算执行率）的申报得分高于该项的分值。

    种子：自评表A 政府公报刊物印刷份数分值3，得分5。"""
    for row in ev.rows:
        if row.judged and row.declared is not None and row.declared > row.item.weight:
            yield finding("PS201", ev.file, f"申报得分{fmt(row.declared)}超过分值{fmt(row.item.weight)}",
                          row.key + ("score",), row.item.path, row.declared, row.item.weight)
    budget = ev.card.budget
    if budget is not None and budget.declared_score is not None and budget.declared_score > budget.weight:
        yield finding("PS201", ev.file, f"{budget.name}申报得分{fmt(budget.declared_score)}超过分值{fmt(budget.weight)}",
                      ("budget", "score"), [budget.name], budget.declared_score, budget.weight)


@check("PS202", "error", "各项申报得分之和不等于申报总分", scope="evaluation")
def declared_total(ev: EvaluationSubject) -> Iterator[Finding]:
    """表中各行申报得分（含预算执行率得分）相加，与总计栏的申报总分不等（超出末位数字半个单位）。

    种子：自评表A 各行得分合计99，总计栏96。"""
    card = ev.card
    total = card.evaluation.declared.total
    rows = [i.declared_score for i in card.indicators if i.declared_score is not None]
    if card.budget is not None and card.budget.declared_score is not None:
        rows.append(card.budget.declared_score)
    if total is not None and rows:
        s = sum(rows, ZERO)
        if differs(total, s):
            yield finding("PS202", ev.file, f"各项申报得分合计{fmt(s)}，而申报总分为{fmt(total)}",
                          ("declared", "total"), None, total, s)


@check("PS203", "warning", "申报得分与按规则重算的得分不同", scope="evaluation")
def rescored(ev: EvaluationSubject) -> Iterator[Finding]:
    """按指标体系的规则和实际完成值重新计算，得分与申报不同（超出申报值末位数字半个单位的舍入误差）。

    规则不可能给出的得分报 PS204 而不再报 PS203；规则本身有误（PS103）的指标不比较。
    定性、酌情、区间选分的规则，档次内的得分是评价人的选择，不报 PS203。
    种子：部门评价C 服务对象满意度90.21%，规则“90%（含）—100%为10分”，申报8分。"""
    for row in ev.rows:
        item = row.item
        if row.compared and row.declared is not None and not row.unreachable() and item.score is not None \
                and differs(row.declared, item.score):
            yield finding("PS203", ev.file, f"申报得分{fmt(row.declared)}，按规则重算为{fmt(item.score)}：{item.explanation}",
                          row.key + ("score",), item.path, row.declared, item.score)


@check("PS204", "warning", "申报得分不是规则可能给出的分值", scope="evaluation")
def unreachable_score(ev: EvaluationSubject) -> Iterator[Finding]:
    """规则只能给出某些分值，申报得分（不超过分值时）不在其中，按打印精度比较；此时不再重复报告 PS203。

    种子：部门评价C 项目管理制度执行有效性“每有一个方面没执行到位扣2分”，分值5，只可能得5/3/1/0分，申报4分。"""
    for row in ev.rows:
        item = row.item
        if row.compared and row.unreachable():
            reachable = _reachable(item.rule, item.weight, item.node.target)
            yield finding("PS204", ev.file, f"申报得分{fmt(row.declared)}不是规则可能给出的分值（可能的得分：{reachable.show()}）"
                                            f"；按实际重算为{fmt(item.score)}分", row.key + ("score",), item.path,
                          row.declared, item.score)


@check("PS205", "warning", "未达到目标却得满分", scope="evaluation")
def missed_full(ev: EvaluationSubject) -> Iterator[Finding]:
    """实际完成值未达到年度指标值（或清单有未达到的要点），该项却得了满分（或更高）。

    种子：自评表A 服务对象满意度目标90，实际86，得分14/14。"""
    for row in ev.rows:
        if row.judged and row.full and row.missed_met[0]:
            item = row.item
            yield finding("PS205", ev.file, f"{_against(item, False)}，却得满分（{fmt(row.declared)}/{fmt(item.weight)}）",
                          row.key + ("score",), item.path, row.declared, item.score)


@check("PS206", "warning", "达到目标却扣分且未说明偏差原因", scope="evaluation")
def met_deducted(ev: EvaluationSubject) -> Iterator[Finding]:
    """实际完成值达到目标（或清单要点全部达到），得分却低于分值，偏差原因（deviation）为空。"""
    for row in ev.rows:
        item = row.item
        r = item.result
        if row.judged and row.declared is not None and row.missed_met[1] and row.declared < item.weight \
                and r is not None and not r.deviation:
            yield finding("PS206", ev.file, f"{_against(item, True)}，却扣{fmt(item.weight - row.declared)}分，"
                                            f"且未填写偏差原因", row.key + ("score",), item.path, row.declared,
                          item.score)


@check("PS207", "error", "申报等级与申报总分对应的等级不符", scope="evaluation")
def declared_grade(ev: EvaluationSubject) -> Iterator[Finding]:
    """按指标体系的等级标准，申报总分应得的等级与申报等级不同。"""
    declared = ev.card.evaluation.declared
    grades = ev.card.indicator_set.grades
    if declared.total is None or declared.grade is None:
        return
    assert grades is not None
    expected = grades.grade_of(declared.total)
    if expected is not None and expected != declared.grade:
        yield finding("PS207", ev.file, f"申报总分{fmt(declared.total)}按“{grades.name}”应为“{expected}”，"
                                        f"申报等级为“{declared.grade}”", ("declared", "grade"))


@check("PS208", "error", "申报执行率或其得分与资金数不符", scope="evaluation")
def budget_rate(ev: EvaluationSubject) -> Iterator[Finding]:
    """申报执行率应为 全年执行数/全年预算数；执行率得分应为执行率规则给出的分数。两者各报一次。"""
    budget = ev.card.budget
    if budget is None:
        return
    if budget.declared_rate is not None and budget.rate is not None and differs(budget.declared_rate, budget.rate):
        yield finding("PS208", ev.file, f"申报执行率{fmt(budget.declared_rate)}%，而全年执行数/全年预算数="
                                        f"{fmt(budget.executed)}/{fmt(budget.annual)}={fmt(round_half_up(budget.rate))}%",
                      ("budget", "rate"), [budget.name], budget.declared_rate, round_half_up(budget.rate))
    if budget.declared_score is not None and budget.score is not None and differs(budget.declared_score, budget.score):
        yield finding("PS208", ev.file, f"{budget.name}申报得分{fmt(budget.declared_score)}，按规则应为"
                                        f"{fmt(budget.score)}（{budget.explanation}）",
                      ("budget", "score"), [budget.name], budget.declared_score, budget.score)


@check("PS209", "error", "指标缺少实际完成值（或实际值无法计分）且未标为不适用", scope="evaluation")
def missing_actual(ev: EvaluationSubject) -> Iterator[Finding]:
    """指标没有实际完成值，也未标注不适用（not_applicable）；缺失不会被当作0分。
    实际完成值无法按规则计分（如数值指标写了文字）也报此码，说明原因（所选得分越出档次的报 PS211）。

    缺失的行不再做其他检查；无法计分的行只再检查文字（PS109、PS212、PS213）。"""
    for row in ev.rows:
        item = row.item
        if item.status == "missing":
            yield finding("PS209", ev.file, "缺少实际完成值，也未标为不适用", row.key, item.path)
        elif item.status == "invalid" and not row.chosen:
            yield finding("PS209", ev.file, item.explanation, row.key, item.path, row.declared)


@check("PS210", "error", "申报的一级/二级小计不等于其下各项得分之和", scope="evaluation")
def declared_subtotal(ev: EvaluationSubject) -> Iterator[Finding]:
    """表中一级或二级指标的申报小计（declared.subtotals），与其下各行申报得分之和不等。

    其下有未申报得分的行时不比较；小计名称找不到对应指标的报 PS216。"""
    card = ev.card
    for name, value, group in _subtotals(card):
        if group is None:
            continue
        rows = [i.declared_score for i in card.indicators if i.path[:len(group)] == group]
        if any(r is None for r in rows):
            continue
        s = sum((r for r in rows if r is not None), ZERO)
        if differs(value, s):
            yield finding("PS210", ev.file, f"申报小计{fmt(value)}，其下各项申报得分合计{fmt(s)}",
                          ("declared", "subtotals", name), group, value, s)


@check("PS211", "error", "定性（或酌情、区间选分）得分超出所评档次的区间", scope="evaluation")
def chosen_out_of_range(ev: EvaluationSubject) -> Iterator[Finding]:
    """评价人所选得分不在所评档次（或规则允许的范围）之内（定性、酌情、区间选分的规则）。

    档次之内的得分是评价人的选择，不报 PS203。"""
    for row in ev.rows:
        if row.chosen:
            yield finding("PS211", ev.file, row.item.explanation, row.key + ("score",), row.item.path, row.declared)


@check("PS212", "warning", "实际完成值照抄了目标值的写法", scope="evaluation")
def target_notation(ev: EvaluationSubject) -> Iterator[Finding]:
    """实际完成值写成“≥90%”之类带比较符号的目标写法，而不是实际数值。"""
    for row in ev.rows:
        r = row.item.result
        if row.read and r is not None and isinstance(r.actual, str) and TARGET_NOTATION.match(r.actual):
            yield finding("PS212", ev.file, f"实际完成值“{r.actual}”照抄了目标值写法，应填实际数值",
                          row.key + ("actual",), row.item.path)


@check("PS213", "warning", "残留模板占位符", scope="evaluation")
def placeholder(ev: EvaluationSubject) -> Iterator[Finding]:
    """指标名称、年度指标值或实际完成值中留有模板占位符（**、XX、（≥**平方米））。"""
    for row in ev.rows:
        if not row.read:
            continue
        texts = [row.item.node.name, row.item.target or "", row.item.actual or ""]
        left = [t for t in texts if PLACEHOLDER.search(t)]
        if left:
            yield finding("PS213", ev.file, f"残留模板占位符：{'；'.join(left)}", row.key, row.item.path)


@check("PS214", "notice", "实际值超出目标30%以上且未说明", scope="evaluation")
def far_above(ev: EvaluationSubject) -> Iterator[Finding]:
    """正向指标的实际完成值比目标高出30%以上，偏差原因栏为空：目标可能定得过低（只看申报了得分的行）。"""
    for row in ev.rows:
        r = row.item.result
        if row.judged and r is not None and not r.deviation and _far_above(row.item):
            yield finding("PS214", ev.file, f"实际完成值{row.item.actual}超出年度指标值“{row.item.target}”30%以上，"
                                            f"未说明原因", row.key + ("actual",), row.item.path)


@check("PS215", "error", "目标或实际值为空却得满分", scope="evaluation")
def empty_full(ev: EvaluationSubject) -> Iterator[Finding]:
    """年度指标值或实际完成值为空，该项却得满分。

    没有目标值只在别处也没写明衡量什么时才算空：既无 target，也无 rule，也无评分标准（criteria）。"""
    for row in ev.rows:
        if not (row.judged and row.full):
            continue
        item = row.item
        no_target = item.node.target is None and item.node.rule is None and not item.node.criteria
        if no_target or not item.actual:
            empty = "年度指标值与实际完成值均" if no_target and not item.actual else "年度指标值" if no_target else "实际完成值"
            yield finding("PS215", ev.file, f"{empty}为空，却得满分（{fmt(row.declared)}/{fmt(item.weight)}）",
                          row.key + ("score",), item.path, row.declared)


@check("PS216", "notice", "申报的行或小计指向指标体系中不存在的指标", scope="evaluation")
def unknown_subtotal(ev: EvaluationSubject) -> Iterator[Finding]:
    """申报的小计名称在指标体系中找不到（按完整路径或末级名称）。

    种子：部门评价C 汇总表一级为投入/过程/产出/效果，指标表为部门决策/部门管理/部门产出/部门效益。"""
    card = ev.card
    for name, value, group in _subtotals(card):
        if group is None:
            known = "、".join(x.path[0] for x in card.groups if len(x.path) == 1)
            yield finding("PS216", ev.file, f"申报小计“{name}”在指标体系中没有对应指标（一级指标为{known}）",
                          ("declared", "subtotals", name), [name], value)


# ---------------------------------------------------------------- helpers

def _subtotals(card: Scorecard) -> Iterator[tuple[str, Decimal, tuple[str, ...] | None]]:
    """Each declared subtotal with the path of the group it names (full path or last name), or None."""
    groups = {SEP.join(g.path): g for g in card.groups}
    by_name = {g.path[-1]: g for g in card.groups}
    for name, value in card.evaluation.declared.subtotals.items():
        g = groups.get(name) or by_name.get(name)
        yield name, value, g.path if g is not None else None


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
