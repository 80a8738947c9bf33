"""The typer app, the exit codes, the one error handler and the output writers.

Every command is a plain function in ``cli/commands/<command>.py`` that returns an
:class:`ExitCode`; the table at the end of this module registers them in the order ``--help``
lists them. :func:`main` runs the app in-process and returns the exit code (the console script
``perfscore`` and ``python -m perfscore`` exit with it; tests call it directly).
"""
from __future__ import annotations

import functools
import sys
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path
from typing import IO, Any, Callable, Iterator

import typer


class ExitCode(IntEnum):
    """The exit codes of every command (docs/checks.md)."""

    OK = 0
    FINDINGS = 1          # failing findings (errors; warnings too with --strict), or an import that failed
    BAD_INPUT = 2         # unreadable input or bad arguments: ``file:line:col: 说明`` on stderr
    BUG = 3               # a defect of perfscore: the traceback is saved to a file, never printed
    INTERRUPTED = 130


def _typer(help: str) -> typer.Typer:
    return typer.Typer(help=help, no_args_is_help=True, add_completion=False, rich_markup_mode=None,
                       context_settings={"help_option_names": ["-h", "--help"]}, pretty_exceptions_enable=False)


app = _typer("perfscore：预算绩效评价打分引擎。用 YAML 声明指标体系，按规则精确计分，生成自评表并复核申报数字。")
rule_app = _typer("评分标准文字与结构化规则互译，并用一句评分标准试算得分。")


def main(argv: list[str] | None = None) -> int:
    """Run ``perfscore ARGV`` (default: the process's arguments) and return its exit code."""
    return handle(lambda: app(args=argv, prog_name="perfscore"))


def handle(command: Callable[[], object]) -> int:
    """The one error handler: bad input → 2 with ``file:line:col: 说明``; a bug → 3 with a saved traceback."""
    from ..atomic import tracking_inputs
    from ..errors import PerfscoreError

    try:
        with tracking_inputs():            # no output of the command may replace one of its inputs
            result = command()
    except PerfscoreError as exc:
        sys.stderr.write(f"{exc}\n")
        return ExitCode.BAD_INPUT
    except SystemExit as exc:                  # typer exits with the command's code, or 2 on a usage error
        code = exc.code
        return code if isinstance(code, int) else (ExitCode.OK if code is None else ExitCode.BAD_INPUT)
    except KeyboardInterrupt:
        sys.stderr.write("已中断\n")
        return ExitCode.INTERRUPTED
    except Exception:  # noqa: BLE001 - the last resort: never a bare traceback
        import tempfile
        import traceback

        with tempfile.NamedTemporaryFile("w", prefix="perfscore-crash-", suffix=".log", delete=False) as fh:
            traceback.print_exc(file=fh)
        sys.stderr.write(f"抱歉，perfscore 内部出错（这是程序缺陷，不是您的输入问题）。详情已保存到 {fh.name}\n")
        return ExitCode.BUG
    return int(result) if isinstance(result, int) else ExitCode.OK


def emit(content: str | bytes, output: Path | None) -> None:
    """Write to stdout or, atomically, to a file (bytes formats need a file)."""
    if output is None:
        if isinstance(content, bytes):
            from ..errors import PerfscoreError

            raise PerfscoreError("二进制格式（xlsx）须用 -o 指定输出文件")
        from ..errors import printable

        sys.stdout.write(printable(content))      # control characters quoted from the input, escaped
        return
    from ..atomic import write_atomic

    write_atomic(str(output), content)


@contextmanager
def output_stream(output: Path | None) -> Iterator[IO[str]]:
    """stdout, or a text file that replaces ``output`` atomically once everything is written."""
    if output is None:
        yield sys.stdout
        return
    from ..atomic import open_atomic

    with open_atomic(str(output), text=True) as fh:
        yield fh


def register(group: typer.Typer, command: Callable[..., ExitCode], name: str | None = None) -> None:
    """Add ``command`` to ``group``; the ExitCode it returns becomes the exit code (typer drops return values)."""

    @functools.wraps(command)
    def exiting(*args: Any, **kwargs: Any) -> None:
        raise typer.Exit(command(*args, **kwargs))

    group.command(name)(exiting)


# The commands, in the order ``perfscore --help`` lists them. A new command is a module under
# cli/commands/ with one function returning an ExitCode, and one line here.
from .commands import check, explain, export, import_, new, record, rule, schema, score, serve, validate  # noqa: E402

register(app, score.score)
register(app, validate.validate)
register(app, check.check)
register(app, explain.explain)
register(app, export.export)
register(app, new.new)
register(app, import_.import_, "import")
register(app, record.record)
register(app, schema.schema)
register(app, serve.serve)
register(rule_app, rule.parse, "parse")
register(rule_app, rule.render, "render")
register(rule_app, rule.try_, "try")
app.add_typer(rule_app, name="rule")
