"""A small .xlsx reader that keeps every number as the text the file stores.

openpyxl and calamine hand numbers back as binary floats; perfscore builds Decimals
from text only, so the sheet XML is read directly (bounded zip, defusedxml, streamed): cell values
as written in ``<v>``, shared and inline strings, merged ranges, and the number formats
that change what Excel prints (``0.00`` shows 100 as 100.00, ``0%`` shows 0.95 as 95%).
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Iterator
from xml.etree import ElementTree as ET

from ..errors import PerfscoreError
from ..numbers import round_half_up

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_REF_RE = re.compile(r"^([A-Z]+)(\d+)$")
# Built-in number formats whose printed form differs from the stored number.
_BUILTIN_FORMATS = {1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%"}


def col_letter(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def ref(row: int, col: int) -> str:
    return f"{col_letter(col)}{row}"


def split_ref(text: str) -> tuple[int, int]:
    m = _REF_RE.match(text.replace("$", "").upper())
    if not m:
        raise ValueError(text)
    return int(m.group(2)), col_number(m.group(1))


@dataclass(frozen=True)
class Cell:
    """One cell as printed: its text, and its exact number when it is a number cell."""

    row: int
    col: int
    text: str
    number: Decimal | None = None
    formula: str | None = None       # set when the cell holds a formula (its cached value is the text)
    at: str | None = None            # where it is in a document that is not a workbook (``:612``, ``#page=3 r5c7``)

    @property
    def ref(self) -> str:
        return self.at if self.at is not None else ref(self.row, self.col)


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    merged: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)   # cell → top-left
    max_row: int = 0
    max_col: int = 0
    located: bool = False            # cells carry their own location (``Cell.at``): a grid read from a document
    caption: str = ""                # the text just above a table in its document (its title, …)
    flattened: bool = False          # ``|`` text of an html table: rowspan cells dropped from the rows below
    spaced: bool = False             # text whose cells are separated by spaces (flattened too): words split

    def where(self, book: str, at: str) -> str:
        """A location as findings print it: ``表.xlsx!自评表!H14`` or ``决算.txt:612``."""
        return f"{book}{at}" if self.located else f"{book}!{self.name}!{at}"

    def at(self, row: int, col: int) -> str:
        """The location of a grid position: the cell's own, else the nearest filled cell's of its row above."""
        if not self.located:
            return ref(row, col)
        cell = self.get(row, col)
        if cell is not None:
            return cell.ref
        for r in range(row, 0, -1):
            found = [c for (rr, _), c in self.cells.items() if rr == r]
            if found:
                return min(found, key=lambda c: abs(c.col - col)).ref
        first = min(self.cells.values(), key=lambda c: (c.row, c.col), default=None)
        return first.ref if first is not None else ""

    def origin(self, row: int, col: int) -> tuple[int, int]:
        return self.merged.get((row, col), (row, col))

    def get(self, row: int, col: int) -> Cell | None:
        """The cell, or the top-left cell of the merged range that covers it."""
        return self.cells.get(self.origin(row, col))

    def text(self, row: int, col: int) -> str:
        cell = self.get(row, col)
        return cell.text if cell is not None else ""

    def rows(self) -> Iterator[int]:
        return iter(range(1, self.max_row + 1))


def _printed(raw: str, fmt: str | None) -> tuple[str, Decimal | None]:
    """The number's text as Excel prints it: fixed places under ``0.00``-like formats, else plain."""
    try:
        value = general(Decimal(raw))     # Excel works with 15 significant digits before any format
    except InvalidOperation:
        return raw, None
    if fmt:
        core = fmt.split(";", 1)[0]
        core = re.sub(r"_.|\\.|\[[^\]]*\]|\*.", "", core)    # padding (_ ), escapes, [Red], fills: not shown
        core = core.replace("#,##", "").replace('"', "").strip()
        m = re.fullmatch(r"0(?:\.(0+))?(%?)", core)
        if m:
            places = Decimal(1).scaleb(-len(m.group(1) or ""))
            if m.group(2):
                shown = round_half_up(value * 100, places)
                return f"{shown}%", shown
            shown = round_half_up(value, places)      # Excel shows 四舍五入, as the form was read
            return str(shown), shown
    text = plain(value)
    return text, Decimal(text)


def general(value: Decimal) -> Decimal:
    """Excel's General format: at most 15 significant digits (a stored 99.59999999999999 shows 99.6)."""
    digits = len(value.as_tuple().digits)
    if digits <= 15 or not value:
        return value
    return round_half_up(value, Decimal(1).scaleb(value.adjusted() - 14))


