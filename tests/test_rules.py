"""Every rule kind and option of docs/rules.md §评分规则: exact Decimal scores, exact wording."""
from __future__ import annotations

import importlib
from decimal import Decimal
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from perfscore.errors import PerfscoreError, RuleInputError
from perfscore.numbers import exact, round_half_up
from perfscore.rules import RULES, AnyRule, Inputs, Rule, ScoreSet, Scored, get
from perfscore.rules.base import Example
from perfscore.rules.sum import SEED_PARTS
from perfscore.targets import parse_target

D = Decimal
ADAPTER: TypeAdapter[Any] = TypeAdapter(AnyRule)


def rule(kind: str, **options: Any) -> Rule:
    built: Rule = ADAPTER.validate_python({"kind": kind, **options})
    return built


def run(r: Rule, weight: str, target: str | None = None, **given: Any) -> Scored:
    """Score as scoring.py does: inside the exact context, chosen scores and unmet items typed."""
    if isinstance(given.get("chosen"), (str, int)):
        given["chosen"] = D(given["chosen"])
    if isinstance(given.get("unmet"), list):
        given["unmet"] = tuple(given["unmet"])
    with exact():
        return r.score(Inputs(weight=D(weight), target=parse_target(target) if target else None, **given))


def rejected(r: Rule, weight: str, target: str | None = None, **given: Any) -> str:
    with pytest.raises(RuleInputError) as info:
        run(r, weight, target, **given)
    return str(info.value)


def invalid(kind: str, **options: Any) -> str:
    """The one load-time message of a bad rule, as loading.py shows it."""
    with pytest.raises(ValidationError) as info:
        rule(kind, **options)
    errors = info.value.errors()
    assert len(errors) == 1, errors
    return str(errors[0]["msg"]).removeprefix("Value error, ")


def points(*values: str | int) -> ScoreSet:
    return ScoreSet(frozenset(D(v) for v in values))


# --------------------------------------------------------------------------- documented examples

MODULES = ["ratio", "step", "bands", "checklist", "boolean", "qualitative", "formula", "manual", "rank", "sum"]
EXAMPLES = [(m, e) for m in MODULES for e in importlib.import_module(f"perfscore.rules.{m}").EXAMPLES]


@pytest.mark.parametrize(("kind", "example"), EXAMPLES, ids=[f"{m}-{e.line()}" for m, e in EXAMPLES])
def test_documented_example_scores_as_its_docstring_says(kind: str, example: Example) -> None:
    doc = importlib.import_module(f"perfscore.rules.{kind}").__doc__ or ""
    assert f"- {example.line()}" in doc
    r = rule(kind, **example.rule)
    given = dict(example.inputs)
    if example.expect.startswith("无效："):
        assert rejected(r, example.weight, example.target, **given) == example.expect.removeprefix("无效：")
    else:
        assert round_half_up(run(r, example.weight, example.target, **given).score) == D(example.expect)


def test_every_rule_kind_documents_examples() -> None:
    assert {m for m, _ in EXAMPLES} == set(RULES)


# --------------------------------------------------------------------------- ratio

@pytest.mark.parametrize(("options", "weight", "target", "actual", "score", "explanation"), [
    ({}, "10", "≥80个", 60, "7.5", "实际60个，目标≥80个，完成率60/80=75%，10×60/80"),
    ({}, "10", "≥80个", 100, "10", "实际100个，目标≥80个，达到目标"),
    ({}, "10", "95%", "76%", "8", "实际76%，目标95%，完成率76/95=80%，10×76/95"),
    ({}, "10", "100", -5, "0", "实际-5，目标100，完成率-5/100=0%，10×-5/100"),
    ({}, "4", "=12期", 9, "3", "实际9期，目标=12期，完成率9/12=75%，4×9/12"),
    ({"pass_mark": "60%"}, "10", "100", 80, "5", "实际80，目标100，完成率80/100=80%，10×(80/100−60%)/(1−60%)"),
    ({"pass_mark": "60%"}, "10", "100", 60, "0", "实际60，目标100，完成率60/100=60%，10×(60/100−60%)/(1−60%)"),
    ({"pass_mark": "60%"}, "10", "100", 59, "0", "实际59，目标100，完成率59/100=59%，低于及格线60%，不得分"),
    ({"pass_mark": "60%"}, "10", "100", 100, "10", "实际100，目标100，达到目标"),
    ({"pass_mark": "60%"}, "10", "≤4万元", 5, "5", "实际5万元，目标≤4万元，完成率4/5=80%，10×(4/5−60%)/(1−60%)"),
    ({}, "5", "≤3万元", 4, "3.75", "实际4万元，目标≤3万元，完成率3/4=75%，5×3/4"),
    ({}, "5", "≤3万元", 2, "5", "实际2万元，目标≤3万元，达到目标"),
    ({"reverse": "inverse"}, "5", "<5%", 10, "2.5", "实际10%，目标<5%，完成率5/10=50%，5×5/10"),
    ({"reverse": "linear_to_double"}, "6", "≤3万元", 4, "4", "实际4万元，目标≤3万元，反向线性（目标内满分，2倍目标为0），6×(2×3−4)/3"),
    ({"reverse": "linear_to_double"}, "6", "≤3万元", 3, "6", "实际3万元，目标≤3万元，达到目标"),
    ({"reverse": "linear_to_double"}, "6", "≤3万元", 6, "0", "实际6万元，目标≤3万元，达到目标的2倍及以上，不得分"),
    ({"reverse": "linear_to_double"}, "6", "≤3万元", 7, "0", "实际7万元，目标≤3万元，达到目标的2倍及以上，不得分"),
    ({}, "5", "=0起", 0, "5", "实际0起，目标=0起，达到目标"),
    ({}, "5", "=0起", 1, "0", "实际1起，目标=0起，超过0，不得分"),
    ({"full": 4}, "5", "≥80个", 40, "2", "实际40个，目标≥80个，完成率40/80=50%，4×40/80"),
])
def test_ratio(options: dict[str, Any], weight: str, target: str, actual: object, score: str,
               explanation: str) -> None:
    assert run(rule("ratio", **options), weight, target, actual=actual) == Scored(D(score), explanation)


