"""perfscore.targets: targets and actuals as finance officers write them (docs/rules.md §年度指标值与实际完成值)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from perfscore.targets import Target, Value, parse_target, parse_value

D = Decimal


@pytest.mark.parametrize(("text", "op", "value", "unit", "reverse"), [
    ("≥95%", "≥", "95", "%", False),
    (">=95", "≥", "95", "", False),
    ("≧735人次", "≥", "735", "人次", False),
    (">90", ">", "90", "", False),
    ("=12期", "=", "12", "期", False),
    ("=12 期", "=", "12", "期", False),
    ("＝100%", "=", "100", "%", False),
    ("≤3万元", "≤", "3", "万元", True),
    ("<5%", "<", "5", "%", True),
    ("=0起", "=", "0", "起", True),
    ("100", None, "100", "", False),
    ("95%", None, "95", "%", False),
    ("1,912个", None, "1912", "个", False),
])
def test_parse_target_numeric(text: str, op: str | None, value: str, unit: str, reverse: bool) -> None:
    t = parse_target(text)
    assert t == Target(text=text, op=op, value=D(value), unit=unit)
    assert not t.qualitative
    assert t.reverse is reverse


def test_percent_written_either_way_is_the_same_value() -> None:
    assert parse_target("95%").value == parse_target("95").value == D(95)


@pytest.mark.parametrize("text", ["全年", "提升", "健全", "有效保障", "每月更新", "=确保"])
def test_parse_target_qualitative(text: str) -> None:
    t = parse_target(text)
    assert t == Target(text=text)
    assert t.qualitative and not t.reverse
    assert t.show() == text


@pytest.mark.parametrize(("text", "message"), [
    ("≥abc%", "目标值“≥abc%”无法识别：“≥”后应为数字，实为“abc%”"),
    ("≥", "目标值“≥”无法识别：缺少数值"),
])
def test_parse_target_rejects(text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_target(text)
    assert str(info.value) == message


@pytest.mark.parametrize(("text", "shown"), [("≥95%", "≥95%"), ("=12 期", "=12期"), (">=95", "≥95"), ("100", "100")])
def test_target_show(text: str, shown: str) -> None:
    assert parse_target(text).show() == shown


def test_parse_target_from_a_number() -> None:
    assert parse_target(100) == Target(text="100", value=D(100))


@pytest.mark.parametrize(("raw", "expected"), [
    ("95%", Value(text="95%", number=D(95), unit="%")),
    ("26400份", Value(text="26400份", number=D(26400), unit="份")),
    ("3.25万元", Value(text="3.25万元", number=D("3.25"), unit="万元")),
    ("是", Value(text="是", flag=True)),
    ("否", Value(text="否", flag=False)),
    (True, Value(text="是", flag=True)),
    (False, Value(text="否", flag=False)),
    (86, Value(text="86", number=D(86))),
    (D("90.21"), Value(text="90.21", number=D("90.21"))),
    ("持平", Value(text="持平")),
])
def test_parse_value(raw: object, expected: Value) -> None:
    assert parse_value(raw) == expected


def test_value_show() -> None:
    assert parse_value("3.25万元").show() == "3.25万元"
    assert parse_value("持平").show() == "持平"
