"""The paper form as a grid of cells (value, span, role), drawn by both the xlsx and the html exporter.

Columns (附1 order): A block labels · B 一级指标 · C 二级指标 · D 三级指标 · E 年度指标值 ·
[评分标准] · 实际完成值 · 分值 · 得分 (with ``compare``: 申报得分, 复核得分) · last 偏差原因分析及改进措施.

``layout(sheet, workbook=True)`` (the xlsx export) prints everything the paper form has a place
for, so that the workbook imports back: the ``指标 N：`` numbers and, when any indicator has
one, a 评分标准 column. With ``compare`` the cells that the submitted form filled in show what
it declared: 申报得分, and the 分值 / 执行率 of 年度资金总额, each fund line's 执行率 and the
总分 row's 分值 (where nothing is declared, perfscore's value; where it differs, red with
perfscore's value in the comment).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterator

from ..numbers import differs, fmt
from .sheet import NONE, STATUS_WORD, Row, Sheet, finding_text

_PLAIN = re.compile(r"^-?\d+(\.\d+)?$")
# Widths in Excel character units (a CJK character takes about two).
WIDTHS = {"block": 7, "l1": 9, "l2": 9, "l3": 26, "target": 12, "criteria": 30, "actual": 12, "weight": 7,
          "score": 8, "deviation": 28}


@dataclass
class Cell:
    row: int
    col: int
    value: Any                       # str, Decimal or None
    role: str = "text"               # title | label | head | text | center | num | rate | dash
    rows: int = 1
    cols: int = 1
    bad: bool = False                # declared and computed differ: highlighted red
    note: str | None = None          # the findings' messages: a cell comment / tooltip (yellow if not bad)


@dataclass
class Form:
    cells: list[Cell]
    widths: list[int]
    nrows: int
    header_row: int                  # the 绩效指标 header row, repeated on every printed page
    last_col: int
    compare: bool = False


def columns(compare: bool, criteria: bool = False) -> list[tuple[str, str]]:
    """(key, heading) of each column of the 绩效指标 block."""
    scores = [("score", "申报得分"), ("score", "复核得分")] if compare else [("score", "得分")]
    return [("block", ""), ("l1", "一级指标"), ("l2", "二级指标"), ("l3", "三级指标"), ("target", "年度指标值"),
            *([("criteria", "评分标准")] if criteria else []),
            ("actual", "实际完成值"), ("weight", "分值"), *scores, ("deviation", "偏差原因分析及改进措施")]


@dataclass
class _Cols:
    """Where each column of the 绩效指标 block is, and what the layout prints."""

    keys: list[str]
    numbered: bool

    def __getitem__(self, key: str) -> int:
        return self.keys.index(key)

    @property
    def scores(self) -> list[int]:
        return [i for i, k in enumerate(self.keys) if k == "score"]

    @property
    def last(self) -> int:
        return len(self.keys) - 1


def _v(value: Decimal | str | None) -> Decimal | str:
    return NONE if value is None else value


def _printed(text: str | None) -> Decimal | str:
    """A target or actual as printed; a plain number ("12", "92.5") becomes a number cell."""
    if text is None:
        return NONE
    try:
        number = Decimal(text) if _PLAIN.match(text) else None
    except ArithmeticError:
        number = None
    return number if number is not None and fmt(number) == text else text


def layout(sheet: Sheet, workbook: bool = False) -> Form:
    """The form of ``sheet``; ``workbook``: also the 指标 N： numbers and the 评分标准 column (xlsx)."""
    cols = columns(sheet.compare, workbook and sheet.criteria)
    at = _Cols([k for k, _ in cols], workbook)
    last = at.last
    cells: list[Cell] = []
    put = cells.append
    r = 0
    put(Cell(r, 0, sheet.title, "title", cols=last + 1))
    r += 1
    put(Cell(r, 0, "项目名称", "label", cols=2))
    put(Cell(r, 2, sheet.project, "text", cols=last - 1))
    r += 1
    put(Cell(r, 0, "主管部门", "label", cols=2))
    put(Cell(r, 2, sheet.department, "text", cols=3))
    put(Cell(r, 5, "实施单位", "label", cols=2))
    put(Cell(r, 7, sheet.implementer or "", "text", cols=last - 6))
    r += 1
    r = _funds(sheet, cells, r, last)
    r = _goals(sheet, cells, r, last)
    header = r
    r = _indicators(sheet, cells, r, at, cols)
    r = _totals(sheet, cells, r, at)
    return Form(cells, [WIDTHS[k] for k, _ in cols], r, header, last, sheet.compare)


def _funds(sheet: Sheet, cells: list[Cell], r: int, last: int) -> int:
    if not sheet.funds:
        return r
    put = cells.append
    heads = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率（%）"]
    heads += ["申报得分", "复核得分"] if sheet.compare else ["得分"]
    height = 1 + len(sheet.funds) + 1
    put(Cell(r, 0, "项目资金（万元）", "label", rows=height))
    put(Cell(r, 1, "", "label", cols=2))
    # The score headings end at the last column; in the plain form 得分 also spans 偏差原因's width.
    for i, h in enumerate(heads):
        span = last - (3 + i) + 1 if i == len(heads) - 1 else 1
        put(Cell(r, 3 + i, h, "head", cols=span))
    for n, f in enumerate(sheet.funds):
        r += 1
        put(Cell(r, 1, f.label, "center", cols=2))
        for i, v in enumerate((f.initial, f.annual, f.executed)):
            put(Cell(r, 3 + i, v, "num"))
        note = finding_text(f.findings) or None
        if sheet.compare:
            weight = _declared(f.declared_weight, f.weight, "分值")
            put(Cell(r, 6, _v(weight.value), "num" if weight.value is not None else "dash", bad=weight.bad,
                     note=weight.note))
            rate = _declared(f.declared_rate, f.rate, "执行率")
            put(Cell(r, 7, rate.value, "rate", bad=rate.bad, note=rate.note))
            bad = differs(f.declared, f.score)
            put(Cell(r, 8, f.declared, "num", bad=bad, note=note))
            put(Cell(r, 9, _v(f.score) if n == 0 else NONE, "num" if n == 0 else "dash", bad=bad, cols=last - 8))
        else:
            put(Cell(r, 6, _v(f.weight), "num" if f.weight is not None else "dash"))
            put(Cell(r, 7, f.rate, "rate"))
            put(Cell(r, 8, _v(f.score) if n == 0 else NONE, "num" if n == 0 else "dash", cols=last - 7))
    r += 1
    put(Cell(r, 1, "偏差原因及整改措施", "center", cols=2))
    put(Cell(r, 3, sheet.funds_deviation or "", "text", cols=last - 2))
    return r + 1


def _goals(sheet: Sheet, cells: list[Cell], r: int, last: int) -> int:
    put = cells.append
    put(Cell(r, 0, "年度总体目标", "label", rows=2))
    put(Cell(r, 1, "预期目标", "head", cols=4))
    put(Cell(r, 5, "实际完成情况", "head", cols=last - 4))
    put(Cell(r + 1, 1, sheet.goals_expected or "", "text", cols=4))
    put(Cell(r + 1, 5, sheet.goals_actual or "", "text", cols=last - 4))
    return r + 2


@dataclass
class _Shown:
    value: Decimal | None
    bad: bool = False
    note: str | None = None


def _declared(declared: Decimal | None, computed: Decimal | None, what: str) -> _Shown:
    """A cell of the submitted form in a compare export: the declared value (red, with perfscore's
    in the comment, when they differ), or perfscore's when nothing is declared."""
    if declared is None:
        return _Shown(computed)
    if computed is not None and differs(declared, computed):
        return _Shown(declared, True, f"复核{what}{fmt(computed)}")
    return _Shown(declared)