def test_ratio_of_seed_print_run_is_2_54_of_3() -> None:
    scored = run(rule("ratio"), "3", "=31200份", actual=26400)
    assert scored.score == D("2.538461538461538461538461538461539")  # 34 digits, the scoring context
    assert round_half_up(scored.score) == D("2.54")


def test_ratio_equals_zero_target_is_its_own_case_even_with_linear_to_double() -> None:
    r = rule("ratio", reverse="linear_to_double")
    assert run(r, "5", "=0起", actual=0).score == D(5)
    assert run(r, "5", "=0起", actual=2).score == D(0)


@pytest.mark.parametrize(("target", "given", "message"), [
    ("提升", {"actual": 1}, "按比例计分需要数值型目标值"),
    (None, {"actual": 1}, "按比例计分需要数值型目标值"),
    ("≥80个", {"actual": "很多"}, "实际完成值应为数字，实为“很多”"),
    ("≥80个", {}, "缺少实际完成值"),
    ("≥0", {"actual": -1}, "正向比例计分的目标值须大于0"),
])
def test_ratio_rejects(target: str | None, given: dict[str, Any], message: str) -> None:
    assert rejected(rule("ratio"), "10", target, **given) == message


def test_ratio_pass_mark_must_be_below_100_percent() -> None:
    assert invalid("ratio", pass_mark="100%") == "及格线 pass_mark 应小于100%，实为100%"


def test_ratio_reachable_is_the_interval_to_full() -> None:
    assert rule("ratio").reachable(D(10)) == ScoreSet.between(D(0), D(10))


# --------------------------------------------------------------------------- step

SERVED = {"per": 10, "deduct": "0.1"}


@pytest.mark.parametrize(("options", "weight", "target", "actual", "score", "explanation"), [
    (SERVED, "10", "≥1912个", 1900, "9.9", "实际1900个，目标≥1912个，差12个，每10个扣0.1分，扣1档0.1分"),
    (SERVED, "10", "≥1912个", 1850, "9.4", "实际1850个，目标≥1912个，差62个，每10个扣0.1分，扣6档0.6分"),
    (SERVED, "10", "≥1912个", 1912, "10", "实际1912个，目标≥1912个，达到标准"),
    (SERVED, "10", "≥1912个", 2000, "10", "实际2000个，目标≥1912个，达到标准"),
    (SERVED, "10", "≥1912个", 1903, "10", "实际1903个，目标≥1912个，差9个，每10个扣0.1分，扣0档0分"),
    ({**SERVED, "partial": "floor"}, "10", "≥1912个", 1902, "9.9",
     "实际1902个，目标≥1912个，差10个，每10个扣0.1分，扣1档0.1分"),
    ({**SERVED, "partial": "ceil"}, "10", "≥1912个", 1900, "9.8",
     "实际1900个，目标≥1912个，差12个，每10个扣0.1分，扣2档0.2分"),
    ({**SERVED, "partial": "ceil"}, "10", "≥1912个", 1911, "9.9",
     "实际1911个，目标≥1912个，差1个，每10个扣0.1分，扣1档0.1分"),
    ({**SERVED, "partial": "exact"}, "10", "≥1912个", 1900, "9.88",
     "实际1900个，目标≥1912个，差12个，每10个扣0.1分，扣1.2档0.12分"),
    ({"per": 1, "deduct": "10%"}, "5", "=12期", 10, "4", "实际10期，目标=12期，差2期，每1期扣10%权重分，扣2档1分"),
    ({"per": 1, "deduct": "5%"}, "10", "=12期", 11, "9.5", "实际11期，目标=12期，差1期，每1期扣5%权重分，扣1档0.5分"),
    ({"per": 1, "deduct": 2}, "5", "≤3次", 5, "1", "实际5次，目标≤3次，超2次，每1次扣2分，扣2档4分"),
    ({"per": 1, "deduct": 2}, "5", "≤3次", 1, "5", "实际1次，目标≤3次，达到标准"),
    ({"per": 1, "deduct": 2, "direction": "above"}, "5", "≥3次", 1, "5", "实际1次，目标≥3次，达到标准"),
    ({"per": 1, "deduct": 2, "direction": "below"}, "5", "≤3次", 9, "5", "实际9次，目标≤3次，达到标准"),
    ({"per": 1, "deduct": "1%", "direction": "both"}, "5", "100%", 97, "4.85",
     "实际97%，目标100%，差3%，每1%扣1%权重分，扣3档0.15分"),
    ({"per": 1, "deduct": "1%", "direction": "both"}, "5", "100%", 103, "4.85",
     "实际103%，目标100%，超3%，每1%扣1%权重分，扣3档0.15分"),
    ({"per": 1, "deduct": "1%", "direction": "both"}, "5", "100%", 100, "5", "实际100%，目标100%，达到标准"),
    ({"per": 5, "deduct": "10%", "relative": True}, "10", "≥40个", 36, "8",
     "实际36个，目标≥40个，差4个（10%），每5%扣10%权重分，扣2档2分"),
    ({"per": 5, "deduct": "10%", "relative": True}, "10", "≥40个", 39, "10",
     "实际39个，目标≥40个，差1个（2.5%），每5%扣10%权重分，扣0档0分"),
    ({"per": 5, "deduct": 2, "zero_at": 80}, "10", "≥95%", 85, "6", "实际85%，目标≥95%，差10%，每5%扣2分，扣2档4分"),
    ({"per": 5, "deduct": 2, "zero_at": 80}, "10", "≥95%", 80, "0", "实际80%，目标≥95%，达到不得分线80%，不得分"),
    ({"per": 1, "deduct": 1, "zero_at": 10}, "5", "≤3次", 10, "0", "实际10次，目标≤3次，达到不得分线10次，不得分"),
    ({"per": 10, "deduct": 1}, "10", "≥1912个", 1800, "0",
     "实际1800个，目标≥1912个，差112个，每10个扣1分，扣11档11分，扣完为止"),
    ({"per": 1, "deduct": 2, "reference": 12}, "10", "=12期", 11, "8", "实际11期，标准12期，差1期，每1期扣2分，扣1档2分"),
    ({"per": 1, "deduct": 2, "reference": 0, "input": "未审核期数", "direction": "above"}, "10", None, None, "8",
     "实际1，标准0，超1，每1扣2分，扣1档2分"),
])
def test_step(options: dict[str, Any], weight: str, target: str | None, actual: object, score: str,
              explanation: str) -> None:
    r = rule("step", **options)
    assert run(r, weight, target, actual=actual, facts={"未审核期数": 1}) == Scored(D(score), explanation)


