"""``perfscore export``: the batch summary workbook alone, without listing the findings.

``perfscore check PATH... --summary 汇总.xlsx`` writes the same workbook while it prints them.
Both stream (see :mod:`perfscore.formats.summary`).
"""
from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from ..app import ExitCode
from .check import Tally


def export(
    paths: List[Path] = typer.Argument(..., help="指标体系、评价、部门汇总文件或目录（递归）"),
    output: Path = typer.Option(..., "--output", "-o", help="汇总工作簿（xlsx）"),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="并行进程数"),
    strict: bool = typer.Option(False, "--strict", help="警告也视为不通过（退出码1）"),
) -> ExitCode:
    """批量汇总：复核全部文件，写一份工作簿（评价汇总、问题清单、等级分布图）。"""
    from ...errors import PerfscoreError

    if output.suffix.lower() != ".xlsx":
        raise PerfscoreError(f"汇总工作簿须以 .xlsx 结尾：{output}")
    if not output.resolve().parent.is_dir():
        raise PerfscoreError(f"输出目录不存在：{output.resolve().parent}")
    from ...checks import iter_reports
    from ...formats.summary import write_summary

    tally = Tally(strict)
    stats = write_summary(tally.count(iter_reports([str(p) for p in paths], jobs)), str(output))
    counts = stats.findings
    unreadable = f"，{stats.unreadable} 个文件无法读取" if stats.unreadable else ""
    typer.echo(f"已写入 {output}：{stats.files} 个文件，{stats.evaluations} 个评价；"
               f"错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['notice']}{unreadable}")
    return tally.exit_code()
