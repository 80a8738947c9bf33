"""qualitative — 定性三档: levels with score intervals as shares of the weight.

National default: 达成 [80%, 100%], 部分达成 [60%, 80%), 未达成 [0, 60%); a province may
give its own ``levels`` (e.g. a 50% lower cut). The actual names a level (``level: 部分达成``,
or the level's name as the actual) and optionally a score (``score: 3.5``): a score outside
the level's interval is invalid (PS211), a score inside is the evaluator's choice and
stands; a level alone scores its top. A shared bound (4 of 5 between 部分达成 and 达成) is
accepted for either level. A number as the actual is a percentage of achievement (the
seed's ``100`` for 健全), capped at 100%.

Examples (options，分值，评为/评价人给分/实际 → 得分):

- {}，分值5，评为达成 → 5
- {}，分值5，评为部分达成 → 4
- {}，分值5，评为部分达成，评价人给分3.5 → 3.5
- {}，分值5，评为部分达成，评价人给分4.5 → 无效：得分4.5不在“部分达成”档的区间60%~80%（3~4分）内
- {}，分值5，实际100 → 5
- {}，分值5，实际70 → 3.5
- {}，分值5，实际基本达成 → 4
- {}，分值5，实际达成预期指标 → 5
- {}，分值5，实际好坏 → 无效：实际完成值“好坏”不是已知的档次用词，本项档次为达成、部分达成、未达成：请注明属于哪一档，该项暂不计分
- {}，分值5，实际72890人 → 无效：实际完成值72890人是数量，没有数值型年度指标值，无法计分（不按完成程度72890%计）；请填写年度指标值
- {}，分值5，实际26400 → 无效：实际完成值26400是数量，没有数值型年度指标值，无法计分（不按完成程度26400%计）；请填写年度指标值

(“基本达成”即“部分达成”，见 ``lexicon/outcomes.yaml``. The last two are not scored: status
``unrated``, a notice PS219 and a warning PS218, never an error that zeroes the row. A bare number
on a row without any target and without a rule of its own is not read as 完成程度 either: scoring
leaves it unrated, PS218.)

Words that are not a level's name are read through the lexicon of outcome words
(``lexicon/outcomes.yaml``: 达成预期指标、有效、无上访、达标、已完成、良好、是 …) onto the top,
middle or bottom level; an actual equal to the target's text (``2021年12月完成`` in both cells) or a
date on or before a date target is the top level. An unknown word is never an error that zeroes the
row: the row is unrated (PS219, a notice asking for the level).
- {levels: [{name: 达成, min: 80%, max: 100%}, {name: 部分达成, min: 50%, max: 80%}, {name: 未达成, min: 0, max: 50%}]}，分值10，评为部分达成，评价人给分5 → 5
- {levels: [{name: 明确, min: 100%, max: 100%}, {name: 基本明确, points: 1}, {name: 不明确, min: 0, max: 0}]}，分值3，评为基本明确 → 1
- {levels: [{name: 明确, min: 100%, max: 100%}, {name: 基本明确, points: 1}, {name: 不明确, min: 0, max: 0}]}，分值3，评为明确 → 3

A level may give its ``points`` instead of ``min``/``max`` (目标明确,得满分;基本明确,得1分;不明确,不得分: the
middle level is 1 point whatever the weight; above the full score it is the full score).

``discretion`` (``相符的得10分,基本相符的得6分;存在违规支出的,酌情扣分``): the case in which the evaluator may
deduct further, below the level's interval (to 0 at most); a given score above the level's top stays invalid.

- {levels: [{name: 相符, min: 100%, max: 100%}, {name: 基本相符, min: 60%, max: 60%}], discretion: 存在违规支出}，分值10，评为基本相符 → 6
- {levels: [{name: 相符, min: 100%, max: 100%}, {name: 基本相符, min: 60%, max: 60%}], discretion: 存在违规支出}，分值10，评为基本相符，评价人给分4.5 → 4.5
- {levels: [{name: 相符, min: 100%, max: 100%}, {name: 基本相符, min: 60%, max: 60%}], discretion: 存在违规支出}，分值10，评为基本相符，评价人给分7 → 无效：得分7不在“基本相符”档的区间60%~60%（6~6分）内，酌情扣分只能在该档得分之下
"""  # noqa: E501 - the examples are one line each, as the tests print them
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from ..errors import RuleInputError, Unrated, did_you_mean
from ..numbers import HUNDRED, ZERO, fmt
from ..targets import Target
from .base import Example, Inputs, Number, Rule, ScoreSet, Scored, Share, clamp, show_share


