"""The tables of a Word document (.docx, python-docx) as grids: merged cells (gridSpan, vMerge)
kept as merged ranges, each cell located as ``表.docx#table 2 r5c7``, the paragraphs just above
a table kept as its caption (its title, with the year)."""
from __future__ import annotations

from typing import Any

from ..errors import PerfscoreError
from .archive import Archive
from .grids import Collected, number_of
from .xlsxread import Cell, Sheet


def docx_grids(path: str) -> list[Sheet]:
    with Archive(path, "不是 .docx 文档（旧版 .doc 请先在 Word 或 WPS 中另存为 .docx）") as archive:
        if "word/document.xml" not in archive.names():
            raise PerfscoreError("不是 .docx 文档（缺少 word/document.xml）", path)
        for name in archive.names():
            archive.read(name)             # every entry within the bound before python-docx reads it
    import docx
    from docx.table import Table

    try:
        document = docx.Document(path)
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on a damaged file
        raise PerfscoreError(f"无法读取 .docx（{exc}）", path) from None
    grids = Collected(path)
    above: list[str] = []
    count = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")).strip()
            if text:
                above.append(text)
        elif tag == "tbl":
            count += 1
            grids.add(_grid(Table(child, document), count), above)
            above.clear()
    return grids


def _grid(table: Any, n: int) -> Sheet:
    sheet = Sheet(f"表格 {n}", located=True)
    first: dict[Any, tuple[int, int]] = {}          # a cell's XML element (kept alive here) → its top-left
    for r, row in enumerate(table.rows, start=1):
        for c, cell in enumerate(row.cells, start=1):
            key = cell._tc
            if key in first:
                sheet.merged[(r, c)] = first[key]
                continue
            first[key] = (r, c)
            text = "\n".join(p.text for p in cell.paragraphs).strip()
            if text:
                sheet.cells[(r, c)] = Cell(r, c, text, number_of(text), None, f"#table {n} r{r}c{c}")
            sheet.max_col = max(sheet.max_col, c)
        sheet.max_row = r
    return sheet
