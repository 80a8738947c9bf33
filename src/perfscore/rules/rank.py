"""rank — 名次: the score by the place the unit took in a ranking (第3名, 倒数第2名).

Options: ``places``, runs of places in order, each ``{first, last, score}`` or ``{first, last, deduct}``
(both ends included; without ``last`` the run takes every place from ``first`` on; ``score`` is points
or a share of the weight ``100%``, ``deduct`` is taken off the full score); ``from_bottom: true``
(places counted from the last: 倒数第1名); ``per_place`` (each place after the last listed one loses
this much more than the place before: 倒数第4名及以上每进1名扣0.1分; never below 0); ``zero_if``
(a yes/no fact that gives 0 whatever the place: 占比为0的不得分).

The actual is the place as written: ``3``, ``第3名``, ``排名第3位``, ``全市第三名``; ``倒数第2名``
only for a rule counting from the last (and a rule counting from the last takes no plain 第N名:
the two counts differ by the number ranked, which the rule does not know).

Examples (options，分值，实际 → 得分):

- {places: [{first: 1, last: 5, score: 100%}, {first: 6, last: 10, deduct: 0.5}, {first: 11, deduct: 1}]}，分值5，实际第7名 → 4.5
- {places: [{first: 1, last: 5, score: 100%}, {first: 6, last: 10, deduct: 0.5}, {first: 11, deduct: 1}]}，分值5，实际12 → 4
- {places: [{first: 1, last: 1, score: 6}, {first: 2, last: 2, score: 5}], per_place: 1}，分值6，实际第4名 → 3
- {from_bottom: true, per_place: 0.5, places: [{first: 1, last: 1, score: 3}, {first: 2, last: 2, score: 2.5}]}，分值3，实际倒数第4名 → 1.5
- {from_bottom: true, places: [{first: 1, last: 1, score: 3}]}，分值3，实际第1名 → 无效：本项按倒数名次计分，实际“第1名”没有写“倒数”：请写倒数第几名
- {places: [{first: 1, last: 3, score: 100%}]}，分值4，实际第5名 → 无效：第5名不在评分标准列出的名次（第1—3名）之内
- {places: [{first: 1, last: 3, score: 100%}, {first: 4, score: 50%}], zero_if: 未参评}，分值4，实际第2名，事实{未参评: 是} → 0
"""  # noqa: E501 - the examples are one line each, as the tests print them
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import RuleInputError
from ..numbers import ZERO, fmt, normalize_text
from ..targets import Target
from .base import AmountField, Example, Inputs, Rule, ScoreSet, Scored

MAX_PLACES = 10000  # beyond this many distinct scores, the reachable set is given as an interval
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_place(text: str) -> int | None:
    """三 → 3, 十二 → 12, 二十 → 20 (places are small whole numbers); None otherwise."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN and c != "十" for c in text) or text.count("十") > 1:
        return None
    if "十" not in text:
        return _CN[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN[tens] if tens else 1) * 10 + (_CN[ones] if ones else 0)


_PLACE = re.compile(r"(倒数)?第?(\d+|[一二两三四五六七八九十]+)(?:名|位)?")


def read_place(raw: Any, from_bottom: bool) -> int:
    """The place an actual states (``3``, ``第3名``, ``全市排名第三``, ``倒数第2名``); RuleInputError otherwise."""
    if isinstance(raw, bool) or raw is None:
        raise RuleInputError("缺少名次（实际完成值）")
    text = normalize_text(str(raw)).replace(" ", "")
    found = [m for m in _PLACE.finditer(text) if m.group(2)]
    if len(found) != 1 or not (found[0].group(0).startswith(("第", "倒数")) or found[0].group(0).endswith(("名", "位"))
                               or found[0].group(0) == text):
        raise RuleInputError(f"实际完成值“{raw}”不是一个名次（应写 第3名、倒数第2名 或 3）")
    m = found[0]
    place = chinese_place(m.group(2))
    before, after = text[max(m.start() - 1, 0):m.start()], text[m.end():m.end() + 1]
    if place is None or place < 1 or after == "." or before in ("前", "后"):
        raise RuleInputError(f"实际完成值“{raw}”不是一个名次（应写 第3名、倒数第2名 或 3）")
    if m.group(1) and not from_bottom:
        raise RuleInputError(f"本项名次从第1名数起，实际“{raw}”是倒数名次：请写正数第几名")
    if from_bottom and not m.group(1) and m.group(2) != text:
        raise RuleInputError(f"本项按倒数名次计分，实际“{raw}”没有写“倒数”：请写倒数第几名")
    return place


class Places(BaseModel):
    """A run of places and what it scores: ``{first: 6, last: 10, deduct: 0.5}``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    first: int = Field(ge=1)
    last: int | None = Field(default=None, ge=1)
    score: AmountField | None = None
    deduct: AmountField | None = None

    @model_validator(mode="after")
    def _one_outcome(self) -> Places:
        if (self.score is None) == (self.deduct is None):
            raise ValueError(f"名次段{self.show()}应写 score（得分）或 deduct（扣分）之一")
        if self.last is not None and self.last < self.first:
            raise ValueError(f"名次段的 last {self.last} 小于 first {self.first}")
        return self

    def show(self, bottom: bool = False) -> str:
        lead = "倒数" if bottom else ""
        if self.last is None:
            return f"{lead}第{self.first}名及{'以上' if bottom else '以后'}"
        if self.last == self.first:
            return f"{lead}第{self.first}名"
        return f"{lead}第{self.first}—{self.last}名"

    def points(self, full: Decimal, weight: Decimal) -> Decimal:
        if self.score is not None:
            return self.score.points(weight)
        assert self.deduct is not None
        return max(ZERO, full - self.deduct.points(weight))

    def holds(self, place: int) -> bool:
        return self.first <= place and (self.last is None or place <= self.last)


