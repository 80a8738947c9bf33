"""Clauses that combine in one sentence (sentences written for these tests, of the real shapes, not
copied from the corpus): a veto beside steps or counts, one occurrence that takes the score, a
vetoing event after the full score, a sentence in brackets, numbering like ``(2)``; each with the
rule it reads as, exact scores of the actual as written, and refusals that say why."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from helpers import tried
from perfscore.errors import PerfscoreError
from perfscore.ruletext import RuleTextError, parse
from perfscore.ruletext.trial import score_sentence

_VETO_STEP = "路面每发现一处破损扣0.5分,扣完为止;发生安全事故的,此项不得分。"
_VETO_STEP_AWARD = "维修及时且未发生返工,得3分;否则每发生1次返工扣1分,扣完为止;发生质量事故的,不得分。"
_ONCE = "(2)资料按时归档得4分,缺一份不得分。"
_BRACKETED = "(未备份的不得分;未按时备份的扣1分。)"
_EVENT = "数据真实准确得4分,如查实有虚报的,此项不得分。"
_VETO_READS_ACTUAL = "达到95%得满分,每低1%扣1分;发生安全事故的,此项不得分。"
_EXEMPT = "按规定足额配备专职人员的,得3分;配备不足的,每少1%扣0.2分;但经批准暂缓配备的,可不扣分。"
_LEVELS_VETO = "好得5分,较好得3分,差不得分;如发现违规的,此项不得分"
_NUMBERED = "①未按时报送计划的扣2分;②计划未经审批的扣2分;③计划与实际不符的,再扣2分。"
_NUMBERED_COUNT = "①泄露内部信息的,扣5分;②错发文件,每例扣1分。"
_POINTED = "制定方案2分、召开会议3分、总结上报5分,每完成1项取得该项分数,未完成项不得分。"
_TIERS = "工程结算与合同金额相符的得8分,基本相符的得5分,差异较大的扣8分。发现虚列支出的,酌情扣分。"

PARSED: list[tuple[str, dict[str, Any]]] = [
    ("每发生1起安全事故扣1分,扣完为止",
     {"kind": "step", "input": "安全事故起数", "reference": 0, "direction": "above", "per": 1, "deduct": 1}),
    (_VETO_STEP,
     {"kind": "sum", "parts": [
         {"kind": "step", "input": "破损处数", "reference": 0, "direction": "above", "per": 1, "deduct": Decimal("0.5")},
         {"kind": "formula", "facts": ["发生安全事故"], "expr": "0 if 发生安全事故 else full"}]}),
    (_VETO_STEP_AWARD,
     {"kind": "sum", "parts": [
         {"kind": "step", "full": 3, "input": "返工次数", "reference": 0, "direction": "above", "per": 1, "deduct": 1},
         {"kind": "formula", "facts": ["发生质量事故"], "expr": "0 if 发生质量事故 else full"}]}),
    (_ONCE,
     {"kind": "step", "full": 4, "input": "缺份数", "reference": 0, "direction": "above", "per": 1, "deduct": "100%"}),
    (_BRACKETED,
     {"kind": "sum", "parts": [{"kind": "boolean", "input": "备份"},
                               {"kind": "boolean", "input": "按时备份", "deduct": 1}]}),
    (_VETO_READS_ACTUAL,
     {"kind": "sum", "parts": [{"kind": "step", "reference": 95, "per": 1, "deduct": 1},
                               {"kind": "formula", "facts": ["发生安全事故"], "expr": "0 if 发生安全事故 else full"}]}),
    (_EVENT, {"kind": "formula", "full": 4, "facts": ["查实有虚报"], "expr": "0 if 查实有虚报 else full"}),
    ("台账齐全得2分,如出现漏报、错报(含迟报)的,此项不得分",
     {"kind": "formula", "full": 2, "facts": ["出现漏报或错报"], "expr": "0 if 出现漏报或错报 else full"}),
    ("每有一户未发放扣1分,扣完为止。若出现虚报冒领,则该项指标不得分。",
     {"kind": "sum", "parts": [
         {"kind": "step", "input": "未发放户数", "reference": 0, "direction": "above", "per": 1, "deduct": 1},
         {"kind": "formula", "facts": ["出现虚报冒领"], "expr": "0 if 出现虚报冒领 else full"}]}),
    ("完成任务得满分,凡发生安全事故的,此项不得分",
     {"kind": "formula", "facts": ["发生安全事故"], "expr": "0 if 发生安全事故 else full"}),
    # a veto after levels or after a yes/no and its other case: the rule read before it, and the veto beside
    (_LEVELS_VETO,
     {"kind": "sum", "parts": [
         {"kind": "qualitative", "full": 5, "levels": [{"name": "好", "min": "100%", "max": "100%"},
                                                       {"name": "较好", "min": "60%", "max": "60%"},
                                                       {"name": "差", "min": "0%", "max": "0%"}]},
         {"kind": "formula", "facts": ["发现违规"], "expr": "0 if 发现违规 else full"}]}),
    ("项目按计划完成得4分,否则不得分;如存在虚报工程量的,此项不得分。",
     {"kind": "sum", "parts": [{"kind": "boolean", "full": 4},
                               {"kind": "formula", "facts": ["存在虚报工程量"], "expr": "0 if 存在虚报工程量 else full"}]}),
    # two parallel cases (若A…;若B…) are levels, not a veto; the other case of the first (未A) a yes/no
    ("若按期完成得6分;若未按期完成,得0分", {"kind": "boolean", "full": 6}),
    ("若资料齐全得6分;若资料缺失得0分",
     {"kind": "qualitative", "full": 6, "levels": [{"name": "资料齐全", "min": "100%", "max": "100%"},
                                                   {"name": "资料缺失", "min": "0%", "max": "0%"}]}),
    # numbered clauses, each its own deduction: yes/no parts and counts, named with their numerals
    (_NUMBERED,
     {"kind": "sum", "parts": [{"kind": "boolean", "input": "①按时报送计划", "deduct": 2},
                               {"kind": "boolean", "input": "②计划经审批", "deduct": 2},
                               {"kind": "boolean", "input": "③计划与实际符", "deduct": 2}]}),
    (_NUMBERED_COUNT,
     {"kind": "sum", "parts": [{"kind": "boolean", "input": "①无泄露内部信息", "deduct": 5},
                               {"kind": "step", "input": "②错发文件例数", "reference": 0, "direction": "above",
                                "per": 1, "deduct": 1}]}),
    # items listed with their points: a checklist whose shares are the points over their sum
    (_POINTED,
     {"kind": "checklist", "mode": "share", "full": 10,
      "items": [{"name": "制定方案", "share": "20%"}, {"name": "召开会议", "share": "30%"},
                {"name": "总结上报", "share": "50%"}]}),
    ("建立台账2分、按月分析2分。", {"kind": "checklist", "mode": "share", "full": 4, "items": ["建立台账", "按月分析"]}),
    ("制度健全得2分、执行有效得3分",  # 、 between clauses is not part of the second one's name
     {"kind": "checklist", "mode": "share", "full": 5,
      "items": [{"name": "制度健全", "share": "40%"}, {"name": "执行有效", "share": "60%"}]}),
    # a step of a quantity beside an enumeration (财会、审计等人员的比例): not 要点
    ("财会、审计、统计等专业人员占职工总数的比例不低于30%的得3分;每低1%扣0.2分。",
     {"kind": "step", "full": 3, "reference": 30, "per": 1, "deduct": Decimal("0.2")}),
    # how occurrences are counted is a remark, not a score
    ("台账每错一处扣0.2分;由一处填报错误引起多处错误的,按一处计。",
     {"kind": "step", "input": "台账每错处数", "reference": 0, "direction": "above", "per": 1, "deduct": Decimal("0.2")}),
    # levels with their points, the lowest losing the whole score, and a case of its own for 酌情扣分
    (_TIERS,
     {"kind": "qualitative", "full": 8, "levels": [{"name": "相符", "min": "100%", "max": "100%"},
                                                   {"name": "基本相符", "min": "62.5%", "max": "62.5%"},
                                                   {"name": "差异较大", "min": "0%", "max": "0%"}],
      "discretion": "发现虚列支出"}),
    ("账表一致的得6分,基本一致的得4分,差异较大的扣6分",
     {"kind": "qualitative", "full": 6, "levels": [{"name": "账表一致", "min": "100%", "max": "100%"},
                                                   {"name": "基本一致", "min": "2/3", "max": "2/3"},
                                                   {"name": "差异较大", "min": "0%", "max": "0%"}]}),
    # 否则酌情扣分 is the other case of the score, not a case of its own
    ("台账规范得2分,否则酌情扣分。", {"kind": "manual", "full": 2}),
    # an exemption the evaluator claims (但…的,可不扣分); 足额 is the whole of what is due, 100%
    (_EXEMPT, {"kind": "step", "full": 3, "reference": 100, "per": 1, "deduct": Decimal("0.2"),
               "exempt": "经批准暂缓配备"}),
    # 足额 is 100% only as a step's reference: among verbal clauses it is a yes/no condition
    ("按时足额发放得4分,否则不得分", {"kind": "boolean", "full": 4}),
    ("按时足额发放得4分,如发现虚报冒领的,此项不得分",
     {"kind": "formula", "full": 4, "facts": ["发现虚报冒领"], "expr": "0 if 发现虚报冒领 else full"}),
    # a heading before numbered deductions; 但不超过N分 after a step bounds its deduction
    ("存在以下情形的扣分:①未制定预案的扣2分;②未开展演练的扣3分。",
     {"kind": "sum", "parts": [{"kind": "boolean", "input": "①制定预案", "deduct": 2},
                               {"kind": "boolean", "input": "②开展演练", "deduct": 3}]}),
    ("到位率达到95%得满分,每低1%扣0.5分,但不超过3分",
     {"kind": "step", "reference": 95, "per": 1, "deduct": Decimal("0.5"), "deduct_max": 3}),
    ("每发现一起违规扣1分;发现一起重大违规的,不得分",
     {"kind": "sum", "parts": [
         {"kind": "step", "input": "违规起数", "reference": 0, "direction": "above", "per": 1, "deduct": 1},
         {"kind": "step", "input": "重大违规起数", "reference": 0, "direction": "above", "per": 1, "deduct": "100%"}]}),
    # how other units are scored (其他单位得分为…的平均值) is not this rule
    ("骨干教师占比不低于30%的,得3分;每低1%扣0.1分。其他单位得分为骨干学校得分的平均值",
     {"kind": "step", "full": 3, "reference": 30, "per": 1, "deduct": Decimal("0.1")}),
    # a threshold's other side written as a count stays a band (完成率 read, not a count of persons)
    ("培训完成率100%得满分;有1人未参训,该项不得分。",
     {"kind": "bands", "bands": [{"min": 100, "score": "100%"}, {"max": 100, "score": 0}]}),
]


@pytest.mark.parametrize("text,rule", PARSED, ids=[p[0][:12] for p in PARSED])
def test_combined_clauses_read_as_one_rule(text: str, rule: dict[str, Any]) -> None:
    assert parse(text) == rule


# sentence, 分值, 实际 (as written), --level → 得分 or the refusal (, --unmet)
SCORED: list[tuple[Any, ...]] = [
    ("每发生1起安全事故扣1分,扣完为止", "3", "2起", None, "1.00"),
    (_VETO_STEP, "5", "破损3处", None, "3.50"),
    (_VETO_STEP, "5", "破损12处", None, "0.00"),
    (_VETO_STEP, "5", "发生安全事故1起", None, "0.00"),
    (_VETO_STEP_AWARD, "3", "返工2次", None, "1.00"),
    (_VETO_STEP_AWARD, "3", "发生质量事故", None, "0.00"),
    (_VETO_STEP_AWARD, "3", "及时,无返工", None, "3.00"),
    (_ONCE, "4", "缺0份", None, "4.00"),
    (_ONCE, "4", "缺1份", None, "0.00"),
    (_BRACKETED, "3", None, "未按时备份", "2.00"),
    (_BRACKETED, "3", None, "未备份", "0.00"),
    (_EVENT, "4", "无", None, "4.00"),
    (_EVENT, "4", "查实虚报2处", None, "0.00"),
    (_NUMBERED, "4", None, None, "2.00", "1"),
    (_NUMBERED, "4", None, None, "0.00", "2"),
    (_NUMBERED, "4", None, None, "4.00", "0"),
    (_NUMBERED_COUNT, "5", "无", None, "5.00"),
    (_NUMBERED_COUNT, "5", "错发文件2例", None, "3.00"),
    (_POINTED, "10", None, None, "7.00", "召开会议"),
    (_POINTED, "10", None, None, "0.00", "制定方案,召开会议,总结上报"),
    (_TIERS, "8", None, "基本相符", "5.00"),
    (_TIERS, "8", None, "差异较大", "0.00"),
    # the step reads the actual itself; a cell giving only the value does not say whether the event happened
    # (the reader asks for the fact), and a cell with two numbers is refused, not guessed
    (_VETO_READS_ACTUAL, "5", "93%", None, "拒绝：这句评分标准要用到事实“发生安全事故”，请用 --fact 名称=值 给出"),
    (_VETO_READS_ACTUAL, "5", "93%,发生安全事故1起", None,
     "拒绝：实际完成值“93%,发生安全事故1起”中有不止一个数，说不清哪个是实际完成值"),
]


@pytest.mark.parametrize("case", SCORED, ids=[f"{s[0][:8]}-{s[2] or s[3] or s[5:]}" for s in SCORED])
def test_combined_clauses_score_as_meant(case: tuple[Any, ...]) -> None:
    text, weight, actual, level, want, *unmet = case
    assert tried(text, weight, actual=actual, level=level, unmet=unmet[0] if unmet else None) == want


def test_a_veto_explains_itself() -> None:
    done = score_sentence(_VETO_STEP, "5", actual="发生安全事故1起")
    assert done.scored.explanation == ("(1)实际0，标准0，达到标准，扣0分；(2)0 if 发生安全事故 else full"
                                       "（full=5，发生安全事故=是）=0，扣5分；累计扣5分")
    done = score_sentence(_EVENT, "4", actual="查实虚报2处")
    assert done.scored.explanation == "0 if 查实有虚报 else full（full=4，查实有虚报=是）=0"


@pytest.mark.parametrize("text,why", [
    ("制定方案2分、召开会议3分,未完成的扣1分",  # per unmet item or once? not said
     "已按“各项分值的列举”理解，但“未完成扣分1”不合这种规则"),
    ("每低1%扣0.5分;未按时报送的扣1分,不超过2分",  # the step's cap or the yes/no part's? not said
     "“不超过N分”说的是扣分的上限还是得分，说不清"),
    ("账表一致的得6分,基本一致的得4分,差异较大的扣3分",  # 6 − 3 or 4 − 3? not said
     "各档已给出得分，“差异较大”扣3分是从满分扣还是从上一档扣，说不清"),
])
def test_combined_clauses_refused_with_the_reason(text: str, why: str) -> None:
    with pytest.raises(RuleTextError) as info:
        parse(text)
    assert info.value.why == why


def test_a_discretionary_deduction_goes_below_the_level_and_explains_itself() -> None:
    done = score_sentence(_TIERS, "8", level="基本相符", score="3.5")
    assert (done.score, done.scored.explanation) == (
        Decimal("3.50"), "评为“基本相符”，区间62.5%~62.5%（5~5分）；“发现虚列支出”酌情扣1.5分，评价人取3.5分")
    with pytest.raises(PerfscoreError) as info:
        score_sentence(_TIERS, "8", level="基本相符", score="6")
    assert str(info.value) == "无法计分：得分6不在“基本相符”档的区间62.5%~62.5%（5~5分）内，酌情扣分只能在该档得分之下"


@pytest.mark.parametrize("facts,score,explanation", [
    ((), "2.00", "实际95%，标准100%，差5%，每1%扣0.2分，扣5档1分（未说明符合免扣情形“经批准暂缓配备”，照扣）"),
    (("经批准暂缓配备=是",), "3.00", "符合免扣情形“经批准暂缓配备”，不扣分，得满分3分"),
    (("经批准暂缓配备=否",), "2.00", "实际95%，标准100%，差5%，每1%扣0.2分，扣5档1分（不符合免扣情形“经批准暂缓配备”，照扣）"),
])
def test_an_exemption_is_claimed_by_the_evaluator(facts: tuple[str, ...], score: str, explanation: str) -> None:
    done = score_sentence(_EXEMPT, "3", actual="95%", facts=facts)
    assert (str(done.score), done.scored.explanation) == (score, explanation)


def test_no_deduction_without_a_but_is_not_an_exemption() -> None:
    with pytest.raises(RuleTextError) as info:
        parse("每少1%扣0.2分,不扣分")
    assert info.value.why == "这段文字没有说明得分或扣分"


@pytest.mark.parametrize("fact,score", [("发生安全事故=否", "3.00"), ("发生安全事故=是", "0.00")])
def test_a_veto_beside_a_step_on_the_actual_takes_its_fact(fact: str, score: str) -> None:
    assert str(score_sentence(_VETO_READS_ACTUAL, "5", actual="93%", facts=(fact,)).score) == score


@pytest.mark.parametrize("level,facts,score", [("较好", {"发现违规": "否"}, "3"), ("较好", {"发现违规": "是"}, "0"),
                                               ("好", {"发现违规": "否"}, "5")])
def test_a_veto_after_levels_scores_with_the_level_and_the_fact(level: str, facts: dict[str, str], score: str) -> None:
    from pydantic import TypeAdapter

    from perfscore.rules import AnyRule, Inputs

    rule = TypeAdapter(AnyRule).validate_python(parse(_LEVELS_VETO))
    assert str(rule.score(Inputs(weight=Decimal(5), level=level, facts=facts)).score.normalize()) == score
