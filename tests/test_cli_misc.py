"""Small guarantees of the command layer: atomic writes keep permissions; a failing summary writer fails the run."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from perfscore.atomic import write_atomic
from perfscore.checks import FileReport
from perfscore.cli.commands.check import _tee


def test_atomic_write_follows_umask_and_keeps_existing_mode(tmp_path: Path) -> None:
    new = tmp_path / "new.csv"
    old = os.umask(0o022)
    try:
        write_atomic(str(new), "a")
    finally:
        os.umask(old)
    assert new.stat().st_mode & 0o777 == 0o644
    kept = tmp_path / "kept.csv"
    kept.write_text("x")
    kept.chmod(0o600)
    write_atomic(str(kept), "y")
    assert (kept.read_text(), kept.stat().st_mode & 0o777) == ("y", 0o600)


def test_summary_writer_failure_is_raised_on_the_main_thread(tmp_path: Path) -> None:
    def broken(reports, path):  # type: ignore[no-untyped-def]
        next(iter(reports))
        raise OSError("磁盘已满")

    reports = iter([FileReport(f"f{i}.yaml", "evaluation") for i in range(200)])
    seen = []
    with pytest.raises(OSError, match="磁盘已满"):
        for rep in _tee(reports, tmp_path / "s.xlsx", broken):
            seen.append(rep.file)
    assert len(seen) == 200          # the producer was never blocked by the dead writer


def test_ruletext_render_stays_a_function_after_first_use() -> None:
    """Regression: a submodule named like the function replaced it after the first call (PS110 crashed)."""
    import perfscore.ruletext as rt

    rule = {"kind": "step", "per": 10, "deduct": "0.1", "reference": 1912}
    first = rt.render(rule)
    assert callable(rt.render) and rt.render(rule) == first


def test_terminal_table_of_seed_a_reads_like_the_form() -> None:
    import perfscore
    from perfscore.formats.table import render

    from helpers import SEED

    card = perfscore.score(perfscore.load_evaluation(str(SEED / "政府公报编制及印发专项经费-自评.yaml")))
    lines = render(card).splitlines()
    assert lines[0] == "项目支出绩效自评表（2024年度）"
    assert "效益指标  经济效益    —                               —           —              —      —         —" in lines
    assert "                      政府公报刊物印刷份数            =31200 份   26400          3   2.54         5" in lines
    assert lines[-2:] == ["总分：95.92（分值合计97）    申报总分：96", "等级：优"]


@pytest.mark.parametrize("raw, fmt, shown", [
    ("2.675", "0.00", "2.68"),          # Excel shows 四舍五入
    ("0.125", "0.00", "0.13"),          # half-even quantize would print 0.12
    ("0.0125", "0.0%", "1.3%"),
    ("96", None, "96"),
])
def test_workbook_numbers_are_read_as_excel_prints_them(raw: str, fmt: str | None, shown: str) -> None:
    from perfscore.authoring.xlsxread import _printed

    assert _printed(raw, fmt)[0] == shown
