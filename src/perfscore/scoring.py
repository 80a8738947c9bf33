"""Scoring: an evaluation against its indicator set → the 自评表 with every number computed.

Leaf scores are rounded half-up at the set's precision; subtotals and the total are sums
of rounded scores; the grade comes from the set's scale. Nothing here prints.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal
from typing import Any, Literal, Mapping

from .errors import RuleInputError, Unrated
from .model import SEP, Budget, Evaluation, Indicator, IndicatorSet, Result, resolve_results
from .numbers import HUNDRED, ZERO, exact, fmt, round_half_up
from .rules import Inputs, Rule
from .rules.base import LazyExplanation, Text, deferred
from .rules.qualitative import QualitativeRule
from .rules.ratio import RatioRule
from .targets import Target, Value, read_actual

Status = Literal["scored", "not_applicable", "missing", "invalid", "unrated"]
NOT_SCORED: tuple[Status, ...] = ("missing", "invalid", "unrated")


class ScoredRow(LazyExplanation):
    """A row of the scorecard (a dataclass) with a lazy explanation: equality compares the dataclass
    fields and the built text; pickling builds the text first."""

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return _fields(self) == _fields(other) and self.explanation == other.explanation

    def __getstate__(self) -> dict[str, Any]:
        self.explanation  # noqa: B018 - a function is not picklable: build the text first
        return self.__dict__


def _fields(item: Any) -> tuple[Any, ...]:
    return tuple(getattr(item, f.name) for f in dataclasses.fields(item) if f.compare)


@dataclass(eq=False)
class IndicatorScore(ScoredRow):
    path: tuple[str, ...]
    node: Indicator
    rule: Rule
    weight: Decimal
    score: Decimal | None
    status: Status
    text: Text = field(compare=False, repr=False)  # the explanation, or a function building it on first read
    result: Result | None = None
    key: str | None = None                   # the key under ``results:`` that holds it
    code: str | None = None                  # why it is unrated: PS218 (a quantity it cannot measure), PS219 (a word)

    @property
    def declared_score(self) -> Decimal | None:
        r = self.result
        if r is None:
            return None
        if r.score is None and r.score_share is not None:       # 得分系数 100% → the weight
            return self.weight * r.score_share / HUNDRED
        return r.score

    @property
    def target(self) -> str | None:
        return self.node.target.text if self.node.target is not None else None

    @cached_property
    def value(self) -> Value | None:
        """The 实际完成值 parsed (None without one), once for every check that reads it."""
        r = self.result
        return read_actual(r.actual, self.node.target) if r is not None and r.actual is not None else None

    @cached_property
    def actual(self) -> str | None:
        if self.result is None:
            return None
        r = self.result
        if self.value is not None:
            return self.value.text
        if r.level is not None:
            return r.level
        if r.unmet is not None:
            return "全部达到" if not r.unmet else f"未达到{r.unmet if isinstance(r.unmet, int) else len(r.unmet)}项"
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": list(self.path),
            "weight": fmt(self.weight),
            "target": self.target,
            "actual": self.actual,
            "score": fmt(self.score),
            "declared_score": fmt(self.declared_score),
            "explanation": self.explanation,
            "status": self.status,
        }


@dataclass(eq=False)
class BudgetScore(ScoredRow):
    name: str
    initial: Decimal | None
    annual: Decimal | None
    executed: Decimal | None
    rate: Decimal | None                      # 执行率 in %, exact
    weight: Decimal
    score: Decimal | None
    declared_score: Decimal | None
    declared_rate: Decimal | None
    status: Status
    text: Text = field(compare=False, repr=False)  # the explanation, or a function building it on first read
    from_lines: bool = False                  # the amounts are the sums of the 其中 rows (the total row printed none)

    def to_dict(self) -> dict[str, Any]:
        return {
            "initial": fmt(self.initial),
            "annual": fmt(self.annual),
            "executed": fmt(self.executed),
            "rate": fmt(round_half_up(self.rate)) if self.rate is not None else None,
            "weight": fmt(self.weight),
            "score": fmt(self.score),
            "declared_score": fmt(self.declared_score),
        }


@dataclass
class GroupScore:
    """A 一级 or 二级 subtotal."""

    path: tuple[str, ...]
    weight: Decimal
    score: Decimal
    declared: Decimal | None


@dataclass
class Scorecard:
    """The recomputed 自评表 of one evaluation."""

    evaluation: Evaluation
    indicator_set: IndicatorSet
    budget: BudgetScore | None
    indicators: list[IndicatorScore]
    groups: list[GroupScore]
    total: Decimal
    grade: str | None
    weight_total: Decimal
    rescaled_from: Decimal | None = None      # the raw sum before 折算, when indicators were 不适用

    @property
    def file(self) -> str | None:
        return self.evaluation.path

    @cached_property
    def counts(self) -> dict[str, int]:
        """Rows (the 资金 row and every normal leaf) by status: scored, missing, invalid, unrated, not_applicable."""
        out = {"scored": 0, "missing": 0, "invalid": 0, "unrated": 0, "not_applicable": 0}
        for status in self._statuses():
            out[status] += 1
        return out

    def _statuses(self) -> list[Status]:
        rows = [i.status for i in self.indicators if i.node.role == "normal"]
        return rows + ([self.budget.status] if self.budget is not None else [])

    @cached_property
    def unscored(self) -> tuple[int, Decimal]:
        """How many rows could not be scored (missing, invalid, unrated) and their weights together."""
        rows = [(i.status, i.weight) for i in self.indicators if i.node.role == "normal"]
        if self.budget is not None:
            rows.append((self.budget.status, self.budget.weight))
        out = [w for status, w in rows if status in NOT_SCORED]
        return len(out), sum(out, ZERO)

    @property
    def complete(self) -> bool:
        """Every row scored (or 不适用): only then is the total a verdict and the grade a grade."""
        return self.unscored[0] == 0

    def incomplete_text(self) -> str:
        """不完整：2 项（分值合计15）未计分 — or "" when complete."""
        n, weight = self.unscored
        return f"不完整：{n} 项（分值合计{fmt(weight)}）未计分" if n else ""

    def to_dict(self) -> dict[str, Any]:
        ev = self.evaluation
        n, weight = self.unscored
        return {
            "file": ev.path,
            "project": ev.project,
            "department": ev.department,
            "year": ev.year,
            "kind": ev.kind,
            "indicator_set": ev.indicator_set,
            "total": fmt(self.total),
            "complete": self.complete,
            "counts": self.counts,
            "unscored": {"rows": n, "weight": fmt(weight)},
            "grade": self.grade if self.complete else None,
            "provisional_grade": None if self.complete else self.grade,
            "declared_total": fmt(ev.declared.total),
            "declared_grade": ev.declared.grade,
            "budget": self.budget.to_dict() if self.budget is not None else None,
            "indicators": [i.to_dict() for i in self.indicators],
        }


# --------------------------------------------------------------------------- rule choice

def rule_for(node: Indicator, iset: IndicatorSet, path: tuple[str, ...] = ()) -> Rule:
    """The leaf's own rule, else the framework default for its kind of target."""
    if node.rule is not None:
        return node.rule
    if iset.defaults.satisfaction is not None and path and "满意度" in path[0]:
        return iset.defaults.satisfaction
    quantitative = node.target is not None and not node.target.qualitative
    default = iset.defaults.quantitative if quantitative else iset.defaults.qualitative
    if default is not None:
        return default
    return RatioRule() if quantitative else QualitativeRule()


