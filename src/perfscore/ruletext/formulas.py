"""Chinese formulas (得分=（A×40%+B×60%）×20/100) translated to the formula rule's expression language."""
from __future__ import annotations

import re
from decimal import Decimal

from ..numbers import fmt

FULL_NAMES = ("该指标分值", "该项指标分值", "该项分值", "本项分值", "该指标权重分", "该项权重分", "指标分值", "权重分值",
              "指标权重", "权重分", "分值", "权重", "满分")
_TOKEN = re.compile(r"(?P<num>\d+(?:\.\d+)?%?)(?:分)?|(?P<op>[×*÷/+\-()])|(?P<name>[^×*÷/+\-()\d][^×*÷/+\-()]*)")


class FormulaTextError(ValueError):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def translate(text: str, actual_names: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """The expression and the facts it names, in order of first use.

    ``actual_names`` maps a name to what stands for it (资金到位率 → ``actual / 100``)."""
    out: list[str] = []
    facts: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() != pos:
            raise FormulaTextError(f"公式中“{text[pos:m.start()]}”无法识别", pos)
        pos = m.end()
        if m.group("num"):
            raw = m.group("num")
            value = Decimal(raw[:-1]) / 100 if raw.endswith("%") else Decimal(raw)
            out.append(fmt(value) or "0")
        elif m.group("op"):
            op = {"×": "*", "÷": "/"}.get(m.group("op"), m.group("op"))
            if op == "-" and (not out or out[-1] in ("(", "+", "-", "*", "/")):
                out.append("-u")
            else:
                out.append(op)
        else:
            name = m.group("name")
            if name in FULL_NAMES:
                out.append("full")
            elif actual_names and name in actual_names:
                out.append(actual_names[name])
            else:
                if not re.fullmatch(r"[\u4e00-\u9fffA-Za-z_][\u4e00-\u9fff\w、]*", name) or "、" in name:
                    raise FormulaTextError(f"公式中“{name}”不是可用的名称", m.start())
                out.append(name)
                if name not in facts:
                    facts.append(name)
    if pos != len(text):
        raise FormulaTextError(f"公式中“{text[pos:]}”无法识别", pos)
    return _join(out), facts


def _join(tokens: list[str]) -> str:
    text = ""
    for t in tokens:
        if t == "-u":
            text += "-"
        elif t in ("+", "-", "*", "/"):
            text += f" {t} "
        else:
            text += t
    return text
