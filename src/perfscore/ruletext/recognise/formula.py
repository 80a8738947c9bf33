"""Outcome family 计分公式 / 内插 / 加分 / 与上年比: sentences whose score is an expression."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from ...numbers import fmt
from .. import conditions as C
from ..formulas import FULL_NAMES, FormulaTextError, translate
from ..grammar import NUMBER, Provision
from .base import Rule, award_points, dec, full_awards, kinds, number, pass_mark, stated_reference

if TYPE_CHECKING:
    from ..build import Builder


def formula_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    fs = kinds(provs, "formula")
    if not fs or any(p.lists for p in provs):
        return None
    used = set(fs)
    if len(fs) == 1 and provs[fs[0]].outcome.note == "verbatim":
        o = provs[fs[0]].outcome
        b.leftover(provs, used, "公式计分")
        return {"kind": "formula", "facts": o.facts, "expr": o.expr} if o.facts else {"kind": "formula", "expr": o.expr}
    conds = [C.condition_name(provs[i].cond) for i in fs]
    if len(fs) == 2 and "正向" in conds[0] and "反向" in conds[1]:
        b.leftover(provs, used, "按比例计分")
        return {"kind": "ratio"}
    p = provs[fs[0]]
    if len(fs) > 1:
        raise b.fail("一句中有多个计分公式", provs[fs[1]].outcome.start, provs)
    subject = _subject(p.cond)
    actual = {subject[0]: "actual / 100" if subject[1] else "actual"} if subject else {}
    written = p.outcome.expr
    capped = _CAPPED.search(written)
    if capped and not subject:  # 完成率(超过100%以100%计算)×20: the rate is the actual, at most 100%
        actual = {capped.group(1): "min(actual, 100) / 100"}
        written = written[:capped.end(1)] + written[capped.end():]
    written = written.strip("()") if written.startswith("(") and written.endswith(")") and _balanced(written[1:-1]) \
        else written
    names = set(re.findall(r"[^×*÷/+\-()\d%.]+", written)) - set(FULL_NAMES)
    rates = [n for n in names if n.endswith(_SHARES)]
    try:
        if not actual and len(names) == 1 and rates:
            # 得分值=种植率×30: the one rate the formula names is the actual (a percentage), unless the
            # shape is 按比例 (分值×完成率 is the actual against the target)
            expr, facts = translate(written, {rates[0]: "actual / 100"})
            plain = re.sub(r"actual / 100", rates[0], expr)
            if _ratio_shape(plain, [rates[0]]) is not None:
                expr, facts = plain, [rates[0]]
        else:
            expr, facts = translate(written, {**_KNOWN, **_named(names), **actual})
    except FormulaTextError as exc:
        start = b.s.source.text.find(p.outcome.expr, p.outcome.start)
        raise b.fail(str(exc), start + exc.offset, provs) from None
    ratio = None if capped else _ratio_shape(expr, facts)
    zeros = kinds(provs, "zero")
    if ratio is not None:
        rule: Rule = {"kind": "ratio"}
        if ratio is not True:
            rule["full"] = ratio
        mark = pass_mark(provs, zeros)
        if mark and re.fullmatch(rf"\(\w+ - {re.escape(dec(mark))}\) / \(1 - {re.escape(dec(mark))}\) \* full", expr):
            rule["pass_mark"] = mark
            used |= set(zeros)
        elif mark and "actual / target" in expr and all("完成率" in provs[z].cond for z in zeros):
            # 按实际值/目标值×分值计分,完成率低于50%的不得分: the written ratio, cut off below the mark (no interpolation)
            used |= set(zeros) | set(kinds(provs, "ratio")) | set(full_awards(provs))
            b.leftover(provs, used, "按比例计分")
            cut: Rule = {"kind": "formula"}
            if ratio is not True:
                cut["full"] = ratio
            cut["expr"] = f"0 if actual / target < {dec(mark)} else min(actual / target, 1) * full"
            return cut
        used |= set(kinds(provs, "ratio", "award"))
        for a in full_awards(provs):
            ref = stated_reference(b, provs[a])
            if ref is not None:
                rule["reference"] = ref  # 完成率达到100%,得10分,低于100%,得分=完成率×10分
        b.leftover(provs, used, "按比例计分")
        return rule
    if re.search(r"\* \(-\d", expr) or expr.startswith("-"):
        raise b.fail("这是减分项（得分为负），公式规则的得分限定在0到满分之间，无法表达", p.outcome.start, provs)
    met = _met_guard(b, provs, names)
    if met is not None:
        expr = f"full if {met[1]} else {expr}"  # 实际成本≤计划成本得满分,否则按计划成本/实际成本×分值计算
        used.add(met[0])
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


_ACTUAL_NAMES = ("实际完成值", "实际完成数", "完成值", "完成数", "实际值", "实际数")
_TARGET_NAMES = ("年度指标值", "年度目标值", "指标值", "目标值", "目标数", "计划值", "计划数", "计划完成数", "计划完成值",
                 "预期值", "预期目标值")
_SHARES = ("率", "满意度", "占比", "比重")
"""A name ending so is a percentage: 得分=满意度×分值 is 满意度/100 × 分值."""
_KNOWN = {**{n: "actual" for n in _ACTUAL_NAMES}, **{n: "target" for n in _TARGET_NAMES}}
"""Names a formula gives the actual and the target (得分=实际完成值/年度指标值×指标分值)."""
_CAPPED = re.compile(r"([\u4e00-\u9fff、]+率)\((?:超过|大于|高于)100%(?:的)?(?:以|按)100%(?:计算|计)?\)")


def _named(names: set[str]) -> dict[str, str]:
    """实际支出 is the actual, 预算数 (计划/目标/标准…) the target, when the formula names one of each at most."""
    actual = [n for n in names if n.startswith("实际") and not n.endswith(_SHARES) and n not in _KNOWN]
    target = [n for n in names if n.startswith(("计划", "预算", "目标", "标准")) and not n.endswith(_SHARES)
              and n not in _KNOWN]
    if len(actual) != 1 or len(target) > 1:
        return {}
    return {actual[0]: "actual", **({target[0]: "target"} if target else {})}


_COMPARED = re.compile(r"(.+?)(≤|<=|小于等于|小于或等于|不超过|不高于|低于|≥|>=|大于等于|大于或等于|不低于|达到|高于)(.+)")
_OPS = {"≤": "<=", "<=": "<=", "小于等于": "<=", "小于或等于": "<=", "不超过": "<=", "不高于": "<=", "低于": "<",
        "≥": ">=", ">=": ">=", "大于等于": ">=", "大于或等于": ">=", "不低于": ">=", "达到": ">=", "高于": ">"}


def _met_guard(b: Builder, provs: list[Provision], names: set[str]) -> tuple[int, str] | None:
    """The full-mark clause comparing the actual with the target by the formula's own names: its index and test."""
    known = {**_KNOWN, **_named(names)}
    for a in kinds(provs, "award"):
        m = _COMPARED.fullmatch(C.condition_name(provs[a].cond).split(",")[-1])
        if provs[a].outcome.amount != "full" or not m:
            continue
        left, right = known.get(m.group(1)), known.get(m.group(3))
        if left and right and left != right:
            return a, f"{left} {_OPS[m.group(2)]} {right}"
    return None


