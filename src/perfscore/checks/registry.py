"""The registry of finding codes: each code is one function, registered beside its documentation.

A check is declared where it is implemented::

    @check("PS205", "warning", "未达到目标却得满分", scope="evaluation")
    def missed_full(ev: EvaluationSubject) -> Iterator[Finding]:
        \"\"\"实际完成值未达到年度指标值，该项却得了满分。…\"\"\"

The decorator records the code, its severity and title, the scope it runs in and the function;
the function's docstring is the code's documentation. ``perfscore explain PS205`` reads it from
here (:func:`get`), names the function, and prints the tested examples of
``checks/cases/PS205.yaml`` (:mod:`perfscore.checks.examples`). ``docs/checks.md`` is generated
from this registry and a test keeps it in step.

Scopes, and what the function receives:

- ``set``: a :class:`~perfscore.checks.sets.SetSubject` (one indicator set) — ``checks/sets.py``, PS1xx;
- ``evaluation``: an :class:`~perfscore.checks.evaluations.EvaluationSubject` (one scored
  evaluation) — ``checks/evaluations.py``, PS2xx;
- ``cross``: a :class:`~perfscore.checks.cross.CrossSubject` (facts of every document of a
  batch) — ``checks/cross.py``, PS3xx;
- ``import``: called by the workbook importer for each cell it cannot read — ``checks/imports.py``, PS4xx.

A code belongs to exactly one function. A function may run in two scopes (PS109 checks the
units of targets in a set and of actuals in an evaluation).
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Callable, Literal, TypeVar

from ..errors import PerfscoreError, did_you_mean
from ..findings import Severity

Scope = Literal["set", "evaluation", "cross", "import"]
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: str
    scopes: tuple[Scope, ...]
    function: Callable[..., Any]

    @property
    def doc(self) -> str:
        """The function's docstring: what the code means, in Chinese."""
        return inspect.cleandoc(self.function.__doc__ or "")

    @property
    def qualname(self) -> str:
        """Where the code is implemented: ``perfscore.checks.evaluations.missed_full``."""
        return f"{self.function.__module__}.{self.function.__qualname__}"

    @property
    def source(self) -> str:
        """``src/perfscore/checks/evaluations.py:123``: the file (relative to the package's parent) and line."""
        import os

        import perfscore

        file = inspect.getsourcefile(self.function) or ""
        root = os.path.dirname(os.path.dirname(perfscore.__file__))
        line = inspect.getsourcelines(self.function)[1]
        return f"{os.path.relpath(file, root)}:{line}"


CODES: dict[str, Code] = {}


def check(code: str, severity: Severity, title: str, scope: Scope | tuple[Scope, ...]) -> Callable[[F], F]:
    """Register the decorated function as the one implementation of ``code``; its docstring documents it."""
    scopes = (scope,) if isinstance(scope, str) else scope

    def register(function: F) -> F:
        if code in CODES:
            raise RuntimeError(f"{code} is registered twice: {CODES[code].qualname} and {function.__qualname__}")
        if not (function.__doc__ or "").strip():
            raise RuntimeError(f"{code}: {function.__qualname__} has no docstring (its documentation)")
        CODES[code] = Code(code, severity, title, scopes, function)
        return function
    return register


def registered() -> dict[str, Code]:
    """Every code, in code order, with every module of the checks package imported (importing registers)."""
    if not _IMPORTED:
        import importlib
        import pkgutil

        from .. import checks

        for module in pkgutil.iter_modules(checks.__path__):
            importlib.import_module(f"{checks.__name__}.{module.name}")
        _IMPORTED.append(True)
    return dict(sorted(CODES.items()))


_IMPORTED: list[bool] = []


_BY_SCOPE: dict[str, list[Code]] = {}


def in_scope(scope: Scope) -> list[Code]:
    """The codes that run in one scope, in code order (the order findings are built; output is sorted)."""
    if scope not in _BY_SCOPE:
        _BY_SCOPE[scope] = [c for c in registered().values() if scope in c.scopes]
    return _BY_SCOPE[scope]


def get(code: str) -> Code:
    """One code's entry; an unknown code is a user error with a "did you mean"."""
    codes = registered()
    key = code.strip().upper()
    if key not in codes:
        raise PerfscoreError(f"没有这个检查代码：“{code}”{did_you_mean(key, codes)}")
    return codes[key]


def run(scope: Scope, subject: object) -> list[Any]:
    """Every check of a scope over one subject, in code order."""
    out: list[Any] = []
    for c in in_scope(scope):
        out += c.function(subject)
    return out