def budget_rule(budget: Budget) -> Rule:
    return budget.rule if budget.rule is not None else RatioRule()


BUDGET_TARGET = Target(text="100%", op="≥", value=HUNDRED, unit="%")


def has_actual(result: Result | None, rule: Rule) -> bool:
    if result is None:
        return False
    if result.actual is not None or result.level is not None or result.unmet is not None:
        return True
    if result.items or result.facts:
        return True
    return rule.kind == "manual" and (result.score is not None or result.score_share is not None)


# --------------------------------------------------------------------------- scoring

def written_out(rule: Rule, actual: str, facts: Mapping[str, Any]) -> bool:
    """Whether an actual written as text has to be read for the rule: it needs facts not given
    (the actual says them: 迟报2天), or a number the text holds among words (延迟3个工作日)."""
    if rule.names() - set(facts):
        return True
    return (rule.kind in ("step", "ratio", "bands", "formula") and any(c.isdigit() for c in actual)
            and read_actual(actual, None).number is None)


def score_leaf(path: tuple[str, ...], node: Indicator, weight: Decimal, iset: IndicatorSet, ev: Evaluation,
               result: Result | None, key: str | None) -> IndicatorScore:
    rule = rule_for(node, iset, path)
    if result is not None and result.not_applicable is not None:
        return IndicatorScore(path, node, rule, weight, None, "not_applicable",
                              f"不适用：{result.not_applicable}", result, key)
    if not has_actual(result, rule):
        return IndicatorScore(path, node, rule, weight, None, "missing", "缺少实际完成值", result, key)
    assert result is not None
    if node.target is None and node.rule is None and result.actual is not None:
        v = read_actual(result.actual, None)
        if v.number is not None and v.unit != "%":      # a quantity with nothing to measure it against
            from .rules.qualitative import quantity_without_target

            return IndicatorScore(path, node, rule, weight, None, "unrated",
                                  quantity_without_target(v.text, v.number), result, key, "PS218")
    target = node.target
    if target is not None and iset.equality == "strict":
        target = dataclasses.replace(target, strict=True)
    actual, facts = result.actual, {**ev.facts, **result.facts}
    if isinstance(actual, str) and written_out(rule, actual, facts):
        from .ruletext.actual import ActualTextError, as_written

        try:  # 实际完成值 as written (迟报2天, 发现3处): the facts the rule needs, read from it
            actual, facts, _ = as_written(rule.model_dump(exclude_none=True), actual, dict(facts), None, None, target)
        except ActualTextError as exc:
            return IndicatorScore(path, node, rule, weight, None, "invalid", str(exc), result, key)
    inputs = Inputs(weight=weight, target=target, actual=actual, level=result.level,
                    chosen=result.score if result.score_share is None else weight * result.score_share / HUNDRED,
                    unmet=tuple(result.unmet) if isinstance(result.unmet, list) else result.unmet,
                    items=result.items, facts=facts, reason=result.reason)
    try:
        scored = rule.score(inputs)
    except Unrated as exc:
        return IndicatorScore(path, node, rule, weight, None, "unrated", str(exc), result, key, exc.code)
    except RuleInputError as exc:
        return IndicatorScore(path, node, rule, weight, None, "invalid", str(exc), result, key)
    score = round_half_up(scored.score, iset.precision)
    return IndicatorScore(path, node, rule, weight, score, "scored",
                          deferred(lambda: f"{scored.explanation}，得{fmt(score)}/{fmt(weight)}"), result, key)


