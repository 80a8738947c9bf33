"""The canonical Chinese sentence of a structured rule, written so that the parser reads it back.

One way of saying each option (``满分4分，`` for ``full``, ``以“未审核期数”计，`` for ``input``,
``每超过或低于10，扣1分`` for a two-sided step, …): docs/rule-text.md lists them all.
"""
from __future__ import annotations

from typing import Any

from ..numbers import fmt as _fmt
from .recognise.base import share_text
from .text import CIRCLED


def fmt(value: Any) -> str:
    return _fmt(value) or "0"


def _model(rule: Any) -> Any:
    from pydantic import BaseModel, TypeAdapter

    from ..rules import AnyRule

    if isinstance(rule, BaseModel):
        return rule
    return TypeAdapter(AnyRule).validate_python(rule)


def render_rule(rule: Any) -> str:
    r = _model(rule)
    head = ""
    if r.full is not None:
        head += f"满分{fmt(r.full)}分，"
    if r.input is not None:
        head += f"以“{r.input}”计，"
    return head + _BODY[r.kind](r)


def _amount(a: Any) -> str:
    return f"{fmt(a.value)}%权重分" if a.share else f"{fmt(a.value)}分"


_VERBS = {"below": "低于", "above": "超过", "both": "超过或低于"}


def _step(r: Any) -> str:
    direction = r.direction or "below"
    if r.reference is None:
        where = {"below": "达到目标值", "above": "不超过目标值", "both": "等于目标值"}[direction]
    else:
        ref = fmt(r.reference)
        where = {"below": f"达到{ref}", "above": f"不超过{ref}", "both": f"为{ref}"}[direction]
    per = f"{fmt(r.per)}%" if r.relative else fmt(r.per)
    text = f"{where}得满分，每{'相对' if r.relative else ''}{_VERBS[direction]}{per}，扣{_amount(r.deduct)}"
    if r.partial == "ceil":
        text += "，不足一档按一档扣"
    elif r.partial == "exact":
        text += "，不足一档按比例扣"
    if r.direction == "below":
        text += "，仅低于时扣分"  # written out: a bare 每低于 leaves the direction to the target
    if r.zero_at is not None:
        text += f"，{'不低于' if direction == 'above' else '不超过'}{fmt(r.zero_at)}的不得分"
    if r.deduct_max is not None:
        text += f"，最多扣{_amount(r.deduct_max)}"
    return text + "，扣完为止" + (f"；但{r.exempt}的，可不扣分" if r.exempt else "")


def _ratio(r: Any) -> str:
    text = "" if r.reference is None else f"达到{fmt(r.reference)}得满分，"
    if r.pass_mark is not None:
        text += f"完成率低于{fmt(r.pass_mark * 100)}%的不得分，其余"
    if r.reverse == "linear_to_double":
        text += "反向指标达到目标值2倍的不得分，"
    return text + "按完成比例计分，满分为止"


def _band_score(b: Any) -> str:
    lo, hi = b.score
    if lo == hi:
        if lo.value == 0:
            return "得0分"
        return f"得{_amount(lo)}"
    if lo.share:
        return f"为{fmt(lo.value)}%-{fmt(hi.value)}%"
    return f"得{fmt(lo.value)}~{fmt(hi.value)}分"


def _band(b: Any, relative: bool = False) -> str:
    def bound(v: Any) -> str:
        return f"目标值的{fmt(v)}%" if relative else fmt(v)  # 目标值的90%: a share of the target

    if b.min is not None and b.max is not None:
        lo = bound(b.min) + ("(不含)" if b.min_inclusive is False else "")
        hi = bound(b.max) + {True: "(含)", False: "(不含)", None: ""}[b.max_inclusive]
        where = f"{lo}-{hi}之间"
    elif b.min is not None:
        where = f"高于{bound(b.min)}" if b.min_inclusive is False else f"{bound(b.min)}以上"
    elif b.max is not None:
        where = bound(b.max) + {True: "(含)", False: "(不含)", None: ""}[b.max_inclusive] + "以下"
    else:
        where = "其他情况"
    if b.requires:
        where += f"且{b.requires}"
    if b.also_when:
        where += f"，或{b.also_when}"
    return f"{where}的，{_band_score(b)}"


def _bands(r: Any) -> str:
    return "；".join(_band(b, r.relative) for b in r.bands)


def _names(names: list[str]) -> list[str]:
    """Items as the parser lists them: ①… as written, other names quoted after 要点."""
    if all(n and n[0] in CIRCLED for n in names):
        return names
    return [f"要点“{n}”" for n in names]


