"""Issue 13: judgement on tables of real shapes — no false errors, the real faults caught, partial
results never shown as verdicts. One case per bullet of the issue's report, each built from a small
table of that shape (the clean base of test_checks, edited)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import perfscore
from perfscore.checks.registry import registered
from perfscore.cli.app import main

from test_checks import BASE, E, S, check, edit

P1 = "产出指标 > 数量 > 印刷份数"
P2 = "产出指标 > 数量 > 编制期数"
QUALITATIVE = (S, '{no: 2, name: 编制期数, target: "=12期", weight: 30}', '{no: 2, name: 编制期数, target: 有效保障, weight: 30}')


def findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edits: list[tuple[str, str, str]]) -> list[dict]:
    monkeypatch.chdir(tmp_path)
    return check(tmp_path, edit(BASE, edits))


def codes(found: list[dict]) -> list[tuple[str, str, str | None, str]]:
    return [(f["code"], f["severity"], f["indicator"], f["message"]) for f in found]


# ---------------------------------------------------------------- false errors on clean tables

@pytest.mark.parametrize("word", ["达成预期指标", "有效", "无上访", "达标", "完成", "良好", "已完成", "是", "有效保障",
                                  "均已完成。", "达到预期目标"])
def test_outcome_words_score_as_met(word: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # before: PS211 “没有“达成预期指标”这一档”, the row 无效 and the total collapsed
    assert findings(tmp_path, monkeypatch, [QUALITATIVE, (E, "{actual: 12, score: 30}", f"{{actual: {word}, score: 30}}")]) == []
    card = perfscore.score(perfscore.load_evaluation(E))
    assert (card.total, card.grade, card.complete) == (100, "优", True)


@pytest.mark.parametrize("word, level", [("基本完成", "部分达成"), ("一般", "部分达成"), ("未完成", "未达成")])
def test_outcome_words_of_lower_levels(word: str, level: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the level is read from the word; full marks for it are the evaluator's score, and a warning
    found = findings(tmp_path, monkeypatch, [QUALITATIVE, (E, "{actual: 12, score: 30}", f"{{actual: {word}, score: 30}}")])
    assert codes(found) == [("PS205", "warning", P2, f"实际完成值{word}未达到年度指标值“有效保障”，却得满分（30/30）")]
    card = perfscore.score(perfscore.load_evaluation(E))
    assert card.indicators[1].explanation == (f"实际完成值“{word}”即“{level}”（区间{'60%~80%（18~24分）' if level == '部分达成' else '0%~60%（0~18分）'}），"
                                              f"评价人给30分，不在该档区间，按评价人给分，得30/30")


def test_a_level_named_outright_keeps_its_interval(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = findings(tmp_path, monkeypatch, [QUALITATIVE, (E, "{actual: 12, score: 30}", "{level: 部分达成, score: 30}")])
    assert [(c, m) for c, _, _, m in codes(found)] == [("PS211", "得分30不在“部分达成”档的区间60%~80%（18~24分）内")]


def test_unknown_word_is_a_notice_and_the_row_unrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = findings(tmp_path, monkeypatch, [QUALITATIVE, (E, "{actual: 12, score: 30}", "{actual: 好坏, score: 30}")])
    assert codes(found) == [("PS219", "notice", P2, "实际完成值“好坏”不是已知的档次用词，本项档次为达成、部分达成、未达成："
                                                     "请注明属于哪一档，该项暂不计分")]
    card = perfscore.score(perfscore.load_evaluation(E))
    assert (card.total, card.complete, card.counts["unrated"], card.incomplete_text()) == (
        70, False, 1, "不完整：1 项（分值合计30）未计分")


def test_an_unrated_row_says_why_in_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    findings(tmp_path, monkeypatch, [QUALITATIVE, (E, "{actual: 12, score: 30}", "{actual: 好坏, score: 30}")])
    out = _run(["score", E], capsys)
    assert "未评定\n  ↳ 实际完成值“好坏”不是已知的档次用词" in out


def test_explain_ps211_describes_unknown_level_words(capsys: pytest.CaptureFixture[str]) -> None:
    text = _run(["explain", "PS211"], capsys)
    assert "达成预期指标" in text and "PS219" in text and "用词" in text
    assert registered()["PS219"].severity == "notice"


@pytest.mark.parametrize("row, actual, unit", [
    ("服务对象满意度", "≥95%", "%"), ("服务对象满意度", "＞95%", "%"), ("服务对象满意度", "≧95％", "%")])
def test_actual_in_target_notation_reads_the_number(row: str, actual: str, unit: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # before: PS209 “实际完成值应为数字” — an error
    found = findings(tmp_path, monkeypatch, [(E, "actual: 95%", f'actual: "{actual}"')])
    assert [(f["code"], f["severity"]) for f in found] == [("PS212", "warning")]
    card = perfscore.score(perfscore.load_evaluation(E))
    assert card.total == 100 and card.complete


def test_cost_in_target_notation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = findings(tmp_path, monkeypatch, [(S, 'target: "≥100份"', 'target: "≤90万元"'),
                                             (E, "{actual: 100, score: 30}", '{actual: "≤90万元", score: 30}')])
    assert [(f["code"], f["severity"]) for f in found] == [("PS212", "warning")]


@pytest.mark.parametrize("executed, rate, score", [("100", "1", "10"), ("100", "100.00", "10"), ("100", '"100%"', "10"),
                                                   ("95.8", "0.958", "9.58"), ("95.8", '"95.8%"', "9.58")])
def test_execution_rate_in_every_printed_form(executed: str, rate: str, score: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    total = "100" if executed == "100" else "99.58"
    found = findings(tmp_path, monkeypatch, [(E, "executed: 100", f"executed: {executed}"),
                                             (E, "rate: 100, score: 10", f"rate: {rate}, score: {score}"),
                                             (E, "total: 100", f"total: {total}")])
    assert found == []


# ---------------------------------------------------------------- faults missed

def test_full_marks_with_neither_target_nor_actual(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = findings(tmp_path, monkeypatch, [(S, 'target: "=12期", ', ""), (E, "{actual: 12, score: 30}", "{score: 30}")])
    assert codes(found) == [("PS215", "error", P2, "年度指标值与实际完成值均为空，却得满分（30/30）")]


def test_rate_missed_with_full_marks_as_a_coefficient(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 政府采购执行率 72.74% against 100%, 得分系数 100%
    found = findings(tmp_path, monkeypatch, [(S, '印刷份数, target: "≥100份"', '政府采购执行率, target: "100%"'),
                                             (E, "印刷份数: {actual: 100, score: 30}", '政府采购执行率: {actual: 72.74%, score: 100%}')])
    assert ("PS205", "warning", "产出指标 > 数量 > 政府采购执行率",
            "实际完成值72.74%未达到年度指标值“100%”，却得满分（30/30）") in codes(found)


@pytest.mark.parametrize("target, actual, said", [
    ("完成时间为2022年12月30日", "完成时间为2022年12月30日", "实际完成值完成时间为2022年12月30日已达到年度指标值“完成时间为2022年12月30日”"),
    ("11月底前", "2022年10月", "实际完成值2022年10月已达到年度指标值“11月底前”"),
    ("≤2万元/件", "1.8万元/件", "实际完成值1.8万元/件已达到年度指标值“≤2万元/件”"),
    ("≤2万元/件", "18000元/件", "实际完成值18000元/件已达到年度指标值“≤2万元/件”"),
])
def test_met_with_points_deducted(target: str, actual: str, said: str, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    found = findings(tmp_path, monkeypatch, [(S, 'target: "=12期"', f'target: "{target}"'),
                                             (E, "{actual: 12, score: 30}", f'{{actual: "{actual}", score: 28}}'),
                                             (E, "total: 100", "total: 98")])
    assert ("PS206", "warning", P2, f"{said}，却扣2分，且未填写偏差原因") in codes(found)
    assert not [f for f in found if f["severity"] == "error"]


def test_late_date_with_full_marks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = findings(tmp_path, monkeypatch, [(S, 'target: "=12期"', 'target: "2022年11月30日前"'),
                                             (E, "{actual: 12, score: 30}", '{actual: "2022年12月20日", score: 30}')])
    assert [(c, s) for c, s, *_ in codes(found)] == [("PS219", "notice"), ("PS205", "warning")]


FUNDS_ZERO = "funds: {initial: 0, annual: 0, executed: 0, lines: [{name: 其中：当年财政拨款, initial: 89.974, " \
             "annual: 89.974, executed: 89.974}]}"


def test_funds_total_row_zero_while_its_lines_carry_the_money(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = findings(tmp_path, monkeypatch, [(E, "funds: {initial: 100, annual: 100, executed: 100}", FUNDS_ZERO),
                                             (E, "rate: 100, score: 10", "rate: 0, score: 0"), (E, "total: 100", "total: 90")])
    assert codes(found) == [
        ("PS217", "error", "年度资金总额", "年度资金总额年初预算数0，而其中各行年初预算数合计为89.974"),
        ("PS217", "error", "年度资金总额", "年度资金总额全年预算数0，而其中各行全年预算数合计为89.974"),
        ("PS217", "error", "年度资金总额", "年度资金总额全年执行数0，而其中各行全年执行数合计为89.974"),
        ("PS208", "error", "预算执行率", "申报执行率0%，而其中各行合计全年执行数/全年预算数=89.974/89.974=100%"),
        ("PS208", "error", "预算执行率", "预算执行率申报得分0，按规则应为10（年度资金总额未印资金，按其中各行合计：执行率="
                                        "89.974/89.974=100%；实际100%，目标≥100%，达到目标，得10/10）"),
    ]


def test_declared_rate_full_while_funds_say_80_percent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = findings(tmp_path, monkeypatch, [(E, "funds: {initial: 100, annual: 100, executed: 100}",
                                              "funds: {initial: 4753.66, annual: 4753.66, executed: 3824.26}"),
                                             (E, "rate: 100, score: 10", 'rate: "100%", score: 10')])
    assert [(c, m) for c, _, _, m in codes(found)][:1] == [
        ("PS208", "申报执行率100%，而全年执行数/全年预算数=3824.26/4753.66=80.45%")]


def test_funds_lines_against_the_total(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = "lines: [{name: 中央, annual: 3144.00}, {name: 自治区, annual: 570.17}, {name: 盟市, annual: 433.00}, " \
            "{name: 旗县, annual: 1426.90}, {name: 其他, annual: 1591.22}]"
    found = findings(tmp_path, monkeypatch, [(E, "funds: {initial: 100, annual: 100, executed: 100}",
                                              f"funds: {{initial: 7165.32, annual: 7165.32, executed: 7165.32, {lines}}}")])
    assert codes(found) == [("PS217", "error", "年度资金总额", "年度资金总额全年预算数7165.32，而其中各行全年预算数合计"
                                                          "3144+570.17+433+1426.9+1591.22=7165.29")]


def test_quantity_without_target_is_unrated_never_a_percentage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = findings(tmp_path, monkeypatch, [(S, 'target: "=12期", ', ""), (E, "{actual: 12, score: 30}", "{actual: 72890, score: 20}"),
                                             (E, "total: 100", "total: 90")])
    assert codes(found) == [("PS218", "warning", P2, "实际完成值72890是数量，没有数值型年度指标值，无法计分（不按完成程度72890%计）；"
                                                     "请填写年度指标值")]
    card = perfscore.score(perfscore.load_evaluation(E))
    assert "72890%" not in card.indicators[1].explanation.replace("不按完成程度72890%计", "")
    assert (card.indicators[1].status, card.indicators[1].score, card.complete) == ("unrated", None, False)


def test_word_for_a_quantity_is_unrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = findings(tmp_path, monkeypatch, [(S, 'target: "≥100份"', 'target: "≤30万元"'),
                                             (E, "{actual: 100, score: 30}", "{actual: 完成, score: 30}")])
    assert [(c, s) for c, s, *_ in codes(found)] == [("PS218", "warning")]


@pytest.mark.parametrize("where, old, new, indicator", [
    ("deviation", "{actual: 100, score: 30}", "{actual: 100, score: 30, deviation: '对照年度目标,说明相关任务目标的完成情况(100字以内)'}", P1),
    ("funds", "executed: 100}", "executed: 100, deviation: '1.预算执行率未达到90%的需说明原因(100字以内);2.年中发生预算调整的,应单独说明理由'}", None),
    ("goals", "funds:", "goals: {actual: '结合自评情况,说明项目自评总分…(200字以内)'}\nfunds:", None),
])
def test_form_instructions_left_in_cells(where: str, old: str, new: str, indicator: str | None, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    found = findings(tmp_path, monkeypatch, [(E, old, new)])
    assert [(c, s, i) for c, s, i, _ in codes(found)] == [("PS213", "warning", indicator)]
    assert found[0]["message"].startswith("残留填表说明：")


# ---------------------------------------------------------------- verdicts on partial data

def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    main(args)
    return capsys.readouterr().out


def test_ninety_points_lacking_actuals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    found = findings(tmp_path, monkeypatch, [(E, "  印刷份数: {actual: 100, score: 30}\n  编制期数: {actual: 12, score: 30}\n"
                                                 "  服务对象满意度: {actual: 95%, score: 30}\n", "  服务对象满意度: {score: 0}\n"),
                                             (E, "total: 100", "total: 10"), (E, "grade: 优", "grade: 差")])
    assert [f["code"] for f in found] == ["PS209", "PS209", "PS209"]
    out = _run(["score", E], capsys)
    assert "总分：10（分值合计100）    不完整：3 项（分值合计90）未计分    申报总分：10" in out
    assert "\n等级：暂不评定（按已计分各项为差，仅供参考）" in out and "\n等级：差" not in out
    data = json.loads(_run(["score", E, "--format", "json"], capsys))
    assert (data["complete"], data["grade"], data["provisional_grade"], data["unscored"]) == (
        False, None, "差", {"rows": 3, "weight": "90"})
    assert data["counts"] == {"scored": 1, "missing": 3, "invalid": 0, "unrated": 0, "not_applicable": 0}
    text = _run(["check", "indicator_sets", "evaluations"], capsys)
    assert "重算总分10，申报总分10，不完整：3 项（分值合计90）未计分，等级暂不评定（按已计分各项为差）" in text


def test_satisfaction_row_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    findings(tmp_path, monkeypatch, [(E, "  服务对象满意度: {actual: 95%, score: 30}\n", "")])
    out = _run(["score", E], capsys)
    assert "不完整：1 项（分值合计30）未计分" in out and "\n等级：优" not in out
    data = json.loads(_run(["score", E, "--format", "json"], capsys))
    assert (data["complete"], data["grade"]) == (False, None)


def test_a_complete_table_keeps_its_grade(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    findings(tmp_path, monkeypatch, [])
    out = _run(["score", E], capsys)
    assert "\n等级：优" in out and "不完整" not in out
    data = json.loads(_run(["score", E, "--format", "json"], capsys))
    assert (data["complete"], data["grade"], data["unscored"]) == (True, "优", {"rows": 0, "weight": "0"})


# ---------------------------------------------------------------- how real tables write actuals

@pytest.mark.parametrize("word, rank", [
    ("达成预期指标", "met"), ("均已完成。", "met"), ("按计划完成", "met"), ("已按时足额发放到位", "met"),
    ("未发生重大事故", "met"), ("无上访", "met"), ("基本完成", "partly"), ("基本达到预期目标", "partly"),
    ("一般", "partly"), ("未完成", "unmet"), ("否", "unmet"), ("未按计划完成", None), ("好坏", None), ("效果较差", None),
])
def test_lexicon_reads_outcomes(word: str, rank: str | None) -> None:
    from perfscore.lexicon import outcome

    assert outcome(word) == rank


@pytest.mark.parametrize("actual, target, number, unit", [
    ("≥90%", "≥90%", "90", "%"), ("＞95％", "≥90%", "95", "%"), ("≤90万元", "≤90万元", "90", "万元"),
    ("0.958", "≥95%", "95.800", "%"), ("1", "=100%", "100", "%"), ("18000元/件", "≤2万元/件", "1.8", "万元/件"),
    ("3.2亿元", "≥30000万元", "32000", "万元"), ("十二期", "=12期", "12", "期"), ("１２期", "=12期", "12", "期"),
    ("200余人", "≥200人", "200", "人"), ("95%以上", "≥90%", "95", "%"), ("完成12期", "=12期", "12", "期"),
    ("满意度达到98.5%", "≥90%", "98.5", "%"),
])
def test_actuals_in_every_notation(actual: str, target: str, number: str, unit: str) -> None:
    from decimal import Decimal

    from perfscore.targets import parse_target, read_actual

    v = read_actual(actual, parse_target(target))
    assert (v.number, v.unit) == (Decimal(number), unit)


@pytest.mark.parametrize("actual, target", [("一般", "≥5"), ("2022年完成3次", "≥3次"), ("见附件", "≥3次")])
def test_words_stay_words(actual: str, target: str) -> None:
    from perfscore.targets import parse_target, read_actual

    assert read_actual(actual, parse_target(target)).number is None


@pytest.mark.parametrize("target, deadline", [
    ("完成时间为2022年12月30日", (2022, 12, 30)), ("11月底前", (None, 11, None)), ("2021.12.31", (2021, 12, 31)),
    ("年底前", (None, 12, 31)), ("2021年12月完成", (2021, 12, None)),
])
def test_date_targets(target: str, deadline: tuple) -> None:
    from perfscore.targets import parse_target

    t = parse_target(target)
    assert (t.deadline, t.value) == (deadline, None)


@pytest.mark.parametrize("dash", ["一", "-", "—", "/"])
def test_a_dash_is_no_target_to_repeat(dash: str) -> None:
    from perfscore.lexicon import judge
    from perfscore.targets import parse_target

    assert judge(dash, parse_target(dash)) == (None, "")
    assert judge("达标", parse_target(dash)) == ("met", "“达标”即“达成”")


def test_no_accident_against_no_accident_is_met() -> None:
    from perfscore.lexicon import judge
    from perfscore.targets import parse_target

    assert judge("无", parse_target("无")) == ("met", "实际完成值与年度指标值相同")
