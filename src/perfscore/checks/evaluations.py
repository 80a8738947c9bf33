"""Checks of one evaluation: what it declared against what the rules give (PS201–PS219).

One registered function per code. Each receives an :class:`EvaluationSubject` (the scorecard
and one :class:`Row` per indicator, built once) and yields its findings.

Which checks look at a row is decided by the row's state, named by the gates of :class:`Row`
rather than by the order of the checks — a row's state suppresses some codes:

================================  ===========================================================
row                               codes that look at it
================================  ===========================================================
missing (no actual, not 不适用)    PS209 only (PS215 instead when it has full marks)
not_applicable (不适用)            none
invalid (actual cannot be scored) PS209 (or PS211 for a chosen score), and the text checks
                                  PS109, PS212, PS213 (``Row.read``)
unrated (needs the evaluator)     PS218 or PS219 (why), the text checks, and PS201, PS205,
                                  PS206, PS215 on its declared score; not PS203 / PS204
no declared score                 the text checks only
declared, valid (``Row.judged``)  PS201, PS205, PS206, PS214, PS215, and the text checks
rule itself wrong (PS103 in set)  not PS203 / PS204 (``Row.compared`` is false)
================================  ===========================================================

and PS204 (a score the rule cannot give) supersedes PS203 (a score the rule does not give
here): :meth:`Row.unreachable` is the one test both read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
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


class Row:
    """One indicator of a scored evaluation, with the gates that decide which checks see it.

    The gates are plain attributes, computed once (every check reads them for every row):

    - ``read``: the row has a result to read (not missing, not 不适用): its texts are checked;
    - ``chosen``: an invalid row whose declared score was the evaluator's choice (a level, 酌情,
      a band range): PS211 rather than PS209;
    - ``judged``: a valid (or unrated) row with a declared score: the score is judged against
      weight, target and actual;
    - ``compared``: a judged, scored row whose rule is sound: the declared score is compared
      with the rule (PS203/PS204);
    - ``full``: the declared score is the weight or more.
    """

    __slots__ = ("item", "rule_fault", "key", "declared", "read", "chosen", "judged", "compared", "full",
                 "_missed_met", "_unreachable")

    def __init__(self, item: IndicatorScore, rule_fault: bool) -> None:
        self.item = item
        self.rule_fault = rule_fault          # the leaf's rule is itself wrong (PS103): its score is not compared
        self.key: tuple[str | int, ...] = ("results", item.key) if item.key else ("results",)
        status = item.status
        declared = self.declared = item.declared_score
        self.read = status not in ("missing", "not_applicable")
        self.chosen = status == "invalid" and item.rule.kind in CHOSEN_KINDS and declared is not None
        self.judged = self.read and status != "invalid" and declared is not None
        self.compared = self.judged and not rule_fault and status == "scored"
        self.full = declared is not None and declared >= item.weight
        self._missed_met: tuple[bool, bool] | None = None
        self._unreachable: bool | None = None

    @property
    def missed_met(self) -> tuple[bool, bool]:
        """(missed, met) of the target, from the numbers; both False when it cannot be told (computed once)."""
        if self._missed_met is None:
            self._missed_met = self._judge_target()
        return self._missed_met

    def _judge_target(self) -> tuple[bool, bool]:
        item = self.item
        r = item.result
        t = item.node.target
        if r is not None and r.unmet:
            return True, False
        if r is not None and r.unmet == [] or (r is not None and r.unmet == 0):
            return False, True
        if r is None or (r.actual is None and r.level is None):
            return False, False
        if t is None or t.value is None:        # a qualitative or date target: the lexicon reads the outcome
            if t is None and r.level is None:
                return False, False
            from ..lexicon import judge

            rank, _ = judge(r.level if r.level is not None else r.actual, t)
            return rank in ("unmet", "partly"), rank == "met"
        v = item.value
        if v is None or v.number is None:
            return False, False
        if t.reverse:
            missed = v.number > t.value or (t.op == "<" and v.number == t.value)
        else:
            missed = v.number < t.value or (t.op == ">" and v.number == t.value)
        return missed, not missed

    def unreachable(self) -> bool:
        """PS204's test, which PS203 also reads: a score within the weight that the rule cannot give (computed once)."""
        if self._unreachable is None:
            declared = self.declared
            if declared is None or declared > self.item.weight:
                self._unreachable = False
            else:
                reachable = _reachable(self.item.rule, self.item.weight, self.item.node.target)
                # a reachable 2.625 printed as 2.63 is the rule's score, rounded: compare within the printed precision
                self._unreachable = not reachable.contains(declared, half_unit(declared))
        return self._unreachable


