"""Re-scoring: every finding of sets, evaluations and across documents, for one file or ten thousand.

``stream_reports(files, jobs, cache=…)`` streams one :class:`FileReport` per file in sorted
order (worker processes when ``jobs > 1``, same output; unchanged files from the cache), each
with the cross-document findings on it that are known by then, then one report of those known
only at the end. ``iter_reports(paths, jobs)`` is the same stream with every cross-document
finding in that last report. The facts kept for the cross checks go to a temporary file
(:class:`CrossStore`), so memory stays flat however long the batch.

Each finding code is one function registered with its documentation (:mod:`.registry`), in a
module per family: ``sets.py`` PS1xx, ``evaluations.py`` PS2xx, ``cross.py`` PS3xx,
``imports.py`` PS4xx. ``perfscore explain PSxxx`` names the function and prints its cases.

Adding a finding code:

1. Write one function in the family's module, decorated
   ``@check("PS217", "warning", "一句话标题", scope="evaluation")``; its docstring (Chinese) says
   what the code means and when it does not apply. It receives the scope's subject
   (``SetSubject``, ``EvaluationSubject`` with its ``Row`` gates, ``CrossSubject``) and yields
   findings built with ``base.finding("PS217", …)``. Every module of this package is imported
   when the registry is first read, so a new family module needs no other registration.
2. Write ``checks/cases/PS217.yaml``: at least one failing input (edits of ``cases/base.yaml``)
   with its exact expected findings, and the minimal fix (format: :mod:`.examples`).
   ``tests/test_check_cases.py`` runs it; a code without a case fails that test.
3. Regenerate ``docs/checks.md`` (``python -m perfscore.checks.docs``); a test keeps it in step.
"""
from __future__ import annotations

import os
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from ..errors import PerfscoreError, PerfscoreErrors
from ..findings import SEVERITY_RANK, Finding
from ..model import SEP, IndicatorSet
from ..numbers import fmt
from .cross import CrossStore, EvalFacts, SummaryFacts
from .evaluations import check_evaluation
from .examples import explain
from .sets import check_set

if TYPE_CHECKING:
    from ..scoring import Scorecard
    from .cache import CheckCache, Lookup, Probe

__all__ = ["FileReport", "CheckResult", "check", "check_evaluation", "check_set", "check_file", "explain",
           "iter_reports",
           "evaluation_findings", "stream_reports", "batch_files", "cross_last"]


@dataclass
class FileReport:
    file: str | None
    kind: str                                  # set | evaluation | summary | invalid | cross
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)      # load errors: ``file:line:col: 说明``
    row: dict[str, Any] | None = None                    # one line of the batch summary (evaluations)
    facts: EvalFacts | SummaryFacts | None = None        # for the cross checks; taken by stream_reports
    cross: list[Finding] = field(default_factory=list)   # cross-document findings on this file (stream_reports)
    lookups: list[Lookup] = field(default_factory=list)  # the indicator-set lookups the report depends on


@dataclass
class CheckResult:
    findings: list[Finding]
    errors: list[str]
    files: int

    @property
    def summary(self) -> dict[str, int]:
        return summarize(self.findings, self.files)

    def to_dict(self) -> dict[str, Any]:
        return {"findings": [f.to_dict() for f in self.findings], "summary": self.summary}


def summarize(findings: Iterable[Finding], files: int) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "notice": 0}
    for f in findings:
        counts[f.severity] += 1
    return {"files": files, "errors": counts["error"], "warnings": counts["warning"], "notices": counts["notice"]}


def verdict_line(row: dict[str, Any]) -> str:
    """The last line of a checked evaluation: 重算总分 against 申报总分, the grade, what is incomplete."""
    declared = f"，申报总分{row['declared_total']}" if row.get("declared_total") is not None else ""
    if row.get("complete", True):
        grade = f"，等级{row['grade']}" if row.get("grade") else ""
        return f"重算总分{row['total']}{declared}{grade}"
    grade = f"（按已计分各项为{row['grade']}）" if row.get("grade") else ""
    return f"重算总分{row['total']}{declared}，{row['incomplete']}，等级暂不评定{grade}"


def locate_all(findings: list[Finding]) -> list[Finding]:
    """Fill line/column from each finding's YAML keys (composing each file once), then sort."""
    from ..cells import cell_of
    from ..yamlio import locate, read_text

    texts: dict[str, str | None] = {}
    for f in findings:
        if f.file and f.line is None and f.keys:
            cell = cell_of(f.file, f.keys)
            if cell is not None:          # imported from a workbook: name its cell, file.xlsx!Sheet!C12
                f.file = cell
                continue
            if f.file not in texts:
                try:
                    texts[f.file] = read_text(f.file)
                except PerfscoreError:
                    texts[f.file] = None
            if texts[f.file] is not None:
                f.line, f.column = locate(f.file, f.keys, texts[f.file])
    return sorted(findings, key=Finding.sort_key)