class RankRule(Rule):
    kind: Literal["rank"] = "rank"
    places: tuple[Places, ...] = ()
    from_bottom: bool = False
    per_place: AmountField | None = None
    zero_if: str | None = None
    title = "名次计分"

    @model_validator(mode="after")
    def _in_order(self) -> RankRule:
        for a, b in zip(self.places, self.places[1:], strict=False):
            if a.last is None or b.first <= a.last:
                raise ValueError(f"名次段应由前到后、互不重叠：{a.show()}与{b.show()}重叠")
        if self.per_place is not None and self.places and self.places[-1].last is None:
            raise ValueError(f"per_place（之后每名扣分）要求最后一段有 last，实为{self.places[-1].show()}")
        if not self.places and self.per_place is None:
            raise ValueError("名次规则至少要有一段 places 或 per_place")
        return self

    def _last(self) -> int:
        """The last place listed (1 when none is: 每下降一名扣0.5分 counts from the first place)."""
        return (self.places[-1].last or self.places[-1].first) if self.places else 1

    def score(self, inp: Inputs) -> Scored:
        place = read_place(inp.actual if self.input is None else inp.facts.get(self.input), self.from_bottom)
        lead = "倒数" if self.from_bottom else ""
        shown = f"{lead}第{place}名"
        if self.zero_if is not None and inp.flag(self.zero_if):
            return Scored(ZERO, f"{shown}，但{self.zero_if}，不得分")
        top = self._top(inp.weight)
        for run in self.places:
            if run.holds(place):
                got = run.points(top, inp.weight)
                where = "" if run.first == run.last else f"，在{run.show(self.from_bottom)}之列"
                if run.deduct is None:
                    return Scored(got, f"{shown}{where}，得{fmt(got)}分")
                return Scored(got, f"{shown}{where}，扣{run.deduct.show()}，{fmt(top)}−{fmt(top - got)}={fmt(got)}分")
        last = self._last()
        if self.per_place is not None and place > last:
            base = self.places[-1].points(top, inp.weight) if self.places else top
            step = self.per_place.points(inp.weight)
            lost = step * (place - last)
            got = max(ZERO, base - lost)
            note = "，扣完为止" if base < lost else ""
            return Scored(got, f"{shown}，{lead}第{last}名{fmt(base)}分，之后每名扣{self.per_place.show()}，"
                               f"{place - last}名扣{fmt(lost)}分{note}")
        listed = "、".join(r.show(self.from_bottom) for r in self.places)
        raise RuleInputError(f"{shown}不在评分标准列出的名次（{listed}）之内")

    def _top(self, weight: Decimal) -> Decimal:
        return self.full if self.full is not None else weight

    def max_points(self, weight: Decimal) -> Decimal:
        full = self._top(weight)
        if not self.places:
            return full
        return max(run.points(full, weight) for run in self.places)

    def reachable(self, weight: Decimal, target: Target | None = None) -> ScoreSet:
        full = self._top(weight)
        points = {run.points(full, weight) for run in self.places}
        if self.zero_if is not None:
            points.add(ZERO)
        if self.per_place is not None:
            base = self.places[-1].points(full, weight) if self.places else full
            step = self.per_place.points(weight)
            if step <= 0 or base / step > MAX_PLACES:
                return ScoreSet(frozenset(points)) | ScoreSet.between(ZERO, base)
            k = 1
            while base - k * step > 0:
                points.add(base - k * step)
                k += 1
            points.add(ZERO)
        return ScoreSet(frozenset(points))

    def names(self) -> set[str]:
        return super().names() | ({self.zero_if} if self.zero_if else set())


_TOP5: dict[str, Any] = {"places": [{"first": 1, "last": 5, "score": "100%"}, {"first": 6, "last": 10, "deduct": "0.5"},
                                    {"first": 11, "deduct": 1}]}
EXAMPLES = [
    Example(_TOP5, "5", "4.5", None, {"actual": "第7名"}),
    Example(_TOP5, "5", "4", None, {"actual": 12}),
    Example({"places": [{"first": 1, "last": 1, "score": 6}, {"first": 2, "last": 2, "score": 5}], "per_place": 1}, "6",
            "3", None, {"actual": "第4名"}),
    Example({"from_bottom": True, "per_place": "0.5",
             "places": [{"first": 1, "last": 1, "score": 3}, {"first": 2, "last": 2, "score": "2.5"}]},
            "3", "1.5", None, {"actual": "倒数第4名"}),
    Example({"from_bottom": True, "places": [{"first": 1, "last": 1, "score": 3}]}, "3",
            "无效：本项按倒数名次计分，实际“第1名”没有写“倒数”：请写倒数第几名", None, {"actual": "第1名"}),
    Example({"places": [{"first": 1, "last": 3, "score": "100%"}]}, "4",
            "无效：第5名不在评分标准列出的名次（第1—3名）之内", None, {"actual": "第5名"}),
    Example({"places": [{"first": 1, "last": 3, "score": "100%"}, {"first": 4, "score": "50%"}], "zero_if": "未参评"},
            "4", "0", None, {"actual": "第2名", "facts": {"未参评": "是"}}),
]

__all__ = ["Places", "RankRule", "read_place"]
