"""Documents as grids of located cells: the first step of ``perfscore import``.

Every reader turns one document into :class:`~perfscore.authoring.xlsxread.Sheet` grids
(rows × columns of text, merged ranges) whose cells say where they came from, so that a
finding points into the original:

=========  ==================================================  =============================
format     what is a grid                                      a cell's location
=========  ==================================================  =============================
.xlsx      each worksheet (text-exact, as Excel displays it)    ``表.xlsx!自评表!H14``
.docx      each table (python-docx; merged cells kept)          ``表.docx#table 2 r5c7``
.html/.htm each ``<table>`` (rowspan/colspan kept)              ``页.html#table 1 r5c7``
.pdf       each table pdfplumber finds on a page                ``决算.pdf#page=12 r8c6``
.txt       each run of tab- or ``|``-separated lines            ``决算.txt:612``
.md        each run of markdown table lines                     ``表.md:12``
=========  ==================================================  =============================

Text extracted from a PDF breaks a cell across lines and pages: a line after a page break
(a blank line) holding only words under cells of the line before continues those cells;
a 总计 line followed by a line of numbers only is one row. Words split by spaces are
joined later, where names are read (:func:`perfscore.authoring.importer.squash`).
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal, InvalidOperation

from ..errors import PerfscoreError
from .xlsxread import Cell, Sheet

_NUMBER_RE = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$|^[-+]?\d+(\.\d+)?$")
_MD_RULE_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TOTAL_WORDS = ("总计", "合计", "总分")
_YEAR_RE = re.compile(r"\d{4}\s*年")
SUFFIXES = (".xlsx", ".xlsm", ".docx", ".html", ".htm", ".pdf", ".txt", ".md", ".markdown")


def number_of(text: str) -> Decimal | None:
    """The exact number of a cell that holds only a number (``1,912`` too), else None."""
    t = text.strip()
    if not _NUMBER_RE.match(t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:       # pragma: no cover - the pattern admits only numbers
        return None


class Collected(list[Sheet]):
    """The grids of one document as its reader finds them, within :data:`~perfscore.limits.MAX_GRID_CELLS`."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.cells = 0

    def add(self, grid: Sheet, above: list[str]) -> None:
        """A grid, with the last lines of text above it as its caption (title, year)."""
        from ..limits import MAX_GRID_CELLS

        grid.caption = "\n".join(above[-3:])
        self.cells += len(grid.cells)
        if self.cells > MAX_GRID_CELLS:
            raise PerfscoreError(f"表格单元格过多（上限 {MAX_GRID_CELLS}），未读取", self.path)
        if grid.cells:
            self.append(grid)


class GridBuilder:
    """Collects the rows of one grid; cells are placed by column, merged ranges by their span."""

    def __init__(self, name: str) -> None:
        self.sheet = Sheet(name, located=True)
        self.row = 0

    def add_row(self, texts: list[str], where: Callable[[int], str],
                spans: dict[int, tuple[int, int]] | None = None) -> None:
        """Append a row: ``texts[i]`` at column i+1; ``spans[i] = (rows, cols)`` for a merged cell."""
        self.row += 1
        for i, text in enumerate(texts):
            col = i + 1
            if (self.row, col) in self.sheet.merged:
                continue
            if not text.strip():
                continue
            self.put(self.row, col, text, where(col))
        for i, (rows, cols) in (spans or {}).items():
            for rr in range(self.row, self.row + rows):
                for cc in range(i + 1, i + 1 + cols):
                    if (rr, cc) != (self.row, i + 1):
                        self.sheet.merged[(rr, cc)] = (self.row, i + 1)
            self.sheet.max_row = max(self.sheet.max_row, self.row + rows - 1)
            self.sheet.max_col = max(self.sheet.max_col, i + cols)

    def put(self, row: int, col: int, text: str, at: str) -> None:
        self.sheet.cells[(row, col)] = Cell(row, col, text, number_of(text), None, at)
        self.sheet.max_row = max(self.sheet.max_row, row)
        self.sheet.max_col = max(self.sheet.max_col, col)


def read_grids(path: str) -> list[Sheet]:
    """The grids of a document, by its file name's suffix; tables split over pages joined."""
    grids = _read_grids(path)
    if path.lower().endswith((".xlsx", ".xlsm", ".txt", ".md", ".markdown")):
        return grids          # a sheet is whole; text tables are joined by their own reader
    return join_grids(grids)