def test_step_1900_served_against_1912_scores_9_9_of_10_and_1850_scores_9_4() -> None:
    r = rule("step", **SERVED)
    assert run(r, "10", "≥1912个", actual=1900).score == D("9.9")
    assert run(r, "10", "≥1912个", actual=1850).score == D("9.4")


@pytest.mark.parametrize(("options", "target", "message"), [
    ({"per": 1, "deduct": 1}, None, "每档扣分需要数值型目标值或 reference"),
    ({"per": 1, "deduct": 1}, "提升", "每档扣分需要数值型目标值或 reference"),
    ({"per": 1, "deduct": 1, "reference": 0, "relative": True}, None, "按比例计档时标准值不能为0"),
])
def test_step_rejects(options: dict[str, Any], target: str | None, message: str) -> None:
    assert rejected(rule("step", **options), "10", target, actual=-1) == message


@pytest.mark.parametrize(("options", "message"), [
    ({"per": 0, "deduct": 1}, "步长 per 必须大于0"),
    ({"per": 1, "deduct": "-1"}, "分值不能为负数，实为“-1”"),
    ({"per": 1, "deduct": "一分"}, "不是数字：'一'"),
])
def test_step_options_are_validated(options: dict[str, Any], message: str) -> None:
    assert invalid("step", **options) == message


def test_float_options_are_refused_so_no_binary_fraction_enters() -> None:
    assert invalid("step", per=10, deduct=0.1) == "分值应写成数字或文字，实为“0.1”"
    assert invalid("step", per=0.5, deduct=1) == "数值应写成数字或文字，实为“0.5”"


@pytest.mark.parametrize(("options", "weight", "expected"), [
    ({"per": 1, "deduct": 3}, "10", points(10, 7, 4, 1, 0)),
    ({"per": 1, "deduct": "20%"}, "10", points(10, 8, 6, 4, 2, 0)),
    ({"per": 1, "deduct": 2, "full": 5}, "10", points(5, 3, 1, 0)),
    ({"per": 1, "deduct": 1, "partial": "exact"}, "10", ScoreSet.between(D(0), D(10))),
    ({"per": 1, "deduct": "0.0001"}, "10", ScoreSet.between(D(0), D(10))),
])
def test_step_reachable(options: dict[str, Any], weight: str, expected: ScoreSet) -> None:
    assert rule("step", **options).reachable(D(weight)) == expected


def test_step_reachable_of_served_has_every_tenth() -> None:
    reach = rule("step", **SERVED).reachable(D(10))
    assert len(reach.points) == 101
    assert reach.contains(D("9.9")) and reach.contains(D(0)) and not reach.contains(D("9.95"))


# --------------------------------------------------------------------------- bands

SEED_BANDS = [{"min": 90, "max": 100, "score": 10}, {"min": 80, "max": 90, "score": 8},
              {"min": 70, "max": 80, "score": 6}, {"min": 60, "max": 70, "score": 4}, {"max": 60, "score": 0}]


@pytest.mark.parametrize(("actual", "score", "explanation"), [
    ("90.21%", "10", "实际90.21%，落在90%（含）—100%（含）档，该档10分"),
    ("90%", "10", "实际90%，落在90%（含）—100%（含）档，该档10分"),
    ("89.99%", "8", "实际89.99%，落在80%（含）—90%档，该档8分"),
    ("100%", "10", "实际100%，落在90%（含）—100%（含）档，该档10分"),
    ("80%", "8", "实际80%，落在80%（含）—90%档，该档8分"),
    ("60%", "4", "实际60%，落在60%（含）—70%档，该档4分"),
    ("59.99%", "0", "实际59.99%，落在60%以下档，该档0分"),
])
def test_bands_shared_bound_belongs_to_the_higher_band_and_the_top_is_inclusive(
        actual: str, score: str, explanation: str) -> None:
    assert run(rule("bands", bands=SEED_BANDS), "10", actual=actual) == Scored(D(score), explanation)


def test_bands_above_the_top_band_is_no_band() -> None:
    assert rejected(rule("bands", bands=SEED_BANDS), "10", actual="100.5%") == "实际100.5%不在任何档次内"


INCLUSIVE_BELOW = [{"min": 90, "score": 10}, {"min": 80, "max": 90, "max_inclusive": True, "score": 8},
                   {"max": 80, "score": 0}]


@pytest.mark.parametrize(("bands", "actual", "score", "explanation"), [
    (INCLUSIVE_BELOW, 90, "8", "实际90，落在80（含）—90（含）档，该档8分"),
    (INCLUSIVE_BELOW, "90.01", "10", "实际90.01，落在90（不含）以上档，该档10分"),
    ([{"min": 90, "min_inclusive": False, "score": 10}, {"min": 80, "max": 90, "score": 8}], 90, "8",
     "实际90，落在80（含）—90（含）档，该档8分"),
    ([{"min": "90%", "score": "100%"}, {"max": "90%", "score": "80%"}], 90, "5", "实际90，落在90（含）以上档，该档5分"),
    ([{"min": 90, "score": "100%"}, {"max": 90, "score": "80%"}], 89, "4", "实际89，落在90以下档，该档4分"),
])
def test_bands_with_inclusive_markers_and_shares(bands: list[dict[str, Any]], actual: object, score: str,
                                                 explanation: str) -> None:
    assert run(rule("bands", bands=bands), "5", actual=actual) == Scored(D(score), explanation)


def test_bands_inclusive_marker_on_the_lower_band_leaves_no_overlap() -> None:
    assert rule("bands", bands=INCLUSIVE_BELOW).gaps_and_overlaps() == []


RANGE = [{"min": 80, "score": "1~4"}, {"max": 80, "score": 0}]


@pytest.mark.parametrize(("score", "chosen", "result"), [
    ("1~4", "2.5", "2.5"),
    ("1~4", "1", "1"),
    ("1~4", "4", "4"),
    ("1～4分", "3", "3"),
    ("10%~40%", "3", "3"),
])
def test_bands_score_range_keeps_the_chosen_score_inside(score: str, chosen: str, result: str) -> None:
    r = rule("bands", bands=[{"min": 80, "score": score}, {"max": 80, "score": 0}])
    assert run(r, "10", actual=85, chosen=chosen).score == D(result)


