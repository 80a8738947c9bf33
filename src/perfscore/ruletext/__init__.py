"""Chinese scoring-rule text (评分标准) ⇄ structured rules.

- :func:`parse` reads a sentence such as ``公报发行共计服务1912个及以上得满分，每少10个扣0.1分，扣完为止``
  into the rule dict of its kind (``{"kind": "step", "per": 10, "deduct": Decimal("0.1")}``).
- :func:`render` writes the canonical sentence of a rule; ``parse(render(r))`` gives ``r`` back.
- :func:`same` compares two rules after normalising what may be written or left out.

The grammar is documented in :mod:`perfscore.ruletext.grammar` (sentences, provisions,
outcomes) and :mod:`perfscore.ruletext.conditions` (thresholds, intervals, steps), and
in docs/rule-text.md.
"""
from __future__ import annotations

from typing import Any, Mapping

from ..errors import PerfscoreError

__all__ = ["RuleTextError", "parse", "render", "same"]


class RuleTextError(PerfscoreError, ValueError):
    """A sentence that could not be understood.

    ``position``: 0-based offset in the text as given where reading stopped;
    ``recognised``: what was read before it, one short Chinese phrase per provision."""

    def __init__(self, text: str, position: int, recognised: list[str], why: str) -> None:
        self.text = text
        self.position = position
        self.recognised = recognised
        self.why = why
        snippet = text[position:position + 12]
        more = "…" if len(text) > position + 12 else ""
        done = "；".join(recognised) if recognised else "无"
        super().__init__(f"无法理解：已识别“{done}”，在第{position + 1}个字“{snippet}{more}”处停止：{why}")


def parse(text: str, target: Any = None, names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The rule a 评分标准 sentence states, as a plain dict in the YAML spelling.

    ``target`` (the indicator's 年度指标值, text or parsed) lets the rule read the threshold
    from the target instead of repeating it: ``1912个及以上得满分`` under the target
    ``≥1912个`` gives no ``reference``. ``names`` renames derived fact names
    (``{"未审核项数": "未审核期数"}``). Raises :class:`RuleTextError`."""
    from .build import Builder
    from .recognise.base import NotUnderstood
    from .grammar import scan
    from .names import rename
    from .text import distribute, normalise

    if not isinstance(text, str) or not text.strip():
        raise RuleTextError(str(text or ""), 0, [], "评分标准为空")
    from ..limits import MAX_RULE_TEXT

    if len(text) > MAX_RULE_TEXT:  # the reader's work grows faster than the text: bounded before it starts
        raise RuleTextError(text, MAX_RULE_TEXT, [], f"评分标准过长（{len(text)}个字符，上限{MAX_RULE_TEXT}；"
                                                     "真实的评分标准不过几百字）")
    source = distribute(normalise(_unwrap(text)))
    offset = text.find(_unwrap(text)) if _unwrap(text) != text else 0
    parsed_target = _target(target)
    try:
        rule = Builder(scan(source), parsed_target).rule()
    except NotUnderstood as exc:
        raise RuleTextError(text, offset + source.where(exc.at), exc.recognised, exc.why) from None
    if names:
        rule = rename(rule, names)
    _validate(text, rule)
    return rule


def _unwrap(text: str) -> str:
    """A sentence wholly in parentheses, as an annotation: （注：若…，得8分；…）."""
    s = text.strip()
    for open_, close in (("（", "）"), ("(", ")")):
        if s.startswith(open_) and s.endswith(close):
            inner = s[1:-1].strip()
            for lead in ("注：", "注:"):
                inner = inner.removeprefix(lead)
            return inner
    return text


def _target(target: Any) -> Any:
    if target is None:
        return None
    from ..targets import Target, parse_target

    return target if isinstance(target, Target) else parse_target(target)


def _validate(text: str, rule: dict[str, Any]) -> None:
    from pydantic import TypeAdapter, ValidationError

    from ..rules import AnyRule

    try:
        TypeAdapter(AnyRule).validate_python(rule)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise RuleTextError(text, 0, [f"{rule.get('kind')}规则"], f"读出的规则不成立：{first['msg']}") from None


def render(rule: Any) -> str:
    """The canonical Chinese sentence of a rule (a model or a dict)."""
    from .rendering import render_rule

    return render_rule(rule)


def same(a: Any, b: Any, target: Any = None) -> bool:
    """Whether two rules (dicts or models) mean the same after normalising defaults."""
    from .compare import canonical

    return canonical(a, _target(target)) == canonical(b, _target(target))
