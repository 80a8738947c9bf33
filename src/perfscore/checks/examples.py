"""Each finding code's examples, as data: ``checks/cases/PSxxx.yaml``, run by one test, printed by explain.

A case starts from the clean base of ``cases/base.yaml`` (a small indicator set and an
evaluation with no finding), applies ``fail`` — edits that make the finding appear — and
expects exactly the findings of that code listed in ``expect``, each as ``perfscore check``
prints it (``file:line:col: 严重程度 代码 指标: 说明``) with its declared and computed values.
``fix`` — edits applied on top of the failing files — is the minimal change that makes the
code go away. ``tests/test_check_cases.py`` runs every case; ``perfscore explain PSxxx``
prints the same cases (:func:`explain`), so an example shown to a user is one a test ran.

The cases ship inside the package (not under ``tests/``) so that an installed perfscore can
print them; the test reads them from here through the same :func:`cases` function.

Case file format (a list of cases)::

    - name: missed-full                      # short id, unique within the code
      note: 实际90份未达到目标100份，却申报满分   # optional: what the example shows
      files: [indicator_sets/t.yaml]         # optional: which base files to write (default: set + evaluation)
      fail:                                  # file → list of [old, new] replacements (old must occur once)
        evaluations/a.yaml: [["actual: 100, score: 30", "actual: 90, score: 30"]]
        evaluations/b.yaml:                  # a new file: a copy of a base text, then replacements
          from: evaluations/a.yaml
          replace: [["kind: 自评", "kind: 部门评价"]]
      expect:
        - finding: "evaluations/a.yaml:9:29: 警告 PS205 产出指标 > 数量 > 印刷份数: 实际完成值90…"
          declared: "30"                     # optional (absent: none)
          computed: "27"
      fix:
        evaluations/a.yaml: [["score: 30}\\n  编制", "score: 27}\\n  编制"]]
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

CASES_DIR = os.path.join(os.path.dirname(__file__), "cases")
BASE_FILE = os.path.join(CASES_DIR, "base.yaml")

Edit = tuple[str, str, str]          # (file, old, new); old == "" with new the whole text: a new file
CellEdit = tuple[str, str, Any]      # (workbook, "Sheet!G8", value): an import case's change to the base workbook


@dataclass(frozen=True)
class Expected:
    finding: str                     # as printed: file:line:col: 警告 PS205 indicator: message
    declared: str | None = None
    computed: str | None = None


@dataclass(frozen=True, eq=False)
class Case:
    code: str
    name: str
    note: str | None
    files: tuple[str, ...]           # base files written before the edits
    fail: tuple[Edit, ...]
    expect: tuple[Expected, ...]
    fix: tuple[Edit, ...]
    origins: dict[str, str] = field(default_factory=dict, compare=False)    # new file → the base text it copies
    source: str = field(default="", compare=False)      # the case file, for messages
    cells_fail: tuple[CellEdit, ...] = ()                 # an import case: cells of the base workbook changed
    cells_fix: tuple[CellEdit, ...] = ()

    @property
    def book(self) -> str | None:
        """The workbook an import case imports (its findings are the importer's), else None."""
        return self.cells_fail[0][0] if self.cells_fail else None

    def workbook(self, fixed: bool = False) -> dict[str, dict[tuple[int, int], Any]]:
        """An import case's workbook: sheet → {(row, column): value}, 1-based."""
        sheets = {name: {(r, c): v for r, row in enumerate(rows, 1) for c, v in enumerate(row, 1) if v is not None}
                  for name, rows in base()["workbook"].items()}
        for _, ref, value in self.cells_fail + (self.cells_fix if fixed else ()):
            sheet, cell = ref.split("!")
            sheets[sheet][_cell(cell)] = value
        return sheets

    def failing(self) -> dict[str, str]:
        """The files (name → text) of the failing input."""
        return apply(dict((f, base()["texts"][f]) for f in self.files), self.fail)

    def fixed(self) -> dict[str, str]:
        """The files of the minimal fix: the failing input with ``fix`` applied."""
        return apply(self.failing(), self.fix)


@lru_cache(maxsize=1)
def base() -> dict[str, Any]:
    """``{"texts": {file: text}, "files": [file…]}``: the shared clean input of every case."""
    data = _read(BASE_FILE)
    return {"texts": {str(k): str(v) for k, v in data["texts"].items()}, "files": [str(f) for f in data["files"]],
            "workbook": {str(k): [list(row) for row in v] for k, v in data["workbook"].items()}}


def _cell(ref: str) -> tuple[int, int]:
    """"G8" → (8, 7)."""
    letters = ref.rstrip("0123456789")
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch.upper()) - 64
    return int(ref[len(letters):]), col


def apply(files: dict[str, str], edits: tuple[Edit, ...]) -> dict[str, str]:
    """Apply replacements; a replacement's old text must occur exactly once."""
    out = dict(files)
    for name, old, new in edits:
        if name not in out:
            if old != "":
                raise ValueError(f"{name}: no such file to edit")
            out[name] = new
            continue
        if out[name].count(old) != 1:
            raise ValueError(f"{name}: “{old}” occurs {out[name].count(old)} times, not once")
        out[name] = out[name].replace(old, new)
    return out


