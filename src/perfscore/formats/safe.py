"""Safe to open: the one place where text and numbers are made fit for csv, xlsx, html and markdown.

A spreadsheet evaluates a cell that begins with ``= + - @`` (or a tab/CR smuggling one in) as a
formula; a 偏差原因 such as ``=HYPERLINK("http://…","点我")`` must stay text. Every exporter
passes its text through :func:`printable` (control characters out). csv neutralises with
:func:`csv_text` (an apostrophe in front, as OWASP advises); xlsx writes every text cell as a
string with Excel's quote-prefix style (:func:`write_cell`), so it shows exactly as printed and
stays text even after the user edits it; html marks text cells as text for Excel
(``mso-number-format:"\\@"``). Numbers are written as numbers, never as formulas.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

RISKY_LEAD = ("=", "+", "-", "@", "\t", "\r")
# C0 and C1 controls and DEL, except the newline a multi-line cell keeps; tab becomes a space.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: Any) -> str:
    """Text without control characters (CR LF and lone CR become LF, tab a space); None → ''."""
    if text is None:
        return ""
    s = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", s)


def risky(text: Any) -> bool:
    """Would a spreadsheet read this text as a formula (or a tab/CR-led smuggled one)?"""
    return isinstance(text, str) and text.startswith(RISKY_LEAD)


def csv_text(text: Any) -> str:
    """A csv cell: cleaned, with a leading apostrophe when the raw text could start a formula."""
    s = printable(text)
    return "'" + s if risky(text) or risky(s) else s


def plain_number(value: Decimal | None) -> str:
    """A Decimal as plain decimal text (no exponent): 2.540 → '2.54', 1E+2 → '100'; None → ''."""
    from ..numbers import fmt

    return fmt(value) or ""


def new_workbook(target: Any, constant_memory: bool = False) -> Any:
    """An xlsxwriter workbook that never turns a string into a formula, URL or number by itself."""
    import xlsxwriter

    return xlsxwriter.Workbook(target, {
        "in_memory": not constant_memory,
        "constant_memory": constant_memory,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    })


class Formats:
    """Cell formats of one workbook, made once per set of properties, as (number, text) pairs.

    The text twin carries Excel's quote prefix: a text cell stays text even if it starts with
    ``=`` and the user edits it. Numbers get the plain twin, so they stay editable numbers.
    """

    def __init__(self, workbook: Any, base: dict[str, Any] | None = None) -> None:
        self.workbook = workbook
        self.base = base or {}
        self._cache: dict[tuple[tuple[str, Any], ...], tuple[Any, Any]] = {}

    def __call__(self, **props: Any) -> tuple[Any, Any]:
        merged = {**self.base, **props}
        key = tuple(sorted(merged.items()))
        if key not in self._cache:
            self._cache[key] = (self.workbook.add_format(merged),
                                self.workbook.add_format({**merged, "quote_prefix": True}))
        return self._cache[key]


def write_cell(ws: Any, row: int, col: int, value: Any, style: tuple[Any, Any] | None = None) -> None:
    """Write one xlsx cell: a Decimal or int as a number, None as blank, anything else as inert text."""
    number_style, text_style = style if style is not None else (None, None)
    if value is None:
        ws.write_blank(row, col, None, number_style)
    elif isinstance(value, bool):
        ws.write_string(row, col, "是" if value else "否", text_style)
    elif isinstance(value, (Decimal, int)):
        # The one Decimal → float conversion of perfscore: xlsx stores IEEE doubles and
        # xlsxwriter accepts nothing else. Values are rounded Decimals (well under 15
        # significant digits), so the double reads back as the same decimal text.
        ws.write_number(row, col, float(value), number_style)
    else:
        ws.write_string(row, col, printable(value), text_style)


def merge_cells(ws: Any, first_row: int, first_col: int, last_row: int, last_col: int, value: Any,
                style: tuple[Any, Any]) -> None:
    """Merge a range and write its value through :func:`write_cell` (never xlsxwriter's guessing)."""
    if first_row == last_row and first_col == last_col:
        write_cell(ws, first_row, first_col, value, style)
        return
    ws.merge_range(first_row, first_col, last_row, last_col, "", style[0])
    write_cell(ws, first_row, first_col, value, style)
