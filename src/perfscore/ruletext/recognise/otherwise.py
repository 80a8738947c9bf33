"""Outcome family 否则不得分: the requirements stated first and only their other case scored
(达到90%以上,台账齐全,否则不得分(5分)), the bad case first and the score after it (年内无记录不得分,得3分),
or only the cases that take the score (失效链接超过(含)8个,此项为0分;错别字超过(含)3处,此项为0分)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .. import conditions as C
from ..grammar import Provision
from .base import Rule, award_points, number

if TYPE_CHECKING:
    from ..build import Builder

_OTHERWISE = re.compile(r"[,;]?(?:否则的话|否则|否者)$")


def otherwise_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    """A,B,否则不得分: the score when every requirement holds, 0 otherwise. One requirement a threshold on
    the actual (处理率达80%以上) → bands whose top band requires the others; one verbal requirement → boolean."""
    if len(provs) != 1 or provs[0].outcome.kind != "zero":
        return None
    raw = provs[0].cond.strip(",;。:")
    if not _OTHERWISE.search(raw):
        return None
    parts = [p for p in re.split(r"[,;]", C.condition_name(_OTHERWISE.sub("", raw))) if p]
    if not parts or any(C.find_each(p) for p in parts):
        return None
    thresholds = [(k, t) for k, p in enumerate(parts) if (t := C.find_threshold(p)) is not None]
    words = [re.sub(r"\([^)]*\)", "", p) for k, p in enumerate(parts) if k not in dict(thresholds)]
    if not thresholds:
        return {"kind": "boolean"} if len(words) == 1 else None
    if len(thresholds) > 1 or thresholds[0][1].op == "=":
        return None                   # two quantities, one actual: which is measured is unsaid
    t = thresholds[0][1]
    v = number(t.value.value)
    met: dict[str, Any] = {}
    rest: dict[str, Any] = {}
    if t.op in ("≥", ">"):
        met, rest = {"min": v}, {"max": v}
        if t.op == ">":
            met["min_inclusive"], rest["max_inclusive"] = False, True
    else:
        met, rest = {"max": v, "max_inclusive": t.op == "≤"}, {"min": v}
        if t.op == "≤":
            rest["min_inclusive"] = False
    if not words:
        return {"kind": "bands", "bands": [{**met, "score": "100%"}, {**rest, "score": 0}]}
    # the band that gives the score requires the rest; the line is split by the threshold alone
    return {"kind": "bands", "bands": [{**met, "score": "100%", "requires": "且".join(words)}, {**met, "score": 0},
                                       {**rest, "score": 0}]}


def award_after_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    """…,年内无案例不得分,得3分: the bad case takes the score, the score follows with no condition of its
    own — a yes/no rule on the good case (年内有案例), the clauses before it only describing the work."""
    if len(provs) != 2 or [p.outcome.kind for p in provs] != ["zero", "award"] or C.condition_name(provs[1].cond):
        return None
    points = award_points(provs[1].outcome)
    if points is None and provs[1].outcome.amount != "full":
        return None
    bad = C.condition_name(provs[0].cond).split(",")[-1]
    if not bad or C.find_threshold(bad) or C.find_each(bad) or not re.search(r"无|未|没有|不", bad):
        return None
    good = bad.replace("无", "有", 1) if "无" in bad and not re.search(r"未|没有|不", bad) else C.positive(bad)
    rule: Rule = {"kind": "boolean"}
    if points is not None:
        rule["full"] = points
    rule["input"] = good
    return rule


_COUNTED = ("个", "项", "次", "处", "条", "件", "篇", "起", "例", "家", "人", "人次", "张", "份", "户", "宗", "天")


def count_vetoes_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    """失效链接数超过(含)8个,此项为0分;错别字超过(含)3处,此项为0分: each a count that, reached, takes the
    whole score; none reached, the full score. Two or more counts → a formula on each (a count the cell
    does not mention is 0: nothing of it was found); one → bands on the actual."""
    if not provs or not all(p.outcome.kind == "zero" for p in provs):
        return None
    vetoes: list[tuple[str, str, Any]] = []
    for p in provs:
        cond = C.condition_name(p.cond)
        t = C.find_threshold(cond)
        if t is None or t.op not in ("≥", ">") or t.value.unit not in _COUNTED or cond[t.end:].strip(",的"):
            return None
        subject = cond[:t.start].rstrip("的")
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,}", subject) or C.find_each(cond):
            return None
        if not subject.endswith(("数", "数量")):
            subject += f"{t.value.unit}数"
        vetoes.append((subject, t.op.replace("≥", ">="), number(t.value.value)))
    if len({s for s, _, _ in vetoes}) != len(vetoes):
        return None
    if len(vetoes) == 1:
        _, op, v = vetoes[0]
        if op == ">=":
            return {"kind": "bands", "bands": [{"min": v, "score": 0}, {"max": v, "score": "100%"}]}
        return {"kind": "bands", "bands": [{"min": v, "min_inclusive": False, "score": 0},
                                           {"max": v, "max_inclusive": True, "score": "100%"}]}
    expr = " or ".join(f"{s} {op} {v}" for s, op, v in vetoes)
    return {"kind": "formula", "facts": [s for s, _, _ in vetoes], "expr": f"0 if {expr} else full"}
