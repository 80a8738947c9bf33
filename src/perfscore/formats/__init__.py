"""Output formats of a scorecard, chosen by ``--format``: one module each, the CLI only picks.

``render(card, fmt, ...)`` returns text (table, json, md, csv, html) or bytes (xlsx).
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..errors import PerfscoreError

if TYPE_CHECKING:
    from ..scoring import Scorecard


def render(card: "Scorecard", fmt: str, explain: bool = False, findings: list[Any] | None = None) -> str | bytes:
    if fmt == "table":
        from .table import render as table

        return table(card, explain)
    if fmt == "json":
        return json.dumps(card.to_dict(), ensure_ascii=False, indent=2) + "\n"
    raise PerfscoreError(f"输出格式“{fmt}”尚未实现")
