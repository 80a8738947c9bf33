"""The tables of an html page as grids (stdlib html.parser): rowspan and colspan kept as merged
ranges, ``<br>`` as a line break, each cell located as ``页.html#table 2 r5c7``."""
from __future__ import annotations

from html.parser import HTMLParser

from ..limits import MAX_GRID_CELLS
from .grids import GridBuilder, number_of
from .xlsxread import Cell, Sheet

_BLOCK = {"p", "div", "li", "br"}


class _Table:
    def __init__(self, n: int) -> None:
        self.n = n
        self.grid = GridBuilder(f"表格 {n}")
        self.row = 0
        self.col = 0
        self.taken: set[tuple[int, int]] = set()
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.caption: list[str] = []
        self.in_caption = False


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Table] = []
        self.done: list[_Table] = []
        self.count = 0
        self.cells = 0
        self.skip = 0                      # inside <script>/<style>
        self.skipping: list[str] = []
        self.text: list[str] = []          # text outside tables: the caption of the next one

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "style") or (tag == "span" and "codes" in (a.get("class") or "").split()):
            self.skip += 1          # a perfscore export's finding codes beside a value are no part of it
            self.skipping.append(tag)
        elif tag == "table":
            self.count += 1
            table = _Table(self.count)
            table.grid.sheet.caption = "\n".join(t for t in self.text[-3:])
            self.text.clear()
            self.stack.append(table)
        elif not self.stack:
            return
        elif tag == "caption":
            self.stack[-1].in_caption = True
        elif tag == "tr":
            t = self.stack[-1]
            t.row += 1
            t.col = 0
        elif tag in ("td", "th"):
            t = self.stack[-1]
            if t.row == 0:
                t.row = 1
            t.col += 1
            while (t.row, t.col) in t.taken:
                t.col += 1
            t.cell = []
            t.span = (_int(a.get("rowspan")), _int(a.get("colspan")))
        elif tag in _BLOCK and self.stack[-1].cell is not None and self.stack[-1].cell:
            self.stack[-1].cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
            self.skip = max(0, self.skip - 1)
        elif self.skip or not self.stack:
            return
        elif tag == "caption":
            self.stack[-1].in_caption = False
        elif tag in ("td", "th"):
            self._close_cell()
        elif tag == "table":
            self._close_cell()
            self.done.append(self.stack.pop())

    def _close_cell(self) -> None:
        t = self.stack[-1]
        if t.cell is None:
            return
        text = "".join(t.cell).strip()
        rows, cols = t.span
        for rr in range(t.row, t.row + rows):
            for cc in range(t.col, t.col + cols):
                t.taken.add((rr, cc))
                if (rr, cc) != (t.row, t.col):
                    t.grid.sheet.merged[(rr, cc)] = (t.row, t.col)
        sheet = t.grid.sheet
        sheet.max_row = max(sheet.max_row, t.row + rows - 1)
        sheet.max_col = max(sheet.max_col, t.col + cols - 1)
        if text:
            self.cells += 1
            if self.cells > MAX_GRID_CELLS:
                raise ValueError(f"表格单元格过多（上限 {MAX_GRID_CELLS}）")
            sheet.cells[(t.row, t.col)] = Cell(t.row, t.col, text, number_of(text), None,
                                               f"#table {t.n} r{t.row}c{t.col}")
        t.col += cols - 1
        t.cell = None

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.stack and self.stack[-1].cell is not None:
            self.stack[-1].cell.append(" ".join(data.split()) if data.strip() else (" " if data else ""))
        elif self.stack and self.stack[-1].in_caption:
            self.stack[-1].caption.append(data.strip())
        elif not self.stack and data.strip():
            self.text.append(" ".join(data.split()))


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or "1"), 1000))
    except ValueError:
        return 1


def html_grids(text: str) -> list[Sheet]:
    """Every ``<table>`` of a page, in document order (a nested table is a grid of its own)."""
    from ..errors import PerfscoreError

    parser = _Parser()
    try:
        parser.feed(text)
        parser.close()
    except ValueError as exc:
        raise PerfscoreError(str(exc)) from None
    while parser.stack:
        parser._close_cell()
        parser.done.append(parser.stack.pop())
    out = []
    for t in sorted(parser.done, key=lambda t: t.n):
        if t.caption:
            t.grid.sheet.caption = "\n".join([t.grid.sheet.caption, *t.caption]).strip()
        out.append(t.grid.sheet)
    return out
