"""Sentences that put a quantity on a scale (written for these tests, not copied from the corpus):
按比例 against a threshold the sentence states, formulas naming the actual and the target, steps
over a quantity named in words, names and refusals."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from perfscore.errors import PerfscoreError
from perfscore.ruletext import RuleTextError, parse
from perfscore.ruletext.trial import score_sentence

# sentence → the rule it reads as
PARSED: list[tuple[str, dict[str, Any]]] = [
    # 按比例 against the threshold stated in the full-mark clause
    ("造林完成率达到100%,得8分,低于100%,得分=造林完成率×8分", {"kind": "ratio", "full": 8, "reference": 100}),
    ("年内建成档案30%,得20分;低于要求的按比例得分。", {"kind": "ratio", "full": 20, "reference": 30}),
    ("完成年度培训任务并经考核的,得6分;每少1期,按比例扣分", {"kind": "ratio", "full": 6}),
    # the actual and the target by their names in a formula
    ("得分=实际完成值/年度指标值×指标分值", {"kind": "ratio"}),
    ("未完成的,按完成值/目标值×分值计分", {"kind": "ratio"}),
    ("得分=实际值/计划值×12", {"kind": "ratio", "full": 12}),
    ("完成值达到目标值的记满分;未达到的,按 Y/X 或 X/Y*该指标分值记分。", {"kind": "ratio"}),
    # a step over a quantity the sentence names in words (its value is the target)
    ("人均用时不超过全市平均用时的,得3分;每超平均用时1天,扣0.5分",
     {"kind": "step", "full": 3, "direction": "above", "per": 1, "deduct": Decimal("0.5")}),
]


@pytest.mark.parametrize("text,rule", PARSED, ids=[p[0][:14] for p in PARSED])
def test_scale_sentence_reads_as_the_rule(text: str, rule: dict[str, Any]) -> None:
    assert parse(text) == rule


def test_a_stated_threshold_equal_to_the_target_is_left_to_the_target() -> None:
    assert parse("年内建成档案30%,得20分;低于要求的按比例得分。", target="≥30%") == {"kind": "ratio", "full": 20}


# sentence, 分值, 目标, 实际 (as written) → 得分 and the explanation, or the refusal
SCORED: list[tuple[str, str, str | None, str, str]] = [
    ("年内建成档案30%,得20分;低于要求的按比例得分。", "20", None, "24%",
     "16.00 实际24%，目标≥30，完成率24/30=80%，20×24/30"),
    ("年内建成档案30%,得20分;低于要求的按比例得分。", "20", None, "35%", "20.00 实际35%，目标≥30，达到目标"),
    ("造林完成率达到100%,得8分,低于100%,得分=造林完成率×8分", "8", None, "75%",
     "6.00 实际75%，目标≥100，完成率75/100=75%，8×75/100"),
    ("完成年度培训任务并经考核的,得6分;每少1期,按比例扣分", "6", "12期", "9期",
     "4.50 实际9期，目标12期，完成率9/12=75%，6×9/12"),
    ("完成值达到目标值的记满分;未达到的,按 Y/X 或 X/Y*该指标分值记分。", "10", "≤20天", "25天",
     "8.00 实际25天，目标≤20天，完成率20/25=80%，10×20/25"),
    ("人均用时不超过全市平均用时的,得3分;每超平均用时1天,扣0.5分", "3", "6.5天", "8.7天",
     "2.00 实际8.7天，目标6.5天，超2.2天，每1天扣0.5分，扣2档1分"),
    # refused: the threshold is a quantity in words and no target says what it is
    ("人均用时不超过全市平均用时的,得3分;每超平均用时1天,扣0.5分", "3", None, "8.7天",
     "拒绝：无法计分：每档扣分需要数值型目标值或 reference"),
    ("完成年度培训任务并经考核的,得6分;每少1期,按比例扣分", "6", None, "9期",
     "拒绝：无法计分：按比例计分需要数值型目标值"),
]


@pytest.mark.parametrize("text,weight,target,actual,expected", SCORED,
                         ids=[f"{s[0][:10]}-{s[3]}-{s[2]}" for s in SCORED])
def test_scale_sentence_scores(text: str, weight: str, target: str | None, actual: str, expected: str) -> None:
    try:
        done = score_sentence(text, weight, target, actual)
        got = f"{done.score} {done.scored.explanation}"
    except PerfscoreError as exc:
        got = f"拒绝：{exc}"
    assert got == expected


def test_a_formula_naming_neither_actual_nor_target_keeps_its_facts() -> None:
    assert parse("得分=已整改数/应整改数×指标分值") == {"kind": "formula", "facts": ["已整改数", "应整改数"],
                                                  "expr": "已整改数 / 应整改数 * full"}


def test_a_ratio_by_an_expression_without_the_score_is_not_understood() -> None:
    with pytest.raises(RuleTextError) as info:
        parse("按完成值/目标值计分")
    assert info.value.why == "没有找到得分、扣分或计分方法的说法"
