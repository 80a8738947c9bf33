"""The 自评表 as Markdown: the form's blocks as pipe tables, 一级/二级 written once per group.

Cell text is cleaned (:func:`.safe.printable`) and escaped: ``|`` → ``\\|``, ``\\`` doubled, ``<``/``>``
as entities, line breaks as ``<br>``, so no value can break a table or inject markup.
"""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Iterable

from ..findings import SEVERITY_WORD
from ..numbers import differs
from .safe import printable, plain_number
from .sheet import NONE, STATUS_WORD, Sheet, build, location

if TYPE_CHECKING:
    from ..findings import Finding
    from ..scoring import Scorecard


def escape(value: object) -> str:
    """One table cell: numbers as plain decimals, text escaped for a pipe table."""
    if isinstance(value, Decimal):
        return plain_number(value)
    text = printable(value)
    for raw, safe in (("\\", "\\\\"), ("|", "\\|"), ("<", "&lt;"), (">", "&gt;"), ("`", "\\`")):
        text = text.replace(raw, safe)
    return text.replace("\n", "<br>")


def table(header: list[str], rows: Iterable[list[object]]) -> list[str]:
    out = ["| " + " | ".join(escape(h) for h in header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(escape(c) for c in row) + " |" for row in rows]
    return out


def _or_none(value: object) -> object:
    return NONE if value is None else value


def _flag(declared: Decimal | None, computed: Decimal | None, text: object) -> object:
    """A differing score is marked so it stands out in plain text as well as rendered."""
    return f"**{escape(text)}** ⚠" if differs(declared, computed) else text


def render(card: "Scorecard", findings: Iterable["Finding"] | None = None, compare: bool = False,
           explain: bool = False) -> str:
    s = build(card, findings, compare)
    lines = [f"# {escape(s.title)}", "",
             f"- 项目名称：{escape(s.project)}",
             f"- 主管部门：{escape(s.department)}",
             f"- 实施单位：{escape(s.implementer or NONE)}", ""]
    lines += _funds(s) + _goals(s) + _indicators(s, explain) + _totals(s)
    if compare:
        lines += ["", "## 问题清单", ""]
        lines += table(["代码", "严重程度", "位置", "指标", "说明"],
                       ([f.code, SEVERITY_WORD[f.severity], location(f), f.indicator or "", f.message]
                        for f in s.findings)) if s.findings else ["未发现问题。"]
    return "\n".join(lines) + "\n"


def _funds(s: Sheet) -> list[str]:
    if not s.funds:
        return []
    scores = ["申报得分", "复核得分"] if s.compare else ["得分"]
    rows = []
    for n, f in enumerate(s.funds):
        score = _or_none(f.score) if n == 0 else NONE
        rows.append([f.label, _or_none(f.initial), _or_none(f.annual), _or_none(f.executed), _or_none(f.weight),
                     _or_none(f.rate)] + ([_or_none(f.declared), _flag(f.declared, f.score, score)] if s.compare
                                          else [score]))
    out = ["## 项目资金（万元）", ""]
    out += table(["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率（%）", *scores], rows)
    return out + ["", f"偏差原因及整改措施：{escape(s.funds_deviation or NONE)}", ""]


def _goals(s: Sheet) -> list[str]:
    return ["## 年度总体目标", ""] + table(["预期目标", "实际完成情况"],
                                           [[s.goals_expected or NONE, s.goals_actual or NONE]]) + [""]


def _indicators(s: Sheet, explain: bool) -> list[str]:
    scores = ["申报得分", "复核得分"] if s.compare else ["得分"]
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", *scores, "偏差原因分析及改进措施"]
    if explain:
        header.append("计分说明")
    rows = []
    for r in s.rows:
        computed: object = r.score if r.score is not None else (STATUS_WORD.get(r.status, NONE))
        if r.empty:
            computed = NONE
        score_cells = [_or_none(r.declared) if not r.empty else NONE, _flag(r.declared, r.score, computed)] \
            if s.compare else [computed]
        row = [r.level1 if r.span1 else "", r.level2 if r.span2 else "", r.level3, _or_none(r.target),
               _or_none(r.actual), _or_none(r.weight), *score_cells, r.deviation or ""]
        if explain:
            row.append(r.explanation)
        rows.append(row)
    return ["## 绩效指标", ""] + table(header, rows)


def _totals(s: Sheet) -> list[str]:
    out = ["", f"**总分**：{escape(s.total)}（分值合计{escape(s.weight_total)}）"]
    if s.compare:
        out[-1] += f"　申报总分：{escape(_or_none(s.declared_total))}"
    out += ["", f"**评价等级**：{escape(s.grade or NONE)}"]
    if s.compare:
        out[-1] += f"　申报等级：{escape(s.declared_grade or NONE)}"
    if s.rescaled_from is not None:
        out += ["", f"有不适用指标，按分值折算，折算前{escape(s.rescaled_from)}"]
    return out
