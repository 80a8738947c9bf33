"""Property: for random structured rules of each kind, parse(render(r)) scores the same as r."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter

from perfscore.errors import RuleInputError
from perfscore.rules import AnyRule, Inputs
from perfscore.ruletext import parse, render, same
from perfscore.targets import parse_target

RULE = TypeAdapter(AnyRule)
NAME_CHARS = "资金管理制度案卷监控审批验收合同招标台账公开"
FACTS = ["未审核期数", "覆盖行政区数", "缺项数", "乙数"]
EXEMPT = ["占比高于平均", "经批准调整"]

dec = st.integers(1, 500).map(lambda n: Decimal(n) / 10)
points = st.integers(1, 40).map(lambda n: str(Decimal(n) / 4))
percent = st.integers(1, 50).map(lambda n: f"{n}%")
amount = st.one_of(points, percent)
name = st.text(NAME_CHARS, min_size=2, max_size=5)
maybe_full = st.one_of(st.none(), st.integers(1, 20))


@st.composite
def steps(draw: Any, input_: bool | None = None) -> dict[str, Any]:
    r: dict[str, Any] = {"kind": "step", "per": str(draw(dec)), "deduct": draw(amount)}
    if draw(st.booleans()) or input_:
        r["reference"] = str(draw(dec))
    d = draw(st.sampled_from([None, "below", "above", "both"]))
    if d:
        r["direction"] = d
    r["partial"] = draw(st.sampled_from(["floor", "ceil", "exact"]))
    if "reference" in r and draw(st.booleans()):
        r["relative"] = True
    if draw(st.booleans()):
        r["zero_at"] = str(draw(dec))
    if input_ or (input_ is None and draw(st.booleans())):
        r["input"] = draw(st.sampled_from(FACTS))
    if draw(st.booleans()):
        r["exempt"] = draw(st.sampled_from(EXEMPT))  # 但占比高于平均的，可不扣分
    return r


@st.composite
def ratios(draw: Any) -> dict[str, Any]:
    r: dict[str, Any] = {"kind": "ratio"}
    if draw(st.booleans()):
        r["reference"] = str(draw(dec))
    if draw(st.booleans()):
        r["pass_mark"] = f"{draw(st.integers(10, 90))}%"
    r["reverse"] = draw(st.sampled_from(["inverse", "linear_to_double"]))
    return r


@st.composite
def bands(draw: Any) -> dict[str, Any]:
    cuts = sorted(draw(st.sets(st.integers(1, 99), min_size=1, max_size=4)))
    score = st.one_of(st.integers(0, 10), percent, st.just("1~4"))
    out = [{"max": cuts[0], "score": draw(score)}]
    for a, b in zip(cuts, cuts[1:]):
        out.append({"min": a, "max": b, "score": draw(score)})
    out.append({"min": cuts[-1], "score": draw(score)})
    if draw(st.booleans()):
        out[1]["max_inclusive" if "max" in out[1] else "min_inclusive"] = draw(st.booleans())
    if draw(st.booleans()):
        out[0]["also_when"] = draw(st.sampled_from(FACTS))  # 80以下，或缺项数的，得0分
    r: dict[str, Any] = {"kind": "bands", "bands": out[::-1]}
    if draw(st.booleans()):
        r["relative"] = True                                 # 目标值的90%以上
    return r


@st.composite
def checklists(draw: Any) -> dict[str, Any]:
    n = draw(st.integers(2, 5))
    circled = draw(st.booleans())
    names = [f"{'①②③④⑤'[i]}{draw(name)}" for i in range(n)] if circled else \
        draw(st.lists(name, min_size=n, max_size=n, unique=True))
    mode = draw(st.sampled_from(["share", "deduct", "veto", "gate", "count"]))
    if mode == "count":
        return {"kind": "checklist", "mode": "deduct", "items": n, "deduct": draw(amount)}
    if mode == "deduct":
        return {"kind": "checklist", "mode": "deduct", "items": names, "deduct": draw(amount)}
    if mode == "veto":
        return {"kind": "checklist", "mode": "veto", "items": names}
    items: list[Any] = list(names)
    if draw(st.booleans()):
        items[0] = {"name": names[0], "share": f"{draw(st.integers(10, 60))}%"}
    r: dict[str, Any] = {"kind": "checklist", "mode": mode, "items": items}
    if mode == "gate":
        r["gate"] = draw(st.sampled_from(names))
    return r


@st.composite
def booleans(draw: Any) -> dict[str, Any]:
    r: dict[str, Any] = {"kind": "boolean"}
    if draw(st.booleans()):
        r["deduct"] = draw(amount)
    if draw(st.booleans()):
        r["input"] = draw(st.sampled_from(FACTS))
    return r


@st.composite
def qualitatives(draw: Any) -> dict[str, Any]:
    cuts = sorted(draw(st.sets(st.integers(1, 99), min_size=1, max_size=3)))
    edges = [100, *cuts[::-1], 0]
    names = draw(st.lists(name, min_size=len(edges) - 1, max_size=len(edges) - 1, unique=True))
    r: dict[str, Any] = {"kind": "qualitative", "levels": [{"name": nm, "min": f"{lo}%", "max": f"{hi}%"}
                                                           for nm, hi, lo in zip(names, edges, edges[1:])]}
    if draw(st.booleans()):
        r["discretion"] = draw(st.sampled_from(["存在违规支出", "资料不全"]))  # 存在违规支出的，酌情扣分
    return r


@st.composite
def manuals(draw: Any) -> dict[str, Any]:
    r: dict[str, Any] = {"kind": "manual"}
    lo, hi = sorted(draw(st.lists(st.integers(0, 8).map(lambda n: str(Decimal(n) / 2)), min_size=2, max_size=2)))
    which = draw(st.sampled_from(["none", "both", "min", "max"]))
    if which in ("both", "min"):
        r["deduct_min"] = lo
    if which in ("both", "max"):
        r["deduct_max"] = hi
    return r


@st.composite
def ranks(draw: Any) -> dict[str, Any]:
    cuts = sorted(draw(st.sets(st.integers(1, 30), min_size=1, max_size=4)))
    outcome = st.one_of(st.integers(0, 10).map(lambda n: {"score": n}), percent.map(lambda p: {"score": p}),
                        amount.map(lambda a: {"deduct": a}))
    places = []
    first = 1
    for cut in cuts:
        places.append({"first": first, "last": cut, **draw(outcome)})
        first = cut + 1
    r: dict[str, Any] = {"kind": "rank", "places": places}
    if draw(st.booleans()):
        r["from_bottom"] = True
    if draw(st.booleans()):
        r["per_place"] = draw(amount)
    elif draw(st.booleans()):
        places.append({"first": first, **draw(outcome)})
    if draw(st.booleans()):
        r["zero_if"] = "项目完成"
    return r


formulas = st.sampled_from([
    {"kind": "formula", "facts": ["乙数"], "expr": "full * 乙数 / 100"},
    {"kind": "formula", "facts": ["乙数"], "expr": "full if 乙数 > 0 else (7 if 乙数 == 0 else full - floor(-乙数 / 5) * full * 0.1)"},
    {"kind": "formula", "expr": "min(actual / 10, full)"},
])


@st.composite
def sums(draw: Any) -> dict[str, Any]:
    part = st.one_of(steps(input_=True), booleans().map(lambda b: {**b, "input": "覆盖行政区数"}), formulas)
    return {"kind": "sum", "parts": draw(st.lists(part, min_size=2, max_size=3))}


def with_full(rule_st: Any) -> Any:
    return st.tuples(rule_st, maybe_full).map(lambda t: {**t[0], **({"full": t[1]} if t[1] else {})})


ANY = st.one_of(with_full(steps()), with_full(ratios()), with_full(bands()), with_full(checklists()),
                with_full(booleans()), with_full(qualitatives()), with_full(manuals()), with_full(ranks()), formulas,
                sums())


def outcome(rule: Any, inp: Inputs) -> str:
    try:
        return str(rule.score(inp).score.normalize())
    except RuleInputError as exc:
        return f"无效：{exc}"


@st.composite
def inputs(draw: Any, rule: Any) -> Inputs:
    number = st.integers(-20, 2000).map(lambda n: str(Decimal(n) / 10))
    target = draw(st.one_of(st.none(), st.builds(lambda op, v: f"{op}{v}", st.sampled_from(["≥", "≤", "="]),
                                                  st.integers(1, 200))))
    names = rule.item_names() if hasattr(rule, "item_names") else []
    unmet: Any = draw(st.one_of(st.integers(0, rule.count()), st.lists(st.sampled_from(names), unique=True).map(tuple))
                      if names else st.integers(0, rule.count())) if rule.kind == "checklist" else None
    level = draw(st.sampled_from([lv.name for lv in rule.levels])) if rule.kind == "qualitative" else None
    chosen = draw(st.one_of(st.none(), st.integers(0, 40).map(lambda n: Decimal(n) / 2)))
    facts = {f: draw(st.one_of(number, st.sampled_from(["是", "否"]))) for f in FACTS}
    facts["项目完成"] = draw(st.sampled_from(["是", "否"]))
    for case in EXEMPT:
        if draw(st.booleans()):
            facts[case] = draw(st.sampled_from(["是", "否"]))
    actual = draw(st.one_of(number, st.sampled_from(["是", "否"])))
    return Inputs(weight=Decimal(draw(st.integers(1, 20))), target=parse_target(target) if target else None,
                  actual=actual, level=level, chosen=chosen, unmet=unmet, facts=facts)


@given(data=st.data(), raw=ANY)
def test_parse_of_render_scores_the_same(data: Any, raw: dict[str, Any]) -> None:
    rule = RULE.validate_python(raw)
    back = RULE.validate_python(parse(render(rule)))
    assert same(rule, back), render(rule)
    for _ in range(3):
        inp = data.draw(inputs(rule))
        assert outcome(back, inp) == outcome(rule, inp), render(rule)
