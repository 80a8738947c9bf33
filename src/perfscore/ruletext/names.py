"""Renaming the facts a parsed rule reads (derived names → the names an indicator set uses)."""
from __future__ import annotations

import re
from typing import Any, Mapping

_IDENT = re.compile(r"[^\W\d][\w]*")


def rename(rule: Any, names: Mapping[str, str]) -> Any:
    if isinstance(rule, list):
        return [rename(x, names) for x in rule]
    if not isinstance(rule, dict):
        return rule
    out: dict[str, Any] = {}
    for key, value in rule.items():
        if key in ("input", "gate", "requires") and isinstance(value, str):
            out[key] = names.get(value, value)
        elif key == "facts":
            out[key] = [names.get(f, f) for f in value]
        elif key == "expr":
            out[key] = _IDENT.sub(lambda m: names.get(m.group(0), m.group(0)), value)
        else:
            out[key] = rename(value, names)
    return out
