"""The recognisers: each reads the provisions of a sentence (or of one part of a 累计 sentence)
and either claims them all, returning the rule dict, or declines (None). They are tried in the
order of :data:`RECOGNISERS`; the first to claim decides the kind. One module per outcome family.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from ..grammar import Provision
from .adjust import adjust_rule, per_award_rule
from .bands import bands_rule, count_bands_rule, deduction_bands_rule, threshold_rule
from .base import Rule
from .checklist import checklist_rule
from .formula import bonus_rule, formula_rule, interp_rule, year_rule
from .interp import linear_rule
from .levels import levels_rule, verbal_rule
from .manual import manual_rule
from .otherwise import award_after_rule, count_vetoes_rule, otherwise_rule
from .rank import rank_rule
from .ratio import ratio_rule
from .series import series_rule
from .step import step_rule

if TYPE_CHECKING:
    from ..build import Builder

RECOGNISERS: list[Callable[[Builder, list[Provision], bool], Rule | None]] = [
    adjust_rule, rank_rule, linear_rule, interp_rule, bonus_rule, per_award_rule, formula_rule, ratio_rule, manual_rule, year_rule,
    checklist_rule, deduction_bands_rule, series_rule, step_rule,
    otherwise_rule, award_after_rule, count_vetoes_rule, levels_rule, count_bands_rule, bands_rule, threshold_rule, verbal_rule,
]
