"""A real table's transcription (``../shared/real-tables/NN-*.md``) rebuilt as a workbook in the
national 附1 layout, as the acceptance of issue 13 rebuilds held-out tables: read in place at test
time, written into a temporary folder, never kept in the repository.

The transcription's tables are read by their header words (the words any province prints); every
form found (a 字段 block, a funds block, a goals block, an indicator block) becomes one sheet in the
附1 columns: 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因. A target split
over 指标性质 | 指标值 | 度量单位 is joined as a person rebuilding the table writes it (“≥30万元”).
A cell the transcriber marks unreadable (“[?]”) is left blank.
"""
from __future__ import annotations

import re
from decimal import Decimal
from dataclasses import dataclass, field
from pathlib import Path

WIDTH = 9
UNREADABLE = "\x00"     # a cell the transcriber could not read: never written as a blank (a blank is a fact)


@dataclass
class Form:
    title: str
    fields: dict[str, str] = field(default_factory=dict)
    unit: str = "万元"
    funds: list[list[str]] = field(default_factory=list)         # label, 年初, 全年, 执行, 分值, 执行率, 得分, 原因
    goals: tuple[str, str] | None = None
    indicators: list[list[str]] = field(default_factory=list)    # l1, l2, l3, target, actual, weight, score, reason
    total: tuple[str, str] | None = None                          # 分值, 得分 of the 总分 row
    declared: str = ""                                            # 自评得分 printed in the head

    def usable(self) -> bool:
        return bool(self.funds or self.indicators)


def _cells(line: str) -> list[str]:
    return [_clean(c) for c in line.strip().strip("|").split("|")]


def _clean(text: str) -> str:
    text = re.sub(r"\s*\((?:cut off|truncated)[^)]*\)", "", text.strip())
    return UNREADABLE if "[?]" in text else text


def _tables(text: str) -> list[tuple[str, list[list[str]]]]:
    """(the heading above, rows) of each markdown table, the header row first."""
    out: list[tuple[str, list[list[str]]]] = []
    heading, rows = "", []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            if not re.match(r"^\|[\s|:-]+\|$", line.strip()):
                rows.append(_cells(line))
            continue
        if rows:
            out.append((heading, rows))
            rows = []
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
    return out


def _column(header: list[str], *words: str, exclude: tuple[str, ...] = ()) -> int | None:
    for word in words:
        for i, cell in enumerate(header):
            if word in cell.replace(" ", "") and not any(x in cell for x in exclude):
                return i
    return None


def _get(row: list[str], i: int | None) -> str:
    return row[i] if i is not None and i < len(row) else ""


FIELDS = {"项目名称": ("项目名称", "专项名称", "转移支付", "部门(单位)名称", "预算部门", "部门"),
          "主管部门": ("主管部门", "地方主管部门", "项目主管单位", "主管部n", "部门(单位)名称", "预算部门", "部门"),
          "实施单位": ("实施单位", "项目实施单位", "资金使用单位")}