def _indicators(sheet: Sheet, cells: list[Cell], r: int, at: _Cols, cols: list[tuple[str, str]]) -> int:
    put = cells.append
    last = at.last
    put(Cell(r, 0, "绩效指标", "label", rows=1 + max(len(sheet.rows), 1)))
    for c, (_, heading) in enumerate(cols[1:], 1):
        put(Cell(r, c, heading, "head"))
    for row in sheet.rows:
        r += 1
        if row.span1:
            put(Cell(r, 1, row.level1, "center", rows=row.span1))
        if row.span2:
            put(Cell(r, 2, row.level2, "center", rows=row.span2))
        note = finding_text(row.findings) or None
        if row.empty:
            for c in range(3, last):
                put(Cell(r, c, NONE, "dash"))
            put(Cell(r, last, "", "text"))
            continue
        put(Cell(r, 3, _numbered(row) if at.numbered else row.level3, "text"))
        put(Cell(r, at["target"], _printed(row.target), "center"))
        if "criteria" in at.keys:
            put(Cell(r, at["criteria"], row.criteria or "", "text"))
        put(Cell(r, at["actual"], _printed(row.actual), "center"))
        put(Cell(r, at["weight"], row.weight, "num"))
        computed = row.score if row.score is not None else _status(row.status)
        scores = at.scores
        if sheet.compare:
            bad = differs(row.declared, row.score)
            put(Cell(r, scores[0], row.declared, "num", bad=bad, note=note))
            put(Cell(r, scores[1], computed, "num", bad=bad))
        else:
            put(Cell(r, scores[0], computed, "num"))
        put(Cell(r, last, row.deviation or "", "text"))
    return r + 1


