"""Checks across documents (PS301–PS305): compact facts per document, kept out of memory, compared by group.

One registered function per code; each receives a :class:`CrossSubject` (pairs of evaluations
of one project and year, department summaries with their evaluations) and yields its findings.
A batch feeds them incrementally (:class:`CrossStore`): each evaluation with the earlier ones
of its group as it arrives, each summary at the end."""
from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterator

from ..findings import Finding
from ..model import SEP, Summary
from ..numbers import differs, fmt
from ..scoring import Scorecard
from ..targets import parse_value
from .base import base_name, finding
from .registry import check, run


Row = tuple[str, str, str, str]      # (base name, shown actual, results key, path) of one indicator


@dataclass(frozen=True)
class EvalFacts:
    """What the cross-document checks need of one evaluation (small, picklable, JSON-able)."""

    file: str
    project: str
    department: str
    year: int
    kind: str
    declared_total: Decimal | None
    declared_grade: str | None
    grade: str | None
    funds: Decimal | None
    scale_words: tuple[str, ...]
    actuals: tuple[Row, ...] = ()        # every indicator with an actual

    def rows(self) -> tuple[Row, ...]:
        return self.actuals

    @staticmethod
    def of(card: Scorecard) -> "EvalFacts":
        ev = card.evaluation
        assert card.indicator_set.grades is not None
        return EvalFacts(
            file=ev.path or "", project=ev.project, department=ev.department, year=ev.year, kind=ev.kind,
            declared_total=ev.declared.total, declared_grade=ev.declared.grade, grade=card.grade,
            funds=ev.funds.annual if ev.funds else None,
            scale_words=tuple(card.indicator_set.grades.words()),
            actuals=tuple((base_name(i.node.name), i.actual, i.key, SEP.join(i.path)) for i in card.indicators
                          if i.actual is not None and i.key),
        )

    def to_json(self) -> list[Any]:
        return [self.file, self.project, self.department, self.year, self.kind, _text(self.declared_total),
                self.declared_grade, self.grade, _text(self.funds), list(self.scale_words),
                [list(r) for r in self.actuals]]

    @staticmethod
    def from_json(data: Any) -> "EvalFacts":
        """Back from :meth:`to_json`; ValueError on anything else (a cache entry is never trusted)."""
        file, project, department, year, kind, total, declared_grade, grade, funds, words, rows = data
        _check([file, project, department, kind, *words, *(x for r in rows for x in r)], str)
        _check([declared_grade, grade], (str, type(None)))
        if type(year) is not int or any(len(r) != 4 for r in rows):
            raise ValueError("bad facts")
        return EvalFacts(file, project, department, year, kind, _number(total), declared_grade, grade,
                         _number(funds), tuple(words), tuple((a, b, c, d) for a, b, c, d in rows))


@dataclass(frozen=True)
class SummaryFacts:
    file: str
    department: str
    year: int
    evaluations: tuple[str, ...]
    grade_counts: tuple[tuple[str, int], ...]
    funds: Decimal | None

    @staticmethod
    def of(s: Summary) -> "SummaryFacts":
        return SummaryFacts(s.path or "", s.department, s.year, tuple(s.evaluations),
                            tuple(s.grade_counts.items()), s.funds)

    def to_json(self) -> list[Any]:
        return [self.file, self.department, self.year, list(self.evaluations),
                [[g, n] for g, n in self.grade_counts], _text(self.funds)]

    @staticmethod
    def from_json(data: Any) -> "SummaryFacts":
        file, department, year, evaluations, counts, funds = data
        _check([file, department, *evaluations, *(g for g, _ in counts)], str)
        if type(year) is not int or any(type(n) is not int for _, n in counts):
            raise ValueError("bad facts")
        return SummaryFacts(file, department, year, tuple(evaluations), tuple((g, n) for g, n in counts),
                            _number(funds))


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)      # str() keeps every digit: Decimal(str(x)) == x exactly


def _number(text: Any) -> Decimal | None:
    if text is None:
        return None
    if not isinstance(text, str):
        raise ValueError("bad number")
    return Decimal(text)


def _check(values: list[Any], kind: type | tuple[type, ...]) -> None:
    if not all(isinstance(v, kind) for v in values):
        raise ValueError("bad facts")


