"""Band tables as officers write them (sentences written for these tests, not copied from any corpus):
tiers relative to the requirement after a first tier in words, a last tier with an alternative event,
bands on a mark (分), the quantity between two bounds (80%≤完成率<90%), bands over how many times a
thing was done (召开一次的,得40%), the score in a bracket after the requirement (至少4次(4分,少一次
扣1分)), requirements then 否则不得分, the bad case then the score (无记录不得分,得3分), counts that each take
the score (超过(含)8个,此项直接为0分); exact scores and refusals."""
from __future__ import annotations

from typing import Any

import pytest

from helpers import tried
from perfscore.errors import PerfscoreError
from perfscore.ruletext import parse, render, same

SHARES = "达到要求，得5分；≥任务数的90%，得3分；≥任务数的70%，＜90%，得1分；＜任务数的70%，不得分。"
EVENT = "抽检合格率≥95%，得5分；90%≤抽检合格率＜95%，得3分；抽检合格率＜90%，或未开展抽检不得分。"
MARKS = "考评得分≥85分，得8分，≥75分，＜85分，得5分，＜75分不得分。"
TIMES = "召开一次的，得40%；召开两次的，得满分；未召开的，则不得分。"
TWO_PARTS = "按时报送月报，得6分，每少一次扣1分，扣完为止，参加培训（3分，缺一次扣1分，扣完为止）"
OTHERWISE = "确保档案归档率达90%以上，台账资料基本齐全（含电子档），否则不得分（5分）；"
AFTER = "加强日常巡查，年内无巡查记录不得分，得3分。"
STOPS = "1.加强日常巡查，防止违规搭建反弹。得4分。2.建立巡查台账，得2分。"
VETOES = "网页中失效的链接数超过（含）8个，此项直接为0分；错别字数量超过（含）3处，此项直接为0分。"
AS_ASKED = "按要求每季度报送工作进展，得6分，每少一次扣1分，扣完为止，参加培训（3分，缺一次扣1分，扣完为止）"
ASIDE = "3.领导小组研究安全生产工作，年内至少4次，查看会议纪要（4分，少一次扣1分）。"