@pytest.mark.parametrize(("chosen", "message"), [
    ("5", "实际85，落在80（含）以上档，所选得分5不在该档1~4分之内"),
    ("0.5", "实际85，落在80（含）以上档，所选得分0.5不在该档1~4分之内"),
    (None, "实际85，落在80（含）以上档，该档为1~4分，须给出评价人所选得分"),
])
def test_bands_score_range_rejects_a_chosen_score_outside(chosen: str | None, message: str) -> None:
    assert rejected(rule("bands", bands=RANGE), "4", actual=85, chosen=chosen) == message


BUDGET = [{"min": 100, "score": 10, "requires": "项目完成"}, {"min": 80, "score": 7}, {"max": 80, "score": 0}]


@pytest.mark.parametrize(("facts", "score", "explanation"), [
    ({"项目完成": "是"}, "10", "实际100，落在100（含）以上档（且项目完成），该档10分"),
    ({"项目完成": "否"}, "7", "实际100，落在80（含）以上档，该档7分"),
    ({"项目完成": True}, "10", "实际100，落在100（含）以上档（且项目完成），该档10分"),
])
def test_bands_requires_a_fact(facts: dict[str, Any], score: str, explanation: str) -> None:
    assert run(rule("bands", bands=BUDGET), "10", actual=100, facts=facts) == Scored(D(score), explanation)


@pytest.mark.parametrize(("facts", "message"), [
    ({}, "缺少事实“项目完成”的取值"),
    ({"项目完成": "也许"}, "事实“项目完成”应为是/否，实为“也许”"),
])
def test_bands_requires_rejects_a_missing_or_unclear_fact(facts: dict[str, Any], message: str) -> None:
    assert rejected(rule("bands", bands=BUDGET), "10", actual=100, facts=facts) == message


def test_bands_fact_is_not_needed_when_the_actual_is_outside_its_band() -> None:
    assert run(rule("bands", bands=BUDGET), "10", actual=90).score == D(7)


@pytest.mark.parametrize(("bands", "problems"), [
    (SEED_BANDS, []),
    (BUDGET, []),
    ([{"min": 90, "score": 10}, {"min": 60, "max": 80, "score": 5}, {"max": 60, "score": 0}], ["80与90之间无档次"]),
    ([{"min": 80, "score": 10}, {"min": 60, "max": 90, "score": 5}], ["80至90同时落入两个档次"]),
    ([{"min": 80, "min_inclusive": True, "score": 10}, {"max": 80, "max_inclusive": True, "score": 0}],
     ["80同时落入两个档次"]),
    ([{"min": 80, "min_inclusive": False, "score": 10}, {"max": 80, "max_inclusive": False, "score": 0}],
     ["80不在任何档次内"]),
    ([{"min": 60, "score": 10}, {"min": 80, "score": 5}], ["80以上同时落入两个档次"]),
])
def test_bands_gaps_and_overlaps_are_findings(bands: list[dict[str, Any]], problems: list[str]) -> None:
    assert rule("bands", bands=bands).gaps_and_overlaps() == problems


def test_bands_reachable_and_max() -> None:
    assert rule("bands", bands=SEED_BANDS).reachable(D(10)) == points(10, 8, 6, 4, 0)
    r = rule("bands", bands=RANGE)
    assert r.reachable(D(4)) == points(0) | ScoreSet.between(D(1), D(4))
    assert r.max_points(D(4)) == D(4)


@pytest.mark.parametrize(("bands", "message"), [
    ([{"min": 90, "max": 80, "score": 1}], "档次下限90大于上限80"),
    ([{"min": 90, "score": "4~1"}], "得分区间“4~1”应由小到大，且同为分数或同为百分比"),
    ([], "bands 至少要有一档"),
])
def test_bands_are_validated(bands: list[dict[str, Any]], message: str) -> None:
    assert invalid("bands", bands=bands) == message


# --------------------------------------------------------------------------- checklist

FOUR = ["①", "②", "③", "④"]
SMART = [{"name": "有明确的绩效目标", "share": "50%"}, "①", "②", "③", "④", "⑤"]


@pytest.mark.parametrize(("options", "weight", "unmet", "score", "explanation"), [
    ({"items": FOUR}, "5", ["②"], "3.75", "4项要点，未达到1项（②），各项占比25%/25%/25%/25%"),
    ({"items": FOUR}, "5", [], "5", "4项要点，未达到0项，各项占比25%/25%/25%/25%"),
    ({"items": FOUR}, "5", 2, "2.5", "4项要点，未达到2项，各项占比25%/25%/25%/25%"),
    ({"items": ["①", "②", "③"]}, "5", [], "5", "3项要点，未达到0项，各项占比33.33%/33.33%/33.33%"),
    ({"items": SMART}, "5", ["①", "②"], "4", "6项要点，未达到2项（①、②），各项占比50%/10%/10%/10%/10%/10%"),
    ({"items": SMART}, "5", ["有明确的绩效目标"], "2.5",
     "6项要点，未达到1项（有明确的绩效目标），各项占比50%/10%/10%/10%/10%/10%"),
    ({"mode": "deduct", "items": 3, "deduct": 2}, "5", 0, "5", "3项要点，未达到0项，每项扣2分，共扣0分"),
    ({"mode": "deduct", "items": 3, "deduct": 2}, "5", 1, "3", "3项要点，未达到1项，每项扣2分，共扣2分"),
    ({"mode": "deduct", "items": 3, "deduct": 2}, "5", 2, "1", "3项要点，未达到2项，每项扣2分，共扣4分"),
    ({"mode": "deduct", "items": 3, "deduct": 2}, "5", 3, "0", "3项要点，未达到3项，每项扣2分，共扣6分，扣完为止"),
    ({"mode": "deduct", "items": ["甲", "乙"], "deduct": "10%"}, "5", ["甲"], "4.5",
     "2项要点，未达到1项（甲），每项扣10%权重分，共扣0.5分"),
    ({"mode": "deduct", "full": 4, "items": ["资金", "资产管理", "监控", "资金审批"], "deduct": 1}, "5", ["监控"], "3",
     "4项要点，未达到1项（监控），每项扣1分，共扣1分"),
    ({"mode": "veto", "items": FOUR}, "5", ["④"], "0", "4项要点，未达到1项（④），一票否决，不得分"),
    ({"mode": "veto", "items": FOUR}, "5", [], "5", "4项要点，未达到0项，全部符合"),
    ({"mode": "veto", "items": 5}, "5", 1, "0", "5项要点，未达到1项，一票否决，不得分"),
    ({"mode": "gate", "gate": "有目标", "items": ["有目标", "明确", "可衡量"]}, "3", ["有目标"], "0",
     "3项要点，未达到1项（有目标），关键要点“有目标”未达到，整项不得分"),
    ({"mode": "gate", "gate": "有目标", "items": ["有目标", "明确", "可衡量"]}, "3", ["明确"], "2",
     "3项要点，未达到1项（明确），各项占比33.33%/33.33%/33.33%"),
    ({"mode": "gate", "gate": "有目标", "items": ["有目标", "明确", "可衡量"]}, "3", 3, "0",
     "3项要点，未达到3项，关键要点“有目标”未达到，整项不得分"),
])
def test_checklist(options: dict[str, Any], weight: str, unmet: list[str] | int, score: str,
                   explanation: str) -> None:
    assert run(rule("checklist", **options), weight, unmet=unmet) == Scored(D(score), explanation)