def _balanced(text: str) -> bool:
    depth = 0
    for c in text:
        depth += {"(": 1, ")": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0


def _subject(cond: str) -> tuple[str, bool] | None:
    t = C.find_threshold(C.condition_name(cond))
    if not t:
        return None
    name = C.condition_name(cond)[:t.start]
    return (name, t.value.percent) if name else None


def _ratio_shape(expr: str, facts: list[str]) -> int | Decimal | bool | None:
    """``full * 完成率`` (or ``20 * 执行率``) is 按比例计分; (r − p)/(1 − p) × full with a pass mark."""
    expr = re.sub(r" \* 1(?= \*|$)", "", expr.replace("(actual / target)", "actual / target"))  # (B/A)×100%×分值
    rate = r"(\w*(?:完成率|执行率))"
    if re.fullmatch(rf"full \* {rate}|{rate} \* full", expr):
        return True
    if re.fullmatch(r"actual / target \* full|full \* actual / target", expr):
        return True                   # 实际完成值/年度指标值×指标分值
    m = re.fullmatch(r"actual / target \* (\d+(?:\.\d+)?)|(\d+(?:\.\d+)?) \* actual / target", expr)
    if m:
        return number(Decimal(m.group(1) or m.group(2)))
    m = re.fullmatch(rf"(\d+(?:\.\d+)?) \* {rate}|{rate} \* (\d+(?:\.\d+)?)", expr)
    if m:
        return number(Decimal(m.group(1) or m.group(4)))
    if re.fullmatch(rf"\({rate} - [\d.]+\) / \(1 - [\d.]+\) \* full", expr):
        return True
    return None


def _guard(b: Builder, p: Provision, subject: tuple[str, bool] | None) -> tuple[str, list[str]]:
    parts, facts = [], []
    for part in re.split(r",且|且|,", C.condition_name(p.cond)):
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


def interp_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    """A超过B n及以上得满分；A低于B m及以上得0分；在两者之间的，在0分和N分之间计算确定."""
    ins = kinds(provs, "interp")
    if len(ins) != 1 or len(provs) != 3:
        return None
    full, zero = provs[0], provs[1]
    rx = re.compile(rf"(.+?)(超过|高于|低于)(.+?)({NUMBER})(?:个百分点|%|百分点)?及以上")
    a, z = rx.search(C.condition_name(full.cond)), rx.search(C.condition_name(zero.cond))
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
    caps = [i for i in kinds(provs, "cap") if provs[i].outcome.low is not None or provs[i].outcome.expr]
    awards = kinds(provs, "award")
    if len(caps) != 1 or len(awards) != 1 or len(provs) != 2:
        return None
    p = provs[awards[0]]
    pts = award_points(p.outcome)
    cond = C.condition_name(p.cond)
    m = re.search(rf"(?:每)?(\w*?)({NUMBER})(个百分点|个|项|次|家|%)(\w*)$", cond.split(",")[-1])
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
        cap = f"full * {dec(share.group(1) + '%')}"
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


def year_rule(b: Builder, provs: list[Provision], in_sum: bool) -> Rule | None:
    """高于上年得满分，与上年持平得N分，低于上年每低X%扣Y —— a formula on the change rate."""
    kinds = {C.year_comparison(p.cond): i for i, p in enumerate(provs) if C.year_comparison(p.cond)}
    if set(kinds) != {"higher", "same", "lower"}:
        return None
    hi, same, lo = provs[kinds["higher"]], provs[kinds["same"]], provs[kinds["lower"]]
    each = C.find_each(lo.cond)
    if hi.outcome.amount != "full" or award_points(same.outcome) is None or each is None or lo.outcome.kind != "deduct":
        return None
    fact = C.subject_of(C.condition_name(hi.cond)) + "较上年变化率"
    d = lo.outcome.amount or ""
    step = f"full * {dec(d)}" if d.endswith("%") else fmt(Decimal(d))
    eq = fmt(Decimal(str(award_points(same.outcome))))
    expr = (f"full if {fact} > 0 else ({eq} if {fact} == 0 else "
            f"full - floor(-{fact} / {fmt(each.per.value)}) * {step})")
    b.leftover(provs, set(kinds.values()), "与上年比较")
    return {"kind": "formula", "facts": [fact], "expr": expr}
