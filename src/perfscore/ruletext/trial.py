"""``perfscore rule try``: score one indicator with one sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable

from ..errors import PerfscoreError, RuleInputError
from ..numbers import fmt, parse_decimal, round_half_up
from .actual import COUNT, FLAG, NUMBER, RISK, named_level, read, single

if TYPE_CHECKING:
    from ..rules.base import Scored
    from ..targets import Target


@dataclass(frozen=True)
class Trial:
    """One sentence scored: the rule read, its score (unrounded), explanation and notes."""

    rule: dict[str, Any]
    scored: Scored
    notes: tuple[str, ...]

    @property
    def score(self) -> Decimal:
        return round_half_up(self.scored.score)


def score_sentence(text: str, weight: str, target: str | None = None, actual: str | None = None,
                   unmet: str | None = None, level: str | None = None, score: str | None = None,
                   facts: list[str] | tuple[str, ...] = ()) -> Trial:
    """Read a 评分标准 sentence and score one indicator with it; PerfscoreError when it cannot."""
    from pydantic import TypeAdapter

    from ..rules import AnyRule, Inputs
    from ..targets import parse_target
    from . import parse

    w = _decimal(weight, "--weight")
    try:
        t = parse_target(target) if target is not None else None
    except ValueError as exc:
        raise PerfscoreError(f"--target：{exc}") from None
    rule = parse(text, target=t)
    model = TypeAdapter(AnyRule).validate_python(rule)
    notes = []
    if model.full is not None and model.full != w:
        notes.append(f"评分标准写明满分{fmt(model.full)}分，与 --weight {fmt(w)} 不一致：按评分标准的{fmt(model.full)}分计")
    reference = rule.get("reference")
    if reference is not None and t is not None and t.value is not None and Decimal(reference) != t.value:
        notes.append(f"评分标准写明标准{fmt(Decimal(reference))}，与 --target {target} 不一致：按评分标准计")
    named = _facts(facts)
    kinds = {n: k for n, k in fact_kinds(rule).items() if n not in named}
    itself = reads_actual(rule)
    if actual is not None and rule.get("kind") == "boolean" and t is not None and t.value is not None:
        actual = _met(t, actual)  # 达不到要求不给分: the target says what 要求 is
    if actual is not None and kinds and not itself:
        named.update(read(actual, kinds, _alike(rule)))  # the facts the cell speaks of: 迟报2天, 少A1条,少B2条
    elif actual is None and unmet is not None and unmet.strip().isdigit() and list(kinds.values()) == [COUNT]:
        named[next(iter(kinds))] = unmet.strip()  # 每缺一项: the count of 要点 not met
    elif actual is None and unmet is not None and unmet.strip().isdigit() and kinds and _alike_flags(rule, kinds):
        n = int(unmet.strip())  # 未建立机制的扣2分,未落实举措的扣2分: any n of them, the same score
        if n > len(kinds):
            raise PerfscoreError(f"--unmet {n}：评分标准只有{len(kinds)}条")
        named.update({f: ("否" if k < n else "是") for k, f in enumerate(kinds)})
    elif level is not None and kinds and rule.get("kind") != "qualitative":
        named.update(named_level(level, kinds))
    if actual is not None and itself:
        actual = single(actual, flag=rule.get("kind") == "boolean")
    if rule.get("kind") == "manual" and score is None and _all_met(actual, unmet):
        score = str(model.full if model.full is not None else w)  # 达到要求的得满分; 否则酌情扣分
    if level is not None and rule.get("kind") == "qualitative":
        level = _level_named(rule, level)
    missing = sorted(model.names() - set(named))
    if missing:
        raise PerfscoreError(f"这句评分标准要用到事实“{'”“'.join(missing)}”，请用 --fact 名称=值 给出")
    inp = Inputs(weight=w, target=t, actual=actual, level=level, chosen=_decimal(score, "--score") if score else None,
                 unmet=_item_names(model, _unmet(unmet)), facts=named)
    try:
        scored = model.score(inp)
    except RuleInputError as exc:
        raise PerfscoreError(f"无法计分：{exc}") from None
    return Trial(rule, scored, tuple(notes))


def fact_kinds(rule: dict[str, Any]) -> dict[str, str]:
    """The facts a rule reads and what kind of value each is (see :mod:`.actual`)."""
    kind = rule.get("kind")
    out: dict[str, str] = {}
    if rule.get("input"):
        counted = kind == "step" and rule.get("reference") == 0 and rule.get("direction") == "above"
        out[rule["input"]] = FLAG if kind == "boolean" else COUNT if counted else NUMBER
    for part in rule.get("parts", ()):
        out.update(fact_kinds(part))
    for band in rule.get("bands", ()):
        if band.get("requires"):
            out[band["requires"]] = FLAG
    for item in rule.get("items", ()) if isinstance(rule.get("items"), list) else ():
        if isinstance(item, dict) and item.get("rule"):
            out.update(fact_kinds(item["rule"]))
    expr = rule.get("expr", "")
    for fact in rule.get("facts", ()):
        name = re.escape(fact)
        if re.search(rf"\b0 if (?:[^:]*? and )?{name}(?! *[<>=!])", expr):
            out[fact] = RISK
        elif re.search(rf"(?:if|and|or|not) {name}(?! *[<>=!])", expr):
            out[fact] = FLAG
        else:
            out[fact] = NUMBER
    return out


def _level_named(rule: dict[str, Any], level: str) -> str:
    """The level the evaluator wrote, or the one level whose name ends with it (执行好 for 制度完善,执行好)."""
    from .text import normalise

    names = [lv["name"] for lv in rule.get("levels", ())]
    said = normalise(level).text
    if level in names or said in names:
        return level if level in names else said
    ends = [n for n in names if n.endswith(said)]
    return ends[0] if len(ends) == 1 else level


def _met(target: Target, actual: str) -> str:
    """是 when a numeric actual meets the target (≥, >, ≤, <, =), else 否; other text as it is."""
    from ..targets import parse_value

    n, v = parse_value(actual).number, target.value
    if n is None or v is None:
        return actual
    op = target.op or ("≤" if target.reverse else "≥")
    met = {"≥": n >= v, ">": n > v, "≤": n <= v, "<": n < v, "=": n == v}.get(op, n >= v)
    return "是" if met else "否"


def _all_met(actual: str | None, unmet: str | None) -> bool:
    from ..targets import parse_value

    return (actual is not None and parse_value(actual).flag is True) or (unmet is not None and unmet.strip() == "0")


def _alike_flags(rule: dict[str, Any], kinds: dict[str, str]) -> bool:
    """Whether the rule is yes/no deductions of one amount (so which n are unmet does not matter)."""
    parts = rule.get("parts", [rule])
    return (all(k == FLAG for k in kinds.values()) and all(p.get("kind") == "boolean" for p in parts)
            and len({str(p.get("deduct")) for p in parts}) == 1)


def _alike(rule: dict[str, Any]) -> Callable[[str, str], bool]:
    """Whether two counted facts of a sum deduct the same per step (so a number may be either's)."""
    steps = {p["input"]: (p.get("per"), str(p.get("deduct")), p.get("deduct_max"), p.get("full"))
             for p in rule.get("parts", ()) if p.get("kind") == "step" and p.get("input")}
    return lambda a, b: a in steps and steps.get(a) == steps.get(b)


def reads_actual(rule: dict[str, Any]) -> bool:
    """Whether the rule reads the actual itself (not only named facts, 要点 or a level)."""
    kind = rule.get("kind")
    if kind == "sum":
        return any(reads_actual(p) for p in rule["parts"])
    if kind == "formula":
        return re.search(r"\bactual\b", rule.get("expr", "")) is not None
    return kind in ("step", "ratio", "bands", "boolean") and not rule.get("input")


def trial(text: str, weight: str, target: str | None = None, actual: str | None = None, unmet: str | None = None,
          level: str | None = None, score: str | None = None, facts: list[str] | tuple[str, ...] = (),
          as_json: bool = False) -> str:
    """``perfscore rule try``'s output: the rule read and the score, as text or JSON."""
    from .output import to_json, to_yaml

    done = score_sentence(text, weight, target, actual, unmet, level, score, facts)
    rule, value = done.rule, done.score
    if as_json:
        out: dict[str, Any] = {"kind": rule["kind"], "rule": rule, "score": value,
                               "explanation": done.scored.explanation}
        if done.notes:
            out["notes"] = list(done.notes)
        return to_json(out)
    lines = ["理解为：", to_yaml(rule).rstrip("\n").replace("\n", "\n  ").join(["  ", ""]),
             f"得分：{fmt(value)}", f"说明：{done.scored.explanation}"]
    lines += [f"注意：{n}" for n in done.notes]
    return "\n".join(lines) + "\n"


def _decimal(text: str, option: str) -> Decimal:
    try:
        return parse_decimal(text.strip().removesuffix("分"))
    except ValueError:
        raise PerfscoreError(f"{option} 应为数字，实为“{text}”") from None


def _unmet(text: str | None) -> tuple[str, ...] | int | None:
    if text is None:
        return None
    s = text.strip()
    if s.isascii() and s.isdigit():  # ② is a digit to str.isdigit
        return int(s)
    return tuple(x for x in s.replace("，", ",").replace("、", ",").split(",") if x)


def _item_names(model: Any, unmet: tuple[str, ...] | int | None) -> tuple[str, ...] | int | None:
    """--unmet ② names the item “②执行有效” by its numeral."""
    names = model.item_names() if hasattr(model, "item_names") else []
    if not isinstance(unmet, tuple) or not names:
        return unmet
    return tuple(n if n in names else next((m for m in names if m.startswith(n)), n) for n in unmet)


def _facts(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise PerfscoreError(f"--fact 应写成 名称=值，实为“{pair}”")
        k, v = pair.split("=", 1)
        out[k.strip()] = v.strip()
    return out