def _header_kinds(sheet: Sheet) -> set[str]:
    """Which parts of a 自评表 a grid shows: its head (项目名称), an indicator header, a 总计 row."""
    from .layout import column_key, norm

    from .layout import words

    project_labels = set(words("project_labels"))
    kinds: set[str] = set()
    rows: dict[int, set[str | None]] = {}
    for (r, _), cell in sheet.cells.items():
        t = norm(cell.text).rstrip(":")
        if t in project_labels:
            kinds.add("head")
        if t in _TOTAL_WORDS:
            kinds.add("total")
        rows.setdefault(r, set()).add(column_key("indicator_columns", cell.text))
    if any("l3" in keys and ("l1" in keys or "l2" in keys) for keys in rows.values()):
        kinds.add("indicators")
    return kinds


def join_grids(grids: list[Sheet]) -> list[Sheet]:
    """Tables of one 自评表 printed as several: a head table (项目名称 …) followed by the indicator
    table, and an indicator table continued on the next page without its header, are one grid."""
    out: list[Sheet] = []
    kinds: list[set[str]] = []
    for grid in grids:
        mine = _header_kinds(grid)
        if out:
            prev = kinds[-1]
            head_then_body = "head" in prev and "indicators" not in prev and "indicators" in mine and "head" not in mine
            continued = ("indicators" in prev and "total" not in prev and not mine & {"head", "indicators"}
                         and abs(grid.max_col - out[-1].max_col) <= 1)
            repeated = ("indicators" in prev and "total" not in prev and "head" not in mine
                        and _row_texts(grid, 1) == _header_texts(out[-1]))
            if repeated:
                grid = _drop_first_row(grid)       # the header a printed table repeats on each page
            if head_then_body or continued or repeated:
                out[-1] = _stack(out[-1], grid)
                kinds[-1] = prev | mine
                continue
        out.append(grid)
        kinds.append(mine)
    return out


def _row_texts(sheet: Sheet, row: int) -> list[str]:
    return [re.sub(r"\s+", "", sheet.cells[(row, c)].text)
            for c in range(1, sheet.max_col + 1) if (row, c) in sheet.cells]


def _header_texts(sheet: Sheet) -> list[str] | None:
    """The texts of a grid's indicator header row."""
    from .layout import column_key

    for row in range(1, sheet.max_row + 1):
        keys = {column_key("indicator_columns", c.text) for (r, _), c in sheet.cells.items() if r == row}
        if "l3" in keys and ("l1" in keys or "l2" in keys):
            return _row_texts(sheet, row)
    return None


def _drop_first_row(sheet: Sheet) -> Sheet:
    out = Sheet(sheet.name, located=True, caption=sheet.caption)
    for (r, c), cell in sheet.cells.items():
        if r > 1:
            out.cells[(r - 1, c)] = Cell(r - 1, c, cell.text, cell.number, cell.formula, cell.ref)
    for (r, c), (r0, c0) in sheet.merged.items():
        if r > 1 and r0 > 1:
            out.merged[(r - 1, c)] = (r0 - 1, c0)
    out.max_row, out.max_col = sheet.max_row - 1, sheet.max_col
    return out


def _stack(top: Sheet, below: Sheet) -> Sheet:
    """``below``'s rows under ``top``'s, cells keeping their locations."""
    sheet = Sheet(top.name, dict(top.cells), dict(top.merged), top.max_row, top.max_col, True, top.caption)
    shift = top.max_row
    for (r, c), cell in below.cells.items():
        sheet.cells[(r + shift, c)] = Cell(r + shift, c, cell.text, cell.number, cell.formula, cell.ref)
    for (r, c), (r0, c0) in below.merged.items():
        sheet.merged[(r + shift, c)] = (r0 + shift, c0)
    sheet.max_row = shift + below.max_row
    sheet.max_col = max(top.max_col, below.max_col)
    return sheet