class CrossStore:
    """The cross-document facts of a batch, out of memory: a temporary sqlite file indexed by
    (project, year) and (department, year). Each evaluation is compared with the earlier ones of
    its group as it arrives (files come in sorted order, and PS301/PS302/PS305 are reported on
    the later file), so only the department summaries (PS303/PS304) wait for the end."""

    def __init__(self) -> None:
        import sqlite3
        import tempfile

        self._dir = tempfile.TemporaryDirectory(prefix="perfscore-facts-")
        self._db = sqlite3.connect(os.path.join(self._dir.name, "facts.sqlite"))
        self._db.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -2000;
            CREATE TABLE evals (seq INTEGER PRIMARY KEY, project TEXT, year INTEGER, department TEXT, facts TEXT);
            CREATE INDEX by_project ON evals (project, year);
            CREATE INDEX by_department ON evals (department, year);
            CREATE TABLE summaries (seq INTEGER PRIMARY KEY, facts TEXT);
        """)

    def add(self, facts: EvalFacts | SummaryFacts) -> list[Finding]:
        """Keep one document's facts; the findings on an evaluation against the earlier ones of its group."""
        text = json.dumps(facts.to_json(), ensure_ascii=False)
        if isinstance(facts, SummaryFacts):
            self._db.execute("INSERT INTO summaries (facts) VALUES (?)", (text,))
            return []
        earlier = [EvalFacts.from_json(json.loads(t)) for (t,) in self._db.execute(
            "SELECT facts FROM evals WHERE project = ? AND year = ? ORDER BY seq", (facts.project, facts.year))]
        self._db.execute("INSERT INTO evals (project, year, department, facts) VALUES (?, ?, ?, ?)",
                         (facts.project, facts.year, facts.department, text))
        return run("cross", CrossSubject(pairs=[(e, facts) for e in earlier])) if earlier else []

    def summary_findings(self) -> list[Finding]:
        """Each department summary against every evaluation of its department and year (the batch's end)."""
        out: list[Finding] = []
        for (text,) in self._db.execute("SELECT facts FROM summaries ORDER BY seq").fetchall():
            s = SummaryFacts.from_json(json.loads(text))
            rows = self._db.execute("SELECT facts FROM evals WHERE department = ? AND year = ? ORDER BY seq",
                                    (s.department, s.year))
            out += run("cross", CrossSubject(departments=[(s, [EvalFacts.from_json(json.loads(t)) for (t,) in rows])]))
        return out

    def close(self) -> None:
        self._db.close()
        self._dir.cleanup()


def _same_value(a: str, b: str) -> bool:
    va, vb = parse_value(a), parse_value(b)
    if va.number is not None and vb.number is not None:
        return va.number == vb.number
    return a.strip() == b.strip()


@dataclass
class CrossSubject:
    """What the cross checks compare: (earlier, later) evaluations of the same project and year
    (by file name), and department summaries each with the evaluations of its department and year."""

    pairs: list[tuple[EvalFacts, EvalFacts]] = field(default_factory=list)
    departments: list[tuple[SummaryFacts, list[EvalFacts]]] = field(default_factory=list)


def check_cross(evals: list[EvalFacts], summaries: list[SummaryFacts]) -> list[Finding]:
    """Every cross-document finding over facts already gathered in memory (a batch streams them
    through :class:`CrossStore` instead)."""
    groups: dict[tuple[str, int], list[EvalFacts]] = defaultdict(list)
    for e in sorted(evals, key=lambda e: e.file):
        groups[(e.project, e.year)].append(e)
    pairs = [(earlier, later) for docs in groups.values() for i, later in enumerate(docs) for earlier in docs[:i]]
    departments = [(s, [e for e in evals if e.department == s.department and e.year == s.year]) for s in summaries]
    return run("cross", CrossSubject(pairs, departments))


def _who(e: EvalFacts) -> str:
    return f"{e.file}（{e.kind}）"


