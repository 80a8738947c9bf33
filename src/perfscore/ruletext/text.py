"""Normalising a 评分标准 sentence, keeping a map back to the characters as written.

Full-width forms become ASCII (NFKC) except the circled numerals ①②…, which number list
items; whitespace goes (Chinese needs none, and "25% 权重分" is "25%权重分"); traditional
characters become simplified (OpenCC t2s); pinyin glosses such as ``達(dá)`` and
quotation marks are dropped. Every normalised character remembers its offset in the
original text, so an error can say where, in the user's own text, reading stopped.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
SEPARATORS = ",;。"
_SPECIAL = {"≧": "≥", "≦": "≤", "—": "-", "–": "-", "―": "-", "〔": "(", "〕": ")", "【": "(", "】": ")",
            "；": ";", "，": ",", "：": ":", "．": ".", "\"": "", "‘": "", "’": "",
            "「": "", "」": "", "■": "", "◆": "", "★": ""}
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\)")


@lru_cache(maxsize=8192)
def simplified(ch: str) -> str:
    """One character in simplified form (OpenCC's t2s, one character at a time so that offsets
    keep mapping back to the text as written; a character already simplified stays)."""
    if not "\u4e00" <= ch <= "\u9fff":
        return ch
    out: str = _converter().convert(ch)
    return out if len(out) == 1 else ch


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc  # heavy: only when a sentence is read

    return opencc.OpenCC("t2s")


@dataclass(frozen=True)
class Source:
    """A normalised sentence: ``text``, and ``origin[i]``, the offset in ``original`` of ``text[i]``."""

    original: str
    text: str
    origin: tuple[int, ...]

    def where(self, i: int) -> int:
        """The original offset of normalised position ``i`` (the end maps past the last character)."""
        if i >= len(self.text):
            return len(self.original.rstrip())
        return self.origin[i]

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]


def normalise(raw: str) -> Source:
    dropped: set[int] = set()
    for m in _PINYIN.finditer(raw):
        dropped.update(range(m.start(), m.end()))
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(raw):
        if i in dropped or ch.isspace():
            continue
        if ch in CIRCLED:
            mapped = ch
        elif ch in _SPECIAL:
            mapped = _SPECIAL[ch]
        else:
            mapped = unicodedata.normalize("NFKC", simplified(ch))
            mapped = "".join(_SPECIAL.get(c, c) for c in mapped)
        for c in mapped:
            out.append(c)
            origin.append(i)
    return Source(raw, "".join(out), tuple(origin))


# --- Chinese numerals -------------------------------------------------------------------

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = set(DIGITS) | set(UNITS)


def chinese_integer(text: str) -> int | None:
    """十二 → 12, 两 → 2, 一百零五 → 105, 二十 → 20; None when ``text`` is not a numeral."""
    if not text or any(c not in NUMERAL_CHARS for c in text):
        return None
    total, digit = 0, None
    for c in text:
        if c in DIGITS:
            if digit is not None and DIGITS[c] != 0:
                return None  # 一二 is not a number
            digit = DIGITS[c] if DIGITS[c] != 0 else None
        else:
            total += (digit if digit is not None else 1) * UNITS[c]
            digit = None
    return total + (digit or 0)


def decimal_of(text: str) -> Decimal:
    """The Decimal of an Arabic or Chinese numeral as written (never through a float)."""
    n = chinese_integer(text)
    return Decimal(n) if n is not None else Decimal(text)


# --- 分别 / 依次: a list of conditions given a list of scores in the same order --------------

_ITEM = r"[^,;。、和及与]+"
_SCORE = r"\d+(?:\.\d+)?分"
_NUMBERING = re.compile(r"\(?[0-9一二三四五六七八九十]+\)?")
_RESPECTIVELY = re.compile(
    rf"(?P<items>{_ITEM}(?:[、和及与]{_ITEM})+?)的?,?(?P<each>每[次起项例人件宗处个])?(?:分别|依次)"
    rf"(?P<verb>得|计|记|赋予|赋|给予|给|扣除|扣|减|加)?(?P<scores>{_SCORE}(?:[、和,]{_SCORE})+)")
_BARE = re.compile(r"\d+(?:\.\d+)?%?")
_COMPARED = re.compile(r"(低于|高于|不足|超过|少于|多于|未达到|达到|大于|小于)\d")


_LEAD = ("被", "对", "由", "经", "受")


def _shared(text: str, spans: list[tuple[int, int]]) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Short modifiers listed inside one phrase (被中央、省级有关部门通报批评): the words before the first
    (被) and after the last (有关部门通报批评) belong to every item. None when the items are whole phrases."""
    first = text[spans[0][0]:spans[0][1]]
    lead = len(first) - len(first.lstrip("".join(_LEAD))) if first.startswith(_LEAD) else 0
    core = len(first) - lead
    last_a, last_b = spans[-1]
    if core > 3 or last_b - last_a <= core + 2 or any(b - a > 3 for a, b in spans[1:-1]):
        return None, None
    head = (spans[0][0], spans[0][0] + lead) if lead else None
    return head, (last_a + core, last_b)