class Level(BaseModel):
    """A level: its score interval as shares of the full score (``min``/``max``), or its ``points`` as
    written (目标明确,得满分;基本明确,得1分;不明确,不得分 — the 1 point does not depend on the weight)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    min: Share | None = None
    max: Share | None = None
    points: Number | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Level:
        if self.points is not None:
            if self.min is not None or self.max is not None:
                raise ValueError(f"“{self.name}”档写了 points，就不能再写 min/max")
            if self.points < 0:
                raise ValueError(f"“{self.name}”档的 points 不能为负，实为{fmt(self.points)}")
            return self
        if self.min is None or self.max is None:
            raise ValueError(f"“{self.name}”档要写 min 与 max（占满分的比例），或写 points（分数）")
        if not ZERO <= self.min <= self.max <= 1:
            raise ValueError(f"“{self.name}”档的区间应满足 0 ≤ min ≤ max ≤ 100%，"
                             f"实为{show_share(self.min)}~{show_share(self.max)}")
        return self

    def bounds(self, full: Decimal) -> tuple[Decimal, Decimal]:
        """The level's score interval in points under a full score."""
        if self.points is not None:
            return min(self.points, full), min(self.points, full)
        assert self.min is not None and self.max is not None
        return full * self.min, full * self.max

    def span(self, full: Decimal) -> str:
        lo, hi = self.bounds(full)
        if self.points is not None:
            return f"{fmt(self.points)}分"
        assert self.min is not None and self.max is not None
        return f"{show_share(self.min)}~{show_share(self.max)}（{fmt(lo)}~{fmt(hi)}分）"


NATIONAL = (
    Level(name="达成", min=Decimal("0.8"), max=Decimal(1)),
    Level(name="部分达成", min=Decimal("0.6"), max=Decimal("0.8")),
    Level(name="未达成", min=ZERO, max=Decimal("0.6")),
)


_RANKING = Decimal(100)              # levels are put in order as if the full score were 100 (points levels below it)
_MOST_COMPLETION = Decimal(1000)     # a bare number above 1000 is a count, not 完成程度 (120 may be 120%)


def quantity_without_target(text: str, number: Decimal) -> str:
    return f"实际完成值{text}是数量，没有数值型年度指标值，无法计分（不按完成程度{fmt(number)}%计）；请填写年度指标值"


class QualitativeRule(Rule):
    kind: Literal["qualitative"] = "qualitative"
    levels: tuple[Level, ...] = NATIONAL
    discretion: str | None = None     # 存在违规支出的,酌情扣分: the evaluator may deduct below the level
    title = "定性分档"

    @model_validator(mode="after")
    def _distinct(self) -> QualitativeRule:
        names = [lv.name for lv in self.levels]
        if not names:
            raise ValueError("levels 至少要有一档")
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"档次“{dup[0]}”重复")
        return self

    def level(self, name: str) -> Level:
        for lv in self.levels:
            if lv.name == name:
                return lv
        raise RuleInputError(f"没有“{name}”这一档{did_you_mean(name, [lv.name for lv in self.levels])}")

    def score(self, inp: Inputs) -> Scored:
        full = self.max_points(inp.weight)
        if inp.level is not None:
            return self._named(inp, self.resolve(inp.level, inp.target), full, inp.level)
        v = inp.value(self.input)
        if v.number is None:
            word = inp.actual if self.input is None else v.text
            return self._named(inp, self.resolve(word, inp.target), full, word)
        if v.unit not in ("", "%") or (v.unit == "" and v.number > _MOST_COMPLETION):
            # a count (72890人), or a bare number no completion degree reaches (26400 under a target
            # in words): never 完成程度 26400%
            raise Unrated("PS218", quantity_without_target(v.text, v.number))
        share = clamp(v.number / HUNDRED, Decimal(1))
        number = v.number
        return Scored(full * share, lambda: f"完成程度{fmt(number)}%，{fmt(full)}×{show_share(share)}")

    def resolve(self, word: object, target: Target | None) -> str:
        """The level a written actual names: a level's own name, else the lexicon's reading of it
        (达成预期指标 → the top level); Unrated when it names none."""
        text = str(word)
        names = [lv.name for lv in self.levels]
        if text.strip() in names:
            return text.strip()
        from ..lexicon import RANK_WORDS, judge

        rank, how = judge(word, target)
        ordered = sorted(self.levels, key=lambda lv: lv.bounds(_RANKING)[::-1], reverse=True)
        if rank == "unmet" and target is not None and target.deadline is not None:
            raise Unrated("PS219", f"实际完成时间{how}，请注明档次（{'、'.join(names)}），该项暂不计分")
        if rank == "met":
            return ordered[0].name
        if rank == "unmet":
            return ordered[-1].name
        if rank == "partly" and len(ordered) == 3:
            return ordered[1].name
        said = f"即“{RANK_WORDS[rank]}”，而本项档次为" if rank else "不是已知的档次用词，本项档次为"
        raise Unrated("PS219", f"实际完成值“{text}”{said}{'、'.join(names)}：请注明属于哪一档，该项暂不计分")

    def _named(self, inp: Inputs, name: str, full: Decimal, word: object = None) -> Scored:
        """Score a level. ``word`` is what the table wrote: when it is not the level's own name the level
        was read from it (lexicon, the target repeated, a date), and a score outside that level's interval
        stays the evaluator's — PS205 / PS206 warn about it — instead of voiding the row."""
        lv = self.level(name)
        lo, hi = self.interval(name, inp.weight)
        said = str(word).strip() if word is not None else name
        read = f"实际完成值“{said}”即" if said != name else ""

        def span() -> str:
            return lv.span(full)

        chosen = inp.chosen
        if chosen is None:
            return Scored(hi, lambda: f"{read}评为“{lv.name}”，区间{span()}，取上限")
        if not lo <= chosen <= hi:
            discretion = self.discretion
            if discretion is not None and ZERO <= chosen < lo:
                return Scored(chosen, lambda: f"{read}评为“{lv.name}”，区间{span()}；“{discretion}”酌情扣"
                                              f"{fmt(hi - chosen)}分，评价人取{fmt(chosen)}分")
            if read and ZERO <= chosen <= full:
                return Scored(chosen, lambda: f"{read}“{lv.name}”（区间{span()}），评价人给{fmt(chosen)}分，"
                                              f"不在该档区间，按评价人给分")
            below = "，酌情扣分只能在该档得分之下" if self.discretion is not None else ""
            raise RuleInputError(f"得分{fmt(chosen)}不在“{lv.name}”档的区间{span()}内{below}")
        return Scored(chosen, lambda: f"{read}评为“{lv.name}”，区间{span()}，评价人取{fmt(chosen)}分")

    def reachable(self, weight: Decimal, target: Target | None = None) -> ScoreSet:
        out = ScoreSet()
        if self.discretion is not None:
            return ScoreSet.between(ZERO, max(self.interval(lv.name, weight)[1] for lv in self.levels))
        for lv in self.levels:
            out = out | ScoreSet.between(*self.interval(lv.name, weight))
        return out

    def interval(self, name: str, weight: Decimal) -> tuple[Decimal, Decimal]:
        return self.level(name).bounds(self.max_points(weight))