@check("PS301", "warning", "同一项目同一年度的两份评价总分不同", scope="cross")
def totals_differ(x: CrossSubject) -> Iterator[Finding]:
    """同一项目、同一年度的两份评价（如自评与部门评价）申报了不同的总分；报在文件名靠后的一份上。

    种子：自评表96分，部门评价95分。"""
    for a, b in x.pairs:
        if a.declared_total is not None and b.declared_total is not None and a.declared_total != b.declared_total:
            yield finding("PS301", b.file, f"本评价（{b.kind}）申报总分{fmt(b.declared_total)}，"
                                           f"同一项目同一年度的{_who(a)}申报{fmt(a.declared_total)}",
                          ("declared", "total"), None, b.declared_total, a.declared_total)


@check("PS302", "warning", "同一项目同一年度的两份评价等级不同", scope="cross")
def grades_differ(x: CrossSubject) -> Iterator[Finding]:
    """同一项目、同一年度的两份评价申报了不同的等级；报在文件名靠后的一份上。"""
    for a, b in x.pairs:
        if a.declared_grade and b.declared_grade and a.declared_grade != b.declared_grade:
            yield finding("PS302", b.file, f"本评价等级“{b.declared_grade}”，{_who(a)}为“{a.declared_grade}”",
                          ("declared", "grade"))


@check("PS303", "warning", "部门汇总的等级个数（或资金）与其评价不符", scope="cross")
def summary_counts(x: CrossSubject) -> Iterator[Finding]:
    """部门汇总说明的各等级项目数或涉及资金，与所附各项目评价（同一项目有自评时取自评）不一致。"""
    for s, evals in x.departments:
        chosen: dict[str, EvalFacts] = {}
        for e in evals:
            if e.project in s.evaluations and (e.kind == "自评" or e.project not in chosen):
                chosen[e.project] = e
        counts = dict(s.grade_counts)
        actual: dict[str, int] = defaultdict(int)
        for e in chosen.values():
            actual[e.declared_grade or e.grade or "无等级"] += 1
        for grade in sorted(set(counts) | set(actual)):
            if counts.get(grade, 0) != actual.get(grade, 0):
                yield finding("PS303", s.file, f"汇总称{counts.get(grade, 0)}个项目为“{grade}”，"
                                               f"所附评价中有{actual.get(grade, 0)}个",
                              ("grade_counts", grade) if grade in counts else ("grade_counts",))
        funds = [e.funds for e in chosen.values()]
        if s.funds is not None and funds and all(f is not None for f in funds):
            total = sum((f for f in funds if f is not None), Decimal(0))
            if differs(s.funds, total):
                yield finding("PS303", s.file,
                              f"汇总称涉及资金{fmt(s.funds)}万元，所附评价的全年预算数合计{fmt(total)}万元",
                              ("funds",), None, s.funds, total)


@check("PS304", "notice", "不同文件对同一档等级用词不同", scope="cross")
def grade_words(x: CrossSubject) -> Iterator[Finding]:
    """同一部门同一年度的汇总与评价标准对同一档等级使用了不同的词（如“中”与“合格”）；每份汇总报一次。

    种子：第三部分九称“中”，第五部分评价标准称“合格”。"""
    for s, evals in x.departments:
        words = [w for w, _ in s.grade_counts]
        for e in evals:
            if len(e.scale_words) == len(words) and tuple(words) != e.scale_words:
                pairs = [f"“{a}”与“{b}”" for a, b in zip(words, e.scale_words) if a != b]
                yield finding("PS304", s.file, f"汇总的等级用词{'/'.join(words)}，{e.file}的评价标准用"
                                               f"{'/'.join(e.scale_words)}：同一档用了{'、'.join(pairs)}",
                              ("grade_counts", next(a for a, b in zip(words, e.scale_words) if a != b)))
                break


@check("PS305", "warning", "同一项目同一年度的两份评价对同一指标记录了不同的实际值", scope="cross")
def actuals_differ(x: CrossSubject) -> Iterator[Finding]:
    """同一项目、同一年度的两份评价，对同名指标（不计单位后缀与空格）记录了不同的实际完成值（数值按数值比较）。

    种子：服务对象满意度 自评表86，部门评价90.21%。"""
    for a, b in x.pairs:
        theirs = {name: shown for name, shown, _, _ in a.rows()}
        for name, shown, key, path in b.rows():
            if name in theirs and not _same_value(shown, theirs[name]):
                yield finding("PS305", b.file, f"实际完成值“{shown}”，{_who(a)}记录为“{theirs[name]}”",
                              ("results", key, "actual"), path)
