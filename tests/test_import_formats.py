"""perfscore import's readers: xlsx as Excel displays it, bounded archives, html, docx and PDF grids."""
from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from perfscore.authoring.grids import read_grids
from perfscore.errors import PerfscoreError


def test_general_format_shows_15_significant_digits(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = 99.59999999999999        # what Excel stores for a cell it displays as 99.6
    ws["A2"] = 0.1 + 0.2                # 0.30000000000000004
    ws["A3"] = 123456789012345678       # 18 digits: General shows 1.23456789012346E+17; the value to 15
    ws["A4"] = 12.5
    ws["A5"] = 99.59999999999999
    ws["A5"].number_format = "0.00"     # a format of its own wins
    ws["A6"] = 0.9549999999999999
    ws["A6"].number_format = "0.0%"
    ws["A7"] = 1912.4
    ws["A7"].number_format = "#,##0.00_ ;[Red]-#,##0.00 "
    wb.save(tmp_path / "b.xlsx")
    sheet = read_grids(str(tmp_path / "b.xlsx"))[0]
    assert [sheet.text(r, 1) for r in range(1, 8)] == ["99.6", "0.3", "123456789012346000", "12.5", "99.60",
                                                       "95.5%", "1912.40"]
    assert str(sheet.cells[(1, 1)].number) == "99.6"


@pytest.mark.parametrize("entries, message", [
    ({f"x{i}.xml": b"" for i in range(10_001)}, "压缩包条目过多（10001 个，上限 10000），未读取"),
    ({"xl/worksheets/sheet1.xml": b"0" * (8 * 1024 * 1024)}, "疑为压缩炸弹"),
])
def test_a_zip_bomb_is_refused_before_it_is_read(tmp_path: Path, entries: dict[str, bytes], message: str) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    with pytest.raises(PerfscoreError) as exc:
        read_grids(str(bomb))
    assert message in exc.value.message and exc.value.file == str(bomb)


def test_a_dtd_in_a_workbook_is_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    wb.save(tmp_path / "ok.xlsx")
    with zipfile.ZipFile(tmp_path / "ok.xlsx") as src, zipfile.ZipFile(tmp_path / "dtd.xlsx", "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                doctype = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>'
                data = data.replace(b"?>", b"?>" + doctype, 1) if data.startswith(b"<?xml") else doctype + data
            dst.writestr(item, data)
    with pytest.raises(PerfscoreError) as exc:
        read_grids(str(tmp_path / "dtd.xlsx"))
    assert exc.value.message.startswith("工作簿结构损坏，无法读取")


def _patched(tmp_path: Path, name: str, sheet_xml: Callable[[bytes], bytes]) -> Path:
    """A one-cell workbook whose sheet XML is edited by hand (openpyxl would build every merged cell)."""
    wb = openpyxl.Workbook()
    wb.active["A1"] = "标题"
    wb.save(tmp_path / "base.xlsx")
    out = tmp_path / name
    with zipfile.ZipFile(tmp_path / "base.xlsx") as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, sheet_xml(data) if item.filename == "xl/worksheets/sheet1.xml" else data)
    return out


def test_a_huge_merge_is_clipped_and_a_far_cell_refused(tmp_path: Path) -> None:
    merged = _patched(tmp_path, "merge.xlsx", lambda x: x.replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'))
    sheet = read_grids(str(merged))[0]
    assert (sheet.max_row, sheet.max_col, len(sheet.merged)) == (1, 1, 0)
    far = _patched(tmp_path, "far.xlsx", lambda x: x.replace(
        b"</sheetData>", b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))
    with pytest.raises(PerfscoreError) as exc:
        read_grids(str(far))
    assert exc.value.message == "工作表“Sheet”的单元格 A1048576 超出可读范围（100000 行、1000 列），未读取"


def test_html_tables_keep_rowspan_colspan_and_locations(tmp_path: Path) -> None:
    page = tmp_path / "页.html"
    page.write_text("""<html><body><p>某项目绩效自评表（2023年度）</p><table>
<tr><td rowspan="2">产出指标</td><td colspan="2">数量<br>指标</td><td>5</td></tr>
<tr><td>甲</td><td>乙</td><td><span class="codes">PS201</span>6</td></tr>
</table></body></html>""", encoding="utf-8")
    grid = read_grids(str(page))[0]
    assert {k: (c.text, c.ref) for k, c in grid.cells.items()} == {
        (1, 1): ("产出指标", "#table 1 r1c1"), (1, 2): ("数量\n指标", "#table 1 r1c2"), (1, 4): ("5", "#table 1 r1c4"),
        (2, 2): ("甲", "#table 1 r2c2"), (2, 3): ("乙", "#table 1 r2c3"), (2, 4): ("6", "#table 1 r2c4")}
    assert grid.merged == {(2, 1): (1, 1), (1, 3): (1, 2)}
    assert grid.caption == "某项目绩效自评表（2023年度）"


@pytest.mark.parametrize("name, content, message", [
    ("坏.pdf", b"%PDF-1.4 garbage", "不是可读取的 PDF（No /Root object! - Is this really a PDF?）"),
    ("坏.docx", b"PK\x03\x04garbage", "不是 .docx 文档（旧版 .doc 请先在 Word 或 WPS 中另存为 .docx）"),
    ("坏.txt", b"\x00\x01\xff\xfe", "文本编码无法识别（请存为 UTF-8）"),
    ("旧.xls", b"\xd0\xcf\x11\xe0", "不是 .xlsx 工作簿（旧版 .xls 请先在 Excel 或 WPS 中另存为 .xlsx）"),
    ("表.csv", b"a,b", "不支持的文件类型“.csv”：可导入 .xlsx、.xlsm、.docx、.html、.htm、.pdf、.txt、.md、.markdown"),
])
def test_a_document_that_cannot_be_read_is_bad_input(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    doc = tmp_path / name
    doc.write_bytes(content)
    with pytest.raises(PerfscoreError) as exc:
        read_grids(str(doc))
    assert (exc.value.message, exc.value.file) == (message, str(doc))


def test_text_with_one_cell_per_line_is_read_as_rows(tmp_path: Path) -> None:
    """Some pages' text puts each cell on a line of its own (``值 |``, an empty cell ``|``), a row ending
    with a line of pipes; each cell keeps its own line."""
    doc = tmp_path / "页.txt"
    doc.write_text("项目名称 |\n社区图书角 |\n|\n||||\n|\n年度资金总额: |\n30 |\n||\n", encoding="utf-8")
    (grid,) = read_grids(str(doc))
    assert {k: (c.text, c.ref) for k, c in grid.cells.items()} == {
        (1, 1): ("项目名称", ":1"), (1, 2): ("社区图书角", ":2"), (2, 2): ("年度资金总额:", ":6"), (2, 3): ("30", ":7")}


@pytest.mark.parametrize("name, stem", [
    ("政府公报/编制:专项*经费?", "政府公报_编制_专项_经费"),
    ("CON", "_CON"),
    ("nul.项目", "_nul.项目"),
    ("...项目...", "项目"),
    ("项目\x00名\t称", "项目_名_称"),
    ("长" * 200, "长" * 80),
    ("///", "评价"),
])
def test_file_names_are_safe_on_any_file_system(name: str, stem: str) -> None:
    from perfscore.authoring.importer import safe_name

    assert safe_name(name) == stem
