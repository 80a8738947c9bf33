"""The command line: parses arguments, calls the API, formats. Heavy imports stay inside commands."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Any, Callable, List, Optional

import typer

app = typer.Typer(
    help="perfscore：预算绩效评价打分引擎。用 YAML 声明指标体系，按规则精确计分，生成自评表并复核申报数字。",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_BUG = 0, 1, 2, 3


class ScoreFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"
    csv = "csv"
    xlsx = "xlsx"
    html = "html"


def emit(content: str | bytes, output: Optional[Path]) -> None:
    """Write to stdout or, atomically, to a file (bytes formats need a file)."""
    if output is None:
        if isinstance(content, bytes):
            from .errors import PerfscoreError

            raise PerfscoreError("二进制格式（xlsx）须用 -o 指定输出文件")
        sys.stdout.write(content)
        return
    from .atomic import write_atomic

    write_atomic(str(output), content)


@app.command()
def score(
    evaluation: Path = typer.Argument(..., help="评价文件（YAML）"),
    format: ScoreFormat = typer.Option(ScoreFormat.table, "--format", "-f", help="输出格式"),
    explain: bool = typer.Option(False, "--explain", help="逐项列出计分算式"),
    compare: bool = typer.Option(False, "--compare", help="申报得分与复核得分并列，标出差异并附问题清单（xlsx/csv/md/html）"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件而非标准输出"),
) -> None:
    """按指标体系重新计算一份评价的得分、总分与等级（自评表）。"""
    import perfscore
    from .formats import render

    card = perfscore.score(perfscore.load_evaluation(str(evaluation)))
    emit(render(card, format.value, explain, compare=compare), output)


@app.command()
def validate(paths: List[Path] = typer.Argument(..., help="指标体系或评价文件、目录")) -> None:
    """读取并校验指标体系与评价文件，报告 YAML 与结构错误。"""
    from .loading import validate_paths

    problems, count = validate_paths([str(p) for p in paths])
    for problem in problems:
        typer.echo(str(problem), err=True)
    typer.echo(f"已校验 {count} 个文件，{len(problems)} 处错误" if problems else f"已校验 {count} 个文件，未发现错误")
    raise typer.Exit(EXIT_BAD_INPUT if problems else EXIT_OK)


def run(func: Callable[[], Any]) -> int:
    """One error handler: bad input → 2 with ``file:line:col: 说明``; a bug → 3 with a saved traceback."""
    from .errors import PerfscoreError

    try:
        result = func()
    except PerfscoreError as exc:
        sys.stderr.write(f"{exc}\n")
        return EXIT_BAD_INPUT
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        sys.stderr.write("已中断\n")
        return 130
    except Exception:  # noqa: BLE001 - the last resort: never a bare traceback
        import tempfile
        import traceback

        with tempfile.NamedTemporaryFile("w", prefix="perfscore-crash-", suffix=".log", delete=False) as fh:
            traceback.print_exc(file=fh)
        sys.stderr.write(f"抱歉，perfscore 内部出错（这是程序缺陷，不是您的输入问题）。详情已保存到 {fh.name}\n")
        return EXIT_BUG
    return result if isinstance(result, int) else EXIT_OK


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def check(
    paths: List[Path] = typer.Argument(..., help="指标体系、评价、部门汇总文件或目录（递归）"),
    format: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="输出格式"),
    strict: bool = typer.Option(False, "--strict", help="警告也视为不通过（退出码1）"),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="并行进程数"),
    summary: Optional[Path] = typer.Option(None, "--summary", help="另写一份批量汇总工作簿（xlsx）"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件而非标准输出"),
) -> None:
    """复核：重算每个数字，列出指标体系、评价与跨文件的全部问题（PS1xx/2xx/3xx）。"""
    from .commands.check import run_check

    raise typer.Exit(run_check([str(p) for p in paths], format.value, strict, jobs, summary, output))


@app.command()
def explain(code: str = typer.Argument(..., help="检查代码，如 PS203")) -> None:
    """说明一个检查代码：含义、严重程度、不通过与通过的例子。"""
    from .checks.codes import get
    from .findings import SEVERITY_WORD

    c = get(code)
    typer.echo(f"{c.code}（{SEVERITY_WORD[c.severity]}）{c.title}\n\n{c.doc}")


# Commands of later capabilities live in their own modules; each registers itself here.
from . import cli_authoring, cli_export, cli_rule  # noqa: E402

for _module in (cli_rule, cli_export, cli_authoring):
    _module.register(app)


def main() -> None:
    sys.exit(run(app))


if __name__ == "__main__":  # pragma: no cover
    main()
