"""Scoring: rounding, subtotals, totals, grades, 不适用 policies, bonus and penalty items."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

import perfscore
from perfscore.errors import PerfscoreError
from perfscore.grades import BUILTIN, GradeBand, GradeScale

SET = """
indicator_set: t
total: 100
precision: {precision}
not_applicable: {policy}
budget: {{weight: 10}}
indicators:
  - name: 产出指标
    children:
      - name: 数量
        children:
          - {{name: 甲, target: "≥100个", weight: 30}}
          - {{name: 乙, target: "≥100个", weight: 30}}
          - {{name: 丙, target: "≥100个", weight: 20}}
  - name: 满意度指标
    children:
      - name: 满意度
        children:
          - {{name: 满意度, target: "≥90%", weight: 10}}
  - name: 加分项
    role: bonus
    weight: 5
    children:
      - {{name: 创新, role: bonus, cap: 5, weight: 5, rule: {{kind: manual}}}}
  - name: 减分项
    role: penalty
    weight: 5
    children:
      - {{name: 违规, role: penalty, cap: 5, weight: 5, rule: {{kind: manual}}}}
"""

EVAL = """
project: 测试项目
department: 测试部门
year: 2024
kind: 自评
indicator_set: t
funds: {{initial: 100, annual: 100, executed: {executed}}}
results:
  甲: {{actual: 90}}
  乙: {a}
  丙: {{actual: 100}}
  满意度: {{actual: 95%}}
  创新: {{score: {bonus}}}
  违规: {{score: {penalty}}}
