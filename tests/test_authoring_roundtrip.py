"""import(export(x)) for the seed's three evaluations, through perfscore's own xlsx exporter.

The exporter prints a score sheet: with ``compare`` the declared 得分 stand in a 申报得分 column
beside the recomputed 复核得分, and the importer reads the declared ones. What the printed form
carries comes back exactly; what it does not print (listed in ``NOT_PRINTED``) cannot.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import perfscore
from perfscore.authoring.importer import read_workbook
from perfscore.formats.xlsx import render
from perfscore.model import Evaluation, IndicatorSet

ROOT = Path(__file__).resolve().parents[1]
DEPT = "2024/景德镇市人民政府办公室"
SEEDS = ["政府公报编制及印发专项经费-自评", "市政府值班、信息化等专项工作经费-自评", "政府公报编制及印发专项经费-部门评价"]


def round_trip(name: str, tmp_path: Path) -> tuple[Evaluation, IndicatorSet, dict[str, Any], dict[str, Any]]:
    ev = perfscore.load_evaluation(str(ROOT / "evaluations" / DEPT / f"{name}.yaml"))
    card = perfscore.score(ev)
    book = tmp_path / f"{name}.xlsx"
    book.write_bytes(render(card, [], compare=True))
    (got,), skipped = read_workbook(str(book))
    assert got.findings == [] and skipped == []
    return ev, card.indicator_set, got.evaluation.data, got.set.data


def leaves(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    out = []

    def walk(prefix: tuple[str, ...], nodes: list[dict[str, Any]]) -> None:
        for n in nodes:
            path = prefix + (n["name"],)
            if n.get("children") or "weight" not in n:
                walk(path, n.get("children", []))
            else:
                out.append((path, str(n["weight"]), n.get("target"), n.get("unit")))
    walk((), data["indicators"])
    return out


def seed_leaves(iset: IndicatorSet) -> list[tuple[Any, ...]]:
    return [(p, str(n.weight), n.target.text if n.target else None, n.unit) for p, n in iset.leaves()]


@pytest.mark.parametrize("name", SEEDS[:2])
def test_round_trip_self_evaluations_give_back_the_printed_values(name: str, tmp_path: Path) -> None:
    ev, iset, data, set_data = round_trip(name, tmp_path)
    got = Evaluation.model_validate(data)
    assert got.results == ev.results
    assert (got.project, got.department, got.implementer, got.year, got.kind, got.indicator_set) == \
        (ev.project, ev.department, ev.implementer, ev.year, ev.kind, ev.indicator_set)
    assert got.goals == ev.goals
    assert got.budget == ev.budget
    assert got.funds is not None and ev.funds is not None
    assert (got.funds.initial, got.funds.annual, got.funds.executed, got.funds.deviation) == \
        (ev.funds.initial, ev.funds.annual, ev.funds.executed, ev.funds.deviation)
    assert (got.declared.total, got.declared.grade) == (ev.declared.total, ev.declared.grade)
    assert leaves(set_data) == seed_leaves(iset)


def test_round_trip_department_evaluation_gives_back_scores_and_actuals(tmp_path: Path) -> None:
    ev, iset, data, set_data = round_trip(SEEDS[2], tmp_path)
    got = Evaluation.model_validate(data)
    assert {k: r.score for k, r in got.results.items()} == {k: r.score for k, r in ev.results.items()}
    assert {k: r.actual for k, r in got.results.items() if ev.results[k].actual is not None} == \
        {k: r.actual for k, r in ev.results.items() if r.actual is not None}
    assert (got.declared.total, got.declared.grade, got.kind) == (ev.declared.total, ev.declared.grade, "部门评价")
    assert [(p, w) for p, w, *_ in leaves(set_data)] == [(p, w) for p, w, *_ in seed_leaves(iset)]


# What the exported form does not print, so no importer can give it back (exporter changes asked
# for in the authoring report): the set's declared total (总分 shows the recomputed 分值 sum), the
# evaluation's own fund line names and declared 执行率, the "指标 N：" numbers, and for 部门评价
# the rules, criteria and grade bands of the set and the evidence / facts / checklist inputs /
# subtotals / grade words of the evaluation.
@pytest.mark.xfail(strict=True, reason="导出的 xlsx 未印出申报分值合计、资金明细行原名、指标编号、评分标准与规则等，"
                                       "见 NOT_PRINTED；导出器补齐后去掉此标记")
@pytest.mark.parametrize("name", SEEDS)
def test_import_of_export_equals_the_seed(name: str, tmp_path: Path) -> None:
    ev, iset, data, set_data = round_trip(name, tmp_path)
    got = Evaluation.model_validate(data)
    assert got.model_dump(exclude={"path", "source"}) == ev.model_dump(exclude={"path", "source"})
    assert set_data["total"] == iset.total
    assert leaves(set_data) == seed_leaves(iset)
    assert [n.get("no") for n in _leaf_nodes(set_data)] == [n.no for _, n in iset.leaves()]


def _leaf_nodes(data: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def walk(nodes: list[dict[str, Any]]) -> None:
        for n in nodes:
            if n.get("children"):
                walk(n["children"])
            elif "weight" in n:
                out.append(n)
    walk(data["indicators"])
    return out
