"""Sentences not in public.tsv, written the way 评分标准 are written: they parse and score as meant."""
from __future__ import annotations

import json
import subprocess
from decimal import Decimal
from typing import Any

import pytest
from pydantic import TypeAdapter

from helpers import perfscore
from perfscore.errors import PerfscoreError
from perfscore.rules import AnyRule
from perfscore.ruletext import RuleTextError, parse
from perfscore.ruletext.trial import trial

RULE = TypeAdapter(AnyRule)

NEW = [
    ("培训人次达到735人次及以上得满分，每少20人次扣0.5分，扣完为止",
     {"kind": "step", "reference": 735, "per": 20, "deduct": "0.5"},
     [({"weight": "5", "actual": "700人次"}, "4.5"), ({"weight": "5", "actual": "735人次"}, "5")]),
    ("群众满意度达到95%（含）以上得5分，90%（含）-95%得4分，85%（含）-90%得3分，85%以下不得分",
     {"kind": "bands", "bands": [{"min": 95, "score": 5}, {"min": 90, "max": 95, "score": 4},
                                 {"min": 85, "max": 90, "score": 3}, {"max": 85, "score": 0}]},
     [({"weight": "5", "actual": "92%"}, "4"), ({"weight": "5", "actual": "95%"}, "5"), ({"weight": "5", "actual": "80%"}, "0")]),
    ("成本控制在3万元以内得满分，每超出0.1万元扣0.5分，扣完为止",
     {"kind": "step", "reference": 3, "direction": "above", "per": "0.1", "deduct": "0.5"},
     [({"weight": "5", "actual": "3.25万元"}, "4"), ({"weight": "5", "actual": "2.9万元"}, "5")]),
    ("按时完成得满分，每延迟一天扣0.2分，扣完为止",
     {"kind": "step", "input": "延迟天数", "reference": 0, "direction": "above", "per": 1, "deduct": "0.2"},
     [({"weight": "3", "actual": "4"}, "2.2"), ({"weight": "3", "actual": "0"}, "3")]),
    ("有健全的管理制度得满分，否则不得分", {"kind": "boolean"},
     [({"weight": "2", "actual": "否"}, "0"), ({"weight": "2", "actual": "是"}, "2")]),
    ("资金到位率为100%得满分，每降低5个百分点扣1分，扣完为止",
     {"kind": "step", "reference": 100, "per": 5, "deduct": 1},
     [({"weight": "4", "actual": "87%"}, "2"), ({"weight": "4", "actual": "100%"}, "4")]),
    ("①制度健全；②执行有效；③档案完整。每项各占三分之一权重分，全部符合得满分，否则扣除对应权重分",
     {"kind": "checklist", "mode": "share", "items": ["①制度健全", "②执行有效", "③档案完整"]},
     [({"weight": "6", "unmet": "②"}, "4"), ({"weight": "6", "unmet": "①,③"}, "2")]),
    ("项目验收合格率100%得满分；每低于1个百分点扣该指标分值的10%，扣完为止",
     {"kind": "step", "reference": 100, "per": 1, "deduct": "10%"},
     [({"weight": "5", "actual": "98%"}, "4"), ({"weight": "5", "actual": "85%"}, "0")]),
    ("宣传报道次数不少于12次，达到的得满分，每少1次扣1分",
     {"kind": "step", "reference": 12, "per": 1, "deduct": 1},
     [({"weight": "5", "actual": "9次"}, "2"), ({"weight": "5", "actual": "13次"}, "5")]),
    ("根据项目实施效果酌情打分，最高不超过6分", {"kind": "manual", "full": 6},
     [({"weight": "6", "score": "4"}, "4"), ({"weight": "6", "score": "6"}, "6")]),
    ("事故发生率≤0.5%得满分，每超过0.1个百分点扣1分",
     {"kind": "step", "reference": "0.5", "direction": "above", "per": "0.1", "deduct": 1},
     [({"weight": "4", "actual": "0.72%"}, "2"), ({"weight": "4", "actual": "0.3%"}, "4")]),
    ("完成率低于60%不得分，其余按完成比例计分", {"kind": "ratio", "pass_mark": "60%"},
     [({"weight": "10", "target": "100%", "actual": "80%"}, "5"), ({"weight": "10", "target": "100%", "actual": "59%"}, "0")]),
    ("发放及时率达到98%及以上的，得满分；每降低1个百分点，扣0.5分；低于90%的，不得分。",
     {"kind": "step", "reference": 98, "per": 1, "deduct": "0.5", "zero_at": 90},
     [({"weight": "5", "actual": "91.5%"}, "2"), ({"weight": "5", "actual": "90%"}, "0")]),
    ("投诉处理率不低于95%，得满分；每低0.5个百分点扣0.2分，扣完为止",
     {"kind": "step", "reference": 95, "per": "0.5", "deduct": "0.2"},
     [({"weight": "3", "actual": "93.4%"}, "2.4"), ({"weight": "3", "actual": "96%"}, "3")]),
    ("基本制度健全得4分，缺一项扣1分",
     {"kind": "step", "full": 4, "input": "缺项数", "reference": 0, "direction": "above", "per": 1, "deduct": 1},
     [({"weight": "4", "actual": "1"}, "3"), ({"weight": "4", "actual": "5"}, "0")]),
    ("各乡镇全部完成得满分，每有一个乡镇未完成扣1分，扣完为止",
     {"kind": "step", "input": "乡镇未完成数", "reference": 0, "direction": "above", "per": 1, "deduct": 1},
     [({"weight": "3", "actual": "2"}, "1"), ({"weight": "3", "actual": "0"}, "3")]),
]


