"""``perfscore serve``: the local review page (docs/serve.md). Starlette, uvicorn and Jinja2 are
imported only when the command runs, so ``perfscore --help`` stays fast."""
from __future__ import annotations

from pathlib import Path

import typer

from ..app import ExitCode


def serve(
    directory: Path = typer.Argument(Path("."),
                                     help="要复核的目录（含 indicator_sets/ 与 evaluations/），默认当前目录"),
    port: int = typer.Option(8765, "--port", "-p", min=0, max=65535, help="端口（0：任选一个空闲端口）"),
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址；默认只在本机（127.0.0.1），改为其他地址会给出警告"),
    no_browser: bool = typer.Option(False, "--no-browser", help="不自动打开浏览器"),
) -> ExitCode:
    """打开本地复核页面：评价列表、逐表查看问题、在页面上修改实际完成值与申报得分、下载导出。"""
    from ...serve import serve as run

    run(str(directory), host, port, not no_browser)
    return ExitCode.OK