def distribute(source: Source) -> Source:
    """``30%以上、20%以上和10%以上,分别得6分、4分和2分`` reads as ``30%以上得6分,20%以上得4分,
    10%以上得2分``: a list of conditions (joined by 、和及与) followed by 分别 or 依次 and as many
    scores is written out as one clause per condition (a leading ``2、`` numbering the line stays as
    written). The verb is the one written (得 when none
    is). A list whose lengths differ stays as written (the reader then says where it stopped)."""
    text, origin = source.text, list(source.origin)
    out: list[str] = []
    where: list[int] = []
    last = 0
    for m in _RESPECTIVELY.finditer(text):
        items = list(re.finditer(_ITEM, m.group("items")))
        scores = list(re.finditer(_SCORE, m.group("scores")))
        extra = len(items) - len(scores)
        if extra < 0 or not all(_NUMBERING.fullmatch(i.group()) for i in items[:extra]):
            continue
        items = items[extra:]  # ``2、A、B分别…``: the leading ``2、`` numbers the line
        begin = m.start("items") + items[0].start()
        out.extend(text[last:begin])
        where.extend(origin[last:begin])
        verb = (m.group("each") or "") + (m.group("verb") or "得")  # 每次分别扣10分、5分: each its own
        verb_at = origin[m.start("verb")] if m.group("verb") else origin[m.start("scores")]
        compared = _COMPARED.search(items[0].group())  # 低于80%、70%、60%: each bound is 低于 too
        spans = [(m.start("items") + it.start(), m.start("items") + it.end() - it.group().endswith("的")) for it in items]
        head, tail = _shared(text, spans)
        for k, (item, score) in enumerate(zip(items, scores)):
            if k:
                out.append(",")
                where.append(origin[m.start("items") + item.start()])
            s0 = m.start("scores") + score.start()
            i0, i1 = spans[k]
            if k and compared and _BARE.fullmatch(text[i0:i1]):
                out.extend(compared.group(1))
                where.extend([origin[i0]] * len(compared.group(1)))
            pieces = [(i0, i1)]       # 被中央、省级有关部门通报批评: 被省级…, 被中央有关部门通报批评
            if head and k:
                pieces.insert(0, head)
            if tail and k < len(items) - 1:
                pieces.append(tail)
            for a, b in pieces:
                out.extend(text[a:b])
                where.extend(origin[a:b])
            out.extend(verb)
            where.extend([verb_at] * len(verb))
            out.extend(score.group())
            where.extend(origin[s0:s0 + len(score.group())])
        last = m.end()
    if last == 0:
        return _places(source)
    out.extend(text[last:])
    where.extend(origin[last:])
    return _places(Source(source.original, "".join(out), tuple(where)))


_PLACE_RUN = re.compile(
    rf"(?:(?P<top>前)(?P<n>\d+)|第?(?P<a>\d+)(?:名|位)?[-~至到]第?(?P<b>\d+))(?P<unit>名|位)的?,?(?:分别|依次)"
    rf"(?P<verb>得|计|记|赋予|赋|给予|给)?(?P<scores>{_SCORE}(?:[、和,]{_SCORE})+)")


def _places(source: Source) -> Source:
    """``排名1-5名的依次赋予20分、19分、18分、17分、16分`` (or 前3名分别得…) reads as ``排名第1名赋予20分,
    第2名赋予19分,…``: a run of places given one score each, in order. A run whose length is not the
    number of scores stays as written."""
    text, origin = source.text, source.origin
    out: list[str] = []
    where: list[int] = []
    last = 0
    for m in _PLACE_RUN.finditer(text):
        first, final = (1, int(m.group("n"))) if m.group("top") else (int(m.group("a")), int(m.group("b")))
        scores = list(re.finditer(_SCORE, m.group("scores")))
        if final - first + 1 != len(scores):
            continue
        out.extend(text[last:m.start()])
        where.extend(origin[last:m.start()])
        verb = m.group("verb") or "得"
        for k, score in enumerate(scores):
            said = ("," if k else "") + f"第{first + k}{m.group('unit')}{verb}"
            out.extend(said)
            where.extend([origin[m.start()]] * len(said))
            s0 = m.start("scores") + score.start()
            out.extend(score.group())
            where.extend(origin[s0:s0 + len(score.group())])
        last = m.end()
    if last == 0:
        return source
    out.extend(text[last:])
    where.extend(origin[last:])
    return Source(source.original, "".join(out), tuple(where))