@pytest.mark.parametrize("text,expected,points", NEW, ids=[n[0][:12] for n in NEW])
def test_new_sentence(text: str, expected: dict[str, Any], points: list) -> None:
    assert RULE.validate_python(parse(text)).model_dump() == RULE.validate_python(expected).model_dump()
    for kwargs, want in points:
        out = json.loads(trial(text, kwargs.pop("weight"), as_json=True, **kwargs), parse_float=Decimal)
        assert out["score"] == Decimal(want), out


@pytest.mark.parametrize("text,position,message", [
    ("今天天气很好", 0, "无法理解：已识别“无”，在第1个字“今天天气很好”处停止：没有找到得分、扣分或计分方法的说法"),
    ("达到100%得满分，每少1个百分点扣1分，然后请大家吃饭", 21,
     "无法理解：已识别“达到100%→得分；每少1个百分点→扣分1”，在第22个字“然后请大家吃饭”处停止：这段文字没有说明得分或扣分"),
    ("", 0, "无法理解：已识别“无”，在第1个字“”处停止：评分标准为空"),
    # regression: was silently read as a one-level qualitative rule named after the formula
    ("完成值/目标值×10分，最高10分", 0,
     "无法理解：已识别“无”，在第1个字“完成值/目标值×10分，…”处停止：无法判断“完成值/目标值×10分,最高”之后的“得分10”属于哪种评分规则"),
])
def test_not_understood_says_what_was_read_and_where(text: str, position: int, message: str) -> None:
    with pytest.raises(RuleTextError) as info:
        parse(text)
    assert info.value.position == position
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


def test_error_position_is_in_the_text_as_written() -> None:
    text = "达到 100% 得满分，每少 1 个百分点扣 1 分，然后请大家吃饭"
    with pytest.raises(RuleTextError) as info:
        parse(text)
    assert text[info.value.position:] == "然后请大家吃饭"


def test_full_width_and_chinese_numerals() -> None:
    got = parse("公报发行共计服务１９１２个及以上得满分，每少十个扣０．１分，扣完为止。")
    assert (got["reference"], got["per"], str(got["deduct"])) == (1912, 10, "0.1")


def test_try_refuses_a_sentence_whose_full_score_is_not_the_weight() -> None:
    """得4分 under a 5-point weight: which is the full score cannot be told (an indicator set says PS103)."""
    assert trial("资金、资产管理、监控及资金审批等基本制度健全4分，缺1项扣1分。", "4", unmet="1").splitlines()[-2:] == [
        "得分：3", "说明：4项要点，未达到1项，每项扣1分，共扣1分"]
    with pytest.raises(PerfscoreError) as info:
        trial("资金、资产管理、监控及资金审批等基本制度健全4分，缺1项扣1分。", "5", unmet="1")
    assert str(info.value) == "有歧义：评分标准写明满分4分，分值（--weight）却是5分，说不清满分是哪个：请改正其中一个"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return perfscore("rule", *args)


def test_cli_parse_yaml() -> None:
    r = _cli("parse", "公报发行共计服务1912个及以上得满分，每少10个扣0.1分，扣完为止")
    assert (r.returncode, r.stdout) == (0, "kind: step\nreference: 1912\nper: 10\ndeduct: 0.1\n")


def test_cli_parse_json_with_target() -> None:
    r = _cli("parse", "达到 100% 得满分，每超出或未达到 1%，扣 1% 权重分，扣完为止。", "--format", "json", "--target", "100%")
    assert r.returncode == 0
    assert r.stdout == '{\n  "kind": "step",\n  "direction": "both",\n  "per": 1,\n  "deduct": "1%"\n}\n'


def test_cli_parse_not_understood_exits_2() -> None:
    r = _cli("parse", "今天天气很好")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == "无法理解：已识别“无”，在第1个字“今天天气很好”处停止：没有找到得分、扣分或计分方法的说法\n"


def test_cli_render_inline_json() -> None:
    r = _cli("render", '{"kind": "step", "per": 10, "deduct": "0.1", "reference": 1912}')
    assert (r.returncode, r.stdout) == (0, "达到1912得满分，每低于10，扣0.1分，扣完为止\n")


def test_cli_try_json() -> None:
    r = _cli("try", "公报发行共计服务1912个及以上得满分，每少10个扣0.1分，扣完为止", "--weight", "10", "--actual", "1900个",
             "--format", "json")
    assert r.returncode == 0
    assert r.stdout == ('{\n  "kind": "step",\n  "rule": {\n    "kind": "step",\n    "reference": 1912,\n    "per": 10,\n'
                        '    "deduct": 0.1\n  },\n  "score": 9.9,\n'
                        '  "explanation": "实际1900个，标准1912个，差12个，每10个扣0.1分，扣1档0.1分"\n}\n')


def test_cli_try_missing_actual_exits_2() -> None:
    r = _cli("try", "公报发行共计服务1912个及以上得满分，每少10个扣0.1分，扣完为止", "--weight", "10")
    assert (r.returncode, r.stderr) == (2, "无法计分：缺少实际完成值\n")