@lru_cache(maxsize=32)   # as many as loading keeps sets
def _set_report(path: str, mtime: float) -> tuple[list[Finding], frozenset[tuple[str, ...]]]:
    from ..loading import load_set

    findings = check_set(load_set(path))
    faults = frozenset(tuple(f.indicator.split(SEP)) for f in findings if f.code == "PS103" and f.indicator)
    return findings, faults


def set_findings(path: str) -> tuple[list[Finding], frozenset[tuple[str, ...]]]:
    return _set_report(path, os.path.getmtime(path))


def check_file(path: str, set_dirs: tuple[str, ...] = ()) -> FileReport:
    """Load one file, tell what it is, and check it; load errors are reported, never raised."""
    from ..loading import evaluation_set, load_any
    from ..scoring import score

    try:
        kind, obj = load_any(path, set_dirs)
        if kind == "set":
            findings, _ = set_findings(path)
            return FileReport(path, kind, locate_all([*findings]), lookups=_extends(obj))
        if kind == "summary":
            return FileReport(path, kind, facts=SummaryFacts.of(obj))
        iset = evaluation_set(obj, set_dirs)
        card = score(obj, iset)
    except PerfscoreErrors as exc:
        return FileReport(path, "invalid", errors=[str(e) for e in exc.errors])
    except PerfscoreError as exc:
        if exc.file is None:
            exc.file = path
        return FileReport(path, "invalid", errors=[str(exc)])
    _, faults = set_findings(iset.path) if iset.path else ([], frozenset())
    findings = locate_all(check_evaluation(card, faults))
    ev = card.evaluation
    row = {"file": path, "project": ev.project, "department": ev.department, "year": ev.year, "kind": ev.kind,
           "declared_total": fmt(ev.declared.total), "total": fmt(card.total),
           "declared_grade": ev.declared.grade, "grade": card.grade, "complete": card.complete,
           "incomplete": card.incomplete_text(), **summarize(findings, 1)}
    del row["files"]
    lookups: list[Lookup] = [(ev.indicator_set, path, True, iset.path or ""), *_extends(iset)]
    return FileReport(path, kind, findings, row=row, facts=EvalFacts.of(card), lookups=lookups)


def _extends(iset: IndicatorSet) -> list[Lookup]:
    """The lookup of the framework a set extends (already made while loading it: cached)."""
    if not iset.extends or not iset.path:
        return []
    from ..loading import find_set

    return [(iset.extends, iset.path, False, find_set(iset.extends, iset.path))]


def batch_files(paths: Iterable[str]) -> list[str]:
    """The YAML files named or found under ``paths``, sorted: the order of every report."""
    from ..loading import yaml_files

    return sorted(set(yaml_files(paths)))


def iter_reports(paths: Iterable[str], jobs: int = 1,
                 progress: Callable[[int, int], None] | None = None) -> Iterator[FileReport]:
    """One report per file (sorted, deterministic), then the report (file None) of every cross-document finding."""
    yield from cross_last(stream_reports(batch_files(paths), jobs, progress))


def cross_last(reports: Iterable[FileReport]) -> Iterator[FileReport]:
    """A stream of :func:`stream_reports` with every cross-document finding moved to the last
    report, as :func:`iter_reports` gives it (copies: the given reports are left as they are)."""
    held: list[Finding] = []
    for rep in reports:
        if rep.file is None:
            yield FileReport(None, rep.kind, sorted(held + rep.findings, key=Finding.sort_key))
        else:
            held += rep.cross
            yield FileReport(rep.file, rep.kind, rep.findings, rep.errors, rep.row)


def stream_reports(files: list[str], jobs: int = 1, progress: Callable[[int, int], None] | None = None,
                   cache: CheckCache | None = None) -> Iterator[FileReport]:
    """One report per file of ``files`` (sorted) with ``cross`` holding the cross-document findings
    on it (PS301/PS302/PS305 against the earlier files of its group); then one report (file None)
    of the findings known only at the end (PS303/PS304: department summaries)."""
    from ..loading import forget_index

    forget_index()
    set_dirs = tuple(sorted({os.path.dirname(f) for f in files}))
    store = CrossStore()
    try:
        for n, rep in enumerate(_checked(files, set_dirs, jobs, cache), 1):
            if rep.facts is not None:
                rep.cross = locate_all(store.add(rep.facts))
                rep.facts = None
            if progress is not None:
                progress(n, len(files))
            yield rep
        yield FileReport(None, "cross", locate_all(list(store.summary_findings())))
    finally:
        store.close()


CHUNK = 64      # files per piece of work handed out, split between the workers; a few pieces in flight
AHEAD = 4


