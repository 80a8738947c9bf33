"""One family of errors for bad input: the message starts with its location."""
from __future__ import annotations

import errno
import re
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
        return printable(f"{where}{what}{self.message}")


class PerfscoreErrors(PerfscoreError):
    """Several located errors of one file, reported together."""

    def __init__(self, errors: list[PerfscoreError]) -> None:
        super().__init__("\n".join(str(e) for e in errors), errors[0].file, errors[0].line, errors[0].column)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class RuleInputError(ValueError):
    """An actual that a rule cannot score (status ``invalid``); a finding, not a crash."""


class Unrated(RuleInputError):
    """An actual that cannot be judged without the evaluator's word (status ``unrated``): a word that
    names no level (PS219), a quantity without a numeric target or a word for a quantity (PS218).
    The row counts as not scored; it is never zeroed."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """'，是否想写 “x”？' for the closest choice, or '' when nothing is close (or it is what was written)."""
    import difflib

    close = difflib.get_close_matches(name, sorted(c for c in choices if c != name), n=1, cutoff=0.5)
    return f"，是否想写“{close[0]}”？" if close else ""


_CONTROL = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]")


def printable(text: str) -> str:
    """Text safe to print on a terminal: control characters (NUL, ESC, …) quoted from the input
    are shown escaped (``\\x1b``), never sent raw; tabs and line ends (LF, CR) are kept."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_OS_REASONS = {
    errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.EROFS: "文件系统只读", errno.ENOSPC: "磁盘空间不足",
    errno.ENOENT: "文件或目录不存在", errno.ENOTDIR: "路径中有一段不是目录", errno.EISDIR: "这是目录",
    errno.ENAMETOOLONG: "文件名过长", errno.ELOOP: "符号链接循环", errno.EIO: "读写出错（I/O）",
    errno.EDQUOT: "超出磁盘配额", errno.ETXTBSY: "文件正被使用", errno.EBUSY: "文件正被使用",
    errno.ENXIO: "设备或管道没有对端", errno.EEXIST: "文件已存在", errno.EMFILE: "打开的文件过多",
}


def os_reason(exc: OSError) -> str:
    """The reason of an operating-system error in Chinese (the English strerror only as a fallback)."""
    return _OS_REASONS.get(exc.errno or 0) or printable(exc.strerror or type(exc).__name__)
