"""perfscore import of documents that are not workbooks: text extracted from a PDF, markdown,
and the real published tables of ../shared (read in place; skipped when absent)."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from perfscore.authoring.grids import read_grids
from perfscore.authoring.importer import read_document, write_import

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_TXT = SHARED / "seed" / "000_fd22b88f1956ab5b.txt"
REAL = SHARED / "real-tables"
REAL_FILES = sorted(p for p in REAL.glob("[0-9][0-9]-*") if p.suffix in (".txt", ".md")) if REAL.is_dir() else []


def _yaml(path: Path) -> Any:
    from perfscore.yamlio import read_yaml

    return read_yaml(str(path), path.read_text(encoding="utf-8"))


def _score(path: Path) -> object:
    import perfscore

    return perfscore.score(perfscore.load_evaluation(str(path)))


@pytest.mark.skipif(not SEED_TXT.exists(), reason="../shared/seed is absent")
def test_seed_text_gives_both_self_evaluations_and_the_department_indicator_set(tmp_path: Path) -> None:
    done = write_import(str(SEED_TXT), str(tmp_path))
    assert done.problems == []
    names = sorted(p.name for p in (tmp_path / "indicator_sets").glob("*.yaml"))
    assert names == ["市政府值班、信息化等专项工作经费-自评.yaml", "政府公报编制及印发专项经费-自评.yaml",
                     "景德镇市人民政府办公室政府公报编辑发行项目绩效评价指标体系-部门评价.yaml"]
    a = _score(tmp_path / "evaluations" / "政府公报编制及印发专项经费-自评.yaml")
    rows = {r.node.name: r for r in a.indicators if r.score is not None}  # type: ignore[attr-defined]
    declared = a.evaluation.declared.total  # type: ignore[attr-defined]
    hand = _score(ROOT / "evaluations" / "2024" / "景德镇市人民政府办公室" / "政府公报编制及印发专项经费-自评.yaml")
    hand_rows = {r.node.name: r.score for r in hand.indicators if r.score is not None}  # type: ignore[attr-defined]
    assert (str(a.total), str(declared)) == ("95.92", "96")  # type: ignore[attr-defined]
    assert {k: r.score for k, r in rows.items()} == hand_rows
    assert (str(rows["政府公报刊物印刷份数"].score), str(rows["服务对象满意度(%)"].score)) == ("2.54", "13.38")
    b = _score(tmp_path / "evaluations" / "市政府值班、信息化等专项工作经费-自评.yaml")
    assert (b.total, b.evaluation.declared.total) == (Decimal(100), Decimal(100))  # type: ignore[attr-defined]


@pytest.mark.skipif(not SEED_TXT.exists(), reason="../shared/seed is absent")
def test_seed_text_values_are_located_by_line(tmp_path: Path) -> None:
    from perfscore.cells import cell_of

    write_import(str(SEED_TXT), str(tmp_path))
    ev = tmp_path / "evaluations" / "政府公报编制及印发专项经费-自评.yaml"
    assert cell_of(ev, ["results", "政府公报刊物印刷份数", "score"]) == f"{SEED_TXT}:551"
    assert cell_of(ev, ["declared", "total"]) == f"{SEED_TXT}:573"
    from perfscore.checks import check

    found = {(f.code, f.file) for f in check([str(tmp_path)]).findings if f.code in ("PS201", "PS202")}
    assert found == {("PS201", f"{SEED_TXT}:551"), ("PS202", f"{SEED_TXT}:573")}
    st = tmp_path / "indicator_sets" / "市政府值班、信息化等专项工作经费-自评.yaml"
    data = _yaml(st)
    quality = data["indicators"][0]["children"][1]
    # 质量 is printed mid-way in its merged cell (line 598); it names the run 指标 1…8 from line 594
    assert (quality["name"], len(quality["children"])) == ("质量", 8)
    assert [g["name"] for g in data["indicators"][1]["children"]] == ["经济效益", "社会效益", "生态效益", "可持续影响"]


@pytest.mark.parametrize("path", REAL_FILES, ids=[p.name for p in REAL_FILES])
def test_real_table_imports_and_accounts_for_every_cell(path: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from perfscore.cli import app

    out = CliRunner().invoke(app, ["import", str(path), "-o", str(tmp_path / "out")])
    assert out.exit_code in (0, 1), out.output
    reading = read_document(str(path))
    cells = sum(1 for g in read_grids(str(path)) for c in g.cells.values() if c.text.strip())
    assert sum(t.cells for t in reading.tables) == cells
    for table in reading.tables:
        assert table.used + len(table.unused) == table.cells
        if not table.imported:
            assert table.why and len(table.unused) == table.cells


@pytest.mark.skipif(not (REAL / "07-sichuan-daying-sifaju.txt").exists(), reason="../shared/real-tables is absent")
def test_real_07_text_cut_after_its_targets_is_skipped_not_misread(tmp_path: Path) -> None:
    """07.txt as published: a funds header with a group label of its own column and an indicator
    table cut after 指标值. Read on, it gave false PS208/PS102/PS209; both tables are skipped (the
    cut row, the table's last with no 总计 after it, is not read)."""
    done = write_import(str(REAL / "07-sichuan-daying-sifaju.txt"), str(tmp_path))
    assert (done.projects, [t.why for t in done.tables]) == (0, [
        "表格不完整：未找到“项目名称”（可能是上一页表格的末尾），未导入", "指标表下没有可读的指标行（行已错位或被截断），未导入"])


MARKDOWN = """\
# 项目支出绩效自评表（2023 年度）

| 栏目 | 填写内容 |
| --- | --- |
| 项目名称 | 社区图书角 |
| 主管部门 | 某区文化局 |
| 实施单位 | 某街道办事处 |

## 项目资金情况（万元）

| | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率(%) | 得分 |
| --- | --- | --- | --- | --- | --- | --- |
| 年度资金总额 | 10 | 10 | 9 | 10 | 90% | 9 |
| 其中:本年财政拨款 | 10 | 10 | 9 | | | |

## 绩效指标

| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因及改进措施 |
| --- | --- | --- | --- | --- | --- | --- | --- |
| 产出指标(40分) | 数量指标 | 新增图书册数 | ≥500册 | 520册 | 40 | 40 | |
| 效益指标(30分) | 社会效益指标 | 借阅人次 | ≥1000人次 | 800人次 | 30 | 24 | 开放时间缩短 |
| 满意度指标(20分) | 服务对象满意度指标 | 读者满意度 | ≥90% | 95% | 20 | 20 | |
| 总分 | | | | | 100 | 93 | |

| 栏目 | 填写内容 |
| --- | --- |
| 评价结论 | 结合自评情况,说明项目自评总分和评价等级(200字以内) |
| 存在问题 | 开放时间不足 |
"""


def test_markdown_tables_of_one_document_are_one_table(tmp_path: Path) -> None:
    doc = tmp_path / "表.md"
    doc.write_text(MARKDOWN, encoding="utf-8")
    done = write_import(str(doc), str(tmp_path / "out"))
    assert done.problems == [] and done.projects == 1
    ev = _yaml(tmp_path / "out" / "evaluations" / "社区图书角-自评.yaml")
    assert ev["funds"]["lines"][0]["name"] == "其中:本年财政拨款"        # an ASCII colon round-trips
    # recorded as printed, the form's instruction too: check reports it (PS213), the import does not hide it
    assert ev["narrative"] == {"评价结论": "结合自评情况,说明项目自评总分和评价等级(200字以内)", "存在问题": "开放时间不足"}
    assert "grade" not in ev.get("declared", {})
    assert ev["results"]["借阅人次"] == {"actual": "800人次", "score": Decimal(24), "deviation": "开放时间缩短"}
    st = _yaml(tmp_path / "out" / "indicator_sets" / "社区图书角-自评.yaml")
    assert [n["name"] for n in st["indicators"]] == ["产出指标", "效益指标", "满意度指标"]   # (N分) checked, not kept
    unused = [t for t in done.tables if t.imported][0].unused
    # the transcription's own headers and headings are listed
    assert unused == [(f"{doc}:3", "栏目"), (f"{doc}:3", "填写内容"), (f"{doc}:9", "项目资金情况（万元）"),
                      (f"{doc}:16", "绩效指标"), (f"{doc}:25", "栏目"), (f"{doc}:25", "填写内容")]



def test_a_table_without_its_department_is_imported_with_the_department_left_blank(tmp_path: Path) -> None:
    doc = tmp_path / "表.md"
    lines = [line for line in MARKDOWN.splitlines() if "主管部门" not in line]
    doc.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = write_import(str(doc), str(tmp_path / "out"))
    assert done.projects == 1
    assert done.problems == []
    assert [(f.severity, f.message) for f in done.findings] == [("warning", "未找到“主管部门”，主管部门留空导入；请补填")]
    ev = _yaml(tmp_path / "out" / "evaluations" / "社区图书角-自评.yaml")
    assert ev["department"] == "" and ev["results"]["借阅人次"]["actual"] == "800人次"


def test_scores_printed_without_any_row_weight_are_skipped_not_judged_against_zero(tmp_path: Path) -> None:
    from helpers import write_sheet

    rows = [["项目支出绩效自评表"], ["（2024年度）"], ["项目名称", None, "测试项目"],
            ["主管部门", None, "测试部门", None, "实施单位", None, "测试部门"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            [None, "产出指标", "数量", "印刷份数", "≥100份", "100", None, "30"],
            [None, "满意度指标", "满意度", "服务对象满意度", "≥90%", "95%", None, "20"]]
    done = write_import(str(write_sheet(tmp_path / "表.xlsx", "自评表", rows)), str(tmp_path / "out"))
    assert done.projects == 0
    assert [t.why for t in done.tables] == ["指标行有得分却都没有分值（原表只列了各部分的分数？），未导入"]


def test_check_text_output_names_each_finding_at_its_line_in_the_original(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from helpers import cli

    monkeypatch.chdir(tmp_path)
    Path("表.md").write_text(MARKDOWN.replace("| 100 | 93 | |", "| 100 | 95 | |"), encoding="utf-8")
    assert cli(["import", "表.md", "-o", "out"], capsys)[0] == 0
    code, out, _ = cli(["check", "out"], capsys)
    assert code == 1
    assert out.splitlines() == [
        "out/evaluations/社区图书角-自评.yaml",
        "   表.md:23  错误  PS202  各项申报得分合计93，而申报总分为95",
        "   表.md:27  警告  PS213  残留填表说明：“结合自评情况,说明项目自评总分和评价等级(200字以内)”",
        "            重算总分93，申报总分95，等级优",
        "out/indicator_sets/社区图书角-自评.yaml",
        "   表.md:20  提示  PS108  产出指标: 一级指标“产出指标”分值40，框架“mof-2020-self”为50",
        "   表.md:22  提示  PS108  满意度指标: 一级指标“满意度指标”分值20，框架“mof-2020-self”为10",
        "共检查 2 个文件：错误 1，警告 1，提示 2"]
    # the same places as --format json gives them
    code, out, _ = cli(["check", "out", "--format", "json"], capsys)
    assert sorted(f["file"] for f in json.loads(out)["findings"]) == ["表.md:20", "表.md:22", "表.md:23", "表.md:27"]



def test_funds_rows_that_do_not_line_up_with_their_header_are_left_out(tmp_path: Path) -> None:
    """A group label of the header printed as a column of its own shifts every amount one heading
    to the left: a figure where the row's name belongs. The funds are not guessed (they would give a
    false PS208); the indicators import as printed."""
    doc = tmp_path / "表.md"
    doc.write_text(MARKDOWN.replace("| | 年初预算数 |", "| 预算执行情况 | 年度预算数(万元) | 年初预算数 |"), encoding="utf-8")
    done = write_import(str(doc), str(tmp_path / "out"))
    assert done.problems == []
    assert [(f.file, f.severity, f.message) for f in done.findings] == [
        (f"{doc}:13", "warning", "项目资金行与表头错位（名称处为数字“10”），资金与预算执行率未导入")]
    ev = _yaml(tmp_path / "out" / "evaluations" / "社区图书角-自评.yaml")
    assert ("funds" in ev, "budget" in ev, ev["results"]["借阅人次"]["score"]) == (False, False, Decimal(24))


def test_a_text_table_whose_indicator_rows_have_no_weights_is_skipped(tmp_path: Path) -> None:
    """An excerpt cut after the target column: blank 分值 would import as indicators worth nothing."""
    doc = tmp_path / "表.md"
    cut = "\n".join("| " + " | ".join(line.strip("|").split("|")[:4]) + " | | | | |"
                     if line.startswith(("| 产出", "| 效益", "| 满意")) else line
                     for line in MARKDOWN.replace("| 总分 | | | | | 100 | 93 | |\n", "").splitlines())
    doc.write_text(cut, encoding="utf-8")
    done = write_import(str(doc), str(tmp_path / "out"))
    assert done.projects == 0
    assert [t.why for t in done.tables] == ["指标行都没有分值（表格被截断？），未导入"]


CHROMIUM = "/usr/bin/chromium"
SEED_A = ROOT / "evaluations" / "2024" / "景德镇市人民政府办公室" / "政府公报编制及印发专项经费-自评.yaml"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="没有 /usr/bin/chromium（Debian 包 chromium，由 .ci/run 安装）")
def test_seed_a_html_printed_to_pdf_by_chromium_imports_to_the_same_numbers(tmp_path: Path) -> None:
    import subprocess

    from perfscore.cli import main

    page = tmp_path / "自评表.html"
    assert main(["score", str(SEED_A), "--format", "html", "--compare", "-o", str(page)]) == 0
    pdf = tmp_path / "自评表.pdf"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}",
                    page.as_uri()], check=True, capture_output=True, timeout=120)
    for doc in (page, pdf):
        out = tmp_path / doc.suffix[1:]
        done = write_import(str(doc), str(out))
        assert done.problems == [] and done.projects == 1
        card = _score(out / "evaluations" / "政府公报编制及印发专项经费-自评.yaml")
        rows = {r.node.name: str(r.score) for r in card.indicators if r.score is not None}  # type: ignore[attr-defined]
        assert (str(card.total), str(card.evaluation.declared.total)) == ("95.92", "96")  # type: ignore[attr-defined]
        assert (rows["政府公报刊物印刷份数"], rows["服务对象满意度(%)"], len(rows)) == ("2.54", "13.38", 16)


