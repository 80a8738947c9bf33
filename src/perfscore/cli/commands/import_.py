"""``perfscore import``: documents (xlsx, docx, html, pdf, txt, md) → indicator sets and evaluations.

One document, or a folder of them: one line per document (tables found, imported, skipped and
why), a progress bar on a terminal, every cell not used listed with its location.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..app import ExitCode

if TYPE_CHECKING:
    from ...authoring.importer import Written


class ImportFormat(str, Enum):
    text = "text"
    json = "json"


def import_(
    source: Path = typer.Argument(..., help="自评表文档（.xlsx .docx .html .pdf .txt .md），或含多个文档的目录"),
    output: Path = typer.Option(Path("."), "--output", "-o", help="输出目录：写入其下 indicator_sets/ 与 evaluations/"),
    extends: str = typer.Option("mof-2020-self", "--extends", help="指标体系继承的框架；写 none 表示不继承"),
    year: int | None = typer.Option(None, "--year", help="年度（表中没有时指定）"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的文件"),
    format: ImportFormat = typer.Option(ImportFormat.text, "--format", "-f", help="问题清单的输出格式"),
) -> ExitCode:
    """导入自评表：文档中每张自评表生成一个指标体系和一份评价（申报数值照录），未使用的单元格逐一列出。"""
    from ...authoring.importer import documents_in, write_import
    from ...errors import PerfscoreError

    base = None if extends.lower() == "none" else extends
    if not source.is_dir():
        done = write_import(str(source), str(output), base, year, force)
        _report(done, format, str(source))
        failed = done.problems or not any(t.imported for t in done.tables) \
            or any(f.severity == "error" for f in done.findings)
        return ExitCode.FINDINGS if failed else ExitCode.OK
    paths = documents_in(str(source))
    results: list[tuple[str, Written | None, str | None]] = []
    for path in _progress(paths, sys.stderr.isatty() and format is ImportFormat.text):
        try:
            results.append((path, write_import(path, str(output), base, year, force), None))
        except PerfscoreError as exc:
            results.append((path, None, exc.message))
    if format is ImportFormat.json:
        import json

        typer.echo(json.dumps([_as_json(p, d, e) for p, d, e in results], ensure_ascii=False, indent=2))
    else:
        from ...authoring.importer import summary_line

        for path, got, error in results:
            typer.echo(summary_line(path, got, error))
    failed = not paths or any(got is None or got.problems or not any(t.imported for t in got.tables)
                              for _, got, _ in results)
    return ExitCode.FINDINGS if failed else ExitCode.OK


def _progress(paths: list[str], show: bool) -> Iterator[str]:
    if not show:
        yield from paths
        return
    with typer.progressbar(paths, label="导入", file=sys.stderr) as bar:
        yield from bar


def _as_json(path: str, done: Written | None, error: str | None) -> dict[str, object]:
    if done is None:
        return {"document": path, "error": error}
    return {"document": path, "files": done.files, "findings": [f.to_dict() for f in done.findings],
            "problems": done.problems,
            "tables": [{"where": t.where, "name": t.name, "imported": t.imported, "why": t.why,
                        "cells": t.cells, "used": t.used,
                        "unused": [{"where": w, "text": x} for w, x in t.unused]} for t in done.tables]}


def _report(done: Written, format: ImportFormat, source: str) -> None:
    from ...authoring.importer import summary_line

    if format is ImportFormat.json:
        import json

        typer.echo(json.dumps(_as_json(source, done, None), ensure_ascii=False, indent=2))
        return
    for path in done.files:
        typer.echo(f"已写入 {path}")
    for finding in done.findings:
        typer.echo(str(finding), err=True)
    for problem in done.problems:
        typer.echo(problem, err=True)
    for table in done.tables:
        if table.imported and table.unused:
            typer.echo(f"{table.where}（{table.name}）中未使用的单元格 {len(table.unused)} 个：", err=True)
            for where, text in table.unused:
                typer.echo(f"  {where}: “{text}”", err=True)
        elif not table.imported:
            typer.echo(f"{table.where}：跳过（{table.why}），其 {table.cells} 个单元格均未使用", err=True)
    unread = sum(f.severity != "notice" for f in done.findings)
    notes = len(done.findings) - unread
    typer.echo(f"导入完成：{done.projects} 个项目，{unread} 处单元格未能识别"
               + (f"，{notes} 条提示" if notes else "")
               + (f"，{len(done.problems)} 处导入结果无法读取" if done.problems else ""))
    typer.echo(summary_line(source, done))
