"""The batch summary workbook: one row per evaluation, every finding, the grade distribution with a chart.

``write_summary(reports, path)`` consumes the :class:`perfscore.checks.FileReport` stream of
``iter_reports`` as it comes and writes each row at once (xlsxwriter ``constant_memory``: one
row of each sheet in memory, strings inline), so ten thousand evaluations take the memory of
one. Only the grade counts are kept to the end. The file appears whole or not at all (a temp
file beside it, then a rename).

Sheets: 评价汇总 (项目, 主管部门, 年度, 类型, 申报/复核总分与等级, 错误/警告/提示数), 问题清单 (one row
per finding with file, line, column, indicator; files that could not be read too), 等级分布
(复核 and 申报 counts per grade, and a column chart of them).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Iterable

from ..findings import SEVERITY_WORD
from ..numbers import differs
from .safe import Formats, new_workbook, write_cell
from .sheet import display_path
from .xlsx import print_setup

if TYPE_CHECKING:
    from ..checks import FileReport
    from ..findings import Finding

EVAL_COLUMNS = (("文件", 48), ("项目名称", 36), ("主管部门", 24), ("年度", 7), ("评价类型", 9), ("申报总分", 9),
                ("复核总分", 9), ("申报等级", 9), ("复核等级", 9), ("错误", 6), ("警告", 6), ("提示", 6), ("备注", 40))
FINDING_COLUMNS = (("范围", 8), ("文件", 48), ("行", 6), ("列", 6), ("代码", 8), ("严重程度", 9), ("指标", 36),
                   ("说明", 70), ("申报值", 9), ("复核值", 9))
GRADE_ORDER = ("优", "良", "中", "合格", "差")
NO_GRADE = "（无等级）"
KIND_WORD = {"set": "指标体系", "evaluation": "评价", "summary": "部门汇总", "invalid": "无法读取", "cross": "跨文件"}


@dataclass
class SummaryStats:
    evaluations: int = 0
    files: int = 0
    unreadable: int = 0
    findings: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "notice": 0})
    grades: dict[str, int] = field(default_factory=dict)
    declared_grades: dict[str, int] = field(default_factory=dict)


def _decimal(text: Any) -> Decimal | None:
    if text is None or text == "":
        return None
    if isinstance(text, Decimal):
        return text
    try:
        return Decimal(str(text))
    except InvalidOperation:
        return None


class _Writer:
    def __init__(self, wb: Any) -> None:
        self.formats = Formats(wb, {"font_name": "宋体", "font_size": 10})
        self.head = self.formats(bold=True, border=1, bg_color="#F2F2F2", align="center", valign="vcenter",
                                 text_wrap=True)
        self.body = self.formats(border=1, valign="top")
        self.bad = self.formats(border=1, valign="top", bg_color="#FFC7CE", font_color="#9C0006")
        self.evals = self._sheet(wb, "评价汇总", EVAL_COLUMNS)
        self.finds = self._sheet(wb, "问题清单", FINDING_COLUMNS)
        self.grades = wb.add_worksheet("等级分布")
        self.eval_row = self.find_row = 0
        self.stats = SummaryStats()

    def _sheet(self, wb: Any, name: str, columns: tuple[tuple[str, int], ...]) -> Any:
        ws = wb.add_worksheet(name)
        for c, (title, width) in enumerate(columns):
            ws.set_column(c, c, width)
            write_cell(ws, 0, c, title, self.head)
        ws.freeze_panes(1, 0)
        print_setup(ws, (0, 0))
        return ws

    def report(self, rep: "FileReport") -> None:
        if rep.file is not None:
            self.stats.files += 1
        if rep.kind == "evaluation" and rep.row is not None:
            self._evaluation(rep)
        elif rep.kind == "invalid":
            self.stats.unreadable += 1
            self._row(self.evals, self.eval_row + 1, [display_path(rep.file)] + [None] * 11 +
                      ["无法读取：" + "；".join(rep.errors)])
            self.eval_row += 1
            for error in rep.errors:
                self._finding_row(["无法读取", display_path(rep.file), None, None, None, "错误", None, error,
                                   None, None])
        scope = KIND_WORD.get(rep.kind, rep.kind)
        for f in rep.findings:
            self._finding(scope, f)

    def _evaluation(self, rep: "FileReport") -> None:
        row = rep.row or {}
        counts = {s: sum(1 for f in rep.findings if f.severity == s) for s in ("error", "warning", "notice")}
        declared, computed = _decimal(row.get("declared_total")), _decimal(row.get("total"))
        grade, declared_grade = row.get("grade") or NO_GRADE, row.get("declared_grade")
        self.stats.evaluations += 1
        self.stats.grades[grade] = self.stats.grades.get(grade, 0) + 1
        if declared_grade:
            self.stats.declared_grades[declared_grade] = self.stats.declared_grades.get(declared_grade, 0) + 1
        self.eval_row += 1
        r, ws = self.eval_row, self.evals
        values = [display_path(row.get("file") or rep.file), row.get("project"), row.get("department"),
                  row.get("year"), row.get("kind"), declared, computed, declared_grade, row.get("grade"),
                  row.get("errors", counts["error"]), row.get("warnings", counts["warning"]),
                  row.get("notices", counts["notice"]), None]
        total_bad = differs(declared, computed)
        grade_bad = bool(declared_grade) and bool(row.get("grade")) and declared_grade != row.get("grade")
        for c, v in enumerate(values):
            bad = (c in (5, 6) and total_bad) or (c in (7, 8) and grade_bad) or (c == 9 and bool(v))
            write_cell(ws, r, c, int(v) if isinstance(v, int) else v, self.bad if bad else self.body)

    def _row(self, ws: Any, r: int, values: list[Any]) -> None:
        for c, v in enumerate(values):
            write_cell(ws, r, c, v, self.body)

    def _finding(self, scope: str, f: "Finding") -> None:
        self.stats.findings[f.severity] += 1
        self._finding_row([scope, display_path(f.file), f.line, f.column, f.code, SEVERITY_WORD[f.severity],
                           f.indicator, f.message, f.declared, f.computed])

    def _finding_row(self, values: list[Any]) -> None:
        self.find_row += 1
        self._row(self.finds, self.find_row, values)

    def finish(self, wb: Any) -> None:
        self.evals.autofilter(0, 0, max(self.eval_row, 1), len(EVAL_COLUMNS) - 1)
        self.finds.autofilter(0, 0, max(self.find_row, 1), len(FINDING_COLUMNS) - 1)
        ws = self.grades
        ws.set_column(0, 2, 14)
        for c, title in enumerate(("等级", "复核评价数", "申报评价数")):
            write_cell(ws, 0, c, title, self.head)
        names = _ordered({*self.stats.grades, *self.stats.declared_grades})
        for r, name in enumerate(names, 1):
            self._row(ws, r, [name, self.stats.grades.get(name, 0), self.stats.declared_grades.get(name, 0)])
        n = len(names)
        self._row(ws, n + 1, ["合计", sum(self.stats.grades.values()), sum(self.stats.declared_grades.values())])
        if n:
            chart = wb.add_chart({"type": "column"})
            for c, title in ((1, "复核等级"), (2, "申报等级")):
                chart.add_series({"name": title, "categories": ["等级分布", 1, 0, n, 0],
                                  "values": ["等级分布", 1, c, n, c], "data_labels": {"value": True}})
            chart.set_title({"name": "评价等级分布"})
            chart.set_y_axis({"name": "评价数"})
            chart.set_x_axis({"name": "等级"})
            ws.insert_chart(1, 4, chart, {"x_scale": 1.3, "y_scale": 1.3})
        print_setup(ws)


def _ordered(names: Iterable[str]) -> list[str]:
    """优 良 中 合格 差 first, then other words as met in sorted order, 无等级 last."""
    names = set(names)
    known = [g for g in GRADE_ORDER if g in names]
    rest = sorted(n for n in names if n not in GRADE_ORDER and n != NO_GRADE)
    return known + rest + ([NO_GRADE] if NO_GRADE in names else [])


def write_summary(reports: Iterable["FileReport"], out_path: str) -> SummaryStats:
    """Stream the reports into the summary workbook at ``out_path`` (atomically); returns the counts written."""
    from ..atomic import open_atomic

    iterator = iter(reports)
    try:
        with open_atomic(out_path) as fh:
            wb = new_workbook(fh, constant_memory=True)
            writer = _Writer(wb)
            for rep in iterator:
                writer.report(rep)
            writer.finish(wb)
            wb.close()
    except Exception:
        for _ in iterator:           # a producer feeding us from another thread must not block
            pass
        raise
    return writer.stats
