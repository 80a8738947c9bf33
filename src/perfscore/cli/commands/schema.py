"""``perfscore schema``: the JSON Schemas of sets, evaluations and summaries, for editors."""
from __future__ import annotations

from pathlib import Path

import typer

from ..app import ExitCode


def schema(
    output: Path = typer.Option(Path("schemas"), "--output", "-o", help="输出目录"),
) -> ExitCode:
    """生成指标体系、评价与汇总文件的 JSON Schema，供编辑器补全与校验。"""
    from ...authoring.schema import MARK, write

    for path in write(str(output)):
        typer.echo(f"已写入 {path}")
    typer.echo(f"在 YAML 文件首行写“{MARK}<相对路径>/evaluation.schema.json”即可启用补全")
    return ExitCode.OK