def _read_grids(path: str) -> list[Sheet]:
    suffix = os.path.splitext(path)[1].lower()
    if not os.path.exists(path):
        raise PerfscoreError("文件不存在", path)
    if suffix in (".xlsx", ".xlsm"):
        from .xlsxread import Workbook

        return Workbook(path).sheets
    if suffix in (".md", ".markdown"):
        return text_grids(read_text(path), os.path.basename(path), markdown=True)
    if suffix == ".txt":
        text = read_text(path)
        grids = text_grids(text, os.path.basename(path))
        if not any("indicators" in _header_kinds(g) for g in grids):
            # a page's table flattened with spaces, or one cell per line with nothing between them
            spaced = spaced_grid(text, os.path.basename(path)) or stream_grid(text, os.path.basename(path))
            if spaced is not None:       # the grids above it stay; none is read twice
                first = min(_line_of(c.ref) for c in spaced.cells.values())
                return [g for g in grids if all(_line_of(c.ref) < first for c in g.cells.values())] + [spaced]
        return grids
    if suffix in (".html", ".htm"):
        from .htmlread import html_grids

        try:
            return html_grids(read_text(path))
        except PerfscoreError as exc:
            raise PerfscoreError(exc.message, path) from None
    if suffix == ".docx":
        from .docxread import docx_grids

        return docx_grids(path)
    if suffix == ".pdf":
        from .pdfread import pdf_grids

        return pdf_grids(path)
    if suffix == ".xls":
        raise PerfscoreError("不是 .xlsx 工作簿（旧版 .xls 请先在 Excel 或 WPS 中另存为 .xlsx）", path)
    if suffix == ".doc":
        raise PerfscoreError("不是 .docx 文档（旧版 .doc 请先在 Word 或 WPS 中另存为 .docx）", path)
    raise PerfscoreError(f"不支持的文件类型“{suffix or '（无后缀）'}”：可导入 {'、'.join(SUFFIXES)}", path)


def _line_of(ref: str) -> int:
    """The line number of a text cell's location ``:612``."""
    return int(ref.lstrip(":").split(" ")[0])


def read_text(path: str) -> str:
    """A text file's content: UTF-8 (with or without BOM), else GB18030 as Chinese Windows saves it."""
    from ..limits import MAX_DOCUMENT_BYTES

    try:
        size = os.path.getsize(path)
        if size > MAX_DOCUMENT_BYTES:
            raise PerfscoreError(f"文件过大（{size} 字节，上限 {MAX_DOCUMENT_BYTES}），未导入", path)
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise PerfscoreError(f"无法读取（{exc.strerror}）", path) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PerfscoreError("文本编码无法识别（请存为 UTF-8）", path)


# --------------------------------------------------------------------------- text

def _split(line: str) -> list[str] | None:
    """The cells of a table line (tab- or ``|``-separated), or None for a line of prose."""
    if "\t" in line:
        return line.rstrip("\r\n").split("\t")
    if "|" in line:
        body = line.strip()
        if body.startswith("|"):
            body = body[1:]
            body = body.removesuffix("|")
        return [c.strip() for c in body.split("|")]
    return None


def text_lines(text: str) -> Iterable[tuple[int, str]]:
    """Numbered lines, without the ``# key: value`` header block a corpus file may open with."""
    lines = text.splitlines()
    start = 0
    while start < len(lines) and lines[start].startswith("# ") and ":" in lines[start]:
        start += 1
    for i in range(start, len(lines)):
        yield i + 1, lines[i]


def text_grids(text: str, name: str, markdown: bool = False) -> list[Sheet]:
    """Grids of tab- or ``|``-separated text: each run of table lines (prose ends a run) is one grid.

    In markdown only lines that start with ``|`` are table lines, and the tables of one
    document (its funds, goals and indicator tables under their own headings) form one grid.
    """
    grids: list[Sheet] = []
    rows: list[tuple[int, list[str], bool, list[int] | None]] = []   # (line, cells, after a blank, cells' lines)
    prose: list[str] = []                             # the lines of text above the table
    pipe_lines: list[str] = []
    blank = False

    placed = False                                    # rows cut to their header's width: cells in place

    def flush() -> None:
        nonlocal placed
        if rows:
            grid = _text_grid(rows, f"{name} 第{rows[0][0]}行起", joins=not markdown)
            grid.flattened = not markdown and not placed and all("\t" not in line for line in pipe_lines)
            placed = False
            pipe_lines.clear()
            grid.caption = "\n".join(prose[-3:])
            grids.append(grid)
            rows.clear()
            prose.clear()

    for no, line, joined, cell_lines, cut in _cells_per_line(text_lines(text), markdown):
        placed = placed or cut
        if not line.strip():
            blank = True
            continue
        if _MD_RULE_RE.match(line) and "-" in line:
            continue                     # the |---|---| line under a markdown header
        if markdown and line.startswith("#"):
            rows.append((no, [line.lstrip("#").strip()], blank, None))      # a heading: the table's title
            continue
        cells = joined
        if cells is None and (not markdown or line.lstrip().startswith("|")):
            cells = _split(line)
        if cells is None or not any(c.strip() for c in cells):
            if not markdown:
                flush()
            prose.append(line.strip())
            blank = False
            continue
        rows.append((no, cells, blank, cell_lines))
        pipe_lines.append(line)
        blank = False
    flush()
    return grids


