"""Every finding code's cases (perfscore/checks/cases/PSxxx.yaml), run as one table.

The failing input must give exactly the expected findings of its code — as ``perfscore check``
prints them (file, line, column, severity, code, indicator, message) with their declared and
computed values; the minimal fix must give none of that code and nothing the failing input did
not have. ``perfscore explain`` prints these same cases.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from perfscore.checks import check as run_checks
from perfscore.checks import explain
from perfscore.checks.docs import render, section
from perfscore.checks.examples import Case, all_cases, base, cases, write
from perfscore.checks.registry import registered
from perfscore.findings import Finding

from helpers import ROOT, cli

CASES = all_cases()


def check(root: Path, files: dict[str, str]) -> list[Finding]:
    """Write the files under root (the working directory), check them all."""
    result = run_checks(write(str(root), files))
    assert result.errors == [], result.errors
    return result.findings


def test_the_base_is_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert check(tmp_path, base()["texts"]) == []
    clean = Case("PS401", "base", None, (), (), (), (), cells_fail=(("base.xlsx", "自评表!A1", "项目支出绩效自评表"),))
    assert imported(tmp_path, clean, fixed=False) == []


def test_every_code_has_a_failing_and_a_passing_case() -> None:
    assert [code for code in registered() if not cases(code)] == []
    assert {c.code for c in CASES} <= set(registered())


def imported(root: Path, case: Case, fixed: bool) -> list[Finding]:
    """An import case: write its workbook under root (the working directory), import it, return the findings."""
    from decimal import Decimal

    import openpyxl

    from perfscore.authoring.importer import write_import as run_import

    assert case.book is not None
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, cells in case.workbook(fixed).items():
        ws = wb.create_sheet(name)
        for (r, c), value in cells.items():
            ws.cell(r, c, int(value) if isinstance(value, Decimal) else value)
    wb.save(root / case.book)
    done = run_import(case.book, "out")
    assert done.problems == []
    return done.findings


def run(root: Path, case: Case, fixed: bool) -> list[Finding]:
    if case.book is not None:
        return imported(root, case, fixed)
    return check(root, case.fixed() if fixed else case.failing())


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.name}")
def test_case(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "fail").mkdir()
    monkeypatch.chdir(tmp_path / "fail")
    failing = run(tmp_path / "fail", case, fixed=False)
    got = [(str(f), f.to_dict()["declared"], f.to_dict()["computed"]) for f in failing if f.code == case.code]
    assert got == [(e.finding, e.declared, e.computed) for e in case.expect]
    if "import" not in registered()[case.code].scopes:        # an import finding's severity depends on the cell
        assert {f.severity for f in failing if f.code == case.code} == {registered()[case.code].severity}

    (tmp_path / "fix").mkdir()
    monkeypatch.chdir(tmp_path / "fix")
    fixed = run(tmp_path / "fix", case, fixed=True)
    assert [str(f) for f in fixed if f.code == case.code] == []
    # the fix brings in no finding that the failing input did not have
    assert {(f.code, f.file, f.indicator) for f in fixed} <= {(f.code, f.file, f.indicator) for f in failing}


# ---------------------------------------------------------------- the same cases, shown to users

@pytest.mark.parametrize("code", list(registered()))
def test_explain_prints_the_tested_cases_and_names_the_function(code: str) -> None:
    text = explain(code)
    assert text.startswith(f"{code}（")
    assert f"实现：{registered()[code].qualname}（perfscore/checks/" in text
    for case in cases(code):
        for e in case.expect:
            assert f"  报告：{e.finding}\n" in text + "\n"


def test_explain_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["explain", "ps203"], capsys) == (0, explain("PS203") + "\n", "")
    assert cli(["explain", "PS999"], capsys) == (2, "", "没有这个检查代码：“PS999”，是否想写“PS219”？\n")


def test_docs_checks_md_is_generated_from_the_registry() -> None:
    """docs/checks.md lists every code with its documentation and these cases: regenerate it with
    ``python -m perfscore.checks.docs`` after changing a code."""
    assert section((ROOT / "docs" / "checks.md").read_text(encoding="utf-8")) == render(), \
        "docs/checks.md is out of date: run `python -m perfscore.checks.docs`"


def test_each_code_is_built_only_in_its_registered_function() -> None:
    """``finding("PS205", …)`` appears in missed_full and nowhere else: finding a code's implementation
    is a lookup in the registry, never a search through functions that handle several codes."""
    import ast

    import perfscore.checks as package

    codes = registered()
    seen: dict[str, set[str]] = {}
    for path in sorted(Path(package.__file__).parent.glob("*.py")):
        module = f"perfscore.checks.{path.stem}"
        for top in ast.parse(path.read_text(encoding="utf-8")).body:
            for node in ast.walk(top):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("finding", "Finding") \
                        and node.args and isinstance(node.args[0], ast.Constant) \
                        and str(node.args[0].value).startswith("PS"):
                    seen.setdefault(node.args[0].value, set()).add(f"{module}.{getattr(top, 'name', '?')}")
    assert seen == {code: {c.qualname} for code, c in codes.items()}
