"""formula — one expression over ``actual``, ``target``, ``weight``, ``full`` and declared facts.

Parsed and whitelisted once at load: numbers, names, + − × ÷, comparisons, and/or/not,
``a if c else b``, and the functions ``min max abs floor ceil``. No attributes,
subscripts, powers, strings or assignment; at most 500 characters. Evaluated by
simpleeval in Decimal (numeric literals are read from their text, never as floats).

Example: ``expr: "weight * min(actual / target, 1)"``, weight 10, target 80, actual 60 → 7.5.
Facts used by the expression are listed in ``facts: [覆盖行政区数]``.
"""
from __future__ import annotations

import ast
import math
from decimal import Decimal
from typing import Any, Literal

from pydantic import PrivateAttr, model_validator

from ..errors import RuleInputError, did_you_mean
from ..numbers import ZERO, fmt
from .base import Inputs, Rule, Scored

MAX_LENGTH = 500
BASE_NAMES = ("actual", "target", "weight", "full")
FUNCTIONS = {
    "min": min,
    "max": max,
    "abs": abs,
    "floor": lambda x: Decimal(math.floor(x)),
    "ceil": lambda x: Decimal(math.ceil(x)),
}
_ALLOWED = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Compare, ast.BoolOp, ast.IfExp, ast.Call,
            ast.Name, ast.Constant, ast.Load, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv,
            ast.Mod, ast.USub, ast.UAdd, ast.Not, ast.And, ast.Or, ast.Eq, ast.NotEq, ast.Lt,
            ast.LtE, ast.Gt, ast.GtE)
_FORBIDDEN_WORDS = {
    ast.Attribute: "不允许访问属性（.）",
    ast.Subscript: "不允许下标（[]）",
    ast.Pow: "不允许乘方（**）",
    ast.Lambda: "不允许 lambda",
    ast.NamedExpr: "不允许赋值",
}


def compile_expression(expr: str, names: set[str]) -> ast.Expression:
    """Parse and whitelist; ValueError '第N列：…' naming the first offending construct."""
    if len(expr) > MAX_LENGTH:
        raise ValueError(f"公式过长（{len(expr)}字符，上限{MAX_LENGTH}）")
    try:
        tree = ast.parse(expr.strip(), mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"公式第{exc.offset or 1}列语法错误（只允许单个表达式，不允许赋值）") from None
    for node in ast.walk(tree):
        col = getattr(node, "col_offset", 0) + 1
        for bad, why in _FORBIDDEN_WORDS.items():
            if isinstance(node, bad):
                raise ValueError(f"公式第{col}列：{why}")
        if not isinstance(node, _ALLOWED):
            raise ValueError(f"公式第{col}列：不允许的写法“{type(node).__name__}”")
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise ValueError(f"公式第{col}列：只允许数字常量")
            segment = ast.get_source_segment(expr.strip(), node)
            node.value = Decimal(segment or str(node.value))
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords:
                fname = node.func.id if isinstance(node.func, ast.Name) else "?"
                raise ValueError(f"公式第{col}列：不允许调用“{fname}”，只能用 min max abs floor ceil")
        if isinstance(node, ast.Name) and node.id not in names and node.id not in FUNCTIONS:
            raise ValueError(f"公式第{col}列：未知名称“{node.id}”{did_you_mean(node.id, names)}")
    return tree


class FormulaRule(Rule):
    kind: Literal["formula"] = "formula"
    expr: str
    facts: tuple[str, ...] = ()
    title = "公式计分"
    _tree: Any = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _parse(self) -> "FormulaRule":
        self._tree = compile_expression(self.expr, set(BASE_NAMES) | set(self.facts))
        return self

    def score(self, inp: Inputs) -> Scored:
        from simpleeval import SimpleEval

        full = self.max_points(inp.weight)
        env: dict[str, Any] = {"weight": inp.weight, "full": full}
        env["target"] = inp.target.value if inp.target is not None and inp.target.value is not None else None
        env["actual"] = inp.value().number if inp.actual is not None else None
        for name in self.facts:
            env[name] = inp.number(name)
        used = {n.id for n in ast.walk(self._tree) if isinstance(n, ast.Name) and n.id not in FUNCTIONS}
        for name in used:
            if env.get(name) is None:
                raise RuleInputError(f"公式用到的“{name}”没有数值")
        evaluator = SimpleEval(functions=FUNCTIONS, names=env)
        try:
            result = evaluator.eval(self.expr, previously_parsed=self._tree.body)
        except ZeroDivisionError:
            raise RuleInputError("公式计算中出现除以0") from None
        except ArithmeticError as exc:
            raise RuleInputError(f"公式计算出错：{type(exc).__name__}") from None
        if isinstance(result, bool) or not isinstance(result, (Decimal, int)):
            raise RuleInputError("公式结果不是数值")
        value = Decimal(result)
        shown = "，".join(f"{n}={fmt(env[n])}" for n in sorted(used))
        capped = max(ZERO, min(value, full))
        note = "" if capped == value else f"，限定在0~{fmt(full)}分"
        return Scored(capped, f"{self.expr}（{shown}）={fmt(value)}{note}")

    def names(self) -> set[str]:
        return super().names() | set(self.facts)
