"""Fuzzing (hypothesis): generated indicator sets, evaluations, rule sentences and workbooks.

The contract on each: exit 0, 1 or 2, never 3, never a traceback. Properties of scoring:
0 ≤ score ≤ weight for normal items; a 正向 ratio / step / bands score never decreases when
the actual grows; a total is the sum of its rows; ``check`` finds the same on a file alone
and inside a batch. Example counts stay small so the suite stays fast.
"""
from __future__ import annotations

import io
import shutil
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import write_sheet
from perfscore.cli import main
from perfscore.loading import forget_index

FEW = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))

# --------------------------------------------------------------------------- strategies

decimals = st.decimals(min_value=0, max_value=10 ** 6, places=2, allow_nan=False, allow_infinity=False)
weights = st.sampled_from(["1", "2.5", "5", "10", "20", "0.5"])
units = st.sampled_from(["份", "个", "%", "期", "万元", ""])
ops = st.sampled_from(["≥", "=", "≤", ">", ""])
hostile_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
actual_text = st.one_of(decimals.map(str), hostile_text, st.sampled_from(
    ["全年", "是", "否", "100%", "1e999999999", "9" * 80, "-0", "不适用", "", "十二期", "2024年12月31日", "NaN"]))
rules = st.one_of(
    st.none(),
    st.builds(lambda per, d: f"{{kind: step, per: {per}, deduct: {d}}}", st.sampled_from(["1", "10", "0.5"]),
              st.sampled_from(["0.1", "1", "10%"])),
    st.builds(lambda lo: f"{{kind: bands, bands: [{{min: {lo}, score: 100%}}, {{max: {lo}, score: 0}}]}}",
              st.sampled_from(["60", "80", "90"])),
    st.sampled_from(["{kind: ratio}", "{kind: formula, expr: \"weight * min(actual / target, 1)\"}",
                     "{kind: boolean}", "{kind: manual}"]),
)


@st.composite
def trees(draw: Any) -> dict[str, str]:
    """An indicator set of 1-6 leaves and an evaluation of it: names, targets, weights, rules, actuals."""
    n = draw(st.integers(1, 6))
    leaves, rows = [], []
    for i in range(n):
        target = f"{draw(ops)}{draw(decimals)} {draw(units)}".strip()
        rule = draw(rules)
        name = f"指标{i}" + draw(st.sampled_from(["", ">", "'", "#", " x", "(%)"]))
        quoted = '"' + name.replace('"', '\\"') + '"'
        leaves.append(f"          - {{name: {quoted}, target: \"{target}\", weight: {draw(weights)}"
                      + (f", rule: {rule}" if rule else "") + "}\n")
        actual = draw(actual_text)
        rows.append(f"  {quoted}: {{actual: \"{_escape(actual)}\"}}\n")
    set_text = ("indicator_set: F\nname: 模糊\nindicators:\n  - name: 产出指标\n    children:\n"
                "      - name: 数量\n        children:\n" + "".join(leaves))
    ev = ("project: 模糊\ndepartment: 部门\nyear: 2024\nkind: 自评\nindicator_set: F\nresults:\n" + "".join(rows))
    return {"indicator_sets/f.yaml": set_text, "e.yaml": ev}


def _escape(text: str) -> str:
    return "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else "?"
                   for c in text)


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def _write(files: dict[str, str], directory: Path) -> None:
    for rel, text in files.items():
        (directory / rel).parent.mkdir(parents=True, exist_ok=True)
        (directory / rel).write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- the contract

