"""Every finding code: a failing input and the minimal change that passes (checks.md).

A case starts from a small clean indicator set and evaluation (``SET``, ``EVAL``), applies
``edits`` to make the finding appear, and ``fix`` to make it go away. The failing run must
report exactly the expected findings of that code (severity, line, column, indicator,
message, declared, computed); the fixed run none of that code and nothing new.
"""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from perfscore.checks import check as run_checks
from perfscore.checks.codes import CODES

# The clean base: no finding at all (test_base_is_clean). Line numbers below refer to these texts.
SET = """\
indicator_set: t
total: 100
budget: {weight: 10}
indicators:
  - name: 产出指标
    weight: 60
    children:
      - name: 数量
        children:
          - {no: 1, name: 印刷份数, target: "≥100份", weight: 30}
          - {no: 2, name: 编制期数, target: "=12期", weight: 30}
  - name: 满意度指标
    weight: 30
    children:
      - name: 满意度
        children:
          - {name: 服务对象满意度, target: "≥90%", weight: 30}
"""

EVAL = """\
project: 测试项目
department: 测试部门
year: 2024
kind: 自评
indicator_set: t
funds: {initial: 100, annual: 100, executed: 100}
budget: {rate: 100, score: 10}
results:
  印刷份数: {actual: 100, score: 30}
  编制期数: {actual: 12, score: 30}
  服务对象满意度: {actual: 95%, score: 30}
declared:
  total: 100
  grade: 优
"""

SUMMARY = """\
department: 测试部门
year: 2024
evaluations: [测试项目]
grade_counts: {优: 1, 良: 0, 中: 0, 差: 0}
funds: 100
"""

# A framework of my own, so that PS108 does not depend on the shipped ones.
FRAMEWORK = """\
indicator_set: fw
kind: framework
total: 100
budget: {weight: 10}
indicators:
  - {name: 产出指标, weight: 60, children: []}
  - {name: 满意度指标, weight: 30, children: []}
"""

S, E, E2, SUM, FW = "indicator_sets/t.yaml", "evaluations/a.yaml", "evaluations/b.yaml", "evaluations/summary.yaml", \
    "indicator_sets/fw.yaml"
BASE = {S: SET, E: EVAL}
SECOND = EVAL.replace("kind: 自评", "kind: 部门评价")   # the same project and year, another evaluation


@dataclass
class Case:
    id: str
    code: str
    edits: list[tuple[str, str, str]]          # (file, old, new) applied to the base to make the finding
    fix: list[tuple[str, str, str]]            # (file, old, new) applied to the failing files to remove it
    expect: list[tuple[str, int, int, str | None, str, str | None, str | None]]
    # each: (file, line, column, indicator, message, declared, computed)
    files: dict[str, str] = field(default_factory=lambda: dict(BASE))


def edit(files: dict[str, str], edits: list[tuple[str, str, str]]) -> dict[str, str]:
    out = dict(files)
    for name, old, new in edits:
        if name not in out:                    # a new file
            assert old == "", name
            out[name] = new
            continue
        assert out[name].count(old) == 1, (name, old)
        out[name] = out[name].replace(old, new)
    return out


