"""The clause reader on sentences of the real kinds (written for these tests, not copied from the
corpus): each clause a condition and an outcome, composed into a rule; the actual as an officer
writes it read into the facts the rule needs; refusals that say why."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from helpers import tried
from perfscore.ruletext import RuleTextError, parse, render
from perfscore.ruletext.conditions import positive
from perfscore.ruletext.actual import COUNT, FLAG, NUMBER, ActualTextError, completion, mentions, read

# sentence → the rule it reads as
PARSED: list[tuple[str, dict[str, Any]]] = [
    ("资料归档率95%以上,得3分;未达标的,扣3分。",
     {"kind": "bands", "bands": [{"min": 95, "score": 3}, {"max": 95, "score": 0}]}),
    ("按期完成台账建设,得2分;未完成的,不得分。", {"kind": "boolean", "full": 2}),
    ("报表报送不及时的,扣2分。", {"kind": "boolean", "input": "报表报送及时", "deduct": 2}),
    ("未按时上报数据扣1分,扣完为止",
     {"kind": "step", "input": "未按时上报数据次数", "reference": 0, "direction": "above", "per": 1, "deduct": 1}),
    ("每迟报一天扣0.5分;迟报五天及以上不得分。",
     {"kind": "step", "input": "迟报天数", "reference": 0, "direction": "above", "per": 1, "deduct": Decimal("0.5"),
      "zero_at": 5}),
    ("巡查每发现一处问题扣1分,最多扣4分。",
     {"kind": "step", "input": "问题处数", "reference": 0, "direction": "above", "per": 1, "deduct": 1,
      "deduct_max": 4}),
    ("台账登记错一户扣0.5分。",
     {"kind": "step", "input": "台账登记错户数", "reference": 0, "direction": "above", "per": 1,
      "deduct": Decimal("0.5")}),
    ("得分值=覆盖率×20", {"kind": "formula", "expr": "actual / 100 * 20"}),
    ("满意度95%,得5分;每降1%扣0.5分,扣完为止。",
     {"kind": "step", "full": 5, "reference": 95, "per": 1, "deduct": Decimal("0.5")}),
    ("合格率达90%(6分),下降1个百分点扣1分",
     {"kind": "step", "full": 6, "reference": 90, "per": 1, "deduct": 1}),
    ("好: 3 分;一般: 2 分;差: 0 分。",
     {"kind": "qualitative", "full": 3, "levels": [{"name": "好", "min": "100%", "max": "100%"},
                                                   {"name": "一般", "min": "2/3", "max": "2/3"},
                                                   {"name": "差", "min": "0%", "max": "0%"}]}),
    ("达到5%得1分;达到10%得2分;达到15%以上得3分。",
     {"kind": "bands", "bands": [{"min": 15, "score": 3}, {"min": 10, "score": 2}, {"min": 5, "score": 1}]}),
]


@pytest.mark.parametrize("text,rule", PARSED, ids=[p[0][:12] for p in PARSED])
def test_clauses_compose_into_the_rule(text: str, rule: dict[str, Any]) -> None:
    assert parse(text) == rule


# sentence, 分值, 目标, 实际 (as written), --unmet, --level, --score → 得分 or the refusal
SCORED: list[tuple[str, str, str | None, str | None, str | None, str | None, str | None, str]] = [
    ("资料归档率95%以上,得3分;未达标的,扣3分。", "3", None, "95%", None, None, None, "3.00"),
    ("资料归档率95%以上,得3分;未达标的,扣3分。", "3", None, "94.9%", None, None, None, "0.00"),
    ("报表报送不及时的,扣2分。", "4", None, "不及时", None, None, None, "2.00"),
    ("报表报送不及时的,扣2分。", "4", None, "按时报送", None, None, None, "4.00"),
    ("未按时上报数据扣1分,扣完为止", "3", None, "2次", None, None, None, "1.00"),
    ("未按时上报数据扣1分,扣完为止", "3", None, "5次", None, None, None, "0.00"),
    ("每迟报一天扣0.5分;迟报五天及以上不得分。", "5", None, "迟报3天", None, None, None, "3.50"),
    ("每迟报一天扣0.5分;迟报五天及以上不得分。", "5", None, "迟报5天", None, None, None, "0.00"),
    ("每迟报一天扣0.5分;迟报五天及以上不得分。", "5", None, "按时报送", None, None, None, "5.00"),
    ("巡查每发现一处问题扣1分,最多扣4分。", "10", None, "发现6处", None, None, None, "6.00"),
    ("巡查每发现一处问题扣1分,最多扣4分。", "10", None, "发现2处", None, None, None, "8.00"),
    ("凭证缺号的每张扣0.2分;账实不符的扣1分。", "3", None, "账实相符,凭证缺号2张", None, None, None, "2.60"),
    ("凭证缺号的每张扣0.2分;账实不符的扣1分。", "3", None, "账实不符", None, None, None, "2.00"),
    ("少报一项扣1分;少报两项及以上不得分", "5", None, "少报1项", None, None, None, "4.00"),
    ("少报一项扣1分;少报两项及以上不得分", "5", None, "少报2项", None, None, None, "0.00"),
    ("得分值=覆盖率×20", "20", None, "80%", None, None, None, "16.00"),
    ("报表填报不全的扣1分,数据有误的扣1分。", "4", None, None, "1", None, None, "3.00"),
    ("报表填报不全的扣1分,数据有误的扣1分。", "4", None, None, "2", None, None, "2.00"),
    ("未建台账的扣3分;台账未更新的扣1分。", "3", None, None, None, "台账未更新", None, "2.00"),
    ("未建台账的扣3分;台账未更新的扣1分。", "3", None, None, None, "未建台账", None, "0.00"),
    ("执行好的给8-10分,一般的给4-7分,较差的给1-3分。", "10", None, None, None, "一般", "5", "5.00"),
    ("达不到要求不给分", "10", "≤2%", "1.5%", None, None, None, "10.00"),
    ("达不到要求不给分", "10", "≤2%", "2.5%", None, None, None, "0.00"),
    ("台账规范得2分,否则酌情扣分。", "2", None, "是", None, None, None, "2.00"),
    ("巡查发现问题每处扣1分;通报批评每次扣2分", "10", None, "问题2处,通报批评1次", None, None, None, "6.00"),
    ("抽查差错率2%以内扣1分,2%-5%扣3分;5%以上不得分。", "10", None, "1%", None, None, None, "9.00"),
    ("抽查差错率2%以内扣1分,2%-5%扣3分;5%以上不得分。", "10", None, "4%", None, None, None, "7.00"),
    ("抽查差错率2%以内扣1分,2%-5%扣3分;5%以上不得分。", "10", None, "6%", None, None, None, "0.00"),
    ("比计划少10%以内的扣1分,少超过10%的扣3分", "5", "100人", "95人", None, None, None, "4.00"),
    ("比计划少10%以内的扣1分,少超过10%的扣3分", "5", "100人", "85人", None, None, None, "2.00"),
    ("比计划少10%以内的扣1分,少超过10%的扣3分", "5", "100人", "100人", None, None, None, "5.00"),
    ("制定方案的得2分,召开会议的得3分。", "5", None, None, "0", None, None, "5.00"),
    ("考核合格率80%以下的记零分,并给予一票否决。", "4", None, "79%", None, None, None, "0.00"),
    ("考核合格率80%以下的记零分,并给予一票否决。", "4", None, "80%", None, None, None, "4.00"),
    ("制定方案的得2分,召开会议的得2分。", "4", None, None, "1", None, None, "2.00"),
    ("逾期3天扣1分,逾期6天扣2分,以此类推,扣完为止", "5", None, "逾期7天", None, None, None, "3.00"),
    ("逾期3天扣1分,逾期6天扣2分,以此类推,扣完为止", "5", None, "逾期2天", None, None, None, "5.00"),
    ("逾期3天扣1分,逾期6天扣2分,以此类推,扣完为止", "5", None, "逾期20天", None, None, None, "0.00"),
    ("逾期3天扣1分,逾期6天扣3分,以此类推,扣完为止", "5", None, "逾期7天", None, None, None,
     "拒绝：无法理解：已识别“逾期3天→扣分1”，在第9个字“逾期6天扣3分,以此类推…”处停止："
     "“以此类推”之前的各档不是等距等额（第k档应为第1档的k倍），推不出以后各档"),
    ("抽查发现问题每个0.5分,未整改的扣2分", "5", None, "发现问题2个", None, None, None, "4.00"),
    ("抽查发现问题每个0.5分,未整改的扣2分", "5", None, "发现问题2个,未整改", None, None, None, "2.00"),
    ("出现一般差错的每处扣0.5分;出现严重差错的每处扣2分", "5", None, "一般差错2处", None, None, None, "4.00"),
    ("出现一般差错的每处扣0.5分;出现严重差错的每处扣2分", "5", None, "严重差错1处", None, None, None, "3.00"),
    ("台账与实物不符的扣5分,其他有关问题每次扣1分", "5", None, "其他问题3次", None, None, None, "2.00"),
    ("台账与实物不符的扣5分,其他有关问题每次扣1分", "5", None, "台账与实物不符", None, None, None, "0.00"),
    ("出现一般差错的每处扣0.5分;出现严重差错的每处扣2分", "5", None, "轻微问题2处", None, None, None,
     "拒绝：实际完成值中的“轻微问题2处”说不清是“出现一般差错处数”“出现严重差错处数”中哪一项的数：请用 --fact 名称=值 分别给出"),
    ("检查台账真实性,发现虚报数据、凭证不全等情形不得分", "5", None, "未发现", None, None, None, "5.00"),
    ("检查台账真实性,发现虚报数据、凭证不全等情形不得分", "5", None, "发现虚报数据2次", None, None, None, "0.00"),
    ("检查台账真实性,发现虚报数据、凭证不全等情形不得分", "5", None, "凭证不全", None, None, None, "0.00"),
    ("出现1例未整改扣1分", "3", None, "全部整改", None, None, None, "3.00"),
    ("出现1例未整改扣1分", "3", None, "2例未整改", None, None, None, "1.00"),
    ("每2个月至少巡查1次,每发现1处问题扣0.5分", "2", None, "发现2处", None, None, None, "1.00"),
    ("未开展扣完;资料不规范一处扣0.5分,扣完为止;无台账或不完整扣1分", "3", None, "资料不规范2处", None, None, None, "2.00"),
    ("未开展扣完;资料不规范一处扣0.5分,扣完为止;无台账或不完整扣1分", "3", None, "台账不完整", None, None, None, "2.00"),
    ("未开展扣完;资料不规范一处扣0.5分,扣完为止;无台账或不完整扣1分", "3", None, "无台账", None, None, None, "2.00"),
    ("未开展扣完;资料不规范一处扣0.5分,扣完为止;无台账或不完整扣1分", "3", None, "未开展", None, None, None, "0.00"),
    ("未开展扣完;资料不规范一处扣0.5分,扣完为止;无台账或不完整扣1分", "3", None, "已开展,台账齐全", None, None, None,
     "3.00"),
    ("年内开展培训5期以上;否则按完成比例得分", "10", None, "开展4期", None, None, None, "8.00"),
    ("年内开展培训5期以上;否则按完成比例得分", "10", None, "开展6期", None, None, None, "10.00"),
    ("按完成比例得分", "5", None, "完成80%", None, None, None, "4.00"),
    ("按完成比例得分", "5", None, "80%", None, None, None, "拒绝：无法计分：按比例计分需要数值型目标值"),
    ("按实际完成率×权重计分,最高不超过权重分。", "6", None, "80%", None, None, None, "4.80"),
    ("在规定期限内完成的得满分;超过期限的,按超出天数每天扣0.1分。", "2", None, "超出5天", None, None, None, "1.50"),
    ("完成任务满分10分。未完成任务按完成百分比计算得数。", "10", None, "完成90%", None, None, None, "9.00"),
    ("完成任务满分10分。未完成任务按完成百分比计算得数。", "10", None, "完成任务", None, None, None, "10.00"),
    ("台账完整且更新及时,得4分;台账完整但更新不及时,得2分;台账不完整或未更新,得1分;无台账,不得分。", "4", None, None, None,
     "台账不完整", None, "1.00"),
    ("台账完整且更新及时,得4分;台账完整但更新不及时,得2分;台账不完整或未更新,得1分;无台账,不得分。", "4", None, None, None,
     "未更新", None, "1.00"),
    ("每月资料报送率在95%以上得3分,有一个月达不到的扣1分。", "3", None, "各月均≥95%", None, None, None, "3.00"),
    ("每月资料报送率在95%以上得3分,有一个月达不到的扣1分。", "3", None, "2个月未达95%", None, None, None, "1.00"),
    ("每发现一处乱堆乱放扣1分,扣完为止。村内有焚烧秸秆现象的,此项不得分。", "5", None, "发现2处", None, None, None, "3.00"),
    ("每发现一处乱堆乱放扣1分,扣完为止。村内有焚烧秸秆现象的,此项不得分。", "5", None, "有焚烧秸秆现象", None, None, None,
     "0.00"),
    ("保持人员稳定的得3分;每增加1人加0.1分,加分不超过1分;每减少1人扣0.2分,扣分不超过3分。", "4", None, "增加4人", None,
     None, None, "3.40"),
    ("保持人员稳定的得3分;每增加1人加0.1分,加分不超过1分;每减少1人扣0.2分,扣分不超过3分。", "4", None, "增加20人", None,
     None, None, "4.00"),
    ("保持人员稳定的得3分;每增加1人加0.1分,加分不超过1分;每减少1人扣0.2分,扣分不超过3分。", "4", None, "减少5人", None,
     None, None, "2.00"),
    ("保持人员稳定的得3分;每增加1人加0.1分,加分不超过1分;每减少1人扣0.2分,扣分不超过3分。", "4", None, "保持稳定", None,
     None, None, "3.00"),
    ("达到基数计4分,每高于基数1个百分点0.05分,每低1个百分点扣0.05分", "5", None, "高于基数6个百分点", None, None, None,
     "4.30"),
    ("达到基数计4分,每高于基数1个百分点0.05分,每低1个百分点扣0.05分", "5", None, "低3个百分点", None, None, None, "3.85"),
    ("每增加1人加0.1分", "4", None, "增加4人", None, None, None, "0.40"),
    ("现场发现1盏坏灯扣0.5分,1盏灭灯、不合格灯不得分", "2", None, "发现2盏坏灯", None, None, None, "1.00"),
    ("现场发现1盏坏灯扣0.5分,1盏灭灯、不合格灯不得分", "2", None, "发现1盏灭灯", None, None, None, "0.00"),
    ("经查实一个网点违规扣2分", "10", None, "2个网点违规", None, None, None, "6.00"),
    ("被投诉一次,扣3分", "10", None, "被投诉2次", None, None, None, "4.00"),
    ("投诉率达标得满分;每高于达标线0.1个百分点扣2分,最多扣完", "20", "≤1%", "1.35%", None, None, None, "14.00"),
    ("每发现一处扣0.5分,最多扣完", "2", None, "发现5处", None, None, None, "0.00"),
    ("根据造成影响情况扣1-5分", "10", None, None, None, None, "7", "7.00"),
    ("根据造成影响情况扣1-5分", "10", None, None, None, None, "4",
     "拒绝：无法计分：评价人给分4（扣6分）不在允许范围内：满分10分，或酌情扣1~5分"),
    ("每少一次扣1分,分数扣完为止。", "4", None, "少2次", None, None, None, "2.00"),
    ("市或任何一个县区未成立机构的扣1分,未制定办法的扣1分", "2", None, None, "1", None, None, "1.00"),
    ("立项依据充分、程序规范的得3分;依据不充分或程序不规范的,每项扣1分。", "3", None, "程序不规范", None, None, None, "2.00"),
    ("年内无不达标河段,得4分,出现一次不达标河段扣2分,扣完为止。", "4", None, "无不达标河段", None, None, None, "4.00"),
    ("成本控制在预算范围内得满分,超出预算的不得分。", "3", None, "控制在预算范围内", None, None, None, "3.00"),
    ("按计划进度完成的得4分,进度滞后1个月以内的得2分,滞后1个月以上3个月以内的得1分,滞后3个月以上的不得分。", "4", None,
     "滞后2个月", None, None, None, "1.00"),
    ("按计划进度完成的得4分,进度滞后1个月以内的得2分,滞后1个月以上3个月以内的得1分,滞后3个月以上的不得分。", "4", None,
     "按计划完成", None, None, None, "4.00"),
    ("按计划进度完成的得4分,进度滞后1个月以内的得2分,滞后1-3个月的得1分,滞后3个月以上的不得分。", "4", None,
     "滞后0.5个月", None, None, None, "2.00"),
    ("每季度至少检查一次,并做好记录。少一次扣1分。", "4", None, "全年检查3次,有1个季度未检查", None, None, None, "3.00"),
    ("达到标准得6分,每降低1%加1分,降低3%以上加3分;高于标准不得分", "9", "≤20%", "18%", None, None, None, "8.00"),
    ("达到标准得6分,每降低1%加1分,降低3%以上加3分;高于标准不得分", "9", "≤20%", "10%", None, None, None, "9.00"),
    ("达到标准得6分,每降低1%加1分,降低3%以上加3分;高于标准不得分", "9", "≤20%", "21%", None, None, None, "0.00"),
    ("达到标准得6分,每降低1%加1分,降低3%以上加3分;高于标准不得分", "9", None, "18%", None, None, None,
     "拒绝：无法计分：公式用到的“target”没有数值"),
    ("持平得6分,零发案得8分,每下降1起加0.2分", "8", None, "下降2起", None, None, None,
     "拒绝：无法理解：已识别“持平→得分6；零发案→得分8”，在第13个字“,每下降1起加0.2分”处停止：有加分，但加分之前没有说明基础分（如“持平得6分”）"),
    ("得到市领导批示肯定的,每次加1分;得到县领导批示肯定的,每次加0.5分", "3", None, "县领导批示肯定3次", None, None, None,
     "1.50"),
    ("结果为“否”时,得满分", "5", None, "否", None, None, None, "5.00"),
    ("结果为“否”时,得满分", "5", None, "是", None, None, None, "0.00"),
    ("工程按期完工的得满分;工期滞后的扣5分,造成不良影响的扣10分", "20", None, "工期滞后,造成不良影响", None, None, None,
     "5.00"),
    ("工程按期完工的得满分;工期滞后的扣5分,造成不良影响的扣10分", "20", None, "按期完工", None, None, None, "20.00"),
    ("工程质量合格的得满分,发生投诉造成不良影响的扣5分;有上访造成不良影响的扣8分", "10", None, "发生投诉,造成不良影响", None,
     None, None, "5.00"),
    ("目标明确,得满分;基本明确,得1分;不明确,不得分", "3", None, None, None, "目标明确", None, "3.00"),
    ("目标明确,得满分;基本明确,得1分;不明确,不得分", "3", None, None, None, "基本明确", None, "1.00"),
    ("目标明确,得满分;基本明确,得1分;不明确,不得分", "3", None, None, None, "不明确", None, "0.00"),
    ("目标明确,得满分;基本明确,得1分;不明确,不得分", "5", None, None, None, "基本明确", None, "1.00"),
    ("每举办一场培训得2分,最多10分", "10", None, "举办3场", None, None, None, "6.00"),
    ("每举办一场培训得2分,最多10分", "10", None, "举办8场", None, None, None, "10.00"),
    ("每发表一篇论文得1分,最高为5分", "5", None, "发表2篇", None, None, None, "2.00"),
    ("科长受处分的,一人次扣3分;科员受处分的,一人次扣1分", "10", None, "科长受处分1人次,科员受处分2人次", None, None, None,
     "5.00"),
    ("每发现一处问题扣1分,主动整改的不扣分,扣完为止", "5", None, "发现2处", None, None, None,
     "拒绝：无法理解：已识别“每发现一处问题→扣分1”，在第12个字“主动整改的不扣分,扣完为…”处停止："
     "已按“每档扣分”理解，但“主动整改的不扣分”没有读懂"),
    ("科长受处分的,一人次扣3分,通报的,一人次扣2分。科员受处分的,一人次扣1分,通报的,一人次扣1分。", "10", None,
     "科长受处分1人次", None, None, None,
     "拒绝：无法理解：已识别“科长受处分的,一人次→扣分3；通报的,一人次→扣分2；科员受处分的,一人次→扣分1”，"
     "在第39个字“,通报的,一人次扣1分。”处停止：两条不同的扣分读出了同一个名称“通报人次数”，分不清实际完成值说的是哪一条"),
    ("①已制定资金管理办法、财务制度,内部管理制度,1分;②管理制度合法合规,2分;③制度得到有效执行,1分。", "4", None, None,
     "0", None, None, "4.00"),
    ("①已制定资金管理办法、财务制度,内部管理制度,1分;②管理制度合法合规,2分;③制度得到有效执行,1分。", "4", None, None,
     "②", None, None, "2.00"),
    ("①建立台账得1分;②按月更新得1分;③专人管理得1分。", "3", None, None, "1", None, None, "2.00"),
    ("①台账健全(2分);②按月更新(1分);③专人管理(1分)", "4", None, None, "①", None, None, "2.00"),
    ("建立工作台账(1分),按月报送(2分)。", "3", None, None, "按月报送", None, None, "1.00"),
    ("建立健全台账制度,得2分;制度不健全扣1分;无制度不得分。", "2", None, "无制度", None, None, None, "0.00"),
    ("建立健全台账制度,得2分;制度不健全扣1分;无制度不得分。", "2", None, "制度不健全", None, None, None, "1.00"),
    ("每发现一项资金使用不合规扣0.5分,发现截留挪用的本项不得分。", "3", None, "发现2项不合规", None, None, None, "2.00"),
    ("满意度90%以上得满分;80%-90%得60%分值;80%以下不得分。", "5", None, "85%", None, None, None, "3.00"),
    ("项目支出未超预算的得满分,超预算的每超1%扣0.5分。", "3", None, "超预算4%", None, None, None, "1.00"),
    ("①因审查不到位导致泄密的扣5分;②转发不应公开的文件,每例扣2分;③未处理引用内容就公开的,每例扣1分", "6", None,
     "③类2例", None, None, None, "4.00"),
    ("①因审查不到位导致泄密的扣5分;②转发不应公开的文件,每例扣2分;③未处理引用内容就公开的,每例扣1分", "6", None,
     "②1例,③2例", None, None, None, "2.00"),
    ("①因审查不到位导致泄密的扣5分;②转发不应公开的文件,每例扣2分;③未处理引用内容就公开的,每例扣1分", "6", None,
     "泄密1次", None, None, None, "1.00"),
    ("此项由县考核办负责评分。被通报批评的此项不得分。", "5", None, "未被通报", None, None, "4",
     "拒绝：无法理解：已识别“无”，在第3个字“由县考核办负责评分。被通…”处停止：评分由评价人给出（“由…评分”），又写了计分规则，"
     "两者怎样合在一起还读不懂"),
    ("由县考核办负责评分,酌情打分。", "5", None, None, None, None, "4", "4.00"),
    ("按规定开展自查的得1分,自查报告质量较高的得1分。", "2", None, None, "1", None, None, "1.00"),
    ("存在一项未完成的扣1分,最多扣3分。", "5", None, "2项未完成", None, None, None, "3.00"),
    ("覆盖全部10个村得满分,每少1个扣0.5分。", "5", None, "覆盖8个村", None, None, None, "4.00"),
    ("覆盖全部10个村得满分,每少1个扣0.5分。", "5", None, "少3个", None, None, None, "3.50"),
    ("会议记录、检查记录等资料齐全得2分,缺一项扣0.5分。", "2", None, "缺1项", None, None, None, "1.50"),
    ("未发生质量事故得2分,发生的不得分。", "2", None, "发生1起", None, None, None, "0.00"),
    ("及时率100%得满分,每降低1个百分点扣0.2分,降至80%以下不得分。", "4", None, "95%", None, None, None, "3.00"),
    ("及时率100%得满分,每降低1个百分点扣0.2分,降至80%以下不得分。", "4", None, "75%", None, None, None, "0.00"),
    ("按完成比例计分,完成率=实际完成数/计划数×100%。", "10", "100人", "90人", None, None, None, "9.00"),
    ("完成率100%以上得满分,低于100%的按完成率乘以分值计分。", "10", None, "85%", None, None, None, "8.50"),
    ("宣传工作不积极、效果不明显的,酌情扣分,最高扣3分", "10", None, None, None, None, "8", "8.00"),
    ("宣传工作不积极、效果不明显的,酌情扣分,最高扣3分", "10", None, None, None, None, "6",
     "拒绝：无法计分：评价人给分6（扣4分）不在允许范围内：满分10分，或酌情扣0~3分"),
    ("投诉件数与上年相比,每上升一个百分点扣1分", "10", None, "上升3%", None, None, None, "7.00"),
    ("投诉件数与上年相比,每上升一个百分点扣1分", "10", None, "下降2%", None, None, None, "10.00"),
    ("存在一项未完成的扣1分,最多扣3分。", "5", None, "5项未完成", None, None, None, "2.00"),
    ("资料归档率95%以上,得3分;未达标的,扣3分。注:归档率指已归档资料占应归档资料的比例。", "3", None, "96%", None, None, None,
     "3.00"),
    ("全部落实,得满分;有科室,未落实培训任务(无专业基地除外),得2分;未设置,不得分", "5", None, None, None,
     "有科室,未落实培训任务", None, "2.00"),
    ("支出控制在预算内得满分,超支1%-3%扣1分,超支3%以上不得分", "5", None, "超支2%", None, None, None, "4.00"),
    ("支出控制在预算内得满分,超支1%-3%扣1分,超支3%以上不得分", "5", None, "超支4%", None, None, None, "0.00"),
    ("支出控制在预算内得满分,超支1%-3%扣1分,超支3%以上不得分", "5", None, "未超支", None, None, None, "5.00"),
    ("完成时间在计划内得满分,延期1个月内扣1分,延期1个月以上不得分", "4", None, "延期0.5个月", None, None, None, "3.00"),
    ("完成时间在计划内得满分,延期1个月内扣1分,延期1个月以上不得分", "4", None, "按期完成", None, None, None, "4.00"),
    ("结余率≤5%得满分,每高1个百分点扣0.2分,扣完为止", "2", None, "8%", None, None, None, "1.40"),
    ("全年零差错得3分,差错一次扣1分,扣完为止", "3", None, "零差错", None, None, None, "3.00"),
    ("全年零差错得3分,差错一次扣1分,扣完为止", "3", None, "差错2次", None, None, None, "1.00"),
    ("按要求完成整改的得满分,整改不到位的扣2分,拒不整改的全扣", "5", None, "拒不整改", None, None, None, "0.00"),
    ("按要求完成整改的得满分,整改不到位的扣2分,拒不整改的全扣", "5", None, "整改不到位", None, None, None, "3.00"),
    ("延期按拖期天数占总工期比重扣分", "10", None, "拖期10天", None, None, None,
     "拒绝：无法理解：已识别“无”，在第3个字“按拖期天数占总工期比重扣…”处停止：“按拖期天数占总工期比重扣分”扣的是坏的一面的占比，"
     "这种按比例扣分还读不懂"),
    ("合格率低于90%、80%、70%的,分别扣1分、2分、4分", "5", None, "85%", None, None, None, "4.00"),
    ("合格率低于90%、80%、70%的,分别扣1分、2分、4分", "5", None, "65%", None, None, None, "1.00"),
    ("合格率低于90%、80%、70%的,分别扣1分、2分、4分", "5", None, "95%", None, None, None, "5.00"),
    ("被市级、县级媒体曝光的,每次分别扣4分、2分", "10", None, "县级媒体曝光1次", None, None, None, "8.00"),
    ("被市级、县级媒体曝光的,每次分别扣4分、2分", "10", None, "市级媒体曝光2次", None, None, None, "2.00"),
    ("巡查发现问题每处扣1分;通报批评每次扣2分", "10", None, "3个", None, None, None,
     "拒绝：实际完成值中的“3个”说不清是“巡查发现问题处数”“通报批评次数”中哪一项的数：请用 --fact 名称=值 分别给出"),
]


@pytest.mark.parametrize("text,weight,target,actual,unmet,level,score,want", SCORED,
                         ids=[f"{s[0][:10]}-{s[3] or s[4] or s[5]}" for s in SCORED])
def test_clauses_score_the_actual_as_written(text: str, weight: str, target: str | None, actual: str | None,
                                             unmet: str | None, level: str | None, score: str | None,
                                             want: str) -> None:
    assert tried(text, weight, target, actual, unmet, level, score) == want


def test_mentions_read_number_unit_and_denial() -> None:
    got = [(m.text, m.number, m.unit, m.denies) for m in mentions("少A1条,少B2条(未超标)")]
    assert got == [("少A1条", Decimal(1), "条", False), ("少B2条", Decimal(2), "条", False), ("未超标", None, "", True)]


def test_read_gives_each_fact_its_mention_and_the_unsaid_the_good_case() -> None:
    facts = {"白条顶库张数": COUNT, "账实符": FLAG, "库存现金": NUMBER}
    assert read("白条顶库3张,账实相符,库存现金2万元", facts) == {"白条顶库张数": "3张", "账实符": "是", "库存现金": "2万元"}
    assert read("账实不符,库存现金5元", facts) == {"白条顶库张数": "0", "账实符": "否", "库存现金": "5元"}


def test_read_refuses_a_number_it_cannot_place() -> None:
    with pytest.raises(ActualTextError) as info:
        read("2处", {"问题处数": COUNT, "通报次数": COUNT})
    assert str(info.value) == "实际完成值中的“2处”说不清是“问题处数”“通报次数”中哪一项的数：请用 --fact 名称=值 分别给出"


def test_read_refuses_a_quantity_the_cell_does_not_give() -> None:
    with pytest.raises(ActualTextError) as info:
        read("按时报送", {"预算资金总来源": NUMBER, "取消资金": NUMBER})
    assert str(info.value) == "实际完成值“按时报送”中没有说到“预算资金总来源”"


def test_an_over_long_sentence_is_refused_before_reading_it() -> None:
    """A hostile 90 KB sentence of digits is refused at the bound, not read (the reader's work grows
    faster than the text; a real 评分标准 is a few hundred characters)."""
    with pytest.raises(RuleTextError) as info:
        parse("1" * 90_000)
    assert info.value.position == 2000
    assert info.value.why == "评分标准过长（90000个字符，上限2000；真实的评分标准不过几百字）"


def test_an_over_long_actual_is_refused() -> None:
    with pytest.raises(ActualTextError) as info:
        read("1" * 2001, {"问题处数": COUNT})
    assert str(info.value) == "实际完成值过长（2001个字符，上限2000）"


WRITTEN_SET = """
indicator_set: w
total: 20
indicators:
  - name: 管理
    children:
      - name: 报送
        children:
          - {name: 报表报送, weight: 5, criteria: "每迟报一天扣0.5分;迟报五天及以上不得分。"}
          - {name: 凭证管理, weight: 3, criteria: "凭证缺号的每张扣0.2分;账实不符的扣1分。"}
          - {name: 巡查, weight: 10, criteria: "巡查发现问题每处扣1分;通报批评每次扣2分"}
          - {name: 上报, weight: 2, criteria: "未按时上报数据扣1分,扣完为止"}
