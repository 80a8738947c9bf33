"""The 自评表 as an Excel workbook in the 财预〔2020〕10号 附1 layout, printable on A4 landscape.

Sheet 自评表: the paper form (see :mod:`.form`), borders, wrapping, row heights estimated from the
text so merged and wrapped cells print whole, the 绩效指标 header repeated on every page,
fitted to the page width. With ``compare``: declared and computed scores side by side,
differing cells red, each finding's message as a cell comment, and a sheet 问题清单.

A hidden sheet ``perfscore`` carries the record (:func:`.sheet.record`): the set and the
evaluation as YAML text, so that ``perfscore import`` gives back what the form has no place
for (rules, grade scale, evidence, facts, checklist inputs, subtotals, the set's metadata).
The visible form stays the authority: what a user changes there wins on import.
xlsxwriter is imported only here (lazily, through :mod:`.safe`).
"""
from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING, Any, Iterable

from .form import Cell, Form, layout
from .safe import Formats, merge_cells, new_workbook, write_cell
from .sheet import RECORD_SHEET, build, display_path, record

if TYPE_CHECKING:
    from ..findings import Finding
    from ..scoring import Scorecard

FONT = "宋体"
LINE_HEIGHT = 14.0                   # points per line of 10-point text
RED = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}
YELLOW = {"bg_color": "#FFEB9C"}
ROLES: dict[str, dict[str, Any]] = {
    "title": {"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"},
    "label": {"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1},
    "head": {"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1,
             "bg_color": "#F2F2F2"},
    "text": {"align": "left", "valign": "vcenter", "text_wrap": True, "border": 1},
    "center": {"align": "center", "valign": "vcenter", "text_wrap": True, "border": 1},
    "num": {"align": "center", "valign": "vcenter", "border": 1},
    "rate": {"align": "center", "valign": "vcenter", "border": 1, "num_format": "0.00"},
    "dash": {"align": "center", "valign": "vcenter", "border": 1},
}
FORM_SHEET = "自评表"
CHUNK = 30000                        # characters per cell of the record (Excel holds 32,767)
FINDING_COLUMNS = (("代码", 8), ("严重程度", 9), ("文件", 40), ("行", 6), ("列", 6), ("指标", 36), ("说明", 70),
                   ("申报值", 9), ("复核值", 9))


def print_setup(ws: Any, repeat: tuple[int, int] | None = None) -> None:
    """A4 landscape, fitted to one page wide, centred, page numbers in the footer."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer("&C第 &P 页 共 &N 页")
    if repeat is not None:
        ws.repeat_rows(*repeat)


def render(card: "Scorecard", findings: Iterable["Finding"] | None = None, compare: bool = False) -> bytes:
    sheet = build(card, findings, compare)
    buffer = io.BytesIO()
    wb = new_workbook(buffer)
    formats = Formats(wb, {"font_name": FONT, "font_size": 10})
    ws = wb.add_worksheet(FORM_SHEET)
    form = layout(sheet, workbook=True)
    _draw(ws, form, formats)
    if compare:
        findings_sheet(wb.add_worksheet("问题清单"), sheet.findings, formats)
    parts = record_parts(record(card, sheet, FORM_SHEET))
    if parts is not None:
        record_sheet(wb.add_worksheet(RECORD_SHEET), parts, formats)
    wb.close()
    return buffer.getvalue()


def _style(formats: Formats, cell: Cell, compare: bool) -> tuple[Any, Any]:
    props = dict(ROLES[cell.role])
    if compare and cell.bad:
        props.update(RED)
    elif compare and cell.note:
        props.update(YELLOW)
    return formats(**props)


def _draw(ws: Any, form: Form, formats: Formats) -> None:
    for c, w in enumerate(form.widths):
        ws.set_column(c, c, w)
    compare = form.compare
    lines = [1] * form.nrows
    for cell in form.cells:
        style = _style(formats, cell, compare)
        merge_cells(ws, cell.row, cell.col, cell.row + cell.rows - 1, cell.col + cell.cols - 1, cell.value, style)
        if cell.note:
            ws.write_comment(cell.row, cell.col, cell.note, {"author": "perfscore", "x_scale": 3, "y_scale": 2})
        if cell.rows == 1 and cell.role != "title":
            room = sum(form.widths[cell.col:cell.col + cell.cols])
            lines[cell.row] = max(lines[cell.row], _lines(cell.value, room))
    for r, n in enumerate(lines):
        ws.set_row(r, 30 if r == 0 else LINE_HEIGHT * n + 4)
    print_setup(ws, (form.header_row, form.header_row))


def _lines(value: Any, room: int) -> int:
    """Printed lines a wrapped text needs in a cell ``room`` characters wide (CJK counts two)."""
    if not isinstance(value, str) or not value:
        return 1
    from wcwidth import wcswidth

    usable = max(room - 1, 1)
    return sum(max(1, math.ceil(max(wcswidth(part), len(part)) / usable)) for part in value.split("\n"))


def findings_sheet(ws: Any, findings: Iterable["Finding"], formats: Formats) -> int:
    """The 问题清单 sheet: one row per finding with its place; returns the rows written."""
    from ..findings import SEVERITY_WORD

    head = formats(bold=True, border=1, bg_color="#F2F2F2", align="center", valign="vcenter")
    body = formats(border=1, valign="top", text_wrap=True)
    for c, (name, width) in enumerate(FINDING_COLUMNS):
        ws.set_column(c, c, width)
        write_cell(ws, 0, c, name, head)
    ws.freeze_panes(1, 0)
    n = 0
    for n, f in enumerate(findings, 1):
        values = [f.code, SEVERITY_WORD[f.severity], display_path(f.file), f.line, f.column, f.indicator, f.message,
                  f.declared, f.computed]
        for c, v in enumerate(values):
            write_cell(ws, n, c, v, body)
    ws.autofilter(0, 0, max(n, 1), len(FINDING_COLUMNS) - 1)
    print_setup(ws, (0, 0))
    return n



def record_parts(data: dict[str, Any]) -> list[tuple[str, str]] | None:
    """The record as (part, YAML text) rows, each text at most :data:`CHUNK` characters (a long part
    continues on the next row under the same name). None when a part would not read back as
    written (then the workbook carries no record and imports from its form alone)."""
    from ..yamltext import dump
    from ..yamlio import read_yaml
    from .safe import printable

    rows: list[tuple[str, str]] = []
    for part, value in data.items():
        if not isinstance(value, dict):
            rows.append((part, str(value)))
            continue
        text = dump(value)
        try:
            back = read_yaml(f"<{RECORD_SHEET}:{part}>", text)
        except Exception:  # noqa: BLE001 - a text that does not load back is not written
            return None
        if printable(text) != text or back != value:
            return None
        lines = text.splitlines(keepends=True)
        chunk = ""
        for line in lines:
            if chunk and len(chunk) + len(line) > CHUNK:
                rows.append((part, chunk))
                chunk = ""
            chunk += line
        rows.append((part, chunk))
    return rows


def record_sheet(ws: Any, parts: list[tuple[str, str]], formats: Formats) -> None:
    """The hidden sheet: A1 the format mark, A2 a word to whoever unhides it, then one row per part."""
    from .sheet import RECORD_FORMAT

    text = formats(valign="top", text_wrap=True)
    write_cell(ws, 0, 0, RECORD_FORMAT, text)
    write_cell(ws, 1, 0, "说明", text)
    write_cell(ws, 1, 1, "perfscore 导出时写入的原始数据（YAML），供 perfscore import 还原表上没有位置的内容"
                         "（评分规则、等级标准、佐证、事实、要点、汇总分、指标体系信息）。"
                         "请改可见的“自评表”：导入时以表中单元格为准，此页与之不符处会提示（PS401）。", text)
    ws.set_column(0, 0, 12)
    ws.set_column(1, 1, 100)
    for n, (part, chunk) in enumerate(parts, 2):
        write_cell(ws, n, 0, part, text)
        write_cell(ws, n, 1, chunk, text)
    ws.hide()
