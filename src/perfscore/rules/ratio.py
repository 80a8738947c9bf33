"""ratio — 按完成比例计分.

正向 (≥ > = or a bare number): r = 实际/目标; 反向 (≤ <): r = 目标/实际. Score = 满分 × min(r, 1).
``=0`` is its own case: met (full marks) when the actual is at most 0, else 0.

Options:
- ``reference: 20`` (the threshold the sentence states: 建档20%得40分，低于要求按比例得分): r is taken
  against it instead of the target's value (the target, when given, still says 正向 or 反向).
- ``pass_mark: 60%`` (财预〔2021〕101号): r < 60% → 0, else (r − 60%)/(1 − 60%) × 满分.
- ``reverse: inverse`` (the default for 反向 targets) or ``reverse: linear_to_double``
  (full at or below the target, 0 at twice the target or more, linear between).

Examples (options，分值，目标，实际 → 得分):

- {}，分值3，目标=31200份，实际26400 → 2.54
- {}，分值3，目标=31200份，实际31200 → 3
- {}，分值14，目标90，实际86 → 13.38
- {pass_mark: 60%}，分值10，目标100，实际80 → 5
- {pass_mark: 60%}，分值10，目标100，实际50 → 0
- {}，分值5，目标≤3万元，实际4 → 3.75
- {reverse: linear_to_double}，分值5，目标≤3万元，实际4 → 3.33
- {reverse: linear_to_double}，分值5，目标≤3万元，实际6 → 0
- {}，分值5，目标=0起，实际0 → 5
- {}，分值5，目标=0起，实际1 → 0
- {}，分值5，目标提升，实际1 → 无效：按比例计分需要数值型目标值
- {reference: 20}，分值40，实际15 → 30
- {reference: 20}，分值40，实际25 → 40
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Literal

from pydantic import field_validator

from ..errors import RuleInputError
from ..numbers import ZERO, fmt, fmt_short
from ..targets import Target
from .base import Example, Inputs, Number, Rule, Scored, Share, show_share

ONE = Decimal(1)


class RatioRule(Rule):
    kind: Literal["ratio"] = "ratio"
    reference: Number | None = None
    pass_mark: Share | None = None
    reverse: Literal["inverse", "linear_to_double"] = "inverse"
    title = "按完成比例"

    @field_validator("pass_mark")
    @classmethod
    def _below_one(cls, v: Decimal | None) -> Decimal | None:
        if v is not None and v >= ONE:
            raise ValueError(f"及格线 pass_mark 应小于100%，实为{show_share(v)}")
        return v

    def score(self, inp: Inputs) -> Scored:
        full = self.max_points(inp.weight)
        target = self._target(inp.target)
        if target is None or target.value is None:
            raise RuleInputError("按比例计分需要数值型目标值")
        actual, unit = inp.measured(self.input)
        t = target.value

        def head() -> str:
            return f"实际{fmt_short(actual)}{unit}，目标{target.show()}"

        if target.op == "=" and t == 0:
            if actual <= 0:
                return Scored(full, lambda: f"{head()}，达到目标")
            return Scored(ZERO, lambda: f"{head()}，超过0，不得分")
        if target.reverse:
            if actual <= t:
                return Scored(full, lambda: f"{head()}，达到目标")
            if t <= 0:
                return Scored(ZERO, lambda: f"{head()}，未达到目标，不得分")
            if self.reverse == "linear_to_double":
                if actual >= 2 * t:
                    return Scored(ZERO, lambda: f"{head()}，达到目标的2倍及以上，不得分")
                return Scored(full * (2 * t - actual) / t,
                              lambda: f"{head()}，反向线性（目标内满分，2倍目标为0），"
                                      f"{fmt(full)}×(2×{fmt(t)}−{fmt_short(actual)})/{fmt(t)}")
            r = t / actual

            def formula() -> str:
                return f"{fmt(t)}/{fmt_short(actual)}"
        elif target.exact and actual > t:
            r = t / actual

            def formula() -> str:
                return f"{fmt(t)}/{fmt_short(actual)}（严格等于，超出亦按比例）"
        else:
            if actual >= t:
                return Scored(full, lambda: f"{head()}，达到目标")
            if t <= 0:
                raise RuleInputError("正向比例计分的目标值须大于0")
            r = max(actual, ZERO) / t

            def formula() -> str:
                return f"{fmt_short(actual)}/{fmt(t)}"

        def rate() -> str:
            return f"完成率{formula()}={show_share(r)}"

        if self.pass_mark is None:
            return Scored(full * r, lambda: f"{head()}，{rate()}，{fmt(full)}×{formula()}")
        p = self.pass_mark
        if r < p:
            return Scored(ZERO, lambda: f"{head()}，{rate()}，低于及格线{show_share(p)}，不得分")
        return Scored(full * (r - p) / (1 - p),
                      lambda: f"{head()}，{rate()}，{fmt(full)}×({formula()}−{show_share(p)})/(1−{show_share(p)})")

    def _target(self, target: Target | None) -> Target | None:
        """The target r is taken against: the stated ``reference`` (正向 unless the target is 反向), else the target."""
        if self.reference is None:
            return target
        if target is not None and target.value is not None and target.reverse:
            return replace(target, value=self.reference)
        unit = target.unit if target is not None else ""
        return Target(text=f"≥{fmt(self.reference)}{unit}", op="≥", value=self.reference, unit=unit)


EXAMPLES = [
    Example({}, "3", "2.54", "=31200份", {"actual": 26400}),
    Example({}, "3", "3", "=31200份", {"actual": 31200}),
    Example({}, "14", "13.38", "90", {"actual": 86}),
    Example({"pass_mark": "60%"}, "10", "5", "100", {"actual": 80}),
    Example({"pass_mark": "60%"}, "10", "0", "100", {"actual": 50}),
    Example({}, "5", "3.75", "≤3万元", {"actual": 4}),
    Example({"reverse": "linear_to_double"}, "5", "3.33", "≤3万元", {"actual": 4}),
    Example({"reverse": "linear_to_double"}, "5", "0", "≤3万元", {"actual": 6}),
    Example({}, "5", "5", "=0起", {"actual": 0}),
    Example({}, "5", "0", "=0起", {"actual": 1}),
    Example({}, "5", "无效：按比例计分需要数值型目标值", "提升", {"actual": 1}),
    Example({"reference": 20}, "40", "30", None, {"actual": 15}),
    Example({"reference": 20}, "40", "40", None, {"actual": 25}),
]