def forms(md: Path) -> list[Form]:
    text = md.read_text(encoding="utf-8")
    title = re.sub(r"\s*—.*$", "", text.splitlines()[0].lstrip("# ").strip())
    out = [Form(title)]
    for heading, rows in _tables(text):
        header, body = rows[0], rows[1:]
        form = out[-1]
        joined = "".join(header)
        if header[:2] == ["字段", "内容"]:
            got = {}
            for row in body:
                for key, words in FIELDS.items():
                    if any(row[0].startswith(w) for w in words) and len(row) > 1 and key not in got:
                        got[key] = row[1]
            for row in body:          # 中央主管部门 / 省级主管部门 / 项目主管单位: the 主管部门 the form names
                if "主管" in row[0] and len(row) > 1 and row[1] not in ("", UNREADABLE):
                    got.setdefault("主管部门", row[1])
                if re.match(r"^(自评得分|自评总分)", row[0]) and len(row) > 1 and row[1] not in ("", UNREADABLE):
                    form.declared = row[1]          # the total printed in the head of the form
            if got:
                if form.indicators or form.funds:
                    form = Form(title)
                    out.append(form)
                form.fields.update(got)
        elif ("三级指标" in joined or "指标名称" in joined) and ("值" in joined or "完成" in joined) or \
                ("评价内容" in joined and "分值" in joined):
            _indicators(form, header, body)
            levels = re.search(r"一级\s*(\S+?指标)\s*/\s*二级\s*(\S+?指标)", heading)
            if levels and "一级" not in joined:         # “一级 产出指标 / 二级 数量指标 for all rows below”
                for line in form.indicators:
                    line[0], line[1] = line[0] or levels.group(1), line[1] or levels.group(2)
        elif header[0].rstrip(":：") in ("预算数", "全年预算数") and len(header) >= 4:     # 预算数: | x | 执行数: | y
            form.funds.append(["年度资金总额", "", header[1], header[3], "", "", "", ""])
        elif "执行数" in joined and ("预算" in joined or "预算数" in joined):
            unit = re.search(r"[（(](万?元)[)）]", heading)
            form.unit = unit.group(1) if unit else form.unit
            _funds(form, header, body)
        elif len(header) == 2 and ("目标" in header[0]) and body:
            form.goals = (body[0][0].replace(UNREADABLE, ""), body[0][1].replace(UNREADABLE, ""))
    return [f for f in out if f.usable()]


def _funds(form: Form, header: list[str], body: list[list[str]]) -> None:
    initial = _column(header, "年初预算")
    annual = _column(header, "全年预算", "调整后预算", "全年(调整)预算", "调整预算", "预算数", exclude=("年初",))
    executed = _column(header, "全年执行数", "预算执行数", "执行数")
    weight = _column(header, "分值", "权重", exclude=("执行率",)) if "执行率权重" not in "".join(header) else \
        _column(header, "执行率权重")
    rate = _column(header, "执行率", exclude=("权重", "得分"))
    score = _column(header, "得分")
    reason = _column(header, "原因")
    for row in body:
        label = row[0] or "年度资金总额"
        if not any(_get(row, i) for i in (initial, annual, executed)) and not form.funds:
            continue
        form.funds.append([label.rstrip(":："), *(_get(row, i).replace(UNREADABLE, "")
                                                  for i in (initial, annual, executed, weight, rate, score, reason))])


def _indicators(form: Form, header: list[str], body: list[list[str]]) -> None:
    l1 = _column(header, "一级")
    l2 = _column(header, "二级")
    l3 = _column(header, "三级", "指标名称", "评价内容")
    if l1 is None and l3 is not None and l3 > 0:          # 项目权重 | 评价内容 (Hubei's 决策 / 管理 rows)
        l1 = l2 = 0
    sign = _column(header, "指标性质")
    unit = _column(header, "度量单位", "计量单位")
    target = _column(header, "年度指标值", "年初指标值", "绩效目标值", "年度目标指标值", "指标值", exclude=("依据",))
    actual = _column(header, "实际完成", "全年实际", "年终完成", "实际值", "完成值", exclude=("上年",))
    after = [c if i > (l3 or 0) else "" for i, c in enumerate(header)]      # the leaf's 分值, not a level's
    weight = _column(after, "分值", "权重", exclude=("赋分",))
    score = _column(header, "得分", "自评分", exclude=("计算",))
    reason = _column(header, "原因")
    groups = [_get(row, l2) for row in body if _get(row, l3)]
    above = ["", ""]
    for row in body:
        for n, i in enumerate((l1, l2)):       # a merged 一级 / 二级 cell the transcriber could not read: the one above
            if i is not None and i < len(row):
                row[i] = above[n] if row[i] in ("", UNREADABLE) else row[i]
                above[n] = row[i]
        first = _get(row, l1) or _get(row, 0)
        if re.match(r"^(总分|合计|总计)", first):
            form.total = (_get(row, weight).replace(UNREADABLE, ""), _get(row, score).replace(UNREADABLE, ""))
            continue
        name = _get(row, l3)
        if not name or name == UNREADABLE or UNREADABLE in (_get(row, i) for i in (target, actual, weight, score)):
            continue        # a row the page cut: not in the rebuilt table (a partial table misses rows)
        value = _get(row, target)
        if sign is not None or unit is not None:
            value = f"{_get(row, sign)}{value}{_get(row, unit) if value else ''}" if value else ""
        points = _get(row, weight)
        printed = re.search(r"(\d+(?:\.\d+)?)\s*分", _get(row, l2))
        if weight is None and printed:          # “数量指标 15 分” over its rows: each row's 分值 written out
            points = str(Decimal(printed.group(1)) / groups.count(_get(row, l2)))
        form.indicators.append([_unscored(_get(row, l1)), _unscored(_get(row, l2)), name, value,
                                _get(row, actual), points, _get(row, score), _get(row, reason)])


