"""Comparing rules after normalising what may be written or left out.

Equal shares written or not, ``deduct: 1`` or ``"1"``, a band bound's inclusiveness left to
the default or spelled out, a step's direction or reference left to the target: each is
brought to its explicit value before two rules are compared.
"""
from __future__ import annotations

from typing import Any

from ..targets import Target


def canonical(rule: Any, target: Target | None = None) -> Any:
    from pydantic import BaseModel, TypeAdapter

    from ..rules import AnyRule

    model = rule if isinstance(rule, BaseModel) else TypeAdapter(AnyRule).validate_python(rule)
    return _explicit(model, target)


def _explicit(m: Any, target: Target | None) -> Any:
    d = m.model_dump(mode="python")
    d.pop("label", None)              # wording for explanations, not meaning
    kind = m.kind
    if kind == "step":
        d["direction"] = m._direction(target)
        if target is not None and target.value is not None and m.reference == target.value:
            d["reference"] = None
    elif kind == "ratio":
        if target is not None and target.value is not None and m.reference == target.value:
            d["reference"] = None
    elif kind == "bands":
        for i, band in enumerate(d["bands"]):
            band["min_inclusive"] = m.lower_inclusive(i) if band["min"] is not None else None
            band["max_inclusive"] = m.upper_inclusive(i) if band["max"] is not None else None
    elif kind == "checklist" and not isinstance(m.items, int):
        d["items"] = [dict(_item(item, target), share=share) for item, share in zip(m.items, m.shares())]
    elif kind == "sum":
        d["parts"] = [_explicit(p, target) for p in m.parts]
    return d


def _item(item: Any, target: Target | None) -> dict[str, Any]:
    out = item.model_dump(mode="python")
    if item.rule is not None:
        out["rule"] = _explicit(item.rule, item.parsed_target())
    return out