def check(root: Path, files: dict[str, str]) -> list[dict]:
    """Write the files under root, check them all; every finding as the JSON contract's dict."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    result = run_checks(sorted(files))
    assert result.errors == [], result.errors
    return [f.to_dict() for f in result.findings]


P1 = "产出指标 > 数量 > 印刷份数"
P2 = "产出指标 > 数量 > 编制期数"
P3 = "满意度指标 > 满意度 > 服务对象满意度"

CASES = [
    # ---------------------------------------------------------------- indicator sets
    Case("parent-weight", "PS101", [(S, "weight: 60", "weight: 70")], [(S, "weight: 70", "weight: 60")],
         [(S, 6, 13, "产出指标", "下级指标分值合计60，不等于本级分值70", "70", "60")]),
    Case("set-total", "PS102", [(S, "total: 100", "total: 110")], [(S, "total: 110", "total: 100")],
         [(S, 2, 8, None, "一级指标合计90 + 预算执行率10 = 100，不等于指标体系总分110", "110", "100")]),
    Case("rule-max", "PS103", [(S, 'weight: 30}\n  - name: 满', 'weight: 30, rule: {kind: ratio, full: 25}}\n  - name: 满')],
         [(S, "full: 25", "full: 30")],
         [(S, 11, 61, P2, "评分规则最高可得25分，而指标分值为30分", "30", "25")]),
    Case("stated-count", "PS104", [(S, "total: 100\n", "total: 100\nstated_counts: {一级: 2, 三级: 4}\n")],
         [(S, "三级: 4", "三级: 3")],
         [(S, 3, 28, None, "文中声明4个三级指标，指标表中有3个", "4", "3")]),
    Case("grade-gap", "PS105",
         [(S, "total: 100\n", "total: 100\ngrades:\n  name: 自定\n  bands:\n    - {grade: 优, min: 90, max: 100}\n"
                              "    - {grade: 良, min: 75, max: 89}\n    - {grade: 差}\n")],
         [(S, "max: 89", "max: 90")],
         [(S, 3, 1, None, "等级标准“自定”：“良”止于89，“优”始于90（含），89与90之间的得分没有等级", None, None)]),
    Case("band-gap", "PS105",
         [(S, '{name: 服务对象满意度, target: "≥90%", weight: 30}',
           '{name: 服务对象满意度, weight: 30, rule: {kind: bands, bands: [{min: 90, score: 30}, '
           '{min: 80, max: 89, score: 20}, {max: 80, score: 0}]}}')],
         [(S, "max: 89", "max: 90")],
         [(S, 17, 41, P3, "评分档次：89与90之间无档次", None, None)]),
    Case("duplicate-name", "PS106", [(S, "name: 编制期数", "name: 印刷份数")], [(S, "no: 2, name: 印刷份数", "no: 2, name: 编制期数")],
         [(S, 11, 27, P1, "与第1个同级指标重名“印刷份数”", None, None)], files={S: SET}),
    Case("duplicate-number", "PS106", [(S, "no: 2", "no: 1")], [(S, "no: 1, name: 编制期数", "no: 2, name: 编制期数")],
         [(S, 11, 18, "产出指标 > 数量", "编号“指标1”与第1个同级指标重复", None, None)]),
    Case("number-gap", "PS107", [(S, "no: 2", "no: 3")], [(S, "no: 3", "no: 2")],
         [(S, 11, 18, "产出指标 > 数量", "同级指标编号为指标1、指标3，缺少指标2", None, None)]),
    Case("framework-weights", "PS108",
         [(S, "total: 100\n", "total: 100\nextends: fw\n"), (FW, "", FRAMEWORK.replace("weight: 60", "weight: 50"))],
         [(FW, "weight: 50", "weight: 60")],
         [(S, 6, 5, "产出指标", "一级指标“产出指标”分值60，框架“fw”为50", "50", "60")]),
    Case("target-unit", "PS109", [(S, 'target: "≥90%"', 'unit: "%", target: "≥90万元"')], [(S, "≥90万元", "≥90%")],
         [(S, 17, 48, P3, "指标单位为“%”，目标值“≥90万元”的单位为“万元”", None, None)]),
    Case("actual-unit", "PS109", [(S, 'target: "≥90%"', 'unit: "%", target: "≥90%"'), (E, "95%", "95万元")],
         [(E, "95万元", "95%")],
         [(E, 11, 21, P3, "指标单位为“%”，实际完成值“95万元”的单位为“万元”", None, None)]),
    # ---------------------------------------------------------------- evaluations
    Case("score-above-weight", "PS201", [(E, "actual: 100, score: 30", "actual: 100, score: 35")],
         [(E, "score: 35", "score: 30")],
         [(E, 9, 30, P1, "申报得分35超过分值30", "35", "30")]),
    Case("budget-above-weight", "PS201", [(E, "score: 10}", "score: 12}")], [(E, "score: 12}", "score: 10}")],
         [(E, 7, 28, "预算执行率", "预算执行率申报得分12超过分值10", "12", "10")]),
    Case("declared-total", "PS202", [(E, "total: 100", "total: 99")], [(E, "total: 99", "total: 100")],
         [(E, 13, 10, None, "各项申报得分合计100，而申报总分为99", "99", "100")]),
    Case("rescored", "PS203", [(E, "actual: 100, score: 30", "actual: 90, score: 28")],
         [(E, "score: 28", "score: 27")],
         [(E, 9, 29, P1, "申报得分28，按规则重算为27：实际90份，目标≥100份，完成率90/100=90%，30×90/100，得27/30", "28", "27")]),
    Case("unreachable", "PS204",
         [(S, '{no: 2, name: 编制期数, target: "=12期", weight: 30}',
           "{no: 2, name: 编制期数, weight: 30, rule: {kind: checklist, mode: deduct, items: 3, deduct: 10}}"),
          (E, "{actual: 12, score: 30}", "{unmet: [], score: 25}")],
         [(E, "score: 25", "score: 30")],
         [(E, 10, 28, P2, "申报得分25不是规则可能给出的分值（可能的得分：30/20/10/0）；按实际重算为30分", "25", "30")]),
    Case("missed-full", "PS205", [(E, "actual: 100, score: 30", "actual: 90, score: 30")],
         [(E, "score: 30}\n  编制", "score: 27}\n  编制"), (E, "total: 100", "total: 97")],
         [(E, 9, 29, P1, "实际完成值90未达到年度指标值“≥100份”，却得满分（30/30）", "30", "27")]),
    Case("met-deducted", "PS206", [(E, "actual: 100, score: 30", "actual: 100, score: 28")],
         [(E, "score: 28}", "score: 28, deviation: 印刷质量抽检不合格扣分}")],
         [(E, 9, 30, P1, "实际完成值100已达到年度指标值“≥100份”，却扣2分，且未填写偏差原因", "28", "30")]),
    Case("met-deducted-checklist", "PS206",
         [(S, '{no: 2, name: 编制期数, target: "=12期", weight: 30}',
           "{no: 2, name: 编制期数, weight: 30, rule: {kind: checklist, mode: deduct, items: 3, deduct: 10}}"),
          (E, "{actual: 12, score: 30}", "{unmet: [], score: 20}"), (E, "total: 100", "total: 90")],
         [(E, "score: 20}", "score: 20, deviation: 制度执行记录不全}")],
         [(E, 10, 28, P2, "已达到评分要求（实际：全部达到），却扣10分，且未填写偏差原因", "20", "30")]),
    Case("grade-word", "PS207", [(E, "grade: 优", "grade: 良")], [(E, "grade: 良", "grade: 优")],
         [(E, 14, 10, None, "申报总分100按“财预〔2020〕10号”应为“优”，申报等级为“良”", None, None)]),
    Case("budget-rate", "PS208", [(E, "rate: 100", "rate: 90")], [(E, "rate: 90", "rate: 100")],
         [(E, 7, 16, "预算执行率", "申报执行率90%，而全年执行数/全年预算数=100/100=100%", "90", "100")]),
    Case("budget-score", "PS208", [(E, "executed: 100", "executed: 80")], [(E, "score: 10}", "score: 8}"),
                                                                          (E, "rate: 100", "rate: 80"),
                                                                          (E, "total: 100", "total: 98")],
         [(E, 7, 16, "预算执行率", "申报执行率100%，而全年执行数/全年预算数=80/100=80%", "100", "80"),
          (E, 7, 28, "预算执行率", "预算执行率申报得分10，按规则应为8（执行率=80/100=80%；实际80%，目标≥100%，"
                                   "完成率80/100=80%，10×80/100，得8/10）", "10", "8")]),
    Case("missing-actual", "PS209", [(E, "  编制期数: {actual: 12, score: 30}\n", "")],
         [(E, "results:\n", "results:\n  编制期数: {not_applicable: 本年度未安排}\n")],
         [(E, 8, 1, P2, "缺少实际完成值，也未标为不适用", None, None)]),
    Case("unscorable-actual", "PS209", [(E, "actual: 100,", "actual: 很多,")], [(E, "很多", "100")],
         [(E, 9, 3, P1, "实际完成值应为数字，实为“很多”", "30", None)]),
    Case("subtotal", "PS210", [(E, "  grade: 优\n", "  grade: 优\n  subtotals: {产出指标: 55, 满意度指标: 30}\n")],
         [(E, "产出指标: 55", "产出指标: 60")],
         [(E, 15, 21, "产出指标", "申报小计55，其下各项申报得分合计60", "55", "60")]),
    Case("level-interval", "PS211",
         [(S, '{no: 2, name: 编制期数, target: "=12期", weight: 30}',
           "{no: 2, name: 编制期数, weight: 30, rule: {kind: qualitative}}"),
          (E, "{actual: 12, score: 30}", "{level: 部分达成, score: 25}")],
         [(E, "score: 25", "score: 24")],
         [(E, 10, 30, P2, "得分25不在“部分达成”档的区间60%~80%（18~24分）内", "25", None)]),
    Case("target-notation", "PS212", [(E, "actual: 95%", "actual: ≥95%")], [(E, "≥95%", "95%")],
         [(E, 11, 21, P3, "实际完成值“≥95%”照抄了目标值写法，应填实际数值", None, None)]),
    Case("placeholder-actual", "PS213", [(E, "actual: 95%", "actual: XX%")], [(E, "XX%", "95%")],
         [(E, 11, 3, P3, "残留模板占位符：XX%", None, None)]),
    Case("placeholder-name", "PS213", [(S, "name: 编制期数", "name: 编制期数**"), (E, "编制期数:", "编制期数**:")],
         [(S, "编制期数**", "编制期数"), (E, "编制期数**:", "编制期数:")],
         [(E, 10, 3, "产出指标 > 数量 > 编制期数**", "残留模板占位符：编制期数**", None, None)]),
    Case("placeholder-target", "PS213", [(S, 'target: "=12期"', 'target: "（≥**期）"')],
         [(S, 'target: "（≥**期）"', 'target: "=12期"')],
         [(E, 10, 3, P2, "残留模板占位符：（≥**期）", None, None)]),
    Case("far-above", "PS214", [(E, "actual: 100,", "actual: 130,")],
         [(E, "score: 30}\n  编制", "score: 30, deviation: 年中追加印刷任务}\n  编制")],
         [(E, 9, 18, P1, "实际完成值130超出年度指标值“≥100份”30%以上，未说明原因", None, None)]),
    Case("empty-target", "PS215", [(S, 'target: "=12期", ', "")], [(S, "编制期数, ", '编制期数, target: "=12期", ')],
         [(E, 10, 29, P2, "年度指标值为空，却得满分（30/30）", "30", None)]),
    Case("empty-actual", "PS215",
         [(S, '{no: 2, name: 编制期数, target: "=12期", weight: 30}', "{no: 2, name: 编制期数, weight: 30, rule: {kind: manual}}"),
          (E, "{actual: 12, score: 30}", "{score: 30}")],
         [(E, "{score: 30}", "{actual: 按期编制12期, score: 30}")],
         [(E, 10, 17, P2, "实际完成值为空，却得满分（30/30）", "30", None)]),
    Case("unknown-subtotal", "PS216", [(E, "  grade: 优\n", "  grade: 优\n  subtotals: {投入指标: 60}\n")],
         [(E, "投入指标", "产出指标")],
         [(E, 15, 21, "投入指标", "申报小计“投入指标”在指标体系中没有对应指标（一级指标为产出指标、满意度指标）", "60", None)]),
    # ---------------------------------------------------------------- across documents
    Case("totals-differ", "PS301", [(E2, "", SECOND.replace("total: 100", "total: 99"))],
         [(E2, "total: 99", "total: 100")],
         [(E2, 13, 10, None, "本评价（部门评价）申报总分99，同一项目同一年度的evaluations/a.yaml（自评）申报100", "99", "100")]),
    Case("grades-differ", "PS302", [(E2, "", SECOND.replace("grade: 优", "grade: 良"))],
         [(E2, "grade: 良", "grade: 优")],
         [(E2, 14, 10, None, "本评价等级“良”，evaluations/a.yaml（自评）为“优”", None, None)]),
    Case("summary-count", "PS303", [(SUM, "", SUMMARY.replace("优: 1", "优: 2"))], [(SUM, "优: 2", "优: 1")],
         [(SUM, 4, 19, None, "汇总称2个项目为“优”，所附评价中有1个", None, None)]),
    Case("summary-funds", "PS303", [(SUM, "", SUMMARY.replace("funds: 100", "funds: 150"))],
         [(SUM, "funds: 150", "funds: 100")],
         [(SUM, 5, 8, None, "汇总称涉及资金150万元，所附评价的全年预算数合计100万元", "150", "100")]),
    Case("grade-words", "PS304", [(SUM, "", SUMMARY.replace("中: 0", "合格: 0"))], [(SUM, "合格: 0", "中: 0")],
         [(SUM, 4, 32, None, "汇总的等级用词优/良/合格/差，evaluations/a.yaml的评价标准用优/良/中/差：同一档用了“合格”与“中”",
           None, None)]),
    Case("actuals-differ", "PS305", [(E2, "", SECOND.replace("95%", "92%"))], [(E2, "92%", "95%")],
         [(E2, 11, 21, P3, "实际完成值“92%”，evaluations/a.yaml（自评）记录为“95%”", None, None)]),
]


def test_base_is_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    files = {**BASE, FW: FRAMEWORK, SUM: SUMMARY, E2: SECOND}
    assert check(tmp_path, files) == []


def test_every_code_has_a_case() -> None:
    # PS110 has its own test below; PS401 (unreadable workbook cells) is tested in test_authoring_import.py
    assert sorted({c.code for c in CASES} | {"PS110", "PS401"}) == sorted(CODES)


def _codes(findings: list[dict]) -> set[tuple[str, str, str | None]]:
    return {(f["code"], f["file"], f["indicator"]) for f in findings}


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.id}")
def test_fails(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    findings = check(tmp_path, edit(case.files, case.edits))
    got = [(f["file"], f["line"], f["column"], f["indicator"], f["message"], f["declared"], f["computed"])
           for f in findings if f["code"] == case.code]
    assert got == case.expect
    assert {f["severity"] for f in findings if f["code"] == case.code} == {CODES[case.code].severity}


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.id}")
def test_minimal_fix_passes(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    failing = edit(case.files, case.edits)
    fixed = edit(failing, case.fix)
    results = {}
    for name, files in (("failing", failing), ("fixed", fixed)):
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)
        results[name] = check(tmp_path / name, files)
    assert [f for f in results["fixed"] if f["code"] == case.code] == []
    # the fix brings in no finding that the failing input did not have
    assert _codes(results["fixed"]) <= _codes(results["failing"])


# ---------------------------------------------------------------- tolerances (checks.md, issue 3 §4)

@pytest.mark.parametrize("actual, declared, expect", [
    ("86.3", "25.9", []),                  # 30×86.3/100 = 25.89: 25.9 is within half a unit of its last digit
    ("86.3", "25.89", []),
    ("86.3", "25.88", ["申报得分25.88，按规则重算为25.89：实际86.3份，目标≥100份，完成率86.3/100=86.3%，30×86.3/100，得25.89/30"]),
    ("86.3", "26", []),                    # printed as a whole number: within 0.5 of 25.89
    ("86.3", "25.8", ["申报得分25.8，按规则重算为25.89：实际86.3份，目标≥100份，完成率86.3/100=86.3%，30×86.3/100，得25.89/30"]),
])
def test_rounding_tolerance(actual: str, declared: str, expect: list[str], tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    files = edit(BASE, [(E, "actual: 100, score: 30", f"actual: {actual}, score: {declared}")])
    assert [f["message"] for f in check(tmp_path, files) if f["code"] == "PS203"] == expect


# ---------------------------------------------------------------- PS110: the 评分标准 text read by ruletext

PS110_SET = SET.replace(
    '{name: 服务对象满意度, target: "≥90%", weight: 30}',
    '{name: 服务对象满意度, target: "≥90%", weight: 30, criteria: "每少1个百分点扣2分，扣完为止",\n'
    '             rule: {kind: step, per: 1, deduct: 3}}')


def _cli_json(root: Path) -> dict:
    import json

    proc = subprocess.run([sys.executable, "-m", "perfscore", "check", "indicator_sets", "evaluations",
                           "--format", "json"], cwd=root, capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_ps110_criteria_against_rule(tmp_path: Path) -> None:
    for name, text in {S: PS110_SET, E: EVAL}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = [f for f in _cli_json(tmp_path)["findings"] if f["code"] == "PS110"]
    assert [(f["file"], f["line"], f["column"], f["severity"], f["indicator"], f["message"]) for f in found] == [
        (S, 18, 14, "warning", P3, "评分标准文字读作“达到目标值得满分，每低于1，扣2分，扣完为止”，"
                                   "结构化规则为“达到目标值得满分，每低于1，扣3分，扣完为止”")]
    (tmp_path / S).write_text(PS110_SET.replace("deduct: 3", "deduct: 2"), encoding="utf-8")
    assert [f for f in _cli_json(tmp_path)["findings"] if f["code"] == "PS110"] == []


def test_a_renamed_indicator_set_is_found_by_the_next_check_in_the_same_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The id → file index of a directory must not outlive one check (an editor or notebook checks again)."""
    monkeypatch.chdir(tmp_path)
    assert check(tmp_path, BASE) == []
    renamed = edit(BASE, [(S, "indicator_set: t", "indicator_set: t2"), (E, "indicator_set: t", "indicator_set: t2")])
    assert check(tmp_path, renamed) == []


