"""perfscore.numbers: Decimals from text only, one half-up rounding helper."""
from __future__ import annotations

from decimal import Decimal

import pytest

from perfscore.numbers import exact, fmt, half_unit, parse_decimal, round_half_up

D = Decimal


@pytest.mark.parametrize(("value", "step", "rounded"), [
    ("2.675", "0.01", "2.68"),
    ("0.125", "0.01", "0.13"),
    ("2.665", "0.01", "2.67"),
    ("2.5384615", "0.01", "2.54"),
    ("13.3777", "0.01", "13.38"),
    ("-2.675", "0.01", "-2.68"),
    ("0.05", "0.1", "0.1"),
    ("0.25", "0.1", "0.3"),
    ("2.5", "1", "3"),
    ("3.5", "1", "4"),
    ("95.915", "0.01", "95.92"),
])
def test_round_half_up(value: str, step: str, rounded: str) -> None:
    result = round_half_up(D(value), D(step))
    assert result == D(rounded)
    assert str(result) == rounded


def test_round_half_up_defaults_to_cents() -> None:
    assert str(round_half_up(D("2.675"))) == "2.68"
    assert str(round_half_up(D("0.125"))) == "0.13"


@pytest.mark.parametrize(("text", "value"), [
    ("95", "95"), ("1,912", "1912"), ("２.５", "2.5"), (" 0.1 ", "0.1"), (".5", "0.5"), ("-3", "-3"),
    (12, "12"), (D("3.25"), "3.25"),
])
def test_parse_decimal(text: str | int | Decimal, value: str) -> None:
    assert parse_decimal(text) == D(value)


@pytest.mark.parametrize(("text", "message"), [
    ("abc", "不是数字：'abc'"),
    ("1.2.3", "不是数字：'1.2.3'"),
    ("", "不是数字：''"),
    (0.1, "不是数字：0.1"),
    (True, "不是数字：True"),
])
def test_parse_decimal_rejects_non_numbers_and_floats(text: object, message: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_decimal(text)  # type: ignore[arg-type]
    assert str(info.value) == message


@pytest.mark.parametrize(("value", "shown"), [
    (D("100.00"), "100"), (D("2.50"), "2.5"), (D("1E+1"), "10"), (D("0.30"), "0.3"), (D("-0.5"), "-0.5"),
    (D("13.38"), "13.38"), (None, None),
])
def test_fmt(value: Decimal | None, shown: str | None) -> None:
    assert fmt(value) == shown


@pytest.mark.parametrize(("printed", "half"), [("96", "0.5"), ("13.38", "0.005"), ("95.9", "0.05")])
def test_half_unit_is_the_comparison_tolerance(printed: str, half: str) -> None:
    assert half_unit(D(printed)) == D(half)


def test_exact_context_has_34_digits_and_rounds_half_up() -> None:
    with exact():
        third = D(1) / 3
        assert len(third.as_tuple().digits) == 34
        assert D("0.12345678901234567890123456789012345") + 0 == D("0.1234567890123456789012345678901235")
