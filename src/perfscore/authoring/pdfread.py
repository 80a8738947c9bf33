"""The tables of a PDF as grids (pdfplumber, ruled tables): merged cells kept as merged ranges,
each cell located as ``决算.pdf#page=12 r8c6`` (``#page=12 table 2 r8c6`` for a page's second table).

A table continued on the next page is joined to it by :func:`perfscore.authoring.grids.join_grids`.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..errors import PerfscoreError
from ..limits import MAX_PDF_PAGES
from .grids import Collected, number_of
from .xlsxread import Cell, Sheet

# Fonts of browser-printed PDFs map some characters to Kangxi radicals (⽬ U+2F6C for 目):
# taken back to the unified ideographs they stand for.
_RADICALS = re.compile("[\u2e80-\u2fdf]")


def pdf_grids(path: str) -> list[Sheet]:
    import logging

    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(path)
        pages = pdf.pages
    except (PDFSyntaxError, ValueError, OSError, PdfminerException) as exc:
        raise PerfscoreError(f"不是可读取的 PDF（{exc}）", path) from None
    logging.getLogger("pdfminer").setLevel(logging.ERROR)     # font warnings of browser-printed PDFs
    grids = Collected(path)
    with pdf:
        if len(pages) > MAX_PDF_PAGES:
            raise PerfscoreError(f"页数过多（{len(pages)} 页，上限 {MAX_PDF_PAGES}），未读取", path)
        for number, page in enumerate(pages, start=1):
            try:
                tables = page.find_tables()
            except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on damaged pages
                raise PerfscoreError(f"第 {number} 页无法读取（{exc}）", path) from None
            for index, table in enumerate(tables, start=1):
                where = f"#page={number}" + (f" table {index}" if index > 1 else "")
                grid = _grid(table, page, where, f"第{number}页表格{index}")
                top = table.bbox[1]
                above = (page.crop((0, max(0, top - 80), page.width, top)).extract_text() or "") if top > 1 else ""
                grids.add(grid, above.splitlines())
    return grids


def _grid(table: Any, page: Any, where: str, name: str) -> Sheet:
    """One pdfplumber table. A position no cell box covers (a merged cell cut by the page's end has
    no closed box) is read from the page's words in its column's run of such positions, or
    belongs to the cell above it."""
    sheet = Sheet(name, located=True)
    texts = table.extract()
    boxes = [b for b in table.cells if b is not None]
    xs = sorted({round(b[0], 1) for b in boxes} | {round(max(b[2] for b in boxes), 1)})
    tops = [r.bbox[1] for r in table.rows] + [table.rows[-1].bbox[3]]
    xs = _dedupe(xs)
    origin_of: dict[tuple[float, float], tuple[int, int]] = {}
    for r, row in enumerate(table.rows):
        for box in row.cells:
            if box is not None:
                origin_of[(round(box[0], 1), round(box[1], 1))] = (r + 1, _index(xs, box[0]) + 1)
    uncovered: dict[int, list[int]] = {}
    for r, row in enumerate(texts, start=1):
        for c in range(1, len(xs)):
            text = row[c - 1] if c - 1 < len(row) else None
            if text is not None:
                if text.strip():
                    _put(sheet, r, c, text, f"{where} r{r}c{c}")
                continue
            x = (xs[c - 1] + xs[c]) / 2
            y = (tops[r - 1] + tops[r]) / 2
            box = next((b for b in boxes if b[0] - 0.5 <= x <= b[2] + 0.5 and b[1] - 0.5 <= y <= b[3] + 0.5), None)
            origin = origin_of.get((round(box[0], 1), round(box[1], 1))) if box is not None else None
            if origin is not None and origin != (r, c):
                sheet.merged[(r, c)] = origin
            else:
                uncovered.setdefault(c, []).append(r)
        sheet.max_row = max(sheet.max_row, r)
    sheet.max_col = len(xs) - 1
    for c, rows in uncovered.items():
        for run in _runs(rows):
            first, last = run[0], run[-1]
            region = (xs[c - 1], tops[first - 1], xs[c], tops[last])
            text = (page.crop(region).extract_text() or "").strip()
            if text:
                _put(sheet, first, c, text, f"{where} r{first}c{c}")
                above = (first, c)
            else:
                above = sheet.merged.get((first - 1, c), (first - 1, c))
                if above not in sheet.cells:
                    continue
                if above != (first, c):
                    sheet.merged[(first, c)] = above
            for r in run[1:]:
                sheet.merged[(r, c)] = above
    return sheet


# CJK Radicals Supplement characters have no compatibility decomposition: mapped by hand.
_SUPPLEMENT = dict(zip(
    "⺌⺍⺕⺟⺠⺤⺩⺫⺬⺮⺳⺷⺻⻀⻄⻅⻆⻈⻉⻋⻏⻓⻔⻖⻘⻚⻛⻜⻝⻟⻠⻢⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
    "小小彐母民爫王罒示竹网羊聿艸西见角讠贝车阝长门阝青页风飞食飠饣马鬼鱼鸟卤麦黄黾齐齿龙龟"))


def _ideograph(ch: str) -> str:
    return _SUPPLEMENT.get(ch) or unicodedata.normalize("NFKC", ch)


def _put(sheet: Sheet, r: int, c: int, text: str, at: str) -> None:
    text = _RADICALS.sub(lambda m: _ideograph(m.group()), text)
    sheet.cells[(r, c)] = Cell(r, c, text, number_of(text), None, at)


def _dedupe(xs: list[float]) -> list[float]:
    out: list[float] = []
    for x in xs:
        if not out or x - out[-1] > 1.5:
            out.append(x)
    return out


def _index(xs: list[float], x: float) -> int:
    return min(range(len(xs)), key=lambda i: abs(xs[i] - x))


def _runs(rows: list[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for r in sorted(rows):
        if out and r == out[-1][-1] + 1:
            out[-1].append(r)
        else:
            out.append([r])
    return out
