"""import(export(x)) == x for the seed's three evaluations, through perfscore's own xlsx exporter.

The round trip goes through the ``--compare`` export: its form prints what the submitted form
printed (申报得分, the declared 分值合计 and 执行率, the fund lines' own names, ``指标 N：``, a
评分标准 column) beside perfscore's 复核得分, and its hidden sheet ``perfscore`` carries, as
YAML, what the paper form has no place for (rules, grade bands, 一级 weights, units, evidence,
facts, checklist inputs, subtotals, the set's metadata). The importer takes what the form shows
from the form and the rest from the hidden sheet; an edited cell wins, with a PS401 notice.

Equality, precisely: the imported set and evaluation validate to models whose ``model_dump()``
equals that of the seed files' own data (the set as written, not merged with its framework),
except two provenance fields: ``path`` (where a model was loaded from: no file yet) and
``source`` (the document the data was read from: for an imported file that is the workbook,
``book.xlsx!自评表``, which is the truth about it; the original document is not lost, it is
still in the hidden record). And the imported files, written to disk, score to the same
numbers and check to the same findings (code, severity, indicator) as the seed files.
"""
from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import perfscore
from perfscore.authoring.importer import read_workbook, write_import
from perfscore.checks import check
from perfscore.formats.xlsx import render
from perfscore.model import Evaluation, IndicatorSet
from perfscore.yamlio import read_yaml

ROOT = Path(__file__).resolve().parents[1]
DEPT = "2024/景德镇市人民政府办公室"
SEEDS = ["政府公报编制及印发专项经费-自评", "市政府值班、信息化等专项工作经费-自评", "政府公报编制及印发专项经费-部门评价"]
PROVENANCE = {"path", "source"}


def seed_files(name: str) -> tuple[Path, Path]:
    return ROOT / "evaluations" / DEPT / f"{name}.yaml", ROOT / "indicator_sets" / DEPT / f"{name}.yaml"


def export(name: str, tmp_path: Path, compare: bool = True) -> Path:
    ev = perfscore.load_evaluation(str(seed_files(name)[0]))
    book = tmp_path / f"{name}.xlsx"
    book.write_bytes(render(perfscore.score(ev), [], compare=compare))
    return book


