"""The real 评分标准 sentences of ../shared/rule-phrasings, read in place (never copied here).

``public.tsv``: one sentence a row (``id kind text source meaning``); ``public-2.tsv``: one test
point a row (``id text weight target actual unmet level score expected source meaning``).
Tests that use them skip when ../shared is absent.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parents[1].parent / "shared" / "rule-phrasings"
PUBLIC = HERE / "public.tsv"
PUBLIC_2 = HERE / "public-2.tsv"


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        pytest.skip(f"{path} 不存在（真实材料在仓库之外）")
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def sentence(cell: str) -> str:
    """The sentence of a public.tsv text cell without the collector's editorial notes.

    " — OCR; intended: X" gives X (when X is only the garbled part, the text before X's first
    characters is kept and the garbled rest replaced); other " — …" notes and a trailing English
    "(glyphs removed)" are dropped: what remains is the sentence as published."""
    text, _, note = cell.partition(" — ")
    if "intended: " in note:
        intended = note.split("intended: ", 1)[1]
        k = text.find(intended[:6])
        text = text[:k] + intended if k > 0 else intended
    return re.sub(r"\s+\([A-Za-z].*\)\s*$", "", text).strip()


def public_sentences() -> dict[str, tuple[str, str]]:
    """id → (pattern kind, sentence) of public.tsv."""
    return {r["id"]: (r["kind"], sentence(r["text"])) for r in _rows(PUBLIC)}


@dataclass(frozen=True)
class Point:
    id: str
    text: str
    weight: str
    target: str | None
    actual: str | None
    unmet: str | None
    level: str | None
    score: str | None
    expected: str | None  # None: the sentence is ambiguous and must be refused
    pattern: str
    meaning: str


def public_2_points() -> list[Point]:
    out = []
    for r in _rows(PUBLIC_2):
        m = re.match(r"\[(\w+)\]", r["meaning"])
        out.append(Point(r["id"], r["text"], r["weight"], r["target"] or None, r["actual"] or None,
                         r["unmet"] or None, r["level"] or None, r["score"] or None, r["expected"] or None,
                         m.group(1) if m else "?", r["meaning"]))
    return out
