"""From provisions to a rule: which kind of rule a sentence states, and its options.

Each recogniser looks at the provisions of a sentence (or of one part of a 累计 sentence) and
either claims them all, returning the rule dict, or declines (None). A recogniser that claims
a sentence but leaves a provision unexplained makes the whole sentence not understood: no
text is silently dropped, except what :data:`PREAMBLE` and the remarks name.
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ..targets import Target
from . import conditions as C
from .grammar import ListItem, Num, OutcomeKind, Provision, Sentence
from .recognise import RECOGNISERS
from .recognise.base import NotUnderstood, Rule, describe, number, points_checklist, repeated


class Builder:
    def __init__(self, sentence: Sentence, target: Target | None) -> None:
        self.s = sentence
        self.target = target

    def recognised(self, provisions: list[Provision]) -> list[str]:
        return [f"{C.condition_name(p.cond) or '（无条件）'}→{describe(p.outcome)}" for p in provisions]

    def fail(self, why: str, at: int, provisions: list[Provision] | None = None) -> NotUnderstood:
        done = [p for p in (provisions if provisions is not None else self.s.provisions) if p.outcome.end <= at]
        return NotUnderstood(why, at, self.recognised(done))

    # --- the sentence ---------------------------------------------------------------------

    def rule(self) -> Rule:
        s = self.s
        clauses = _POINTED_CLAUSE.findall(s.source.text)
        if len(clauses) >= 2 and not _POINTED_CLAUSE.sub("", s.source.text):
            # 分管工作不超过两项(0.2分),到县纪委跟班学习(0.3分): each clause worth its points
            return points_checklist([c.strip(",;。") for c, _ in clauses], [Decimal(pt) for _, pt in clauses])
        pointed = [it for lst in s.tail_lists for it in lst.items]
        if not s.provisions and pointed and all(it.points for it in pointed):
            return _pointed_items(pointed)  # ①已制定管理办法,1分;②制度合法合规,1分
        if not s.provisions:
            start = len(s.source.text) - len(s.source.text.lstrip(",;。:"))
            raise self.fail("没有找到得分、扣分或计分方法的说法", start)
        self._check_trailing()
        groups: list[list[Provision]] = [[]]
        for p in s.provisions:
            if ("此外" in p.cond or _opens_part(p)) and any(q.outcome.kind not in ("full", "input") for q in groups[-1]):
                groups.append([])
            groups[-1].append(p)
        rule = {"kind": "sum", "parts": [self.group(g, in_sum=True) for g in groups]} if len(groups) > 1 \
            else self.group(groups[0], in_sum=False)
        who = _SCORED_BY.search(s.provisions[0].cond)
        if who and rule["kind"] != "manual":
            # 此项工作由县政府办公室负责评分…;被通报的此项不得分: the evaluator's score and a rule together
            raise self.fail("评分由评价人给出（“由…评分”），又写了计分规则，两者怎样合在一起还读不懂", s.provisions[0].start
                            + who.start(), s.provisions)
        return rule

    def _check_trailing(self) -> None:
        s = self.s
        rest = s.trailing.strip(",;。:.")
        if not rest or "也可" in rest:
            return
        m = re.fullmatch(r"[;。,]*([^=]+)=(.+)", s.trailing)
        if m and (any(m.group(1) in p.outcome.expr for p in s.provisions) or re.fullmatch(r"[\u4e00-\u9fff]{1,12}率", m.group(1))
                  and re.search(r"[/÷]", m.group(2))):
            return  # a definition: 补贴发放及时率=（…）×100% of a name the formula uses, or of a rate (完成率=…/…)
        at = s.trailing_start + len(s.trailing) - len(s.trailing.lstrip(",;。:."))
        raise self.fail("这段文字没有说明得分或扣分", at)

    def group(self, provs: list[Provision], in_sum: bool) -> Rule:
        head: Rule = {}
        body = []
        for p in provs:
            if p.outcome.kind == "full":
                head["full"] = number(p.outcome.low.value)  # type: ignore[union-attr]
            elif p.outcome.kind == "input":
                head["input"] = p.outcome.expr
            else:
                body.append(p)
        if not body:
            raise self.fail("只有满分或实际值来源，没有计分方法", provs[-1].outcome.end, provs)
        body = _bare_steps(body)
        for recogniser in RECOGNISERS:
            rule = recogniser(self, body, in_sum)
            if rule is not None:
                names = [part.get("input") for part in rule.get("parts", ()) if part.get("input")]
                twice = repeated(names)
                if twice is not None:  # 负责人…移送司法的,一人次扣6分;科级干部…移送司法的,一人次扣4分
                    raise self.fail(f"两条不同的扣分读出了同一个名称“{twice}”，分不清实际完成值说的是哪一条",
                                    body[-1].start, provs)
                return _with_head(rule, head)
        first = body[0]
        raise self.fail(f"无法判断“{C.condition_name(first.cond) or first.cond}”之后的“{describe(first.outcome)}”属于哪种评分规则",
                        first.start, provs)

    def leftover(self, provs: list[Provision], used: set[int], kind: str) -> None:
        for i, p in enumerate(provs):
            capped = p.outcome.kind == "floor" or p.outcome.kind == "cap" and (
                p.outcome.note != "no_bonus" or re.search(r"超过|超出|高于|以上", p.cond))  # 未达到的不加分 is not a cap
            if capped and i not in used and p.outcome.note != "no_bonus" and C.condition_name(p.cond) \
                    and not _BEFORE_FLOOR.fullmatch(C.condition_name(p.cond)):
                # 每处扣1分,主动整改的不扣分,扣完为止: the words before 扣完为止 say something; never drop them
                raise self.fail(f"已按“{kind}”理解，但“{C.condition_name(p.cond)}”没有读懂", p.start + len(p.cond)
                                - len(p.cond.lstrip(",;。")), provs)
            if i not in used and not capped:
                raise self.fail(f"已按“{kind}”理解，但“{C.condition_name(p.cond) or p.cond}{describe(p.outcome)}”不合这种规则",
                                p.start if p.cond.strip(",;。") else p.outcome.start, provs)

    def same_as_target(self, n: Num) -> bool:
        t = self.target
        return t is not None and t.value is not None and t.value == n.value


def _opens_part(p: Provision) -> bool:
    """参加会议(2分,少一次扣0.5分): a full score opening a bracket after other clauses starts a part of its own."""
    return p.outcome.kind == "full" and p.outcome.expr == "("


_BEFORE_FLOOR = re.compile(r"\)*(?:共计?|合计|总计|累计|本项|该项|此项|分值|分数|得分)?(?:\d+(?:\.\d+)?)?(?:权重)?分?(?:直至|直到|以此|依次)?\)*")


_SCORED_BY = re.compile(r"由[^,;。]{1,30}?(?:负责)?(?:评分|打分|评定分值|给分)")
_POINTED_CLAUSE = re.compile(r"([^()]{2,60}?)\((\d+(?:\.\d+)?)分\)[,;。]?")


def _pointed_items(items: list[ListItem]) -> Rule:
    return points_checklist([it.name.strip(",;。:") for it in items], [Decimal(it.points) for it in items])


def _bare_steps(provs: list[Provision]) -> list[Provision]:
    """巡查发现问题每宗0.3分,未整改的扣1分: points per occurrence with no 得 or 扣, among deductions,
    are deducted like them; 每高于基数1个百分点0.04分,每低1个百分点扣0.04分: per step the other way from
    the deductions, they are added. Alone, or among points given, they stay points (and say nothing of 扣)."""
    deducted = [C.find_each(p.cond) for p in provs if p.outcome.kind == "deduct"]
    if not deducted:
        return provs
    ways = {e.direction for e in deducted if e is not None and e.direction}
    out = []
    for p in provs:
        each = C.find_each(p.cond) if p.outcome.kind == "award" and p.outcome.note == "bare" else None
        if each is None:
            out.append(p)
            continue
        kind: OutcomeKind = "bonus" if each.direction and ways and each.direction not in ways else "deduct"
        out.append(replace(p, outcome=replace(p.outcome, kind=kind, note="")))
    return out


def _with_head(rule: Rule, head: Rule) -> Rule:
    if not head:
        return rule
    out = {"kind": rule["kind"]}
    if "full" in head:
        out["full"] = head["full"]
    if "input" in head:
        out["input"] = head["input"]
    out.update({k: v for k, v in rule.items() if k != "kind" and k not in head})
    return out
