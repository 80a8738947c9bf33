"""``perfscore explain``: the documentation of one finding code."""
from __future__ import annotations

import typer

from ..app import ExitCode


def explain(code: str = typer.Argument(..., help="检查代码，如 PS203")) -> ExitCode:
    """说明一个检查代码：含义、严重程度、不通过与通过的例子。"""
    from ...checks.codes import get
    from ...findings import SEVERITY_WORD

    c = get(code)
    typer.echo(f"{c.code}（{SEVERITY_WORD[c.severity]}）{c.title}\n\n{c.doc}")
    return ExitCode.OK