def _checklist(r: Any) -> str:
    if isinstance(r.items, int):
        if r.mode == "veto":
            raise ValueError("按数目给出的否决型要点没有标准写法")
        return f"共{r.items}项要点，全部符合得满分，每缺一项扣{_amount(r.deduct)}，扣完为止"
    names = _names(r.item_names())
    if r.mode == "deduct":
        return "；".join(names) + f"，每缺一项扣{_amount(r.deduct)}，扣完为止"
    if r.mode == "veto":
        return "；".join(names) + "，每出现一项不符，扣全部权重分"
    if r.mode == "share" and not any(i.share is not None for i in r.items):
        return "；".join(names) + f"，各占{share_text(r.shares()[0])}权重分"
    parts: list[str] = []
    run: list[str] = []
    for name, item in zip(names, r.items):
        if item.share is None:
            run.append(name)
            continue
        if run:
            parts.append("；".join(run) + "，平分其余权重分")
            run = []
        parts.append(f"{name}，占{share_text(item.share)}权重分")
    if run:
        parts.append("；".join(run) + "，平分其余权重分")
    if r.mode == "gate":
        parts.append(f"如不具备{_names([r.gate])[0] if r.gate[0] not in CIRCLED else '要点' + r.gate}，该指标分值为0")
    return "；".join(parts)


def _boolean(r: Any) -> str:
    no = "不得分" if r.deduct is None else f"扣{_amount(r.deduct)}"
    return f"符合要求的得满分，不符合要求的{no}"


def _level_outcome(lv: Any) -> str:
    if lv.points is not None:
        return f"得{fmt(lv.points)}分"
    if lv.min == lv.max == 1:
        return "得满分"
    if lv.max == 0:
        return "不得分"
    return f"得{share_text(lv.min)}-{share_text(lv.max)}"


def _qualitative(r: Any) -> str:
    if any(lv.points is not None for lv in r.levels):  # 明确,得满分;基本明确,得1分;不明确,不得分
        text = "；".join(f"{lv.name}，{_level_outcome(lv)}" for lv in r.levels)
    else:
        names = "、".join(lv.name for lv in r.levels)
        ranges = "、".join(f"{share_text(lv.max)}-{share_text(lv.min)}" for lv in r.levels)
        text = f"分为{names}{len(r.levels)}档，分别按照该指标对应分值区间{ranges}合理确定分值"
    return text + (f"；{r.discretion}的，酌情扣分" if r.discretion else "")


def _manual(r: Any) -> str:
    if r.deduct_min is not None and r.deduct_max is not None:
        return f"酌情扣{fmt(r.deduct_min)}-{fmt(r.deduct_max)}分"
    if r.deduct_min is not None:
        return f"酌情扣分，至少扣{fmt(r.deduct_min)}分"
    if r.deduct_max is not None:
        return f"酌情扣分，最多扣{fmt(r.deduct_max)}分"
    return "酌情扣分"


def _formula(r: Any) -> str:
    facts = f"（事实：{'、'.join(r.facts)}）" if r.facts else ""
    return f"按公式计分：{r.expr}{facts}"


def _rank(r: Any) -> str:
    lead = "倒数" if r.from_bottom else ""
    onward = "以上" if r.from_bottom else "以后"
    parts = []
    for run in r.places:
        if run.last is None:
            where = f"{lead}第{run.first}名及{onward}"
        elif run.last == run.first:
            where = f"{lead}第{run.first}名"
        else:
            where = f"{lead}第{run.first}-{run.last}名"
        what = f"扣{_amount(run.deduct)}" if run.deduct is not None else (
            "得0分" if run.score.value == 0 else f"得{_amount(run.score)}")
        parts.append(f"{where}的，{what}")
    if r.per_place is not None:
        after = (r.places[-1].last or r.places[-1].first) + 1 if r.places else 2
        parts.append(f"{lead}第{after}名及{onward}的，每{'进' if r.from_bottom else '退'}1名扣{_amount(r.per_place)}")
    if r.zero_if is not None:
        parts.append(f"{r.zero_if}的，不得分")
    return "按名次计分：" + "；".join(parts)


def _sum(r: Any) -> str:
    return "；此外，".join(render_rule(p) for p in r.parts) + "；各项扣分累计计算"


_BODY = {"step": _step, "ratio": _ratio, "bands": _bands, "checklist": _checklist, "boolean": _boolean,
         "qualitative": _qualitative, "manual": _manual, "formula": _formula, "rank": _rank,
         "sum": _sum}