@dataclass
class EvaluationSubject:
    """One scored evaluation as the evaluation checks see it."""

    card: Scorecard
    rule_faults: frozenset[tuple[str, ...]] = frozenset()
    rows: list[Row] = field(init=False)
    file: str | None = field(init=False)

    def __post_init__(self) -> None:
        self.rows = [Row(item, item.path in self.rule_faults) for item in self.card.indicators]
        self.file = self.card.evaluation.path


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
        yield finding("PS201", ev.file,
                      f"{budget.name}申报得分{fmt(budget.declared_score)}超过分值{fmt(budget.weight)}",
                      ("budget", "score"), [budget.name], budget.declared_score, budget.weight)


@check("PS202", "error", "各项申报得分之和不等于申报总分", scope="evaluation")
def declared_total(ev: EvaluationSubject) -> Iterator[Finding]:
    """表中各行申报得分（含预算执行率得分）相加，与总计栏的申报总分不等（超出末位数字半个单位）。

    有的行没有申报得分（表被截断、漏填），或各行分值合计不到指标体系总分（有行未列出）时，只在总分低于
    已申报各行之和、或高于它加上其余各行分值时报告：那时无论缺的行得多少分都对不上。有不适用指标按总分折算的，
    折算后的合计也算对上。
    种子：自评表A 各行得分合计99，总计栏96。真实表：各行得分84，缺满意度一行（分值10），自评得分98——最多94。"""
    card = ev.card
    total = card.evaluation.declared.total
    rows = [i.declared_score for i in card.indicators if i.declared_score is not None]
    budget = card.budget
    if budget is not None and budget.declared_score is not None:
        rows.append(budget.declared_score)
    if total is None or not rows:
        return
    s = sum(rows, ZERO)
    open_weight = sum((i.weight for i in card.indicators if i.node.role == "normal" and i.declared_score is None
                       and i.status != "not_applicable"), ZERO)
    if budget is not None and budget.declared_score is None:
        open_weight += budget.weight
    listed = sum((i.weight for i in card.indicators if i.node.role == "normal"), ZERO) + \
        (budget.weight if budget is not None else ZERO)
    open_weight += max(card.indicator_set.total - listed, ZERO)
    iset = card.indicator_set
    if open_weight == 0 and card.rescaled_from is not None and card.weight_total and \
            not differs(total, round_half_up(s * iset.total / card.weight_total, iset.precision)):
        return                         # 不适用 rows: the declared total is the rows' sum 折算 to the full score
    most = s + open_weight
    if open_weight and total > most and differs(total, most):
        yield finding("PS202", ev.file, f"各项申报得分合计{fmt(s)}，"
                                        f"未申报得分或未列出的各项分值合计{fmt(open_weight)}，"
                                        f"总分最多{fmt(most)}，而申报总分为{fmt(total)}", ("declared", "total"), None,
                      total, most)
    elif (total < s if open_weight else True) and differs(total, s):
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
            yield finding("PS203", ev.file,
                          f"申报得分{fmt(row.declared)}，按规则重算为{fmt(item.score)}：{item.explanation}",
                          row.key + ("score",), item.path, row.declared, item.score)