# sentence → the rule it reads as
PARSED: list[tuple[str, dict[str, Any]]] = [
    (SHARES, {"kind": "bands", "relative": True, "bands": [
        {"min": 100, "score": 5}, {"min": 90, "max": 100, "score": 3},
        {"min": 70, "max": 90, "max_inclusive": False, "score": 1}, {"max": 70, "max_inclusive": False, "score": 0}]}),
    (EVENT, {"kind": "bands", "bands": [
        {"min": 95, "score": 5}, {"min": 90, "max": 95, "max_inclusive": False, "score": 3},
        {"max": 90, "max_inclusive": False, "score": 0, "also_when": "未开展抽检"}]}),
    (MARKS, {"kind": "bands", "bands": [
        {"min": 85, "score": 8}, {"min": 75, "max": 85, "max_inclusive": False, "score": 5},
        {"max": 75, "max_inclusive": False, "score": 0}]}),
    (TIMES, {"kind": "bands", "bands": [{"min": 2, "score": "100%"}, {"min": 1, "max": 2, "score": "40%"},
                                        {"max": 1, "score": 0}]}),
    ("培训1次得1分，培训2次得2分，培训3次及以上得3分",
     {"kind": "bands", "bands": [{"min": 3, "score": 3}, {"min": 2, "max": 3, "score": 2}, {"min": 1, "max": 2, "score": 1}]}),
    (ASIDE, {"kind": "step", "full": 4, "reference": 4, "per": 1, "deduct": 1}),
    (TWO_PARTS,
     {"kind": "sum", "parts": [{"kind": "step", "full": 6, "input": "少次数", "reference": 0, "direction": "above",
                                "per": 1, "deduct": 1},
                               {"kind": "step", "full": 3, "input": "参加培训缺次数", "reference": 0, "direction": "above",
                                "per": 1, "deduct": 1}]}),
    (OTHERWISE, {"kind": "bands", "full": 5, "bands": [
        {"min": 90, "score": "100%", "requires": "台账资料基本齐全"}, {"min": 90, "score": 0}, {"max": 90, "score": 0}]}),
    ("档案归档率不低于90%，否则不得分", {"kind": "bands", "bands": [{"min": 90, "score": "100%"}, {"max": 90, "score": 0}]}),
    ("按时报送材料，否则不得分（3分）", {"kind": "boolean", "full": 3}),
    (AFTER, {"kind": "boolean", "full": 3, "input": "年内有巡查记录"}),
    (STOPS, {"kind": "checklist", "mode": "share", "full": 6, "items": [
        {"name": "加强日常巡查,防止违规搭建反弹", "share": "2/3"}, {"name": "建立巡查台账", "share": "1/3"}]}),
    (VETOES, {"kind": "formula", "facts": ["网页中失效的链接数", "错别字数量"],
              "expr": "0 if 网页中失效的链接数 >= 8 or 错别字数量 >= 3 else full"}),
    ("投诉超过（含）3次，此项为0分", {"kind": "bands", "bands": [{"min": 3, "score": 0}, {"max": 3, "score": "100%"}]}),
    ("考核得分90分以上得满分，80-90分得8分，80分以下不得分",
     {"kind": "bands", "bands": [{"min": 90, "score": "100%"}, {"min": 80, "max": 90, "score": 8}, {"max": 80, "score": 0}]}),
    ("满意度≥90%，得5分；80%≤满意度＜90%，得3分；满意度＜80%或未开展调查，不得分",
     {"kind": "bands", "bands": [{"min": 90, "score": 5}, {"min": 80, "max": 90, "max_inclusive": False, "score": 3},
                                 {"max": 80, "max_inclusive": False, "score": 0, "also_when": "未开展调查"}]}),
    # the subject written before the interval (合格率, 完成) is what is measured, not a requirement
    ("合格率90%-100%，得5分；合格率80%-90%且无投诉，得3分；合格率80%以下，不得分",
     {"kind": "bands", "bands": [{"min": 90, "max": 100, "score": 5}, {"min": 80, "max": 90, "score": 3, "requires": "无投诉"},
                                 {"max": 80, "score": 0}]}),
    ("完成计划任务数的100%得5分，完成90%-100%得3分，完成90%以下不得分",
     {"kind": "bands", "relative": True, "bands": [{"min": 100, "score": 5}, {"min": 90, "max": 100, "score": 3},
                                                   {"max": 90, "score": 0}]}),
    # 其余: every stretch the other bands leave
    ("完成率≥95%，得4分；完成率低于80%，不得分；其余得2分",
     {"kind": "bands", "bands": [{"min": 95, "score": 4}, {"max": 80, "max_inclusive": False, "score": 0},
                                 {"min": 80, "max": 95, "max_inclusive": False, "score": 2}]}),
    ("90%-100%得5分，80%-90%得3分，其余不得分",
     {"kind": "bands", "bands": [{"min": 90, "max": 100, "score": 5}, {"min": 80, "max": 90, "score": 3},
                                 {"max": 80, "max_inclusive": False, "score": 0},
                                 {"min": 100, "min_inclusive": False, "score": 0}]}),
    # the score in a bracket closing the sentence is the score of the condition before it
    ("年内至少开展2次培训（2分）", {"kind": "bands", "bands": [{"min": 2, "score": 2}, {"max": 2, "score": 0}]}),
    ("建立健全管理制度（2分）", {"kind": "boolean", "full": 2}),
    # open bands listed downwards end where the one above begins
    ("完成率≥100%，得满分；≥95%，得8分；≥90%，得6分；<90%，不得分",
     {"kind": "bands", "bands": [{"min": 100, "score": "100%"}, {"min": 95, "max": 100, "score": 8},
                                 {"min": 90, "max": 95, "score": 6}, {"max": 90, "max_inclusive": False, "score": 0}]}),
    ("优秀（90分及以上）得10分，良好（80-89分）得8分，差（80分以下）不得分",
     {"kind": "bands", "bands": [{"min": 90, "score": 10}, {"min": 80, "max": 89, "score": 8}, {"max": 80, "score": 0}]}),
    ("60分≤考核得分<80分,得2分;考核得分≥80分,得4分;考核得分<60分,不得分",
     {"kind": "bands", "bands": [{"min": 60, "max": 80, "max_inclusive": False, "score": 2}, {"min": 80, "score": 4},
                                 {"max": 60, "max_inclusive": False, "score": 0}]}),
]


