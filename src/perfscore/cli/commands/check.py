"""``perfscore check``: stream the reports, print them grouped by file, return the exit code.

``--summary`` writes the batch summary workbook while the findings are printed (the same
workbook ``perfscore export`` writes alone, see :mod:`perfscore.formats.summary`).
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, List, Optional

import typer

from ..app import ExitCode, output_stream

if TYPE_CHECKING:
    from ...checks import FileReport
    from ...findings import Finding

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
) -> ExitCode:
    """复核：重算每个数字，列出指标体系、评价与跨文件的全部问题（PS1xx/2xx/3xx）。"""
    from ...checks import iter_reports
    from ...findings import Finding

    progress = Progress()
    reports = iter_reports([str(p) for p in paths], jobs, progress)
    if summary is not None:
        from ...formats.summary import write_summary

        reports = _tee(reports, summary, write_summary)
    tally = Tally(strict)
    findings: list[Finding] = []          # kept only for json (it is sorted as a whole); text streams
    errors: list[str] = []
    with output_stream(output) as out:
        for rep in tally.count(reports):
            if format is CheckFormat.json:
                findings += rep.findings
            else:
                for line in _text(rep, {}):
                    out.write(line + "\n")
            for e in rep.errors:
                # an evaluation whose indicator set is broken repeats the set's own error: say it once
                if e not in errors:
                    errors.append(e)
                    sys.stderr.write(e + "\n")
        progress.close()
        if format is CheckFormat.json:
            findings.sort(key=Finding.sort_key)
            json.dump({"findings": [f.to_dict() for f in findings], "summary": tally.counts}, out,
                      ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            counts = tally.counts
            bad = f"，{tally.unreadable} 个文件无法读取" if tally.unreadable else ""
            out.write(f"共检查 {counts['files']} 个文件：错误 {counts['errors']}，警告 {counts['warnings']}，"
                      f"提示 {counts['notices']}{bad}\n")
    return tally.exit_code()


@dataclass
class Tally:
    """What the exit code of a batch depends on, counted while the reports stream past."""

    strict: bool
    counts: dict[str, int] = field(default_factory=dict)
    unreadable: int = 0
    fails: bool = False

    def count(self, reports: Iterator[FileReport]) -> Iterator[FileReport]:
        from ...checks import failing, summarize

        self.counts = summarize([], 0)
        for rep in reports:
            for key, n in summarize(rep.findings, int(rep.file is not None)).items():
                self.counts[key] += n
            self.unreadable += bool(rep.errors)
            self.fails = self.fails or failing(rep.findings, self.strict)
            yield rep

    def exit_code(self) -> ExitCode:
        """docs/checks.md: 2 when a file could not be read, 1 for failing findings, else 0."""
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


def _text(rep: FileReport, by_file: dict[str, list[Finding]]) -> Iterator[str]:
    from ...findings import Finding

    findings = rep.findings
    if rep.file is None:          # cross-document findings: print them under their own files
        for f in findings:
            by_file.setdefault(f.file or "", []).append(f)
        for file in sorted(by_file):
            yield from _block(file, sorted(by_file[file], key=Finding.sort_key), "（跨文件）")
        return
    if findings or rep.row is not None:
        yield from _block(rep.file, findings, "")
    if rep.row is not None:                 # an evaluation ends with its verdict: totals, grade, completeness
        from ...checks import verdict_line

        yield f"  {'':>8}  {verdict_line(rep.row)}"


def _block(file: str, findings: list[Finding], note: str) -> Iterator[str]:
    from ...findings import SEVERITY_WORD

    yield f"{file}{note}"
    for f in findings:
        if f.line is not None:
            where = f"{f.line}:{f.column}"
        else:                       # a finding located at a workbook cell: Sheet!C12
            where = "!".join(f.file.split("!")[1:]) if f.file and "!" in f.file else "-"
        what = f"{f.indicator}: " if f.indicator else ""
        yield f"  {where:>8}  {SEVERITY_WORD[f.severity]}  {f.code}  {what}{f.message}"


def _tee(reports: Iterator[FileReport], path: Path,
         writer: Callable[[Iterator[FileReport], str], object]) -> Iterator[FileReport]:
    """Feed the reports to the summary writer (a thread) while passing them on; its failure is ours."""
    import queue
    import threading

    if not path.parent.is_dir():
        from ...errors import PerfscoreError

        raise PerfscoreError("汇总工作簿的目录不存在", str(path))
    q: "queue.Queue[FileReport | None]" = queue.Queue(maxsize=64)
    failure: list[BaseException] = []

    def feed() -> Iterator[FileReport]:
        while True:
            item = q.get()
            if item is None:
                return
            yield item

    def work() -> None:
        try:
            writer(feed(), str(path))
        except BaseException as exc:  # noqa: BLE001 - re-raised on the main thread below
            failure.append(exc)
            for _ in feed():          # keep draining so the producer never blocks
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
