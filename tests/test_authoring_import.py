"""perfscore import: an Excel 自评表 made by another tool (openpyxl here) into YAML, cells kept."""
from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from perfscore.cells import cell_of
from perfscore.authoring.importer import read_workbook, write_import
from perfscore.yamlio import read_yaml

SHEET = "自评表"

# Seed A, 政府公报编制及印发专项经费, as printed: 印刷份数 scores 5 against a weight of 3 (PS201),
# the rows add up to 99 while the 总计 says 96 (PS202).
ROWS_A: list[tuple[str, str, str, Any, Any, Any, Any, str | None]] = [
    ("产出指标", "数量", "指标 1：政府公报刊物编制期数", "=12 期", 12, 5, 5, None),
    ("产出指标", "数量", "指标 2：政府公报刊物印刷份数", "=31200 份", 26400, 3, 5,
     "年中为全面贯彻全市“过紧日子”政策, 部分单位由纸质投递改为线上查阅"),
    ("产出指标", "质量", "指标 1：政府公报刊物审核通过率(%)", 100, 100, 5, 5, None),
    ("产出指标", "质量", "指标 2：政府公报刊物派发率(%)", 95, 100, 5, 5, None),
    ("产出指标", "时效", "指标 1：政府公报刊物编制完成及时率(%)", 100, 100, 5, 5, None),
    ("产出指标", "时效", "指标 2：政府公报刊物印刷及时率(%)", 100, 100, 5, 5, None),
    ("产出指标", "时效", "指标 3：政府公报刊物派发及时率(%)", 100, 100, 5, 5, None),
    ("产出指标", "成本", "指标 1：政府公报刊物月平均成本控制价", "=3 万元", 3, 5, 5, None),
    ("产出指标", "成本", "指标 2：政府公报刊物邮寄平均成本控制价", "=1 万元", 1, 5, 5, None),
    ("效益指标", "经济效益", "-", "-", "-", "-", "-", None),
    ("效益指标", "社会效益", "指标 1：政府公报刊物发行覆盖单位数", "=1912 个", 1912, 5, 5, None),
    ("效益指标", "社会效益", "指标 2：利用媒体宣传次数", "=12 次", 12, 5, 5, None),
    ("效益指标", "社会效益", "指标 3：政府公报对公众公开期数", "=12 期", 12, 5, 5, None),
    ("效益指标", "社会效益", "指标 4：政务知情提高性", "提升", 100, 5, 5, None),
    ("效益指标", "生态效益", "-", "-", "-", "-", "-", None),
    ("效益指标", "可持续影响", "指标 1：公报管理机制健全性", "健全", 100, 5, 5, None),
    ("效益指标", "可持续影响", "指标 2：政府公报数据库更新情况", "每月更新", 100, 5, 5, None),
    ("满意度", "满意度", "服务对象满意度(%)", 90, 86, 14, 14, None),
]