_GROUP_NAME_RE = re.compile(r"[^\d，。；,.;:：]{2,12}")


def _group_name(text: str) -> bool:
    """A group's name alone on its line (产 出 指 标, 产出指标(50分), (50分)): short, no sentence in it."""
    from .layout import header_words

    words, points = header_words(text)
    return bool(_GROUP_NAME_RE.fullmatch(words)) or (not words and points is not None)

_SPACED_RE = re.compile(r"[ \u3000\u00a0]+")
_UNIT_RE = re.compile(r"(%|％|‰|[个人次元万亿台套件份户座条项期种天月年家所场处公里米吨亩㎡平方千克斤辆册篇本]{1,3})")
_SIGN_RE = re.compile(r"[≥≤=<>＝＞＜]|>=|<=")


def _glued(tokens: list[str]) -> list[str]:
    """Words split off a value by a space put back: ``12 种`` → ``12种``, ``≥ 95 %`` → ``≥95%``."""
    out: list[str] = []
    for t in tokens:
        if out and _UNIT_RE.fullmatch(t) and out[-1][-1:].isdigit():
            out[-1] += t
        elif out and _SIGN_RE.fullmatch(out[-1]) and t[:1].isdigit():
            out[-1] += t
        else:
            out.append(t)
    return out


_WIDE_RE = re.compile(r"[ \u00a0]{2,}|\u3000+")


def _spaced_header(tokens: list[str]) -> bool:
    """Words of a line that are an indicator table's header: 三级指标 with 一级 or 二级, and two value columns."""
    from .layout import column_key

    keys = {column_key("indicator_columns", t) for t in tokens}
    return "l3" in keys and bool({"l1", "l2"} & keys) and len(keys & {"target", "actual", "weight", "score"}) >= 2


def spaced_grid(text: str, name: str) -> Sheet | None:
    """A table whose cells a web page's text separates by spaces (``年度资金总额: 55 55 55 10 100% 10``):
    from its title and 项目名称 line down, each line's words are the cells of a row. The rows are put
    under their header later (:func:`realign`, strictly: a row whose words do not fill the columns
    exactly is not read). None when no line is an indicator table's header."""
    from .layout import norm, words

    numbered = [(no, line.strip()) for no, line in text_lines(text) if line.strip()]
    lines = [(no, _glued(_SPACED_RE.split(line))) for no, line in numbered]
    at = next((i for i, (_, tokens) in enumerate(lines) if _spaced_header(tokens)), None)
    if at is None:
        return None
    wide = _WIDE_RE.split(numbered[at][1])
    if len(wide) > 1 and _spaced_header(wide) and len(wide) == len(lines[at][1]):
        # columns set apart by two spaces or more (text laid out like the page): one space is inside a cell
        lines = [(no, _WIDE_RE.split(line)) for no, line in numbered]
    labels = set(words("project_labels"))
    start = next((i for i in range(at, -1, -1) if norm(lines[i][1][0]).rstrip(":") in labels), at)
    while start > 0 and start > at - 30 and len(lines[start - 1][1]) == 1 and (
            _YEAR_RE.search(lines[start - 1][1][0]) or "自评表" in lines[start - 1][1][0]):
        start -= 1                                   # the title lines above it: (2021年度)
    builder = GridBuilder(f"{name} 第{lines[start][0]}行起")
    for no, tokens in lines[start:]:
        builder.add_row(tokens, lambda col, no=no: f":{no}")  # type: ignore[misc]
    grid = builder.sheet
    grid.caption = "\n".join(" ".join(t) for _, t in lines[max(0, start - 3):start])
    grid.flattened = grid.spaced = True
    return grid


