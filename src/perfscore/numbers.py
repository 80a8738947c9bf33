"""Exact numbers: every score, weight, target and amount is a Decimal built from text.

Rounding is 四舍五入 (ROUND_HALF_UP) and happens only in :func:`round_half_up`.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext
from typing import Annotated, Iterator

from pydantic import AfterValidator
from contextlib import contextmanager

from .limits import number_problem, number_text_problem

CENT = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)
CONTEXT = Context(prec=34, rounding=ROUND_HALF_UP)

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


@contextmanager
def exact() -> Iterator[None]:
    """Run the enclosed arithmetic in the scoring context (34 digits, half-up)."""
    with localcontext(CONTEXT):
        yield


def normalize_text(text: str) -> str:
    """Full-width digits, letters and punctuation to their ASCII forms (NFKC), trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_decimal(text: str | int | Decimal) -> Decimal:
    """A Decimal from text such as '95', '1,912', '２.５'; ValueError otherwise. Never from a float."""
    if isinstance(text, bool):
        raise ValueError(f"不是数字：{text!r}")
    if isinstance(text, Decimal):
        return bounded(text)
    if isinstance(text, int):
        return bounded(Decimal(text))
    if not isinstance(text, str):
        raise ValueError(f"不是数字：{text!r}")
    too_long = number_text_problem(text.strip())
    if too_long:
        raise ValueError(too_long)
    s = normalize_text(text).replace(",", "")
    if not _NUMBER.match(s):
        raise ValueError(f"不是数字：'{text}'")
    try:
        return bounded(Decimal(s))
    except InvalidOperation as exc:  # pragma: no cover - regex already guards
        raise ValueError(f"不是数字：'{text}'") from exc


def bounded(value: Decimal) -> Decimal:
    """The value itself when it is within the bounds of :mod:`perfscore.limits`; ValueError otherwise."""
    problem = number_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def round_half_up(value: Decimal, step: Decimal = CENT) -> Decimal:
    """四舍五入 to the given step (0.01, 0.1 or 1). The one rounding helper of perfscore."""
    return value.quantize(step, rounding=ROUND_HALF_UP)


def fmt(value: Decimal | None) -> str | None:
    """Plain decimal text without exponent or trailing zeros: 100.00 → '100', 2.50 → '2.5'."""
    if value is None:
        return None
    if value.is_zero():
        return "0"                   # never "-0": 0 - 0.001 rounded is -0.00
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def fmt_short(value: Decimal) -> str:
    """A computed value for an explanation: as :func:`fmt`, but a quotient such as 65.07/65.66×100 =
    99.1014316… is shown to 0.01 (display only; the arithmetic keeps every digit)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -4:
        return fmt(round_half_up(value)) or ""
    return fmt(value) or ""


def differs(declared: Decimal | None, computed: Decimal | None) -> bool:
    """Beyond rounding: more than half a unit of the declared value's last printed digit.

    False when either is missing."""
    if declared is None or computed is None:
        return False
    return abs(declared - computed) > half_unit(declared)


def half_unit(printed: Decimal) -> Decimal:
    """Half a unit of the last printed digit: 96 → 0.5, 13.38 → 0.005 (the comparison tolerance)."""
    exponent = printed.as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(5).scaleb(exponent - 1)


Exact = Annotated[Decimal, AfterValidator(bounded)]
"""A Decimal field of the model, bounded like every number read (see :mod:`perfscore.limits`)."""
