"""From provisions to a rule: which kind of rule a sentence states, and its options.

Each recogniser looks at the provisions of a sentence (or of one part of a 累计 sentence) and
either claims them all, returning the rule dict, or declines (None). A recogniser that claims
a sentence but leaves a provision unexplained makes the whole sentence not understood: no
text is silently dropped, except what :data:`PREAMBLE` and the remarks name.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Callable

from ..numbers import fmt
from ..targets import Target
from . import conditions as C
from .formulas import FormulaTextError, translate
from .grammar import Num, Outcome, Provision, Sentence

Rule = dict[str, Any]


class NotUnderstood(Exception):
    """Reading stopped at normalised offset ``at``; ``recognised`` says what was read before."""

    def __init__(self, why: str, at: int, recognised: list[str]) -> None:
        super().__init__(why)
        self.why = why
        self.at = at
        self.recognised = recognised


def number(value: Decimal) -> int | Decimal:
    """An option value in its YAML spelling: 10 stays 10, 0.1 stays Decimal('0.1')."""
    return int(value) if value == value.to_integral_value() else value.normalize()


def percent(value: Decimal) -> str:
    return f"{fmt(value)}%"


def share_text(value: Decimal) -> str:
    """A share of the weight as written: 0.25 → '25%', 1/3 → '1/3'."""
    hundred = value * 100
    if hundred == hundred.quantize(Decimal("0.0001")):
        return percent(hundred.normalize())
    from fractions import Fraction

    f = Fraction(value).limit_denominator(1000)
    return f"{f.numerator}/{f.denominator}"


def amount(text: str) -> int | Decimal | str:
    """'2' → 2, '0.05' → Decimal, '10%' → '10%'."""
    if text.endswith("%"):
        return percent(Decimal(text[:-1]))
    return number(Decimal(text))


def describe(o: Outcome) -> str:
    what = {"floor": "扣完为止", "cap": "封顶", "manual": "酌情扣分", "formula": "计分公式", "ratio": "按比例计分",
            "zero": "不得分", "deduct": "扣分", "share": "占权重分", "award": "得分", "levels": "分档区间",
            "interp": "区间内插", "full": "满分", "input": "实际值来源", "partial": "不足一档", "only": "仅单向扣分"}[o.kind]
    if o.amount and o.amount not in ("full", "all", "corresponding"):
        what += o.amount
    return what


class Builder:
    def __init__(self, sentence: Sentence, target: Target | None) -> None:
        self.s = sentence
        self.target = target

    def recognised(self, provisions: list[Provision]) -> list[str]:
        return [f"{C.clean(p.cond) or '（无条件）'}→{describe(p.outcome)}" for p in provisions]

    def fail(self, why: str, at: int, provisions: list[Provision] | None = None) -> NotUnderstood:
        done = [p for p in (provisions if provisions is not None else self.s.provisions) if p.outcome.end <= at]
        return NotUnderstood(why, at, self.recognised(done))

    # --- the sentence ---------------------------------------------------------------------

    def rule(self) -> Rule:
        s = self.s
        if not s.provisions:
            start = len(s.source.text) - len(s.source.text.lstrip(",;。:"))
            raise self.fail("没有找到得分、扣分或计分方法的说法", start)
        self._check_trailing()
        groups: list[list[Provision]] = [[]]
        for p in s.provisions:
            if "此外" in p.cond and groups[-1]:
                groups.append([])
            groups[-1].append(p)
        if len(groups) > 1:
            return {"kind": "sum", "parts": [self.group(g, in_sum=True) for g in groups]}
        return self.group(groups[0], in_sum=False)

    def _check_trailing(self) -> None:
        s = self.s
        rest = s.trailing.strip(",;。:.")
        if not rest or "也可" in rest:
            return
        m = re.fullmatch(r"[;。,]*([^=]+)=(.+)", s.trailing)
        if m and any(m.group(1) in p.outcome.expr for p in s.provisions):
            return  # a definition of a name the formula uses: 补贴发放及时率=（…）×100%
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
        for recogniser in RECOGNISERS:
            rule = recogniser(self, body, in_sum)
            if rule is not None:
                return _with_head(rule, head)
        first = body[0]
        raise self.fail(f"无法判断“{C.clean(first.cond) or first.cond}”之后的“{describe(first.outcome)}”属于哪种评分规则",
                        first.start, provs)

    def leftover(self, provs: list[Provision], used: set[int], kind: str) -> None:
        for i, p in enumerate(provs):
            if i not in used and p.outcome.kind not in ("floor", "cap"):
                raise self.fail(f"已按“{kind}”理解，但“{C.clean(p.cond) or p.cond}{describe(p.outcome)}”不合这种规则",
                                p.start if p.cond.strip(",;。") else p.outcome.start, provs)

    def same_as_target(self, n: Num) -> bool:
        t = self.target
        return t is not None and t.value is not None and t.value == n.value


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


def _kinds(provs: list[Provision], *kinds: str) -> list[int]:
    return [i for i, p in enumerate(provs) if p.outcome.kind in kinds]


def _award_points(o: Outcome) -> int | Decimal | None:
    if o.kind == "award" and o.amount and o.amount not in ("full", "corresponding") and not o.amount.endswith("%"):
        return number(Decimal(o.amount))
    return None


# --- recognisers ------------------------------------------------------------------------

def formula_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    fs = _kinds(provs, "formula")
    if not fs or any(p.lists for p in provs):
        return None
    used = set(fs)
    if len(fs) == 1 and provs[fs[0]].outcome.note == "verbatim":
        o = provs[fs[0]].outcome
        b.leftover(provs, used, "公式计分")
        return {"kind": "formula", "facts": o.facts, "expr": o.expr} if o.facts else {"kind": "formula", "expr": o.expr}
    conds = [C.clean(provs[i].cond) for i in fs]
    if len(fs) == 2 and "正向" in conds[0] and "反向" in conds[1]:
        b.leftover(provs, used, "按比例计分")
        return {"kind": "ratio"}
    p = provs[fs[0]]
    if len(fs) > 1:
        raise b.fail("一句中有多个计分公式", provs[fs[1]].outcome.start, provs)
    subject = _subject(p.cond)
    actual = {subject[0]: "actual / 100" if subject[1] else "actual"} if subject else {}
    try:
        expr, facts = translate(p.outcome.expr.strip("()") if p.outcome.expr.startswith("(") and
                                p.outcome.expr.endswith(")") and _balanced(p.outcome.expr[1:-1])
                                else p.outcome.expr, actual)
    except FormulaTextError as exc:
        start = b.s.source.text.find(p.outcome.expr, p.outcome.start)
        raise b.fail(str(exc), start + exc.offset, provs) from None
    ratio = _ratio_shape(expr, facts)
    zeros = _kinds(provs, "zero")
    if ratio is not None:
        rule: Rule = {"kind": "ratio"}
        if ratio is not True:
            rule["full"] = ratio
        mark = _pass_mark(provs, zeros)
        if mark and re.fullmatch(rf"\(\w+ - {re.escape(_dec(mark))}\) / \(1 - {re.escape(_dec(mark))}\) \* full", expr):
            rule["pass_mark"] = mark
            used |= set(zeros)
        used |= set(_kinds(provs, "ratio", "award"))
        b.leftover(provs, used, "按比例计分")
        return rule
    if re.search(r"\* \(-\d", expr) or expr.startswith("-"):
        raise b.fail("这是减分项（得分为负），公式规则的得分限定在0到满分之间，无法表达", p.outcome.start, provs)
    if zeros:
        guards = []
        for z in zeros:
            g, more = _guard(b, provs[z], subject)
            guards.append(g)
            facts += [f for f in more if f not in facts]
            used.add(z)
        expr = f"0 if {' or '.join(guards)} else {expr}"
    b.leftover(provs, used, "公式计分")
    return {"kind": "formula", "facts": facts, "expr": expr} if facts else {"kind": "formula", "expr": expr}


def _balanced(text: str) -> bool:
    depth = 0
    for c in text:
        depth += {"(": 1, ")": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0


def _dec(share: str) -> str:
    return fmt(Decimal(share[:-1]) / 100) or "0"


def _subject(cond: str) -> tuple[str, bool] | None:
    t = C.find_threshold(C.clean(cond))
    if not t:
        return None
    name = C.clean(cond)[:t.start]
    return (name, t.value.percent) if name else None


def _ratio_shape(expr: str, facts: list[str]) -> int | Decimal | bool | None:
    """``full * 完成率`` (or ``20 * 执行率``) is 按比例计分; (r − p)/(1 − p) × full with a pass mark."""
    rate = r"(\w*(?:完成率|执行率))"
    if re.fullmatch(rf"full \* {rate}|{rate} \* full", expr):
        return True
    m = re.fullmatch(rf"(\d+(?:\.\d+)?) \* {rate}|{rate} \* (\d+(?:\.\d+)?)", expr)
    if m:
        return number(Decimal(m.group(1) or m.group(4)))
    if re.fullmatch(rf"\({rate} - [\d.]+\) / \(1 - [\d.]+\) \* full", expr):
        return True
    return None


def _pass_mark(provs: list[Provision], zeros: list[int]) -> str | None:
    for z in zeros:
        t = C.find_threshold(C.clean(provs[z].cond))
        if t and t.op == "<" and t.value.percent:
            return percent(t.value.value)
    return None


def _guard(b: Builder, p: Provision, subject: tuple[str, bool] | None) -> tuple[str, list[str]]:
    parts, facts = [], []
    for part in re.split(r",且|且|,", C.clean(p.cond)):
        t = C.find_threshold(part)
        if t and subject and part.startswith(subject[0]):
            op = {"≥": ">=", "≤": "<=", "=": "=="}.get(t.op, t.op)
            parts.append(f"actual {op} {fmt(t.value.value)}")
        elif part and not t:
            parts.append(part)
            facts.append(part)
        elif part:
            raise b.fail(f"条件“{part}”无法写成公式", p.start)
    return " and ".join(parts), facts


def ratio_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    rs = _kinds(provs, "ratio")
    if not rs or any(p.lists for p in provs):
        return None
    rule: Rule = {"kind": "ratio"}
    used = set(rs)
    zeros = _kinds(provs, "zero")
    mark = _pass_mark(provs, zeros)
    if mark:
        rule["pass_mark"] = mark
        used |= set(zeros)
        for f in _kinds(provs, "formula"):
            if _dec(mark) in provs[f].outcome.expr or mark in provs[f].outcome.expr:
                used.add(f)
    for z in zeros:
        if "2倍" in provs[z].cond:
            rule["reverse"] = "linear_to_double"
            used.add(z)
    for a in _kinds(provs, "award"):
        if provs[a].outcome.amount == "full":
            used.add(a)
    b.leftover(provs, used, "按比例计分")
    return rule


def manual_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    ms = _kinds(provs, "manual")
    if not ms or len(ms) > 1 and not all(C.clean(provs[m].cond) == C.clean(provs[ms[0]].cond) for m in ms):
        return None
    rule: Rule = {"kind": "manual"}
    used = set(ms)
    o = provs[ms[0]].outcome
    for a in _kinds(provs, "award"):
        if a > ms[0] and re.search(r"最高(?:不超过|为)?$|不超过$", provs[a].cond):
            rule["full"] = _award_points(provs[a].outcome)  # 酌情打分，最高不超过6分
            used.add(a)
        elif a < ms[0]:
            pts = _award_points(provs[a].outcome)
            if pts is not None:
                rule["full"] = pts
            elif provs[a].outcome.amount != "full":
                continue
            used.add(a)
    if o.low is not None and o.high is not None:
        rule["deduct_min"], rule["deduct_max"] = number(o.low.value), number(o.high.value)
    for d in _kinds(provs, "deduct"):
        m = re.search(r"(至少|最多)$", provs[d].cond)
        given = provs[d].outcome.amount
        if m and given and not given.endswith("%"):
            rule["deduct_min" if m.group(1) == "至少" else "deduct_max"] = amount(given)
            used.add(d)
    b.leftover(provs, used, "酌情扣分")
    return rule


def year_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    """高于上年得满分，与上年持平得N分，低于上年每低X%扣Y —— a formula on the change rate."""
    kinds = {C.year_comparison(p.cond): i for i, p in enumerate(provs) if C.year_comparison(p.cond)}
    if set(kinds) != {"higher", "same", "lower"}:
        return None
    hi, same, lo = provs[kinds["higher"]], provs[kinds["same"]], provs[kinds["lower"]]
    each = C.find_each(lo.cond)
    if hi.outcome.amount != "full" or _award_points(same.outcome) is None or each is None or lo.outcome.kind != "deduct":
        return None
    fact = C.subject_of(C.clean(hi.cond)) + "较上年变化率"
    d = lo.outcome.amount or ""
    step = f"full * {_dec(d)}" if d.endswith("%") else fmt(Decimal(d))
    eq = fmt(Decimal(str(_award_points(same.outcome))))
    expr = (f"full if {fact} > 0 else ({eq} if {fact} == 0 else "
            f"full - floor(-{fact} / {fmt(each.per.value)}) * {step})")
    b.leftover(provs, set(kinds.values()), "与上年比较")
    return {"kind": "formula", "facts": [fact], "expr": expr}


def checklist_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    if any(p.lists for p in provs):
        return _listed(b, provs, in_sum)
    return _enumerated(b, provs) or _counted(b, provs) or _per_element(b, provs)


def _listed(b: Builder, provs: list[Provision], in_sum: bool) -> Rule:
    items: dict[str, dict[str, Any]] = {}
    used: set[int] = set()
    mode = "share"
    gate = None
    deduct = None
    last: list[str] = []
    extra: list[Rule] = []
    for i, p in enumerate(provs):
        names = [it.name for lst in p.lists for it in lst.items]
        again = bool(names) and all(n in items for n in names)  # 要点②每出现…: a 要点 named before
        for n in names:
            items.setdefault(n, {"name": n})
        o = p.outcome
        cond = C.clean(p.cond)
        labels = "".join(lst.label for lst in p.lists)
        each = C.find_each(p.cond)
        if names:
            last = names
        if o.kind == "share" and names:
            for n in names:
                items[n]["share"] = o.amount
            used.add(i)
        elif o.kind == "award" and o.amount and o.amount.endswith("%") and not names and cond and not C.find_threshold(cond):
            items.setdefault(cond, {"name": cond})["share"] = o.amount
            items[cond]["_first"] = len(items)
            used.add(i)
        elif o.kind in ("award",) and o.amount in ("full", "corresponding"):
            used.add(i)
        elif o.kind == "deduct" and o.amount == "corresponding" and "偏差率" in p.cond:
            for n in (names or last):
                items[n]["rule"] = {"kind": "formula", "expr": "full - full * actual / 100"}
            used.add(i)
        elif o.kind == "deduct" and o.amount == "corresponding":
            used.add(i)
        elif o.kind == "deduct" and o.amount == "all":
            mode = "veto"
            used.add(i)
        elif o.kind == "zero" and any(w in cond + labels for w in ("不具备", "不满足")) and not each and not C.find_threshold(cond) \
                and o.note != "item" and len(last) == 1:
            mode, gate = "gate", last[0]
            used.add(i)
        elif o.kind == "deduct" and each and (o.note == "item" or again):
            scope = names or last
            cap = _item_cap(provs, i)
            if cap is not None:
                used.add(cap[1])
            if o.amount and "/" in o.amount:
                a, d = o.amount.split("/")
                expr = f"full - actual * full * {a} / {d}" if a != "1" else f"full - actual * full / {d}"
                if cap is not None:
                    expr = f"0 if actual >= {cap[0]} else {expr}"
                rule: Rule = {"kind": "formula", "expr": expr}
            else:
                rule = {"kind": "step", "reference": 0, "direction": "above", "per": number(each.per.value),
                        "deduct": amount(o.amount or "0")}
                if cap is not None:
                    rule["zero_at"] = cap[0]
            for n in scope:
                items[n]["rule"] = rule
            used.add(i)
        elif o.kind == "deduct" and (each or C.find_missing(p.cond)) and o.amount and not each_counts_other(each):
            mode = "deduct"
            deduct = amount(o.amount)
            used.add(i)
        elif o.kind == "deduct" and each:
            extra.append(_step_part(b, provs, i, in_sum=True))
            used.add(i)
        elif o.kind == "formula" and ("各要点" in cond or "不满足" in cond):
            subject = o.expr.replace("×", "*").split("*")
            rate = [x for x in subject if x.endswith("率")]
            if not rate:
                continue
            for n in items:
                items[n]["rule"] = {"kind": "formula", "expr": "full * actual / 100"}
            used.add(i)
    for i, p in enumerate(provs):
        if p.outcome.kind == "zero" and i not in used and p.outcome.note == "item":
            used.add(i)  # 该要点不得分: the cap of a per-item deduction, read above
    b.leftover(provs, used, "要点")
    ordered = sorted(items.values(), key=_item_order)
    rule = {"kind": "checklist", "mode": mode}
    listed = _shares(ordered)
    rule["items"] = listed
    if gate:
        rule["gate"] = gate
    if deduct is not None:
        rule["deduct"] = deduct
    if extra:
        return {"kind": "sum", "parts": [rule, *extra]}
    return rule


def _item_order(item: dict[str, Any]) -> int:
    """Items keep their order, except that ①②③ read out of order (要点①③…要点②) are sorted."""
    from .text import CIRCLED

    item.pop("_first", None)
    name = item["name"]
    return CIRCLED.index(name[0]) + 1 if name and name[0] in CIRCLED else 0


def each_counts_other(each: C.Each | None) -> bool:
    """每发现一家对象不达标 counts something else than the 要点 themselves."""
    return each is not None and each.per.unit not in ("项", "个", "方面", "") and bool(each.counted)


def _item_cap(provs: list[Provision], i: int) -> tuple[int, int] | None:
    for j in range(i + 1, len(provs)):
        p = provs[j]
        if p.outcome.kind == "zero" and p.outcome.note == "item":
            t = C.find_threshold(p.cond)
            if t is not None:
                return int(t.value.value), j
    return None


def _shares(items: list[dict[str, Any]]) -> list[Any]:
    from .grammar import read_number

    values: list[Decimal | None] = []
    for it in items:
        s = it.get("share")
        if s is None:
            values.append(None)
            continue
        n = read_number(s) if not s.endswith("%") else None
        values.append(Decimal(s[:-1]) / 100 if s.endswith("%") else (n[0].value if n else Decimal(s)))
    known = [v for v in values if v is not None]
    equal = not known or (len(known) == len(values) and len(set(known)) == 1
                          and abs(sum(known, Decimal(0)) - 1) < Decimal("1e-20"))
    out: list[Any] = []
    for it in items:
        if equal:
            it.pop("share", None)
        if set(it) == {"name"}:
            out.append(it["name"])
        else:
            out.append(it)
    return out


def _enumerated(b: Builder, provs: list[Provision]) -> Rule | None:
    awards = _kinds(provs, "award")
    deducts = _kinds(provs, "deduct")
    if len(awards) != 1 or len(deducts) != 1:
        return None
    names = C.enumeration(provs[awards[0]].cond)
    d = provs[deducts[0]]
    if not names or not d.outcome.amount or d.outcome.amount in ("all", "corresponding"):
        return None
    if not (C.find_missing(d.cond) or C.find_each(d.cond)):
        return None
    return _deduct_each(b, provs, awards[0], deducts[0], names)


def _counted(b: Builder, provs: list[Provision]) -> Rule | None:
    awards = _kinds(provs, "award")
    deducts = _kinds(provs, "deduct")
    if len(awards) != 1 or len(deducts) != 1:
        return None
    d = provs[deducts[0]]
    each = C.find_each(d.cond)
    missing = C.find_missing(d.cond)
    unit = each.per.unit if each else (missing[0].unit if missing else "")
    if not unit or each is not None and each.direction == "above":
        return None
    n = C.item_count(provs[awards[0]].cond, unit)
    if n is None or not d.outcome.amount or d.outcome.amount in ("all", "corresponding"):
        return None
    return _deduct_each(b, provs, awards[0], deducts[0], n)


def _deduct_each(b: Builder, provs: list[Provision], award: int, deduct: int, items: list[str] | int) -> Rule:
    """A deduct checklist: the award clause may state the full score; each unmet item deducts."""
    rule: Rule = {"kind": "checklist", "mode": "deduct"}
    pts = _award_points(provs[award].outcome)
    if pts is not None:
        rule["full"] = pts
    rule["items"] = items
    rule["deduct"] = amount(provs[deduct].outcome.amount or "")  # callers checked it is stated
    b.leftover(provs, {award, deduct}, "要点扣分")
    return rule


def _per_element(b: Builder, provs: list[Provision]) -> Rule | None:
    """具备一个得分要素，得到指标分值的25% → four elements, each 25%."""
    if len(provs) != 1 or provs[0].outcome.kind != "share":
        return None
    p = provs[0]
    if not re.search(r"(?:具备|满足|符合|每)(?:一个|一项|1个|1项)", p.cond) or not p.outcome.amount:
        return None
    a = p.outcome.amount
    share = Decimal(a[:-1]) / 100 if a.endswith("%") else None
    if share is None or share <= 0 or (1 / share) != (1 / share).to_integral_value():
        return None
    return {"kind": "checklist", "mode": "deduct", "items": int(1 / share), "deduct": a}


def step_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    ds = _kinds(provs, "deduct")
    if not ds:
        return None
    stepped = [i for i in ds if C.find_each(provs[i].cond) or provs[i].outcome.per_count
               or C.find_missing(provs[i].cond)]
    if not stepped and len(ds) == 1:
        return None
    parts = []
    for i in ds:
        parts.append(_step_part(b, provs, i, in_sum=in_sum or len(ds) > 1))
    used = set(ds)
    for a in _kinds(provs, "award"):
        if provs[a].outcome.amount == "full" or _award_points(provs[a].outcome) is not None:
            used.add(a)
    for z in _kinds(provs, "zero"):
        t = C.find_threshold(C.clean(provs[z].cond))
        if t is not None and len(parts) == 1 and parts[0]["kind"] == "step":
            parts[0]["zero_at"] = number(t.value.value)
            used.add(z)
    for k in _kinds(provs, "only"):
        if len(parts) == 1 and parts[0]["kind"] == "step":
            parts[0]["direction"] = provs[k].outcome.amount
            used.add(k)
    for k in _kinds(provs, "partial"):
        if len(parts) == 1 and parts[0]["kind"] == "step":
            parts[0]["partial"] = provs[k].outcome.amount
            used.add(k)
    b.leftover(provs, used, "每档扣分")
    if len(parts) == 1:
        return parts[0]
    return {"kind": "sum", "parts": parts}


def _full_provision(provs: list[Provision], before: int) -> Provision | None:
    for j in range(before - 1, -1, -1):
        o = provs[j].outcome
        if o.kind == "award" and (o.amount == "full" or _award_points(o) is not None):
            return provs[j]
    return None


def _step_part(b: Builder, provs: list[Provision], i: int, in_sum: bool) -> Rule:
    p = provs[i]
    o = p.outcome
    each = C.find_each(p.cond)
    cond = C.clean(p.cond)
    if not o.amount or o.amount in ("all", "corresponding") or "/" in o.amount:
        raise b.fail("扣分的数额无法确定", o.start, provs)
    deduct = amount(o.amount)
    full = _full_provision(provs, i)
    rule: Rule = {"kind": "step"}
    if full is not None and _award_points(full.outcome) is not None:
        rule["full"] = _award_points(full.outcome)
    if each is not None and each.direction and not each.counted:
        own = C.find_threshold(p.cond[:p.cond.index("每")] if "每" in p.cond else "")
        negated = re.search(r"未(\w+?)(\d+(?:\.\d+)?)(个|项|期|次|家)(\w+?)(?:,|$)", p.cond)
        threshold = own or (C.find_threshold(C.clean(full.cond)) if full else None)
        if negated and in_sum:
            rule["input"] = negated.group(1) + negated.group(4) + "数"
            threshold = C.Threshold("≥", Num(Decimal(negated.group(2)), negated.group(2), negated.group(3)), 0, 0)
        direction = each.direction
        if threshold is not None and ("input" in rule or not b.same_as_target(threshold.value)):
            rule["reference"] = number(threshold.value.value)
        if direction != "below" or "input" in rule:
            rule["direction"] = direction
        rule["per"] = number(each.per.value)
        rule["deduct"] = deduct
        ref_unit = threshold.value.unit if threshold else (b.target.unit if b.target else "")
        if each.relative or (each.per.unit == "%" and ref_unit not in ("%", "", "个百分点", "百分点")):
            rule["relative"] = True
        return rule
    missing = C.find_missing(p.cond)
    if each is None and missing is not None:
        rule.update({"input": f"缺{missing[0].unit}数", "reference": 0, "direction": "above",
                     "per": number(missing[0].value), "deduct": deduct})
        return rule
    if each is not None or o.per_count:
        if each is not None:
            counted = each.counted or cond[:each.start]
            unit = each.per.unit
            name = counted + ("数" if unit in ("个", "") else f"{unit}数")
            per = number(each.per.value)
        else:
            name, per = cond + "数", 1
        rule.update({"input": name, "reference": 0, "direction": "above", "per": per, "deduct": deduct})
        return rule
    if in_sum and cond and not C.find_threshold(cond):
        out: Rule = {"kind": "boolean", "input": C.positive(cond), "deduct": deduct}
        return out
    raise b.fail(f"“{cond}”扣{o.amount}分，但没有说明每多少扣一次", p.start if p.cond else o.start, provs)


def levels_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    ls = _kinds(provs, "levels")
    if ls:
        if len(provs) != 1:
            return None
        p = provs[0]
        m = re.search(r"(?:分为)?([^,;。:]+?)(?:[一二三四五六七八九\d]+个?档次?)", C.clean(p.cond))
        if not m:
            raise b.fail("分档区间之前没有列出各档名称（如“分为达成、部分达成、未达成三档”）", p.start, provs)
        names = m.group(1).split("、")
        ranges = p.outcome.ranges
        if len(names) != len(ranges):
            raise b.fail(f"列出{len(names)}档名称，却有{len(ranges)}个区间", p.outcome.start, provs)
        return {"kind": "qualitative", "levels": [_level(n, lo, hi) for n, (lo, hi) in zip(names, ranges)]}
    aw = [p for p in provs if p.outcome.kind == "award" and p.outcome.low is not None and p.outcome.low.percent]
    if aw and len(aw) == len(provs):
        return {"kind": "qualitative", "levels": [_level(C.clean(p.cond), p.outcome.low, p.outcome.high)  # type: ignore[arg-type]
                                                  for p in provs]}
    return None


def _level(name: str, a: Num, b: Num) -> dict[str, Any]:
    lo, hi = sorted((a.value / 100 if a.percent else a.value, b.value / 100 if b.percent else b.value))
    return {"name": name, "min": share_text(lo), "max": share_text(hi)}


def _score(o: Outcome) -> Any:
    if o.kind == "zero":
        return 0
    if o.amount == "full":
        return "100%"
    if o.low is not None and o.high is not None:
        lo, hi = sorted((o.low.value, o.high.value))
        return f"{fmt(lo)}~{fmt(hi)}" + ("%" if o.low.percent else "")
    if o.amount and o.amount.endswith("%"):
        return o.amount
    return number(Decimal(o.amount or "0"))


def bands_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    if not all(p.outcome.kind in ("award", "zero") for p in provs) or len(provs) < 2:
        return None
    read = []
    for p in provs:
        found = C.find_interval(C.clean(p.cond))
        if found is None:
            return None
        read.append(found)
    requires = [f for _, facts in read for f in facts if not f.startswith("预算执行率") and len(f) > 1]
    bands = []
    for p, (iv, facts) in zip(provs, read):
        band: dict[str, Any] = {}
        if iv.min is not None:
            band["min"] = number(iv.min.value)
            if iv.min_inclusive is False:
                band["min_inclusive"] = False
        if iv.max is not None:
            band["max"] = number(iv.max.value)
            if iv.max_inclusive is not None:
                band["max_inclusive"] = iv.max_inclusive
        band["score"] = _score(p.outcome)
        own = [f for f in facts if f in requires
               and not any(g != f and len(f) > len(g) and C.negates(f, g) for g in requires)]
        if own:
            band["requires"] = "且".join(own)
        bands.append(band)
    return {"kind": "bands", "bands": bands}


def verbal_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    if not all(p.outcome.kind in ("award", "zero", "deduct") for p in provs):
        return None
    conds = [C.clean(p.cond) for p in provs]
    if len(provs) == 2 and not conds[1] and provs[1].cond.strip(",;。").startswith("否则"):
        conds[1] = "不" + conds[0]  # 有健全的管理制度得满分，否则不得分
    if any(not c or C.find_threshold(c) or C.find_each(c) for c in conds):
        return None
    if any(re.search(r"[/×÷*]", c) for c in conds):
        return None                   # arithmetic is not a verbal level (完成值/目标值×10分): refuse, never guess
    if len(provs) == 2 and C.negates(conds[0], conds[1]) and provs[0].outcome.kind == "award":
        rule: Rule = {"kind": "boolean"}
        pts = _award_points(provs[0].outcome)
        if pts is not None:
            rule["full"] = pts
        elif provs[0].outcome.amount != "full":
            return None
        second = provs[1].outcome
        if second.kind == "deduct" and second.amount and second.amount not in ("all", "corresponding"):
            rule["deduct"] = amount(second.amount)
        elif second.kind != "zero":
            return None
        return rule
    if any(p.outcome.kind == "deduct" for p in provs) or len(provs) < 2:
        return None                   # one verbal level alone is not a scale of levels
    tops = [p.outcome.high.value if p.outcome.high is not None and p.outcome.low is not None and p.outcome.low.unit == "分"
            else (Decimal(str(_award_points(p.outcome))) if _award_points(p.outcome) is not None else None)
            for p in provs]
    full = max((t for t in tops if t is not None), default=None)
    names = _short_names(conds)
    levels = []
    for p, name in zip(provs, names):
        o = p.outcome
        if o.kind == "zero":
            levels.append({"name": name, "min": "0%", "max": "0%"})
        elif o.amount == "full":
            levels.append({"name": name, "min": "100%", "max": "100%"})
        elif full is None or full == 0:
            return None
        elif o.low is not None and o.high is not None:
            levels.append({"name": name, "min": share_text(o.low.value / full), "max": share_text(o.high.value / full)})
        elif o.amount and o.amount.endswith("%"):
            levels.append({"name": name, "min": o.amount, "max": o.amount})
        else:
            s = share_text(Decimal(o.amount or "0") / full)
            levels.append({"name": name, "min": s, "max": s})
    rule = {"kind": "qualitative"}
    if full is not None:
        rule["full"] = number(full)
    rule["levels"] = levels
    return rule


def _short_names(names: list[str]) -> list[str]:
    """Level names without the words they all begin with (绩效目标设定与部门单位职能整体相关 → 整体相关)."""
    if len(names) < 2:
        return names
    k = 0
    while all(len(n) > k + 1 for n in names) and len({n[k] for n in names}) == 1:
        k += 1
    return [n[k:] for n in names] if k >= 4 else names


def interp_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    """A超过B n及以上得满分；A低于B m及以上得0分；在两者之间的，在0分和N分之间计算确定."""
    ins = _kinds(provs, "interp")
    if len(ins) != 1 or len(provs) != 3:
        return None
    full, zero = provs[0], provs[1]
    rx = re.compile(rf"(.+?)(超过|高于|低于)(.+?)({C.NUMBER})(?:个百分点|%|百分点)?及以上")
    a, z = rx.search(C.clean(full.cond)), rx.search(C.clean(zero.cond))
    if not (a and z and full.outcome.amount == "full" and zero.outcome.kind == "zero"
            and a.group(2) != "低于" and z.group(2) == "低于" and a.group(1) == z.group(1) and a.group(3) == z.group(3)):
        return None
    n, m = Decimal(a.group(4)), Decimal(z.group(4))
    x, y = a.group(1), a.group(3)
    top = provs[ins[0]].outcome.high
    rule: Rule = {"kind": "formula"}
    if top is not None:
        rule["full"] = number(top.value)
    rule["facts"] = [x, y]
    rule["expr"] = f"full * ({x} - {y} + {fmt(m)}) / {fmt(n + m)}"
    return rule


def bonus_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    """每增加1个百分点得0.1分，最高为3 (or 最高以分值乘以30%为限): a capped count × points."""
    caps = [i for i in _kinds(provs, "cap") if provs[i].outcome.low is not None or provs[i].outcome.expr]
    awards = _kinds(provs, "award")
    if len(caps) != 1 or len(awards) != 1 or len(provs) != 2:
        return None
    p = provs[awards[0]]
    pts = _award_points(p.outcome)
    cond = C.clean(p.cond)
    m = re.search(rf"(?:每)?(\w*?)({C.NUMBER})(个百分点|个|项|次|家|%)(\w*)$", cond.split(",")[-1])
    if pts is None or not m:
        return None
    than = "比上年" if "比上年" in m.group(1) else ""
    verb = than + re.sub(r".*(?:之外|以外|比上年)", "", m.group(1)).removeprefix("每")
    lead = ""
    unit = m.group(3)
    fact = (lead + verb + m.group(4)).strip("的") + ("百分点" if "百分点" in unit else "") + ("数" if "百分点" not in unit else "")
    per = fmt(Decimal(m.group(2)))
    cap_o = provs[caps[0]].outcome
    if cap_o.low is not None:
        cap = fmt(cap_o.low.value)
    else:
        share = re.search(r"分值(?:乘以|×)(\d+(?:\.\d+)?)%", cap_o.expr)
        if not share:
            return None
        cap = f"full * {_dec(share.group(1) + '%')}"
    expr = f"min(floor({fact} / {per}) * {fmt(Decimal(str(pts)))}, {cap})"
    facts = [fact]
    guard = cond.split(",")[0] if "," in cond else ""
    t = C.find_threshold(guard) if guard else None
    if t is not None:
        subject = guard[:t.start].removeprefix("在")
        subject = re.sub(r"在$", "", subject)
        op = {"≥": ">=", "≤": "<=", "=": "=="}.get(t.op, t.op)
        expr = f"{expr} if {subject} {op} {fmt(t.value.value)} else 0"
        facts.insert(0, subject)
    return {"kind": "formula", "facts": facts, "expr": expr}


RECOGNISERS: list[Callable[[Builder, list[Provision], bool], Rule | None]] = [
    interp_rule, bonus_rule, formula_rule, ratio_rule, manual_rule, year_rule, checklist_rule, step_rule,
    levels_rule, bands_rule, verbal_rule,
]