def stream_grid(text: str, name: str) -> Sheet | None:
    """A table printed one cell per line with nothing to end a row (a page whose cells are paragraphs):
    the indicator header is a run of lines naming its columns; the rows after it are told apart by their
    三级 names numbered ``指标N:`` — the fewest cells between two of them is the width of a row's values,
    and the one or two cells more before a name are its 一级/二级 names (a merged cell printed once).
    Above the header, a label line (项目名称, 主管部门 …) and the line after it are one row. None unless
    every row holds to that; a cell past the named columns stands under no header and is not used."""
    from .layout import column_key, norm, words

    cells = [(no, line.strip()) for no, line in text_lines(text) if line.strip()]
    keys = [column_key("indicator_columns", t) for _, t in cells]
    start = next((i for i in range(len(cells)) if keys[i] in ("l1", "l2") and "l3" in keys[i:i + 3]), None)
    if start is None:
        return None
    end = start
    while end + 1 < len(cells) and keys[end + 1] is not None:
        end += 1
    head = keys[start:end + 1]
    if not {"target", "actual", "weight", "score"} & set(head):
        return None
    anchors = [i for i in range(end + 1, len(cells)) if _NUMBERED_RE.match(cells[i][1])]
    if len(anchors) < 2:
        return None
    width = min(b - a - 1 for a, b in zip(anchors, anchors[1:]))
    i3 = head.index("l3")
    groups = set(words("group_names"))
    rows: list[list[tuple[int, str]]] = []
    before = cells[end + 1:anchors[0]]
    extra: list[tuple[int, str]] = []
    for k, a in enumerate(anchors):
        names = before
        if len(names) > i3 or any(_is_number(t) for _, t in names[-i3:] if names):
            if k:
                return None
            extra, names = names[:len(names) - i3], names[len(names) - i3:]    # over the first row: header cells
            if any(_is_number(t) for _, t in names):
                return None
        stop = anchors[k + 1] if k + 1 < len(anchors) else len(cells)
        values = cells[a + 1:min(a + 1 + width, stop)]
        if any(norm(t) in groups for _, t in values):
            return None                          # a group's name among the values: a row is short, no width holds
        rows.append([(cells[a][0], "")] * (i3 - len(names)) + names + [cells[a]] + values)
        before = cells[a + 1 + width:stop]
    labels = {*words("project_labels"), *words("department_labels"), *words("implementer_labels")}
    builder = GridBuilder(f"{name} 第{cells[0][0]}行起")
    lead = cells[:start]
    i = 0
    while i < len(lead):                         # the form's head: a label and the line after it
        no, t = lead[i]
        if norm(t).rstrip(":") in labels and i + 1 < len(lead) and norm(lead[i + 1][1]).rstrip(":") not in labels:
            pair = [lead[i], lead[i + 1]]
            builder.add_row([p for _, p in pair], lambda col, pair=pair: f":{pair[col - 1][0]}")  # type: ignore[misc]
            i += 2
            continue
        builder.add_row([t], lambda col, no=no: f":{no}")  # type: ignore[misc]
        i += 1
    top = cells[start:end + 1] + extra
    for row in [top, *rows, *([before] if before else [])]:
        builder.add_row([t for _, t in row], lambda col, row=row: f":{row[col - 1][0]}")  # type: ignore[misc]
    return builder.sheet


_NUMBERED_RE = re.compile(r"^\s*指标\s*[:：]?\s*\d+")
_SIGN_LED_RE = re.compile(r"^\s*[≥≤=<>＝＞＜]")
_ONE_CELL_RE = re.compile(r"^[^|]*\|$")
_ROW_END_RE = re.compile(r"^\|{2,}$")


Line = tuple[int, str, list[str] | None, list[int] | None, bool]   # (line, text, cells, cells' lines, cut by width)


def _cells_per_line(lines: Iterable[tuple[int, str]], markdown: bool) -> Iterator[Line]:
    """Lines as rows. Some pages' text puts one cell per line (``临时救助 |``, an empty cell ``|``) and
    ends a row with a line of pipes (``||``): those lines are joined into one row, each cell keeping
    its own line. Where the page ends no row of its indicator table, the run after the header is cut
    into rows of the header's width (:func:`_rows_of_width`)."""
    pending: list[tuple[int, str]] = []

    def row() -> Iterator[Line]:
        if pending:
            rows = _rows_of_width(pending)
            for part in rows or [pending]:
                cells = [text for _, text in part]
                yield part[0][0], " | ".join(cells) + " |", cells, [no for no, _ in part], rows is not None
            pending.clear()

    for no, line in lines:
        body = line.strip()
        if not markdown and body and (_ONE_CELL_RE.match(body) or body == "|"):
            pending.append((no, body[:-1].strip()))
            continue
        if not markdown and pending and _ROW_END_RE.match(body):
            yield from row()
            continue
        yield from row()
        yield no, line, None, None, False
    yield from row()


