"""The 自评表 as one self-contained HTML page that prints like the paper form on A4 landscape.

The same grid as the xlsx (:mod:`.form`), as tables with rowspan/colspan; the 绩效指标 header is a
``<thead>`` so the browser repeats it on every printed page. No external resource: CSS inline,
CJK font fallbacks from 宋体 to Noto. Text is HTML-escaped and cleaned of control characters;
text cells carry ``mso-number-format:"\\@"`` so Excel, opening the page, keeps them as text.
With ``compare``: differing scores red, cells with findings yellow with the codes beside the
value and the messages as a tooltip, and a 问题清单 table after the form.
"""
from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING, Callable, Iterable

from ..findings import SEVERITY_WORD
from ..numbers import fmt
from .form import Cell, Form, layout
from .safe import printable
from .sheet import Sheet, build, location

if TYPE_CHECKING:
    from ..findings import Finding
    from ..scoring import Scorecard

FONTS = ('"SimSun", "宋体", "STSong", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", '
         '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Zen Hei", serif')
CSS = """
@page { size: A4 landscape; margin: 12mm 10mm 14mm 10mm; }
* { box-sizing: border-box; }
body { font-family: %(fonts)s; font-size: 10.5pt; color: #000; margin: 0 auto; max-width: 277mm; }
h1 { font-size: 18pt; text-align: center; margin: 4mm 0 3mm; font-weight: bold; }
table { border-collapse: collapse; width: 100%%; table-layout: fixed; }
table + table { margin-top: -1px; }
td, th { border: 1px solid #000; padding: 1.5mm 1.2mm; vertical-align: middle; line-height: 1.35;
         overflow-wrap: anywhere; word-break: break-all; mso-number-format: "\\@"; }
th, td.label, td.head { font-weight: bold; text-align: center; }
td.head { background: #f2f2f2; }
td.center, td.num, td.rate, td.dash { text-align: center; }
td.num, td.rate { mso-number-format: General; }
td.text { text-align: left; }
td.block-rest { border-top: none; }
thead { display: table-header-group; }
td.bad { background: #ffc7ce; color: #9c0006; font-weight: bold; }
td.note { background: #ffeb9c; }
.codes { display: block; font-size: 7.5pt; font-weight: normal; color: #9c0006; overflow-wrap: normal;
         word-break: keep-all; }
.hint { display: block; font-size: 8pt; color: #555; }
.findings { margin-top: 6mm; }
.findings td { font-size: 9pt; }
.findings td.sev-error { color: #9c0006; font-weight: bold; }
.footer { margin-top: 3mm; font-size: 8pt; color: #555; text-align: right; }
@media print { body { max-width: none; } td.bad, td.note, td.head { -webkit-print-color-adjust: exact;
  print-color-adjust: exact; } }
""" % {"fonts": FONTS}


