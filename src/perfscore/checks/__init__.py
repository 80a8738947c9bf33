"""Re-scoring: every finding of sets, evaluations and across documents, for one file or ten thousand.

``iter_reports(paths, jobs)`` streams one :class:`FileReport` per file in sorted order (worker
processes when ``jobs > 1``, same output), then one report of cross-document findings.
Only small facts per evaluation are kept for the cross checks, so memory stays flat.

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
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from ..errors import PerfscoreError, PerfscoreErrors
from ..findings import SEVERITY_RANK, Finding
from ..model import SEP
from ..numbers import fmt
from .cross import EvalFacts, SummaryFacts, check_cross
from .evaluations import check_evaluation
from .examples import explain
from .sets import check_set

if TYPE_CHECKING:
    from ..scoring import Scorecard

__all__ = ["FileReport", "CheckResult", "check", "check_evaluation", "check_set", "check_file", "explain", "iter_reports",
           "evaluation_findings"]


@dataclass
class FileReport:
    file: str | None
    kind: str                                  # set | evaluation | summary | invalid | cross
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)      # load errors: ``file:line:col: 说明``
    row: dict[str, Any] | None = None                    # one line of the batch summary (evaluations)
    facts: EvalFacts | SummaryFacts | None = None


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


@lru_cache(maxsize=64)
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
            return FileReport(path, kind, locate_all([*findings]))
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
    return FileReport(path, kind, findings, row=row, facts=EvalFacts.of(card))


def iter_reports(paths: Iterable[str], jobs: int = 1,
                 progress: Callable[[int, int], None] | None = None) -> Iterator[FileReport]:
    """One report per file (sorted, deterministic), then the cross-document report (file None)."""
    from ..loading import forget_index, yaml_files

    files = sorted(set(yaml_files(paths)))
    forget_index()
    set_dirs = tuple(sorted({os.path.dirname(f) for f in files}))
    evals: list[EvalFacts] = []
    summaries: list[SummaryFacts] = []
    work = partial(check_file, set_dirs=set_dirs)
    if jobs > 1 and len(files) > 1:
        import multiprocessing

        ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        with ctx.Pool(jobs) as pool:
            yield from _collect(pool.imap(work, files, chunksize=16), len(files), evals, summaries, progress)
    else:
        yield from _collect(map(work, files), len(files), evals, summaries, progress)
    yield FileReport(None, "cross", locate_all(check_cross(evals, summaries)))


def _collect(reports: Iterable[FileReport], total: int, evals: list[EvalFacts], summaries: list[SummaryFacts],
             progress: Callable[[int, int], None] | None) -> Iterator[FileReport]:
    for n, rep in enumerate(reports, 1):
        if isinstance(rep.facts, EvalFacts):
            evals.append(rep.facts)
        elif isinstance(rep.facts, SummaryFacts):
            summaries.append(rep.facts)
        rep.facts = None
        if progress is not None:
            progress(n, total)
        yield rep


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
