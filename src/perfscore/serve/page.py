"""One evaluation as the review page draws it: the 自评表 of the html export (compare mode: 申报得分
beside 复核得分), with a row of findings under each row they are about, the score's explanation
under each 三级指标, and fields for 实际完成值, 申报得分 and 偏差原因 in their cells.

The grid is :func:`perfscore.formats.form.layout`'s; this module only inserts the findings rows
(stretching the 一级/二级 cells above them so that the table stays a table) and marks which cells
hold a field, then lets :func:`perfscore.formats.html.tables` draw it with a hook for those cells.
Everything from the file is HTML-escaped; nothing in it is ever run.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

from ..checks import evaluation_findings
from ..findings import SEVERITY_RANK, SEVERITY_WORD
from ..formats.form import Cell, Form, columns, layout
from ..formats.html import tables
from ..formats.safe import printable
from ..formats.sheet import Sheet, build
from ..model import SEP
from ..numbers import fmt

if TYPE_CHECKING:
    from ..findings import Finding
    from ..scoring import Scorecard


@dataclass
class View:
    """What the page shows of one evaluation file, read once (the hash is of those very bytes)."""

    digest: str
    card: Scorecard
    sheet: Sheet
    html: str                                   # the form with its fields and findings rows
    others: list[Finding]                     # findings that belong to no row of the form
    counts: dict[str, int] = field(default_factory=dict)        # the evaluation's own findings (as in the list)
    set_counts: dict[str, int] = field(default_factory=dict)    # its indicator set's


def read(path: str) -> tuple[str, bytes]:
    with open(path, "rb") as fh:
        raw = fh.read()
    return hashlib.sha256(raw).hexdigest(), raw


def load(path: str, cross: list[Finding], root: str) -> View:
    """Score and check the file as it is now; ``cross``: its PS3xx findings from the catalog."""
    from ..loading import evaluation_set, load_evaluation
    from ..scoring import score
    from ..yamlio import read_yaml

    from ..errors import PerfscoreError

    digest, raw = read(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PerfscoreError(f"文件不是 UTF-8 编码（第{exc.start}字节）", path) from None
    ev = load_evaluation(path, read_yaml(path, text), text)
    card = score(ev, evaluation_set(ev))
    findings = [*evaluation_findings(card), *cross]
    sheet = build(card, findings, compare=True)
    html, others = draw(sheet, root, card.budget.explanation if card.budget is not None else None)
    mine = [f for f in findings if f.file == path]
    theirs = [f for f in findings if f.file != path]
    return View(digest, card, sheet, html, others, _count(mine), _count(theirs))


def _count(findings: list[Finding]) -> dict[str, int]:
    return {s: sum(f.severity == s for f in findings) for s in SEVERITY_RANK}


# --------------------------------------------------------------------------- the grid

@dataclass
class _Marks:
    fields: dict[tuple[int, int], tuple[str, str, str]] = field(default_factory=dict)   # indicator, field, value
    hints: dict[tuple[int, int], str] = field(default_factory=dict)      # an explanation line under a cell
    findings: dict[tuple[int, int], list[Finding]] = field(default_factory=dict)


def draw(sheet: Sheet, root: str, budget_text: str | None = None) -> tuple[str, list[Finding]]:
    form = layout(sheet)
    keys = [k for k, _ in columns(True)]
    actual, declared, deviation = keys.index("actual"), keys.index("score"), len(keys) - 1
    marks = _Marks()
    header = form.header_row
    for i, row in enumerate(sheet.rows):
        if row.empty:
            continue
        r = header + 1 + i
        path = SEP.join(row.path)
        marks.fields[(r, actual)] = (path, "actual", row.actual or "")
        marks.fields[(r, declared)] = (path, "score", fmt(row.declared) or "")
        marks.fields[(r, deviation)] = (path, "deviation", row.deviation or "")
    fund_first = 4                 # title, 项目名称, 主管部门, the funds header: see form._funds
    if sheet.funds and budget_text:
        marks.hints[(fund_first, 1)] = budget_text      # 年度资金总额: the 预算执行率's arithmetic
    # Rows of findings, from the bottom up so that the row numbers above stay valid while inserting.
    total_row, grade_row = form.nrows - 2, form.nrows - 1
    plan: list[tuple[int, int, list[Finding]]] = []
    plan.append((grade_row, 0, sheet.grade_findings))
    plan.append((total_row, 0, sheet.total_findings))
    for i in reversed(range(len(sheet.rows))):
        plan.append((header + 1 + i, 3, sheet.rows[i].findings))
    for n in reversed(range(len(sheet.funds))):
        plan.append((fund_first + n, 1, sheet.funds[n].findings))
    for after, start, found in plan:
        if found:
            _insert(form, marks, after, start, sorted(found, key=_order))
    placed = {id(f) for fs in marks.findings.values() for f in fs}
    others = sorted((f for f in sheet.findings if id(f) not in placed), key=_order)
    hints = {r.level3: r.explanation for r in sheet.rows if not r.empty}
    return "\n".join(tables(form, hints, _hook(marks, root))), others


def _order(f: Finding) -> tuple[Any, ...]:
    return (SEVERITY_RANK[f.severity], f.code, f.message)


def _insert(form: Form, marks: _Marks, after: int, start: int, found: list[Finding]) -> None:
    """A row after ``after`` whose one cell spans from column ``start`` to the last; the cells left of
    ``start`` that cover ``after`` grow by a row to cover it too."""
    for cell in form.cells:
        if cell.row > after:
            cell.row += 1
        elif cell.col < start and cell.row + cell.rows - 1 >= after:
            cell.rows += 1
    form.nrows += 1
    if form.header_row > after:
        form.header_row += 1
    marks.fields = {((r + 1 if r > after else r), c): v for (r, c), v in marks.fields.items()}
    marks.hints = {((r + 1 if r > after else r), c): v for (r, c), v in marks.hints.items()}
    marks.findings = {((r + 1 if r > after else r), c): v for (r, c), v in marks.findings.items()}
    form.cells.append(Cell(after + 1, start, "", "findings", cols=form.last_col - start + 1))
    marks.findings[(after + 1, start)] = found


def _hook(marks: _Marks, root: str) -> Any:
    def hook(cell: Cell, body: str) -> str:
        at = (cell.row, cell.col)
        if at in marks.findings:
            return findings_html(marks.findings[at], root)
        if at in marks.fields:
            indicator, name, value = marks.fields[at]
            codes = body.find('<span class="codes">')
            extra = body[codes:] if codes >= 0 else ""
            return field_html(indicator, name, value) + extra
        if at in marks.hints:
            return body + f'<span class="hint">{escape(printable(marks.hints[at]))}</span>'
        return body
    return hook


LABELS = {"actual": "实际完成值", "score": "申报得分", "deviation": "偏差原因分析及改进措施"}


def field_html(indicator: str, name: str, value: str) -> str:
    v = escape(printable(value))
    common = (f'class="edit" data-indicator="{escape(indicator)}" data-field="{name}" data-original="{v}" '
              f'aria-label="{escape(indicator.split(SEP)[-1])} {LABELS[name]}"')
    if name == "deviation" or len(value) > 7:       # longer texts wrap instead of scrolling out of sight
        rows = min(4, 1 + len(value) // 13)         # about 13 characters a line; an empty one stays one line
        control = f'<textarea {common} rows="{rows}">{v}</textarea>'
    else:
        control = f'<input type="text" {common} value="{v}" autocomplete="off">'
    return f'{control}<span class="field-msg" role="status"></span>'


def findings_html(found: list[Finding], root: str) -> str:
    """The findings as a list, most severe first; paths below DIR are shown relative to it."""
    prefix = root.rstrip("/") + "/"
    out = ['<ul class="findings-list">']
    for f in found:
        where = f"第{f.line}行" if f.line is not None else ""
        out.append(
            f'<li class="finding sev-{f.severity}" data-code="{escape(f.code)}">'
            f'<span class="sev">{SEVERITY_WORD[f.severity]}</span>'
            f'<button type="button" class="code" title="这个代码是什么意思？">{escape(f.code)}</button>'
            f'<span class="msg">{escape(printable(f.message.replace(prefix, "")))}</span>'
            + (f'<span class="where">{escape(where)}</span>' if where else "")
            + '<div class="explain" hidden></div></li>')
    out.append("</ul>")
    return "".join(out)