def score_budget(iset: IndicatorSet, ev: Evaluation) -> BudgetScore | None:
    b = iset.budget
    if b is None:
        return None
    initial, annual, executed, from_lines = _money(ev)
    base = initial if b.rate == "executed/initial" else annual
    base_word = "年初预算数" if b.rate == "executed/initial" else "全年预算数"
    declared = ev.budget

    def result(rate: Decimal | None, score: Decimal | None, status: Status, explanation: Text) -> BudgetScore:
        return BudgetScore(b.name, initial, annual, executed, rate, b.weight, score, declared.score, declared.rate,
                           status, explanation, from_lines)

    if base is None or executed is None:
        return result(None, None, "missing", "缺少预算数或执行数")
    if base == 0:
        spent = f"而全年执行数为{fmt(executed)}，" if executed else ""
        return result(None, None, "invalid", f"{base_word}为0，{spent}无法计算执行率")
    rate = executed / base * HUNDRED
    rule = budget_rule(b)
    inputs = Inputs(weight=b.weight, target=BUDGET_TARGET, actual=rate, facts=ev.facts, chosen=declared.score)
    try:
        scored = rule.score(inputs)
    except RuleInputError as exc:
        return result(rate, None, "invalid", str(exc))
    score = round_half_up(scored.score, iset.precision)
    weight = b.weight

    def text() -> str:
        head = f"执行率={fmt(executed)}/{fmt(base)}={fmt(round_half_up(rate))}%"
        if from_lines:
            head = f"年度资金总额未印资金，按其中各行合计：{head}"
        return f"{head}；{scored.explanation}，得{fmt(score)}/{fmt(weight)}"

    return result(rate, score, "scored", deferred(text))


