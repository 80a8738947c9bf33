"""The seed's 14 评分标准 sentences parse to exactly the rules the seed indicator set uses."""
from __future__ import annotations

import pytest
from pydantic import TypeAdapter

from perfscore.rules import AnyRule
from perfscore.ruletext import parse, same

RULE = TypeAdapter(AnyRule)

# Fact names the seed set uses where the sentence counts something it does not name.
SEED_NAMES = {"未审核项数": "未审核期数", "超过2024年发行或每月1月缺失发行项数": "未按时发行期数",
              "公报创建栏目数较上年变化率": "栏目数较上年变化率", "覆盖行政区域数": "覆盖行政区数"}

S12_FORMULA = ("full if 栏目数较上年变化率 > 0 else (7 if 栏目数较上年变化率 == 0 else "
               "full - floor(-栏目数较上年变化率 / 5) * full * 0.1)")

SEED = [
    ("S01", "①符合国家、省部级或市级政策依据；②项目立项符合规定程序；③审批的文件和材料完整；④项目立项前已经过必要的可行性研究、集体决策等。以上四项各占 25% 权重分，全部符合得满分，否则扣除对应权重分。",
     None, {"kind": "checklist", "mode": "share", "items": ["①符合国家、省部级或市级政策依据", "②项目立项符合规定程序",
                                                          "③审批的文件和材料完整", "④项目立项前已经过必要的可行性研究、集体决策等"]}),
    ("S02", "有明确的绩效目标得 50% 权重分；符合 SMART 原则①绩效目标明确；②绩效目标可衡量；③绩效目标可达成；④绩效目标具有相关性；⑤绩效目标具有时限性。各考察点各占 10% 权重分，全部符合且有相应的绩效目标得满分，否则扣除对应权重分。",
     None, {"kind": "checklist", "mode": "share", "items": [
         {"name": "有明确的绩效目标", "share": "50%"}, {"name": "①绩效目标明确", "share": "10%"},
         {"name": "②绩效目标可衡量", "share": "10%"}, {"name": "③绩效目标可达成", "share": "10%"},
         {"name": "④绩效目标具有相关性", "share": "10%"}, {"name": "⑤绩效目标具有时限性", "share": "10%"}]}),
    ("S03", "达到 100% 得满分，每超出或未达到 1%，扣 1% 权重分，扣完为止。", "100%",
     {"kind": "step", "per": 1, "deduct": "1%", "direction": "both"}),
    ("S04", "预算执行率为 100% 给予满分；每超过或降低 10%，扣 1 分，扣完为止。", "100%",
     {"kind": "step", "per": 10, "deduct": 1, "direction": "both"}),
    ("S05", "项目有完善的申报及审批、编纂程序、质量管理等管理制度得满分，有一方面不足扣剩余权重分的2分，扣完权重分为止。", None,
     {"kind": "checklist", "mode": "deduct", "items": ["申报及审批", "编纂程序", "质量管理"], "deduct": 2}),
    ("S06", "项目能按照3个方面的制度全面执行到位得满分，每有一个方面没执行到位扣2分，扣完权重分为止。", None,
     {"kind": "checklist", "mode": "deduct", "items": 3, "deduct": 2}),
    ("S07", "资金、资产管理、监控及资金审批等基本制度健全4分，缺1项扣1分。", None,
     {"kind": "checklist", "mode": "deduct", "full": 4, "items": ["资金", "资产管理", "监控", "资金审批"], "deduct": 1}),
    ("S08", "①资金使用是否符合国家财经法规和财务管理制度以及专项资金管理办法的规定；②资金拨付的审批程序是否完整；③项目支出按规定经过评估论证；④专款专用；⑤资金使用无截留、挤占、挪用、虚列支出等情况，每出现一项不符，扣全部权重分。",
     None, {"kind": "checklist", "mode": "veto", "items": [
         "①资金使用是否符合国家财经法规和财务管理制度以及专项资金管理办法的规定", "②资金拨付的审批程序是否完整",
         "③项目支出按规定经过评估论证", "④专款专用", "⑤资金使用无截留、挤占、挪用、虚列支出等情况"]}),
    ("S09", "2024年完成12期政府公报编辑发行工作得满分，每少一项扣2分，扣完为止。", None,
     {"kind": "step", "reference": 12, "per": 1, "deduct": 2}),
    ("S10", "2024年发行的公报全部经过了相关审核得满分，每有1项未审核扣2分，扣完为止。", None,
     {"kind": "step", "input": "未审核期数", "reference": 0, "direction": "above", "per": 1, "deduct": 2}),
    ("S11", "12期政府公报编辑发行全部在2024年内完成且每月发行1期完成得满权重分，每有1项超过2024年发行或每月1月缺失发行扣2分，扣完为止。", None,
     {"kind": "step", "input": "未按时发行期数", "reference": 0, "direction": "above", "per": 1, "deduct": 2}),
    ("S12", "2024年公报创建栏目数覆盖5个行政区且高于2023年得满分，覆盖5个行政区且与2023年基本持平得7分，覆盖5个行政区且低于2023年，每低5%扣10%权重分，扣完为止，此外，未覆盖5个行政区域，每少一个扣20%权重分，扣完为止，两项扣分累计计算。",
     None, {"kind": "sum", "parts": [
         {"kind": "formula", "facts": ["栏目数较上年变化率"], "expr": S12_FORMULA},
         {"kind": "step", "input": "覆盖行政区数", "reference": 5, "per": 1, "deduct": "20%", "direction": "below"}]}),
    ("S13", "公报发行共计服务1912个及以上得满分，每少10个扣0.1分，扣完为止。", "≥1912个",
     {"kind": "step", "per": 10, "deduct": "0.1"}),
    ("S14", "90%（含90%下同）—100%之间为10分，80%—90%为8分，70%—80%为6分，60%—70%为4分，60%以下为0分", None,
     {"kind": "bands", "bands": [{"min": 90, "max": 100, "score": 10}, {"min": 80, "max": 90, "score": 8},
                                 {"min": 70, "max": 80, "score": 6}, {"min": 60, "max": 70, "score": 4},
                                 {"max": 60, "score": 0}]}),
]


@pytest.mark.parametrize("sid,text,target,expected", SEED, ids=[s[0] for s in SEED])
def test_seed_sentence_parses_to_the_seed_rule(sid: str, text: str, target: str | None, expected: dict) -> None:
    got = parse(text, target=target, names=SEED_NAMES)
    assert set(got) == set(expected)
    # model_dump: FormulaRule keeps its parsed AST in a private attribute, which == compares by identity
    assert RULE.validate_python(got).model_dump() == RULE.validate_python(expected).model_dump()


def test_seed_threshold_is_kept_as_reference_without_a_target() -> None:
    got = parse("公报发行共计服务1912个及以上得满分，每少10个扣0.1分，扣完为止。")
    assert RULE.validate_python(got) == RULE.validate_python({"kind": "step", "reference": 1912, "per": 10,
                                                              "deduct": "0.1"})
    assert same(got, SEED[12][3], target="≥1912个")
    assert not same(got, SEED[12][3])


def test_seed_derived_fact_names_without_a_mapping() -> None:
    assert parse(SEED[9][1])["input"] == "未审核项数"
    assert parse(SEED[11][1])["parts"][1]["input"] == "覆盖行政区域数"
