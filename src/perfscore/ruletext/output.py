"""Writing a rule dict as YAML or JSON, numbers as written (Decimal text, never a float)."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from ..numbers import fmt

_PLAIN = re.compile(r"^[\u4e00-\u9fff\w①-⑳][\u4e00-\u9fff\w①-⑳、（）()%~/.·-]*$")
_RESERVED = re.compile(r"^(?:[-+]?[\d.]+|true|false|yes|no|on|off|null|~)$", re.IGNORECASE)


def _scalar(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        return fmt(v) or "0"
    if isinstance(v, int):
        return str(v)
    s = str(v)
    if _PLAIN.match(s) and not _RESERVED.match(s):
        return s
    return json.dumps(s, ensure_ascii=False)


def to_yaml(value: Any, indent: int = 0) -> str:
    """Block YAML for dicts of scalars, lists and dicts (the shape of a rule)."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                lines.append(f"{pad}{k}:")
                lines.append(to_yaml(v, indent + 2).rstrip("\n"))
            else:
                lines.append(f"{pad}{k}: {_scalar(v) if not isinstance(v, (dict, list)) else '[]'}")
    elif isinstance(value, list):
        for v in value:
            if isinstance(v, dict) and v:
                inner = to_yaml(v, indent + 2).rstrip("\n").split("\n")
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines.extend(inner[1:])
            else:
                lines.append(f"{pad}- {_scalar(v)}")
    else:
        lines.append(pad + _scalar(value))
    return "\n".join(lines) + "\n"


def to_json(value: Any) -> str:
    """JSON with Decimals as numbers spelled as written."""
    def mark(v: Any) -> Any:
        if isinstance(v, Decimal):
            return f"\x00{fmt(v)}\x00"
        if isinstance(v, dict):
            return {k: mark(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [mark(x) for x in v]
        return v

    text = json.dumps(mark(value), ensure_ascii=False, indent=2)
    return re.sub(r'"\\u0000([^"\\]*)\\u0000"', r"\1", text) + "\n"
