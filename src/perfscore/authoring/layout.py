"""The layouts ``perfscore import`` recognises, as data: header words from ``layouts.yaml``.

:func:`column_key` names what a header cell heads (``分值``, ``权重`` → weight), after
:func:`header_words` took off a printed weight like ``(90分)``; the importer checks that
weight against the rows it heads rather than keeping it in a name.
"""
from __future__ import annotations

import os
import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

_POINTS_RE = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
_SPACE_RE = re.compile(r"\s+")
# a column's letter in the form's arithmetic: 全年预算数(A), 执行率(B/A), 预算执行率(B/A×100%)
_LETTER_RE = re.compile(r"[(（]\s*[A-Z](?:\s*[/×*+\-]\s*[A-Z0-9.%]+)*\s*[)）]\s*$")


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    from ..yamlio import read_yaml

    path = os.path.join(os.path.dirname(__file__), "layouts.yaml")
    with open(path, encoding="utf-8") as fh:
        loaded = read_yaml(path, fh.read())
    assert isinstance(loaded, dict)
    return loaded


def norm(text: str) -> str:
    """A label for matching: no whitespace, ASCII parentheses and colons."""
    return _SPACE_RE.sub("", text).replace("（", "(").replace("）", ")").replace("：", ":")


def header_words(text: str) -> tuple[str, Decimal | None]:
    """A header's words without a printed weight, and that weight: ``产出指标(50分)`` → (产出指标, 50);
    a column's letter goes too: ``全年预算数(A)`` → 全年预算数."""
    text = _LETTER_RE.sub("", text)
    m = _POINTS_RE.search(text)
    if m is None:
        return norm(text), None
    return norm(text[:m.start()] + text[m.end():]), Decimal(m.group(1))


def column_key(section: str, text: str) -> str | None:
    """What a header cell of ``section`` (indicator_columns, funds_columns) heads, or None."""
    words, _ = header_words(text)
    words = words.rstrip(":")
    if not words:
        return None
    for key, spec in data()[section].items():
        if words in spec.get("is", ()) or words.startswith(tuple(spec.get("starts", ()))) \
                or any(w in words for w in spec.get("has", ())):
            return str(key)
    return None


def narrative_key(text: str) -> str | None:
    """The narrative field a row label opens (评价结论, 存在问题 …), or None."""
    words, _ = header_words(text)
    words = words.rstrip(":")
    for key, labels in data()["narrative"].items():
        if words in labels:
            return str(key)
    return None


def is_instruction(text: str) -> bool:
    """A form's printed instruction (``…(200字以内)``), which is never a value."""
    t = norm(text)
    return any(w in t for w in data()["instructions"])


def words(name: str) -> tuple[str, ...]:
    return tuple(str(w) for w in data()[name])


def words_of(name: str, key: str) -> tuple[str, ...]:
    """The words under ``name: {key: [...]}`` of layouts.yaml."""
    return tuple(str(w) for w in data()[name][key])
