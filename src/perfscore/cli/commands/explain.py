"""``perfscore explain``: the documentation of one finding code."""
from __future__ import annotations

import typer

from ..app import ExitCode


def explain(code: str = typer.Argument(..., help="检查代码，如 PS203")) -> ExitCode:
    """说明一个检查代码：含义、严重程度、实现它的函数、测试运行的不通过与通过的例子。"""
    from ...checks import explain as explain_code

    typer.echo(explain_code(code))
    return ExitCode.OK
