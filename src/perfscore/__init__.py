"""perfscore — 预算绩效评价打分引擎.

The Python API (it never prints or exits)::

    import perfscore
    ev = perfscore.load_evaluation("evaluations/2024/x.yaml")
    card = perfscore.score(ev)            # the indicator set is found by its id
    card.total, card.grade

Imports are lazy so that ``perfscore --help`` stays light.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .model import Evaluation, IndicatorSet
    from .scoring import Scorecard


def load_set(path: str) -> "IndicatorSet":
    """Load and validate an indicator set file (and the framework it extends)."""
    from .loading import load_set as _load

    return _load(path)


def load_evaluation(path: str) -> "Evaluation":
    """Load and validate an evaluation file."""
    from .loading import load_evaluation as _load

    return _load(path)


def score(evaluation: "Evaluation", indicator_set: "IndicatorSet | None" = None) -> "Scorecard":
    """Recompute an evaluation; its indicator set is looked up by id when not given."""
    from .loading import evaluation_set
    from .scoring import score as _score

    return _score(evaluation, indicator_set if indicator_set is not None else evaluation_set(evaluation))


def __getattr__(name: str) -> Any:
    if name == "check":
        from .checks import check

        return check
    raise AttributeError(name)
