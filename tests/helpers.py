"""Shared test helpers: the repository root, the seed, the CLI called in-process, a workbook of text cells."""
from __future__ import annotations

import io
import os
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "evaluations" / "2024" / "景德镇市人民政府办公室"


def cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``perfscore ARGV`` in this process → (exit code, stdout, stderr)."""
    from perfscore.cli import main

    capsys.readouterr()
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def perfscore(*args: str, cwd: Path | str = ROOT) -> subprocess.CompletedProcess[str]:
    """Run ``perfscore ARGS`` in this process, in ``cwd``, as if it were a subprocess (no capsys needed).

    Only tests of the process boundary itself (the console script's exit code, no traceback, lazy
    imports, a terminal) start a real process."""
    from perfscore.cli import main

    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(["perfscore", *args], code, out.getvalue(), err.getvalue())


def write_sheet(path: Path, sheet_name: str, rows: list[list[str | None]]) -> Path:
    """A workbook of one sheet whose cells are the given texts as strings (None: an empty cell)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet(sheet_name)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write_string(r, c, value)
    book.close()
    return path


def evaluation_head(project: str, department: str, implementer: str, year: int, kind: str = "自评") -> str:
    """The first lines of an imported evaluation's expected YAML: who, which year, which set."""
    return (f"project: {project}\ndepartment: {department}\nimplementer: {implementer}\nyear: {year}\n"
            f"kind: {kind}\nindicator_set: {year}-{project}-{kind}\n")


def unscored_set_head(project: str, year: int) -> str:
    """The first lines of the expected YAML of a set imported from a form printing no 分值 or 得分."""
    return (f"indicator_set: {year}-{project}-自评\nname: {project} 绩效自评指标（{year}年度）\n"
            "total: 0\nbudget: {weight: 0}\n")


def tried(text: str, weight: str, target: str | None = None, actual: str | None = None, unmet: str | None = None,
          level: str | None = None, score: str | None = None, explained: bool = False) -> str:
    """A 评分标准 sentence scored as ``perfscore rule try`` scores it: the score (and its explanation), or
    ``拒绝：`` and the reason it was refused."""
    from perfscore.errors import PerfscoreError
    from perfscore.ruletext.trial import score_sentence

    try:
        done = score_sentence(text, weight, target, actual, unmet, level, score)
    except PerfscoreError as exc:
        return f"拒绝：{exc}"
    return f"{done.score} {done.scored.explanation}" if explained else str(done.score)

