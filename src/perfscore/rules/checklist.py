"""checklist — 要点: items each met or not, or scored by a nested rule of their own.

Modes:
- ``share``: each item is a share of the full score (equal unless ``share`` is given):
  ``以上四项各占25%权重分``. An item with a ``rule`` is scored by it, on its share.
- ``deduct``: each unmet item deducts ``deduct`` (points, or ``10%`` of the weight):
  ``每有一个方面没执行到位扣2分``. ``items`` may be just a count.
- ``veto``: any unmet item zeroes the indicator: ``每出现一项不符，扣全部权重分``.
- ``gate``: the item named by ``gate`` unmet zeroes the rest; otherwise as ``share``.

The actual lists the unmet items (``unmet: [②]``) or their number (``unmet: 1``);
``unmet: []`` means all met. Nested items take their actual from ``items: {名称: 值}``.

Examples (weight 5): share of four, one unmet → 3.75; deduct 2 each of 3, one unmet → 3;
veto of five, one unmet → 0; all met → 5.
"""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from ..errors import RuleInputError
from ..numbers import ZERO, fmt
from ..targets import Target
from .base import Amount, Inputs, Rule, ScoreSet, Scored, parse_amount, parse_share

if TYPE_CHECKING:
    AnyRule = Any


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    share: Decimal | None = None
    rule: "AnyRule | None" = None

    @field_validator("share", mode="before")
    @classmethod
    def _share(cls, v: object) -> object:
        return None if v is None else parse_share(v)


class ChecklistRule(Rule):
    kind: Literal["checklist"] = "checklist"
    mode: Literal["share", "deduct", "veto", "gate"] = "share"
    items: tuple[Item, ...] | int
    deduct: Amount | None = None
    gate: str | None = None
    title = "要点"

    @field_validator("items", mode="before")
    @classmethod
    def _items(cls, v: object) -> object:
        if isinstance(v, list):
            return [{"name": x} if isinstance(x, str) else x for x in v]
        return v

    @field_validator("deduct", mode="before")
    @classmethod
    def _amount(cls, v: object) -> object:
        return None if v is None else parse_amount(v)

    @model_validator(mode="after")
    def _consistent(self) -> "ChecklistRule":
        if self.mode == "deduct" and self.deduct is None:
            raise ValueError("deduct 模式须给出每项扣分 deduct")
        if self.mode != "deduct" and isinstance(self.items, int):
            raise ValueError(f"{self.mode} 模式须列出各要点 items")
        if self.mode == "gate" and self.gate not in self.item_names():
            raise ValueError(f"gate 应为某一要点的名称，实为“{self.gate}”")
        return self

    def item_names(self) -> list[str]:
        return [] if isinstance(self.items, int) else [i.name for i in self.items]

    def count(self) -> int:
        return self.items if isinstance(self.items, int) else len(self.items)

    def shares(self) -> list[Decimal]:
        assert not isinstance(self.items, int)
        given = [i.share for i in self.items]
        rest = [s for s in given if s is None]
        left = Decimal(1) - sum((s for s in given if s is not None), ZERO)
        each = left / len(rest) if rest else ZERO
        return [each if s is None else s for s in given]

    def _unmet(self, inp: Inputs) -> list[str] | int:
        u = inp.unmet
        if u is None:
            nested = [i for i in self.items if i.rule] if not isinstance(self.items, int) else []
            if nested and len(nested) == self.count():
                return []
            raise RuleInputError("要点类指标须给出未达到的要点 unmet（全部达到写 unmet: []）")
        if isinstance(u, int):
            if not 0 <= u <= self.count():
                raise RuleInputError(f"未达到要点数{u}超出要点总数{self.count()}")
            return u
        names = self.item_names()
        if names:
            unknown = [n for n in u if n not in names]
            if unknown:
                from ..errors import did_you_mean

                raise RuleInputError(f"没有要点“{unknown[0]}”{did_you_mean(unknown[0], names)}")
        return list(u)

    def score(self, inp: Inputs) -> Scored:
        full = Rule.max_points(self, inp.weight)
        unmet = self._unmet(inp)
        n_unmet = unmet if isinstance(unmet, int) else len(unmet)
        head = f"{self.count()}项要点，未达到{n_unmet}项"
        if isinstance(unmet, list) and unmet:
            head += "（" + "、".join(unmet) + "）"
        if self.mode == "deduct":
            assert self.deduct is not None
            d = n_unmet * self.deduct.points(inp.weight)
            return Scored(max(full - d, ZERO), f"{head}，每项扣{self.deduct.show()}，共扣{fmt(d)}分")
        if self.mode == "veto":
            return Scored(ZERO if n_unmet else full, f"{head}，{'一票否决' if n_unmet else '全部符合'}")
        if isinstance(unmet, int):
            if any(i.share is not None for i in self.items) and unmet not in (0, self.count()):
                raise RuleInputError("各要点权重不等，须列出未达到要点的名称")
            unmet = [i.name for i in self.items[len(self.items) - unmet:]]
        if self.mode == "gate" and self.gate in unmet:
            return Scored(ZERO, f"{head}，关键要点“{self.gate}”未达到，整项不得分")
        total = ZERO
        parts = []
        for item, share in zip(self.items, self.shares()):
            part = full * share
            if item.name in unmet:
                continue
            if item.rule is not None:
                if item.name not in inp.items:
                    raise RuleInputError(f"要点“{item.name}”缺少实际值 items")
                sub = item.rule.score(Inputs(weight=part, actual=inp.items[item.name], facts=inp.facts))
                total += sub.score
                parts.append(f"{item.name}：{sub.explanation}，得{fmt(sub.score)}")
            else:
                total += part
        detail = f"；{'；'.join(parts)}" if parts else ""
        return Scored(total, f"{head}，各项占比{'/'.join(fmt(s * 100) + '%' for s in self.shares())}{detail}")

    def reachable(self, weight: Decimal, target: Target | None = None) -> ScoreSet:
        full = Rule.max_points(self, weight)
        n = self.count()
        if self.mode == "deduct":
            assert self.deduct is not None
            d = self.deduct.points(weight)
            return ScoreSet(frozenset(max(full - k * d, ZERO) for k in range(n + 1)))
        if self.mode == "veto":
            return ScoreSet(frozenset({ZERO, full}))
        assert not isinstance(self.items, int)
        if any(i.rule for i in self.items) or n > 12:
            return ScoreSet.between(ZERO, full)
        parts = [full * s for s in self.shares()]
        gate_i = self.item_names().index(self.gate) if self.mode == "gate" and self.gate else None
        sums = {ZERO}
        for k in range(1, n + 1):
            for combo in combinations(range(n), k):
                if gate_i is not None and gate_i not in combo:
                    continue
                sums.add(sum((parts[i] for i in combo), ZERO))
        return ScoreSet(frozenset(sums))

    def max_points(self, weight: Decimal) -> Decimal:
        full = super().max_points(weight)
        if self.mode in ("share", "gate") and not isinstance(self.items, int):
            return full * sum(self.shares(), ZERO)
        return full
