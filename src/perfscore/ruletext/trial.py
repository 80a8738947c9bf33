"""``perfscore rule try``: score one indicator with one sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..errors import PerfscoreError, RuleInputError
from ..numbers import fmt, parse_decimal, round_half_up
from .actual import all_met, as_written, completion, unmet_of_count

if TYPE_CHECKING:
    from ..rules.base import Scored


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
    if model.full is not None and model.full != w:  # in an indicator set this is PS103
        raise PerfscoreError(f"有歧义：评分标准写明满分{fmt(model.full)}分，分值（--weight）却是{fmt(w)}分，"
                             "说不清满分是哪个：请改正其中一个")
    notes = []
    reference = rule.get("reference")
    if reference is not None and t is not None and t.value is not None and Decimal(reference) != t.value:
        notes.append(f"评分标准写明标准{fmt(Decimal(reference))}，与 --target {target} 不一致：按评分标准计")
    done = completion(actual, rated=re.search(r"完成率|执行率|到位率|完成程度", text) is not None) \
        if actual and rule.get("kind") == "ratio" and t is None and "reference" not in rule else None
    if done is not None:  # 按完成比例得分, 实际“完成80%”: the cell states the completion degree itself
        notes.append(f"实际完成值“{actual}”写的是完成程度，按目标100%计")
        actual, t = done, parse_target("100%")
    if unmet is None and actual is not None:
        unmet = unmet_of_count(rule, actual)  # 覆盖10个乡镇 of 全部12个: 2 not met
        actual = None if unmet is not None else actual
    named = _facts(facts)
    actual, named, level = as_written(rule, actual, named, unmet, level, t)
    if rule.get("kind") == "manual" and score is None and all_met(actual, unmet):
        score = str(model.full if model.full is not None else w)  # 达到要求的得满分; 否则酌情扣分
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