@pytest.mark.parametrize("text,rule", PARSED, ids=[p[0][:12] for p in PARSED])
def test_band_tables_read_as_bands(text: str, rule: dict[str, Any]) -> None:
    assert parse(text) == rule


@pytest.mark.parametrize("text", [p[0] for p in PARSED], ids=[p[0][:12] for p in PARSED])
def test_band_tables_render_and_read_back(text: str) -> None:
    rule = parse(text)
    assert same(parse(render(rule)), rule)


# sentence, 分值, 目标, 实际 (as written) → 得分 and its explanation, or the refusal
SCORED: list[tuple[str, str, str | None, str, str]] = [
    (SHARES, "5", None, "任务数的93%", "3.00 实际93%，落在90%（含）—100%档，该档3分"),
    (SHARES, "5", None, "75%", "1.00 实际75%，落在70%（含）—90%档，该档1分"),
    (SHARES, "5", None, "任务数的60%", "0.00 实际60%，落在70%以下档，该档0分"),
    (SHARES, "5", None, "达到要求", "5.00 实际100%，落在100%（含）以上档，该档5分"),
    (SHARES, "5", "≥40件", "36件", "3.00 实际36件，为目标40件的90%，落在90%（含）—100%档，该档3分"),
    (SHARES, "5", "≥40件", "27件", "0.00 实际27件，为目标40件的67.5%，落在70%以下档，该档0分"),
    (SHARES, "5", None, "36件",
     "拒绝：无法计分：各档是要求（目标值）的百分比，实际36件须有数值型目标值，或写成占要求的百分比（如“规定数的90%”）"),
    (EVENT, "5", None, "95%", "5.00 实际95%，落在95%（含）以上档，该档5分"),
    (EVENT, "5", None, "94.5%", "3.00 实际94.5%，落在90%（含）—95%档，该档3分"),
    (EVENT, "5", None, "89%", "0.00 实际89%，落在90%以下档，该档0分"),
    (EVENT, "5", None, "全年未开展抽检", "0.00 未开展抽检，落在90以下档，该档0分"),
    (EVENT, "5", None, "合格率96%，已开展抽检", "5.00 实际96%，落在95%（含）以上档，该档5分"),
    (MARKS, "8", None, "85分", "8.00 实际85分，落在85分（含）以上档，该档8分"),
    (MARKS, "8", None, "80.5分", "5.00 实际80.5分，落在75分（含）—85分档，该档5分"),
    (MARKS, "8", None, "74分", "0.00 实际74分，落在75分以下档，该档0分"),
    (TIMES, "5", None, "召开1次", "2.00 实际1次，落在1次（含）—2次档，该档2分"),
    (TIMES, "5", None, "召开3次", "5.00 实际3次，落在2次（含）以上档，该档5分"),
    (TIMES, "5", None, "全年未召开", "0.00 实际0，落在1以下档，该档0分"),
    ("培训1次得1分，培训2次得2分，培训3次及以上得3分", "3", None, "未培训", "拒绝：无法计分：实际0不在任何档次内"),
    (OTHERWISE, "5", None, "归档率93%，台账已齐全", "5.00 实际93%，落在90%（含）以上档（且台账资料基本齐全），该档5分"),
    (OTHERWISE, "5", None, "归档率93%，台账不全", "0.00 实际93%，落在90%（含）以上档，该档0分"),
    (OTHERWISE, "5", None, "归档率88%，台账齐全", "0.00 实际88%，落在90%以下档，该档0分"),
    (OTHERWISE, "5", None, "归档率93%", "拒绝：这句评分标准要用到事实“台账资料基本齐全”，请用 --fact 名称=值 给出"),
    (OTHERWISE, "5", None, "台账已齐全", "拒绝：无法计分：实际完成值应为数字，实为“台账已齐全”"),
    (AFTER, "3", None, "巡查记录12份", "3.00 实际是，符合要求，得满分3分"),
    (AFTER, "3", None, "年内无巡查记录", "0.00 实际否，不符合要求，不得分"),
    (TWO_PARTS, "9", None, "少报2次，缺培训1次", "6.00 (1)实际2次，标准0次，超2次，每1次扣1分，扣2档2分，扣2分；"
                                           "(2)实际1次，标准0次，超1次，每1次扣1分，扣1档1分，扣1分；累计扣3分"),
    (VETOES, "20", None, "失效链接9个", "0.00 0 if 网页中失效的链接数 >= 8 or 错别字数量 >= 3 else full"
                                     "（full=20，网页中失效的链接数=9，错别字数量=0）=0"),
    (VETOES, "20", None, "错别字2处", "20.00 0 if 网页中失效的链接数 >= 8 or 错别字数量 >= 3 else full"
                                    "（full=20，网页中失效的链接数=0，错别字数量=2）=20"),
    (VETOES, "20", None, "错别字3处", "0.00 0 if 网页中失效的链接数 >= 8 or 错别字数量 >= 3 else full"
                                   "（full=20，网页中失效的链接数=0，错别字数量=3）=0"),
    (VETOES, "20", None, "其他问题3个",
     "拒绝：实际完成值中的“其他问题3个”说不清是“网页中失效的链接数”“错别字数量”中哪一项的数：请用 --fact 名称=值 分别给出"),
    ("投诉超过（含）3次，此项为0分", "4", None, "投诉3次", "0.00 实际3次，落在3次（含）以上档，该档0分"),
    (AS_ASKED, "9", None, "按季报送，培训全部参加", "9.00 (1)实际0，标准0，达到标准，扣0分；(2)实际0，标准0，达到标准，扣0分；"
                                              "累计扣0分"),
    (AS_ASKED, "9", None, "少报8次，培训全部参加", "3.00 (1)实际8次，标准0次，超8次，每1次扣1分，扣8档8分，扣完为止，扣6分；"
                                             "(2)实际0，标准0，达到标准，扣0分；累计扣6分"),
    (AS_ASKED, "9", None, "少报2次，缺培训1次，另有1次迟报",
     "拒绝：实际完成值中的“另有1次迟报”说不清是“少次数”“参加培训缺次数”中哪一项的数：请用 --fact 名称=值 分别给出"),
    ("年内至少开展2次培训（2分）", "2", None, "开展1次", "0.00 实际1次，落在2次以下档，该档0分"),
    ("优秀（90分及以上）得10分，良好（80-89分）得8分，差（80分以下）不得分", "10", None, "89.5分",
     "拒绝：无法计分：实际89.5分不在任何档次内"),
    (ASIDE, "4", None, "研究3次", "3.00 实际3次，标准4次，差1次，每1次扣1分，扣1档1分"),
    (ASIDE, "4", None, "0次", "0.00 实际0次，标准4次，差4次，每1次扣1分，扣4档4分"),
    (ASIDE, "5", None, "研究4次", "拒绝：有歧义：评分标准写明满分4分，分值（--weight）却是5分，说不清满分是哪个：请改正其中一个"),
]


@pytest.mark.parametrize("text,weight,target,actual,want", SCORED, ids=[f"{s[0][:8]}-{s[3]}" for s in SCORED])
def test_band_tables_score_the_actual_as_written(text: str, weight: str, target: str | None, actual: str,
                                                 want: str) -> None:
    assert tried(text, weight, target, actual, explained=True) == want


def test_the_rest_before_other_bands_is_refused() -> None:
    """其余 first: the rest of what is not yet said — refused, not guessed."""
    with pytest.raises(PerfscoreError, match="无法判断“其余”之后的“得分2”属于哪种评分规则"):
        parse("其余得2分；完成率≥95%，得4分；完成率低于80%，不得分")


def test_tiers_in_words_without_shares_of_the_requirement_are_refused() -> None:
    """达到要求 before plain percentages (not shares of the requirement): which number 要求 is, is unsaid."""
    with pytest.raises(PerfscoreError, match="无法判断“达到要求”之后的“得分5”属于哪种评分规则"):
        parse("达到要求，得5分；≥90%，得3分；＜90%，不得分。")
