"""Score-sheet exports: the 自评表 in xlsx (附1 layout), csv, markdown and html; safe to open."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

import perfscore
from helpers import SEED
from perfscore.formats import render
from perfscore.formats.safe import printable, csv_text

A = SEED / "政府公报编制及印发专项经费-自评.yaml"
B = SEED / "市政府值班、信息化等专项工作经费-自评.yaml"
C = SEED / "政府公报编制及印发专项经费-部门评价.yaml"
INJECTION = '=HYPERLINK("http://example.com","点我")'
PRINTING = ("产出指标", "数量", "政府公报刊物印刷份数")


def compared(c, fmt: str, explain: bool = False):
    """``score --compare``: the declared beside the computed, with what check says about this evaluation."""
    from perfscore.checks import evaluation_findings

    return render(c, fmt, explain, evaluation_findings(c), compare=True)


def card(path):
    return perfscore.score(perfscore.load_evaluation(str(path)))


def injected():
    """Seed A with a hostile 偏差原因 on 印刷份数."""
    c = card(A)
    item = next(i for i in c.indicators if i.path == PRINTING)
    item.result.deviation = INJECTION
    return c


def workbook(data: bytes):
    openpyxl = pytest.importorskip("openpyxl")
    return openpyxl.load_workbook(io.BytesIO(data))


def number(value) -> Decimal:
    return Decimal(str(value))


# --------------------------------------------------------------------------- safe text

@pytest.mark.parametrize("raw, expected", [
    ("=1+1", "'=1+1"),
    ("+86 123", "'+86 123"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+1", "' =1+1"),
    ("\r=1+1", "'\n=1+1"),
    ("正常文字", "正常文字"),
    ("a\x00b\x1bc\x7f", "abc"),
    ("第一行\r\n第二行", "第一行\n第二行"),
    (None, ""),
])
def test_csv_text_neutralises_formulas_and_strips_controls(raw, expected):
    assert csv_text(raw) == expected


def test_clean_keeps_newlines_and_turns_tabs_into_spaces():
    assert printable("甲\t乙\n丙\x0c") == "甲 乙\n丙"


# --------------------------------------------------------------------------- xlsx

def test_xlsx_of_seed_a_has_the_form_layout():
    ws = workbook(render(card(A), "xlsx"))["自评表"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    # 一级 merged over its rows: 产出指标 9 rows, 效益指标 8 rows (with the 经济/生态效益 "—" rows);
    # 满意度 is a single row and so not merged.
    assert {"B13:B21", "B22:B29"} <= merged
    assert {"C13:C14", "C15:C16", "C17:C19", "C20:C21", "C23:C26", "C28:C29"} <= merged
    assert not any(r.startswith("B30:") for r in merged)
    assert ws["A1"].value == "项目支出绩效自评表（2024年度）"
    assert [ws.cell(12, c).value for c in range(1, 10)] == [
        "绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    assert [ws.cell(r, 2).value for r in (13, 22, 30)] == ["产出指标", "效益指标", "满意度"]
    assert [ws.cell(22, c).value for c in range(3, 9)] == ["经济效益", "—", "—", "—", "—", "—"]
    assert [ws.cell(31, c).value for c in (1, 7, 8)] == ["总分", 97, 95.92]
    assert [ws.cell(32, c).value for c in (1, 7)] == ["评价等级", "优"]
    assert [ws.cell(r, 2).value for r in range(5, 10)] == [
        "年度资金总额", "其中：财政拨款", "上年结转资金", "其他资金", "偏差原因及整改措施"]   # lines by their own names
    assert [ws.cell(5, c).value for c in range(4, 10)] == [40, 40, 40, 10, 100, 10]


def test_xlsx_values_equal_the_json_output():
    c = card(A)
    data = json.loads(render(c, "json"))
    ws = workbook(render(c, "xlsx"))["自评表"]
    rows = {ws.cell(r, 4).value.split("：", 1)[-1]: r for r in range(13, 31)}   # "指标 2：名称" as printed
    assert len(data["indicators"]) == 16
    for item in data["indicators"]:
        r = rows[item["path"][-1]]
        weight, target, actual, score = (ws.cell(r, c).value for c in (7, 5, 6, 8))
        assert number(weight) == Decimal(item["weight"])
        assert str(target) == item["target"] if not isinstance(target, float) else number(target) == Decimal(item["target"])
        assert number(actual) == Decimal(item["actual"]) if not isinstance(actual, str) else actual == item["actual"]
        assert number(score) == Decimal(item["score"])
    assert number(ws["H31"].value) == Decimal(data["total"]) == Decimal("95.92")
    assert ws["G32"].value == data["grade"] == "优"
    budget = data["budget"]
    assert [number(ws.cell(5, c).value) for c in (4, 5, 6, 7, 8, 9)] == [
        Decimal(budget[k]) for k in ("initial", "annual", "executed", "weight", "rate", "score")]


def test_xlsx_prints_a4_landscape_fitted_to_width_with_repeated_header():
    ws = workbook(render(card(B), "xlsx"))["自评表"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$12:$12"
    assert ws["D13"].alignment.wrap_text is True
    assert ws["D13"].border.left.style == "thin"
    assert ws.column_dimensions["D"].width > ws.column_dimensions["G"].width


def test_xlsx_compare_puts_declared_beside_computed_with_comments_and_a_findings_sheet():
    wb = workbook(compared(card(A), "xlsx"))
    ws = wb["自评表"]
    assert [ws.cell(12, c).value for c in (8, 9)] == ["申报得分", "复核得分"]
    assert [ws.cell(14, c).value for c in (4, 8, 9)] == ["指标 2：政府公报刊物印刷份数", 5, 2.54]
    assert ws["H14"].fill.fgColor.rgb == "FFFFC7CE" and ws["I14"].fill.fgColor.rgb == "FFFFC7CE"
    assert ws["H13"].fill.fgColor.rgb != "FFFFC7CE"
    assert ws["H14"].comment.text.splitlines()[0] == "PS201 错误：申报得分5超过分值3"
    assert [line[:5] for line in ws["H14"].comment.text.splitlines()] == ["PS201", "PS203", "PS205"]
    assert [ws.cell(31, c).value for c in (1, 7, 8, 9)] == ["总分", 100, 96, 95.92]   # 分值 as declared
    assert ws["H31"].comment.text.splitlines() == ["PS102 错误：一级指标合计87 + 预算执行率10 = 97，不等于指标体系总分100",
                                                   "PS202 错误：各项申报得分合计99，而申报总分为96"]
    assert ws["G31"].comment.text == "复核分值合计97" and ws["G31"].fill.fgColor.rgb == "FFFFC7CE"
    findings = list(wb["问题清单"].iter_rows(values_only=True))
    assert findings[0] == ("代码", "严重程度", "文件", "行", "列", "指标", "说明", "申报值", "复核值")
    assert sorted(r[0] for r in findings[1:]) == ["PS102", "PS108", "PS108", "PS201", "PS202", "PS203", "PS203",
                                                 "PS205", "PS205"]
    ps201 = next(r for r in findings if r[0] == "PS201")
    assert ps201[3:] == (26, 12, "产出指标 > 数量 > 政府公报刊物印刷份数", "申报得分5超过分值3", 5, 3)


def test_xlsx_compare_of_clean_seed_b_highlights_nothing():
    ws = workbook(compared(card(B), "xlsx"))["自评表"]
    reds = [c.coordinate for row in ws.iter_rows() for c in row if c.fill.fgColor.rgb == "FFFFC7CE"]
    assert reds == []
    assert [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)].count("总分") == 1


def test_xlsx_hyperlink_deviation_is_inert_text():
    wb = workbook(compared(injected(), "xlsx"))
    ws = wb["自评表"]
    cell = ws["J14"]
    assert cell.value == INJECTION
    assert cell.data_type == "s" and cell.quotePrefix is True
    assert not any(c.data_type == "f" for s in wb for row in s.iter_rows() for c in row)
    assert ws["E13"].value == "=12 期" and ws["E13"].data_type == "s"


def test_xlsx_department_evaluation_has_its_own_title_and_no_funds_score_block_when_no_budget_item():
    ws = workbook(render(card(C), "xlsx"))["自评表"]
    assert ws["A1"].value == "项目支出绩效部门评价表（2024年度）"
    totals = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "总分"]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "绩效指标")
    score = next(c for c in range(1, ws.max_column + 1) if ws.cell(header, c).value == "得分")
    assert ws.cell(header, 6).value == "评分标准"
    assert len(totals) == 1 and ws.cell(totals[0], score).value == 96


# --------------------------------------------------------------------------- csv

def test_csv_starts_with_the_bom_and_has_one_row_per_indicator_with_its_path():
    text = render(card(A), "csv")
    assert text.startswith("\ufeff一级指标,二级指标,三级指标,指标路径,")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == ["一级指标", "二级指标", "三级指标", "指标路径", "年度指标值", "实际完成值", "分值", "得分", "申报得分",
                       "状态", "偏差原因分析及改进措施"]
    assert rows[1] == ["预算执行率", "", "", "预算执行率", "100%", "100%", "10", "10", "10", "已计分", ""]
    assert len(rows) == 1 + 1 + 16                       # header, 预算执行率, 16 indicators (no "—" rows)
    assert rows[3][:10] == ["产出指标", "数量", "政府公报刊物印刷份数", "产出指标 > 数量 > 政府公报刊物印刷份数",
                            "'=31200 份", "26400", "3", "2.54", "5", "已计分"]
    assert rows[-1][3:9] == ["满意度 > 满意度 > 服务对象满意度(%)", "90", "86", "14", "13.38", "14"]


def test_csv_compare_and_explain_add_their_columns():
    rows = list(csv.reader(io.StringIO(compared(card(A), "csv", explain=True)[1:])))
    assert rows[0][-2:] == ["计分说明", "问题"]
    assert rows[3][-2] == "实际26400份，目标=31200份，完成率26400/31200=84.62%，3×26400/31200，得2.54/3"
    assert [line[:5] for line in rows[3][-1].splitlines()] == ["PS201", "PS203", "PS205"]


def test_csv_hyperlink_deviation_is_inert_text():
    rows = list(csv.reader(io.StringIO(render(injected(), "csv")[1:])))
    assert rows[3][10] == "'" + INJECTION


# --------------------------------------------------------------------------- markdown

def test_markdown_escapes_pipes_and_markup():
    c = injected()
    item = next(i for i in c.indicators if i.path == PRINTING)
    item.result.deviation = "纸质|线上 <b>x</b>\n第二行"
    text = render(c, "md")
    line = next(x for x in text.splitlines() if "政府公报刊物印刷份数" in x)
    assert line == ("|  |  | 政府公报刊物印刷份数 | =31200 份 | 26400 | 3 | 2.54 | "
                    "纸质\\|线上 &lt;b&gt;x&lt;/b&gt;<br>第二行 |")
    assert line.count(" | ") == 7                        # still eight cells


def test_markdown_form_of_seed_a():
    text = render(card(A), "md")
    assert text.startswith("# 项目支出绩效自评表（2024年度）\n")
    assert "| 年度资金总额 | 40 | 40 | 40 | 10 | 100 | 10 |" in text
    assert "| 效益指标 | 经济效益 | — | — | — | — | — |  |" in text
    assert text.rstrip().endswith("**总分**：95.92（分值合计97）\n\n**评价等级**：优")


def test_markdown_compare_marks_differences_and_lists_findings():
    text = compared(card(A), "md")
    assert "| 满意度 | 满意度 | 服务对象满意度(%) | 90 | 86 | 14 | 14 | **13.38** ⚠ |  |" in text
    assert "## 问题清单" in text
    assert text.count("| PS20") == 6                     # PS201, PS202, PS203 ×2, PS205 ×2


# --------------------------------------------------------------------------- html

def test_html_is_self_contained_and_prints_a4_landscape():
    text = render(card(B), "html")
    assert text.startswith("<!DOCTYPE html>")
    assert "@page { size: A4 landscape;" in text
    assert '"Noto Serif CJK SC"' in text and '"SimSun"' in text
    assert "<thead>" in text and text.count("<table>") == 2
    for external in ("<script", "<link", "src=", "http://", "https://", "@import", "url("):
        assert external not in text
    assert '<td class="center" rowspan="18">产出指标</td>' in text
    assert '<td class="label" colspan="6">总分</td><td class="num">100</td><td class="num">100</td>' in text


def test_html_hyperlink_deviation_is_inert_text():
    text = compared(injected(), "html")
    assert "=HYPERLINK(&quot;http://example.com&quot;,&quot;点我&quot;)" in text
    assert "<a " not in text and 'HYPERLINK("' not in text
    assert 'mso-number-format: "\\@"' in text


def test_html_compare_highlights_findings():
    text = compared(card(A), "html")
    cell = next(x for x in text.split("<td") if "PS201 PS203 PS205" in x)
    assert cell.startswith(' class="num bad" title="PS201 错误：申报得分5超过分值3\n')
    assert '<table class="findings">' in text and text.count('<td class="center sev-') == 18


# --------------------------------------------------------------------------- odd shapes

ODD_SET = """
indicator_set: odd
total: 100
budget: {weight: 10}
indicators:
  - name: 产出指标
    children:
      - name: 数量
        children:
          - name: 培训
            children:
              - {name: 培训人次, target: "≥100人次", weight: 20}
              - {name: 培训场次, target: "≥4场", weight: 20}
      - {name: 直属指标, target: "≥10个", weight: 20}
  - {name: 空一级, children: []}
  - name: 效益指标
    children:
      - {name: 经济效益, children: []}
      - name: 社会效益
        children:
          - {name: 受益人数, target: "≥1000人", weight: 30}
