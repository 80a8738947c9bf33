"""Importing perfscore's own xlsx export: the visible form, completed from the hidden record.

An xlsx export carries a hidden sheet ``perfscore`` (see :func:`perfscore.formats.sheet.record`)
with the indicator set and the evaluation as YAML. The importer reads the visible form as it
reads any workbook; this module then completes that reading:

* what the form shows (names, 指标 N： numbers, 年度指标值, 评分标准, 分值, 实际完成值, 得分,
  偏差原因, the header, 项目资金, 年度总体目标, 总分, 等级) comes from the form. When the record
  holds the same value (equal as a number, or as text up to white space), the record's spelling
  is kept (``100.00`` stays ``100.00``, ``"12"`` stays text, ``全部达到`` stays ``unmet: []``);
  when they differ the user edited the sheet: the form wins and a PS401 notice says so;
* what the form has no place for (rules, grade scale, 一级 weights, units, evidence, facts,
  checklist inputs, subtotals, grade words, the set's metadata) comes from the record, matched
  to the form's rows by indicator name;
* a cell of a compare export that shows perfscore's recomputed value because nothing was
  declared there (``computed`` in the record) imports as "not declared" while unchanged.

``source`` is the one field not restored: the imported files were read from the workbook, and
say so.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from ..model import SEP
from .xlsxread import Sheet

Keys = list[str | int]
_PLAIN = re.compile(r"^-?\d+(\.\d+)?$")
# The cells of the form, by what they hold.
LEAF_FIELDS = ("name", "no", "target", "weight")
RESULT_FIELDS = ("score", "deviation")            # and ``actual``, compared as printed
HEADER_FIELDS = ("project", "department", "implementer", "year", "kind")
FUND_FIELDS = ("initial", "annual", "executed", "deviation")
LINE_FIELDS = ("name", "initial", "annual", "executed", "rate", "score")
BUDGET_FIELDS = ("weight", "rate", "score")
DECLARED_FIELDS = ("weight_total", "total", "grade")


def read_record(sheet: Sheet, label: str) -> tuple[dict[str, Any] | None, str | None]:
    """The record of a hidden ``perfscore`` sheet, or None and why it could not be read."""
    from ..yamlio import read_yaml

    texts: dict[str, str] = {}
    first: dict[str, int] = {}
    for row in range(3, sheet.max_row + 1):
        part = sheet.text(row, 1).strip()
        if not part:
            continue
        texts[part] = texts.get(part, "") + sheet.text(row, 2)
        first.setdefault(part, row)
    out: dict[str, Any] = {}
    for part, text in texts.items():
        if part in ("set", "evaluation", "computed"):
            try:
                value = read_yaml(f"{label}!{sheet.name}!B{first[part]}", text)
            except Exception as exc:  # noqa: BLE001 - any unreadable record: import the form alone
                return None, f"隐藏页“{sheet.name}”的 {part} 无法读取（{exc}）"
            if not isinstance(value, dict):
                return None, f"隐藏页“{sheet.name}”的 {part} 不是映射"
            out[part] = value
        else:
            out[part] = text.strip()
    if not isinstance(out.get("set"), dict) or not isinstance(out.get("evaluation"), dict):
        return None, f"隐藏页“{sheet.name}”缺少 set 或 evaluation"
    return out, None


def same(a: Any, b: Any) -> bool:
    """The same value as printed: equal numbers, or equal text up to white space and control characters."""
    if a is None or b is None:
        return a is None and b is None
    da, db = _number(a), _number(b)
    if da is not None and db is not None:
        return da == db
    return _squash(a) == _squash(b)


def _number(v: Any) -> Decimal | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, Decimal)):
        return Decimal(v)
    if isinstance(v, str) and _PLAIN.match(v.strip()):
        try:
            return Decimal(v.strip())
        except InvalidOperation:
            return None
    return None


def _squash(v: Any) -> str:
    from ..formats.safe import printable

    return re.sub(r"\s+", "", printable(v))


def shown_actual(result: dict[str, Any]) -> str | None:
    """What the form prints in 实际完成值 for a result (as :class:`perfscore.scoring.IndicatorScore` does)."""
    from ..targets import parse_value

    if result.get("actual") is not None:
        return parse_value(result["actual"]).text
    if result.get("level") is not None:
        return str(result["level"])
    unmet = result.get("unmet")
    if unmet is not None:
        return "全部达到" if not unmet else f"未达到{unmet if isinstance(unmet, int) else len(unmet)}项"
    return None


def _show(v: Any) -> str:
    if v is None:
        return "（空）"
    if isinstance(v, Decimal):
        return format(v, "f")
    return str(v)


class Reconciler:
    """Completes one sheet's reading (``st``, ``ev`` and their cell lists) from its record."""

    def __init__(self, record: dict[str, Any], set_cells: list[tuple[Keys, str]], ev_cells: list[tuple[Keys, str]],
                 result_paths: dict[str, tuple[str, ...]], criteria_column: bool,
                 notice: Callable[[str, str, str | None], None]) -> None:
        self.record = record
        self.set_cells = set_cells
        self.ev_cells = ev_cells
        self.set_at = {tuple(k): c for k, c in set_cells}
        self.ev_at = {tuple(k): c for k, c in ev_cells}
        self.result_paths = result_paths
        self.criteria_column = criteria_column
        self.notice = notice
        self.computed: dict[str, Any] = record.get("computed") or {}
        self.origin = next((c for k, c in ev_cells if not k), "A1")

    # ----------------------------------------------------------------- helpers

    def _cell(self, at: dict[tuple[Any, ...], str], keys: Keys) -> str:
        """The cell of a key path, or of its nearest ancestor that has one."""
        k = tuple(keys)
        while k:
            if k in at:
                return at[k]
            k = k[:-1]
        return self.origin

    def _pick(self, out: dict[str, Any], key: str, form: dict[str, Any], rec: dict[str, Any], cell: str,
              what: str, indicator: str | None = None, computed: str | None = None) -> None:
        """One value the form shows: the record's spelling when the same, else the form's (and a notice)."""
        in_form, in_rec = form.get(key) is not None, rec.get(key) is not None
        if in_form and in_rec:
            if same(form[key], rec[key]):
                out[key] = rec[key]
            else:
                out[key] = form[key]
                self.notice(cell, f"{what}表中为“{_show(form[key])}”，导出时为“{_show(rec[key])}”：按表中值导入",
                            indicator)
        elif in_form:
            if computed is not None and computed in self.computed:
                if same(form[key], self.computed[computed]):
                    return              # perfscore's recomputed value, shown where nothing was declared
                self.notice(cell, f"{what}导出时为复核值“{_show(self.computed[computed])}”（未申报），"
                                  f"表中改为“{_show(form[key])}”：按申报值导入", indicator)
            out[key] = form[key]
        elif in_rec:
            self.notice(cell, f"{what}表中为空，导出时为“{_show(rec[key])}”：按表中（空）导入", indicator)

    # ----------------------------------------------------------------- the set

    def indicator_set(self, st: dict[str, Any]) -> dict[str, Any]:
        rec = self.record["set"]
        out: dict[str, Any] = {}
        for key, value in rec.items():
            if key == "indicators":
                out[key] = self._nodes(st.get("indicators", []), value if isinstance(value, list) else [],
                                       ["indicators"], ())
            elif key == "source":
                out[key] = st.get("source")
            else:
                out[key] = value
        if "indicators" not in out:
            out["indicators"] = st.get("indicators", [])
        if "source" not in out and st.get("source") is not None:
            head = [k for k in out if k in ("indicator_set", "name", "kind", "extends")]
            items = list(out.items())
            at = len(head)
            out = dict(items[:at] + [("source", st["source"])] + items[at:])
        # the form's 总分 分值 is the evaluation's declared total, not the set's
        self.set_cells[:] = [(k, c) for k, c in self.set_cells if k[:1] not in (["total"], ["budget"])]
        return out

    def _nodes(self, form: list[dict[str, Any]], rec: list[Any], keys: Keys, path: tuple[str, ...]) -> list[Any]:
        by_name: dict[str, dict[str, Any]] = {}
        for n in rec:
            if isinstance(n, dict) and isinstance(n.get("name"), str):
                by_name.setdefault(n["name"], n)
        out: list[Any] = []
        for i, fn in enumerate(form):
            here = [*keys, i]
            rn = by_name.pop(fn["name"], None)
            leaf = "children" not in fn
            if rn is None or leaf != (not rn.get("children") and "weight" in rn):
                if rn is not None:
                    by_name[fn["name"]] = rn
                out.append(fn)
                continue
            node: dict[str, Any] = {}
            name = SEP.join((*path, fn["name"]))
            fields = (*LEAF_FIELDS, "criteria") if leaf and self.criteria_column else LEAF_FIELDS if leaf else ("name",)
            for key in [*rn, *(k for k in fn if k not in rn)]:
                if key == "children" and not leaf:
                    node[key] = self._nodes(fn["children"], rn.get("children") or [], [*here, "children"],
                                            (*path, fn["name"]))
                elif key in fields:
                    what = {"name": "名称", "no": "指标编号", "target": "年度指标值", "weight": "分值",
                            "criteria": "评分标准"}[key]
                    self._pick(node, key, fn, rn, self._cell(self.set_at, [*here, key]), what, name)
                elif key in rn:
                    node[key] = rn[key]
            out.append(node)
        for name in by_name:
            self.notice(self.origin, f"导出时的指标“{' > '.join((*path, name))}”在表中没有对应行（已改名或删除）："
                                     "其评分规则等未导入", None)
        return out

    # ----------------------------------------------------------------- the evaluation

    def evaluation(self, ev: dict[str, Any]) -> dict[str, Any]:
        rec = self.record["evaluation"]
        out: dict[str, Any] = {}
        for key in [*rec, *(k for k in ev if k not in rec)]:
            if key in HEADER_FIELDS:
                what = {"project": "项目名称", "department": "主管部门", "implementer": "实施单位", "year": "年度",
                        "kind": "评价类型"}[key]
                self._pick(out, key, ev, rec, self._cell(self.ev_at, [key]), what)
            elif key == "source":
                if ev.get("source") is not None:
                    out[key] = ev["source"]
            elif key == "goals":
                self._section(out, key, ev, rec, ("expected", "actual"),
                              {"expected": "预期目标", "actual": "实际完成情况"})
            elif key == "funds":
                self._funds(out, ev.get("funds") or {}, rec.get("funds") or {})
            elif key == "budget":
                self._section(out, key, ev, rec, BUDGET_FIELDS,
                              {"weight": "预算执行率分值", "rate": "执行率", "score": "预算执行率得分"}, "budget")
            elif key == "results":
                self._results(out, ev.get("results") or {}, rec.get("results") or {})
            elif key == "declared":
                self._section(out, key, ev, rec, DECLARED_FIELDS,
                              {"weight_total": "总分行分值", "total": "总分", "grade": "评价等级"}, "declared")
            elif key in rec:
                out[key] = rec[key]               # indicator_set, facts, …: the form has no place for them
            else:
                out[key] = ev[key]
        return out

    def _section(self, out: dict[str, Any], key: str, ev: dict[str, Any], rec: dict[str, Any],
                 fields: tuple[str, ...], words: dict[str, str], computed: str | None = None) -> None:
        form, kept = ev.get(key) or {}, rec.get(key) or {}
        merged: dict[str, Any] = {}
        for k in [*kept, *(k for k in form if k not in kept)]:
            if k in fields:
                self._pick(merged, k, form, kept, self._cell(self.ev_at, [key, k]), words[k],
                           computed=f"{computed}.{k}" if computed else None)
            elif k in kept:
                merged[k] = kept[k]
            else:
                merged[k] = form[k]
        if merged or key in rec:
            out[key] = merged

    def _funds(self, out: dict[str, Any], form: dict[str, Any], rec: dict[str, Any]) -> None:
        merged: dict[str, Any] = {}
        words = {"initial": "年初预算数", "annual": "全年预算数", "executed": "全年执行数",
                 "deviation": "偏差原因及整改措施"}
        for k in [*rec, *(k for k in form if k not in rec)]:
            if k in FUND_FIELDS:
                self._pick(merged, k, form, rec, self._cell(self.ev_at, ["funds", k]), words[k])
            elif k == "lines":
                lines = self._lines(form.get("lines") or [], rec.get("lines") or [])
                if lines or "lines" in rec:
                    merged[k] = lines
            elif k in rec:
                merged[k] = rec[k]
            else:
                merged[k] = form[k]
        if merged or "funds" in self.record["evaluation"]:
            out["funds"] = merged

    def _lines(self, form: list[dict[str, Any]], rec: list[Any]) -> list[dict[str, Any]]:
        """Fund lines, matched by name, in the record's order; new rows of the form after them."""
        words = {"name": "资金名称", "initial": "年初预算数", "annual": "全年预算数", "executed": "全年执行数",
                 "rate": "执行率", "score": "得分"}
        left = list(enumerate(form))
        out: list[dict[str, Any]] = []
        moved: dict[int, int] = {}
        for ri, rl in enumerate(rec):
            if not isinstance(rl, dict):
                continue
            found = next(((i, fl) for i, fl in left if fl.get("name") == rl.get("name")), None)
            if found is None:
                if any(rl.get(k) is not None for k in LINE_FIELDS if k != "name"):
                    self.notice(self._cell(self.ev_at, ["funds"]),
                                f"导出时的资金行“{rl.get('name')}”在表中没有对应行：未导入", None)
                else:
                    out.append(rl)           # a line with no figures has no row to print
                continue
            left.remove(found)
            i, fl = found
            line: dict[str, Any] = {}
            for k in [*rl, *(k for k in fl if k not in rl)]:
                if k in LINE_FIELDS:
                    self._pick(line, k, fl, rl, self._cell(self.ev_at, ["funds", "lines", i, k]),
                               f"“{rl.get('name')}”的{words[k]}", computed=f"funds.lines.{ri}.{k}")
                elif k in rl:
                    line[k] = rl[k]
            moved[i] = len(out)
            out.append(line)
        for i, fl in left:
            moved[i] = len(out)
            out.append(fl)
        self._rekey(lambda k: ["funds", "lines", moved[k[2]], *k[3:]]
                    if k[:2] == ["funds", "lines"] and len(k) > 2 and k[2] in moved else k)
        return out

    def _results(self, out: dict[str, Any], form: dict[str, Any], rec: dict[str, Any]) -> None:
        paths = list(self.result_paths.values())
        by_path = {p: k for k, p in self.result_paths.items()}
        merged: dict[str, Any] = {}
        renamed: dict[str, str] = {}
        for rk, rv in rec.items():
            rv = rv if isinstance(rv, dict) else {"actual": rv}
            wanted = tuple(part.strip() for part in str(rk).split(">"))
            matches = [p for p in paths if p[-len(wanted):] == wanted]
            fk = by_path.pop(matches[0], None) if len(matches) == 1 else None
            if fk is None:
                self.notice(self.origin, f"导出时“{rk}”的完成情况在表中没有对应指标：未导入", None)
                continue
            merged[rk] = self._result(form.get(fk) or {}, rv, fk, SEP.join(self.result_paths[fk]))
            renamed[fk] = rk
        for fk in by_path.values():
            if form.get(fk):
                merged[fk] = form[fk]
        self._rekey(lambda k: ["results", renamed[k[1]], *k[2:]]
                    if k[:1] == ["results"] and len(k) > 1 and k[1] in renamed else k)
        if merged or "results" in self.record["evaluation"]:
            out["results"] = merged

    def _result(self, form: dict[str, Any], rec: dict[str, Any], fk: str, indicator: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        printed = shown_actual(rec)
        actual = form.get("actual")
        edited = not same(actual, printed)
        cell = self._cell(self.ev_at, ["results", fk, "actual"])
        if edited:
            self.notice(cell, f"实际完成值表中为“{_show(actual)}”，导出时为“{_show(printed)}”：按表中值导入"
                        + ("（原 level/unmet 不再适用，未导入）" if rec.get("actual") is None and printed else ""),
                        indicator)
            if actual is not None:
                out["actual"] = actual
        for k in [*rec, *(k for k in form if k not in rec)]:
            if k == "actual":
                if not edited and k in rec:
                    out[k] = rec[k]
            elif k in ("level", "unmet") and edited:
                continue
            elif k in RESULT_FIELDS:
                self._pick(out, k, form, rec, self._cell(self.ev_at, ["results", fk, k]),
                           "申报得分" if k == "score" else "偏差原因", indicator)
            elif k in rec:
                out[k] = rec[k]
            else:
                out[k] = form[k]
        return out

    def _rekey(self, change: Callable[[Keys], Keys]) -> None:
        self.ev_cells[:] = [(change(list(k)), c) for k, c in self.ev_cells]
