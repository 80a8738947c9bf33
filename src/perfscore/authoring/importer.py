"""Import an Excel 自评表 (财预〔2020〕10号 附1 layout and its common variants) into YAML.

Each project sheet of the workbook becomes an indicator set (extending ``mof-2020-self``
unless told otherwise) and an evaluation, with the declared values exactly as printed,
plus a ``.cells.json`` sidecar per file that maps YAML key paths back to workbook cells
(:mod:`perfscore.cells`). The sheet is read by its labels, not by fixed
positions: 项目名称, 主管部门, 实施单位, the 项目资金 block (年初预算数 … 得分), 年度总体目标,
the indicator table (一级指标 / 二级指标 / 三级指标 / 年度指标值 / 实际完成值 / 分值 / 得分 /
偏差原因), the 总计 row and the grade. Merged cells count for every cell they cover, and an
empty 一级/二级 cell repeats the one above.

A cell it cannot understand is a finding (PS401) located as ``file.xlsx!Sheet!C12``; the
import carries on and writes everything else.

perfscore's own xlsx export also carries a hidden sheet ``perfscore`` with the set and the
evaluation as written; the form's reading is then completed from it
(:mod:`perfscore.authoring.reconcile`): the form wins where it shows a value, the record gives
what the form has no place for, so import(export(x)) gives x back.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable

from ..checks.imports import unreadable_cell    # PS401: a workbook cell perfscore could not read
from ..errors import PerfscoreError
from ..findings import Finding
from ..numbers import parse_decimal
from ..targets import parse_target
from .layout import column_key, header_words, is_instruction, narrative_key, norm, words, words_of
from .xlsxread import Cell, Sheet, Workbook

DEFAULT_EXTENDS = "mof-2020-self"
EMPTY = {"-", "—", "－", "–", "/", "无", "——"}
_PREFIX_RE = re.compile(r"^\s*指标\s*[:：]?\s*(\d+)\s*[:：．.、]\s*")
_YEAR_RE = re.compile(r"(\d{4})\s*年度?")
_NEWLINE_RE = re.compile(r"\s*\n\s*")
_CJK = r"\u3400-\u9fff（）()%％"
_CODES_RE = re.compile(r"(\s+PS\d{3})+$")
_POINTS_RE = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
_CJK_SPACE_RE = re.compile(f"(?<=[{_CJK}])[ \u3000]+(?=[{_CJK}])")

Keys = list[str | int]
_FIGURE = re.compile(r"[-+]?[\d,]+(\.\d+)?%?")
UNREADABLE = "[?]"          # a transcription's mark for a cell it could not read
UNSCORED = ("原表未列分值与得分（如中央对地方转移支付绩效目标自评表）：只导入资金、年度指标值与实际完成值，"
            "分值按 0 导入，不计分、不评等级")
_FUND_WORDS = {"initial": "年初预算数", "annual": "全年预算数", "executed": "全年执行数", "weight": "分值",
               "rate": "执行率", "score": "得分"}


def cell_text(text: str) -> str:
    """A cell's text as a value: trimmed, line breaks of a wrapped cell removed between CJK."""
    text = text.strip()
    if "\n" not in text:
        return text
    return _NEWLINE_RE.sub(
        lambda m: "" if _joins_cjk(text, m.start(), m.end()) else " ", text)


def squash(text: str) -> str:
    """A name as printed, without the spaces text extraction puts between its characters:
    ``政府公报 刊物编制 完成及时 率 (%)`` → ``政府公报刊物编制完成及时率(%)``."""
    return _CJK_SPACE_RE.sub("", cell_text(text))


