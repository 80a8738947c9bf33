"""``perfscore check``: stream reports, print them grouped by file, return the exit code."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Callable, Iterator

from ..checks import FileReport, failing, iter_reports
from ..findings import SEVERITY_WORD, Finding

PROGRESS_MIN_FILES = 50


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
    findings = rep.findings
    if rep.file is None:          # cross-document findings: print them under their own files
        for f in findings:
            by_file.setdefault(f.file or "", []).append(f)
        for file in sorted(by_file):
            yield from _block(file, sorted(by_file[file], key=Finding.sort_key), "（跨文件）")
        return
    if findings:
        yield from _block(rep.file, findings, "")


def _block(file: str, findings: list[Finding], note: str) -> Iterator[str]:
    yield f"{file}{note}"
    for f in findings:
        if f.line is not None:
            where = f"{f.line}:{f.column}"
        else:                       # a finding located at a workbook cell: Sheet!C12
            where = "!".join(f.file.split("!")[1:]) if f.file and "!" in f.file else "-"
        what = f"{f.indicator}: " if f.indicator else ""
        yield f"  {where:>8}  {SEVERITY_WORD[f.severity]}  {f.code}  {what}{f.message}"


def run_check(paths: list[str], fmt: str, strict: bool, jobs: int, summary: Path | None, output: Path | None) -> int:
    progress = Progress()
    reports = iter_reports(paths, jobs, progress)
    if summary is not None:
        from ..formats.summary import write_summary

        reports = _tee(reports, summary, write_summary)
    findings: list[Finding] = []          # kept only for json (it is sorted as a whole); text streams
    seen = {"error": 0, "warning": 0, "notice": 0}
    fails = False
    errors: list[str] = []
    unreadable = 0
    files = 0
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        for rep in reports:
            if rep.file is not None:
                files += 1
            unreadable += bool(rep.errors)
            for f in rep.findings:
                seen[f.severity] += 1
            fails = fails or failing(rep.findings, strict)
            if fmt == "json":
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
        counts = {"files": files, "errors": seen["error"], "warnings": seen["warning"], "notices": seen["notice"]}
        if fmt == "json":
            findings.sort(key=Finding.sort_key)
            json.dump({"findings": [f.to_dict() for f in findings], "summary": counts}, out, ensure_ascii=False,
                      indent=2)
            out.write("\n")
        else:
            bad = f"，{unreadable} 个文件无法读取" if unreadable else ""
            out.write(f"共检查 {files} 个文件：错误 {counts['errors']}，警告 {counts['warnings']}，"
                      f"提示 {counts['notices']}{bad}\n")
    finally:
        if output:
            out.close()
    if unreadable:
        return 2
    return 1 if fails else 0


def _tee(reports: Iterator[FileReport], path: Path,
         writer: Callable[[Iterator[FileReport], str], object]) -> Iterator[FileReport]:
    """Feed the reports to the summary writer (a thread) while passing them on; its failure is ours."""
    import queue
    import threading

    if not path.parent.is_dir():
        from ..errors import PerfscoreError

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
