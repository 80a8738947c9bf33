"""Writing YAML text by hand, in the house style of the shipped files.

The documents perfscore writes (skeletons, imports) have a known shape, so they are
emitted line by line — flow mappings for one-line rows, comments where a reader needs
them — and every scalar is spelled so that the safe loader reads back exactly the value
meant: numbers as their Decimal text, strings plain when that is unambiguous, quoted
otherwise. Callers verify the result by loading it back (:func:`check_round_trip`).
"""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from .yamlio import read_yaml

_FLOW_UNSAFE = set(",[]{}")
_LEADING_UNSAFE = tuple("-?:,[]{}#&*!|>'\"%@`=<>≥≤≧≦＝")   # the last ones: targets read better quoted


def _loads(text: str, flow: bool = False) -> Any:
    """What the safe loader reads for ``text`` as a plain scalar (in a flow mapping when ``flow``)."""
    try:
        if flow:                 # "其中:本年财政拨款" is fine in a block, an error inside { }
            return read_yaml("<scalar>", f"v: {{k: {text}}}\n")["v"]["k"]
        return read_yaml("<scalar>", f"v: {text}\n")["v"]
    except Exception:  # noqa: BLE001 - anything that does not load back is simply quoted
        return object()


def scalar(value: Any, flow: bool = False) -> str:
    """One scalar as YAML text that loads back to the same value (Decimal, int, bool, str, None)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    text = str(value)
    plain_ok = (
        text != ""
        and text == text.strip()
        and "\n" not in text
        and not (flow and any(ch in _FLOW_UNSAFE for ch in text))
        and not text.startswith(_LEADING_UNSAFE)
        and ": " not in text and " #" not in text and not text.endswith(":")
    )
    if plain_ok and _loads(text) == text and (not flow or _loads(text, True) == text):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow_map(items: dict[str, Any]) -> str:
    """``{a: 1, b: 文字}`` on one line (values are scalars or lists of scalars)."""
    parts = []
    for k, v in items.items():
        if isinstance(v, list):
            parts.append(f"{scalar(k, True)}: [{', '.join(scalar(x, True) for x in v)}]")
        else:
            parts.append(f"{scalar(k, True)}: {scalar(v, True)}")
    return "{" + ", ".join(parts) + "}"


def check_round_trip(text: str, expected: Any, what: str) -> None:
    """Refuse to write a document that would not load back to the data meant (a bug, not bad input)."""
    loaded = read_yaml(what, text)
    if loaded != expected:
        raise AssertionError(f"{what}: 生成的 YAML 读回后与原数据不一致\n{loaded!r}\n!=\n{expected!r}")


def _is_scalar(v: Any) -> bool:
    return v is None or isinstance(v, (str, int, Decimal, bool))


def _flowable(v: Any) -> bool:
    if isinstance(v, dict):
        return all(_is_scalar(x) or (isinstance(x, list) and all(_is_scalar(y) for y in x)) for x in v.values())
    return False


def dump(data: dict[str, Any], notes: dict[tuple[Any, ...], str] | None = None, width: int = 100) -> str:
    """A block mapping in the house style: rows of scalars as one-line flow mappings.

    ``notes`` puts a trailing comment on the line where the node of that key path starts.
    A mapping of scalars longer than ``width`` columns, or holding a long text, is written
    as a block so that a reader can see each field.
    """
    notes = notes or {}
    out: list[str] = []

    def note(keys: tuple[Any, ...]) -> str:
        return f"   # {notes[keys]}" if keys in notes else ""

    def fits(prefix: str, v: dict[str, Any]) -> bool:
        return _flowable(v) and len(prefix) + len(flow_map(v)) <= width or not v

    def mapping(d: dict[str, Any], indent: str, keys: tuple[Any, ...]) -> None:
        for k, v in d.items():
            here = (*keys, k)
            head = f"{indent}{scalar(k)}:"
            if isinstance(v, dict):
                if fits(head + " ", v):
                    out.append(f"{head} {flow_map(v)}{note(here)}")
                else:
                    out.append(head + note(here))
                    mapping(v, indent + "  ", here)
            elif isinstance(v, list):
                if all(_is_scalar(x) for x in v):
                    out.append(f"{head} [{', '.join(scalar(x, True) for x in v)}]{note(here)}")
                else:
                    out.append(head + note(here))
                    sequence(v, indent + "  ", here)
            else:
                out.append(f"{head} {scalar(v)}{note(here)}")

    def sequence(items: list[Any], indent: str, keys: tuple[Any, ...]) -> None:
        for i, item in enumerate(items):
            here = (*keys, i)
            if isinstance(item, dict) and item and _flowable(item) and \
                    len(indent) + 2 + len(flow_map(item)) <= width + 60:
                out.append(f"{indent}- {flow_map(item)}{note(here)}")
            elif isinstance(item, dict) and item:
                first = len(out)
                mapping(item, indent + "  ", here)
                out[first] = f"{indent}- {out[first][len(indent) + 2:]}{note(here)}"
            elif isinstance(item, dict):
                out.append(f"{indent}- {{}}{note(here)}")
            else:
                out.append(f"{indent}- {scalar(item)}{note(here)}")

    mapping(data, "", ())
    return "\n".join(out) + "\n"

