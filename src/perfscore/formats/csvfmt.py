"""The 自评表 as csv: UTF-8 with BOM (Excel then reads the Chinese), one row per indicator.

Each row carries the indicator's levels and its full path, numbers as plain decimals
(``2.54``, never ``2.54E+0``), and every text cell passed through :func:`.safe.csv_text`.
The 预算执行率 item comes first; empty groups (the paper form's "-" rows) are not indicators.
"""
from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import TYPE_CHECKING, Iterable

from .safe import csv_text, plain_number
from ..model import SEP
from .sheet import STATUS_WORD, build, finding_text

if TYPE_CHECKING:
    from ..findings import Finding
    from ..scoring import Scorecard

BOM = "\ufeff"
HEADER = ["一级指标", "二级指标", "三级指标", "指标路径", "年度指标值", "实际完成值", "分值", "得分", "申报得分",
          "状态",
          "偏差原因分析及改进措施"]


def render(card: "Scorecard", findings: Iterable["Finding"] | None = None, compare: bool = False,
           explain: bool = False) -> str:
    sheet = build(card, findings, compare)
    out = io.StringIO()
    out.write(BOM)
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(HEADER + (["计分说明"] if explain else []) + (["问题"] if compare else []))
    b = card.budget
    if b is not None:
        rate = plain_number(sheet.funds[0].rate) if sheet.funds else ""
        row = [b.name, "", "", b.name, "100%", f"{rate}%" if rate else "", b.weight, b.score, b.declared_score,
               STATUS_WORD[b.status], ""]
        notes = finding_text(sheet.funds[0].findings) if sheet.funds else ""
        w.writerow(_cells(row, b.explanation if explain else None, notes if compare else None))
    for r in sheet.rows:
        if r.empty:
            continue
        row = [r.path[0], r.path[1] if len(r.path) > 2 else "", SEP.join(r.path[2:]) or r.path[-1], SEP.join(r.path),
               r.target, r.actual, r.weight, r.score, r.declared, STATUS_WORD[r.status], r.deviation]
        w.writerow(_cells(row, r.explanation if explain else None, finding_text(r.findings) if compare else None))
    return out.getvalue()


def _cells(row: list[object], explanation: str | None, notes: str | None) -> list[str]:
    """Numbers as plain decimals, text made inert; the optional 计分说明 and 问题 columns last."""
    extra = [x for x in (explanation, notes) if x is not None]
    return [plain_number(v) if isinstance(v, Decimal) else csv_text(v) for v in row] + [csv_text(x) for x in extra]