def test_checklist_equal_thirds_add_up_to_exactly_the_weight() -> None:
    r = rule("checklist", items=["①", "②", "③"])
    assert run(r, "5", unmet=[]).score == D(5)
    assert r.max_points(D(5)) == D(5)
    assert r.reachable(D(5)).maximum == D(5)


def test_checklist_deduct_three_items_by_2_on_5_reaches_exactly_5_3_1_0() -> None:
    assert rule("checklist", mode="deduct", items=3, deduct=2).reachable(D(5)) == points(5, 3, 1, 0)


@pytest.mark.parametrize(("options", "weight", "expected"), [
    ({"items": FOUR}, "5", points(0, "1.25", "2.5", "3.75", 5)),
    ({"mode": "veto", "items": FOUR}, "5", points(0, 5)),
    ({"mode": "gate", "gate": "g", "items": ["g", "a", "b"]}, "3", points(0, 1, 2, 3)),
    ({"mode": "deduct", "full": 4, "items": 4, "deduct": 1}, "5", points(4, 3, 2, 1, 0)),
    ({"items": [{"name": "a", "rule": {"kind": "ratio"}}, "b"]}, "4", ScoreSet.between(D(0), D(4))),
])
def test_checklist_reachable(options: dict[str, Any], weight: str, expected: ScoreSet) -> None:
    assert rule("checklist", **options).reachable(D(weight)) == expected


NESTED = [{"name": "印刷份数", "share": "50%", "target": "=80份", "rule": {"kind": "ratio"}}, {"name": "按时", "share": "50%"}]


def test_checklist_item_scored_by_its_own_rule_on_its_share() -> None:
    scored = run(rule("checklist", items=NESTED), "6", unmet=[], items={"印刷份数": 60})
    assert scored == Scored(D("5.25"), "2项要点，未达到0项，各项占比50%/50%；"
                                       "印刷份数：实际60份，目标=80份，完成率60/80=75%，3×60/80，得2.25")


def test_checklist_nested_item_takes_a_level_and_a_score() -> None:
    r = rule("checklist", items=[{"name": "机制", "rule": {"kind": "qualitative"}}, "制度"])
    assert run(r, "10", unmet=[], items={"机制": {"level": "部分达成"}}).score == D(9)
    assert run(r, "10", unmet=[], items={"机制": {"level": "部分达成", "score": "3.5"}}).score == D("8.5")
    assert run(r, "10", unmet=["制度"], items={"机制": "达成"}).score == D(5)


def test_checklist_all_nested_items_need_no_unmet() -> None:
    r = rule("checklist", items=[{"name": "a", "target": "≥10", "rule": {"kind": "ratio"}},
                                 {"name": "b", "rule": {"kind": "boolean"}}])
    assert run(r, "4", items={"a": 5, "b": "是"}).score == D(3)
    assert r.max_points(D(4)) == D(4)
    assert r.names() == set()


@pytest.mark.parametrize(("options", "given", "message"), [
    ({"items": ["资金", "资产管理"]}, {"unmet": ["资产管里"]}, "没有要点“资产管里”，是否想写“资产管理”？"),
    ({"items": ["资金", "资产管理"]}, {"unmet": ["资金", "资金"]}, "未达到要点“资金”重复列出"),
    ({"items": ["资金", "资产管理"]}, {}, "要点类指标须给出未达到的要点 unmet（全部达到写 unmet: []）"),
    ({"mode": "deduct", "items": 3, "deduct": 2}, {"unmet": 4}, "未达到要点数4超出要点总数3"),
    ({"mode": "deduct", "items": 1, "deduct": 2}, {"unmet": ["a", "b"]}, "未达到要点数2超出要点总数1"),
    ({"items": SMART}, {"unmet": 1}, "各要点不等同（占比不同、关键要点或单独计分），须列出未达到要点的名称"),
    ({"mode": "gate", "gate": "g", "items": ["g", "a"]}, {"unmet": 1},
     "各要点不等同（占比不同、关键要点或单独计分），须列出未达到要点的名称"),
    ({"items": NESTED}, {"unmet": []}, "要点“印刷份数”缺少实际值 items"),
    ({"items": NESTED}, {"unmet": [], "items": {"印刷份数": {"value": 1}}},
     "要点实际值中有未知字段“value”（可用 actual、level、score、unmet、reason）"),
])
def test_checklist_rejects(options: dict[str, Any], given: dict[str, Any], message: str) -> None:
    assert rejected(rule("checklist", **options), "5", **given) == message


@pytest.mark.parametrize(("options", "message"), [
    ({"items": 4}, "share 模式须列出各要点 items"),
    ({"mode": "gate", "gate": "g", "items": 4}, "gate 模式须列出各要点 items"),
    ({"mode": "deduct", "items": 3}, "deduct 模式须给出每项扣分 deduct"),
    ({"mode": "gate", "gate": "有目标", "items": ["有绩效目标", "明确"]}, "gate 应为某一要点的名称，实为“有目标”，是否想写“有绩效目标”？"),
    ({"items": ["a", "a"]}, "要点“a”重复"),
    ({"items": [{"name": "a", "share": "60%"}, {"name": "b", "share": "50%"}]}, "各要点占比合计110%，超过100%"),
    ({"items": []}, "要点 items 不能为空"),
    ({"mode": "deduct", "items": 0, "deduct": 1}, "要点数 items 应大于0"),
])
def test_checklist_options_are_validated(options: dict[str, Any], message: str) -> None:
    assert invalid("checklist", **options) == message


