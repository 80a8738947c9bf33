"""ratio — 按完成比例计分.

正向 (≥ > = or a bare number): r = 实际/目标; 反向 (≤ <): r = 目标/实际. Score = 满分 × min(r, 1).

Options:
- ``pass_mark: 60%`` (财预〔2021〕101号): r < 60% → 0, else (r − 60%)/(1 − 60%) × 满分.
- ``reverse: inverse`` (the default for 反向 targets) or ``reverse: linear_to_double``
  (full at or below the target, 0 at twice the target or more, linear between).

Examples (weight 3, target ``=31200份``): actual 26400 → 3 × 26400/31200 = 2.54;
actual 31200 → 3. Weight 14, target 90, actual 86 → 13.38.
With ``pass_mark: 60%``, weight 10, target 100, actual 80 → (0.8−0.6)/0.4 × 10 = 5.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import field_validator

from ..errors import RuleInputError
from ..numbers import HUNDRED, ZERO, fmt, round_half_up
from .base import Inputs, Rule, Scored, clamp, parse_share


def pct(r: Decimal) -> str:
    return f"{fmt(round_half_up(r * HUNDRED))}%"


class RatioRule(Rule):
    kind: Literal["ratio"] = "ratio"
    pass_mark: Decimal | None = None
    reverse: Literal["inverse", "linear_to_double"] = "inverse"
    title = "按完成比例"

    @field_validator("pass_mark", mode="before")
    @classmethod
    def _share(cls, v: object) -> object:
        return None if v is None else parse_share(v)

    def score(self, inp: Inputs) -> Scored:
        full = self.max_points(inp.weight)
        target = inp.target
        if target is None or target.value is None:
            raise RuleInputError("按比例计分需要数值型目标值")
        actual = inp.number(self.input)
        unit = target.unit
        head = f"实际{fmt(actual)}{unit}，目标{target.show()}"
        t = target.value
        if target.reverse:
            if self.reverse == "linear_to_double":
                if t <= 0:
                    raise RuleInputError("反向线性计分的目标值须大于0")
                r = clamp((2 * t - actual) / t, Decimal(1))
                return Scored(full * r, f"{head}，反向（目标内满分，2倍目标为0），"
                              f"{fmt(full)}×(2×{fmt(t)}−{fmt(actual)})/{fmt(t)}")
            if actual <= t:
                return Scored(full, f"{head}，达到目标")
            if actual <= 0 or t <= 0:
                return Scored(ZERO, f"{head}，未达到目标")
            r = t / actual
            formula = f"{fmt(t)}/{fmt(actual)}"
        else:
            if actual >= t:
                r = Decimal(1)
                formula = ""
            elif t <= 0:
                raise RuleInputError("正向比例计分的目标值须大于0")
            else:
                r = max(actual, ZERO) / t
                formula = f"{fmt(actual)}/{fmt(t)}"
        if not formula:
            return Scored(full, f"{head}，达到目标")
        if self.pass_mark is not None:
            p = self.pass_mark
            if r < p:
                return Scored(ZERO, f"{head}，完成率{formula}={pct(r)}，低于及格线{pct(p)}")
            return Scored(full * (r - p) / (1 - p),
                          f"{head}，完成率{formula}={pct(r)}，{fmt(full)}×({pct(r)}−{pct(p)})/(1−{pct(p)})")
        return Scored(full * r, f"{head}，完成率{formula}={pct(r)}，{fmt(full)}×{formula}")
