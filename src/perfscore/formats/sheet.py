"""The 自评表 as rows, laid out once for every exporter (xlsx, html, markdown, csv).

The layout is 财预〔2020〕10号 附1 (项目支出绩效自评表): header, 项目资金（万元）, 年度总体目标,
绩效指标 with 一级/二级 merged over their rows, 总分 and 等级. An empty 二级 group of the set
(``children: []``, printed "-" in the paper form) becomes a row of dashes. With ``compare``, the
declared scores stand beside the computed ones and each row carries its findings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable

from ..numbers import HUNDRED, exact, round_half_up
from ..model import SEP

if TYPE_CHECKING:
    from ..findings import Finding
    from ..model import FundLine, IndicatorSet
    from ..scoring import IndicatorScore, Scorecard

NONE = "—"                       # printed for "no such value" (the paper form's "-")
STATUS_WORD = {"scored": "已计分", "not_applicable": "不适用", "missing": "缺实际值", "invalid": "无效",
               "unrated": "未评定"}
# The 项目资金 rows of the official form, each found among the evaluation's fund lines by keyword.
FUND_ROWS = (("其中：当年财政拨款", ("财政拨款",)), ("上年结转资金", ("上年结转", "结转")), ("其他资金", ("其他",)))
TOTAL_CODES = {"PS102", "PS202"}  # findings about the 总分 row when they name no indicator
GRADE_CODES = {"PS207"}


@dataclass
class FundRow:
    label: str
    initial: Decimal | None
    annual: Decimal | None
    executed: Decimal | None
    weight: Decimal | None            # only 年度资金总额 carries the 分值 (the set's)
    rate: Decimal | None              # 执行率 %, recomputed, rounded to 0.01 (a line without 全年预算数: as declared)
    score: Decimal | None
    declared: Decimal | None = None   # 得分 as the evaluation declares it
    declared_rate: Decimal | None = None
    declared_weight: Decimal | None = None
    line: int | None = None           # index in ``funds.lines``; None: 年度资金总额 or an empty 附1 row
    findings: list["Finding"] = field(default_factory=list)


@dataclass
class Row:
    path: tuple[str, ...]
    level1: str
    level2: str
    level3: str
    target: str | None
    actual: str | None
    weight: Decimal | None
    score: Decimal | None
    declared: Decimal | None
    deviation: str | None
    status: str                        # scored / not_applicable / missing / invalid / empty
    explanation: str
    no: int | None = None              # the printed number (指标 3：…)
    criteria: str | None = None        # 评分标准 as written in the set
    span1: int = 0                     # rows the 一级 cell covers, on the first row of its group
    span2: int = 0                     # rows the 二级 cell covers, on the first row of its group
    findings: list["Finding"] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.status == "empty"


@dataclass
class Sheet:
    title: str
    year: int
    kind: str
    project: str
    department: str
    implementer: str | None
    file: str | None
    funds: list[FundRow]
    funds_deviation: str | None
    goals_expected: str | None
    goals_actual: str | None
    rows: list[Row]
    weight_total: Decimal
    total: Decimal
    grade: str | None
    declared_weight_total: Decimal | None
    declared_total: Decimal | None
    declared_grade: str | None
    rescaled_from: Decimal | None
    compare: bool
    findings: list["Finding"]          # every finding of this evaluation (compare only)
    total_findings: list["Finding"] = field(default_factory=list)
    grade_findings: list["Finding"] = field(default_factory=list)

    @property
    def criteria(self) -> bool:
        """Does any indicator have a 评分标准 (the form then has a column for it)?"""
        return any(r.criteria for r in self.rows)


def _rate(executed: Decimal | None, annual: Decimal | None) -> Decimal | None:
    if executed is None or annual is None or annual == 0:
        return None
    with exact():
        return round_half_up(executed / annual * HUNDRED)


def _funds(card: "Scorecard") -> list[FundRow]:
    ev, b = card.evaluation, card.budget
    funds = ev.funds
    if funds is None and b is None:
        return []
    rate = round_half_up(b.rate) if b is not None and b.rate is not None else None
    head = FundRow("年度资金总额", funds.initial if funds else None, funds.annual if funds else None,
                   funds.executed if funds else None, b.weight if b else None, rate,
                   b.score if b else None, ev.budget.score, ev.budget.rate, ev.budget.weight)
    out = [head]
    lines = list(enumerate(funds.lines)) if funds else []

    def row(i: int, x: "FundLine") -> FundRow:
        computed = _rate(x.executed, x.annual) if x.annual else x.rate
        return FundRow(x.name, x.initial, x.annual, x.executed, None, computed, None, x.score, x.rate, line=i)

    for label, words in FUND_ROWS:
        found = next(((i, x) for i, x in lines if any(w in x.name for w in words)), None)
        if found is None:
            out.append(FundRow(label, None, None, None, None, None, None))
            continue
        lines.remove(found)
        out.append(row(*found))
    out += [row(i, x) for i, x in lines]
    return out


def _cells(path: tuple[str, ...], empty: bool) -> tuple[str, str, str]:
    """一级, 二级, 三级 texts of a row; deeper levels (要点) join the 三级 cell with " > "."""
    if len(path) >= 3:
        return path[0], path[1], SEP.join(path[2:])
    if empty:                        # an empty 一级 or 二级 group
        return path[0], path[1] if len(path) == 2 else NONE, NONE
    return path[0], NONE, path[-1]   # a leaf straight under its 一级


def _rows(card: "Scorecard") -> list[Row]:
    by_path: dict[tuple[str, ...], "IndicatorScore"] = {i.path: i for i in card.indicators}
    rows: list[Row] = []
    for path, node in card.indicator_set.walk():
        if not node.is_leaf:
            continue
        item = by_path.get(path)
        if item is None:             # an empty group: the paper form's row of "-"
            rows.append(Row(path, *_cells(path, True), None, None, None, None, None, None, "empty", ""))
            continue
        r = item.result
        rows.append(Row(path, *_cells(path, False), item.target, item.actual, item.weight, item.score,
                        item.declared_score, r.deviation if r is not None else None, item.status, item.explanation,
                        node.no, node.criteria))
    _spans(rows)
    return rows


def _group(row: Row, depth: int) -> tuple[str, ...] | None:
    """The 一级 (depth 1) or 二级 (depth 2) group a row belongs to; None: a cell of its own."""
    if depth == 1:
        return row.path[:1]
    if len(row.path) >= 3 or (row.empty and len(row.path) == 2):
        return row.path[:2]
    return None


def _spans(rows: list[Row]) -> None:
    """How many consecutive rows each 一级 and 二级 cell covers (document order keeps groups together)."""
    for depth, attr in ((1, "span1"), (2, "span2")):
        i = 0
        while i < len(rows):
            key = _group(rows[i], depth)
            j = i + 1
            while key is not None and j < len(rows) and _group(rows[j], depth) == key:
                j += 1
            setattr(rows[i], attr, j - i)
            i = j


def build(card: "Scorecard", findings: Iterable["Finding"] | None = None, compare: bool = False) -> Sheet:
    ev = card.evaluation
    found = list(findings) if findings is not None else []
    sheet = Sheet(
        title=f"项目支出绩效{ev.kind}表（{ev.year}年度）", year=ev.year, kind=ev.kind, project=ev.project,
        department=ev.department, implementer=ev.implementer, file=ev.path, funds=_funds(card),
        funds_deviation=ev.funds.deviation if ev.funds else None,
        goals_expected=ev.goals.get("expected"), goals_actual=ev.goals.get("actual"), rows=_rows(card),
        weight_total=card.weight_total, total=card.total, grade=_grade(card),
        declared_weight_total=ev.declared.weight_total, declared_total=ev.declared.total,
        declared_grade=ev.declared.grade, rescaled_from=card.rescaled_from, compare=compare, findings=found)
    _place(sheet, card)
    return sheet


def _place(sheet: Sheet, card: "Scorecard") -> None:
    """Hang each finding on the row it is about: an indicator, the 预算执行率 row, 总分 or 等级."""
    rows = {SEP.join(r.path): r for r in sheet.rows}
    budget = card.budget.name if card.budget is not None else None
    for f in sheet.findings:
        if f.indicator is not None and f.indicator in rows:
            rows[f.indicator].findings.append(f)
        elif f.indicator is not None and f.indicator == budget and sheet.funds:
            sheet.funds[0].findings.append(f)
        elif f.code in GRADE_CODES:
            sheet.grade_findings.append(f)
        elif f.code in TOTAL_CODES or f.indicator is None:
            sheet.total_findings.append(f)


def finding_text(findings: Iterable["Finding"]) -> str:
    """One line per finding, by code: ``PS203 警告：message``."""
    from ..findings import SEVERITY_WORD

    ordered = sorted(findings, key=lambda f: (f.code, f.message))
    return "\n".join(f"{f.code} {SEVERITY_WORD[f.severity]}：{f.message}" for f in ordered)


def display_path(path: str | None) -> str:
    """A file as a reader wants it: relative to the working directory when it lies below it."""
    if not path:
        return ""
    import os

    if os.path.isabs(path):
        rel = os.path.relpath(path)
        return path if rel.startswith("..") else rel
    return path


def location(f: "Finding") -> str:
    """``file:line:col`` of a finding (line/column only when known)."""
    where = display_path(f.file)
    if f.line is not None:
        where += f":{f.line}:{f.column or 1}"
    return where


# --------------------------------------------------------------------------- the record

RECORD_SHEET = "perfscore"               # the hidden sheet of an xlsx export
RECORD_FORMAT = "perfscore-record/1"     # its A1, so the importer knows it
# What the plain export prints as perfscore recomputed it: the record leaves the declared values
# out, so importing a plain export takes the printed (recomputed) ones as declared.
def _grade(card: Scorecard) -> str | None:
    """The grade of a complete scorecard; of an incomplete one only as 暂定, beside what is missing."""
    if card.complete or card.grade is None:
        return card.grade
    return f"{card.grade}（暂定，{card.incomplete_text()}）"


_PLAIN_RECOMPUTED = {"declared": ("weight_total", "total", "grade")}


def record(card: "Scorecard", sheet: Sheet, sheet_name: str) -> dict[str, Any]:
    """The set and the evaluation as written, for the hidden sheet of an xlsx export.

    ``set`` is the set file's own data (not merged with its framework), ``evaluation`` the
    evaluation's fields as given. ``computed`` lists the cells of a ``compare`` export that
    show perfscore's value because the evaluation declares none there (the 分值 and 执行率 of
    年度资金总额, a fund line's 执行率, the 总分 row's 分值): unchanged, they import as "not
    declared". A plain export leaves out every declared value its form prints recomputed.
    """
    ev = card.evaluation.model_dump(mode="python", exclude_unset=True)
    computed: dict[str, Any] = {}
    if sheet.compare:
        for f in sheet.funds:
            if f is sheet.funds[0]:
                if f.declared_weight is None and f.weight is not None:
                    computed["budget.weight"] = f.weight
                if f.declared_rate is None and f.rate is not None:
                    computed["budget.rate"] = f.rate
            elif f.line is not None and f.declared_rate is None and f.rate is not None:
                computed[f"funds.lines.{f.line}.rate"] = f.rate
        if sheet.declared_weight_total is None:
            computed["declared.weight_total"] = sheet.weight_total
    else:
        for r in ev.get("results", {}).values():
            r.pop("score", None)
        for key in _PLAIN_RECOMPUTED["declared"]:
            ev.get("declared", {}).pop(key, None)
        ev.pop("budget", None)
        for line in ev.get("funds", {}).get("lines", []):
            line.pop("rate", None)
            line.pop("score", None)
    out: dict[str, Any] = {"sheet": sheet_name, "mode": "compare" if sheet.compare else "plain",
                           "set": _set_data(card.indicator_set), "evaluation": ev}
    if computed:
        out["computed"] = computed
    return out


def _set_data(iset: "IndicatorSet") -> dict[str, Any]:
    """The set file's data as written (extends unresolved); from the model when there is no file."""
    import os

    if iset.path and os.path.isfile(iset.path):
        from ..yamlio import read_text, read_yaml

        data = read_yaml(iset.path, read_text(iset.path))
        if isinstance(data, dict):
            return dict(data)
    data = iset.model_dump(mode="python", exclude_unset=True)

    def texts(nodes: list[dict[str, Any]]) -> None:
        for n in nodes:
            if isinstance(n.get("target"), dict):
                n["target"] = n["target"].get("text")
            texts(n.get("children", []))
    texts(data.get("indicators", []))
    return data
