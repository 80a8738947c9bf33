"""The 自评表 in the terminal: CJK-aligned columns, computed and declared side by side."""
from __future__ import annotations

from wcwidth import wcswidth

from ..numbers import fmt, round_half_up
from ..scoring import Scorecard
from .sheet import NONE, build

STATUS = {"scored": "", "not_applicable": "不适用", "missing": "缺实际值", "invalid": "无效", "unrated": "未评定"}


def width(text: str) -> int:
    w = wcswidth(text)
    return w if w >= 0 else len(text)


def pad(text: str, size: int, right: bool = False) -> str:
    gap = " " * max(size - width(text), 0)
    return gap + text if right else text + gap


def grid(rows: list[list[str]], numeric: set[int]) -> list[str]:
    sizes = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        out.append("  ".join(pad(c, sizes[i], i in numeric) for i, c in enumerate(row)).rstrip())
        if n == 0:
            out.append("  ".join("─" * s for s in sizes))
    return out


def render(card: Scorecard, explain: bool = False) -> str:
    ev = card.evaluation
    lines = [f"项目支出绩效{ev.kind}表（{ev.year}年度）",
             f"项目名称：{ev.project}",
             f"主管部门：{ev.department}    实施单位：{ev.implementer or '—'}",
             f"指标体系：{ev.indicator_set}", ""]
    b = card.budget
    if b is not None:
        rate = f"{fmt(round_half_up(b.rate))}%" if b.rate is not None else "—"
        rows = [["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "申报得分"],
                ["年度资金总额", fmt(b.initial) or "—", fmt(b.annual) or "—", fmt(b.executed) or "—",
                 fmt(b.weight) or "", rate, fmt(b.score) or STATUS[b.status], fmt(b.declared_score) or ""]]
        lines += grid(rows, {1, 2, 3, 4, 5, 6, 7})
        if explain:
            lines.append(f"  ↳ {b.explanation}")
        lines.append("")
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "申报得分", "状态"]
    rows = [header]
    notes = []
    last = ("", "")
    for row in build(card).rows:           # the form's rows: every leaf, and "—" for an empty group
        shown = (row.level1 if row.level1 != last[0] else "",
                 row.level2 if (row.level1, row.level2) != last else "")
        last = (row.level1, row.level2)
        if row.empty:
            rows.append([*shown, row.level3, NONE, NONE, NONE, NONE, NONE, ""])
            continue
        rows.append([*shown, row.level3, row.target or "", row.actual or "", fmt(row.weight) or "",
                     fmt(row.score) or "", fmt(row.declared) or "", STATUS[row.status]])
        if explain or row.status in ("invalid", "missing", "unrated"):
            notes.append((len(rows) - 1, row.explanation))
    table = grid(rows, {5, 6, 7})
    note_at = dict(notes)
    for i, line in enumerate(table):
        lines.append(line)
        at = i - 1 if i > 1 else None          # table line i > 1 is row i − 1 (after header and rule)
        if at is not None and at in note_at:
            lines.append(f"  ↳ {note_at[at]}")
    declared = card.evaluation.declared
    incomplete = card.incomplete_text()
    grade = card.grade or "—"
    if incomplete:                     # a partial sum is no verdict: the grade is withheld
        grade = f"暂不评定（按已计分各项为{card.grade}，仅供参考）" if card.grade else "暂不评定"
    lines += ["", f"总分：{fmt(card.total)}（分值合计{fmt(card.weight_total)}）"
              + (f"    {incomplete}" if incomplete else "")
              + (f"    申报总分：{fmt(declared.total)}" if declared.total is not None else ""),
              f"等级：{grade}" + (f"    申报等级：{declared.grade}" if declared.grade else "")]
    if card.rescaled_from is not None:
        lines.append(f"（有不适用指标，按{fmt(card.indicator_set.total)}分折算，折算前{fmt(card.rescaled_from)}）")
    return "\n".join(lines) + "\n"
