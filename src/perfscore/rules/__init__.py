"""The rule kinds: one module each, one registry.

``RULES`` maps a kind name to its options model; :data:`AnyRule` is the tagged union the
indicator model uses, so an unknown ``kind`` fails at load with "没有这种评分规则".
"""
from __future__ import annotations

from typing import Annotated, Union

from pydantic import Field

from ..errors import PerfscoreError, did_you_mean
from .bands import BandsRule
from .base import Inputs, Rule, ScoreSet, Scored
from .boolean import BooleanRule
from .checklist import ChecklistRule, Item
from .formula import FormulaRule
from .manual import ManualRule
from .qualitative import QualitativeRule
from .rank import RankRule
from .ratio import RatioRule
from .step import StepRule
from .sum import SumRule

RULES: dict[str, type[Rule]] = {
    "ratio": RatioRule,
    "step": StepRule,
    "bands": BandsRule,
    "checklist": ChecklistRule,
    "boolean": BooleanRule,
    "qualitative": QualitativeRule,
    "formula": FormulaRule,
    "manual": ManualRule,
    "rank": RankRule,
    "sum": SumRule,
}

AnyRule = Annotated[
    Union[RatioRule, StepRule, BandsRule, ChecklistRule, BooleanRule, QualitativeRule, FormulaRule,
          ManualRule, RankRule, SumRule],
    Field(discriminator="kind"),
]

Item.model_rebuild(_types_namespace={"AnyRule": AnyRule})
ChecklistRule.model_rebuild(_types_namespace={"AnyRule": AnyRule})
SumRule.model_rebuild(_types_namespace={"AnyRule": AnyRule})


def get(kind: str) -> type[Rule]:
    """The options model of a rule kind; PerfscoreError "没有这种评分规则" otherwise."""
    try:
        return RULES[kind]
    except KeyError:
        raise PerfscoreError(f"没有这种评分规则：“{kind}”{did_you_mean(kind, RULES)}") from None


__all__ = ["RULES", "AnyRule", "Inputs", "Rule", "ScoreSet", "Scored", "get"]