def _numbered(row: Row) -> str:
    """The 三级指标 cell with the paper form's number, ``指标 3：名称``, when the set records one
    (a 要点 row, several names joined, keeps its plain text)."""
    if row.no is None or len(row.path) > 3:
        return row.level3
    return f"指标 {row.no}：{row.level3}"


def _status(status: str) -> str:
    return STATUS_WORD[status]


def _totals(sheet: Sheet, cells: list[Cell], r: int, at: _Cols) -> int:
    put = cells.append
    last, w = at.last, at["weight"]
    scores = at.scores
    put(Cell(r, 0, "总分", "label", cols=w))
    note = finding_text(sheet.total_findings) or None
    if sheet.compare:
        weight = _declared(sheet.declared_weight_total, sheet.weight_total, "分值合计")
        put(Cell(r, w, weight.value, "num", bad=weight.bad, note=weight.note))
        bad = differs(sheet.declared_total, sheet.total)
        put(Cell(r, scores[0], sheet.declared_total, "num", bad=bad, note=note))
        put(Cell(r, scores[1], sheet.total, "num", bad=bad))
    else:
        put(Cell(r, w, sheet.weight_total, "num"))
        put(Cell(r, scores[0], sheet.total, "num"))
    put(Cell(r, last, _rescaled(sheet), "text"))
    r += 1
    put(Cell(r, 0, "评价等级", "label", cols=w))
    if sheet.compare:
        bad = sheet.declared_grade is not None and sheet.grade is not None and sheet.declared_grade != sheet.grade
        gnote = finding_text(sheet.grade_findings) or None
        put(Cell(r, w, "", "center"))
        put(Cell(r, scores[0], sheet.declared_grade, "center", bad=bad, note=gnote))
        put(Cell(r, scores[1], _v(sheet.grade), "center", bad=bad))
        put(Cell(r, last, "", "text"))
    else:
        put(Cell(r, w, _v(sheet.grade), "center", cols=last - w + 1))
    return r + 1


def _rescaled(sheet: Sheet) -> str:
    if sheet.rescaled_from is None:
        return ""
    return f"有不适用指标，按分值折算，折算前{fmt(sheet.rescaled_from)}"


def grid(form: Form) -> Iterator[list[Cell | None]]:
    """Row by row: the cell that starts at each position, None where a span covers it or nothing is."""
    starts = {(c.row, c.col): c for c in form.cells}
    for r in range(form.nrows):
        yield [starts.get((r, c)) for c in range(form.last_col + 1)]
