"""checklist — 要点: items each met or not, or scored by a nested rule of their own.

Modes:
- ``share``: each item is a share of the full score (equal unless ``share`` is given):
  ``以上四项各占25%权重分``. An item with a ``rule`` (and its own ``target``) is scored by
  that rule on its share.
- ``deduct``: each unmet item deducts ``deduct`` (points, or ``10%`` of the weight), not
  below 0: ``每有一个方面没执行到位扣2分``. ``items`` may be just a count.
- ``veto``: any unmet item zeroes the indicator: ``每出现一项不符，扣全部权重分``.
- ``gate``: the item named by ``gate`` unmet zeroes the indicator; otherwise as ``share``.

The actual lists the unmet items (``unmet: [②]``) or their number (``unmet: 1``);
``unmet: []`` means all met. A number is enough only where every item weighs the same and
none is special (not for unequal shares, a gate, or nested rules). Nested items take their
actual from ``items: {名称: 值}`` (or ``{名称: {actual: …, level: …, score: …}}``).

Examples (options，分值，未达到 → 得分):

- {items: [①, ②, ③, ④]}，分值5，未达到[②] → 3.75
- {items: [{name: 有明确的绩效目标, share: 50%}, ①, ②, ③, ④, ⑤]}，分值5，未达到[①, ②] → 4
- {mode: deduct, items: 3, deduct: 2}，分值5，未达到1 → 3
- {mode: deduct, items: 3, deduct: 2}，分值5，未达到3 → 0
- {mode: deduct, full: 4, items: [资金, 资产管理, 监控, 资金审批], deduct: 1}，分值5，未达到[] → 4
- {mode: veto, items: [①, ②, ③, ④, ⑤]}，分值5，未达到[④] → 0
- {mode: gate, gate: 有绩效目标, items: [有绩效目标, 目标明确]}，分值4，未达到[有绩效目标] → 0
- {items: [资金, 资产管理]}，分值4，未达到[资产管里] → 无效：没有要点“资产管里”，是否想写“资产管理”？
"""
from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from itertools import combinations
from typing import TYPE_CHECKING, Any, Literal, Mapping

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from ..errors import RuleInputError, did_you_mean
from ..numbers import ZERO, fmt, round_half_up
from ..targets import Target, parse_target
from .base import AmountField, Example, Inputs, Rule, ScoreSet, Scored, Share, floored, parse_number, show_share

if TYPE_CHECKING:
    from . import AnyRule

MAX_ITEMS_ENUMERATED = 12  # beyond this, reachable scores of a share checklist are given as an interval
ONE = Decimal(1)


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    share: Share | None = None
    rule: AnyRule | None = None
    target: str | None = None

    @field_validator("target")
    @classmethod
    def _target(cls, v: str | None) -> str | None:
        if v is not None:
            parse_target(v)
        return v

    def parsed_target(self) -> Target | None:
        return None if self.target is None else parse_target(self.target)