"""
ODD_EVAL = """
project: 形状测试
department: 测试部门
year: 2025
kind: 自评
indicator_set: odd
funds: {initial: 10, annual: 8, executed: 6, lines: [{name: 上年结转, initial: 0, annual: 2, executed: 1}]}
results:
  培训人次: {actual: 100}
  培训场次: {not_applicable: 疫情停办}
  直属指标: {actual: 10}
"""


def test_paper_form_rows_for_deep_shallow_empty_and_unscored_indicators(write):
    write("indicator_sets/odd.yaml", ODD_SET)
    path = write("evaluations/odd.yaml", ODD_EVAL)
    from perfscore.formats.sheet import build

    sheet = build(card(path))
    got = [(r.level1, r.level2, r.level3, r.status, r.span1, r.span2) for r in sheet.rows]
    assert got == [
        ("产出指标", "数量", "培训 > 培训人次", "scored", 3, 2),
        ("产出指标", "数量", "培训 > 培训场次", "not_applicable", 0, 0),
        ("产出指标", "—", "直属指标", "scored", 0, 1),
        ("空一级", "—", "—", "empty", 1, 1),
        ("效益指标", "经济效益", "—", "empty", 2, 1),
        ("效益指标", "社会效益", "受益人数", "missing", 0, 1),
    ]
    funds = [(f.label, f.initial, f.annual, f.executed, f.rate) for f in sheet.funds]
    assert funds == [("年度资金总额", Decimal(10), Decimal(8), Decimal(6), Decimal("75.00")),
                     ("其中：当年财政拨款", None, None, None, None),
                     ("上年结转", Decimal(0), Decimal(2), Decimal(1), Decimal("50.00")),   # its own name
                     ("其他资金", None, None, None, None)]
    ws = workbook(render(card(path), "xlsx"))["自评表"]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "绩效指标")
    assert [ws.cell(header + 2, c).value for c in (4, 8)] == ["培训 > 培训场次", "不适用"]
    assert [ws.cell(header + 6, c).value for c in (4, 8)] == ["受益人数", "缺实际值"]
    assert {f"B{header + 1}:B{header + 3}", f"C{header + 1}:C{header + 2}", f"B{header + 5}:B{header + 6}"} <= {
        str(r) for r in ws.merged_cells.ranges}
