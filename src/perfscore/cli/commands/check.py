"""``perfscore check``: stream the reports, print them grouped by file, return the exit code.

``--summary`` writes the batch summary workbook while the findings are printed (the same
workbook ``perfscore export`` writes alone, see :mod:`perfscore.formats.summary`).
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from enum import Enum
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, List, Optional

import typer

from ..app import ExitCode, output_stream

if TYPE_CHECKING:
    from ...checks import FileReport

PROGRESS_MIN_FILES = 50


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


def check(
    paths: List[Path] = typer.Argument(..., help="指标体系、评价、部门汇总文件或目录（递归）"),
    format: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="输出格式"),
    strict: bool = typer.Option(False, "--strict", help="警告也视为不通过（退出码1）"),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="并行进程数"),
    summary: Optional[Path] = typer.Option(None, "--summary", help="另写一份批量汇总工作簿（xlsx）"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件而非标准输出"),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", envvar="PERFSCORE_CACHE_DIR",
                                             help="缓存目录（默认：被检查目录树根部的 .perfscore_cache）"),
    no_cache: bool = typer.Option(False, "--no-cache", help="不读也不写缓存，全部重算"),
) -> ExitCode:
    """复核：重算每个数字，列出指标体系、评价与跨文件的全部问题（PS1xx/2xx/3xx）。

    未改动的文件取自缓存（文件、所用指标体系与框架、perfscore 版本都未变时），输出与全部重算逐字节相同。"""
    return run_check([str(p) for p in paths], format.value, strict, jobs, summary, output, cache_dir, not no_cache)


def run_check(paths: list[str], fmt: str, strict: bool, jobs: int, summary: Path | None, output: Path | None,
              cache_dir: Path | None = None, use_cache: bool = True) -> ExitCode:
    """The reports streamed to the output: json in final order, text a block per file as it comes
    and the cross-document findings at the end under their files."""
    from ...checks import batch_files, stream_reports, verdict_line
    from ...checks.order import InOrder

    files = batch_files(paths)
    cache = None
    if use_cache:
        from ...checks.cache import CheckCache, default_dir

        cache = CheckCache(str(cache_dir) if cache_dir is not None else default_dir(paths))
    progress = Progress()
    reports: Iterator[FileReport] = stream_reports(files, jobs, progress, cache)
    if summary is not None:
        from ...checks import cross_last
        from ...formats.summary import write_summary

        reports = _tee(reports, summary, lambda reps, path: write_summary(cross_last(reps), path))
    order = InOrder(hold_all=fmt == "text" or _placed_at_cells(files))
    tally = Tally(strict)
    errors: list[str] = []
    first = True
    with output_stream(output) as out:
        if fmt == "json":
            out.write('{\n  "findings": [')
        for rep in tally.count(reports):
            if rep.file is None:                  # known only at the end of the batch
                order.hold(rep.findings)
            elif fmt == "json":
                if rep.kind == "summary":         # its findings come with the end of the batch
                    order.hold_from_here()
                for d in order.add(rep.file, rep.findings + rep.cross):
                    out.write(_json_item(d, first))
                    first = False
            else:
                if rep.findings or rep.row is not None:
                    for line in _block(rep.file, (f.to_dict() for f in rep.findings), ""):
                        out.write(line + "\n")
                if rep.row is not None:         # an evaluation ends with its verdict: totals, grade, completeness
                    out.write(f"  {'':>8}  {verdict_line(rep.row)}\n")
                for _ in order.add(rep.file, rep.cross):
                    pass
            for e in rep.errors:
                # an evaluation whose indicator set is broken repeats the set's own error: say it once
                if e not in errors:
                    errors.append(e)
                    sys.stderr.write(e + "\n")
        progress.close()
        counts = tally.counts
        if fmt == "json":
            for d in order.finish():
                out.write(_json_item(d, first))
                first = False
            out.write("]" if first else "\n  ]")
            out.write(',\n  "summary": ' + json.dumps(counts, indent=2).replace("\n", "\n  ") + "\n}\n")
        else:
            for file, group in groupby(order.finish(), key=lambda f: f["file"] or ""):
                for line in _block(file, group, "（跨文件）"):
                    out.write(line + "\n")
            bad = f"，{tally.unreadable} 个文件无法读取" if tally.unreadable else ""
            out.write(f"共检查 {counts['files']} 个文件：错误 {counts['errors']}，警告 {counts['warnings']}，"
                      f"提示 {counts['notices']}{bad}\n")
    return tally.exit_code()


def _json_item(d: dict[str, Any], first: bool) -> str:
    """One finding as ``json.dump(..., indent=2)`` writes it inside the findings list."""
    body = json.dumps(d, ensure_ascii=False, indent=2).replace("\n", "\n    ")
    return ("\n    " if first else ",\n    ") + body


def _placed_at_cells(files: list[str]) -> bool:
    """Some file was imported from a workbook: its findings sort by the workbook's cells, anywhere."""
    from ...cells import sidecar_path

    return any(os.path.exists(sidecar_path(f)) for f in files)