class ChecklistRule(Rule):
    kind: Literal["checklist"] = "checklist"
    mode: Literal["share", "deduct", "veto", "gate"] = "share"
    items: tuple[Item, ...] | int
    deduct: AmountField | None = None
    gate: str | None = None
    title = "要点"

    @field_validator("items", mode="before")
    @classmethod
    def _items(cls, v: object) -> object:
        if isinstance(v, (list, tuple)):
            return [{"name": x} if isinstance(x, str) else x for x in v]
        return v

    @model_validator(mode="after")
    def _consistent(self) -> ChecklistRule:
        if isinstance(self.items, int):
            if self.items <= 0:
                raise ValueError("要点数 items 应大于0")
            if self.mode not in ("deduct", "veto"):
                raise ValueError(f"{self.mode} 模式须列出各要点 items")
        else:
            if not self.items:
                raise ValueError("要点 items 不能为空")
            names = [i.name for i in self.items]
            dup = sorted({n for n in names if names.count(n) > 1})
            if dup:
                raise ValueError(f"要点“{dup[0]}”重复")
            given = sum((i.share for i in self.items if i.share is not None), ZERO)
            if given > ONE:
                raise ValueError(f"各要点占比合计{show_share(given)}，超过100%")
        if self.mode == "deduct" and self.deduct is None:
            raise ValueError("deduct 模式须给出每项扣分 deduct")
        if self.mode == "gate" and self.gate not in self.item_names():
            suggestion = did_you_mean(str(self.gate), self.item_names())
            raise ValueError(f"gate 应为某一要点的名称，实为“{self.gate}”{suggestion}")
        return self

    def listed(self) -> tuple[Item, ...]:
        return () if isinstance(self.items, int) else self.items

    def item_names(self) -> list[str]:
        return [i.name for i in self.listed()]

    def count(self) -> int:
        return self.items if isinstance(self.items, int) else len(self.items)

    @cached_property
    def name_index(self) -> tuple[tuple[str, ...], frozenset[str]]:
        """The item names in order and as a set, once per rule (unmet names are checked per row)."""
        names = tuple(i.name for i in self.listed())
        return names, frozenset(names)

    @cached_property
    def all_equal(self) -> bool:
        """Every item a plain equal share: which items are unmet does not matter, only how many."""
        return all(i.share is None and i.rule is None for i in self.listed())

    @cached_property
    def split(self) -> tuple[Decimal, int]:
        """What the stated shares leave, and how many items split it equally (once per rule)."""
        given = [i.share for i in self.listed()]
        return ONE - sum((s for s in given if s is not None), ZERO), sum(1 for s in given if s is None)

    def _left(self) -> tuple[Decimal, int]:
        return self.split

    @cached_property
    def item_shares(self) -> tuple[Decimal, ...]:
        """Each item's share, once per rule; unstated shares split what is left equally."""
        left, n = self.split
        return tuple(left / n if i.share is None else i.share for i in self.listed())

    def shares(self) -> list[Decimal]:
        """Each item's share; unstated shares split what is left equally."""
        return list(self.item_shares)

    def points_of(self, full: Decimal, names: list[str] | set[str]) -> Decimal:
        """The points of the named items, multiplying before dividing so that equal thirds of
        3 points are exactly 1 and all three exactly 3."""
        left, n = self._left()
        chosen = [i for i in self.listed() if i.name in names]
        given = sum((i.share for i in chosen if i.share is not None), ZERO)
        equal = sum(1 for i in chosen if i.share is None)
        return full * given + (full * left * equal / n if equal else ZERO)

    def _needs_names(self) -> bool:
        return (self.mode == "gate" or any(i.share is not None or i.rule is not None for i in self.listed()))

    def _unmet(self, inp: Inputs) -> list[str] | int:
        u = inp.unmet
        if u is None:
            if self.listed() and all(i.rule for i in self.listed()):
                return []
            raise RuleInputError("要点类指标须给出未达到的要点 unmet（全部达到写 unmet: []）")
        if isinstance(u, int):
            if not 0 <= u <= self.count():
                raise RuleInputError(f"未达到要点数{u}超出要点总数{self.count()}")
            if 0 < u < self.count() and self.mode in ("share", "gate") and self._needs_names():
                raise RuleInputError("各要点不等同（占比不同、关键要点或单独计分），须列出未达到要点的名称")
            return u
        names, known = self.name_index
        try:
            plain = (not names or known.issuperset(u)) and len(set(u)) == len(u)
        except TypeError:           # an unhashable entry (a nested item's unmet given as mappings)
            plain = False
        if not plain:
            for n in u:
                if names and n not in names:
                    raise RuleInputError(f"没有要点“{n}”{did_you_mean(n, list(names))}")
            dup = sorted({n for n in u if u.count(n) > 1})
            if dup:
                raise RuleInputError(f"未达到要点“{dup[0]}”重复列出")
        if len(u) > self.count():
            raise RuleInputError(f"未达到要点数{len(u)}超出要点总数{self.count()}")
        return list(u)

    def score(self, inp: Inputs) -> Scored:
        full = Rule.max_points(self, inp.weight)
        unmet = self._unmet(inp)
        n_unmet = unmet if isinstance(unmet, int) else len(unmet)
        count = self.count()
        named = list(unmet) if isinstance(unmet, list) else []

        def head() -> str:
            text = f"{count}项要点，未达到{n_unmet}项"
            return text + "（" + "、".join(named) + "）" if named else text

        if self.mode == "deduct":
            deduct = self.deduct
            assert deduct is not None
            d = n_unmet * deduct.points(inp.weight)
            score, note = floored(full, d)
            return Scored(score, lambda: f"{head()}，每项扣{deduct.show()}，共扣{fmt(d)}分{note}")
        if self.mode == "veto":
            verdict = "一票否决，不得分" if n_unmet else "全部符合"
            return Scored(ZERO if n_unmet else full, lambda: f"{head()}，{verdict}")
        shares = self.item_shares
        if self.mode == "share" and self.all_equal:   # only the count matters: no per-item work
            left, n = self.split
            equal = count - n_unmet
            # as points_of() and the general path compute it, operation for operation (same digits)
            points = full * ZERO + (full * left * equal / n if equal else ZERO) + ZERO
            return Scored(points, lambda: f"{head()}，各项占比{'/'.join(show_share(s) for s in shares)}")
        if isinstance(unmet, int):  # equal plain items: which ones does not matter
            unmet = self.item_names()[count - unmet:]
        if self.mode == "gate" and self.gate in unmet:
            gate = self.gate
            return Scored(ZERO, lambda: f"{head()}，关键要点“{gate}”未达到，整项不得分")
        met = [i.name for i in self.listed() if i.name not in unmet and i.rule is None]
        nested = ZERO
        subs: list[tuple[str, Scored]] = []
        for item, share in zip(self.listed(), shares, strict=True):
            if item.name in unmet or item.rule is None:
                continue
            if item.name not in inp.items:
                raise RuleInputError(f"要点“{item.name}”缺少实际值 items")
            sub = item.rule.score(_item_inputs(inp.items[item.name], full * share, item.parsed_target(), inp.facts))
            nested += sub.score
            subs.append((item.name, sub))

        def text() -> str:
            parts = [f"{name}：{sub.explanation}，得{fmt(round_half_up(sub.score))}" for name, sub in subs]
            detail = f"；{'；'.join(parts)}" if parts else ""
            return f"{head()}，各项占比{'/'.join(show_share(s) for s in shares)}{detail}"

        return Scored(self.points_of(full, met) + nested, text)

    def reachable(self, weight: Decimal, target: Target | None = None) -> ScoreSet:
        full = Rule.max_points(self, weight)
        n = self.count()
        if self.mode == "deduct":
            assert self.deduct is not None
            d = self.deduct.points(weight)
            return ScoreSet(frozenset(floored(full, k * d)[0] for k in range(n + 1)))
        if self.mode == "veto":
            return ScoreSet(frozenset({ZERO, full}))
        if any(i.rule for i in self.listed()) or n > MAX_ITEMS_ENUMERATED:
            return ScoreSet.between(ZERO, self.max_points(weight))
        sums = {ZERO}
        for k in range(1, n + 1):
            for combo in combinations(self.item_names(), k):
                if self.mode != "gate" or self.gate in combo:
                    sums.add(self.points_of(full, set(combo)))
        return ScoreSet(frozenset(sums))

    def max_points(self, weight: Decimal) -> Decimal:
        full = super().max_points(weight)
        if self.mode in ("share", "gate"):
            plain = self.points_of(full, [i.name for i in self.listed() if i.rule is None])
            pairs = zip(self.listed(), self.item_shares, strict=True)
            return plain + sum((i.rule.max_points(full * s) for i, s in pairs if i.rule is not None), ZERO)
        return full

    def names(self) -> set[str]:
        out = super().names()
        for i in self.listed():
            if i.rule is not None:
                out |= i.rule.names()
        return out