def build_sheet(ws: Any, project: str = "政府公报编制及印发专项经费", rows: list[Any] = ROWS_A,
                total: tuple[Any, Any] = (100, 96), grade: str | None = None, merge_groups: bool = True) -> int:
    """The official 附1 layout, columns A–I; returns the row of the first indicator."""
    def put(cell: str, value: Any, merge_to: str | None = None, number_format: str | None = None) -> None:
        ws[cell] = value
        if number_format:
            ws[cell].number_format = number_format
        if merge_to:
            ws.merge_cells(f"{cell}:{merge_to}")

    put("A1", "项目支出绩效自评表", "I1")
    put("A2", "（2024年度）", "I2")
    put("A3", "项目名称", "B3")
    put("C3", project, "I3")
    put("A4", "主管部门", "B4")
    put("C4", "景德镇市人民政府办公室", "D4")
    put("E4", "实施单位", "F4")
    put("G4", "景德镇市人民政府办公室", "I4")
    put("A5", "项目资金（万元）", "A8")
    for col, head in zip("CDEFGH", ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率(%)", "得分")):
        put(f"{col}5", head)
    funds = [("年度资金总额", 40, 40, 40, 10, 100, 10), ("其中：财政拨款", 40, 40, 40, "-", 100, 10),
             ("其他资金", 0, 0, 0, "-", 0, "-")]
    for r, line in enumerate(funds, start=6):
        for col, value in zip("BCDEFGH", line):
            put(f"{col}{r}", value, number_format="0.00" if col == "G" and value != 0 else None)
    put("A9", "偏差原因及整改措施", "B9")
    put("C9", "基本完成", "I9")
    put("A10", "年度总体目标", "A11")
    put("B10", "预期目标", "E10")
    put("F10", "完成实际情况", "I10")
    put("B11", "目标 1: 政府公报刊物编制期数: 12 期 目标 2: 政府公报刊物分发单位数: 1912 个", "E11")
    put("F11", "完成了政府公报刊物编制 12 期, 发行单位 1912 个", "I11")
    for col, head in zip("BCDEFGHI", ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                                      "偏差原因分析及改进措施")):
        put(f"{col}12", head)
    first = 13
    last = first + len(rows) - 1
    put(f"A{first - 1}", "绩效指标", f"A{last}")
    for i, (l1, l2, l3, target, actual, weight, score, deviation) in enumerate(rows):
        r = first + i
        for col, value in zip("BCDEFGHI", (l1, l2, l3, target, actual, weight, score, deviation)):
            if value is not None:
                ws[f"{col}{r}"] = value
    if merge_groups:
        for col, depth in (("B", 1), ("C", 2)):
            start = first
            for i in range(1, len(rows) + 1):
                if i == len(rows) or rows[i][:depth] != rows[start - first][:depth]:
                    end = first + i - 1
                    if end > start:
                        for r in range(start + 1, end + 1):
                            ws[f"{col}{r}"] = None
                        ws.merge_cells(f"{col}{start}:{col}{end}")
                    start = first + i
    put(f"A{last + 1}", "总计", f"F{last + 1}")
    ws[f"G{last + 1}"], ws[f"H{last + 1}"] = total
    if grade is not None:
        put(f"A{last + 2}", "评价等级", f"F{last + 2}")
        ws[f"G{last + 2}"] = grade
    return first


def make_workbook(path: Path, sheets: dict[str, dict[str, Any]] | None = None) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, options in (sheets or {SHEET: {}}).items():
        build_sheet(wb.create_sheet(name), **options)
    wb.save(path)
    return path


@pytest.fixture
def imported(tmp_path: Path) -> tuple[Path, Path]:
    book = make_workbook(tmp_path / "自评表.xlsx")
    done = write_import(str(book), str(tmp_path / "out"))
    assert done.findings == [] and done.problems == []
    stem = "政府公报编制及印发专项经费-自评"
    return tmp_path / "out" / "indicator_sets" / f"{stem}.yaml", tmp_path / "out" / "evaluations" / f"{stem}.yaml"


def test_import_writes_set_evaluation_and_sidecars(imported: tuple[Path, Path]) -> None:
    set_path, ev_path = imported
    assert sorted(os.listdir(set_path.parent)) == ["政府公报编制及印发专项经费-自评.cells.json",
                                                    "政府公报编制及印发专项经费-自评.yaml"]
    assert sorted(os.listdir(ev_path.parent)) == sorted(os.listdir(set_path.parent))


def test_import_declared_values_exactly_as_printed(imported: tuple[Path, Path]) -> None:
    _, ev_path = imported
    data = read_yaml(str(ev_path))
    assert data["project"] == "政府公报编制及印发专项经费"
    assert data["department"] == data["implementer"] == "景德镇市人民政府办公室"
    assert (data["year"], data["kind"]) == (2024, "自评")
    assert data["indicator_set"] == "2024-政府公报编制及印发专项经费-自评"
    assert data["funds"] == {
        "initial": 40, "annual": 40, "executed": 40, "deviation": "基本完成",
        "lines": [{"name": "其中：财政拨款", "initial": 40, "annual": 40, "executed": 40, "rate": Decimal("100.00"),
                   "score": 10},
                  {"name": "其他资金", "initial": 0, "annual": 0, "executed": 0, "rate": 0}]}
    assert str(data["funds"]["lines"][0]["rate"]) == "100.00"         # 0.00 format: printed 100.00
    assert data["budget"] == {"weight": 10, "rate": Decimal("100.00"), "score": 10}
    assert data["goals"] == {"expected": "目标 1: 政府公报刊物编制期数: 12 期 目标 2: 政府公报刊物分发单位数: 1912 个",
                             "actual": "完成了政府公报刊物编制 12 期, 发行单位 1912 个"}
    assert data["results"]["政府公报刊物印刷份数"] == {
        "actual": 26400, "score": 5, "deviation": "年中为全面贯彻全市“过紧日子”政策, 部分单位由纸质投递改为线上查阅"}
    assert data["results"]["服务对象满意度(%)"] == {"actual": 86, "score": 14}
    assert len(data["results"]) == 16
    assert data["declared"] == {"weight_total": 100, "total": 96}


