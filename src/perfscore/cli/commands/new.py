"""``perfscore new``: an evaluation skeleton for an indicator set."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..app import ExitCode


class Kind(str, Enum):
    self_ = "自评"
    department = "部门评价"
    finance = "财政评价"


def new(
    set_: str = typer.Option(..., "--set", "-s", help="指标体系：文件路径，或编号（在 indicator_sets/ 中查找）"),
    output: Path = typer.Option(..., "--output", "-o", help="要生成的评价文件（YAML）"),
    project: Optional[str] = typer.Option(None, "--project", help="项目名称"),
    department: Optional[str] = typer.Option(None, "--department", help="主管部门"),
    implementer: Optional[str] = typer.Option(None, "--implementer", help="实施单位"),
    year: Optional[int] = typer.Option(None, "--year", help="年度（默认取指标体系编号开头的年份）"),
    kind: Kind = typer.Option(Kind.self_, "--kind", help="评价类型"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的文件"),
) -> ExitCode:
    """按指标体系生成评价表骨架：列出每个三级指标及其目标值与分值，待填实际完成值。"""
    from ...authoring.new import write

    sk = write(set_, str(output), force, project=project, department=department, implementer=implementer,
               year=year, kind=kind.value)
    count = len(sk.indicator_set.leaves())
    typer.echo(f"已生成 {output}：{count} 个三级指标待填（指标体系 {sk.indicator_set.indicator_set}）")
    if not sk.findable:
        typer.echo(f"提示：从 {output} 所在目录向上找不到指标体系“{sk.indicator_set.indicator_set}”；"
                   f"计分前请把 {sk.set_path} 放到评价文件所在目录或其上级的 indicator_sets/ 目录中", err=True)
    return ExitCode.OK
