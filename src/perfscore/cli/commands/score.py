"""``perfscore score``: the recomputed 自评表 of one evaluation, in any format."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..app import ExitCode, emit


class ScoreFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"
    csv = "csv"
    xlsx = "xlsx"
    html = "html"


def score(
    evaluation: Path = typer.Argument(..., help="评价文件（YAML）"),
    format: ScoreFormat = typer.Option(ScoreFormat.table, "--format", "-f", help="输出格式"),
    explain: bool = typer.Option(False, "--explain", help="逐项列出计分算式"),
    compare: bool = typer.Option(False, "--compare",
                                 help="申报得分与复核得分并列，标出差异并附问题清单（xlsx/csv/md/html）"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件而非标准输出"),
) -> ExitCode:
    """按指标体系重新计算一份评价的得分、总分与等级（自评表）。"""
    import perfscore

    from ...formats import render

    card = perfscore.score(perfscore.load_evaluation(str(evaluation)))
    findings = None
    if compare:
        from ...checks import evaluation_findings

        findings = evaluation_findings(card)
    emit(render(card, format.value, explain, findings, compare), output)
    return ExitCode.OK