def test_a_folder_imports_every_document_one_line_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from perfscore.cli import main

    folder = tmp_path / "决算"
    (folder / "二").mkdir(parents=True)
    (folder / "表.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "二" / "坏.xlsx").write_bytes(b"not a zip")
    (folder / "说明.txt").write_text("本文件没有表格。\n", encoding="utf-8")
    code = main(["import", str(folder), "-o", str(tmp_path / "out")])
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{folder}/表.md：表格 1 个，导入 1 个，跳过 0 个；导入的表格中 6 个单元格未使用",
        f"{folder}/说明.txt：表格 0 个，导入 0 个，跳过 0 个",
        f"{folder}/二/坏.xlsx：未导入（不是 .xlsx 工作簿（旧版 .xls 请先在 Excel 或 WPS 中另存为 .xlsx））"]
    assert code == 1
    assert (tmp_path / "out" / "evaluations" / "社区图书角-自评.yaml").exists()


FLATTENED = """\
2023年度项目支出绩效自评表 | |
项目名称 | 社区图书角 |
主管部门 | 某区文化局 | 实施单位 | 某街道办事处 | |
项目资金 (万元) |
年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | |
年度资金总额 | 10 | 10 | 9 | 10 | 90% | 9 |
绩效指标 |
一级指标 | 二级指标 | 三级指标 |
年度指标 值 | 实际完成 值 |
分值 | 得分 | 偏差原因分析及改进措施 | |
产出指标 | 数量指标 | 指标1:新增图书册数 | ≥500册 | 520册 | 40 | 40 | |
指标2:新增书架数 | ≥10个 | 10个 | 20 | 20 | |
效益指标 | 社会效益指标 | 借阅人次 | ≥1000人次 | 800人次 | 30 | 24 | 开放时间缩短 |
总分 | 90 | 84 | |
"""


