"""formula — one expression over ``actual``, ``target``, ``weight``, ``full`` and declared facts.

Parsed and whitelisted once at load: numbers, names, ``+ - * /``, comparisons, and/or/not,
``a if c else b``, and the functions ``min max abs floor ceil``. No attributes,
subscripts, powers, integer division, remainders, strings or assignment; at most 500
characters. The checked tree is compiled once to Python code and evaluated in Decimal
(numeric literals are read from their text, never as floats, so ``0.1 + 0.2`` is exactly
0.3). The result is kept within [0, 满分].
Facts used by the expression are listed in ``facts: [覆盖行政区数]``; a yes/no fact reads as
true/false (``weight if 项目完成 else 0``).

Examples (options，分值，目标，实际 → 得分):

- {expr: weight * min(actual / target, 1)}，分值10，目标80，实际60 → 7.5
- {expr: 0.1 + 0.2}，分值10 → 0.3
- {expr: full if 变化率 > 0 else (7 if 变化率 == 0 else 5), facts: [变化率]}，分值10，事实{变化率: 0} → 7
- {expr: floor(actual / 10)}，分值10，实际57 → 5
- {expr: weight - actual}，分值10，实际12 → 0
- {expr: weight * actual / target}，分值10，目标0，实际5 → 无效：公式计算中出现除以0
"""
from __future__ import annotations

import ast
import copy
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, DivisionUndefined, InvalidOperation, localcontext
from functools import cached_property, lru_cache
from types import CodeType
from typing import Any, Callable, Literal

from pydantic import field_validator, model_validator

from ..errors import RuleInputError, did_you_mean
from ..limits import (MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH, MAX_INTEGER_DIGITS, MAX_MAGNITUDE, number_problem,
                      number_text_problem)
from ..numbers import CONTEXT, ZERO, fmt, round_half_up
from .base import Example, Inputs, Rule, Scored

MAX_LENGTH = MAX_FORMULA_LENGTH
_SMALLEST = Decimal(1).scaleb(-CONTEXT.prec)
BASE_NAMES = ("actual", "target", "weight", "full")
FUNCTIONS: dict[str, Callable[..., Any]] = {
    "min": min,
    "max": max,
    "abs": abs,
    # Decimal's own rounding, whatever the exponent: math.floor(1e999999999) would build an
    # integer of a billion digits
    "floor": lambda x: Decimal(x).to_integral_value(rounding=ROUND_FLOOR),
    "ceil": lambda x: Decimal(x).to_integral_value(rounding=ROUND_CEILING),
}
_ARITY = {"min": (2, 99), "max": (2, 99), "abs": (1, 1), "floor": (1, 1), "ceil": (1, 1)}
_ALLOWED: tuple[type[ast.AST], ...] = (
    ast.Expression, ast.BinOp, ast.UnaryOp, ast.Compare, ast.BoolOp, ast.IfExp, ast.Call, ast.Name, ast.Constant,
    ast.Load, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd, ast.Not, ast.And, ast.Or, ast.Eq, ast.NotEq,
    ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_FORBIDDEN: dict[type[ast.AST], str] = {
    ast.Attribute: "不允许访问属性（.）",
    ast.Subscript: "不允许下标（[]）",
    ast.Pow: "不允许乘方（**）",
    ast.FloorDiv: "不允许整除（//），请写 floor(a / b)",
    ast.Mod: "不允许取余（%）",
    ast.Lambda: "不允许 lambda",
    ast.NamedExpr: "不允许赋值",
}
_OPERATOR_TEXT: dict[type[ast.AST], str] = {ast.Pow: "**", ast.FloorDiv: "//", ast.Mod: "%"}


def _column(text: str, byte_offset: int) -> int:
    """1-based character column of an ast offset (ast counts UTF-8 bytes; names may be Chinese)."""
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore")) + 1


def _where(text: str, node: ast.AST, parent: ast.AST | None) -> int:
    """The column of a node; an operator has none of its own, so find its symbol after the left operand."""
    if isinstance(parent, ast.BinOp) and node is parent.op:
        start = _column(text, parent.left.end_col_offset or 0) - 1
        symbol = _OPERATOR_TEXT.get(type(node))
        at = text.find(symbol, start) if symbol else -1
        return at + 1 if at >= 0 else start + 1
    holder = node if hasattr(node, "col_offset") else parent
    return _column(text, getattr(holder, "col_offset", 0))


@lru_cache(maxsize=4096)
def _compiled(expr: str, names: frozenset[str]) -> ast.Expression:
    return compile_expression(expr, set(names))


def compile_expression(expr: str, names: set[str]) -> ast.Expression:
    """Parse and whitelist; ValueError '公式第N列：…' naming the first offending construct."""
    if len(expr) > MAX_LENGTH:
        raise ValueError(f"公式过长（{len(expr)}字符，上限{MAX_LENGTH}）")
    text = expr.strip()
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"公式第{exc.offset or 1}列语法错误（只允许单个表达式，不允许赋值）") from None
    except (RecursionError, MemoryError):
        raise ValueError(f"公式嵌套过深（上限{MAX_FORMULA_DEPTH}层）") from None
    _check_depth(text, tree)
    parents: dict[ast.AST, ast.AST] = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        col = _where(text, node, parents.get(node))
        for bad, why in _FORBIDDEN.items():
            if isinstance(node, bad):
                raise ValueError(f"公式第{col}列：{why}")
        if not isinstance(node, _ALLOWED):
            raise ValueError(f"公式第{col}列：不允许的写法“{type(node).__name__}”")
        if isinstance(node, ast.Constant):
            node.value = _literal(text, node, col)  # type: ignore[assignment]  # see _program
        if isinstance(node, ast.Call):
            _check_call(node, col)
        if isinstance(node, ast.Name) and node.id not in names and not _is_function(node, parents):
            raise ValueError(f"公式第{col}列：未知名称“{node.id}”{did_you_mean(node.id, sorted(names))}")
    return tree