def test_import_set_tree_as_printed(imported: tuple[Path, Path]) -> None:
    set_path, _ = imported
    data = read_yaml(str(set_path))
    assert data["extends"] == "mof-2020-self"
    assert data["total"] == 100
    output = data["indicators"][0]
    assert [g["name"] for g in data["indicators"]] == ["产出指标", "效益指标", "满意度"]
    assert [g["name"] for g in data["indicators"][1]["children"]] == ["经济效益", "社会效益", "生态效益", "可持续影响"]
    assert data["indicators"][1]["children"][0] == {"name": "经济效益", "children": []}
    assert output["children"][0]["children"][1] == {"no": 2, "name": "政府公报刊物印刷份数", "target": "=31200 份",
                                                    "weight": 3}
    assert output["children"][1]["children"][0] == {"no": 1, "name": "政府公报刊物审核通过率(%)", "target": "100",
                                                    "unit": "%", "weight": 5}
    assert data["indicators"][2]["children"][0]["children"] == [
        {"name": "服务对象满意度(%)", "target": "90", "unit": "%", "weight": 14}]


def test_imported_files_score_like_the_hand_written_seed(imported: tuple[Path, Path]) -> None:
    import perfscore

    card = perfscore.score(perfscore.load_evaluation(str(imported[1])))
    assert (str(card.total), card.grade, str(card.weight_total)) == ("95.92", "优", "97")


def test_cell_of_maps_yaml_keys_to_workbook_cells(imported: tuple[Path, Path]) -> None:
    set_path, ev_path = imported
    book = os.path.normpath(str(ev_path.parent / ".." / ".." / "自评表.xlsx"))
    at = f"{book}!{SHEET}!"
    assert cell_of(str(ev_path), ["results", "政府公报刊物印刷份数", "score"]) == at + "H14"
    assert cell_of(str(ev_path), ["results", "政府公报刊物印刷份数", "actual"]) == at + "F14"
    assert cell_of(str(ev_path), ["results", "政府公报刊物印刷份数"]) == at + "D14"
    assert cell_of(str(ev_path), ["declared", "total"]) == at + "H31"
    assert cell_of(str(ev_path), ["declared", "weight_total"]) == at + "G31"
    assert cell_of(str(ev_path), ["budget", "score"]) == at + "H6"
    assert cell_of(str(ev_path), ["funds", "lines", 0, "rate"]) == at + "G7"
    assert cell_of(str(ev_path), ["project"]) == at + "C3"
    # a key the workbook did not give: its deepest ancestor that has a cell
    assert cell_of(str(ev_path), ["results", "政府公报刊物印刷份数", "evidence"]) == at + "D14"
    assert cell_of(str(ev_path), ["facts"]) == at + "A1"
    assert cell_of(str(set_path), ["indicators", 0, "children", 0, "children", 1, "weight"]) == at + "G14"
    assert cell_of(str(set_path), ["indicators", 0, "children", 0, "children", 1, "target"]) == at + "E14"
    assert cell_of(str(set_path), ["indicators", 1, "children", 0]) == at + "C22"      # the “-” row of 经济效益
    assert cell_of(str(set_path), ["indicators", 0]) == at + "B13"                     # merged 产出指标
    assert cell_of(str(set_path), ["total"]) == at + "G31"


