"""Import an Excel 自评表 (财预〔2020〕10号 附1 layout and its common variants) into YAML.

Each project sheet of the workbook becomes an indicator set (extending ``mof-2020-self``
unless told otherwise) and an evaluation, with the declared values exactly as printed,
plus a ``.cells.json`` sidecar per file that maps YAML key paths back to workbook cells
(:mod:`perfscore.cells`). The sheet is read by its labels, not by fixed
positions: 项目名称, 主管部门, 实施单位, the 项目资金 block (年初预算数 … 得分), 年度总体目标,
the indicator table (一级指标 / 二级指标 / 三级指标 / 年度指标值 / 实际完成值 / 分值 / 得分 /
偏差原因), the 总计 row and the grade. Merged cells count for every cell they cover, and an
empty 一级/二级 cell repeats the one above.

A cell it cannot understand is a finding (PS401) located as ``file.xlsx!Sheet!C12``; the
import carries on and writes everything else.

perfscore's own xlsx export also carries a hidden sheet ``perfscore`` with the set and the
evaluation as written; the form's reading is then completed from it
(:mod:`perfscore.authoring.reconcile`): the form wins where it shows a value, the record gives
what the form has no place for, so import(export(x)) gives x back.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable

from ..checks.imports import unreadable_cell    # PS401: a workbook cell perfscore could not read
from ..errors import PerfscoreError
from ..findings import Finding
from ..numbers import parse_decimal
from ..targets import parse_target
from .xlsxread import Cell, Sheet, Workbook

DEFAULT_EXTENDS = "mof-2020-self"
EMPTY = {"-", "—", "－", "–", "/", "无", "——"}
_PREFIX_RE = re.compile(r"^\s*指标\s*[:：]?\s*(\d+)\s*[:：．.、]\s*")
_YEAR_RE = re.compile(r"(\d{4})\s*年度?")
_NEWLINE_RE = re.compile(r"\s*\n\s*")
_CJK = r"\u3400-\u9fff（）()%％"

Keys = list[str | int]
_FUND_WORDS = {"initial": "年初预算数", "annual": "全年预算数", "executed": "全年执行数", "weight": "分值",
               "rate": "执行率", "score": "得分"}


def norm(text: str) -> str:
    """A label for matching: no whitespace, ASCII parentheses and colons."""
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")").replace("：", ":")


def clean(text: str) -> str:
    """A cell's text as a value: trimmed, line breaks of a wrapped cell removed between CJK."""
    text = text.strip()
    if "\n" not in text:
        return text
    return _NEWLINE_RE.sub(
        lambda m: "" if _joins_cjk(text, m.start(), m.end()) else " ", text)