def _item_inputs(given: Any, weight: Decimal, target: Target | None, facts: Mapping[str, Any]) -> Inputs:
    """Inputs of a nested item: its value, or a mapping of actual / level / score / unmet."""
    if not isinstance(given, Mapping):
        return Inputs(weight=weight, target=target, actual=given, facts=facts)
    unknown = sorted(set(given) - {"actual", "level", "score", "unmet", "reason"})
    if unknown:
        raise RuleInputError(f"要点实际值中有未知字段“{unknown[0]}”（可用 actual、level、score、unmet、reason）")
    chosen = given.get("score")
    unmet = given.get("unmet")
    try:
        chosen = None if chosen is None else parse_number(chosen)
    except ValueError as exc:
        raise RuleInputError(f"要点得分 score：{exc}") from None
    return Inputs(weight=weight, target=target, actual=given.get("actual"), level=given.get("level"), chosen=chosen,
                  unmet=tuple(unmet) if isinstance(unmet, list) else unmet, facts=facts, reason=given.get("reason"))


_SEED_SMART: dict[str, Any] = {"items": [{"name": "有明确的绩效目标", "share": "50%"}, "①", "②", "③", "④", "⑤"]}
_DEDUCT3: dict[str, Any] = {"mode": "deduct", "items": 3, "deduct": 2}
EXAMPLES = [
    Example({"items": ["①", "②", "③", "④"]}, "5", "3.75", None, {"unmet": ["②"]}),
    Example(_SEED_SMART, "5", "4", None, {"unmet": ["①", "②"]}),
    Example(_DEDUCT3, "5", "3", None, {"unmet": 1}),
    Example(_DEDUCT3, "5", "0", None, {"unmet": 3}),
    Example({"mode": "deduct", "full": 4, "items": ["资金", "资产管理", "监控", "资金审批"], "deduct": 1}, "5", "4",
            None, {"unmet": []}),
    Example({"mode": "veto", "items": ["①", "②", "③", "④", "⑤"]}, "5", "0", None, {"unmet": ["④"]}),
    Example({"mode": "gate", "gate": "有绩效目标", "items": ["有绩效目标", "目标明确"]}, "4", "0", None,
            {"unmet": ["有绩效目标"]}),
    Example({"items": ["资金", "资产管理"]}, "4", "无效：没有要点“资产管里”，是否想写“资产管理”？", None,
            {"unmet": ["资产管里"]}),
]