def _rows_of_width(cells: list[tuple[int, str]]) -> list[list[tuple[int, str]]] | None:
    """A run of one-cell lines holding an indicator table's header and then its rows, with no row ends:
    the header (from the run's start to its last column name) gives the width, and the cells after it
    are cut into rows of that width. Only when every whole row has a 三级 name under 三级指标 and a
    number (or nothing) under each number column; else None: the rows cannot be told apart."""
    from .layout import column_key, words

    keys = [column_key("indicator_columns", text) for _, text in cells]
    if "l3" not in keys:
        return None
    i3 = keys.index("l3")
    end = i3
    while end + 1 < len(keys) and keys[end + 1] is not None:
        end += 1
    blocks = set(words("block_labels"))
    if not ({"l1", "l2"} & set(keys[:i3])) or any(
            k is None and text.strip() and text.strip() not in blocks for (_, text), k in zip(cells[:i3], keys[:i3])):
        return None
    width = end + 1
    rest = cells[width:]
    at = next((i for i, (_, text) in enumerate(rest) if _total([text])), len(rest))
    tail = rest[at - at % width:] if at < len(rest) else []      # the 总计 row and what follows it: one row
    rest = rest[:at - at % width] if tail else rest
    body = [rest[i:i + width] for i in range(0, len(rest), width)]
    whole = [r for r in body if len(r) == width]
    numbers = [i for i, k in enumerate(keys[:width]) if k in ("weight", "score", "declared")]
    if not whole or any(not r[i3][1].strip() or _is_number(r[i3][1])
                        or any(r[i][1].strip() and not _is_number(r[i][1]) for i in numbers) for r in whole):
        return None
    return [cells[:width], *body, *([tail] if tail else [])]


def _is_number(text: str) -> bool:
    t = text.strip().rstrip("%％")
    return bool(t) and (number_of(t) is not None or t in ("-", "—", "/"))


