"""``perfscore validate``: load and schema errors only."""
from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from ..app import ExitCode


def validate(paths: List[Path] = typer.Argument(..., help="指标体系或评价文件、目录")) -> ExitCode:
    """读取并校验指标体系与评价文件，报告 YAML 与结构错误。"""
    from ...loading import validate_paths

    problems, count = validate_paths([str(p) for p in paths])
    for problem in problems:
        typer.echo(str(problem), err=True)
    typer.echo(f"已校验 {count} 个文件，{len(problems)} 处错误" if problems else f"已校验 {count} 个文件，未发现错误")
    return ExitCode.BAD_INPUT if problems else ExitCode.OK
