"""How real tables write things, as data: qualitative outcomes (``outcomes.yaml``) and the form's own
instructions left in cells (``instructions.yaml``).

``outcome("达成预期指标")`` → ``"met"``; ``outcome("好坏")`` → None (unknown: the caller asks for the
level, it never guesses). ``instruction("…(100字以内)")`` → the instruction text found, or None.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ..targets import Target

Rank = Literal["met", "partly", "unmet"]
RANKS: tuple[Rank, ...] = ("met", "partly", "unmet")
RANK_WORDS: dict[Rank, str] = {"met": "达成", "partly": "部分达成", "unmet": "未达成"}

BLANK = frozenset({"", "一", "-", "—", "–", "－", "/", "／", "\\"})   # printed for an empty cell
_PUNCT = re.compile(r"[\s。．.，,；;！!、:：]+")


def _load(name: str) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(resources.files(__package__).joinpath(name).read_text("utf-8"))


def key(text: str) -> str:
    """A word as compared: full-width to half-width, no spaces or punctuation."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=1)
def _outcomes() -> tuple[dict[str, Rank], tuple[str, ...], tuple[str, ...]]:
    data = _load("outcomes.yaml")
    words: dict[str, Rank] = {}
    for rank in RANKS:
        for word in data[rank]:
            words[key(str(word))] = rank
    by_length = lambda xs: tuple(sorted((key(str(x)) for x in xs), key=len, reverse=True))  # noqa: E731
    return words, by_length(data.get("prefixes", [])), by_length(data.get("suffixes", []))


@lru_cache(maxsize=4096)
def outcome(text: str) -> Rank | None:
    """The level a written outcome means, or None when the word is not known."""
    words, prefixes, suffixes = _outcomes()
    word = key(text)
    if not word:
        return None
    candidates = [word]
    for s in suffixes:
        if word.endswith(s) and len(word) > len(s):
            candidates.append(word[: -len(s)])
    for w in list(candidates):
        for p in prefixes:
            if w.startswith(p) and len(w) > len(p):
                candidates.append(w[len(p):])
    for w in candidates:
        if w in words:
            return words[w]
    for qualifier in ("基本", "部分"):        # 基本达到预期目标: a met outcome, qualified
        if word.startswith(qualifier) and len(word) > len(qualifier) and outcome(word[len(qualifier):]) == "met":
            return "partly"
    # 按计划完成, 已按时足额发放完成: a known outcome at the end of a short phrase with no negation in it
    if len(word) <= 12 and not _NEGATION.search(word):
        for known in sorted(words, key=len, reverse=True):
            if len(known) >= 2 and word.endswith(known) and words[known] == "met":
                return "met"
    return None


_NEGATION = re.compile(r"[未不没否无差低较]|尚|暂|基本|部分|一般")


@lru_cache(maxsize=1)
def _instructions() -> tuple[tuple[re.Pattern[str], ...], tuple[str, ...]]:
    data = _load("instructions.yaml")
    return tuple(re.compile(p) for p in data.get("patterns", [])), tuple(str(p) for p in data.get("phrases", []))


def instruction(text: str) -> str | None:
    """The part of a cell that is the form's own instruction (``（100字以内）``), or None."""
    patterns, phrases = _instructions()
    s = unicodedata.normalize("NFKC", text)
    for p in patterns:
        m = p.search(s)
        if m:
            return m.group(0).strip()
    for phrase in phrases:
        if unicodedata.normalize("NFKC", phrase) in s:
            return phrase
    return None


def judge(actual: object, target: Target | None) -> tuple[Rank | None, str]:
    """The level an actual written in words means against its target, and how it was read.

    The actual repeats the target (``2021年12月完成`` in both cells) → met; a date on or before a
    date target → met, after it → unmet; 是/否 → met/unmet; a word of ``outcomes.yaml`` → its
    level; anything else → None (unknown: ask, never guess)."""
    from ..targets import on_time, parse_value, show_date

    v = parse_value(actual)
    if target is not None and key(target.text) in BLANK:      # a dash printed for “no target”
        target = None
    if target is not None and key(v.text) and key(v.text) == key(target.text):
        return "met", "实际完成值与年度指标值相同"
    if target is not None and target.deadline is not None and v.date is not None:
        if on_time(v.date, target.deadline):
            return "met", f"{show_date(v.date)}不晚于{show_date(target.deadline)}"
        return "unmet", f"{show_date(v.date)}晚于{show_date(target.deadline)}"
    if v.flag is not None:
        return ("met" if v.flag else "unmet"), f"“{v.text}”"
    rank = outcome(v.text)
    if rank is not None:
        return rank, f"“{v.text}”即“{RANK_WORDS[rank]}”"
    return None, ""