def test_cell_of_is_none_for_a_hand_written_file(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("project: x\n", encoding="utf-8")
    assert cell_of(str(path), ["results", "a", "score"]) is None


def test_check_after_import_finds_ps201_and_ps202_at_the_cells(imported: tuple[Path, Path]) -> None:
    """The checks locate findings of an imported file at the workbook's cells (through cell_of)."""
    from perfscore.checks import check

    set_path, ev_path = imported
    result = check([str(ev_path.parent.parent)])
    wanted = {(f.code, f.indicator, f.file) for f in result.findings if f.code in ("PS201", "PS202")}
    book = os.path.normpath(str(ev_path.parent / ".." / ".." / "自评表.xlsx"))
    assert wanted == {("PS201", "产出指标 > 数量 > 政府公报刊物印刷份数", f"{book}!{SHEET}!H14"),
                      ("PS202", None, f"{book}!{SHEET}!H31")}


def test_perfscore_check_reports_ps201_ps202_located_at_workbook_cells(imported: tuple[Path, Path]) -> None:
    from typer.testing import CliRunner

    from perfscore.cli import app

    _, ev_path = imported
    out = CliRunner().invoke(app, ["check", str(ev_path.parent.parent), "--format", "json"])
    found = {(f["code"], f["file"], f["line"]) for f in json.loads(out.stdout)["findings"]
             if f["code"] in ("PS201", "PS202")}
    book = os.path.normpath(str(ev_path.parent / ".." / ".." / "自评表.xlsx"))
    assert found == {("PS201", f"{book}!{SHEET}!H14", None), ("PS202", f"{book}!{SHEET}!H31", None)}
    text = CliRunner().invoke(app, ["check", str(ev_path.parent.parent)]).stdout.splitlines()
    # the text output names the same cells, workbook and sheet included
    assert [line.split("  错误  ")[0].strip() for line in text if "PS201" in line or "PS202" in line] == [
        f"{book}!{SHEET}!H14", f"{book}!{SHEET}!H31"]


# --------------------------------------------------------------------------- variants

ROWS_V: list[Any] = [
    ("产出指标", "数量", "指标1：培训人次", "≧735人次", 760, 20, 20, None),
    ("产出指标", "数量", "指标:2:覆盖率(%)", "≥95%", "96%", 20, 20, None),
    ("产出指标", "质量", "指标3、合格率", 100, 100, 20, 20, None),
    ("效益指标", "社会效益", "—", "—", "—", "—", "—", None),
    ("效益指标", "可持续影响", "机制健全性", "健全", "健全", 20, 18, "部分制度待修订"),
    ("满意度", "满意度", "服务对象满意度", "≥90%", "92.50", 10, 10, None),
]


def test_import_variants_unmerged_groups_prefixes_targets_grade(tmp_path: Path) -> None:
    book = make_workbook(tmp_path / "b.xlsx", {"项目甲": {"project": "项目甲", "rows": ROWS_V, "total": (100, 98),
                                                          "grade": "优", "merge_groups": False}})
    (got,), skipped = read_workbook(str(book))
    assert skipped == [] and got.findings == []
    st, ev = got.set.data, got.evaluation.data
    assert st["indicators"] == [
        {"name": "产出指标", "children": [
            {"name": "数量", "children": [{"no": 1, "name": "培训人次", "target": "≧735人次", "weight": Decimal(20)},
                                        {"no": 2, "name": "覆盖率(%)", "target": "≥95%", "weight": Decimal(20)}]},
            {"name": "质量", "children": [{"no": 3, "name": "合格率", "target": "100", "weight": Decimal(20)}]}]},
        {"name": "效益指标", "children": [
            {"name": "社会效益", "children": []},
            {"name": "可持续影响", "children": [{"name": "机制健全性", "target": "健全", "weight": Decimal(20)}]}]},
        {"name": "满意度", "children": [
            {"name": "满意度", "children": [{"name": "服务对象满意度", "target": "≥90%", "weight": Decimal(10)}]}]}]
    assert ev["results"] == {"培训人次": {"actual": 760, "score": Decimal(20)},
                             "覆盖率(%)": {"actual": "96%", "score": Decimal(20)},
                             "合格率": {"actual": 100, "score": Decimal(20)},
                             "机制健全性": {"actual": "健全", "score": Decimal(18), "deviation": "部分制度待修订"},
                             "服务对象满意度": {"actual": "92.50", "score": Decimal(10)}}
    assert ev["declared"] == {"weight_total": Decimal(100), "total": Decimal(98), "grade": "优"}


def test_unreadable_cells_are_findings_at_their_cells_and_the_rest_is_written(tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS_V]
    rows[0][5] = "二十"            # 分值 of 培训人次: G13
    rows[4][6] = "满分"            # 得分 of 机制健全性: H17
    rows[2][3] = "≥abc"           # no number after the operator: E15
    rows[1][3] = "≥**平方米"      # a template placeholder: imported as printed, for PS213 to flag
    book = make_workbook(tmp_path / "b.xlsx", {"项目甲": {"project": "项目甲", "rows": rows}})
    done = write_import(str(book), str(tmp_path / "out"))
    assert [str(f) for f in done.findings] == [
        f"{book}!项目甲!E15: 警告 PS401 产出指标 > 质量 > 合格率: 目标值“≥abc”无法识别：“≥”后应为数字，实为“abc”；未导入年度指标值",
        f"{book}!项目甲!G13: 错误 PS401 产出指标 > 数量 > 培训人次: 分值应为数字，实为“二十”，未导入",
        f"{book}!项目甲!H17: 警告 PS401 效益指标 > 可持续影响 > 机制健全性: 得分应为数字，实为“满分”，未导入",
    ]
    assert done.problems == []
    set_text = (tmp_path / "out" / "indicator_sets" / "项目甲-自评.yaml").read_text(encoding="utf-8")
    assert "          - {no: 1, name: 培训人次, target: \"≧735人次\", weight: 0}   # 原表分值“二十”无法识别，按 0 导入\n" in set_text
    assert '          - {no: 2, name: 覆盖率(%), target: "≥**平方米", weight: 20}\n' in set_text
    assert '          - {no: 3, name: 合格率, weight: 20}   # 原表年度指标值“≥abc”无法识别' in set_text
    ev = read_yaml(str(tmp_path / "out" / "evaluations" / "项目甲-自评.yaml"))
    assert ev["results"]["机制健全性"] == {"actual": "健全", "deviation": "部分制度待修订"}
    assert len(ev["results"]) == 5


def test_several_project_sheets_and_a_cover_sheet(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "本工作簿含两个项目的自评表"
    build_sheet(wb.create_sheet("A"))
    build_sheet(wb.create_sheet("B"), project="项目乙", rows=ROWS_V, total=(100, 98))
    wb.save(tmp_path / "two.xlsx")
    done = write_import(str(tmp_path / "two.xlsx"), str(tmp_path / "out"))
    assert [str(f) for f in done.findings] == [
        f"{tmp_path / 'two.xlsx'}!说明!A1: 提示 PS401 此工作表不是自评表（未找到“三级指标”表头），已跳过"]
    assert sorted(os.listdir(tmp_path / "out" / "evaluations")) == [
        "政府公报编制及印发专项经费-自评.cells.json", "政府公报编制及印发专项经费-自评.yaml",
        "项目乙-自评.cells.json", "项目乙-自评.yaml"]
    assert done.projects == 2 and done.problems == []


def test_import_refuses_to_overwrite(tmp_path: Path) -> None:
    from perfscore.errors import PerfscoreError

    book = make_workbook(tmp_path / "自评表.xlsx")
    write_import(str(book), str(tmp_path))
    ev = tmp_path / "evaluations" / "政府公报编制及印发专项经费-自评.yaml"
    ev.write_text("# 我改过\n" + ev.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(PerfscoreError) as exc:
        write_import(str(book), str(tmp_path))
    assert exc.value.message.startswith("文件已存在，未覆盖（确需覆盖请加 --force）：")
    assert ev.read_text(encoding="utf-8").startswith("# 我改过\n")


def test_not_an_xlsx_is_bad_input(tmp_path: Path) -> None:
    from perfscore.errors import PerfscoreError

    bad = tmp_path / "old.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0 not a zip")
    with pytest.raises(PerfscoreError) as exc:
        read_workbook(str(bad))
    assert str(exc.value) == f"{bad}: 不是 .xlsx 工作簿（旧版 .xls 请先在 Excel 或 WPS 中另存为 .xlsx）"


def test_cli_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from perfscore.cli import app

    monkeypatch.chdir(tmp_path)
    make_workbook(tmp_path / "自评表.xlsx")
    out = CliRunner().invoke(app, ["import", "自评表.xlsx", "-o", "out"])
    assert out.exit_code == 0
    assert out.stdout == """\
已写入 out/indicator_sets/政府公报编制及印发专项经费-自评.yaml
已写入 out/indicator_sets/政府公报编制及印发专项经费-自评.cells.json
已写入 out/evaluations/政府公报编制及印发专项经费-自评.yaml
已写入 out/evaluations/政府公报编制及印发专项经费-自评.cells.json
导入完成：1 个项目，0 处单元格未能识别
自评表.xlsx：表格 1 个，导入 1 个，跳过 0 个；导入的表格中 1 个单元格未使用
"""