# --------------------------------------------------------------------------- boolean

@pytest.mark.parametrize(("options", "actual", "score", "explanation"), [
    ({}, "是", "5", "实际是，符合要求，得满分5分"),
    ({}, True, "5", "实际是，符合要求，得满分5分"),
    ({}, "否", "0", "实际否，不符合要求，不得分"),
    ({}, False, "0", "实际否，不符合要求，不得分"),
    ({"deduct": 2}, "否", "3", "实际否，不符合要求，扣2分，5−2=3"),
    ({"deduct": "40%"}, "否", "3", "实际否，不符合要求，扣40%权重分，5−2=3"),
    ({"deduct": 8}, "否", "0", "实际否，不符合要求，扣8分，5−8=0"),
])
def test_boolean(options: dict[str, Any], actual: object, score: str, explanation: str) -> None:
    assert run(rule("boolean", **options), "5", actual=actual) == Scored(D(score), explanation)


def test_boolean_rejects_a_number_and_reaches_two_scores() -> None:
    assert rejected(rule("boolean"), "5", actual=95) == "直接赋分的实际值应为是/否，实为“95”"
    assert rule("boolean", deduct=2).reachable(D(5)) == points(5, 3)


# --------------------------------------------------------------------------- qualitative

@pytest.mark.parametrize(("given", "score", "explanation"), [
    ({"level": "达成"}, "5", "评为“达成”，区间80%~100%（4~5分），取上限"),
    ({"level": "部分达成"}, "4", "评为“部分达成”，区间60%~80%（3~4分），取上限"),
    ({"level": "未达成"}, "3", "评为“未达成”，区间0%~60%（0~3分），取上限"),
    ({"actual": "部分达成"}, "4", "评为“部分达成”，区间60%~80%（3~4分），取上限"),
    ({"level": "部分达成", "chosen": "3.5"}, "3.5", "评为“部分达成”，区间60%~80%（3~4分），评价人取3.5分"),
    ({"level": "部分达成", "chosen": "3"}, "3", "评为“部分达成”，区间60%~80%（3~4分），评价人取3分"),
    ({"level": "部分达成", "chosen": "4"}, "4", "评为“部分达成”，区间60%~80%（3~4分），评价人取4分"),
    ({"actual": 100}, "5", "完成程度100%，5×100%"),
    ({"actual": "70"}, "3.5", "完成程度70%，5×70%"),
    ({"actual": 120}, "5", "完成程度120%，5×100%"),
])
def test_qualitative(given: dict[str, Any], score: str, explanation: str) -> None:
    assert run(rule("qualitative"), "5", "健全", **given) == Scored(D(score), explanation)


@pytest.mark.parametrize(("given", "message"), [
    ({"level": "部分达成", "chosen": "4.5"}, "得分4.5不在“部分达成”档的区间60%~80%（3~4分）内"),
    ({"level": "达成", "chosen": "3.9"}, "得分3.9不在“达成”档的区间80%~100%（4~5分）内"),
    ({"level": "好坏"}, "实际完成值“好坏”不是已知的档次用词，本项档次为达成、部分达成、未达成：请注明属于哪一档，该项暂不计分"),
    ({}, "缺少实际完成值"),
])
def test_qualitative_rejects(given: dict[str, Any], message: str) -> None:
    assert rejected(rule("qualitative"), "5", **given) == message


def test_qualitative_with_a_provincial_50_percent_cut() -> None:
    r = rule("qualitative", levels=[{"name": "达成", "min": "80%", "max": "100%"},
                                    {"name": "部分达成", "min": "50%", "max": "80%"},
                                    {"name": "未达成", "min": 0, "max": "50%"}])
    assert run(r, "10", level="部分达成", chosen="5").score == D(5)
    assert rejected(r, "10", level="未达成", chosen="6") == "得分6不在“未达成”档的区间0%~50%（0~5分）内"


def test_qualitative_reachable_is_the_union_of_level_intervals() -> None:
    assert rule("qualitative").reachable(D(5)) == ScoreSet(intervals=((D(4), D(5)), (D(3), D(4)), (D(0), D(3))))


@pytest.mark.parametrize(("levels", "message"), [
    ([{"name": "达成", "min": "90%", "max": "80%"}], "“达成”档的区间应满足 0 ≤ min ≤ max ≤ 100%，实为90%~80%"),
    ([{"name": "达成", "min": 0, "max": 1}, {"name": "达成", "min": 0, "max": 1}], "档次“达成”重复"),
])
def test_qualitative_levels_are_validated(levels: list[dict[str, Any]], message: str) -> None:
    assert invalid("qualitative", levels=levels) == message


# --------------------------------------------------------------------------- formula

@pytest.mark.parametrize(("expr", "target", "given", "score", "explanation"), [
    ("0.1 + 0.2", None, {}, "0.3", "0.1 + 0.2=0.3"),
    ("weight * min(actual / target, 1)", "80", {"actual": 60}, "7.5",
     "weight * min(actual / target, 1)（actual=60，target=80，weight=10）=7.5"),
    ("max(actual, 2) + abs(-1)", None, {"actual": 1}, "3", "max(actual, 2) + abs(-1)（actual=1）=3"),
    ("floor(actual / 10) + ceil(0.1)", None, {"actual": 57}, "6", "floor(actual / 10) + ceil(0.1)（actual=57）=6"),
    ("full if actual >= 3 and not actual > 5 else 0", None, {"actual": 4}, "10",
     "full if actual >= 3 and not actual > 5 else 0（actual=4，full=10）=10"),
    ("full if actual >= 3 and not actual > 5 else 0", None, {"actual": 6}, "0",
     "full if actual >= 3 and not actual > 5 else 0（actual=6，full=10）=0"),
    ("weight * 2", None, {}, "10", "weight * 2（weight=10）=20，限定在0~10分"),
    ("weight / 4 * 3", None, {}, "7.5", "weight / 4 * 3（weight=10）=7.5"),
    # and/or give an operand, as in Python; comparisons chain; a minus applies to the value
    ("actual or 5", None, {"actual": 0}, "5", "actual or 5（actual=0）=5"),
    ("actual and 3", None, {"actual": 0}, "0", "actual and 3（actual=0）=0"),
    ("full if 1 < actual <= 5 else 2", None, {"actual": 5}, "10", "full if 1 < actual <= 5 else 2（actual=5，full=10）=10"),
    ("full if 1 < actual <= 5 else 2", None, {"actual": 6}, "2", "full if 1 < actual <= 5 else 2（actual=6，full=10）=2"),
    ("-actual + 12", None, {"actual": "2.50"}, "9.50", "-actual + 12（actual=2.5）=9.5"),
    ("weight / 3 * 3", None, {}, "9.999999999999999999999999999999999",      # 34 digits, as written
     "weight / 3 * 3（weight=10）=9.999999999999999999999999999999999"),
])
def test_formula_evaluates_in_decimal(expr: str, target: str | None, given: dict[str, Any], score: str,
                                      explanation: str) -> None:
    scored = run(rule("formula", expr=expr), "10", target, **given)
    assert scored == Scored(D(score), explanation)