def write(root: str, files: dict[str, str]) -> list[str]:
    """Write a case's files (name → text) under root; their names, sorted: the paths to check from root."""
    for name, text in files.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    return sorted(files)


@lru_cache(maxsize=None)
def cases(code: str) -> tuple[Case, ...]:
    """The cases of one code (none when it has no case file)."""
    path = os.path.join(CASES_DIR, f"{code}.yaml")
    if not os.path.exists(path):
        return ()
    return tuple(_case(code, entry, path) for entry in _read(path) or [])


def all_cases() -> list[Case]:
    """Every case of every code, in code order."""
    names = sorted(n[:-5] for n in os.listdir(CASES_DIR) if n.startswith("PS") and n.endswith(".yaml"))
    return [c for code in names for c in cases(code)]


def _read(path: str) -> Any:
    from ..yamlio import read_yaml

    return read_yaml(path)


def _edits(spec: Any) -> tuple[Edit, ...]:
    out: list[Edit] = []
    for name, what in (spec or {}).items():
        if str(name).endswith(".xlsx"):     # cells of the base workbook: see _cells
            continue
        if isinstance(what, dict):          # a new file from a base text
            text = apply({"x": base()["texts"][str(what["from"])]},
                         tuple(("x", str(o), str(n)) for o, n in what.get("replace", [])))["x"]
            out.append((str(name), "", text))
        else:
            out += [(str(name), str(o), str(n)) for o, n in what]
    return tuple(out)


def _cells(spec: Any) -> tuple[CellEdit, ...]:
    return tuple((str(name), str(ref), value) for name, what in (spec or {}).items() if str(name).endswith(".xlsx")
                 for ref, value in what.items())


def _case(code: str, entry: dict[str, Any], source: str) -> Case:
    expect = tuple(Expected(str(e["finding"]), _opt(e.get("declared")), _opt(e.get("computed")))
                   for e in entry["expect"])
    cells_fail = _cells(entry["fail"])
    files = tuple(str(f) for f in entry.get("files", () if cells_fail else base()["files"]))
    origins = {str(name): str(what["from"]) for name, what in (entry["fail"] or {}).items()
               if isinstance(what, dict) and "from" in what}
    return Case(code, str(entry["name"]), _opt(entry.get("note")), files, _edits(entry["fail"]), expect,
                _edits(entry["fix"]), origins, source, cells_fail, _cells(entry["fix"]))


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


# ---------------------------------------------------------------- explain

def explain(code: str) -> str:
    """What ``perfscore explain CODE`` prints: the code, its severity and title, its documentation,
    the function that implements it, and its tested examples."""
    from ..findings import SEVERITY_WORD
    from .registry import get

    c = get(code)
    lines = [f"{c.code}（{SEVERITY_WORD[c.severity]}）{c.title}", "", c.doc, "",
             f"实现：{c.qualname}（{c.source}）"]
    examples = cases(c.code)
    if examples:
        lines += ["", f"例子（测试逐一运行，见 perfscore/checks/cases/{c.code}.yaml；"
                      f"未改动的文件为 cases/base.yaml 中无任何问题的示例）："]
        for case in examples:
            lines += [""] + show(case)
    return "\n".join(lines)


def show(case: Case) -> list[str]:
    """One case for a reader: the changed lines of the failing input, what check reports, the fix."""
    title = f"● {case.name}" + (f"：{case.note}" if case.note else "")
    before = {f: base()["texts"][f] for f in case.files}
    failing = case.failing()
    pointed = {f.finding.split(":", 1)[0]: _line_of(f.finding) for f in case.expect}
    return [title, "  不通过：", *_changed(before, failing, case.origins, pointed), *_set_cells(case.cells_fail),
            *[f"  报告：{e.finding}" for e in case.expect],
            "  改为（通过）：", *_changed(failing, case.fixed(), {}, {}), *_set_cells(case.cells_fix)]


def _set_cells(edits: tuple[CellEdit, ...]) -> list[str]:
    return [f"    {book}（导入）：单元格 {ref} 填写 {value}" for book, ref, value in edits]


def _line_of(printed: str) -> int | None:
    parts = printed.split(":")
    return int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else None


def _changed(before: dict[str, str], after: dict[str, str], origins: dict[str, str],
             pointed: dict[str, int | None]) -> list[str]:
    """Each file that differs: its name and its changed lines, numbered (and the line a finding points at)."""
    import difflib

    out: list[str] = []
    for name in sorted(after):
        old_text = before.get(name)
        if old_text is None:
            origin = origins.get(name)
            old_text = base()["texts"][origin] if origin else ""
            out.append(f"    {name}（新文件" + (f"，{origin} 的副本，改动如下）：" if origin else "）："))
        elif old_text == after[name]:
            continue
        else:
            out.append(f"    {name}：")
        old, new = old_text.splitlines(), after[name].splitlines()
        numbers: set[int] = set()
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
            if tag in ("replace", "insert"):
                numbers |= set(range(j1 + 1, j2 + 1))
            if tag == "delete":
                out += [f"      删去 {line.strip()}" for line in old[i1:i2]]
        line = pointed.get(name)
        if line is not None:
            numbers.add(line)
        out += [f"      {n:>3} | {new[n - 1]}" for n in sorted(numbers) if n <= len(new)]
    return out