def realign(sheet: Sheet) -> Sheet:
    """``|`` text of a flattened html table puts each row's cells side by side: a cell merged down
    from a row above (一级, 二级, a block label) is missing from the rows below, so their cells sit
    left of their columns, and a header broken over lines continues on the next lines. The indicator
    table's rows are put back under their header (三级 name found by its 指标N: prefix, or as the
    last text before the values), the funds rows under theirs (their label left of 年初预算数)."""
    from .layout import column_key, norm, words, words_of

    out = Sheet(sheet.name, dict(sheet.cells), dict(sheet.merged), sheet.max_row, sheet.max_col, True, sheet.caption)
    rows = sorted({r for r, _ in sheet.cells})
    keys_of = {r: [(c, column_key("indicator_columns", sheet.cells[(r, c)].text))
                   for c in sorted(cc for rr, cc in sheet.cells if rr == r)] for r in rows}
    blocks = set(words("block_labels"))
    header: list[str] = []
    header_row = 0
    held: list[Cell] = []                            # a name alone on its line: the start of the next row
    funds_width = 0                                  # the amounts a funds row holds under its header
    shift_funds = False
    for r in rows:
        cells = [sheet.cells[(r, c)] for c, _ in keys_of[r]]
        keys = [k for _, k in keys_of[r]]
        texts = [re.sub(r"\s+", "", c.text) for c in cells]
        if {"l1", "l2", "l3"} & set(keys) and all(k or t in blocks for k, t in zip(keys, texts)) and (
                not header or "l3" in header):
            # the header, by column (a block label 绩效指标 left of it keeps its column); it may go on
            # over the next lines (一级指标 | on one line, 二级指标 | 三级指标 | … on the next)
            header, header_row = [""] * max(col for col, _ in keys_of[r]), r
            for col, k in keys_of[r]:
                header[col - 1] = k or ""
            held = []
            continue
        if header and all(keys) and not any(c.number is not None for c in cells):
            for c in cells:                          # the header continued on this line
                header.append(column_key("indicator_columns", c.text) or "")
                _move(out, c, header_row, len(header))
            continue
        if header and "l3" not in header and texts[0] not in _TOTAL_WORDS:
            for c in cells:                          # a header word broken over lines (一级 / 指标): the header's
                header.append("")
                _move(out, c, header_row, len(header))
            continue
        if header and texts[0] in _TOTAL_WORDS:
            header = []
            continue
        if header and len(cells) == 1 and _group_name(texts[0]) and r != rows[-1]:
            held.append(cells[0])                    # 产 出 指 标 | alone: the row goes on on the next line
            continue
        if header:
            _place_row(out, held + cells, header, r, sheet.spaced)
            held = []
            continue
        funds = [column_key("funds_columns", c.text) for c in cells]
        if sheet.spaced and funds_width and len(cells) > 1 and all(
                _is_number(re.sub(r"(万元|万|元)$", "", c.text.strip())) for c in cells[1:]):
            if len(cells) - 1 != funds_width:        # an empty cell dropped with the spaces: which one?
                _aside(out, cells[1:], [""] * sheet.max_col, r)
            continue
        if shift_funds and len(cells) > 1 and cells[0].col == 1 and not _is_number(cells[0].text) \
                and all(_is_number(c.text) for c in cells[1:]):
            for c in reversed(cells):               # the merged block label's column is missing from the row
                _move(out, c, r, c.col + 1)
            continue
        funds_width = sum(k is not None for k in funds) if "executed" in funds else 0
        # 项目资金(万元) | (blank) | 年初预算数 …: the rows below lack the block label merged down
        shift_funds = bool(funds_width and cells[0].col == 1 and funds[0] is None and cells[1].col == 3)
        if funds and funds[0] in ("initial", "annual") and "executed" in funds:
            nxt = next((x for x in rows if x > r), None)
            first = sheet.cells.get((nxt, 1)) if nxt is not None else None
            if first is not None and first.number is None:      # the rows' label has no header cell
                for c in reversed(cells):
                    _move(out, c, r, c.col + 1)
        goals = [c for c in cells if norm(c.text) in words_of("goals", "expected")
                 or norm(c.text) in words_of("goals", "actual")]
        nxt = next((x for x in rows if x > r), None)
        below = [sheet.cells[(nxt, col)] for col, _ in keys_of[nxt]] if nxt is not None else []
        if nxt is not None and len(goals) == 2 and len(below) == 2 and len(cells) > 2:
            # 年度总体目标 | 预期目标 | 实际完成情况, the texts on the next line without the merged block label
            for text, label in reversed(list(zip(below, goals))):
                _move(out, text, nxt, label.col)
    out.max_col = max((c for _, c in out.cells), default=0)
    return out


def _move(sheet: Sheet, cell: Cell, row: int, col: int) -> None:
    sheet.cells.pop((cell.row, cell.col), None)
    sheet.cells[(row, col)] = Cell(row, col, cell.text, cell.number, cell.formula, cell.ref)


def _place_row(sheet: Sheet, cells: list[Cell], header: list[str], row: int, spaced: bool = False) -> None:
    """A flattened indicator row under its header: the merged cells missing on its left (一级, 二级, a
    block label) shift it left, by as many columns as its 三级 name stands left of 三级指标. The name is
    found by its 指标N: number, else by the last number standing under 得分, else just before the first
    value; the first that leaves a name (not a number) under 三级 and a number (or nothing) under 分值
    and 得分 wins. ``|`` text keeps the row's empty cells, so its cells keep their distances; words split
    by spaces (``spaced``) do not, and a row is placed only when its values fill the columns after 三级
    exactly (the last, a 偏差原因 text, may be blank). A row no reading fits is kept right of the table,
    where it is reported as not used rather than read askew."""
    from .layout import column_key

    if cells and max(c.col for c in cells) > len(header) + 1:
        _aside(sheet, cells, header, row)            # wider than its header: rows run together, not one row
        return
    if not cells or any(column_key("indicator_columns", c.text) for c in cells):
        return
    i3 = header.index("l3")
    own = [c.col for c in cells if c.row == row]
    held = len(cells) - len(own)                     # names alone on the line before: just left of the row
    pos = list(range(1, len(cells) + 1)) if spaced else [min(own, default=1) - held + i for i in range(held)] + own
    for anchor in _anchors(cells, header, i3, pos):
        cols = [p + (i3 + 1) - pos[anchor] for p in pos]
        if _fits(cells, cols, header, i3, anchor, spaced):
            for c in cells:
                sheet.cells.pop((c.row, c.col), None)
            for c, col in zip(cells, cols, strict=True):
                sheet.cells[(row, col)] = Cell(row, col, c.text, c.number, c.formula, c.ref)
            return
    _aside(sheet, cells, header, row)