_DISCRETION = {"levels": [{"name": "相符", "min": "100%", "max": "100%"},
                          {"name": "基本相符", "min": "60%", "max": "60%"}], "discretion": "存在违规支出"}
EXAMPLES = [
    Example({}, "5", "5", None, {"level": "达成"}),
    Example({}, "5", "4", None, {"level": "部分达成"}),
    Example({}, "5", "3.5", None, {"level": "部分达成", "chosen": "3.5"}),
    Example({}, "5", "无效：得分4.5不在“部分达成”档的区间60%~80%（3~4分）内", None,
            {"level": "部分达成", "chosen": "4.5"}),
    Example({}, "5", "5", None, {"actual": 100}),
    Example({}, "5", "3.5", None, {"actual": 70}),
    Example({}, "5", "4", None, {"actual": "基本达成"}),
    Example({}, "5", "5", None, {"actual": "达成预期指标"}),
    Example({}, "5", "无效：实际完成值“好坏”不是已知的档次用词，本项档次为达成、部分达成、未达成："
                     "请注明属于哪一档，该项暂不计分", None, {"actual": "好坏"}),
    Example({}, "5", "无效：实际完成值26400是数量，没有数值型年度指标值，无法计分（不按完成程度26400%计）；"
            "请填写年度指标值", None, {"actual": "26400"}),
    Example({}, "5", "无效：实际完成值72890人是数量，没有数值型年度指标值，无法计分（不按完成程度72890%计）；"
                     "请填写年度指标值", None, {"actual": "72890人"}),
    Example({"levels": [{"name": "达成", "min": "80%", "max": "100%"}, {"name": "部分达成", "min": "50%", "max": "80%"},
                        {"name": "未达成", "min": 0, "max": "50%"}]}, "10", "5", None,
            {"level": "部分达成", "chosen": 5}),
    Example({"levels": [{"name": "明确", "min": "100%", "max": "100%"}, {"name": "基本明确", "points": 1},
                        {"name": "不明确", "min": 0, "max": 0}]}, "3", "1", None, {"level": "基本明确"}),
    Example({"levels": [{"name": "明确", "min": "100%", "max": "100%"}, {"name": "基本明确", "points": 1},
                        {"name": "不明确", "min": 0, "max": 0}]}, "3", "3", None, {"level": "明确"}),
    *(Example(_DISCRETION, "10", expect, None, inputs) for inputs, expect in (
        ({"level": "基本相符"}, "6"), ({"level": "基本相符", "chosen": "4.5"}, "4.5"),
        ({"level": "基本相符", "chosen": 7},
         "无效：得分7不在“基本相符”档的区间60%~60%（6~6分）内，酌情扣分只能在该档得分之下"))),
]