def test_formula_0_1_plus_0_2_is_exactly_0_3() -> None:
    assert str(run(rule("formula", expr="0.1 + 0.2"), "10").score) == "0.3"


def test_formula_reads_numeric_and_yes_no_facts() -> None:
    r = rule("formula", expr="weight if 项目完成 else 覆盖数", facts=["项目完成", "覆盖数"])
    assert run(r, "10", facts={"项目完成": "是", "覆盖数": 3}) == Scored(D(10), "weight if 项目完成 else 覆盖数"
                                                                        "（weight=10，覆盖数=3，项目完成=是）=10")
    assert run(r, "10", facts={"项目完成": "否", "覆盖数": 3}).score == D(3)
    assert r.names() == {"项目完成", "覆盖数"}


@pytest.mark.parametrize(("expr", "target", "given", "message"), [
    ("weight * actual / target", "0", {"actual": 5}, "公式计算中出现除以0"),
    ("0 / 0", None, {}, "公式计算中出现除以0"),
    ("actual > 1", None, {"actual": 5}, "公式结果不是数值"),
    ("actual * 2", None, {}, "公式用到的“actual”没有数值"),
    ("actual * 2", None, {"actual": "持平"}, "公式用到的“actual”没有数值"),
    ("target * 2", "提升", {}, "公式用到的“target”没有数值"),
])
def test_formula_rejects_at_scoring(expr: str, target: str | None, given: dict[str, Any], message: str) -> None:
    assert rejected(rule("formula", expr=expr), "10", target, **given) == message


@pytest.mark.parametrize(("expr", "message"), [
    ("weight.__class__", "公式第1列：不允许访问属性（.）"),
    ("weight ** 99999", "公式第8列：不允许乘方（**）"),
    ("weight = 3", "公式第8列语法错误（只允许单个表达式，不允许赋值）"),
    ("open('x')", "公式第1列：不允许调用“open”，只能用 min max abs floor ceil"),
    ("mni(actual, 1)", "公式第1列：不允许调用“mni”，只能用 min max abs floor ceil，是否想写“min”？"),
    ("weight * weigth", "公式第10列：未知名称“weigth”，是否想写“weight”？"),
    ("1 + 覆盖数", "公式第5列：未知名称“覆盖数”"),
    ("'abc'", "公式第1列：只允许数字常量"),
    ("actual[0]", "公式第1列：不允许下标（[]）"),
    ("(y := 3)", "公式第2列：不允许赋值"),
    ("(lambda: 1)", "公式第2列：不允许 lambda"),
    ("actual // 2", "公式第8列：不允许整除（//），请写 floor(a / b)"),
    ("actual % 2", "公式第8列：不允许取余（%）"),
    ("min(1)", "公式第1列：min 需要至少2个参数，实为1个"),
    ("max(" + ", ".join(["1"] * 100) + ")", "公式第1列：max 需要至多99个参数，实为100个"),
    ("floor(1, 2)", "公式第1列：floor 需要1个参数，实为2个"),
    ("floor(1e999999999)", "公式第7列：数值过大（整数部分超过15位）：“1e999999999”"),
    ("ceil(9e99999999)", "公式第6列：数值过大（整数部分超过15位）：“9e99999999”"),
    ("actual * 1e-999999", "公式第10列：小数位数过多（超过10位）：“1e-999999”"),
    ("9" * 65, "公式第1列：数字过长（65个字符，上限64）"),
    ("0x10", "公式第1列：数字“0x10”应写成十进制"),
    ("[1, 2]", "公式第1列：不允许的写法“List”"),
    ("1" + "+1" * 250, "公式过长（501字符，上限500）"),
])
def test_formula_rejected_at_load_with_its_position(expr: str, message: str) -> None:
    assert invalid("formula", expr=expr) == message


def test_formula_position_counts_characters_not_bytes() -> None:
    assert invalid("formula", expr="变化率 ** 2", facts=["变化率"]) == "公式第5列：不允许乘方（**）"


@pytest.mark.parametrize("name", ["覆盖 数", "weight", "min"])
def test_formula_fact_names_must_be_usable(name: str) -> None:
    assert invalid("formula", expr="1", facts=[name]) == (
        f"事实名称“{name}”不能用在公式中（须为不含符号的名称，且不同于 actual target weight full 和函数名）")


# --------------------------------------------------------------------------- rank

@pytest.mark.parametrize(("options", "message"), [
    ({"places": [{"first": 1, "last": 5, "score": 5}, {"first": 4, "last": 8, "score": 3}]},
     "名次段应由前到后、互不重叠：第1—5名与第4—8名重叠"),
    ({"places": [{"first": 1, "score": 5}, {"first": 4, "score": 3}]}, "名次段应由前到后、互不重叠：第1名及以后与第4名及以后重叠"),
    ({"places": [{"first": 3, "last": 1, "score": 5}]}, "名次段的 last 1 小于 first 3"),
    ({"places": [{"first": 1, "last": 2, "score": 5, "deduct": 1}]}, "名次段第1—2名应写 score（得分）或 deduct（扣分）之一"),
    ({"places": [{"first": 1, "score": 5}], "per_place": 1}, "per_place（之后每名扣分）要求最后一段有 last，实为第1名及以后"),
    ({}, "名次规则至少要有一段 places 或 per_place"),
])
def test_rank_options_are_checked_at_load(options: dict[str, Any], message: str) -> None:
    assert invalid("rank", **options) == message