def _money(ev: Evaluation) -> tuple[Decimal | None, Decimal | None, Decimal | None, bool]:
    """年初预算数, 全年预算数, 全年执行数 of the 年度资金总额 row; the sums of the 其中 rows when the
    total row carries no money (blank or 0/0/0) and they do."""
    funds = ev.funds
    if funds is None:
        return None, None, None, False
    amounts = (funds.initial, funds.annual, funds.executed)
    if any(a for a in amounts) or not funds.lines:
        return (*amounts, False)

    def total(attr: str) -> Decimal | None:
        values = [getattr(line, attr) for line in funds.lines if getattr(line, attr) is not None]
        return sum(values, ZERO) if values else None

    sums = (total("initial"), total("annual"), total("executed"))
    if not any(a for a in sums):
        return (*amounts, False)
    return (*sums, True)


def _redistributed(iset: IndicatorSet, na: set[tuple[str, ...]]) -> dict[tuple[str, ...], Decimal]:
    """Leaf weights after giving each 不适用 leaf's weight to its applicable siblings, pro rata."""
    weights = {p: n.total_weight() for p, n in iset.leaves()}
    for p in sorted(na):
        siblings = [q for q in weights if q[:-1] == p[:-1] and q not in na]
        pool = sum((weights[q] for q in siblings), ZERO)
        if not siblings or pool == 0:
            continue
        for q in siblings:
            weights[q] += weights[p] * weights[q] / pool
    return weights


def score(ev: Evaluation, iset: IndicatorSet) -> Scorecard:
    """Recompute every score of an evaluation against its indicator set."""
    with exact():
        keys = resolve_results(ev, iset)
        na = {p for p, k in keys.items() if ev.results[k].not_applicable is not None}
        weights = _redistributed(iset, na) if na and iset.not_applicable == "redistribute" else {}
        leaves: list[IndicatorScore] = []
        for path, node in iset.leaves():
            key = keys.get(path)
            result = ev.results.get(key) if key else None
            weight = weights.get(path, node.total_weight())
            item = score_leaf(path, node, weight, iset, ev, result, key)
            if item.status == "not_applicable" and iset.not_applicable == "full":
                item.score = weight
                item.explanation += "，按规定得满分"
            leaves.append(item)
        budget = score_budget(iset, ev)
        total = ZERO
        weight_total = ZERO
        for item in leaves:
            sign = -1 if item.node.role == "penalty" else 1
            if item.node.role == "normal" and (item.status != "not_applicable" or iset.not_applicable == "full"):
                weight_total += item.weight
            if item.score is not None:
                value = item.score if item.node.cap is None else min(item.score, item.node.cap)
                total += sign * value
        if budget is not None:
            weight_total += budget.weight
            total += budget.score or ZERO
        rescaled_from = None
        if na and iset.not_applicable == "rescale" and weight_total:
            rescaled_from = total
            total = round_half_up(total * iset.total / weight_total, iset.precision)
        groups = _groups(iset, ev, leaves)
        assert iset.grades is not None
        grade = iset.grades.grade_of(total) if iset.total else None     # a form that scores nothing has no grade
        return Scorecard(ev, iset, budget, leaves, groups, total, grade, weight_total,
                         rescaled_from)


def _groups(iset: IndicatorSet, ev: Evaluation, leaves: list[IndicatorScore]) -> list[GroupScore]:
    # One pass over the leaves: each scored normal leaf adds to every prefix of its path.
    sums: dict[tuple[str, ...], Decimal] = {}
    for i in leaves:
        if i.node.role == "normal" and i.score is not None:
            for k in range(1, len(i.path) + 1):
                sums[i.path[:k]] = sums.get(i.path[:k], ZERO) + i.score
    out = []
    for path, node in iset.walk():
        if node.is_leaf:
            continue
        s = sums.get(path, ZERO)
        declared = ev.declared.subtotals.get(SEP.join(path), ev.declared.subtotals.get(path[-1]))
        out.append(GroupScore(path, node.total_weight(), s, declared))
    return out