@FEW
@given(trees())
def test_generated_sets_and_evaluations_keep_the_contract(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        _write(files, d)
        forget_index()
        for argv in (["check", str(d)], ["score", str(d / "e.yaml"), "--explain"], ["validate", str(d)]):
            code, _, err = _run(argv)
            assert code in (0, 1, 2), (argv, err)
            assert "Traceback" not in err and "内部出错" not in err


@FEW
@given(trees())
def test_scores_stay_within_weights_and_totals_are_sums(files: dict[str, str]) -> None:
    import perfscore
    from perfscore.errors import PerfscoreError

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        _write(files, d)
        forget_index()
        try:
            card = perfscore.score(perfscore.load_evaluation(str(d / "e.yaml")))
        except PerfscoreError:
            return
        rows = [i for i in card.indicators if i.node.role == "normal"]
        for row in rows:
            if row.score is not None:
                assert 0 <= row.score <= row.weight, (row.path, row.score, row.weight)
        if card.rescaled_from is None:
            budget = card.budget.score if card.budget is not None and card.budget.score is not None else 0
            assert card.total == sum((i.score for i in card.indicators if i.score is not None), Decimal(0)) + budget


@FEW
@given(st.lists(trees(), min_size=2, max_size=3))
def test_check_finds_the_same_alone_and_in_a_batch(batch: list[dict[str, str]]) -> None:
    from perfscore.checks import check

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for i, files in enumerate(batch):
            _write({k.replace("f.yaml", f"f{i}.yaml").replace("e.yaml", f"e{i}.yaml"): v.replace(": F\n", f": F{i}\n")
                    for k, v in files.items()}, root / f"p{i}")
        forget_index()
        together = check([str(root)])
        for i in range(len(batch)):
            forget_index()
            alone = check([str(root / f"p{i}")])
            # cross-document findings (PS3xx) compare files with each other: only a batch has them
            mine = [f for f in together.findings if f.file and f.file.startswith(str(root / f"p{i}"))
                    and not f.code.startswith("PS3")]
            assert sorted(map(str, alone.findings)) == sorted(map(str, mine))


# --------------------------------------------------------------------------- monotony of 正向 rules

@FEW
@given(st.sampled_from(["ratio", "step", "bands"]), decimals, decimals, decimals)
def test_a_positive_rule_never_scores_less_for_a_larger_actual(kind: str, target: Decimal, a: Decimal,
                                                                 b: Decimal) -> None:
    from perfscore.rules import RULES
    from perfscore.rules.base import Inputs
    from perfscore.targets import parse_target

    options: dict[str, Any] = {"ratio": {}, "step": {"per": "1", "deduct": "0.5"},
                               "bands": {"bands": [{"min": "90", "score": "100%"}, {"min": "60", "max": "90",
                                                                                     "score": "50%"},
                                                   {"max": "60", "score": "0"}]}}[kind]
    rule = RULES[kind].model_validate({"kind": kind, **options})
    goal = parse_target(f"≥{target + 1}")
    low, high = sorted((a, b))
    scores = [rule.score(Inputs(weight=Decimal(10), target=goal, actual=str(x))).score for x in (low, high)]
    assert scores[0] <= scores[1]


# --------------------------------------------------------------------------- rule sentences and workbooks

sentence_words = st.sampled_from(["每少", "每多", "个", "扣", "分", "得满分", "扣完为止", "以上", "以下", "%", "（含）",
                                  "不得分", "，", "。", "达到", "目标", "1", "10", "0.5", "90", "100", "9" * 70, "~",
                                  "1e999999999", "\x1b", "最多扣", "为止", "否则", "是", "完成"])


@FEW
@given(st.lists(sentence_words, max_size=25).map("".join))
# found by fuzzing: 百分之一二 / 零分之一 read as fractions (InvalidOperation, DivisionByZero: exit 3)
@example(sentence="完成率达到百分之一二得5分")
@example(sentence="完成率达到零分之一得5分")
# and 得基础分 in a band read as a number of points (InvalidOperation, exit 3)
@example(sentence="免疫抗体合格率达70%以上得该项分数基础分")
@example(sentence="合格率90%以上得基础分，80%-90%得2分，80%以下不得分")
@example(sentence="开展一次的，得基础分；开展二次的，得满分；未开展的，不得分")
@example(sentence="仅得基础分2分全部完成发放补贴面积得5分高于标准不得分")
# 一一项 read as a numeral, and 三分之一分 / 1/3分 read as a number of points (InvalidOperation, exit 3)
@example(sentence="每少记录一一项扣1分。")
@example(sentence="完成率90%以上得三分之一分，否则不得分")
@example(sentence="好的得3分，较好得2分，一般扣三分之一分")
@example(sentence="超支1%-5%扣三分之一分，超支5%以上不得分")
@example(sentence="90%以上得1/2分，否则扣1/3分")
# 各占1/4% read as a share (InvalidOperation), and 要点“ never closed scanned forever (a hang)
@example(sentence="要点①②③④各占指标分值的1/4%")
@example(sentence="该要点“。分扣完为止")
def test_rule_sentences_become_rules_or_located_errors(sentence: str) -> None:
    code, _, err = _run(["rule", "parse", sentence])
    assert code in (0, 1, 2), err
    assert "Traceback" not in err and "内部出错" not in err


cells = st.one_of(st.none(), decimals.map(str), hostile_text, st.sampled_from(
    ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分", "产出指标", "数量指标", "=12期", "≥90%",
     "项目名称", "主管部门", "合计", "1e999999999", "9" * 400]))


@FEW
@given(st.lists(st.lists(cells, min_size=1, max_size=8), min_size=1, max_size=12))
# found by this test: a two-row header whose 三级指标 stands only in its second row crashed (exit 3)
@example(rows=[[None, "一级指标", "三级指标"], ["三级指标", "一级指标"]])
# and one whose second row names the 三级 column 二级指标 (KeyError 'l3', exit 3)
@example(rows=[["一级指标", "三级指标"], ["一级指标", "二级指标"]])
def test_generated_workbooks_import_or_fail_cleanly(rows: list[list[str | None]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        write_sheet(d / "w.xlsx", "项目", rows)
        forget_index()
        code, _, err = _run(["import", str(d / "w.xlsx"), "-o", str(d / "out")])
        shutil.rmtree(d / "out", ignore_errors=True)
    assert code in (0, 1, 2), err
    assert "Traceback" not in err and "内部出错" not in err