@dataclass
class Tally:
    """What the exit code of a batch depends on, counted while the reports stream past."""

    strict: bool
    counts: dict[str, int] = field(default_factory=dict)
    unreadable: int = 0
    fails: bool = False
    crashed: int = 0

    def count(self, reports: Iterator[FileReport]) -> Iterator[FileReport]:
        from ...checks import CRASHED, failing, summarize

        self.counts = summarize([], 0)
        for rep in reports:
            every = rep.findings + rep.cross
            for key, n in summarize(every, int(rep.file is not None)).items():
                self.counts[key] += n
            self.unreadable += bool(rep.errors)
            self.crashed += rep.kind == CRASHED
            self.fails = self.fails or failing(every, self.strict)
            yield rep

    def exit_code(self) -> ExitCode:
        """docs/checks.md: 3 when checking a file killed its process, 2 when a file could not be
        read, 1 for failing findings, else 0."""
        if self.crashed:
            return ExitCode.BUG
        if self.unreadable:
            return ExitCode.BAD_INPUT
        return ExitCode.FINDINGS if self.fails else ExitCode.OK


class Progress:
    """A one-line progress bar on stderr, only when it is a terminal and the batch is long."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < PROGRESS_MIN_FILES:
            return
        if done != total and done % max(total // 200, 1):
            return
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r检查中 [{'█' * filled}{'·' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


def _block(file: str, findings: Iterable[dict[str, Any]], note: str) -> Iterator[str]:
    from ...findings import SEVERITY_WORD

    yield f"{file}{note}"
    for f in findings:
        if f["line"] is not None:
            where = f"{f['line']}:{f['column']}"
        elif f["file"] and f["file"] != file:
            # placed in the document it was imported from: 表.xlsx!自评表!H14, 决算.txt:612, 决算.pdf#page=12 r8c6
            where = f["file"]
        else:
            where = "-"
        what = f"{f['indicator']}: " if f["indicator"] else ""
        yield f"  {where:>8}  {SEVERITY_WORD[f['severity']]}  {f['code']}  {what}{f['message']}"


def _tee(reports: Iterator[FileReport], path: Path,
         writer: Callable[[Iterator[FileReport], str], object]) -> Iterator[FileReport]:
    """Feed the reports to the summary writer (a thread) while passing them on; its failure is ours."""
    import queue
    import threading

    if not path.parent.is_dir():
        from ...errors import PerfscoreError

        raise PerfscoreError("汇总工作簿的目录不存在", str(path))
    from ...atomic import check_output

    check_output(str(path))                  # refused before any work (an input, a directory, …)
    q: "queue.Queue[FileReport | None]" = queue.Queue(maxsize=64)
    failure: list[BaseException] = []
    ended: list[bool] = []

    def feed() -> Iterator[FileReport]:
        while not ended:
            item = q.get()
            if item is None:
                ended.append(True)
                return
            yield item

    def work() -> None:
        try:
            writer(feed(), str(path))
        except BaseException as exc:  # noqa: BLE001 - re-raised on the main thread below
            failure.append(exc)
            for _ in feed():          # keep draining so the producer never blocks (until its end)
                pass

    worker = threading.Thread(target=work)
    worker.start()
    try:
        for rep in reports:
            q.put(rep)
            yield rep
    finally:
        q.put(None)
        worker.join()
    if failure:
        raise failure[0]