def _anchors(cells: list[Cell], header: list[str], i3: int, pos: list[int]) -> Iterator[int]:
    """Where a row's 三级 name may be, most telling first (see :func:`_place_row`)."""
    numbered = next((i for i, c in enumerate(cells) if _NUMBERED_RE.match(c.text)), None)
    if numbered is not None:
        yield numbered
        return                                       # the name is known: nothing else is it
    numbers = [i for i, c in enumerate(cells) if _is_number(c.text)]
    if "score" in header and numbers:
        at = pos[numbers[-1]] - (header.index("score") - i3)
        yield from (i for i, p in enumerate(pos) if p == at)
    values = [i for i, c in enumerate(cells) if _is_number(c.text) or _SIGN_LED_RE.match(c.text)]
    yield (values[0] - 1) if values else len(cells) - 1


def _fits(cells: list[Cell], cols: list[int], header: list[str], i3: int, anchor: int, spaced: bool) -> bool:
    """Whether a row placed at ``cols`` reads as an indicator row (see :func:`_place_row`)."""
    name = cells[anchor].text if 0 <= anchor < len(cells) else ""
    if not name.strip() or _is_number(name) or _SIGN_LED_RE.match(name) or min(cols) < 1 or max(cols) > len(header):
        return False
    if spaced:
        after, given = len(header) - i3 - 1, len(cells) - anchor - 1
        if not (given == after or (header[-1] in ("deviation", "criteria", "explanation") and given == after - 1)):
            return False
    return all(number_of(c.text) is not None or c.text.strip() in ("-", "—", "/")
               for c, col in zip(cells, cols, strict=True) if header[col - 1] in ("weight", "score", "declared"))


def _aside(sheet: Sheet, cells: list[Cell], header: list[str], row: int) -> None:
    """A row that cannot be put under its header: its cells kept right of the table, where nothing reads them."""
    for c in cells:
        sheet.cells.pop((c.row, c.col), None)
    for i, c in enumerate(cells):
        col = max(len(header), sheet.max_col) + 1 + i
        sheet.cells[(row, col)] = Cell(row, col, c.text, c.number, c.formula, c.ref)


def _total(cells: list[str]) -> bool:
    first = next((c for c in cells if c.strip()), "")
    return re.sub(r"\s+", "", first) in _TOTAL_WORDS


def _text_grid(rows: list[tuple[int, list[str], bool, list[int] | None]], name: str, joins: bool = True) -> Sheet:
    """One grid from text lines, with cells broken across lines joined again (``joins``)."""
    merged: list[tuple[list[str], list[int]]] = []       # cells, and each cell's line
    for no, cells, after_blank, cell_lines in rows:
        filled = [i for i, c in enumerate(cells) if c.strip()]
        if merged and joins:
            prev, lines = merged[-1]
            prev_filled = {i for i, c in enumerate(prev) if c.strip()}
            # a page break inside a row: only words, each under a filled cell of the line before
            if (after_blank and filled and set(filled) <= prev_filled and not _total(prev)
                    and not any(_is_number(cells[i]) or _YEAR_RE.search(cells[i]) for i in filled)):
                for i in filled:
                    prev[i] = prev[i].rstrip() + "\n" + cells[i].strip()
                continue
            # 总计 on one line, its numbers on the next
            if (len(prev_filled) == 1 and _total(prev)
                    and filled and all(_is_number(cells[i]) for i in filled) and not set(filled) & prev_filled):
                for i in filled:
                    while len(prev) <= i:
                        prev.append("")
                        lines.append(no)
                    prev[i] = cells[i]
                    lines[i] = no
                continue
        merged.append((list(cells), list(cell_lines) if cell_lines else [no] * len(cells)))
    builder = GridBuilder(name)
    for cells, lines in merged:
        builder.add_row(cells, lambda col, lines=lines: f":{lines[col - 1]}")  # type: ignore[misc]
    return builder.sheet
