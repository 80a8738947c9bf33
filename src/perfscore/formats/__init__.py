"""Output formats of a scorecard, chosen by ``--format``: one module each, the CLI only picks.

``render(card, fmt, ...)`` returns text (table, json, md, csv, html) or bytes (xlsx).
``compare=True`` (``--compare``) puts the declared scores beside the computed ones and lists the
``findings`` given (the CLI passes :func:`perfscore.checks.evaluation_findings`); formats never
run the checks themselves. json stays the contract and ignores both. Every exporter goes
through :mod:`.safe` for text and numbers.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..errors import PerfscoreError

if TYPE_CHECKING:
    from ..scoring import Scorecard

FORMATS = ("table", "json", "md", "csv", "xlsx", "html")


def render(card: "Scorecard", fmt: str, explain: bool = False, findings: list[Any] | None = None,
           compare: bool = False) -> str | bytes:
    if fmt == "table":
        from .table import render as table

        return table(card, explain)
    if fmt == "json":
        return json.dumps(card.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "xlsx":
        from .xlsx import render as xlsx

        return xlsx(card, findings, compare)
    if fmt == "csv":
        from .csvfmt import render as csv

        return csv(card, findings, compare, explain)
    if fmt == "md":
        from .markdown import render as md

        return md(card, findings, compare, explain)
    if fmt == "html":
        from .html import render as html

        return html(card, findings, compare, explain)
    raise PerfscoreError(f"输出格式“{fmt}”尚未实现（可用：{'、'.join(FORMATS)}）")
