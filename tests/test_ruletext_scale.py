"""Sentences that put a quantity on a scale (written for these tests, not copied from the corpus):
按比例 against a threshold the sentence states, formulas naming the actual and the target, steps
over a quantity named in words, names and refusals."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from helpers import tried
from perfscore.ruletext import RuleTextError, parse
from perfscore.ruletext.trial import score_sentence

RUNS = "全区考核排名第1名得8分,第2-4名得6分,其余得3分"
TOP3 = "全市排名前三名的得满分,第4-8名扣1分,9名及以后扣2分"
BOTTOM = "年度考核排名倒数第1名、第2名的分别计5分、4.5分,倒数第3名及以上的,每进1名扣0.5分"
SHORT = "全市排名前三名的得满分,第4-8名扣1分"
UNRANKED = "满分6分,按人均接待量的比例折算,全省排名第3名及以上的得满分,第4-6名扣1分,未参加评比的不得分"
AVERAGE = "人均用时不超过全市平均用时的,得3分;每超平均用时1天,扣0.5分"
TRAINING = "完成年度培训任务并经考核的,得6分;每少1期,按比例扣分"

BASE = "检测合格率达60%以上得基础分,合格率为85%得满分,其间按比例增分,低于60%不得分。分值的70%为基础分"

# sentence → the rule it reads as
PARSED: list[tuple[str, dict[str, Any]]] = [
    # 按比例 against the threshold stated in the full-mark clause
    ("造林完成率达到100%,得8分,低于100%,得分=造林完成率×8分", {"kind": "ratio", "full": 8, "reference": 100}),
    ("年内建成档案30%,得20分;低于要求的按比例得分。", {"kind": "ratio", "full": 20, "reference": 30}),
    (TRAINING, {"kind": "ratio", "full": 6}),
    # the actual and the target by their names in a formula
    ("得分=实际完成值/年度指标值×指标分值", {"kind": "ratio"}),
    ("未完成的,按完成值/目标值×分值计分", {"kind": "ratio"}),
    ("得分=实际值/计划值×12", {"kind": "ratio", "full": 12}),
    ("完成值达到目标值的记满分;未达到的,按 Y/X 或 X/Y*该指标分值记分。", {"kind": "ratio"}),
    ("得分=(实际完成数÷计划完成数)×100%×该项分值", {"kind": "ratio"}),
    ("完成值/目标值×权重分,最高不超过权重分", {"kind": "ratio"}),
    ("以计划数为基准,按实际完成比例计算得分,超过计划数不加分", {"kind": "ratio"}),
    ("全部建成得12分,部分建成按完成比例得分,未建成不得分", {"kind": "ratio", "full": 12}),
    ("得分=群众满意度×分值", {"kind": "formula", "expr": "actual / 100 * full"}),
    ("绿化覆盖率×指标分值", {"kind": "formula", "expr": "actual / 100 * full"}),
    ("得分=完成值/目标值×分值,超过100%的按100%计算", {"kind": "ratio"}),
    ("实际支出≤预算支出得满分,否则按预算支出/实际支出×分值计算",
     {"kind": "formula", "expr": "full if actual <= target else target / actual * full"}),
    ("得分=(1-实际支出/预算数)×分值", {"kind": "formula", "expr": "(1 - actual / target) * full"}),
    ("完成目标值的得满分,未完成的按实际值/目标值×分值计分,完成率低于60%的不得分",
     {"kind": "formula", "expr": "0 if actual / target < 0.6 else min(actual / target, 1) * full"}),
    # 线性内插 between two stated points
    ("达到95%得满分,低于70%不得分,70%-95%之间线性插值计算",
     {"kind": "formula", "label": "70%得0分，95%及以上满分，其间按比例",
      "expr": "full if actual >= 95 else (0 if actual < 70 else (actual - 70) / 25 * full)"}),
    ("达到98%得12分,达到90%得9分,90%-98%之间按比例增分,低于90%不得分",
     {"kind": "formula", "full": 12, "label": "低于90%不得分，90%得9分，98%及以上满分，其间按比例",
      "expr": "full if actual >= 98 else (0 if actual < 90 else 9 + (actual - 90) / 8 * (full - 9))"}),
    (BASE, {"kind": "formula", "label": "低于60%不得分，60%得分值的70%，85%及以上满分，其间按比例",
            "expr": "full if actual >= 85 else (0 if actual < 60 else full * 0.7 + (actual - 60) / 25 * (full - full * 0.7))"}),
    # 名次: runs of places, a score list over a run, the rest, 倒数 with a deduction per place
    (RUNS,
     {"kind": "rank", "places": [{"first": 1, "last": 1, "score": 8}, {"first": 2, "last": 4, "score": 6},
                                 {"first": 5, "score": 3}]}),
    (TOP3,
     {"kind": "rank", "places": [{"first": 1, "last": 3, "score": "100%"}, {"first": 4, "last": 8, "deduct": 1},
                                 {"first": 9, "deduct": 2}]}),
    ("按年度考核结果排序,全市第1-3名的依次得9分、8分、7分",
     {"kind": "rank", "places": [{"first": 1, "last": 1, "score": 9}, {"first": 2, "last": 2, "score": 8},
                                 {"first": 3, "last": 3, "score": 7}]}),
    (BOTTOM,
     {"kind": "rank", "from_bottom": True, "places": [{"first": 1, "last": 1, "score": 5},
                                                      {"first": 2, "last": 2, "score": Decimal("4.5")}],
      "per_place": Decimal("0.5")}),
    ("排名进入前10位的得满分,11-20位得3分,20位以后不得分",  # after a run ending at 20, 20位以后 is 21 on
     {"kind": "rank", "places": [{"first": 1, "last": 10, "score": "100%"}, {"first": 11, "last": 20, "score": 3},
                                 {"first": 21, "score": 0}]}),
    ("年度评比排名前三的得满分,第4-6名得3分",
     {"kind": "rank", "places": [{"first": 1, "last": 3, "score": "100%"}, {"first": 4, "last": 6, "score": 3}]}),
    ("排名第1名得满分,第2名及以后每下降1名扣0.5分,扣完为止",
     {"kind": "rank", "places": [{"first": 1, "last": 1, "score": "100%"}], "per_place": Decimal("0.5")}),
    (UNRANKED,
     {"kind": "rank", "full": 6, "places": [{"first": 1, "last": 3, "score": "100%"}, {"first": 4, "last": 6, "deduct": 1}],
      "zero_if": "未参加评比"}),
    # a step over a quantity the sentence names in words (its value is the target)
    (AVERAGE,
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
    (TRAINING, "6", "12期", "9期",
     "4.50 实际9期，目标12期，完成率9/12=75%，6×9/12"),
    ("完成值达到目标值的记满分;未达到的,按 Y/X 或 X/Y*该指标分值记分。", "10", "≤20天", "25天",
     "8.00 实际25天，目标≤20天，完成率20/25=80%，10×20/25"),
    (AVERAGE, "3", "6.5天", "8.7天",
     "2.00 实际8.7天，目标6.5天，超2.2天，每1天扣0.5分，扣2档1分"),
    (BASE, "10", None, "70%", "8.20 按“低于60%不得分，60%得分值的70%，85%及以上满分，其间按比例”（actual=70，full=10）=8.2"),
    (BASE, "10", None, "59.9%", "0.00 按“低于60%不得分，60%得分值的70%，85%及以上满分，其间按比例”（actual=59.9，full=10）=0"),
    ("实际支出≤预算支出得满分,否则按预算支出/实际支出×分值计算", "10", "80万元", "100万元",
     "8.00 full if actual <= target else target / actual * full（actual=100，full=10，target=80）=8"),
    ("完成目标值的得满分,未完成的按实际值/目标值×分值计分,完成率低于60%的不得分", "10", "200", "150",
     "7.50 0 if actual / target < 0.6 else min(actual / target, 1) * full（actual=150，full=10，target=200）=7.5"),
    ("完成目标值的得满分,未完成的按实际值/目标值×分值计分,完成率低于60%的不得分", "10", "200", "110",
     "0.00 0 if actual / target < 0.6 else min(actual / target, 1) * full（actual=110，full=10，target=200）=0"),
    (RUNS, "8", None, "第3名", "6.00 第3名，在第2—4名之列，得6分"),
    (RUNS, "8", None, "全区排名第九", "3.00 第9名，在第5名及以后之列，得3分"),
    (TOP3, "5", None, "7", "4.00 第7名，在第4—8名之列，扣1分，5−1=4分"),
    (BOTTOM, "5", None, "倒数第2名",
     "4.50 倒数第2名，得4.5分"),
    (BOTTOM, "5", None, "倒数第5名",
     "3.00 倒数第5名，倒数第2名4.5分，之后每名扣0.5分，3名扣1.5分"),
    ("排名第1名得满分,第2名及以后每下降1名扣0.5分,扣完为止", "2", None, "第6名",
     "0.00 第6名，第1名2分，之后每名扣0.5分，5名扣2.5分，扣完为止"),
    # refused: a place the sentence does not list; the other count. A case that takes the score and that the
    # cell does not report (未参加评比 beside 第2名) did not happen, as for every fact the cell does not mention
    (SHORT, "5", None, "第9名", "拒绝：无法计分：第9名不在评分标准列出的名次（第1—3名、第4—8名）之内"),
    (BOTTOM, "5", None, "第2名",
     "拒绝：无法计分：本项按倒数名次计分，实际“第2名”没有写“倒数”：请写倒数第几名"),
    (SHORT, "5", None, "前3名", "拒绝：无法计分：实际完成值“前3名”不是一个名次（应写 第3名、倒数第2名 或 3）"),
    (UNRANKED, "6", None, "第2名", "6.00 第2名，在第1—3名之列，得6分"),
    ("得分=群众满意度×分值", "10", None, "87.5%", "8.75 actual / 100 * full（actual=87.5，full=10）=8.75"),
    ("全部建成得12分,部分建成按完成比例得分,未建成不得分", "12", "40个", "未建成", "0.00 实际0个，目标40个，完成率0/40=0%，12×0/40"),
    # refused: the threshold is a quantity in words and no target says what it is
    (AVERAGE, "3", None, "8.7天",
     "拒绝：无法计分：每档扣分需要数值型目标值或 reference"),
    (TRAINING, "6", None, "9期",
     "拒绝：无法计分：按比例计分需要数值型目标值"),
]


@pytest.mark.parametrize("text,weight,target,actual,expected", SCORED,
                         ids=[f"{s[0][:10]}-{s[3]}-{s[2]}" for s in SCORED])
def test_scale_sentence_scores(text: str, weight: str, target: str | None, actual: str, expected: str) -> None:
    assert tried(text, weight, target, actual, explained=True) == expected


def test_a_formula_naming_neither_actual_nor_target_keeps_its_facts() -> None:
    assert parse("得分=已整改数/应整改数×指标分值") == {"kind": "formula", "facts": ["已整改数", "应整改数"],
                                                  "expr": "已整改数 / 应整改数 * full"}


def test_a_ratio_by_an_expression_without_the_score_is_not_understood() -> None:
    with pytest.raises(RuleTextError) as info:
        parse("按完成值/目标值计分")
    assert info.value.why == "没有找到得分、扣分或计分方法的说法"


# sentences about places (and below, 按比例) the reader refuses, and why
REFUSED = [
    ("排名前5名得满分,后3名不得分", "“前N名”与倒数名次混在一句，需知道参评总数才能换算"),
    ("年度评比排名前三的得满分,排名后三的不得分", "“前N名”与倒数名次混在一句，需知道参评总数才能换算"),
    ("排名第1名得满分,第2名及以后每前进1名扣0.5分", "“每前进”与名次的数法（从第1名数起）方向相反"),
    ("排名第1名得满分,第3名及以后每下降1名扣0.5分", "每名扣分从第3名起，与列出的名次（到第1名）接不上"),
    ("排名第1名得满分,第2名及以后每下降2名扣1分", "名次每变一名的扣分应写成“每退1名扣N分”"),
    ("排名前3名得满分,第4-6名酌情扣分", "名次“第4-6名”之后的“酌情扣分”不是得分或扣分"),
    ("达到95%得10分,80%-95%之间按比例增分", "线性内插要写明得满分的一点和起点（低于它不得分，或在它得基础分）"),
    ("合格率达60%以上得基础分,合格率为85%得满分,其间按比例增分,低于60%不得分", "“基础分”没有说明是多少（如“分值的80%为基础分”）"),
    ("达到95%得满分,低于60%不得分,70%-95%之间按比例增分,达到70%得5分", "线性内插的起点与“低于…不得分”的界限不一致"),
    # 按比例 beside a threshold that is not the pass mark it seems: refused, not guessed
    ("达到85%得满分,低于50%不得分,50%-85%之间按比例得分",
     "低于50%不得分、达到85得满分，其间“按比例”说不清是按完成比例（实际/85）计分，还是在两者之间线性计算：有歧义"),
    ("以计划数为基准,按实际完成比例计算得分,未达到计划数的不加分", "已按“按比例计分”理解，但“未达到计划数不加分”不合这种规则"),
    ("全部建成得12分,部分建成按完成比例得分,资料不全的不得分", "已按“按比例计分”理解，但“资料不全不得分”不合这种规则"),
]


@pytest.mark.parametrize("text,why", REFUSED, ids=[r[0][:12] for r in REFUSED])
def test_a_place_sentence_that_cannot_be_read_is_refused_with_why(text: str, why: str) -> None:
    with pytest.raises(RuleTextError) as info:
        parse(text)
    assert info.value.why == why


def test_people_counted_by_名_are_not_places() -> None:
    assert parse("配备3-5名专职人员得满分,否则不得分")["kind"] == "boolean"


def test_排序_without_places_is_left_to_the_other_readers() -> None:
    assert parse("台账按时间排序归档,每迟报一天扣1分,扣完为止")["kind"] == "step"


def test_a_place_with_the_fact_given_scores() -> None:
    text = UNRANKED
    assert score_sentence(text, "6", None, "第5名", facts=["未参加评比=否"]).score == Decimal("5.00")
    done = score_sentence(text, "6", None, "第2名", facts=["未参加评比=是"])
    assert (done.score, done.scored.explanation) == (Decimal("0.00"), "第2名，但未参加评比，不得分")