"""


def card(write, policy="rescale", precision="0.01", executed="100", a="{actual: 100}", bonus="0", penalty="0"):
    write("indicator_sets/t.yaml", SET.format(policy=policy, precision=precision))
    ev = write("evaluations/e.yaml", EVAL.format(executed=executed, a=a, bonus=bonus, penalty=penalty))
    return perfscore.score(perfscore.load_evaluation(str(ev)))


def scores(c):
    return {i.path[-1]: (i.score, i.status) for i in c.indicators}


def test_totals_are_sums_of_rounded_scores(write):
    c = card(write, executed="66.666")
    assert c.budget.score == D("6.67")          # 10 × 66.666% = 6.6666 → 6.67
    assert scores(c)["甲"] == (D("27.00"), "scored")
    assert c.total == D("6.67") + D("27") + D("30") + D("20") + D("10")
    assert c.grade == "优"
    groups = {g.path: g.score for g in c.groups}
    assert groups[("产出指标",)] == D("77")


def test_precision_one_decimal(write):
    c = card(write, precision="0.1", executed="66.666")
    assert c.budget.score == D("6.7")


@pytest.mark.parametrize("policy, total, weights", [
    # 乙 不适用: rescale the sum over the remaining 70 weight to 100
    ("rescale", D("95.71"), {"甲": D(30), "丙": D(20)}),          # 67 × 100/70
    # redistribute 乙's 30 to 甲 and 丙 pro rata (30:20 → +18, +12)
    ("redistribute", D("95.20"), {"甲": D(48), "丙": D(32)}),     # 10 + 43.2 + 32 + 10
    # full: 乙 gets its 30
    ("full", D("97"), {"甲": D(30), "丙": D(20)}),
])
def test_not_applicable_policies(write, policy, total, weights):
    c = card(write, policy=policy, a="{not_applicable: 本年度未安排}")
    s = {i.path[-1]: i for i in c.indicators}
    assert c.weight_total == (D(100) if policy == "full" else D(70) if policy == "rescale" else D(100))
    assert s["乙"].status == "not_applicable"
    assert {k: s[k].weight for k in weights} == weights
    assert c.total == total


def test_bonus_and_penalty_outside_the_hundred(write):
    c = card(write, bonus="4", penalty="1.5")
    assert c.total == D("97") + D("4") - D("1.5")
    assert c.weight_total == D("100")


def test_missing_actual_is_a_status_not_a_zero(write):
    c = card(write, a="{evidence: 无}")
    s = scores(c)
    assert s["乙"] == (None, "missing")
    assert c.total == D("67")


def test_budget_without_funds_is_missing(write):
    write("indicator_sets/t.yaml", SET.format(policy="rescale", precision="0.01"))
    ev = write("evaluations/e.yaml", EVAL.format(executed="1", a="{actual: 1}", bonus=0, penalty=0)
               .replace("funds: {initial: 100, annual: 100, executed: 1}\n", ""))
    c = perfscore.score(perfscore.load_evaluation(str(ev)))
    assert c.budget.status == "missing"


# the header of a minimal evaluation of set "t" (indented as the texts it is joined to; write() dedents)
EVAL_HEAD = """
        project: p
        department: d
        year: 2024
        kind: 自评
        indicator_set: t"""


def test_ambiguous_result_key_needs_a_path(write):
    write("indicator_sets/t.yaml", """
        indicator_set: t
        indicators:
          - name: 产出指标
            children:
              - {name: 数量, children: [{name: 份数, weight: 50, target: "≥1"}]}
              - {name: 质量, children: [{name: 份数, weight: 50, target: "≥1"}]}
        """)
    ev = write("evaluations/e.yaml", EVAL_HEAD + """
        results:
          份数: 1
          质量 > 份数: 1
        """)
    with pytest.raises(PerfscoreError) as err:
        perfscore.score(perfscore.load_evaluation(str(ev)))
    assert str(err.value) == (f"{ev}:7:3: “份数”同时对应多个指标（产出指标 > 数量 > 份数、产出指标 > 质量 > 份数），请写出路径")


SEED_SCALE = GradeScale(name="seed", bands=(
    GradeBand(grade="优", min=D(90), max=D(100)), GradeBand(grade="良", min=D(75), max=D(89)),
    GradeBand(grade="合格", min=D(60), max=D(74)), GradeBand(grade="差")))


@pytest.mark.parametrize("scale, total, grade", [
    (BUILTIN["mof-2020"], D("90"), "优"),
    (BUILTIN["mof-2020"], D("89.99"), "良"),
    (BUILTIN["mof-2020"], D("60"), "中"),
    (BUILTIN["mof-2020"], D("59.99"), "差"),
    (BUILTIN["five-band"], D("75"), "中"),
    (BUILTIN["five-band"], D("65"), "合格"),
    # the seed's printed bands leave (89, 90) and (74, 75): read half-open upward
    (SEED_SCALE, D("89.5"), "良"),
    (SEED_SCALE, D("74.5"), "合格"),
    (SEED_SCALE, D("75"), "良"),
    (SEED_SCALE, D("0"), "差"),
])
def test_grades(scale, total, grade):
    assert scale.grade_of(total) == grade


def test_seed_scale_gaps_are_reported():
    assert SEED_SCALE.gaps() == [
        "“合格”止于74，“良”始于75（含），74与75之间的得分没有等级",
        "“良”止于89，“优”始于90（含），89与90之间的得分没有等级",
    ]


@pytest.mark.parametrize("equality, ratio, step", [("loose", D(10), D(10)), ("strict", D(8), D(8))])
def test_equality_strict_counts_excess_as_deviation(write, equality, ratio, step):
    write("indicator_sets/t.yaml", f"""
        indicator_set: t
        equality: {equality}
        indicators:
          - name: 产出指标
            children:
              - name: 数量
                children:
                  - {{name: 甲, target: "=100个", weight: 10}}
                  - {{name: 乙, target: "=100个", weight: 10, rule: {{kind: step, per: 10, deduct: 1}}}}
        """)
    ev = write("evaluations/e.yaml", EVAL_HEAD + """
        results: {甲: 125, 乙: 120}
        """)
    c = perfscore.score(perfscore.load_evaluation(str(ev)))
    assert [i.score for i in c.indicators] == [ratio, step]