def _checked(files: list[str], set_dirs: tuple[str, ...], jobs: int,
             cache: CheckCache | None) -> Iterator[FileReport]:
    """Every file's report in order: from the cache when nothing it depends on changed, else
    computed (by the workers, fed a chunk at a time, a few chunks ahead) and stored."""
    window: deque[tuple[list[tuple[FileReport | None, Probe | None]], Callable[[], list[FileReport]]]] = deque()
    from ..limits import worker_count

    with _workers(worker_count(jobs, len(files)), partial(check_file, set_dirs=set_dirs)) as submit:
        for start in range(0, len(files), CHUNK):
            chunk = files[start:start + CHUNK]
            probes: list[tuple[FileReport | None, Probe | None]] = (
                [cache.lookup(f, set_dirs) for f in chunk] if cache is not None else [(None, None)] * len(chunk))
            window.append((probes, submit([f for f, (hit, _) in zip(chunk, probes) if hit is None])))
            if len(window) > AHEAD:
                yield from _drain(*window.popleft(), cache)
        while window:
            yield from _drain(*window.popleft(), cache)


def _drain(probes: list[tuple[FileReport | None, Probe | None]], result: Callable[[], list[FileReport]],
           cache: CheckCache | None) -> Iterator[FileReport]:
    computed = iter(result())
    for hit, probe in probes:
        if hit is None:
            hit = next(computed)
            if cache is not None and probe is not None:
                cache.store(probe, hit)
        yield hit


@contextmanager
def _workers(jobs: int, work: Callable[[str], FileReport]
             ) -> Iterator[Callable[[list[str]], Callable[[], list[FileReport]]]]:
    """``submit(files)`` → a function giving their reports: computed when asked (one process), or
    by worker processes started once for the whole batch (never more than the CPUs).

    A worker that dies (a signal, the memory limit) never hangs the batch: the files of its
    piece are checked again one per process, and the one that kills its process is reported
    as a defect (:data:`CRASHED`), the others normally.
    """
    if jobs <= 1:
        yield lambda files: (lambda: [work(f) for f in files])
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    pools = [ProcessPoolExecutor(jobs, mp_context=ctx)]

    def submit(files: list[str]) -> Callable[[], list[FileReport]]:
        # each worker a run of neighbouring files: they share indicator sets, which a worker
        # then loads once instead of every worker loading every set
        size = max(1, -(-len(files) // jobs))
        pieces = [files[i:i + size] for i in range(0, len(files), size)]
        futures = []
        for piece in pieces:
            try:
                futures.append(pools[-1].submit(_run_all, work, piece))
            except BrokenProcessPool:
                pools.append(ProcessPoolExecutor(jobs, mp_context=ctx))
                futures.append(pools[-1].submit(_run_all, work, piece))

        def result() -> list[FileReport]:
            out: list[FileReport] = []
            for future, piece in zip(futures, pieces):
                try:
                    out += future.result()
                except BrokenProcessPool:
                    out += [_isolated(work, f, ctx) for f in piece]
            return out
        return result

    try:
        yield submit
    finally:
        for pool in pools:
            pool.shutdown(cancel_futures=True)


CRASHED = "crashed"
"""The kind of the report of a file whose check killed its process (exit 3: a defect)."""


def _run_all(work: Callable[[str], FileReport], files: list[str]) -> list[FileReport]:
    return [work(f) for f in files]


def _isolated(work: Callable[[str], FileReport], path: str, ctx: Any) -> FileReport:
    """Check one file in a process of its own; its death becomes a report naming the file."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(1, mp_context=ctx) as pool:
        try:
            return pool.submit(work, path).result()
        except BrokenProcessPool:
            return FileReport(path, CRASHED, errors=[
                f"{path}: 检查此文件时工作进程异常退出（这是 perfscore 的缺陷，请报告此文件）"])


def check(paths: Iterable[str], jobs: int = 1) -> CheckResult:
    """Every finding over the given files and directories (the Python API of ``perfscore check``)."""
    findings: list[Finding] = []
    errors: list[str] = []
    files = 0
    for rep in iter_reports(paths, jobs):
        if rep.file is not None:
            files += 1
        findings += rep.findings
        errors += rep.errors
    return CheckResult(sorted(findings, key=Finding.sort_key), errors, files)


def failing(findings: Iterable[Finding], strict: bool) -> bool:
    worst = "warning" if strict else "error"
    return any(SEVERITY_RANK[f.severity] <= SEVERITY_RANK[worst] for f in findings)


def evaluation_findings(card: Scorecard) -> list[Finding]:
    """What ``perfscore check`` says about one scored evaluation and its indicator set, located and sorted."""
    set_list, faults = set_findings(card.indicator_set.path) if card.indicator_set.path else ([], frozenset())
    return locate_all([*check_evaluation(card, faults), *set_list])