def _joins_cjk(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return bool(re.match(f"[{_CJK}]", before) or re.match(f"[{_CJK}]", after))


@dataclass
class Document:
    """One YAML document to write: its data (for checking), its text lines' source, its cells."""

    data: dict[str, Any]
    cells: list[tuple[Keys, str]] = field(default_factory=list)
    comments: dict[tuple[Any, ...], str] = field(default_factory=dict)   # keys → note about an unread cell


@dataclass
class Imported:
    """What one project sheet gave: the set, the evaluation, and what could not be read."""

    sheet: str
    set: Document
    evaluation: Document
    findings: list[Finding]
    name: str                       # file stem: 项目-自评
    recorded: bool = False          # completed from the hidden record of a perfscore export


@dataclass
class _Leaf:
    name: str
    no: int | None
    row: int
    cells: dict[str, Cell | None]
    values: dict[str, Any]


class SheetReader:
    """Reads one sheet; collects data, cell locations and findings as it goes."""

    def __init__(self, book_label: str, sheet: Sheet, extends: str | None, year: int | None,
                 record: dict[str, Any] | None = None) -> None:
        self.book = book_label
        self.record = record
        self.result_paths: dict[str, tuple[str, ...]] = {}
        self.criteria_column = False
        self.sheet = sheet
        self.extends = extends
        self.year_override = year
        self.findings: list[Finding] = []
        self.set_cells: list[tuple[Keys, str]] = []
        self.ev_cells: list[tuple[Keys, str]] = []
        self.notes_set: dict[tuple[Any, ...], str] = {}
        self.notes_ev: dict[tuple[Any, ...], str] = {}

    # ----------------------------------------------------------------- helpers

    def where(self, cell: Cell | tuple[int, int]) -> str:
        row, col = (cell.row, cell.col) if isinstance(cell, Cell) else cell
        from .xlsxread import ref

        return f"{self.book}!{self.sheet.name}!{ref(row, col)}"

    def finding(self, at: Cell | tuple[int, int], message: str, indicator: str | None = None,
                severity: str = "warning") -> None:
        self.findings.append(unreadable_cell(self.where(at), message, indicator, severity))  # type: ignore[arg-type]

    def labels(self, predicate: Callable[[str], bool]) -> list[Cell]:
        out = []
        for (r, c), cell in sorted(self.sheet.cells.items()):
            if predicate(norm(cell.text)):
                out.append(cell)
        return out

    def label(self, predicate: Callable[[str], bool]) -> Cell | None:
        found = self.labels(predicate)
        return found[0] if found else None

    def right_of(self, cell: Cell, stop: frozenset[str] | set[str] = frozenset()) -> Cell | None:
        """The first filled cell right of a label (past the label's own merged range)."""
        for col in range(cell.col + 1, self.sheet.max_col + 1):
            origin = self.sheet.origin(cell.row, col)
            if origin == (cell.row, cell.col):
                continue
            other = self.sheet.cells.get(origin)
            if other is None or not other.text.strip():
                continue
            if norm(other.text) in stop:
                return None
            return other
        return None

    def number(self, cell: Cell | None, what: str, indicator: str | None = None,
               severity: str = "warning") -> Decimal | None:
        """The Decimal of a number cell, of text like ``1,912``; None for empty or "-"."""
        if cell is None:
            return None
        text = cell.text.strip()
        if not text or text in EMPTY:
            return None
        if cell.number is not None:
            return cell.number
        if cell.formula is not None:
            self.finding(cell, f"{what}是公式“{text}”，没有保存计算结果（请在 Excel 中打开并保存后再导入），未导入",
                         indicator, severity)
            return None
        try:
            return parse_decimal(text.removesuffix("%").removesuffix("％"))
        except ValueError:
            self.finding(cell, f"{what}应为数字，实为“{text}”，未导入", indicator, severity)
            return None

    # ----------------------------------------------------------------- header

    def header(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        stop = {"项目名称", "主管部门", "实施单位", "项目单位"}
        for key, names in (("project", ("项目名称",)), ("department", ("主管部门",)),
                           ("implementer", ("实施单位", "项目单位"))):
            label = self.label(lambda t, names=names: t.rstrip(":") in names)  # type: ignore[misc]
            value = self.right_of(label, stop) if label is not None else None
            if value is not None:
                out[key] = clean(value.text)
                self.ev_cells.append(([key], value.ref))
            elif label is not None:
                self.finding(label, f"“{clean(label.text)}”后没有填写内容")
        title = None
        for cell in sorted(self.sheet.cells.values(), key=lambda c: (c.row, c.col)):
            if cell.row > 6:
                break
            m = _YEAR_RE.search(cell.text)
            if m and ("年度" in cell.text or "自评表" in cell.text or "评价" in cell.text):
                title = cell
                break
        if self.year_override is not None:
            out["year"] = self.year_override
        elif title is not None:
            m = _YEAR_RE.search(title.text)
            assert m
            out["year"] = int(m.group(1))
            self.ev_cells.append((["year"], title.ref))
        else:
            self.finding((1, 1), "未找到年度（如“(2024年度)”），请用 --year 指定")
        text = " ".join(c.text for c in self.sheet.cells.values() if c.row <= 6)
        out["kind"] = "部门评价" if "部门评价" in text else "财政评价" if "财政评价" in text else "自评"
        return out

    # ----------------------------------------------------------------- funds

    def funds(self, ev: dict[str, Any]) -> None:
        head = self.label(lambda t: t == "年初预算数")
        if head is None:
            return
        cols: dict[str, int] = {}
        for col in range(1, self.sheet.max_col + 1):
            t = norm(self.sheet.text(head.row, col))
            for key, test in (("initial", t == "年初预算数"), ("annual", t == "全年预算数"),
                              ("executed", t == "全年执行数"), ("weight", t == "分值"),
                              ("rate", t.startswith("执行率")), ("score", t in ("得分", "申报得分"))):
                if test and key not in cols and self.sheet.origin(head.row, col)[1] == col:
                    cols[key] = col
        funds: dict[str, Any] = {}
        budget: dict[str, Any] = {}
        lines: list[dict[str, Any]] = []
        seen_total = False
        for row in range(head.row + 1, self.sheet.max_row + 1):
            left = [c for c in (self.sheet.get(row, col) for col in range(1, head.col)) if c is not None and c.text.strip()]
            if any(norm(c.text).startswith(("偏差原因", "年度总体目标", "绩效目标", "绩效指标")) for c in left):
                break
            names = [c for c in left if not norm(c.text).startswith("项目资金")]
            if not names:
                break
            label_cell = names[-1]
            label = clean(label_cell.text)
            cells = {k: self.sheet.get(row, c) for k, c in cols.items()}
            values = {k: self.number(cells[k], f"“{label}”的{_FUND_WORDS[k]}") for k in cols}
            if not seen_total:
                seen_total = True
                if "总额" not in label and "合计" not in label:
                    self.finding(label_cell, f"项目资金首行应为“年度资金总额”，实为“{label}”")
                for key in ("initial", "annual", "executed"):
                    if values.get(key) is not None:
                        funds[key] = values[key]
                        self.ev_cells.append((["funds", key], cells[key].ref))  # type: ignore[union-attr]
                for key in ("weight", "rate", "score"):
                    if values.get(key) is not None:
                        budget[key] = values[key]
                        self.ev_cells.append((["budget", key], cells[key].ref))  # type: ignore[union-attr]
                        if key == "weight":
                            self.set_cells.append((["budget", "weight"], cells[key].ref))  # type: ignore[union-attr]
                continue
            if all(v is None for v in values.values()):
                continue        # a row of the printed form with nothing in it (上年结转资金 — — —)
            line: dict[str, Any] = {"name": label}
            index = len(lines)
            self.ev_cells.append((["funds", "lines", index], label_cell.ref))
            for key in ("initial", "annual", "executed", "rate", "score"):
                if values.get(key) is not None:
                    line[key] = values[key]
                    self.ev_cells.append((["funds", "lines", index, key], cells[key].ref))  # type: ignore[union-attr]
            lines.append(line)
        funds = {k: v for k, v in funds.items() if v is not None}
        if lines:
            funds["lines"] = lines
        deviation = self.label(lambda t: t.startswith("偏差原因及整改措施"))
        if deviation is not None:
            value = self.right_of(deviation)
            if value is not None:
                funds["deviation"] = clean(value.text)
                self.ev_cells.append((["funds", "deviation"], value.ref))
        if funds:
            ev["funds"] = funds
            self.ev_cells.append((["funds"], head.ref))
        if budget:
            ev["budget"] = budget

    # ----------------------------------------------------------------- goals

    def goals(self, ev: dict[str, Any]) -> None:
        goals: dict[str, str] = {}
        for key, test in (("expected", lambda t: t == "预期目标"),
                          ("actual", lambda t: t in ("实际完成情况", "完成实际情况", "实际完成"))):
            label = self.label(test)
            if label is None:
                continue
            below = self.sheet.get(label.row + 1, label.col)
            if below is not None and below.text.strip() and (below.row, below.col) != (label.row, label.col):
                goals[key] = clean(below.text)
                self.ev_cells.append((["goals", key], below.ref))
        if goals:
            ev["goals"] = goals

    # ----------------------------------------------------------------- indicator table

    def table(self, st: dict[str, Any], ev: dict[str, Any]) -> bool:
        head = self.label(lambda t: t == "三级指标")
        if head is None:
            return False
        row = head.row
        cols: dict[str, int] = {}
        for col in range(1, self.sheet.max_col + 1):
            if self.sheet.origin(row, col)[1] != col:
                continue
            t = norm(self.sheet.text(row, col))
            for key, test in (("l1", t == "一级指标"), ("l2", t == "二级指标"), ("l3", t == "三级指标"),
                              ("target", t.startswith("年度指标")), ("actual", t.startswith("实际完成")),
                              ("weight", t in ("分值", "权重", "指标分值")), ("score", t in ("得分", "评分", "申报得分")),
                              ("deviation", "偏差原因" in t), ("criteria", t in ("评分标准", "指标说明", "评分细则"))):
                if test and key not in cols:
                    cols[key] = col
        self.criteria_column = "criteria" in cols
        for need in ("l1", "l2", "weight"):
            if need not in cols:
                word = {"l1": "一级指标", "l2": "二级指标", "weight": "分值"}[need]
                self.finding(head, f"指标表缺少“{word}”列", severity="error")
                return True
        groups: dict[str, dict[str, list[_Leaf]]] = {}
        group_cells: dict[tuple[str, ...], str] = {}
        l1 = l2 = ""
        total_row = None
        for r in range(row + 1, self.sheet.max_row + 1):
            lead = [norm(self.sheet.text(r, c)) for c in range(1, cols["l3"] + 1)]
            if any(t in ("总计", "合计", "总分") for t in lead):
                total_row = r
                break
            cells = {k: self.sheet.get(r, c) for k, c in cols.items()}
            texts = {k: clean(c.text) if c is not None else "" for k, c in cells.items()}
            if not any(texts[k] for k in cols if k not in ("l1", "l2")):
                continue
            new_l1 = texts["l1"] or l1
            if new_l1 != l1:
                l2 = ""
            l1, l2 = new_l1, texts["l2"] or l2
            if not l1 or not l2:
                self.finding(cells["l3"] or (r, cols["l3"]), "此行缺少一级或二级指标名称，未导入", severity="error")
                continue
            if (l1,) not in group_cells and cells["l1"] is not None:
                group_cells[(l1,)] = cells["l1"].ref
            if (l1, l2) not in group_cells and cells["l2"] is not None:
                group_cells[(l1, l2)] = cells["l2"].ref
            leaves = groups.setdefault(l1, {}).setdefault(l2, [])
            name3 = texts["l3"]
            if not name3 or name3 in EMPTY:
                rest = [texts[k] for k in ("target", "actual", "weight", "score") if k in cols and texts[k]]
                if any(t not in EMPTY for t in rest):
                    self.finding(cells["l3"] or (r, cols["l3"]), "三级指标名称为空，但此行填了数值；未导入",
                                 f"{l1} > {l2}")
                continue
            m = _PREFIX_RE.match(name3)
            no = int(m.group(1)) if m else None
            name = name3[m.end():].strip() if m else name3
            if not name:
                self.finding(cells["l3"] or (r, cols["l3"]), f"“{name3}”只有编号，没有指标名称；未导入", f"{l1} > {l2}", "error")
                continue
            leaves.append(_Leaf(name, no, r, cells, {}))
        self._write_tree(st, ev, groups, group_cells)
        if total_row is not None:
            self._totals(st, ev, total_row, cols)
        else:
            self.finding(head, "未找到“总计”行：没有申报总分")
        return True

    def _write_tree(self, st: dict[str, Any], ev: dict[str, Any], groups: dict[str, dict[str, list[_Leaf]]],
                    group_cells: dict[tuple[str, ...], str]) -> None:
        names: dict[str, int] = {}
        for g in groups.values():
            for leaves in g.values():
                for leaf in leaves:
                    names[leaf.name] = names.get(leaf.name, 0) + 1
        indicators: list[dict[str, Any]] = []
        results: dict[str, Any] = {}
        for i, (l1, g) in enumerate(groups.items()):
            node1: dict[str, Any] = {"name": l1, "children": []}
            indicators.append(node1)
            self.set_cells.append((["indicators", i], group_cells.get((l1,), "")))
            for j, (l2, leaves) in enumerate(g.items()):
                node2: dict[str, Any] = {"name": l2, "children": []}
                node1["children"].append(node2)
                base: Keys = ["indicators", i, "children", j]
                self.set_cells.append((base, group_cells.get((l1, l2), "")))
                for k, leaf in enumerate(leaves):
                    keys: Keys = [*base, "children", k]
                    path = f"{l1} > {l2} > {leaf.name}"
                    key = leaf.name if names[leaf.name] == 1 else f"{l2} > {leaf.name}"
                    node2["children"].append(self._leaf(leaf, keys, path))
                    results[key] = self._result(leaf, key, path)
                    self.result_paths[key] = (l1, l2, leaf.name)
        st["indicators"] = indicators
        if results:
            ev["results"] = results
        self.set_cells[:] = [(k, c) for k, c in self.set_cells if c]

    def _leaf(self, leaf: _Leaf, keys: Keys, path: str) -> dict[str, Any]:
        node: dict[str, Any] = {}
        if leaf.no is not None:
            node["no"] = leaf.no
        node["name"] = leaf.name
        c = leaf.cells
        self.set_cells.append((keys, c["l3"].ref))  # type: ignore[union-attr]
        self.set_cells.append(([*keys, "name"], c["l3"].ref))  # type: ignore[union-attr]
        tcell = c.get("target")
        ttext = clean(tcell.text) if tcell is not None else ""
        if ttext and ttext not in EMPTY:
            try:
                target = parse_target(ttext)
                node["target"] = ttext
                if target.value is not None and not target.unit and re.search(r"[(（]\s*[%％]\s*[)）]", leaf.name):
                    node["unit"] = "%"
                self.set_cells.append(([*keys, "target"], tcell.ref))  # type: ignore[union-attr]
            except ValueError as exc:
                self.finding(tcell, f"{exc}；未导入年度指标值", path)  # type: ignore[arg-type]
                self.notes_set[tuple(keys)] = f"原表年度指标值“{ttext}”无法识别（{self.where(tcell)}）"  # type: ignore[arg-type]
        weight = self.number(c.get("weight"), "分值", path, "error")
        if weight is None:
            wcell = c.get("weight")
            shown = clean(wcell.text) if wcell is not None else ""
            if not shown or shown in EMPTY:
                self.finding(wcell or (leaf.row, 1), "三级指标没有分值，按 0 分导入", path, "error")
            self.notes_set[tuple(keys)] = f"原表分值“{shown}”无法识别，按 0 导入"
            weight = Decimal(0)
        node["weight"] = weight
        if c.get("weight") is not None:
            self.set_cells.append(([*keys, "weight"], c["weight"].ref))  # type: ignore[union-attr]
        crit = c.get("criteria")
        if crit is not None and clean(crit.text) and clean(crit.text) not in EMPTY:
            node["criteria"] = clean(crit.text)
            self.set_cells.append(([*keys, "criteria"], crit.ref))
        return node

    def _result(self, leaf: _Leaf, key: str, path: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        c = leaf.cells
        keys: Keys = ["results", key]
        self.ev_cells.append((keys, c["l3"].ref))  # type: ignore[union-attr]
        acell = c.get("actual")
        if acell is not None and acell.text.strip() and acell.text.strip() not in EMPTY:
            if acell.number is not None:
                n = acell.number
                out["actual"] = int(n) if n == n.to_integral_value() and "." not in acell.text else n
            else:
                out["actual"] = clean(acell.text)
            self.ev_cells.append(([*keys, "actual"], acell.ref))
        scell = c.get("score")
        score = self.number(scell, "得分", path)
        if score is not None:
            out["score"] = score
            self.ev_cells.append(([*keys, "score"], scell.ref))  # type: ignore[union-attr]
        elif scell is not None and scell.text.strip() and scell.text.strip() not in EMPTY:
            self.notes_ev[tuple(keys)] = f"原表得分“{clean(scell.text)}”无法识别（{self.where(scell)}）"
        dcell = c.get("deviation")
        if dcell is not None and clean(dcell.text) and (dcell.row, dcell.col) == (leaf.row, dcell.col):
            out["deviation"] = clean(dcell.text)
            self.ev_cells.append(([*keys, "deviation"], dcell.ref))
        return out

    def _totals(self, st: dict[str, Any], ev: dict[str, Any], row: int, cols: dict[str, int]) -> None:
        declared: dict[str, Any] = {}
        label = next(c for c in (self.sheet.get(row, col) for col in range(1, cols["l3"] + 1))
                     if c is not None and norm(c.text) in ("总计", "合计", "总分"))
        self.ev_cells.append((["declared"], label.ref))
        wcell = self.sheet.get(row, cols["weight"])
        weight = self.number(wcell, "总计分值")
        if weight is not None:
            declared["weight_total"] = weight
            st["total"] = weight
            self.ev_cells.append((["declared", "weight_total"], wcell.ref))  # type: ignore[union-attr]
            self.set_cells.append((["total"], wcell.ref))  # type: ignore[union-attr]
        if "score" in cols:
            scell = self.sheet.get(row, cols["score"])
            total = self.number(scell, "总计得分")
            if total is not None:
                declared["total"] = total
                self.ev_cells.append((["declared", "total"], scell.ref))  # type: ignore[union-attr]
        grade = self.grade(cols.get("score"))
        if grade is not None:
            declared["grade"] = clean(grade.text).split(":")[-1].split("：")[-1].strip()
            self.ev_cells.append((["declared", "grade"], grade.ref))
        if declared:
            ev["declared"] = declared

    def grade(self, score_col: int | None) -> Cell | None:
        """The declared grade: in the 得分 (申报得分) column of the 等级 row when that column has
        one (a perfscore compare export puts the recomputed grade in 复核得分 beside it),
        else the first filled cell right of the label, or ``等级：优`` in one cell."""
        words = ("评价等级", "自评等级", "绩效等级", "等级", "评价结果", "自评结果", "评价结论")
        for cell in sorted(self.sheet.cells.values(), key=lambda c: (c.row, c.col)):
            t = norm(cell.text)
            for w in words:
                if t == w or t == w + ":":
                    if score_col is not None and score_col > cell.col and \
                            self.sheet.origin(cell.row, score_col) != (cell.row, cell.col):
                        found = self.sheet.get(cell.row, score_col)
                        if found is not None and found.text.strip():
                            return found
                        if any(self.sheet.get(cell.row, c) is not None for c in range(score_col + 1,
                                                                                       self.sheet.max_col + 1)):
                            return None     # the declared column is blank; what follows is not declared
                    return self.right_of(cell)
                if t.startswith(w + ":") and len(t) > len(w) + 1:
                    return cell
        return None

    # ----------------------------------------------------------------- the sheet

    def read(self) -> Imported | None:
        ev: dict[str, Any] = {}
        st: dict[str, Any] = {}
        header = self.header()
        project = header.get("project")
        st_probe: dict[str, Any] = {}
        ev_probe: dict[str, Any] = {}
        if not self.table(st_probe, ev_probe):
            return None
        if project is None:
            self.finding((1, 1), "未找到“项目名称”", severity="error")
            project = self.sheet.name
        year = header.get("year")
        kind = header["kind"]
        set_id = f"{year}-{project}-{kind}" if year else f"{project}-{kind}"
        st["indicator_set"] = set_id
        st["name"] = f"{project} 绩效{'自评' if kind == '自评' else kind}指标（{year}年度）" if year else project
        if self.extends:
            st["extends"] = self.extends
        st["source"] = f"{os.path.basename(self.book)}!{self.sheet.name}"
        if "total" in st_probe:
            st["total"] = st_probe.pop("total")
        st.update(st_probe)
        ev["project"] = project
        for key in ("department", "implementer", "year"):
            if key in header:
                ev[key] = header[key]
        if "department" not in ev:
            self.finding((1, 1), "未找到“主管部门”", severity="error")
        ev["kind"] = kind
        ev["indicator_set"] = set_id
        ev["source"] = st["source"]
        self.goals(ev)
        self.funds(ev)
        ev.update(ev_probe)
        origin = min(self.sheet.cells, default=(1, 1))
        from .xlsxread import ref

        self.set_cells.insert(0, ([], ref(*origin)))
        self.ev_cells.insert(0, ([], ref(*origin)))
        if self.record is not None:
            st, ev = self.reconcile(st, ev)
            set_id = str(ev.get("indicator_set", set_id))
            project = str(ev.get("project", project))
            kind = str(ev.get("kind", kind))
        return Imported(self.sheet.name, Document(st, self.set_cells, self.notes_set),
                        Document(ev, self.ev_cells, self.notes_ev), self.findings,
                        f"{project}-{kind}", self.record is not None)

    def reconcile(self, st: dict[str, Any], ev: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """Complete the form's reading from the hidden record of a perfscore export."""
        from .reconcile import Reconciler

        assert self.record is not None

        def notice(cell: str, message: str, indicator: str | None) -> None:
            self.findings.append(unreadable_cell(f"{self.book}!{self.sheet.name}!{cell}", message, indicator, "notice"))

        r = Reconciler(self.record, self.set_cells, self.ev_cells, self.result_paths, self.criteria_column, notice)
        return r.indicator_set(st), r.evaluation(ev)


def _is_record(sheet: Sheet) -> bool:
    from ..formats.sheet import RECORD_FORMAT, RECORD_SHEET

    return sheet.name.startswith(RECORD_SHEET) and sheet.text(1, 1).strip() == RECORD_FORMAT


def _records(book: Workbook, label: str) -> tuple[dict[str, dict[str, Any]], list[Finding]]:
    """The hidden records of a perfscore export, by the form sheet they belong to."""
    from .reconcile import read_record

    out: dict[str, dict[str, Any]] = {}
    problems: list[Finding] = []
    for sheet in book.sheets:
        if not _is_record(sheet):
            continue
        data, why = read_record(sheet, label)
        if data is None:
            problems.append(unreadable_cell(f"{label}!{sheet.name}!B3",
                                            f"{why}；只按可见的表导入（评分规则、佐证等表上没有位置的内容未导入）"))
        else:
            out[str(data.get("sheet", ""))] = data
    return out, problems


def read_workbook(path: str, extends: str | None = DEFAULT_EXTENDS, year: int | None = None,
                  label: str | None = None) -> tuple[list[Imported], list[Finding]]:
    """Every project sheet of a workbook, and the findings of sheets that are not 自评表."""
    book = Workbook(path)
    label = label or path
    out: list[Imported] = []
    skipped: list[Finding] = []
    records, skipped = _records(book, label)
    names = {s.name for s in book.sheets}
    if len(records) == 1 and not names & set(records):
        records = {"": next(iter(records.values()))}    # the form sheet was renamed: one record, it is its
    for sheet in book.sheets:
        if not sheet.cells or _is_record(sheet):
            continue
        reader = SheetReader(label, sheet, extends, year, records.get(sheet.name, records.get("")))
        got = reader.read()
        if got is None and norm(sheet.text(1, 1)) == "代码" and norm(sheet.text(1, 2)) == "严重程度":
            continue        # the 问题清单 sheet of a perfscore --compare export: findings, not data
        if got is None:
            skipped.append(unreadable_cell(f"{label}!{sheet.name}!A1", "此工作表不是自评表（未找到“三级指标”表头），已跳过",
                                           severity="notice"))
        else:
            out.append(got)
    if not out:
        raise PerfscoreError("工作簿中没有找到自评表（需有“一级指标 / 二级指标 / 三级指标”表头的工作表）", path)
    return out, skipped


# --------------------------------------------------------------------------- writing

@dataclass
class Written:
    files: list[str]
    projects: int
    findings: list[Finding]
    problems: list[str]            # the written files that do not load, as ``file:line:col: 说明``


def _framework_budget_weight(extends: str | None, near: str) -> Decimal | None:
    if not extends:
        return None
    from ..loading import find_set, load_set

    iset = load_set(find_set(extends, near))
    return iset.budget.weight if iset.budget is not None else None


def _header(kind: str, book: str, sheet: str, side: str) -> list[str]:
    return [f"# {kind}：由 perfscore import 从 {os.path.basename(book)} 工作表“{sheet}”导入，数值照录原表。",
            f"# 各值所在的单元格记在 {os.path.basename(side)}（perfscore check 据此把问题定位到单元格）。"]


def render(doc: Document, kind: str, book: str, sheet: str, yaml_path: str) -> str:
    """The YAML text of one imported document; verified to load back to its data."""
    from ..cells import sidecar_path
    from .schema import schema_comment
    from ..yamltext import check_round_trip, dump

    lines = []
    schema = schema_comment(yaml_path, "indicator_set" if kind == "指标体系" else "evaluation")
    if schema:
        lines.append(schema)
    lines += _header(kind, book, sheet, sidecar_path(yaml_path))
    body = dump(doc.data, {k: v for k, v in doc.comments.items()})
    text = "\n".join(lines) + "\n" + body
    check_round_trip(text, doc.data, yaml_path)
    return text


def write_import(workbook: str, out_dir: str = ".", extends: str | None = DEFAULT_EXTENDS,
                 year: int | None = None, force: bool = False) -> Written:
    """Import every project sheet of ``workbook`` into ``out_dir``/indicator_sets and /evaluations."""
    from ..atomic import write_atomic
    from ..cells import sidecar_path, write_sidecar

    imported, skipped = read_workbook(workbook, extends, year)
    framework_weight = _framework_budget_weight(extends, out_dir)
    plans: list[tuple[str, Document, str, Imported]] = []
    used: set[str] = set()
    for item in imported:
        stem = _safe_name(item.name)
        if stem in used:
            stem = _safe_name(f"{item.name}-{item.sheet}")
        used.add(stem)
        budget = item.evaluation.data.get("budget", {}).get("weight")
        if budget is not None and budget != framework_weight and not item.recorded:
            data = item.set.data
            keys = list(data)
            data["budget"] = {"weight": budget}
            order = keys[:keys.index("indicators")] + ["budget", "indicators"]
            item.set.data = {k: data[k] for k in order}
        for sub, doc, kind in (("indicator_sets", item.set, "指标体系"), ("evaluations", item.evaluation, "评价")):
            plans.append((os.path.normpath(os.path.join(out_dir, sub, stem + ".yaml")), doc, kind, item))
    if not force:
        existing = [p for p, *_ in plans if os.path.exists(p) or os.path.exists(sidecar_path(p))]
        if existing:
            raise PerfscoreError(f"文件已存在，未覆盖（确需覆盖请加 --force）：{'、'.join(existing)}")
    written: list[str] = []
    texts = [(path, render(doc, kind, workbook, item.sheet, path), doc, item) for path, doc, kind, item in plans]
    for path, text, doc, item in texts:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        write_atomic(path, text)
        written.append(path)
        written.append(write_sidecar(path, workbook, item.sheet, doc.cells))
    findings = sorted([f for item in imported for f in item.findings] + skipped, key=lambda f: f.sort_key())
    from .. import loading

    loading.forget_index()             # new set files: the id index of their directory is stale
    return Written(written, len(imported), findings, _problems([p for p, *_ in plans]))


def _problems(paths: list[str]) -> list[str]:
    from ..errors import PerfscoreErrors
    from ..loading import load_any

    out: list[str] = []
    for path in paths:
        try:
            load_any(path)
        except PerfscoreErrors as exc:
            out += [str(e) for e in exc.errors]
        except PerfscoreError as exc:
            out.append(str(exc) if exc.file else f"{path}: {exc}")
    return out


def _safe_name(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._") or "评价"