def test_a_reachable_score_printed_rounded_is_not_ps204(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: 16 equal shares of 30 are 1.875 each; one unmet gives 28.125, printed 28.13 — the rule's score."""
    monkeypatch.chdir(tmp_path)
    items = "[" + ", ".join(f"要点{i}" for i in range(1, 17)) + "]"
    files = edit(BASE, [
        (S, '{no: 2, name: 编制期数, target: "=12期", weight: 30}',
         f"{{no: 2, name: 编制期数, weight: 30, rule: {{kind: checklist, mode: share, items: {items}}}}}"),
        (E, "{actual: 12, score: 30}", "{unmet: [要点16], score: 28.13}")])
    assert [f["code"] for f in check(tmp_path, files) if f["code"] in ("PS203", "PS204")] == []
    files[E] = files[E].replace("score: 28.13}", "score: 28.2}")
    shares = "/".join(["6.25%"] * 16)
    assert [(f["code"], f["message"]) for f in check(tmp_path, files) if f["code"] in ("PS203", "PS204")] == [
        ("PS203", f"申报得分28.2，按规则重算为28.13：16项要点，未达到1项（要点16），各项占比{shares}，得28.13/30")]


def test_a_discrete_reachable_score_printed_rounded_is_not_ps204(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Reachable {30, 29.875, 29.75, 29.625}: 29.88 is 29.875 printed to two places; 29.5 is none of them."""
    monkeypatch.chdir(tmp_path)
    files = edit(BASE, [
        (S, '{no: 2, name: 编制期数, target: "=12期", weight: 30}',
         "{no: 2, name: 编制期数, weight: 30, rule: {kind: checklist, mode: deduct, items: 3, deduct: 0.125}}"),
        (E, "{actual: 12, score: 30}", "{unmet: 1, score: 29.88}")])
    assert [f["code"] for f in check(tmp_path, files) if f["code"] in ("PS203", "PS204")] == []
    files[E] = files[E].replace("score: 29.88}", "score: 29.5}")
    assert [(f["code"], f["message"]) for f in check(tmp_path, files) if f["code"] in ("PS203", "PS204")] == [
        ("PS204", "申报得分29.5不是规则可能给出的分值（可能的得分：30/29.875/29.75/29.625）；按实际重算为29.88分")]