def _unscored(label: str) -> str:
    return re.sub(r"\s*[（(]?\d+(?:\.\d+)?\s*分[)）]?$", "", label)


def rows(form: Form) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """The 附1 grid of ``form`` (rows of 9 cells) and its merged ranges (r1, c1, r2, c2), 1-based."""
    grid: list[list[str]] = []
    merges: list[tuple[int, int, int, int]] = []

    def add(cells: list[str]) -> int:
        grid.append((cells + [""] * WIDTH)[:WIDTH])
        return len(grid)

    r = add(["项目名称", "", form.fields.get("项目名称", form.title)])
    merges += [(r, 1, r, 2), (r, 3, r, 9)]
    # the import needs a 主管部门 (issue 12: a blank one skips the table); the excerpt may not print it
    department = form.fields.get("主管部门") or form.fields.get("实施单位") or "（摘录未载明）"
    r = add(["主管部门", "", department, "", "实施单位", "", form.fields.get("实施单位", "")])
    merges += [(r, 1, r, 2), (r, 3, r, 4), (r, 5, r, 6), (r, 7, r, 9)]
    if form.funds:
        first = add([f"项目资金（{form.unit}）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
                     "原因" if any(line[7:] and line[7] for line in form.funds) else ""])
        for line in form.funds:
            add(["", *line])
        merges.append((first, 1, len(grid), 1))
    if form.goals:
        first = add(["年度总体目标", "预期目标", "", "", "", "实际完成情况"])
        add(["", form.goals[0], "", "", "", form.goals[1]])
        merges += [(first, 1, first + 1, 1), (first, 2, first, 5), (first, 6, first, 9),
                   (first + 1, 2, first + 1, 5), (first + 1, 6, first + 1, 9)]
    first = add(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                 "偏差原因分析及改进措施"])
    for line in form.indicators:
        add(["", *line])
    merges.append((first, 1, len(grid), 1))
    total = form.total or (("", form.declared) if form.declared else None)
    if total:
        r = add(["总分", "", "", "", "", "", total[0], total[1] or form.declared])
        merges.append((r, 1, r, 6))
    return grid, merges


def _typed(value: str) -> str | int | float:
    """A plain number typed into a cell is a number in the workbook (Excel's doubles); all else is text."""
    if re.fullmatch(r"-?\d+", value):
        return int(value)
    if re.fullmatch(r"-?\d+\.\d+", value):
        return float(value)
    return value


def write_book(md: Path, path: Path) -> Path | None:
    """The workbook of ``md`` at ``path`` (one sheet per form), or None when it has no form to rebuild."""
    import openpyxl

    found = forms(md)
    if not found:
        return None
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n, form in enumerate(found, start=1):
        ws = wb.create_sheet(f"自评表{n}")
        ws.cell(1, 1, form.title)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=WIDTH)
        grid, merges = rows(form)
        covered = {(r, c) for r1, c1, r2, c2 in merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
                   if (r, c) != (r1, c1)}
        for r, line in enumerate(grid, start=1):
            for c, value in enumerate(line, start=1):
                if value != "" and (r, c) not in covered:
                    ws.cell(r + 1, c, _typed(value.replace(UNREADABLE, "")))
        for r1, c1, r2, c2 in merges:
            if (r1, c1) != (r2, c2):
                ws.merge_cells(start_row=r1 + 1, start_column=c1, end_row=r2 + 1, end_column=c2)
    wb.save(path)
    return path