@check("PS204", "warning", "申报得分不是规则可能给出的分值", scope="evaluation")
def unreachable_score(ev: EvaluationSubject) -> Iterator[Finding]:
    """规则只能给出某些分值，申报得分（不超过分值时）不在其中，按打印精度比较；此时不再重复报告 PS203。

    种子：部门评价C 项目管理制度执行有效性“每有一个方面没执行到位扣2分”，分值5，只可能得5/3/1/0分，申报4分。"""
    for row in ev.rows:
        item = row.item
        if row.compared and row.unreachable():
            reachable = _reachable(item.rule, item.weight, item.node.target)
            yield finding("PS204", ev.file, f"申报得分{fmt(row.declared)}不是规则可能给出的分值"
                                            f"（可能的得分：{reachable.show()}）"
                                            f"；按实际重算为{fmt(item.score)}分", row.key + ("score",), item.path,
                          row.declared, item.score)


@check("PS205", "warning", "未达到目标却得满分", scope="evaluation")
def missed_full(ev: EvaluationSubject) -> Iterator[Finding]:
    """实际完成值未达到年度指标值（或清单有未达到的要点），该项却得了满分（或更高）。

    种子：自评表A 服务对象满意度目标90，实际86，得分14/14。"""
    for row in ev.rows:
        if row.judged and row.full and row.missed_met[0]:
            item = row.item
            yield finding("PS205", ev.file,
                          f"{_against(item, False)}，却得满分（{fmt(row.declared)}/{fmt(item.weight)}）",
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
    """申报执行率应为 全年执行数/全年预算数；执行率得分应为执行率规则给出的分数。两者各报一次。

    执行率的各种印法都按其数值比较：100%、100.00、小数写法 1、0.958（即95.8%）。年度资金总额一行为空或
    印作0/0/0而“其中”各行有资金时，按各行合计计算执行率。全年预算数为0而申报了执行率，执行率无从得出，也报本码。
    真实表：全年预算数0、全年执行数207.4538，执行率写100%；执行率写100%并得满分10分，而3824.26/4753.66=80.45%。"""
    budget = ev.card.budget
    if budget is None:
        return
    if budget.declared_rate is not None and budget.rate is not None \
            and not _rate_matches(budget.declared_rate, budget.rate):
        where = "其中各行合计" if budget.from_lines else ""
        yield finding("PS208", ev.file, f"申报执行率{_show_rate(budget.declared_rate)}，而{where}全年执行数/全年预算数="
                                        f"{fmt(budget.executed)}/{fmt(budget.annual)}={fmt(round_half_up(budget.rate))}%",
                      ("budget", "rate"), [budget.name], budget.declared_rate, round_half_up(budget.rate))
    elif budget.declared_rate and budget.rate is None and budget.status == "invalid":
        yield finding("PS208", ev.file, f"申报执行率{_show_rate(budget.declared_rate)}，而{budget.explanation}",
                      ("budget", "rate"), [budget.name], budget.declared_rate)
    if budget.declared_score is not None and budget.score is not None and differs(budget.declared_score, budget.score):
        yield finding("PS208", ev.file, f"{budget.name}申报得分{fmt(budget.declared_score)}，按规则应为"
                                        f"{fmt(budget.score)}（{budget.explanation}）",
                      ("budget", "score"), [budget.name], budget.declared_score, budget.score)


def _rate_matches(declared: Decimal, rate: Decimal) -> bool:
    """A printed 执行率 against the computed one (in %): 100%, 100.00, or a fraction 1 / 0.958."""
    if not differs(declared, rate):
        return True
    return declared <= Decimal("1.5") and rate > Decimal("1.5") and not differs(declared * 100, rate)


def _show_rate(declared: Decimal) -> str:
    return fmt(declared) or "" if 0 < declared <= Decimal("1.5") else f"{fmt(declared)}%"


@check("PS209", "error", "指标缺少实际完成值（或实际值无法计分）且未标为不适用", scope="evaluation")
def missing_actual(ev: EvaluationSubject) -> Iterator[Finding]:
    """指标没有实际完成值，也未标注不适用（not_applicable）；缺失不会被当作0分。
    实际完成值无法按规则计分（如数值指标写了文字）也报此码，说明原因（所选得分越出档次的报 PS211）。

    缺失的行不再做其他检查；无法计分的行只再检查文字（PS109、PS212、PS213）。"""
    for row in ev.rows:
        item = row.item
        if item.status == "missing" and not row.full:       # with full marks: PS215
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

    档次之内的得分是评价人的选择，不报 PS203。实际完成值不必写档次原名：真实表格的写法（达成预期指标、有效、
    无上访、达标、已完成、良好、是、基本完成……）按用词表 perfscore/lexicon/outcomes.yaml 对应到上、中、下三档；
    与年度指标值相同、或不晚于目标日期的日期，即为达成。用词表里没有的词不是本问题，也不是错误：该项不计分
    （未评定），报提示 PS219 请注明档次，绝不按0分计。
    例：实际完成值“基本完成”（部分达成，3~4分），得分5。"""
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


@check("PS213", "warning", "残留模板占位符或填表说明", scope="evaluation")
def placeholder(ev: EvaluationSubject) -> Iterator[Finding]:
    """指标名称、年度指标值或实际完成值中留有模板占位符（**、XX、（≥**平方米）），或单元格里留着表式自带的
    填表说明：“（100字以内）”一类字数提示、“对照年度目标,说明相关任务目标的完成情况”等（perfscore/lexicon/
    instructions.yaml），包括偏差原因、资金表的说明栏、年度总体目标和评价结论等文字栏（导入照录这些单元格）。"""
    for row in ev.rows:
        if not row.read:
            continue
        texts = [row.item.node.name, row.item.target or "", row.item.actual or ""]
        left = [t for t in texts if PLACEHOLDER.search(t)]
        r = row.item.result
        said = _instruction([row.item.actual or "", r.deviation or "", r.evidence or "", r.reason or ""]) \
            if r is not None else None
        if left:
            yield finding("PS213", ev.file, f"残留模板占位符：{'；'.join(left)}", row.key, row.item.path)
        elif said:
            yield finding("PS213", ev.file, f"残留填表说明：“{said}”", row.key, row.item.path)
    evaluation = ev.card.evaluation
    blocks: list[tuple[tuple[str, str], str | None]] = \
        [(("funds", "deviation"), evaluation.funds.deviation if evaluation.funds else None)] + \
        [(("goals", k), v) for k, v in evaluation.goals.items()] + \
        [(("narrative", k), v) for k, v in evaluation.narrative.items()]
    for keys, text in blocks:
        said = _instruction([text or ""])
        if said:
            yield finding("PS213", ev.file, f"残留填表说明：“{said}”", keys, None)


def _instruction(texts: list[str]) -> str | None:
    """The first text that holds the form's own instruction: the whole text when short, else the instruction."""
    from ..lexicon import instruction

    for t in texts:
        said = instruction(t) if t else None
        if said:
            return t if len(t) <= 60 else said
    return None


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
    """实际完成值为空（年度指标值有无均可），该项却得满分；或年度指标值为空、实际完成值是数量，却得满分。

    没有目标值只在别处也没写明衡量什么时才算空：既无 target，也无 rule，也无评分标准（criteria）；文字写成的
    实际完成值（“目标明确、内容细化”）本身说明了结果，不算。真实表：防汛、“三公”经费等行既无指标值也无实际值，却得满分。"""
    for row in ev.rows:
        item = row.item
        if not row.full or not (row.judged or item.status == "missing"):
            continue
        quantity = item.value is not None and item.value.number is not None
        no_target = item.node.target is None and item.node.rule is None and not item.node.criteria and quantity
        if item.status == "missing" or no_target or not item.actual:
            unstated = item.node.target is None and item.node.rule is None and not item.node.criteria
            empty = "年度指标值与实际完成值均" if not item.actual and unstated else \
                "年度指标值" if no_target else "实际完成值"
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


@check("PS217", "error", "年度资金总额与其中各行之和不符", scope="evaluation")
def funds_lines(ev: EvaluationSubject) -> Iterator[Finding]:
    """资金表“其中”各行（当年财政拨款、上年结转、其他资金……）的年初预算数、全年预算数或全年执行数相加，
    与年度资金总额一行不等（超出所印末位半个单位）。空白或“—”按0计；某一栏各行都空白时不比较。

    真实表：年度资金总额全年预算数7165.32，其中各行合计7165.29；年度资金总额印0/0/0，其中当年财政拨款89.974/89.974。"""
    funds = ev.card.evaluation.funds
    if funds is None or not funds.lines:
        return
    for attr, word in (("initial", "年初预算数"), ("annual", "全年预算数"), ("executed", "全年执行数")):
        values = [getattr(line, attr) for line in funds.lines]
        printed = getattr(funds, attr)
        if printed is None or all(v is None for v in values):
            continue
        s = sum((v for v in values if v is not None), ZERO)
        if differs(printed, s):
            shown = [fmt(v) or "0" for v in values if v is not None]
            parts = f"{'+'.join(shown)}={fmt(s)}" if len(shown) > 1 else f"为{fmt(s)}"
            yield finding("PS217", ev.file, f"年度资金总额{word}{fmt(printed)}，而其中各行{word}合计{parts}",
                          ("funds", attr), ["年度资金总额"], printed, s)


@check("PS218", "warning", "定量指标无法计分：缺少数值型目标，或实际值不是数", scope="evaluation")
def unmeasurable(ev: EvaluationSubject) -> Iterator[Finding]:
    """定量的实际完成值没有可比的年度指标值（目标空白或是文字），或者数值型目标的实际完成值写成了“完成”
    “达成预期指标”一类的话。该项不计分（未评定），评分表注明“不完整”；绝不拿实际值当完成程度
    （“完成程度72890%”）去猜。"""
    for row in ev.rows:
        if row.item.status == "unrated" and row.item.code == "PS218":
            yield finding("PS218", ev.file, row.item.explanation, _actual_key(row), row.item.path, row.declared)


@check("PS219", "notice", "实际完成值的用词对应不到档次", scope="evaluation")
def unknown_outcome(ev: EvaluationSubject) -> Iterator[Finding]:
    """定性指标的实际完成值既不是规则的档次名称，也不在用词表（perfscore/lexicon/outcomes.yaml）里，与年度指标值
    也不相同；或完成日期晚于目标日期。该项不计分（未评定），请填表人注明档次；这不是错误，也不按0分计。

    真实表：指标值与完成值都写“好坏”（表式的选项提示）。"""
    for row in ev.rows:
        if row.item.status == "unrated" and row.item.code == "PS219":
            yield finding("PS219", ev.file, row.item.explanation, _actual_key(row), row.item.path, row.declared)


@check("PS220", "warning", "全部指标不适用，总分无从评定", scope="evaluation")
def nothing_applicable(ev: EvaluationSubject) -> Iterator[Finding]:
    """每个三级指标都标了不适用：总分只剩预算执行率一项（折算后照样可得满分），或者为0而评为“差”，
    两者都不是对项目绩效的评价。请核对不适用的理由，或改用适用的指标体系。

    有指标适用时不报；指标体系没有三级指标时不报（那是 PS102 的事）。"""
    leaves = [row for row in ev.rows if row.item.node.role == "normal"]
    if leaves and all(row.item.status == "not_applicable" for row in leaves):
        card = ev.card
        basis = f"总分{fmt(card.total)}只来自预算执行率" if card.budget is not None else f"总分{fmt(card.total)}"
        yield finding("PS220", ev.file, f"全部{len(leaves)}个三级指标都标为不适用，{basis}，不能据此评定等级",
                      ("results",), None, card.evaluation.declared.total, card.total)


def _actual_key(row: Row) -> tuple[str | int, ...]:
    r = row.item.result
    return row.key + ("actual",) if r is not None and r.actual is not None else row.key


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
_REACHABLE_MAX = 1024     # about 35 sets' rows: reached by 1,000 files, so peak memory does not grow past them


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
