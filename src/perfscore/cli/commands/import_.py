"""``perfscore import``: an Excel 自评表 → indicator sets and evaluations, unread cells listed."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..app import ExitCode


class ImportFormat(str, Enum):
    text = "text"
    json = "json"


def import_(
    workbook: Path = typer.Argument(..., help="Excel 自评表（.xlsx），可含多个项目工作表"),
    output: Path = typer.Option(Path("."), "--output", "-o", help="输出目录：写入其下 indicator_sets/ 与 evaluations/"),
    extends: str = typer.Option("mof-2020-self", "--extends", help="指标体系继承的框架；写 none 表示不继承"),
    year: Optional[int] = typer.Option(None, "--year", help="年度（表中没有时指定）"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的文件"),
    format: ImportFormat = typer.Option(ImportFormat.text, "--format", "-f", help="问题清单的输出格式"),
) -> ExitCode:
    """导入 Excel 自评表：每个项目工作表生成一个指标体系和一份评价（申报数值照录），无法识别的单元格逐一列出。"""
    from ...authoring.importer import write_import

    done = write_import(str(workbook), str(output), None if extends.lower() == "none" else extends, year, force)
    if format is ImportFormat.json:
        import json

        typer.echo(json.dumps({"files": done.files, "findings": [f.to_dict() for f in done.findings],
                               "problems": done.problems}, ensure_ascii=False, indent=2))
    else:
        for path in done.files:
            typer.echo(f"已写入 {path}")
        for finding in done.findings:
            typer.echo(str(finding), err=True)
        for problem in done.problems:
            typer.echo(problem, err=True)
        unread = sum(f.severity != "notice" for f in done.findings)
        notes = len(done.findings) - unread
        typer.echo(f"导入完成：{done.projects} 个项目，{unread} 处单元格未能识别"
                   + (f"，{notes} 条提示" if notes else "")
                   + (f"，{len(done.problems)} 处导入结果无法读取" if done.problems else ""))
    failed = done.problems or any(f.severity == "error" for f in done.findings)
    return ExitCode.FINDINGS if failed else ExitCode.OK