"""

WRITTEN_EVAL = """
project: 测试项目
department: 测试部门
year: 2024
kind: 自评
indicator_set: w
results:
  报表报送: {actual: 迟报3天}
  凭证管理: {actual: "账实不符,凭证缺号2张"}
  巡查: {actual: 3个}
  上报: {actual: 按时上报}
"""


def test_an_evaluation_whose_actuals_are_written_as_found(write) -> None:
    """实际完成值 as officers write them score through the rule read from the 评分标准; a number the
    cell cannot place is an invalid row saying so, never a guess."""
    import perfscore

    write("indicator_sets/w.yaml", WRITTEN_SET)
    card = perfscore.score(perfscore.load_evaluation(str(write("evaluations/e.yaml", WRITTEN_EVAL))))
    got = {i.path[-1]: (i.score, i.status) for i in card.indicators}
    assert got == {"报表报送": (Decimal("3.50"), "scored"), "凭证管理": (Decimal("1.60"), "scored"),
                   "巡查": (None, "invalid"), "上报": (Decimal("2.00"), "scored")}
    invalid = next(i for i in card.indicators if i.path[-1] == "巡查")
    assert str(invalid.explanation) == ("实际完成值中的“3个”说不清是“巡查发现问题处数”“通报批评次数”中哪一项的数："
                                        "请用 --fact 名称=值 分别给出")


@pytest.mark.parametrize("cond,good", [
    ("项目未细化到具体实施内容", "项目细化到具体实施内容"),
    ("核查数据真实性,发现记录不真实等情形", "核查数据真实性,未发现记录不真实等情形"),
    ("发生安全事故", "发生安全事故"),          # no negation to take away: the caller writes 无…
    ("无编制依据或不全", "未出现无编制依据或不全的情形"),
    ("因审查不到位导致泄密", "未出现因审查不到位导致泄密的情形"),
    ("造成不良影响", "造成不良影响"),          # 不良 is a word, not a negation: the caller writes 无…
])
def test_a_yes_no_fact_is_named_by_its_good_case(cond: str, good: str) -> None:
    assert positive(cond) == good


@pytest.mark.parametrize("actual,degree", [
    ("完成80%", "80%"), ("完成进度目标的75%", "75%"), ("退养完成75%", "75%"), ("完成率92.5%", "92.5%"),
    ("全部完成", "100%"), ("完成任务", "100%"), ("全部水井实现达标", "100%"),
    ("全部未完成", None), ("80%", None), ("查处8例", None), ("完成8例", None),
])
def test_an_actual_may_state_its_completion_degree(actual: str, degree: str | None) -> None:
    assert completion(actual) == degree


def test_levels_with_their_own_points_render_and_read_back() -> None:
    rule = parse("目标明确,得满分;基本明确,得1分;不明确,不得分")
    assert rule["levels"][1] == {"name": "基本明确", "points": 1}
    assert render(rule) == "目标明确，得满分；基本明确，得1分；不明确，不得分"
    assert parse(render(rule)) == rule