def _joins_cjk(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return bool(re.match(f"[{_CJK}]", before) or re.match(f"[{_CJK}]", after))


@dataclass
class Document:
    """One YAML document to write: its data (for checking), its text lines' source, its cells."""

    data: dict[str, Any]
    cells: list[tuple[Keys, str]] = field(default_factory=list)
    comments: dict[tuple[Any, ...], str] = field(default_factory=dict)   # keys → note about an unread cell
    note: str = ""                  # a line said at the top of the file (a form that printed no scores)


@dataclass
class Imported:
    """What one project sheet gave: the set, the evaluation, and what could not be read."""

    sheet: str
    set: Document
    evaluation: Document | None     # None for an 指标体系 table (criteria, no scores)
    findings: list[Finding]
    name: str                       # file stem: 项目-自评
    recorded: bool = False          # completed from the hidden record of a perfscore export
    unused: list[tuple[str, str]] = field(default_factory=list)   # (location, text) of cells not used


@dataclass
class _Leaf:
    name: str
    no: int | None
    row: int
    cells: dict[str, Cell | None]
    values: dict[str, Any]


class SheetReader:
    """Reads one table; collects data, cell locations, the cells it used and findings as it goes."""

    def __init__(self, book_label: str, sheet: Sheet, extends: str | None, year: int | None,
                 record: dict[str, Any] | None = None) -> None:
        self.book = book_label
        self.record = record
        self.result_paths: dict[str, tuple[str, ...]] = {}
        self.criteria_column = False
        self.sheet = sheet
        self.extends = extends
        self.year_override = year
        self.findings: list[Finding] = []
        self.set_cells: list[tuple[Keys, str]] = []
        self.ev_cells: list[tuple[Keys, str]] = []
        self.notes_set: dict[tuple[Any, ...], str] = {}
        self.notes_ev: dict[tuple[Any, ...], str] = {}
        self.used: set[tuple[int, int]] = set()
        self.table_rows: tuple[int, int] | None = None     # the indicator table: header row, last row
        self.set_only = False                               # an 指标体系 table: criteria, no scores
        self.unscored = False                               # a form printing neither 分值 nor 得分 (中央转移支付)

    # ----------------------------------------------------------------- helpers

    def where(self, cell: Cell | tuple[int, int]) -> str:
        at = cell.ref if isinstance(cell, Cell) else self.sheet.at(*cell)
        return self.sheet.where(self.book, at)

    def use(self, *cells: Cell | None) -> None:
        for c in cells:
            if c is not None:
                self.used.add((c.row, c.col))

    def finding(self, at: Cell | tuple[int, int], message: str, indicator: str | None = None,
                severity: str = "warning") -> None:
        if isinstance(at, Cell):
            self.use(at)
        self.findings.append(unreadable_cell(self.where(at), message, indicator, severity))  # type: ignore[arg-type]

    def labels(self, predicate: Callable[[str], bool]) -> list[Cell]:
        out = []
        for _, cell in sorted(self.sheet.cells.items()):
            if predicate(norm(cell.text)):
                out.append(cell)
        return out

    def label(self, predicate: Callable[[str], bool]) -> Cell | None:
        found = self.labels(predicate)
        if found:
            self.use(found[0])
        return found[0] if found else None

    def right_of(self, cell: Cell, stop: frozenset[str] | set[str] = frozenset()) -> Cell | None:
        """The first filled cell right of a label (past the label's own merged range)."""
        for col in range(cell.col + 1, self.sheet.max_col + 1):
            origin = self.sheet.origin(cell.row, col)
            if origin == (cell.row, cell.col):
                continue
            other = self.sheet.cells.get(origin)
            if other is None or not other.text.strip():
                continue
            if norm(other.text) in stop:
                return None
            self.use(other)
            return other
        return None

    def number(self, cell: Cell | None, what: str, indicator: str | None = None,
               severity: str = "warning", unit: str = "") -> Decimal | None:
        """The Decimal of a number cell, of text like ``1,912``; None for empty or "-". A cell ending in
        the block's own ``unit`` (``3359.62万`` under 万元) is that number."""
        if cell is None:
            return None
        self.use(cell)
        text = cell.text.strip()
        if not text or text in EMPTY:
            return None
        if cell.number is not None:
            return cell.number
        if cell.formula is not None:
            self.finding(cell, f"{what}是公式“{text}”，没有保存计算结果（请在 Excel 中打开并保存后再导入），未导入",
                         indicator, severity)
            return None
        text = _CODES_RE.sub("", text)      # a perfscore compare export prints finding codes beside a value
        if unit and _FIGURE.fullmatch(text.removesuffix("元").removesuffix(unit).strip()):
            text = text.removesuffix("元").removesuffix(unit)
        try:
            return parse_decimal(text.removesuffix("%").removesuffix("％").replace(",", "").strip())
        except ValueError:
            self.finding(cell, f"{what}应为数字，实为“{cell_text(text)}”，未导入", indicator, severity)
            return None

    # ----------------------------------------------------------------- header

    def header(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        stop = {*words("project_labels"), *words("department_labels"), *words("implementer_labels")}
        for key, names in (("project", words("project_labels")), ("department", words("department_labels")),
                           ("implementer", words("implementer_labels"))):
            label = self.label(lambda t, names=names: t.rstrip(":") in names)  # type: ignore[misc]
            value = self.right_of(label, stop) if label is not None else None
            if value is not None:
                out[key] = cell_text(value.text)
                self.ev_cells.append(([key], value.ref))
            elif label is not None:
                self.finding(label, f"“{cell_text(label.text)}”后没有填写内容")
        whole = self.label(lambda t: t.rstrip(":") in words("whole_labels"))
        if "department" not in out and "project" in out and whole is not None:
            out["department"] = out["project"]      # a 部门整体支出 table: the department evaluates itself
        title = None
        for cell in sorted(self.sheet.cells.values(), key=lambda c: (c.row, c.col)):
            if cell.row > 6:
                break
            m = _YEAR_RE.search(cell.text)
            if m and ("年度" in cell.text or "自评表" in cell.text or "评价" in cell.text):
                title = cell
                break
        caption_year = _YEAR_RE.search(self.sheet.caption) if "年度" in self.sheet.caption else None
        if self.year_override is not None:
            out["year"] = self.year_override
        elif title is None and caption_year is not None:
            out["year"] = int(caption_year.group(1))       # the table's title printed above it
        elif title is not None:
            self.use(title)
            m = _YEAR_RE.search(title.text)
            assert m
            out["year"] = int(m.group(1))
            self.ev_cells.append((["year"], title.ref))
        else:
            self.finding((1, 1), "未找到年度（如“(2024年度)”），请用 --year 指定")
        text = " ".join(c.text for c in self.sheet.cells.values() if c.row <= 6) + self.sheet.caption
        out["kind"] = "部门评价" if "部门评价" in text else "财政评价" if "财政评价" in text else "自评"
        return out

    # ----------------------------------------------------------------- funds

    def funds(self, ev: dict[str, Any]) -> None:
        head = None
        for cell in sorted(self.sheet.cells.values(), key=lambda c: (c.row, c.col)):
            if self.table_rows and self.table_rows[0] <= cell.row <= self.table_rows[1]:
                continue
            if column_key("funds_columns", cell.text) in ("initial", "annual"):
                row_keys = {column_key("funds_columns", self.sheet.text(cell.row, c))
                            for c in range(1, self.sheet.max_col + 1)}
                if "executed" in row_keys:
                    head = cell
                    break
        if head is None:
            return
        cols: dict[str, int] = {}
        for col in range(1, self.sheet.max_col + 1):
            if self.sheet.origin(head.row, col) != (head.row, col):
                continue
            text = self.sheet.text(head.row, col)
            key = column_key("funds_columns", text)
            if key is not None and key not in cols and col >= head.col:
                cols[key] = col
                self.use(self.sheet.get(head.row, col))
            elif col < head.col and text.strip():
                self.use(self.sheet.get(head.row, col))
                _, points = header_words(text)
                if points is not None:
                    self.block_points.append((self.sheet.get(head.row, col), points, ["budget", "weight"]))
        funds: dict[str, Any] = {}
        budget: dict[str, Any] = {}
        lines: list[dict[str, Any]] = []
        seen_total = False
        totals = words("funds_total")
        cols = _declared_first(cols)
        value_keys: list[str] = [k for k in ("initial", "annual", "executed", "weight", "rate", "score") if k in cols]
        # amounts printed with the block's unit, 3359.62万 under 资金投入情况(万元)
        unit = "万" if any("万元" in self.sheet.text(r, c) for r in range(max(1, head.row - 2), head.row + 1)
                          for c in range(1, head.col)) else ""
        marks = (len(self.ev_cells), len(self.set_cells), len(self.block_points))
        for row in range(head.row + 1, self.sheet.max_row + 1):
            if self.table_rows and row >= self.table_rows[0]:
                break
            left = [c for c in (self.sheet.cells.get((row, col)) for col in range(1, head.col))
                    if c is not None and c.text.strip()]
            shifted = next((c for c in left if _FIGURE.fullmatch(cell_text(c.text))), None)
            if shifted is not None:
                # a figure where the row's name belongs: the row does not line up with its header
                # (a group label of the header printed as a column of its own); reading on would put
                # each amount under the wrong heading, so the funds are left out, not guessed
                del self.ev_cells[marks[0]:], self.set_cells[marks[1]:], self.block_points[marks[2]:]
                self.finding(shifted, f"项目资金行与表头错位（名称处为数字“{cell_text(shifted.text)}”），"
                                      "资金与预算执行率未导入")
                return
            if any(norm(c.text).startswith(("偏差原因", "年度总体目标", "绩效目标", "绩效指标", "年度目标"))
                   or narrative_key(c.text) for c in left):
                break
            names = [c for c in left if not norm(c.text).startswith(("项目资金", "预算执行", "资金执行", "年度预算数"))]
            values_present = any(self.sheet.cells.get((row, cols[k])) is not None for k in value_keys)
            if not names:
                if values_present and not seen_total:
                    names = []
                else:
                    break
            self.use(*left)
            label_cell = names[-1] if names else None
            label = cell_text(label_cell.text) if label_cell is not None else "年度资金总额"
            cells = {k: self.sheet.get(row, c) for k, c in cols.items()}
            texts = [cell_text(c.text) for k in value_keys if (c := cells[k]) is not None and c.row == row]
            if texts and not any(_FIGURE.fullmatch(t.removesuffix("元").removesuffix(unit or "元")) or t in EMPTY
                                 for t in texts):
                break           # words under every amount: the next block (资金管理情况 | 情况说明 …)
            values = {k: self.number(cells[k], f"“{label}”的{_FUND_WORDS.get(k, k)}", unit=unit) for k in value_keys}
            reason = cells.get("reason")
            if reason is not None and cell_text(reason.text) and cell_text(reason.text) not in EMPTY:
                # recorded as printed, the form's instruction too: check names it (PS213)
                self.use(reason)
                funds.setdefault("deviation", cell_text(reason.text))
                self.ev_cells.append((["funds", "deviation"], reason.ref))
            if not seen_total:
                seen_total = True
                if label_cell is not None and not any(w in norm(label) for w in totals):
                    self.finding(label_cell, f"项目资金首行应为“年度资金总额”，实为“{label}”")
                for key in ("initial", "annual", "executed"):
                    if values.get(key) is not None:
                        funds[key] = values[key]
                        self.ev_cells.append((["funds", key], cells[key].ref))  # type: ignore[union-attr]
                for key in ("weight", "rate", "score"):
                    if values.get(key) is not None:
                        budget[key] = values[key]
                        self.ev_cells.append((["budget", key], cells[key].ref))  # type: ignore[union-attr]
                        if key == "weight":
                            self.set_cells.append((["budget", "weight"], cells[key].ref))  # type: ignore[union-attr]
                continue
            if all(v is None for v in values.values()):
                continue        # a row of the printed form with nothing in it (上年结转资金 — — —)
            line: dict[str, Any] = {"name": label}
            index = len(lines)
            if label_cell is not None:
                self.ev_cells.append((["funds", "lines", index], label_cell.ref))
            for key in ("initial", "annual", "executed", "rate", "score"):
                if values.get(key) is not None:
                    line[key] = values[key]
                    self.ev_cells.append((["funds", "lines", index, key], cells[key].ref))  # type: ignore[union-attr]
            lines.append(line)
        funds = {k: v for k, v in funds.items() if v is not None}
        if lines:
            funds["lines"] = lines
        deviation = self.label(lambda t: t.startswith("偏差原因及整改措施"))
        if deviation is not None:
            value = self.right_of(deviation)
            if value is not None and cell_text(value.text):       # an instruction left in too (PS213)
                funds["deviation"] = cell_text(value.text)
                self.ev_cells.append((["funds", "deviation"], value.ref))
        if funds:
            ev["funds"] = {k: funds[k] for k in ("initial", "annual", "executed", "lines", "deviation") if k in funds}
            self.ev_cells.append((["funds"], head.ref))
        if budget:
            ev["budget"] = budget

    # ----------------------------------------------------------------- goals

    def goals(self, ev: dict[str, Any]) -> None:
        goals: dict[str, str] = {}
        for key in ("expected", "actual"):
            labels = set(words_of("goals", key))
            found = [c for c in self.labels(lambda t, labels=labels: t in labels)  # type: ignore[misc]
                     if not (self.table_rows and self.table_rows[0] <= c.row <= self.table_rows[1])]
            if not found:
                continue
            label = found[0]
            self.use(label)
            self.use(*(c for c in (self.sheet.get(label.row, col) for col in range(1, label.col))
                       if c is not None and norm(c.text).rstrip(":") in words_of("goals", "blocks")))
            below = self.sheet.get(label.row + 1, label.col)
            if below is not None and below.text.strip() and (below.row, below.col) != (label.row, label.col) \
                    and not is_instruction(below.text) and column_key("funds_columns", below.text) is None \
                    and norm(below.text) not in {*words_of("goals", "expected"), *words_of("goals", "actual")}:
                goals[key] = cell_text(below.text)
                self.use(below)
                self.ev_cells.append((["goals", key], below.ref))
        if goals:
            ev["goals"] = goals

    # ----------------------------------------------------------------- narrative

    def narrative(self, ev: dict[str, Any]) -> None:
        """评价结论, 存在问题, 改进措施 …: text, never a grade or a number; instructions are no values."""
        out: dict[str, str] = {}
        for cell in sorted(self.sheet.cells.values(), key=lambda c: (c.row, c.col)):
            if (cell.row, cell.col) in self.used:
                continue
            if self.table_rows and self.table_rows[0] <= cell.row <= self.table_rows[1]:
                continue
            text = cell.text
            head = text.split(":")[0].split("：")[0] if (":" in text or "：" in text) else text
            key = narrative_key(head)
            if key is None:
                continue
            self.use(cell)
            inline = re.split(r"[:：]", text, maxsplit=1)
            value: Cell | None = None
            if len(inline) == 2 and inline[1].strip():
                got = cell_text(inline[1])
                out.setdefault(key, got)                          # an instruction left in too (PS213)
                self.ev_cells.append((["narrative", key], cell.ref))
                continue
            value = self.right_of(cell)
            if value is None:
                continue
            if cell_text(value.text):
                out.setdefault(key, cell_text(value.text))
                self.ev_cells.append((["narrative", key], value.ref))
        if out:
            ev["narrative"] = out

    # ----------------------------------------------------------------- indicator table

    def _header_row(self) -> tuple[int, dict[str, int], int] | None:
        """The indicator table's header: its row, the column of each key, the first data row."""
        for row in range(1, self.sheet.max_row + 1):
            keys = self._row_keys(row)
            if "l3" in keys and ("l1" in keys or "l2" in keys):
                first = row + 1
                below = self._row_keys(row + 1)
                if len(below) >= 2 and not any(self.sheet.cells.get((row + 1, c)) is not None
                                               and self.sheet.cells[(row + 1, c)].number is not None
                                               for c in range(1, self.sheet.max_col + 1)):
                    # a two-row header: a column the second row names is named by it (指标值 over
                    # 年度指标值 | 实际完成值); the first row names the columns merged over both rows
                    by_col = {c: k for k, c in keys.items()}
                    by_col.update({c: k for k, c in below.items() if self.sheet.origin(row + 1, c) == (row + 1, c)})
                    merged: dict[str, int] = {}
                    for c in sorted(by_col):
                        merged.setdefault(by_col[c], c)
                    if "l3" in merged:    # a second row that names the 三级 column otherwise is no header of it
                        keys = merged
                        self.use(*(self.sheet.cells.get((row + 1, c)) for c in range(1, self.sheet.max_col + 1)))
                        first = row + 2
                self.use(*(self.sheet.cells.get((row, c)) for c in range(1, self.sheet.max_col + 1)))
                return row, keys, first
        return None

    def _row_keys(self, row: int) -> dict[str, int]:
        keys: dict[str, int] = {}
        texts = {c: self.sheet.text(row, c) for c in range(1, self.sheet.max_col + 1)
                 if self.sheet.origin(row, c)[1] == c}
        cols = sorted(texts)
        for i, col in enumerate(cols):
            key = column_key("indicator_columns", texts[col])
            if key is None and texts[col].strip():
                # a header broken over cells by text extraction: 执行率 | 偏差原因 | 分析及改进措施
                joined = texts[col]
                for nxt in cols[i + 1:i + 3]:
                    if column_key("indicator_columns", texts[nxt]) is not None or not texts[nxt].strip():
                        break
                    joined += texts[nxt]
                    key = column_key("indicator_columns", joined)
                    if key is not None:
                        break
            if key is not None and key not in keys:
                keys[key] = col
        return _declared_first(keys)

    def table(self, st: dict[str, Any], ev: dict[str, Any]) -> bool:
        found = self._header_row()
        if found is None:
            return False
        row, cols, first = found
        # the 三级指标 header cell: in a two-row header it may stand in the second row
        head = next((c for r in range(row, first) if (c := self.sheet.get(r, cols["l3"])) is not None), None)
        if head is None:
            return False
        self.criteria_column = "criteria" in cols
        self.table_head = head
        if "weight" not in cols and "score" not in cols and "criteria" in cols:
            self.set_only = True          # an 指标体系 table: names and 评分标准, no scores
        elif not {"weight", "score", "declared", "criteria"} & set(cols) and {"target", "actual"} <= set(cols):
            # a form that scores nothing (中央对地方转移支付 绩效目标自评表): targets and actuals only
            self.unscored = True
        missing = [w for k, w in (("l1", "一级指标"), ("l2", "二级指标"), ("weight", "分值"))
                   if k not in cols and not (k == "weight" and (self.set_only or self.unscored))]
        if missing:
            self.finding(head, f"指标表缺少“{'”“'.join(missing)}”列，未导入", severity="error")
            self.table_rows = (row, self.sheet.max_row)
            return True
        blocks = set(words("block_labels"))
        totals = set(words("totals"))
        rows: list[tuple[int, str, str, dict[str, Cell | None], int | None, str, bool]] = []
        total_row = None
        last = row
        for r in range(first, self.sheet.max_row + 1):
            lead_cells = [(c, self.sheet.get(r, c)) for c in range(1, cols["l3"])]
            lead_norm = [norm(x.text) if x is not None else "" for _, x in lead_cells]
            if any(t in totals for t in lead_norm) or norm(self.sheet.text(r, cols["l3"])) in totals:
                total_row = r
                last = r
                break
            row_text = [self.sheet.cells.get((r, c)) for c in range(1, self.sheet.max_col + 1)]
            first_text = next((c.text for c in row_text if c is not None and c.text.strip()), "")
            label = norm(first_text).rstrip(":")
            if first_text and (narrative_key(re.split(r"[:：]", first_text)[0]) or label in words("project_labels")
                               or self._row_keys(r).keys() >= {"l1", "l3"}):
                break             # the table ends: a narrative row, the next table, a new header
            last = r
            cells = {k: self.sheet.get(r, c) for k, c in cols.items()}
            texts = {k: cell_text(c.text) if c is not None else "" for k, c in cells.items()}
            # the 一级/二级 names left of 三级: right-aligned when text extraction shifted them
            lead = [(c, x) for c, x in lead_cells if x is not None and x.row == r and x.text.strip()
                    and header_words(x.text)[0] not in blocks]
            here = [(c, x) for c, x in lead_cells if x is not None and x.text.strip()
                    and header_words(x.text)[0] not in blocks]
            self.use(*(x for _, x in here))
            l1_cell = l2_cell = None
            if len(lead) >= 2:
                (_, l1_cell), (_, l2_cell) = lead[-2], lead[-1]
            else:
                c1, c2 = cells.get("l1"), cells.get("l2")
                l1_cell = c1 if c1 is not None and c1.text.strip() else None
                l2_cell = c2 if c2 is not None and c2.text.strip() else None
                if len(lead) == 1 and lead[0][1] not in (l1_cell, l2_cell):
                    l1_cell = lead[0][1]
            t1 = squash(l1_cell.text) if l1_cell is not None else ""
            t2 = squash(l2_cell.text) if l2_cell is not None else ""
            explicit2 = l2_cell is not None and l2_cell.row == r
            name3 = squash(texts.get("l3", ""))
            m = _PREFIX_RE.match(name3)
            no = int(m.group(1)) if m else None
            if l1_cell is not None:
                self.group_cells.setdefault(t1, l1_cell)
            if l2_cell is not None:
                self.group_cells.setdefault(t1 + "\0" + t2, l2_cell)
            rows.append((r, t1, t2, cells, no, name3, explicit2))
        self.table_rows = (row, last)
        if total_row is None and self.sheet.located and not self.set_only:
            self._drop_cut_row(rows)
        leaves = self._rows_to_leaves(rows)
        self._write_tree(st, ev, leaves)
        self._check_block_points(row, first, st)
        if total_row is not None:
            self._totals(st, ev, total_row, cols)
        elif not (self.set_only or self.unscored):
            declared: dict[str, Any] = {}
            self._declared_in_header(declared)
            if declared:
                ev["declared"] = declared
            else:
                self.finding(head, "未找到“总计”行：没有申报总分")
        return True

    def _drop_cut_row(self, rows: list[tuple[int, str, str, dict[str, Cell | None], int | None, str, bool]]) -> None:
        """A document's table with no 总计 row after its last row was cut there (an excerpt, a page torn
        off): when that row shows neither 实际完成值 nor 得分, what is printed of it may be cut too
        (``>=9``), so it is not imported rather than judged as a row left blank."""
        for i in range(len(rows) - 1, -1, -1):
            r, _, _, cells, _, _, _ = rows[i]
            own = [c for k, c in cells.items() if k not in ("l1", "l2") and c is not None and c.row == r
                   and c.text.strip()]
            if not own:
                continue
            if any((c := cells.get(k)) is not None and c.row == r and cell_text(c.text) not in ("", *EMPTY)
                   for k in ("actual", "score")):
                return
            at = cells.get("l3") or own[0]
            self.finding(at, f"表格在“{squash(at.text)}”一行中断（其后没有“总计”行，"
                             "实际完成值与得分均未印出）：此行未导入", severity="notice")
            del rows[i]
            return

    def _check_block_points(self, row: int, first: int, st: dict[str, Any]) -> None:
        """A weight printed on the block's label, ``绩效指标(90分)``, against the 三级 weights read."""
        blocks = set(words("block_labels"))
        total = sum((leaf.get("weight", Decimal(0)) for n in st.get("indicators", []) for g in n["children"]
                     for leaf in g["children"]), Decimal(0))
        for r in range(row, first):
            for c in range(1, self.sheet.max_col + 1):
                cell = self.sheet.cells.get((r, c))
                if cell is None:
                    continue
                label, points = header_words(cell.text)
                if points is not None and label in blocks and points != total and not self.set_only:
                    self.finding(cell, f"“{cell_text(cell.text)}”标明 {fmt_plain(points)} 分，"
                                       f"其下三级指标分值合计 {fmt_plain(total)} 分")

    def _rows_to_leaves(self, rows: list[tuple[int, str, str, dict[str, Cell | None], int | None, str, bool]]
                        ) -> list[tuple[str, str, _Leaf]]:
        """Fill 一级/二级 down; a 二级 name printed mid-way in its merged cell (text extraction
        centres it) names the whole run of rows numbered 指标 1, 2, … it stands in."""
        labels2: list[str] = []
        runs: list[int] = []
        run = 0
        for i, (_, _, t2, _, no, _, explicit2) in enumerate(rows):
            if no == 1 and i:
                run += 1
            runs.append(run)
            labels2.append(t2 if explicit2 else "")
        named: dict[int, str] = {}
        for i, label in enumerate(labels2):
            if label and runs[i] not in named and not labels2[[j for j in range(len(rows)) if runs[j] == runs[i]][0]]:
                named[runs[i]] = label
        out: list[tuple[str, str, _Leaf]] = []
        l1 = l2 = ""
        for i, (r, t1, t2, cells, no, name3, explicit2) in enumerate(rows):
            new_l1 = t1 or l1
            if new_l1 != l1:
                l2 = ""
            l1 = new_l1
            l2 = (labels2[i] or named.get(runs[i]) or (t2 if explicit2 else "") or l2) if rows[i][4] is not None \
                else (t2 or l2)
            if not any(c is not None and c.text.strip() and c.row == r
                       for k, c in cells.items() if k not in ("l1", "l2")):
                continue
            if not l1 or not l2:
                self.finding(cells.get("l3") or (r, 1), "此行缺少一级或二级指标名称，未导入", severity="error")
                continue
            self.groups.setdefault(l1, {}).setdefault(l2, [])
            if not name3 or name3 in EMPTY:
                rest = [cell_text(c.text) for k, c in cells.items() if k not in ("l1", "l2", "l3") and c is not None]
                self.use(*cells.values())
                if any(t and t not in EMPTY for t in rest):
                    self.finding(cells.get("l3") or (r, 1), "三级指标名称为空，但此行填了数值；未导入", f"{l1} > {l2}")
                continue
            values = [cell_text(c.text) for k, c in cells.items()
                      if k not in ("l1", "l2", "l3") and c is not None and c.row == r]
            if not self.set_only and all(not v or v in EMPTY or v == UNREADABLE for v in values):
                # a row cut off or left blank: only its name is printed (or "[?]", unreadable)
                self.finding(cells.get("l3") or (r, 1), f"“{name3}”一行没有任何数值，未导入", f"{l1} > {l2}")
                continue
            unread = [w for k, w in (("actual", "实际完成值"), ("score", "得分"))
                      if (c := cells.get(k)) is not None and c.row == r and UNREADABLE in c.text]
            if unread and not self.set_only:
                # a transcription's mark for a cell that could not be read: the row is not judged on a guess
                self.finding(cells.get("l3") or (r, 1), f"“{name3}”一行的{'、'.join(unread)}无法辨认（{UNREADABLE}），"
                                                        "此行未导入", f"{l1} > {l2}", "notice")
                continue
            m = _PREFIX_RE.match(name3)
            name = name3[m.end():].strip() if m else name3
            if not name:
                self.finding(cells.get("l3") or (r, 1), f"“{name3}”只有编号，没有指标名称；未导入", f"{l1} > {l2}",
                             "error")
                continue
            leaf = _Leaf(name, no, r, cells, {})
            self.groups[l1][l2].append(leaf)
            out.append((l1, l2, leaf))
        return out

    def _write_tree(self, st: dict[str, Any], ev: dict[str, Any], found: list[tuple[str, str, _Leaf]]) -> None:
        names: dict[str, int] = {}
        for _, _, leaf in found:
            names[leaf.name] = names.get(leaf.name, 0) + 1
        indicators: list[dict[str, Any]] = []
        results: dict[str, Any] = {}
        for i, (l1, g) in enumerate(self.groups.items()):
            name1, points1 = _name_points(l1)
            if not name1:
                # only its points printed, ``(50分)``: named after the framework's 一级 that holds its 二级
                name1 = _framework_parent(self.extends, [_name_points(l2)[0] for l2 in g]) or "一级指标（原表未印名称）"
                self.note(["indicators", i], f"原表一级指标只印“{cell_text(l1)}”，未印名称：名称按其下二级指标取自框架")
            node1: dict[str, Any] = {"name": name1, "children": []}
            indicators.append(node1)
            c1 = self.group_cells.get(l1)
            if c1 is not None:
                self.set_cells.append((["indicators", i], c1.ref))
            leaf_weights: list[Decimal] = []
            for j, (l2, leaves) in enumerate(g.items()):
                name2, _ = _name_points(l2)
                node2: dict[str, Any] = {"name": name2, "children": []}
                node1["children"].append(node2)
                base: Keys = ["indicators", i, "children", j]
                c2 = self.group_cells.get(l1 + "\0" + l2)
                if c2 is not None:
                    self.set_cells.append((base, c2.ref))
                for k, leaf in enumerate(leaves):
                    keys: Keys = [*base, "children", k]
                    path = f"{name1} > {name2} > {leaf.name}"
                    key = leaf.name if names[leaf.name] == 1 else f"{name2} > {leaf.name}"
                    node = self._leaf(leaf, keys, path)
                    node2["children"].append(node)
                    if isinstance(node.get("weight"), Decimal):
                        leaf_weights.append(node["weight"])
                    if not self.set_only:
                        results[key] = self._result(leaf, key, path)
                    self.result_paths[key] = (name1, name2, leaf.name)
            if points1 is not None and c1 is not None and not self.set_only and sum(leaf_weights) != points1:
                self.finding(c1, f"“{cell_text(l1)}”标明 {fmt_plain(points1)} 分，其下三级指标分值合计 "
                                 f"{fmt_plain(sum(leaf_weights, Decimal(0)))} 分", name1)
        st["indicators"] = indicators
        if results:
            ev["results"] = results

    def _target(self, leaf: _Leaf, path: str) -> tuple[str, Cell | None]:
        """The 年度指标值 as one text; split columns (指标性质 | 指标值 | 度量单位) joined: ``≥95%``."""
        c = leaf.cells
        tcell = c.get("target")
        value = cell_text(tcell.text) if tcell is not None else ""
        sign = cell_text(c["sign"].text) if c.get("sign") is not None else ""   # type: ignore[union-attr]
        unit = cell_text(c["unit"].text) if c.get("unit") is not None else ""   # type: ignore[union-attr]
        self.use(c.get("sign"), c.get("unit"))
        if value in EMPTY:
            value = ""
        if unit in EMPTY:
            unit = ""
        sign = {"＝": "=", "＞": ">", "＜": "<", ">=": "≥", "<=": "≤", "≧": "≥", "≦": "≤"}.get(sign, sign)
        if sign not in ("=", "≥", "≤", ">", "<"):
            sign = ""          # 定性, 定量 …: the kind, not a comparison
        if value and unit and not value.endswith(unit):
            value = value + unit if unit in ("%", "％") else f"{value} {unit}"
        if value and sign and not value.startswith(("=", "≥", "≤", ">", "<", "＝")):
            value = sign + value
        return value, tcell or c.get("sign") or c.get("unit")

    def _leaf(self, leaf: _Leaf, keys: Keys, path: str) -> dict[str, Any]:
        node: dict[str, Any] = {}
        if leaf.no is not None:
            node["no"] = leaf.no
        node["name"] = leaf.name
        c = leaf.cells
        self.use(c.get("l3"))
        self.set_cells.append((keys, c["l3"].ref))  # type: ignore[union-attr]
        self.set_cells.append(([*keys, "name"], c["l3"].ref))  # type: ignore[union-attr]
        ttext, tcell = self._target(leaf, path)
        if ttext and ttext not in EMPTY and tcell is not None:
            self.use(tcell)
            try:
                target = parse_target(ttext)
                node["target"] = ttext
                if target.value is not None and not target.unit and re.search(r"[(（]\s*[%％]\s*[)）]", leaf.name):
                    node["unit"] = "%"
                self.set_cells.append(([*keys, "target"], tcell.ref))
            except ValueError as exc:
                self.finding(tcell, f"{exc}；未导入年度指标值", path)
                self.notes_set[tuple(keys)] = f"原表年度指标值“{ttext}”无法识别（{self.where(tcell)}）"
        if self.set_only and c.get("weight") is None:
            pass              # weighed from its 评分标准 once compiled (_compile)
        elif self.unscored:
            node["weight"] = Decimal(0)       # the model wants a weight: 0, so that nothing is scored
            self.note(keys, "原表未列分值：按 0 导入，不计分")
        else:
            weight = self.number(c.get("weight"), "分值", path, "error")
            if weight is None:
                wcell = c.get("weight")
                shown = cell_text(wcell.text) if wcell is not None else ""
                if not shown or shown in EMPTY:
                    self.finding(wcell or (leaf.row, 1), "三级指标没有分值，按 0 分导入", path, "error")
                self.notes_set[tuple(keys)] = f"原表分值“{shown}”无法识别，按 0 导入"
                weight = Decimal(0)
            node["weight"] = weight
            if c.get("weight") is not None:
                self.set_cells.append(([*keys, "weight"], c["weight"].ref))  # type: ignore[union-attr]
        crit = c.get("criteria")
        if crit is not None and cell_text(crit.text) and cell_text(crit.text) not in EMPTY:
            self.use(crit)
            node["criteria"] = cell_text(crit.text)
            self.set_cells.append(([*keys, "criteria"], crit.ref))
            if self.set_only:
                self._compile(node, crit, path, keys)
        expl = c.get("explanation")
        if expl is not None and cell_text(expl.text) and cell_text(expl.text) not in EMPTY:
            self.use(expl)          # kept as the node's comment: the model has no field for it
            before = self.notes_set.get(tuple(keys))
            self.notes_set[tuple(keys)] = (before + "。" if before else "") + f"指标解释：{cell_text(expl.text)}"
        return node

    def note(self, keys: Keys, text: str) -> None:
        """A comment on a node of the set (notes add up)."""
        before = self.notes_set.get(tuple(keys))
        self.notes_set[tuple(keys)] = f"{before}。{text}" if before else text

    def _compile(self, node: dict[str, Any], crit: Cell, path: str, keys: Keys) -> None:
        """An 指标体系 row's 评分标准 through the rule-text reader: its rule, or a notice why not."""
        from ..ruletext import parse

        try:
            node["rule"] = parse(node["criteria"], node.get("target"))
        except Exception as exc:  # noqa: BLE001 - a criterion the reader cannot compile stays text
            criteria = node.pop("criteria")      # kept as a comment: a set's criteria must compile
            self.set_cells[:] = [(k, c) for k, c in self.set_cells if k != [*keys, "criteria"]]
            self.notes_set[tuple(keys)] = f"评分标准（未能转为规则，请补录 rule）：{criteria}"
            self.finding(crit, f"评分标准未能转为计分规则（{exc}），照录为注释", path, "notice")
        full = _full_mark(node.get("rule"))
        if full is not None:
            node["weight"] = full
            self.note(keys, "原表未列分值：分值取自评分标准的满分")
        else:
            node["weight"] = Decimal(0)
            self.note(keys, "原表未列分值，评分标准也未写明满分：按 0 导入，请补录")
            self.finding(crit, "原表未列分值，评分标准也未写明满分：按 0 分导入", path)

    def _result(self, leaf: _Leaf, key: str, path: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        c = leaf.cells
        keys: Keys = ["results", key]
        self.ev_cells.append((keys, c["l3"].ref))  # type: ignore[union-attr]
        acell = c.get("actual")
        if acell is not None and acell.row == leaf.row and acell.text.strip() and acell.text.strip() not in EMPTY:
            self.use(acell)
            if acell.number is not None:
                n = acell.number
                out["actual"] = int(n) if n == n.to_integral_value() and "." not in acell.text else n
            else:
                out["actual"] = cell_text(acell.text)
            self.ev_cells.append(([*keys, "actual"], acell.ref))
        scell = c.get("score")
        score = self.number(scell, "得分", path)
        if score is not None:
            out["score"] = score
            self.ev_cells.append(([*keys, "score"], scell.ref))  # type: ignore[union-attr]
        elif scell is not None and scell.text.strip() and scell.text.strip() not in EMPTY:
            self.notes_ev[tuple(keys)] = f"原表得分“{cell_text(scell.text)}”无法识别（{self.where(scell)}）"
        dcell = c.get("deviation")
        if dcell is not None and cell_text(dcell.text) and dcell.row == leaf.row:   # an instruction too (PS213)
            self.use(dcell)
            out["deviation"] = cell_text(dcell.text)
            self.ev_cells.append(([*keys, "deviation"], dcell.ref))
        return out

    def _totals(self, st: dict[str, Any], ev: dict[str, Any], row: int, cols: dict[str, int]) -> None:
        declared: dict[str, Any] = {}
        totals = set(words("totals"))
        label = next(c for c in (self.sheet.get(row, col) for col in range(1, cols["l3"] + 1))
                     if c is not None and norm(c.text) in totals)
        self.use(label)
        self.ev_cells.append((["declared"], label.ref))
        shifted: dict[str, Cell] = {}
        numbers = [c for c in (self.sheet.cells.get((row, col)) for col in range(label.col + 1, self.sheet.max_col + 1))
                   if c is not None and c.number is not None]
        score_cell = self.sheet.get(row, cols["score"]) if "score" in cols else None
        if self.sheet.located and len(numbers) == 2 and "weight" in cols and score_cell is None \
                and [c.col for c in numbers] != [cols["weight"], cols["score"]]:
            # text extraction dropped an empty cell: the two numbers of the 总计 row are its 分值 and 得分
            shifted = {"weight": numbers[0], "score": numbers[1]}
        if "weight" in cols:
            wcell = shifted.get("weight") or self.sheet.get(row, cols["weight"])
            weight = self.number(wcell, "总计分值")
            if weight is not None:
                declared["weight_total"] = weight
                st["total"] = weight
                self.ev_cells.append((["declared", "weight_total"], wcell.ref))  # type: ignore[union-attr]
                self.set_cells.append((["total"], wcell.ref))  # type: ignore[union-attr]
        if "score" in cols:
            scell = shifted.get("score") or self.sheet.get(row, cols["score"])
            total = self.number(scell, "总计得分")
            if total is not None:
                declared["total"] = total
                self.ev_cells.append((["declared", "total"], scell.ref))  # type: ignore[union-attr]
        grade = self.grade(cols.get("score"))
        self._declared_in_header(declared)
        if grade is not None:
            declared["grade"] = cell_text(grade.text).split(":")[-1].split("：")[-1].strip()
            self.ev_cells.append((["declared", "grade"], grade.ref))
        if declared:
            ev["declared"] = declared

    def _declared_in_header(self, declared: dict[str, Any]) -> None:
        """A total printed in the head of the form (自评得分 98) when no 总计 row declares one."""
        if "total" in declared:
            return
        label = self.label(lambda t: t.rstrip(":") in words("declared_total_labels"))
        value = self.right_of(label) if label is not None else None
        total = self.number(value, f"“{cell_text(label.text)}”") if label is not None and value is not None else None
        if total is not None and value is not None:
            declared["total"] = total
            self.ev_cells.append((["declared", "total"], value.ref))

    def grade(self, score_col: int | None) -> Cell | None:
        """The declared grade: in the 得分 (申报得分) column of the 等级 row when that column has
        one (a perfscore compare export puts the recomputed grade in 复核得分 beside it),
        else the first filled cell right of the label, or ``等级：优`` in one cell. A grade is
        a word (优, 良好 …), never a sentence: a narrative or an instruction is no grade."""
        words_ = ("评价等级", "自评等级", "绩效等级", "等级", "评价结果", "自评结果")
        for cell in sorted(self.sheet.cells.values(), key=lambda c: (c.row, c.col)):
            t = norm(cell.text)
            for w in words_:
                if t == w or t == w + ":":
                    self.use(cell)
                    found: Cell | None = None
                    if score_col is not None and score_col > cell.col and \
                            self.sheet.origin(cell.row, score_col) != (cell.row, cell.col):
                        found = self.sheet.get(cell.row, score_col)
                        if found is None or not found.text.strip():
                            if any(self.sheet.get(cell.row, c) is not None for c in range(score_col + 1,
                                                                                           self.sheet.max_col + 1)):
                                return None     # the declared column is blank; what follows is not declared
                            found = self.right_of(cell)
                    else:
                        found = self.right_of(cell)
                    return found if found is not None and _is_grade(found.text) else None
                if t.startswith(w + ":") and len(t) > len(w) + 1:
                    return cell if _is_grade(t[len(w) + 1:]) else None
        return None

    # ----------------------------------------------------------------- the table

    def read(self) -> Imported | None:
        ev: dict[str, Any] = {}
        st: dict[str, Any] = {}
        self.groups: dict[str, dict[str, list[_Leaf]]] = {}
        self.group_cells: dict[str, Cell] = {}
        self.block_points: list[tuple[Cell | None, Decimal, list[str]]] = []
        st_probe: dict[str, Any] = {}
        ev_probe: dict[str, Any] = {}
        if not self.table(st_probe, ev_probe):
            return None
        leaves = [leaf for g in self.groups.values() for group in g.values() for leaf in group]
        if self.sheet.located and not leaves and not any("指标表缺少" in f.message for f in self.findings):
            self.skipped = "指标表下没有可读的指标行（行已错位或被截断），未导入"
            return None
        if self.sheet.located and leaves and all("weight" in leaf.cells and not (
                (c := leaf.cells["weight"]) and cell_text(c.text)) for leaf in leaves):
            # a printed table cut after its first columns (an excerpt, a page torn off): blank 分值
            # would import as indicators worth nothing and every total would be reported wrong
            self.skipped = "指标行都没有分值（表格被截断？），未导入"
            return None
        if leaves and all(not ((c := leaf.cells.get("weight")) and cell_text(c.text)) for leaf in leaves) and any(
                (c := leaf.cells.get("score")) and cell_text(c.text) for leaf in leaves):
            # a form that prints its blocks' points but no 分值 per row: scores against weights of 0
            # would all be reported above their weight
            self.skipped = "指标行有得分却都没有分值（原表只列了各部分的分数？），未导入"
            return None
        header = self.header()
        project = header.get("project")
        if project is None and self.sheet.located and not self.set_only:
            self.skipped = "表格不完整：未找到“项目名称”（可能是上一页表格的末尾），未导入"
            return None
        if project is None and self.set_only:
            project = self._set_title()
            if project is not None and "year" not in header:
                m = _YEAR_RE.search(self.sheet.caption)
                if m:
                    header["year"] = int(m.group(1))
                    self.findings = [f for f in self.findings if "未找到年度" not in f.message]
        if project is None:
            self.finding((1, 1), "未找到“项目名称”", severity="error")
            project = self.sheet.name
        year = header.get("year")
        if self.sheet.located and not year:
            self.skipped = "未找到年度（如“(2024年度)”），未导入；请用 --year 指定"
            return None
        kind = header["kind"]
        if self.set_only:
            kind = "部门评价" if kind == "自评" else kind
        set_id = f"{year}-{project}-{kind}" if year else f"{project}-{kind}"
        st["indicator_set"] = set_id
        st["name"] = f"{project} 绩效{'自评' if kind == '自评' else kind}指标（{year}年度）" if year else project
        if self.set_only:
            st["name"] = f"{project}（{year}年度）" if year else project
        if self.extends and not (self.set_only or self.unscored):      # a framework's weights would not fit
            st["extends"] = self.extends
        origin = min(self.sheet.cells, default=(1, 1))
        st["source"] = (f"{os.path.basename(self.book)}{self.sheet.at(*origin)}" if self.sheet.located
                        else f"{os.path.basename(self.book)}!{self.sheet.name}")
        if "total" in st_probe:
            st["total"] = st_probe.pop("total")
        if self.unscored:
            # nothing printed to score: no total, no weight for the 执行率, none for the rows
            st["total"] = Decimal(0)
            st["budget"] = {"weight": Decimal(0)}
            self.finding(self.table_head, UNSCORED, severity="notice")
        st.update(st_probe)
        ev["project"] = project
        for key in ("department", "implementer", "year"):
            if key in header:
                ev[key] = header[key]
        if "department" not in ev and not self.set_only:
            # an excerpt often names only the 实施单位: import what is printed, never invent a department
            ev["department"] = ""
            self.finding((1, 1), "未找到“主管部门”，主管部门留空导入；请补填", severity="warning")
        ev["kind"] = kind
        ev["indicator_set"] = set_id
        ev["source"] = st["source"]
        self.goals(ev)
        self.funds(ev)
        ev.update(ev_probe)
        self.narrative(ev)
        self._check_points(ev)
        self.set_cells.insert(0, ([], self.sheet.at(*origin)))
        self.ev_cells.insert(0, ([], self.sheet.at(*origin)))
        if self.record is not None:
            st, ev = self.reconcile(st, ev)
            set_id = str(ev.get("indicator_set", set_id))
            project = str(ev.get("project", project))
            kind = str(ev.get("kind", kind))
        note = UNSCORED if self.unscored else ""
        evaluation = None if self.set_only else Document(ev, self.ev_cells, self.notes_ev, note)
        return Imported(self.sheet.name, Document(st, self.set_cells, self.notes_set, note),
                        evaluation, self.findings, f"{project}-{kind}", self.record is not None,
                        self.unused())

    def _set_title(self) -> str | None:
        """The name of an 指标体系 table without 项目名称: its title (…指标体系), in it or just above it."""
        for cell in sorted(self.sheet.cells.values(), key=lambda c: (c.row, c.col)):
            if "指标体系" in cell.text or "评价指标" in cell.text:
                self.use(cell)
                return squash(cell.text)
        lines = [squash(t) for t in self.sheet.caption.splitlines() if t.strip()]
        for i in range(len(lines) - 1, -1, -1):
            line = lines[i]
            if ("指标体系" in line or "指标表" in line) and "如下" not in line:
                title = line
                if i and not lines[i - 1].endswith(("。", "：", ":")) and "如下" not in lines[i - 1]:
                    title = lines[i - 1] + line          # a title wrapped over two lines
                return re.sub(r"\d{4}\s*年度?", "", title).strip() or title
        return None

    def _check_points(self, ev: dict[str, Any]) -> None:
        """A weight printed in a block's header, ``预算执行情况(10分)``, against the weight read."""
        budget = ev.get("budget", {}).get("weight")
        for cell, points, _ in self.block_points:
            if cell is not None and budget is not None and budget != points:
                self.finding(cell, f"“{cell_text(cell.text)}”标明 {fmt_plain(points)} 分，"
                                   f"而分值栏为 {fmt_plain(budget)} 分")

    def unused(self) -> list[tuple[str, str]]:
        """Every filled cell the reading did not use: (location, text)."""
        out = []
        for (r, c), cell in sorted(self.sheet.cells.items()):
            if (r, c) in self.used or not cell.text.strip():
                continue
            out.append((self.where(cell), cell_text(cell.text)))
        return out

    def reconcile(self, st: dict[str, Any], ev: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """Complete the form's reading from the hidden record of a perfscore export."""
        from .reconcile import Reconciler

        assert self.record is not None

        def notice(cell: str, message: str, indicator: str | None) -> None:
            self.findings.append(unreadable_cell(self.sheet.where(self.book, cell), message, indicator, "notice"))

        r = Reconciler(self.record, self.set_cells, self.ev_cells, self.result_paths, self.criteria_column, notice)
        return r.indicator_set(st), r.evaluation(ev)


def _declared_first(cols: dict[str, int]) -> dict[str, int]:
    """申报得分 is the declared score even beside a 得分 column (which then is not used)."""
    if "declared" in cols:
        cols = {k: v for k, v in cols.items() if k != "score"}
        cols["score"] = cols.pop("declared")
    return cols


def _framework_parent(extends: str | None, names: list[str]) -> str | None:
    """The 一级 of the framework ``extends`` whose 二级 (by name or alias) include all of ``names``."""
    from ..loading import find_set, load_set

    if not extends:
        return None
    try:
        framework = load_set(find_set(extends, None))
    except PerfscoreError:
        return None
    for node in framework.indicators:
        known = {n for child in node.children for n in (child.name, *child.aliases)}
        if names and set(names) <= known:
            return node.name
    return None


def _name_points(text: str) -> tuple[str, Decimal | None]:
    """A group name without its printed weight: 产出指标(50分) → 产出指标, 50."""
    m = _POINTS_RE.search(text)
    if m is None:
        return text, None
    return (text[:m.start()] + text[m.end():]).strip(), Decimal(m.group(1))


def _full_mark(rule: Any) -> Decimal | None:
    """The full mark a compiled 评分标准 states (bands' top score, a checklist's full), if any."""
    if not isinstance(rule, dict):
        return None
    if rule.get("full") is not None:
        return Decimal(str(rule["full"]))
    if rule.get("kind") == "bands":
        scores = [b.get("score") for b in rule.get("bands", []) if isinstance(b.get("score"), (int, Decimal))]
        return Decimal(max(scores)) if scores else None
    return None


def _is_grade(text: str) -> bool:
    t = norm(text).split(":")[-1]
    return 0 < len(t) <= 4 and not is_instruction(text) and not any(ch.isdigit() for ch in t)


def fmt_plain(value: Decimal) -> str:
    from .xlsxread import plain

    return plain(value)


def _is_record(sheet: Sheet) -> bool:
    from ..formats.sheet import RECORD_FORMAT, RECORD_SHEET

    return sheet.name.startswith(RECORD_SHEET) and sheet.text(1, 1).strip() == RECORD_FORMAT


def _records(book: Workbook, label: str) -> tuple[dict[str, dict[str, Any]], list[Finding]]:
    """The hidden records of a perfscore export, by the form sheet they belong to."""
    from .reconcile import read_record

    out: dict[str, dict[str, Any]] = {}
    problems: list[Finding] = []
    for sheet in book.sheets:
        if not _is_record(sheet):
            continue
        data, why = read_record(sheet, label)
        if data is None:
            problems.append(unreadable_cell(f"{label}!{sheet.name}!B3",
                                            f"{why}；只按可见的表导入（评分规则、佐证等表上没有位置的内容未导入）"))
        else:
            out[str(data.get("sheet", ""))] = data
    return out, problems


@dataclass
class TableReport:
    """One table of a document as the import saw it."""

    where: str                    # its first cell: ``决算.txt:536``, ``表.xlsx!自评表!A1``
    name: str                     # 项目-自评, or the grid's name when skipped
    imported: bool
    why: str = ""                 # why it was skipped
    cells: int = 0                # its filled cells
    unused: list[tuple[str, str]] = field(default_factory=list)   # (location, text) not used
    used: int = 0                 # its filled cells read into the set or the evaluation (or as their labels)


@dataclass
class DocumentReading:
    """All a document gave: the tables imported, the findings, and a report per table."""

    imported: list[Imported]
    findings: list[Finding]
    tables: list[TableReport]


def split_tables(sheet: Sheet) -> list[Sheet]:
    """A grid holding several 自评表 (a 决算's text holds them one after another), one per table.

    A table starts at its 项目名称 row, or at the title row just above it (``(2024年度)``,
    ``…自评表``); rows before the first start are a grid of their own (the end of a table
    begun on an earlier page). Rows are renumbered from 1 in each part; cells keep their
    locations. A workbook sheet holding one table is returned as it is.
    """
    labels = set(words("project_labels"))
    starts = sorted({c.row for c in sheet.cells.values() if norm(c.text).rstrip(":") in labels})
    starts = [_title_above(sheet, r) for r in starts]
    if not starts or (len(starts) == 1 and starts[0] <= 3):
        return [sheet]
    bounds = ([1] if starts[0] > 1 else []) + starts + [sheet.max_row + 1]
    parts = []
    title = "\n".join(c.text for c in sorted(sheet.cells.values(), key=lambda c: (c.row, c.col))
                      if c.row <= 2 and _YEAR_RE.search(c.text))
    for top, end in zip(bounds, bounds[1:]):
        part = Sheet(sheet.name, located=True, caption="\n".join(t for t in (sheet.caption, title) if t))
        for (r, c), cell in sheet.cells.items():
            if top <= r < end:
                at = cell.ref if sheet.located else f"!{sheet.name}!{cell.ref}"
                part.cells[(r - top + 1, c)] = Cell(r - top + 1, c, cell.text, cell.number, cell.formula, at)
        for (r, c), (r0, c0) in sheet.merged.items():
            if top <= r < end and top <= r0 < end:
                part.merged[(r - top + 1, c)] = (r0 - top + 1, c0)
        if part.cells:
            part.max_row = max(r for r, _ in list(part.cells) + list(part.merged))
            part.max_col = max(c for _, c in list(part.cells) + list(part.merged))
            parts.append(part)
    return parts


def _title_above(sheet: Sheet, row: int) -> int:
    """The row a table starts at: its 项目名称 row, or the title row right above it."""
    above = [c for (r, _), c in sheet.cells.items() if r == row - 1 and c.text.strip()]
    if len(above) == 1 and (_YEAR_RE.search(above[0].text) or "自评表" in above[0].text or "评价表" in above[0].text):
        return row - 1
    return row


def read_document(path: str, extends: str | None = DEFAULT_EXTENDS, year: int | None = None,
                  label: str | None = None) -> DocumentReading:
    """Every table of a document that perfscore recognises, and a report of every table it holds."""
    from .grids import read_grids

    label = label or path
    records: dict[str, dict[str, Any]] = {}
    skipped: list[Finding] = []
    if os.path.splitext(path)[1].lower() in (".xlsx", ".xlsm"):
        book = Workbook(path)
        grids = book.sheets
        records, skipped = _records(book, label)
        names = {s.name for s in book.sheets}
        if len(records) == 1 and not names & set(records):
            records = {"": next(iter(records.values()))}    # the form sheet was renamed: one record, it is its
    else:
        grids = read_grids(path)
    out: list[Imported] = []
    tables: list[TableReport] = []
    for grid in grids:
        if not grid.cells or _is_record(grid):
            continue
        if norm(grid.text(1, 1)) == "代码" and norm(grid.text(1, 2)) == "严重程度":
            continue        # the 问题清单 sheet of a perfscore --compare export: findings, not data
        if grid.flattened:
            from .grids import realign

            grid = realign(grid)
        for table in split_tables(grid):
            origin = min(table.cells)
            where = table.where(label, table.at(*origin))
            filled = [c for c in table.cells.values() if c.text.strip()]
            reader = SheetReader(label, table, extends, year, records.get(grid.name, records.get("")))
            got = reader.read()
            if got is None:
                why = getattr(reader, "skipped", "") or (
                    "此工作表不是自评表（未找到“三级指标”表头），已跳过" if not table.located
                    else "不是自评表或指标体系表（未找到“一级指标 / 三级指标”表头）")
                at = where if table.located else f"{label}!{table.name}!A1"
                skipped.append(unreadable_cell(at, why, severity="notice"))
                tables.append(TableReport(where, table.name, False, why, len(filled),
                                          [(table.where(label, c.ref), cell_text(c.text)) for c in
                                           sorted(filled, key=lambda c: (c.row, c.col))]))
                continue
            fatal = [f for f in reader.findings if f.severity == "error" and "指标表缺少" in f.message]
            if fatal:
                why = fatal[0].message
                skipped.extend(reader.findings)
                tables.append(TableReport(where, got.name, False, why, len(filled),
                                          [(table.where(label, c.ref), cell_text(c.text)) for c in
                                           sorted(filled, key=lambda c: (c.row, c.col))]))
                continue
            out.append(got)
            used = sum((c.row, c.col) in reader.used for c in filled)
            tables.append(TableReport(where, got.name, True, "", len(filled), got.unused, used))
    return DocumentReading(out, skipped, tables)


def read_workbook(path: str, extends: str | None = DEFAULT_EXTENDS, year: int | None = None,
                  label: str | None = None) -> tuple[list[Imported], list[Finding]]:
    """Every project table of a document, and the findings of tables that are not 自评表."""
    reading = read_document(path, extends, year, label)
    if not reading.imported:
        raise PerfscoreError("没有找到自评表（需有“一级指标 / 二级指标 / 三级指标”表头的表格）", path)
    return reading.imported, reading.findings


# --------------------------------------------------------------------------- writing

@dataclass
class Written:
    files: list[str]
    projects: int
    findings: list[Finding]
    problems: list[str]            # the imported files that do not load, as ``file:line:col: 说明``
    tables: list[TableReport] = field(default_factory=list)


def _framework_budget_weight(extends: str | None, near: str) -> Decimal | None:
    if not extends:
        return None
    from ..loading import find_set, load_set

    iset = load_set(find_set(extends, near))
    return iset.budget.weight if iset.budget is not None else None


def _header(kind: str, book: str, sheet: Sheet | str, side: str) -> list[str]:
    where = f"工作表“{sheet}”" if isinstance(sheet, str) else "表格"
    return [f"# {kind}：由 perfscore import 从 {os.path.basename(book)} {where}导入，数值照录原表。",
            f"# 各值所在的单元格记在 {os.path.basename(side)}（perfscore check 据此把问题定位到原文）。"]


def render(doc: Document, kind: str, book: str, sheet: str, yaml_path: str, located: bool = False) -> str:
    """The YAML text of one imported document; verified to load back to its data."""
    from ..cells import sidecar_path
    from .schema import schema_comment
    from ..yamltext import check_round_trip, dump

    lines = []
    schema = schema_comment(yaml_path, "indicator_set" if kind == "指标体系" else "evaluation")
    if schema:
        lines.append(schema)
    lines += _header(kind, book, "" if located else sheet, sidecar_path(yaml_path)) if not located else \
        [f"# {kind}：由 perfscore import 从 {os.path.basename(book)} 导入，数值照录原表。",
         f"# 各值在原文中的位置记在 {os.path.basename(sidecar_path(yaml_path))}"
         "（perfscore check 据此把问题定位到原文）。"]
    if doc.note:
        lines.append(f"# {doc.note}。")
    body = dump(doc.data, {k: v for k, v in doc.comments.items()})
    text = "\n".join(lines) + "\n" + body
    check_round_trip(text, doc.data, yaml_path)
    return text


def write_import(workbook: str, out_dir: str = ".", extends: str | None = DEFAULT_EXTENDS,
                 year: int | None = None, force: bool = False) -> Written:
    """Import every table of a document into ``out_dir``/indicator_sets and /evaluations.

    Nothing is written unless everything is: the files are rendered (each verified to load
    back to its data), written to a temporary folder inside ``out_dir``, loaded there, and
    only then moved into place.
    """
    import shutil
    import tempfile

    from ..cells import sidecar_path, write_sidecar

    reading = read_document(workbook, extends, year)
    imported = reading.imported
    framework_weight = _framework_budget_weight(extends, out_dir) if imported else None
    plans: list[tuple[str, Document, str, Imported]] = []
    used: set[str] = set()
    for item in imported:
        stem = safe_name(item.name)
        n = 2
        while stem in used:
            stem = safe_name(f"{item.name}-{n}")
            n += 1
        used.add(stem)
        budget = item.evaluation.data.get("budget", {}).get("weight") if item.evaluation else None
        if budget is not None and budget != framework_weight and not item.recorded:
            data = item.set.data
            keys = list(data)
            data["budget"] = {"weight": budget}
            order = keys[:keys.index("indicators")] + ["budget", "indicators"]
            item.set.data = {k: data[k] for k in order}
        set_file = os.path.normpath(os.path.join(out_dir, "indicator_sets", stem + ".yaml"))
        plans.append((set_file, item.set, "指标体系", item))
        if item.evaluation is not None:
            plans.append((os.path.normpath(os.path.join(out_dir, "evaluations", stem + ".yaml")),
                          item.evaluation, "评价", item))
    if not force:
        existing = [p for p, *_ in plans if os.path.exists(p) or os.path.exists(sidecar_path(p))]
        if existing:
            raise PerfscoreError(f"文件已存在，未覆盖（确需覆盖请加 --force）：{'、'.join(existing)}")
    findings = sorted([f for item in imported for f in item.findings] + reading.findings, key=lambda f: f.sort_key())
    if not plans:
        return Written([], 0, findings, [], reading.tables)
    texts = [(path, render(doc, kind, workbook, item.sheet, path, _located(doc)), doc, item)
             for path, doc, kind, item in plans]
    os.makedirs(out_dir, exist_ok=True)
    from .. import loading

    temp = tempfile.mkdtemp(prefix=".perfscore-import-", dir=out_dir)
    try:
        staged = []
        for path, text, _, _ in texts:
            rel = os.path.relpath(path, out_dir)
            tpath = os.path.join(temp, rel)
            os.makedirs(os.path.dirname(tpath), exist_ok=True)
            with open(tpath, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            staged.append(tpath)
        loading.forget_index()
        problems = [p.replace(temp + os.sep, "") for p in _problems(staged)]
        if problems:
            return Written([], 0, findings, problems, reading.tables)
        written: list[str] = []
        for (path, _, doc, item), tpath in zip(texts, staged):
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            os.replace(tpath, path)
            written.append(path)
            written.append(write_sidecar(path, workbook, None if _located(doc) else item.sheet, doc.cells))
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    loading.forget_index()             # new set files: the id index of their directory is stale
    return Written(written, sum(i.evaluation is not None for i in imported), findings, [], reading.tables)


def _located(doc: Document) -> bool:
    """Whether a document's cells are full locations (a grid read from a non-workbook document)."""
    return any(c.startswith((":", "#", "!")) for _, c in doc.cells)


def _problems(paths: list[str]) -> list[str]:
    from ..errors import PerfscoreErrors
    from ..loading import load_any

    out: list[str] = []
    for path in paths:
        try:
            load_any(path)
        except PerfscoreErrors as exc:
            out += [str(e) for e in exc.errors]
        except PerfscoreError as exc:
            out.append(str(exc) if exc.file else f"{path}: {exc}")
    return out


_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_name(name: str) -> str:
    """A file stem any file system takes: no separators, wildcards, control characters or trailing dots,
    not a Windows device name, at most 80 characters (well under 255 bytes of UTF-8 with its suffix)."""
    stem = re.sub(r'[\\/:*?"<>|\s\x00-\x1f\x7f]+', "_", name).strip("._ ")[:80].rstrip("._ ")
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    return stem or "评价"


def documents_in(folder: str) -> list[str]:
    """The documents ``perfscore import DIR`` reads: every file of a known kind, sorted, recursively."""
    from .grids import SUFFIXES

    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out += [os.path.join(root, f) for f in sorted(files)
                if f.lower().endswith(SUFFIXES) and not f.startswith((".", "~$"))]
    return out


def summary_line(path: str, done: Written | None, error: str | None = None) -> str:
    """One line per document: tables found, imported, skipped and why."""
    if done is None:
        return f"{path}：未导入（{error}）"
    found = len(done.tables)
    ok = sum(t.imported for t in done.tables)
    whys: dict[str, int] = {}
    for t in done.tables:
        if not t.imported:
            whys[t.why] = whys.get(t.why, 0) + 1
    skipped = "；".join(f"{n} 个{why}" if n > 1 else why for why, n in whys.items())
    unused = sum(len(t.unused) for t in done.tables if t.imported)
    text = f"{path}：表格 {found} 个，导入 {ok} 个，跳过 {found - ok} 个"
    if skipped:
        text += f"（{skipped}）"
    if ok:
        text += f"；导入的表格中 {unused} 个单元格未使用"
    if done.problems:
        text += f"；{len(done.problems)} 处导入结果无法读取，未写入"
    return text