def test_a_flattened_html_table_as_text_is_put_back_under_its_header(tmp_path: Path) -> None:
    """``|`` text of an html table drops the cells merged down from above (一级, 二级) and breaks
    the header over lines; the rows are put back under their columns."""
    doc = tmp_path / "页.txt"
    doc.write_text(FLATTENED, encoding="utf-8")
    done = write_import(str(doc), str(tmp_path / "out"))
    assert done.problems == [] and done.projects == 1
    ev = _yaml(tmp_path / "out" / "evaluations" / "社区图书角-自评.yaml")
    assert ev["results"] == {"新增图书册数": {"actual": "520册", "score": 40}, "新增书架数": {"actual": "10个", "score": 20},
                             "借阅人次": {"actual": "800人次", "score": 24, "deviation": "开放时间缩短"}}
    assert (ev["funds"], ev["budget"]) == ({"initial": 10, "annual": 10, "executed": 9},
                                           {"weight": 10, "rate": 90, "score": 9})
    assert ev["declared"] == {"weight_total": 90, "total": 84}
    st = _yaml(tmp_path / "out" / "indicator_sets" / "社区图书角-自评.yaml")
    assert [(g["name"], [leaf["name"] for leaf in g["children"]]) for n in st["indicators"] for g in n["children"]] == [
        ("数量指标", ["新增图书册数", "新增书架数"]), ("社会效益指标", ["借阅人次"])]
