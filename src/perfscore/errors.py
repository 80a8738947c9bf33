"""One family of errors for bad input: the message starts with its location."""
from __future__ import annotations

from typing import Iterable


class PerfscoreError(Exception):
    """Bad input or usage: printed as ``file:line:col: 中文说明`` and exit 2."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 column: int | None = None, indicator: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.indicator = indicator

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}:{self.column or 1}"
            where += ": "
        what = f"{self.indicator}: " if self.indicator else ""
        return f"{where}{what}{self.message}"


class PerfscoreErrors(PerfscoreError):
    """Several located errors of one file, reported together."""

    def __init__(self, errors: list[PerfscoreError]) -> None:
        super().__init__("\n".join(str(e) for e in errors), errors[0].file, errors[0].line, errors[0].column)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class RuleInputError(ValueError):
    """An actual that a rule cannot score (status ``invalid``); a finding, not a crash."""


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """'，是否想写 “x”？' for the closest choice, or '' when nothing is close."""
    import difflib

    close = difflib.get_close_matches(name, sorted(choices), n=1, cutoff=0.5)
    return f"，是否想写“{close[0]}”？" if close else ""