def as_written(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The seed's evaluation and set, validated from the files' own data, provenance left out."""
    ev_file, set_file = seed_files(name)
    return (Evaluation.model_validate(read_yaml(str(ev_file))).model_dump(exclude=PROVENANCE),
            IndicatorSet.model_validate(read_yaml(str(set_file))).model_dump(exclude=PROVENANCE))


def imported(book: Path) -> tuple[dict[str, Any], dict[str, Any], list[Any]]:
    (got,), skipped = read_workbook(str(book))
    return (Evaluation.model_validate(got.evaluation.data).model_dump(exclude=PROVENANCE),
            IndicatorSet.model_validate(got.set.data).model_dump(exclude=PROVENANCE), got.findings + skipped)


def scored(ev_path: Path) -> tuple[Any, ...]:
    card = perfscore.score(perfscore.load_evaluation(str(ev_path)))
    return (card.total, card.grade, card.weight_total, [(i.path, i.score, i.status) for i in card.indicators],
            card.budget.score if card.budget else None)


def findings(*paths: Path) -> list[tuple[Any, ...]]:
    return sorted((f.code, f.severity, f.indicator) for f in check([str(p) for p in paths]).findings)


@pytest.mark.parametrize("name", SEEDS)
def test_import_of_export_equals_the_seed(name: str, tmp_path: Path) -> None:
    ev, iset, found = imported(export(name, tmp_path))
    assert found == []
    want_ev, want_set = as_written(name)
    assert ev == want_ev
    assert iset == want_set


@pytest.mark.parametrize("name", SEEDS)
def test_the_imported_files_score_and_check_like_the_seed(name: str, tmp_path: Path) -> None:
    book = export(name, tmp_path)
    written = write_import(str(book), str(tmp_path / "out"))
    assert written.problems == [] and written.findings == []
    ev_path = tmp_path / "out" / "evaluations" / f"{name}.yaml"
    set_path = tmp_path / "out" / "indicator_sets" / f"{name}.yaml"
    assert scored(ev_path) == scored(seed_files(name)[0])
    assert findings(ev_path, set_path) == findings(*seed_files(name))


def test_the_form_carries_what_the_paper_form_has_a_place_for(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(export(SEEDS[0], tmp_path))
    ws = wb["自评表"]
    assert wb["perfscore"].sheet_state == "hidden"
    assert ws["B6"].value == "其中：财政拨款"                    # the line's own name
    assert ws["D13"].value == "指标 1：政府公报刊物编制期数"
    assert [ws.cell(31, c).value for c in (1, 7, 8, 9)] == ["总分", 100, 96, 95.92]   # declared 分值合计
    c = openpyxl.load_workbook(export(SEEDS[2], tmp_path))["自评表"]
    assert c["F12"].value == "评分标准" and c["G13"].value == "全部达到"
    assert c["F13"].value.startswith("①符合国家、省部级或市级政策依据")


def edit(book: Path, changes: dict[str, Any], drop_record: bool = False) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(book)
    for ref, value in changes.items():
        wb["自评表"][ref] = value
    if drop_record:
        del wb["perfscore"]
    out = book.with_name("edited.xlsx")
    buffer = io.BytesIO()
    wb.save(buffer)
    out.write_bytes(buffer.getvalue())
    return out


def test_an_edited_cell_wins_over_the_hidden_record_with_a_notice(tmp_path: Path) -> None:
    # Seed A: H14 申报得分 of 印刷份数 5 → 3; C: G13 实际完成值 of 项目立项合规性 全部达到 → 未达到1项.
    ev, _, found = imported(edit(export(SEEDS[0], tmp_path), {"H14": 3}))
    assert ev["results"]["政府公报刊物印刷份数"]["score"] == Decimal(3)
    assert [(f.code, f.severity, f.file.split("!", 1)[1], f.indicator) for f in found] == [
        ("PS401", "notice", "自评表!H14", "产出指标 > 数量 > 政府公报刊物印刷份数")]
    assert "表中为“3”，导出时为“5”" in found[0].message
    ev, _, found = imported(edit(export(SEEDS[2], tmp_path), {"G13": "未达到1项"}))
    assert ev["results"]["项目立项合规性"]["actual"] == "未达到1项" and ev["results"]["项目立项合规性"]["unmet"] is None
    assert [f.file.split("!", 1)[1] for f in found] == ["自评表!G13"]


def test_without_the_hidden_sheet_the_form_alone_gives_what_it_prints(tmp_path: Path) -> None:
    ev, iset, found = imported(edit(export(SEEDS[2], tmp_path), {}, drop_record=True))
    want_ev, want_set = as_written(SEEDS[2])
    assert {k: (r["score"], r["deviation"]) for k, r in ev["results"].items()} == \
        {k: (r["score"], r["deviation"]) for k, r in want_ev["results"].items()}
    assert (ev["declared"]["total"], ev["declared"]["grade"]) == (Decimal(95), "优")
    leaves = [n for g in iset["indicators"] for s in g["children"] for n in s["children"]]
    assert [n["criteria"] for n in leaves] == [n["criteria"] for g in want_set["indicators"] for s in g["children"]
                                              for n in s["children"]]
    assert all(n["rule"] is None for n in leaves)          # rules live only in the hidden sheet


def test_a_plain_export_imports_its_printed_recomputed_scores_as_declared(tmp_path: Path) -> None:
    ev, iset, found = imported(export(SEEDS[0], tmp_path, compare=False))
    want_ev, want_set = as_written(SEEDS[0])
    assert found == [] and iset == want_set
    card = perfscore.score(perfscore.load_evaluation(str(seed_files(SEEDS[0])[0])))
    assert {k: r["score"] for k, r in ev["results"].items()} == {i.key: i.score for i in card.indicators}
    assert (ev["declared"]["total"], ev["declared"]["weight_total"]) == (card.total, card.weight_total)
    same = {k: v for k, v in ev.items() if k not in ("results", "declared", "budget", "funds")}
    assert same == {k: v for k, v in want_ev.items() if k not in ("results", "declared", "budget", "funds")}
    assert {k: r["actual"] for k, r in ev["results"].items()} == {k: r["actual"] for k, r in want_ev["results"].items()}