def test_rank_reachable_scores_and_the_maximum() -> None:
    r = rule("rank", places=[{"first": 1, "last": 1, "score": 4}, {"first": 2, "last": 3, "deduct": 1}], per_place=1,
             zero_if="未参评")
    assert r.max_points(D(4)) == D(4)
    assert r.reachable(D(4)) == points(4, 3, 2, 1, 0)
    assert r.names() == {"未参评"}


# --------------------------------------------------------------------------- manual

BOUNDED = {"deduct_min": "0.5", "deduct_max": "2.0"}


@pytest.mark.parametrize(("options", "given", "score", "explanation"), [
    (BOUNDED, {"chosen": "6"}, "6", "评价人酌情给满分"),
    (BOUNDED, {"chosen": "5.5", "reason": "档案不全"}, "5.5", "评价人酌情扣0.5分，6−0.5=5.5（档案不全）"),
    (BOUNDED, {"chosen": "4"}, "4", "评价人酌情扣2分，6−2=4"),
    ({}, {"chosen": "0"}, "0", "评价人酌情扣6分，6−6=0"),
    ({"deduct_max": 1}, {"chosen": "5.2"}, "5.2", "评价人酌情扣0.8分，6−0.8=5.2"),
])
def test_manual(options: dict[str, Any], given: dict[str, Any], score: str, explanation: str) -> None:
    assert run(rule("manual", **options), "6", **given) == Scored(D(score), explanation)


@pytest.mark.parametrize(("options", "given", "message"), [
    (BOUNDED, {"chosen": "3.9"}, "评价人给分3.9（扣2.1分）不在允许范围内：满分6分，或酌情扣0.5~2分"),
    (BOUNDED, {"chosen": "5.9"}, "评价人给分5.9（扣0.1分）不在允许范围内：满分6分，或酌情扣0.5~2分"),
    ({}, {"chosen": "-1"}, "评价人给分-1不在0~6分之内"),
    ({}, {}, "酌情评分须由评价人给出得分 score"),
])
def test_manual_rejects(options: dict[str, Any], given: dict[str, Any], message: str) -> None:
    assert rejected(rule("manual", **options), "6", **given) == message


def test_manual_reachable_and_bounds() -> None:
    assert rule("manual", **BOUNDED).reachable(D(6)).show() == "6/4~5.5"
    assert invalid("manual", deduct_min=2, deduct_max=1) == "酌情扣分下限2大于上限1"


# --------------------------------------------------------------------------- sum

def test_sum_seed_column_count_scores_7_when_level_and_all_districts_covered() -> None:
    r = rule("sum", parts=SEED_PARTS)
    scored = run(r, "10", facts={"栏目数较上年变化率": 0, "覆盖行政区数": 5})
    assert scored.score == D(7)
    assert scored.explanation == (
        "(1)full if 栏目数较上年变化率 > 0 else (7 if 栏目数较上年变化率 == 0 else full - floor(-栏目数较上年变化率 / 5) "
        "* full * 0.1)（full=10，栏目数较上年变化率=0）=7，扣3分；(2)实际5，标准5，达到标准，扣0分；累计扣3分")


@pytest.mark.parametrize(("rate", "districts", "score"), [
    (2, 5, "10"), (0, 4, "5"), ("-5", 5, "9"), ("-4.9", 5, "10"), (-15, 1, "0"), (-100, 0, "0"),
])
def test_sum_deductions_add_up_and_floor_at_zero(rate: object, districts: int, score: str) -> None:
    facts = {"栏目数较上年变化率": rate, "覆盖行政区数": districts}
    assert run(rule("sum", parts=SEED_PARTS), "10", facts=facts).score == D(score)


def test_sum_reachable_and_names() -> None:
    r = rule("sum", parts=[{"kind": "step", "input": "a", "reference": 2, "per": 1, "deduct": 3},
                           {"kind": "boolean", "input": "b", "deduct": 1}])
    assert r.reachable(D(5)) == points(5, 4, 2, 1, 0)
    assert r.names() == {"a", "b"}
    assert rule("sum", parts=SEED_PARTS).reachable(D(10)) == ScoreSet.between(D(0), D(10))


# --------------------------------------------------------------------------- registry and schema

def test_unknown_kind_has_a_did_you_mean() -> None:
    with pytest.raises(PerfscoreError) as info:
        get("ratoi")
    assert str(info.value) == "没有这种评分规则：“ratoi”，是否想写“ratio”？"
    assert get("sum") is RULES["sum"]


def test_every_rule_kind_is_json_schema_generable_with_its_yaml_spelling() -> None:
    schema = ADAPTER.json_schema()
    assert set(schema["discriminator"]["mapping"]) == set(RULES)
    step = schema["$defs"]["StepRule"]["properties"]
    assert step["deduct"]["description"] == "分数（如 0.1）或权重分的百分比（如 10%）"
    assert [a["type"] for a in step["deduct"]["anyOf"]] == ["number", "string"]
    assert "Amount" not in schema["$defs"]


@pytest.mark.parametrize(("kind", "options", "dumped"), [
    ("step", {"per": "10", "deduct": "10%"}, {"per": "10", "deduct": "10%"}),
    ("step", {"per": 1, "deduct": "0.1"}, {"per": "1", "deduct": "0.1"}),
    ("bands", {"bands": [{"min": "90%", "score": "1~4"}]}, {"bands": [{"min": "90", "score": "1~4"}]}),
    ("checklist", {"items": [{"name": "a", "share": "1/4"}, "b"]}, {"items": [{"name": "a", "share": "25%"}, {"name": "b"}]}),
    ("ratio", {"pass_mark": "0.6"}, {"pass_mark": "60%"}),
])
def test_rule_options_dump_in_their_yaml_spelling_and_load_back(kind: str, options: dict[str, Any],
                                                                dumped: dict[str, Any]) -> None:
    r = rule(kind, **options)
    data = r.model_dump(mode="json", exclude_defaults=True)
    assert data == dumped
    assert rule(kind, **data) == r
