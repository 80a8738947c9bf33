"""A finding is a value: code, severity, place, indicator path, Chinese message, two numbers.

The codes are a public contract (docs/checks.md); each one is registered, with its
documentation, on the function that finds it (:mod:`perfscore.checks.registry`), and is shown
by ``perfscore explain CODE``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, Sequence

from .numbers import fmt

Severity = Literal["error", "warning", "notice"]
SEVERITY_RANK = {"error": 0, "warning": 1, "notice": 2}
SEVERITY_WORD = {"error": "错误", "warning": "警告", "notice": "提示"}


@dataclass(order=False)
class Finding:
    code: str
    severity: Severity
    file: str | None
    message: str
    indicator: str | None = None
    declared: Decimal | None = None
    computed: Decimal | None = None
    line: int | None = None
    column: int | None = None
    keys: Sequence[str | int] = field(default=(), repr=False, compare=False)   # YAML path, for locating

    def sort_key(self) -> tuple[Any, ...]:
        return (self.file or "", self.line or 0, self.column or 0, self.code, self.indicator or "", self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "indicator": self.indicator,
            "message": self.message,
            "declared": fmt(self.declared),
            "computed": fmt(self.computed),
        }

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        what = f"{self.indicator}: " if self.indicator else ""
        return f"{where}: {SEVERITY_WORD[self.severity]} {self.code} {what}{self.message}"