def _check_depth(text: str, tree: ast.Expression) -> None:
    """Refuse nesting beyond MAX_FORMULA_DEPTH (``not not … 1``, ``- - … 1``): compiling and
    evaluating recurse once per level."""
    stack: list[tuple[ast.AST, int]] = [(tree.body, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_FORMULA_DEPTH:
            col = _column(text, getattr(node, 'col_offset', 0))
            raise ValueError(f"公式第{col}列：嵌套过深（上限{MAX_FORMULA_DEPTH}层）")
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


def _literal(text: str, node: ast.Constant, col: int) -> Decimal:
    if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
        raise ValueError(f"公式第{col}列：只允许数字常量")
    segment = ast.get_source_segment(text, node) or ""
    problem = number_text_problem(segment)
    if problem:
        raise ValueError(f"公式第{col}列：{problem}")
    try:
        value = Decimal(segment.replace("_", ""))
    except InvalidOperation:
        raise ValueError(f"公式第{col}列：数字“{segment}”应写成十进制") from None
    problem = number_problem(value)
    if problem:
        raise ValueError(f"公式第{col}列：{problem}：“{segment}”")
    return value


def _check_call(node: ast.Call, col: int) -> None:
    name = node.func.id if isinstance(node.func, ast.Name) else None
    if name not in FUNCTIONS:
        hint = did_you_mean(name, list(FUNCTIONS)) if name else ""
        raise ValueError(f"公式第{col}列：不允许调用“{name or '?'}”，只能用 min max abs floor ceil{hint}")
    low, high = _ARITY[name]
    if node.keywords:
        raise ValueError(f"公式第{col}列：{name} 不接受命名参数（如 x=1）")
    count = len(node.args)
    if not low <= count <= high:
        need = f"{low}个" if low == high else (f"至少{low}个" if count < low else f"至多{high}个")
        raise ValueError(f"公式第{col}列：{name} 需要{need}参数，实为{count}个")


def _is_function(node: ast.Name, parents: dict[ast.AST, ast.AST]) -> bool:
    parent = parents.get(node)
    return isinstance(parent, ast.Call) and parent.func is node


class FormulaRule(Rule):
    kind: Literal["formula"] = "formula"
    expr: str
    facts: tuple[str, ...] = ()
    label: str | None = None          # the expression in words, shown in explanations instead of the code
    title = "公式计分"

    @field_validator("facts")
    @classmethod
    def _identifiers(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for name in v:
            if not name.isidentifier() or name in BASE_NAMES or name in FUNCTIONS:
                raise ValueError(f"事实名称“{name}”不能用在公式中（须为不含符号的名称，且不同于 "
                                 f"{' '.join(BASE_NAMES)} 和函数名）")
        return v

    @cached_property
    def tree(self) -> ast.Expression:
        """The whitelisted tree, parsed once per (expression, names) — not a field, so equal rules compare equal."""
        return _compiled(self.expr, frozenset(BASE_NAMES) | frozenset(self.facts))

    @property
    def _tree(self) -> ast.Expression:
        return self.tree

    @model_validator(mode="after")
    def _parse(self) -> FormulaRule:
        self._tree  # noqa: B018 - parse and whitelist at load
        return self

    @cached_property
    def program(self) -> tuple[CodeType, dict[str, Any]]:
        """The expression compiled once per rule (see :func:`_program`)."""
        return _program(self.expr, frozenset(BASE_NAMES) | frozenset(self.facts))

    @cached_property
    def used_names(self) -> tuple[str, ...]:
        """The names the expression reads, sorted; worked out once per rule."""
        return tuple(sorted({n.id for n in ast.walk(self._tree) if isinstance(n, ast.Name) and n.id not in FUNCTIONS}))

    def used(self) -> list[str]:
        return list(self.used_names)

    def score(self, inp: Inputs) -> Scored:
        full = self.max_points(inp.weight)
        env: dict[str, Any] = {"weight": inp.weight, "full": full}
        env["target"] = inp.target.value if inp.target is not None else None
        env["actual"] = None if inp.actual is None and self.input is None else inp.value(self.input).number
        used = self.used_names
        for name in used:
            if name in self.facts:
                v = inp.value(name)
                env[name] = v.number if v.number is not None else v.flag
            if env.get(name) is None:
                raise RuleInputError(f"公式用到的“{name}”没有数值")
        code, constants = self.program
        try:
            with localcontext(CONTEXT):
                result = eval(code, constants, env)  # noqa: S307 - a whitelisted tree, see _program
        except ZeroDivisionError:
            raise RuleInputError("公式计算中出现除以0") from None
        except InvalidOperation as exc:
            # 0/0 under the C decimal module raises InvalidOperation listing DivisionUndefined
            if exc.args and isinstance(exc.args[0], list) and DivisionUndefined in exc.args[0]:
                raise RuleInputError("公式计算中出现除以0") from None
            raise RuleInputError(f"公式计算出错：{type(exc).__name__}") from None
        except (ArithmeticError, TypeError) as exc:
            raise RuleInputError(f"公式计算出错：{type(exc).__name__}") from None
        if isinstance(result, bool) or not isinstance(result, (Decimal, int)):
            raise RuleInputError("公式结果不是数值")
        value = Decimal(result)
        if value.is_nan() or abs(value) >= MAX_MAGNITUDE:
            raise RuleInputError(f"公式结果超出范围（绝对值应小于10的{MAX_INTEGER_DIGITS}次方）")
        if value and value.adjusted() < -CONTEXT.prec:      # 1e-999999: below every digit kept
            value = round_half_up(value, _SMALLEST)
        capped = max(ZERO, min(value, full))
        label, expr = self.label, self.expr

        def text() -> str:
            shown = "，".join(f"{n}={_show(env[n])}" for n in used)
            note = "" if capped == value else f"，限定在0~{fmt(full)}分"
            said = f"按“{label}”" if label else expr
            return f"{said}{f'（{shown}）' if shown else ''}={fmt(value)}{note}"

        return Scored(capped, text)

    def names(self) -> set[str]:
        return super().names() | set(self.facts)


@lru_cache(maxsize=4096)
def _program(expr: str, names: frozenset[str]) -> tuple[CodeType, dict[str, Any]]:
    """The whitelisted tree compiled once to Python code: evaluating it is one ``eval`` instead
    of an interpreter call per node, with the same operations in the same order as the tree.

    Safe because the tree holds only what ``compile_expression`` allows (numbers, the given
    names, arithmetic, comparisons, and/or/not, if-else and the five functions): no attribute,
    subscript, lambda or import can be reached, and no builtins are visible. Each Decimal
    literal becomes a name bound to that Decimal (Python code cannot hold a Decimal constant),
    so nothing is folded or read as a float.
    """
    tree = copy.deepcopy(_compiled(expr, names))
    constants: dict[str, Any] = {"__builtins__": {}, **FUNCTIONS}

    class Literals(ast.NodeTransformer):
        def visit_Constant(self, node: ast.Constant) -> ast.Name:
            name = f"·{len(constants)}"             # not an identifier: never a fact's name
            constants[name] = node.value
            return ast.copy_location(ast.Name(id=name, ctx=ast.Load()), node)

    tree = ast.fix_missing_locations(Literals().visit(tree))
    return compile(tree, "<公式>", "eval"), constants


def _show(value: Decimal | bool) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    return fmt(value) or ""


EXAMPLES = [
    Example({"expr": "weight * min(actual / target, 1)"}, "10", "7.5", "80", {"actual": 60}),
    Example({"expr": "0.1 + 0.2"}, "10", "0.3"),
    Example({"expr": "full if 变化率 > 0 else (7 if 变化率 == 0 else 5)", "facts": ["变化率"]}, "10", "7", None,
            {"facts": {"变化率": 0}}),
    Example({"expr": "floor(actual / 10)"}, "10", "5", None, {"actual": 57}),
    Example({"expr": "weight - actual"}, "10", "0", None, {"actual": 12}),
    Example({"expr": "weight * actual / target"}, "10", "无效：公式计算中出现除以0", "0", {"actual": 5}),
]