def render(card: "Scorecard", findings: Iterable["Finding"] | None = None, compare: bool = False,
           explain: bool = False) -> str:
    sheet = build(card, findings, compare)
    form = layout(sheet)
    hints = {r.level3: r.explanation for r in sheet.rows} if explain else {}
    parts = ['<!DOCTYPE html>', '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
             f"<title>{escape(sheet.title)} {escape(sheet.project)}</title>", f"<style>{CSS}</style>", "</head>",
             "<body>", f"<h1>{escape(sheet.title)}</h1>"]
    parts += tables(form, hints)
    if compare:
        parts += _findings(sheet)
    parts += [f'<p class="footer">perfscore 生成 · {escape(sheet.file or "")}</p>', "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _text(value: object) -> str:
    if isinstance(value, Decimal):
        return fmt(value) or ""
    return escape(printable(value)).replace("\n", "<br>")


Body = Callable[[Cell, str], str]     # a page's hook: the cell and its rendered body → the body it shows


def _td(cell: Cell, rows: int, hint: str | None, compare: bool, hook: Body | None = None) -> str:
    classes = [cell.role]
    if compare and cell.bad:
        classes.append("bad")
    elif compare and cell.note:
        classes.append("note")
    attrs = f' class="{" ".join(classes)}"'
    if rows > 1:
        attrs += f' rowspan="{rows}"'
    if cell.cols > 1:
        attrs += f' colspan="{cell.cols}"'
    value = cell.value
    body = format(value, "f") if cell.role == "rate" and isinstance(value, Decimal) else _text(value)
    if compare and cell.note:
        attrs += f' title="{escape(printable(cell.note))}"'
        codes = [line.split(" ", 1)[0] for line in cell.note.splitlines() if line.startswith("PS")]
        if codes:
            body += f'<span class="codes">{" ".join(codes)}</span>'
    if hint:
        body += f'<span class="hint">{_text(hint)}</span>'
    if hook is not None:
        body = hook(cell, body)
    return f"<td{attrs}>{body}</td>"


def tables(form: Form, hints: dict[str, str], hook: Body | None = None) -> list[str]:
    """The form above the 绩效指标 header in one table, the indicators (with a repeating thead) in another.

    ``hook`` lets a page (``perfscore serve``) put fields and findings into cells it added or marked."""
    compare = form.compare
    total = sum(form.widths)
    colgroup = "<colgroup>" + "".join(f'<col style="width:{w * 100 / total:.2f}%">' for w in form.widths) \
        + "</colgroup>"
    by_row: dict[int, list[Cell]] = {}
    for cell in form.cells:
        if cell.role != "title":
            by_row.setdefault(cell.row, []).append(cell)
    top = [f"<table>{colgroup}", "<tbody>"]
    bottom = [f"<table>{colgroup}", "<thead>"]
    for r in range(1, form.nrows):
        cells = sorted(by_row.get(r, []), key=lambda c: c.col)
        tds = []
        for cell in cells:
            rows = cell.rows
            if r == form.header_row and cell.col == 0 and rows > 1:
                # The 绩效指标 label spans header and rows; a thead cannot span into the tbody, so
                # the label sits in the header and an empty cell, borderless on top, continues it.
                rows = 1
            hint = hints.get(cell.value) if cell.col == 3 and isinstance(cell.value, str) else None
            tds.append(_td(cell, rows, hint, compare, hook))
        if r == form.header_row + 1:
            span = next((c.rows for c in by_row.get(form.header_row, []) if c.col == 0), 1) - 1
            if span > 0:
                tds.insert(0, f'<td class="block-rest" rowspan="{span}"></td>')
        line = "<tr>" + "".join(tds) + "</tr>"
        if r < form.header_row:
            top.append(line)
        elif r == form.header_row:
            bottom += [line, "</thead>", "<tbody>"]
        else:
            bottom.append(line)
    return top + ["</tbody>", "</table>"] + bottom + ["</tbody>", "</table>"]


def _findings(sheet: Sheet) -> list[str]:
    widths = "".join(f'<col style="width:{w}%">' for w in (7, 7, 30, 22, 34))
    out = [f'<table class="findings"><colgroup>{widths}</colgroup>', "<thead><tr>" + "".join(
        f"<th>{h}</th>" for h in ("代码", "严重程度", "位置", "指标", "说明")) + "</tr></thead>", "<tbody>"]
    if not sheet.findings:
        out.append('<tr><td colspan="5" class="text">未发现问题。</td></tr>')
    for f in sheet.findings:
        out.append(f'<tr><td class="center sev-{f.severity}">{escape(f.code)}</td>'
                   f'<td class="center sev-{f.severity}">{SEVERITY_WORD[f.severity]}</td>'
                   f'<td class="text">{_text(location(f))}</td><td class="text">{_text(f.indicator or "")}</td>'
                   f'<td class="text">{_text(f.message)}</td></tr>')
    return out + ["</tbody>", "</table>"]
