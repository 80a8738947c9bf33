"""Commands of the export capability (registered on the main app by cli.py). Keep imports light.

``perfscore export PATH... -o 汇总.xlsx`` writes the batch summary workbook without listing the
findings on the terminal; ``perfscore check PATH... --summary 汇总.xlsx`` writes the same
workbook while it prints them. Both stream (see :mod:`perfscore.formats.summary`).
"""
from __future__ import annotations

from pathlib import Path
from typing import List

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""

    @app.command("export")
    def export(
        paths: List[Path] = typer.Argument(..., help="指标体系、评价、部门汇总文件或目录（递归）"),
        output: Path = typer.Option(..., "--output", "-o", help="汇总工作簿（xlsx）"),
        jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="并行进程数"),
        strict: bool = typer.Option(False, "--strict", help="警告也视为不通过（退出码1）"),
    ) -> None:
        """批量汇总：复核全部文件，写一份工作簿（评价汇总、问题清单、等级分布图）。"""
        raise typer.Exit(run_export([str(p) for p in paths], output, jobs, strict))


def run_export(paths: list[str], output: Path, jobs: int = 1, strict: bool = False) -> int:
    """Write the summary; the exit code follows checks.md (2 unreadable files, 1 failing findings, else 0)."""
    from .errors import PerfscoreError

    if output.suffix.lower() != ".xlsx":
        raise PerfscoreError(f"汇总工作簿须以 .xlsx 结尾：{output}")
    if not output.resolve().parent.is_dir():
        raise PerfscoreError(f"输出目录不存在：{output.resolve().parent}")
    from .checks import iter_reports
    from .formats.summary import write_summary

    stats = write_summary(iter_reports(paths, jobs), str(output))
    counts = stats.findings
    unreadable = f"，{stats.unreadable} 个文件无法读取" if stats.unreadable else ""
    typer.echo(f"已写入 {output}：{stats.files} 个文件，{stats.evaluations} 个评价；"
               f"错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['notice']}{unreadable}")
    if stats.unreadable:
        return 2
    return 1 if counts["error"] or (strict and counts["warning"]) else 0
