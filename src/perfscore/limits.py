"""Every bound perfscore enforces on what it reads, in one place (docs/security.md lists them).

A file beyond a bound is refused with a located ``file:line:col: 中文说明`` and exit 2: no real
indicator set, evaluation, rule sentence or workbook comes near any of these, while a hostile
one (alias bombs, 40,000-level nesting, ``1e999999999``, zip bombs) would otherwise take the
process past its memory or time.
"""
from __future__ import annotations

from decimal import Decimal

# --------------------------------------------------------------------------- files

#: Largest YAML file read (bytes). A real evaluation is a few KB, a department summary of
#: a thousand evaluations a few hundred KB; composing 1 MiB of dense YAML takes ~150 MB
#: and two seconds.
MAX_YAML_BYTES = 1024 * 1024

#: Deepest nesting of mappings / sequences in a YAML file (real files: about 12). The C
#: parser is recursive and dies (SIGSEGV) near 40,000 levels: refused before it sees the text.
MAX_YAML_DEPTH = 100

#: Nodes a document may expand to through aliases: a base plus this many per byte of text.
#: Without aliases a document cannot exceed it (every node takes at least one character).
MAX_YAML_NODES_BASE = 10_000
MAX_YAML_NODES_PER_BYTE = 2


def max_yaml_nodes(text_length: int) -> int:
    """The node budget of a YAML text of this many characters (proportional to its size)."""
    return MAX_YAML_NODES_BASE + MAX_YAML_NODES_PER_BYTE * text_length


# --------------------------------------------------------------------------- numbers

#: Digits before the decimal point of any number read (scores, weights, targets, actuals,
#: amounts in 元): 999 trillion is beyond any budget line.
MAX_INTEGER_DIGITS = 15
#: Significant decimal places of any number read.
MAX_DECIMALS = 10
#: Characters of the text of one number (digits, sign, separators).
MAX_NUMBER_TEXT = 64

#: The largest magnitude a computed value (a formula result) may reach.
MAX_MAGNITUDE = Decimal(10) ** MAX_INTEGER_DIGITS


def number_problem(value: Decimal) -> str | None:
    """Why a number read from a file is out of bounds, or None when it is fine.

    Looks only at the exponent and digit tuple's length, so ``1e-999999999`` costs nothing.
    """
    if not value.is_finite():
        return "不是有限的数值"
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    if digits == (0,):
        return None
    integer_digits = len(digits) + exponent          # digits before the point
    if integer_digits > MAX_INTEGER_DIGITS:
        return f"数值过大（整数部分超过{MAX_INTEGER_DIGITS}位）"
    if exponent < 0:
        trailing = 0                                   # 1.50000000000 has one decimal, not eleven
        for digit in reversed(digits):
            if digit or trailing >= -exponent:
                break
            trailing += 1
        if -exponent - trailing > MAX_DECIMALS:
            return f"小数位数过多（超过{MAX_DECIMALS}位）"
    return None


def number_text_problem(text: str) -> str | None:
    """Why a number's text is too long to read (checked before it is converted)."""
    if len(text) > MAX_NUMBER_TEXT:
        return f"数字过长（{len(text)}个字符，上限{MAX_NUMBER_TEXT}）"
    return None


# --------------------------------------------------------------------------- rules

#: Characters of a formula expression.
MAX_FORMULA_LENGTH = 500
#: Nesting of a formula expression (operators, calls, if-else inside one another).
MAX_FORMULA_DEPTH = 50
#: Bands of one ``bands`` rule (real rules: 2 to 10).
MAX_BANDS = 1_000
#: Characters of one 评分标准 sentence turned into a rule (ruletext).
MAX_RULE_TEXT = 2_000

# --------------------------------------------------------------------------- workbooks (import)

#: Entries of an .xlsx / .docx archive.
MAX_ZIP_ENTRIES = 10_000
#: Total uncompressed bytes of the entries read from an archive.
MAX_ZIP_UNCOMPRESSED = 256 * 1024 * 1024
#: Uncompressed / compressed ratio of one entry beyond which it is a bomb (real sheets: < 30).
MAX_ZIP_RATIO = 200
#: Rows and columns of one sheet read (a 自评表 has a few dozen rows).
MAX_SHEET_ROWS = 100_000
MAX_SHEET_COLUMNS = 1_000

# --------------------------------------------------------------------------- processes

#: Seconds ``record`` waits for another ``record`` of the same file before refusing.
LOCK_TIMEOUT = 30.0


def worker_count(requested: int, files: int) -> int:
    """Worker processes for ``--jobs``: never more than the files, nor than the CPUs."""
    import os

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(requested, files, cpus))

# --------------------------------------------------------------------------- documents (import)

#: Largest document ``perfscore import`` reads (bytes): 决算 PDFs run to a few MB.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
#: Filled cells of one sheet or table read from any document (a 自评表 has a few hundred).
MAX_GRID_CELLS = 200_000
#: Pages of a PDF read.
MAX_PDF_PAGES = 2_000