def plain(value: Decimal) -> str:
    """General format: no exponent, no trailing zeros (40.0 → 40, 92.50 → 92.5)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class Workbook:
    """The sheets of an .xlsx file, in workbook order (the archive and its XML read within bounds)."""

    def __init__(self, path: str) -> None:
        from .archive import Archive, xml_errors

        self.path = path
        with Archive(path, "不是 .xlsx 工作簿（旧版 .xls 请先在 Excel 或 WPS 中另存为 .xlsx）") as self._zip:
            try:
                self._strings = self._shared_strings()
                self._formats = self._number_formats()
                self.sheets = [self._sheet(name, target) for name, target in self._sheet_targets()]
            except xml_errors() as exc:
                raise PerfscoreError(f"工作簿结构损坏，无法读取（{exc}）", path) from None

    def _xml(self, name: str) -> ET.Element:
        return self._zip.xml(name)

    def _sheet_targets(self) -> list[tuple[str, str]]:
        book = self._xml("xl/workbook.xml")
        rels = self._xml("xl/_rels/workbook.xml.rels")
        by_id = {r.get("Id"): r.get("Target", "") for r in rels.findall("pr:Relationship", NS)}
        out = []
        for s in book.findall("m:sheets/m:sheet", NS):
            target = by_id[s.get(f"{{{NS['r']}}}id")]
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            out.append((s.get("name", ""), target))
        return out

    def _shared_strings(self) -> list[str]:
        try:
            root = self._xml("xl/sharedStrings.xml")
        except KeyError:
            return []
        return ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in root.findall("m:si", NS)]

    def _number_formats(self) -> list[str | None]:
        """Number format code of each cell style (``s`` attribute), by index."""
        try:
            root = self._xml("xl/styles.xml")
        except KeyError:
            return []
        custom = {int(n.get("numFmtId", "0")): n.get("formatCode", "")
                  for n in root.findall("m:numFmts/m:numFmt", NS)}
        out: list[str | None] = []
        for xf in root.findall("m:cellXfs/m:xf", NS):
            fid = int(xf.get("numFmtId", "0"))
            out.append(custom.get(fid, _BUILTIN_FORMATS.get(fid)))
        return out

    def _sheet(self, name: str, target: str) -> Sheet:
        """One worksheet, streamed: cells as displayed, merged ranges clipped to the filled area."""
        from ..limits import MAX_SHEET_COLUMNS, MAX_SHEET_ROWS
        from .archive import iterparse

        sheet = Sheet(name)
        ranges: list[tuple[int, int, int, int]] = []
        tag_c, tag_row, tag_merge = (f"{{{NS['m']}}}c", f"{{{NS['m']}}}row", f"{{{NS['m']}}}mergeCell")
        with self._zip.open(target) as stream:
            for _, el in iterparse(stream):
                if el.tag == tag_merge:
                    first, _, last = (el.get("ref") or "").partition(":")
                    if last:
                        r1, c1 = split_ref(first)
                        r2, c2 = split_ref(last)
                        ranges.append((r1, c1, r2, c2))
                    continue
                if el.tag == tag_row:
                    el.clear()               # streamed: a row's cells are not kept once read
                    continue
                if el.tag != tag_c:
                    continue
                cell = self._cell(el)
                if cell is None:
                    continue
                if cell.row > MAX_SHEET_ROWS or cell.col > MAX_SHEET_COLUMNS:
                    raise PerfscoreError(f"工作表“{name}”的单元格 {cell.ref} 超出可读范围（{MAX_SHEET_ROWS} 行、"
                                         f"{MAX_SHEET_COLUMNS} 列），未读取", self.path)
                sheet.cells[(cell.row, cell.col)] = cell
                sheet.max_row = max(sheet.max_row, cell.row)
                sheet.max_col = max(sheet.max_col, cell.col)
        rows, cols = sheet.max_row, sheet.max_col
        for r1, c1, r2, c2 in ranges:
            # a range beyond the filled area covers nothing that is read: clipped (A1:XFD1048576 is one cell)
            r2, c2 = min(r2, max(rows, r1)), min(c2, max(cols, c1))
            for rr in range(r1, r2 + 1):
                for cc in range(c1, c2 + 1):
                    if (rr, cc) != (r1, c1):
                        sheet.merged[(rr, cc)] = (r1, c1)
            sheet.max_row = max(sheet.max_row, r2)
            sheet.max_col = max(sheet.max_col, c2)
        return sheet

    def _cell(self, c: ET.Element) -> Cell | None:
        r = c.get("r")
        if r is None:
            return None
        row, col = split_ref(r)
        typ = c.get("t", "n")
        v = c.find("m:v", NS)
        f = c.find("m:f", NS)
        formula = (f.text or "") if f is not None else None
        raw = v.text if v is not None and v.text is not None else None
        number = None
        if formula is not None and raw is None:
            # no cached result (files written by libraries, never opened in Excel): keep the
            # formula's text; a target like ``=12 期`` was meant as text all along
            text = "=" + formula
        elif typ == "s" and raw is not None:
            text = self._strings[int(raw)]
        elif typ == "inlineStr":
            text = "".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t"))
        elif typ in ("str", "e"):
            text = raw or ""
        elif typ == "b":
            text = "TRUE" if raw == "1" else "FALSE"
        elif raw is not None:
            style = int(c.get("s", "0"))
            fmt = self._formats[style] if style < len(self._formats) else None
            text, number = _printed(raw, fmt)
        else:
            text = ""
        if text == "" and formula is None:
            return None
        return Cell(row, col, text, number, formula)
