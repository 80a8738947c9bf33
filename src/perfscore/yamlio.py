"""Reading YAML: the C safe loader, Decimals from the scalar text, duplicate keys as errors.

Positions are not kept in the loaded data (that is what makes the C loader fast); the
composed node tree of the last few files read is kept, and when a message or finding needs
a position, :func:`locate` walks it.
"""
from __future__ import annotations

import os
import re
import stat
from decimal import Decimal
from functools import lru_cache
from typing import Any, Sequence

from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from . import limits
from .atomic import note_input
from .errors import PerfscoreError, os_reason, printable


class Refused(MarkedYAMLError):
    """A document beyond one of the bounds of :mod:`perfscore.limits` (its problem is Chinese)."""


class DecimalConstructor(SafeConstructor):
    """Floats become Decimal('0.125') from their text, never through a binary float; every
    number is bounded (digits, decimals) before it is converted."""

    def construct_yaml_decimal(self, node: Any) -> Decimal:
        text = str(node.value).replace("_", "")
        lowered = text.lower()
        if lowered in (".inf", "+.inf", "-.inf", ".nan"):
            raise Refused(problem=f"不支持的数值“{text}”", problem_mark=node.start_mark)
        return _bounded(Decimal(_short(text, node)), text, node)

    def construct_yaml_int(self, node: Any) -> Any:
        text = str(node.value).replace("_", "")
        _short(text, node)
        value = SafeConstructor.construct_yaml_int(self, node)
        if isinstance(value, int) and abs(value) >= limits.MAX_MAGNITUDE:
            _bounded(Decimal(value), text, node)
        return value


def _short(text: str, node: Any) -> str:
    problem = limits.number_text_problem(text)
    if problem:
        raise Refused(problem=f"{problem}：“{text[:20]}…”", problem_mark=node.start_mark)
    return text


def _bounded(value: Decimal, text: str, node: Any) -> Decimal:
    problem = limits.number_problem(value)
    if problem:
        raise Refused(problem=f"{problem}：“{text}”", problem_mark=node.start_mark)
    return value


DecimalConstructor.add_constructor("tag:yaml.org,2002:float", DecimalConstructor.construct_yaml_decimal)
DecimalConstructor.add_constructor("tag:yaml.org,2002:int", DecimalConstructor.construct_yaml_int)


_TAGS: dict[str, Tag] = {}
_TABLES: dict[Any, Any] = {}                  # YAML version → implicit resolvers by first character
_RESOLVED: dict[int, dict[str, Any]] = {}     # id(table) → plain scalar → Tag (or _PLAIN)
_RESOLVED_MAX = 8192
_PLAIN = object()


class _Resolver(VersionedResolver):
    """ruamel's YAML 1.2 resolver, without its per-scalar overhead.

    The stock resolver works out the YAML version (through two caught AttributeErrors)
    three times per scalar and makes a new Tag, whose text is then decoded character by
    character, for every scalar: a third of the load time. Here the C loader's version
    table is looked up once per document (its version cannot change inside it) and one Tag
    is shared per tag name. What each scalar resolves to is unchanged.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            if self.loadumper is self:
                # The same plain scalars (keys above all) recur in every file: remember what
                # each resolved to, per version table, in a bounded memo.
                memo = _RESOLVED.get(id(self.versioned_resolver))
                if memo is None or len(memo) > _RESOLVED_MAX:
                    memo = _RESOLVED[id(self.versioned_resolver)] = {}
                found = memo.get(value)
                if found is None:
                    found = memo[value] = self._implicit(value)
            else:
                found = self._implicit(value)
            if found is not _PLAIN:
                return found
            implicit = (False, implicit[1])
        return VersionedResolver.resolve(self, kind, value, implicit)

    def _implicit(self, value: str) -> Any:
        """The tag an implicit resolver gives a plain scalar, or _PLAIN when none matches."""
        table = self.versioned_resolver
        resolvers = table.get(value[0] if value else "", []) + table.get(None, [])
        for tag, regexp in resolvers:
            if regexp.match(value):
                found = _TAGS.get(tag)
                return found if found is not None else _TAGS.setdefault(tag, Tag(suffix=tag))
        return _PLAIN

    @property
    def versioned_resolver(self) -> Any:
        if self.loadumper is not self:       # the pure-Python loader: a %YAML directive may change it
            return VersionedResolver.versioned_resolver.fget(self)  # type: ignore[attr-defined]
        try:
            return self._table
        except AttributeError:
            # One table per YAML version for the process, not one built per document.
            version = self.processing_version
            table = _TABLES.get(version)
            if table is None:
                table = _TABLES[version] = VersionedResolver.versioned_resolver.fget(self)  # type: ignore[attr-defined]
            self._table: Any = table
            return table


def _yaml() -> YAML:
    y = YAML(typ="safe", pure=False)
    y.Constructor = DecimalConstructor
    y.Resolver = _Resolver
    return y


def c_parser_active() -> bool:
    """True when the libyaml-based C parser of ruamel.yaml.clib is the one in use."""
    y = _yaml()
    return y.Parser.__module__.startswith("ruamel.yaml.clib") or "CParser" in y.Parser.__name__


def _first_key(text: str, key: str, start: int, end: int, column: int) -> int | None:
    """The 1-based line where a block mapping first wrote ``key:`` at ``column``, between two lines."""
    lines = text.splitlines()
    for i in range(start, min(end, len(lines))):
        if lines[i][column:].startswith((f"{key}:", f'"{key}":', f"'{key}':")):
            return i + 1
    return None


def _translate(exc: YAMLError, text: str = "") -> tuple[str, int | None, int | None]:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    col = mark.column + 1 if mark is not None else None
    problem = str(getattr(exc, "problem", "") or exc)
    if isinstance(exc, Refused):
        return problem, line, col
    if isinstance(exc, DuplicateKeyError):
        ctx = getattr(exc, "context_mark", None)
        key = problem.split('"')[1] if '"' in problem else problem
        first = None
        if ctx is not None and mark is not None:
            first = _first_key(text, key, ctx.line, mark.line, mark.column)
        where = f"（第{first}行已有同名的键）" if first else "（同一映射中已有同名的键）"
        return f"重复的键“{key}”{where}", line, col
    if "tab character" in problem or "'\\t'" in problem or "\t" in problem:
        return "缩进中不能使用制表符（Tab），请改用空格", line, col
    if "mapping values are not allowed" in problem:
        return "此处不能出现“:”（冒号后需空格，或用引号括起含冒号的文字）", line, col
    if "could not find expected ':'" in problem:
        return "缺少“:”（键与值之间需用冒号分隔）", line, col
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return "缩进不一致：此处应为同级的键", line, col
    if "found undefined tag" in problem or "could not determine a constructor" in problem:
        return "不允许使用 YAML 标签（!tag）", line, col
    ctx = getattr(exc, "context_mark", None)
    since = f"（始于第{ctx.line + 1}行第{ctx.column + 1}列）" if ctx is not None else ""
    for closing, opening, what in (("}", "{", "花括号"), ("]", "[", "方括号")):
        if f"did not find expected ',' or '{closing}'" in problem:
            return f"{what}“{opening}”未闭合{since}：此处应为“,”或“{closing}”", line, col
    if "found unexpected end of stream" in problem:
        if "quoted scalar" in str(getattr(exc, "context", "")):
            return f"引号未闭合{since}", line, col
        return "文件意外结束（引号或括号未闭合）", line, col
    if "cannot start any token" in problem:
        return "此处的字符不能作为值的开头（以 @、` 等开头的文字请加引号）", line, col
    if "did not find expected '-' indicator" in problem:
        return "缩进不一致：此处应为同级的列表项（- ）", line, col
    if "special characters are not allowed" in problem or "unacceptable character" in problem:
        return "文件含有 YAML 不允许的控制字符", line, col
    return f"YAML 语法错误：{printable(problem)}", line, col


def read_yaml(path: str, text: str | None = None) -> Any:
    """Load one YAML document; any syntax problem raises PerfscoreError with its position."""
    if text is None:
        text = read_text(path)
    try:
        _check_text(text)
        # Compose (cached), then construct: the same steps as YAML.load, but a finding in
        # this file later finds its line in the cached node instead of parsing again.
        node = _compose(path, text)
        return None if node is None else _construct(node, limits.max_yaml_nodes(len(text)))
    except YAMLError as exc:
        message, line, col = _translate(exc, text)
        raise PerfscoreError(message, path, line, col) from None


# C0 and C1 controls other than tab, LF, CR and NEL, and the non-characters: YAML refuses
# them (with an English message and no position in the C parser), so they are found first.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_LINE_PREFIX = re.compile(r"^[ \t]*(?:[-?:][ \t]+)*", re.M)


class _Mark:
    def __init__(self, text: str, index: int) -> None:
        self.line = text.count("\n", 0, index)
        self.column = index - (text.rfind("\n", 0, index) + 1)


def _check_text(text: str) -> None:
    """Refuse control characters and nesting deeper than MAX_YAML_DEPTH before the parser sees them.

    The depth bound is cheap to prove for real files (the brackets in the text plus the
    longest indentation cannot exceed it); only otherwise is the text parsed (events only,
    without recursion) to measure it exactly.
    """
    bad = _FORBIDDEN.search(text)
    if bad:
        raise Refused(problem=f"文件含有不允许的控制字符 U+{ord(bad.group()):04X}（二进制文件，或复制时混入）",
                      problem_mark=_Mark(text, bad.start()))
    flow = text.count("[") + text.count("{")
    if flow + max(map(len, _LINE_PREFIX.findall(text)), default=0) <= limits.MAX_YAML_DEPTH:
        return
    depth = 0
    for event in _yaml().parse(text):
        name = type(event).__name__
        if name in ("MappingStartEvent", "SequenceStartEvent"):
            depth += 1
            if depth > limits.MAX_YAML_DEPTH:
                raise Refused(problem=f"嵌套过深（超过{limits.MAX_YAML_DEPTH}层）", problem_mark=event.start_mark)
        elif name in ("MappingEndEvent", "SequenceEndEvent"):
            depth -= 1


def _byte_position(raw: bytes, index: int) -> tuple[int, int]:
    """1-based line and column of a byte offset (the column counts the characters before it)."""
    start = raw.rfind(b"\n", 0, index) + 1
    return raw.count(b"\n", 0, index) + 1, len(raw[start:index].decode("utf-8", errors="replace")) + 1


def read_text(path: str) -> str:
    """The text of a YAML file: UTF-8 (a BOM is dropped), a regular file, at most MAX_YAML_BYTES."""
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise PerfscoreError("这是目录，不是文件", path)
        if not stat.S_ISREG(st.st_mode):
            raise PerfscoreError("不是普通文件（管道、设备等不能作为输入）", path)
        if st.st_size > limits.MAX_YAML_BYTES:
            raise PerfscoreError(f"文件过大（{st.st_size}字节，上限{limits.MAX_YAML_BYTES}字节）", path)
        with open(path, "rb") as fh:
            raw = fh.read(limits.MAX_YAML_BYTES + 1)
        note_input(path, st)
    except FileNotFoundError:
        raise PerfscoreError("文件不存在", path) from None
    except IsADirectoryError:
        raise PerfscoreError("这是目录，不是文件", path) from None
    except OSError as exc:
        raise PerfscoreError(f"无法读取：{os_reason(exc)}", path) from None
    if len(raw) > limits.MAX_YAML_BYTES:
        raise PerfscoreError(f"文件过大（上限{limits.MAX_YAML_BYTES}字节）", path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        line, col = _byte_position(raw, offset)
        raise PerfscoreError(f"文件不是 UTF-8 编码（第{offset + 1}字节：0x{raw[offset]:02X}；"
                             "GBK 等编码的文件请另存为 UTF-8）", path, line, col) from None


@lru_cache(maxsize=1)
def _options() -> YAML:
    """A YAML object that never parses: constructors take their options and resolver from it
    (a new YAML object per file costs a directory scan for plug-ins)."""
    return _yaml()


def _construct(node: Any, budget: int) -> Any:
    """The Python data of a composed document, as YAML.load would construct it.

    Aliases make a document a graph that consumers walk as a tree: the tree may hold at
    most ``budget`` nodes (billion laughs is refused, not expanded), and no alias may
    contain itself.
    """
    options = _options()
    constructor = DecimalConstructor(loader=options)
    constructor.allow_duplicate_keys = options.allow_duplicate_keys
    try:
        return _plain(constructor, node, [budget, budget])
    except _NotPlain:
        pass
    except RecursionError:       # the text is at most MAX_YAML_DEPTH deep: aliases nest (or loop)
        raise Refused(problem="别名（*）嵌套过深或引用了自身", problem_mark=node.start_mark) from None
    _expanded_size(node, budget)
    return constructor.construct_document(node)


def _expanded_size(root: Any, budget: int) -> int:
    """Nodes of the document read as a tree (aliases expanded), without expanding them."""
    sizes: dict[int, int] = {}

    def size(node: Any) -> int:
        known = sizes.get(id(node))
        if known is not None:
            if known < 0:
                raise Refused(problem="别名（*）引用了包含它自身的节点", problem_mark=node.start_mark)
            return known
        sizes[id(node)] = -1
        total = 1
        if node.id == "mapping":
            total += sum(size(k) + size(v) for k, v in node.value)
        elif node.id == "sequence":
            total += sum(size(child) for child in node.value)
        if total > budget:
            raise _too_many(node, budget)
        sizes[id(node)] = total
        return total

    try:
        return size(root)
    except RecursionError:
        raise Refused(problem="别名（*）嵌套过深", problem_mark=root.start_mark) from None


def _too_many(node: Any, budget: int) -> Refused:
    return Refused(problem=f"别名（*）展开后节点过多（超过{budget}个，与文件大小成比例的上限），疑为“别名炸弹”",
                   problem_mark=node.start_mark)


class _NotPlain(Exception):
    """Something only ruamel's general constructor handles (or reports): anchors, merge keys,
    duplicate or complex keys, other tags."""


_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_SCALARS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null"))


def _plain(constructor: DecimalConstructor, node: Any, budget: list[int]) -> Any:
    """Construct a document of plain mappings, sequences and scalars directly.

    ruamel's constructor goes through generators, recursion bookkeeping and merge-key
    flattening for every mapping; documents like ours have none of that, and building them
    directly takes half the time. Scalars go through the very same constructor functions, so
    the data is the same; anything else raises _NotPlain and the document is constructed the
    general way, with the general way's errors. ``budget`` counts down the nodes built (the
    C composer gives an alias the very node it names, so aliases are expanded here).
    """
    if node.anchor is not None:
        raise _NotPlain
    tag, kind = node.tag, node.id
    if tag == _MAP and kind == "mapping":
        budget[0] -= len(node.value)
        if budget[0] < 0:
            raise _too_many(node, budget[1])
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar" or key_node.anchor is not None:
                raise _NotPlain
            key = _plain(constructor, key_node, budget)
            if key in out or key_node.tag == "tag:yaml.org,2002:merge":
                raise _NotPlain
            out[key] = _plain(constructor, value_node, budget)
        return out
    if tag == _SEQ and kind == "sequence":
        budget[0] -= len(node.value)
        if budget[0] < 0:
            raise _too_many(node, budget[1])
        return [_plain(constructor, child, budget) for child in node.value]
    if kind != "scalar" or tag not in _SCALARS:
        raise _NotPlain
    return constructor.yaml_constructors[tag](constructor, node)


@lru_cache(maxsize=8)
def _compose(path: str, text: str) -> Any:
    return _yaml().compose(text)


def locate(path: str, keys: Sequence[str | int], text: str | None = None,
           at_key: bool = False) -> tuple[int | None, int | None]:
    """1-based (line, column) of the node reached by ``keys``; the deepest existing node if cut short.

    A scalar is located at its value, unless ``at_key`` asks for the key that names it.
    A key that does not exist points at its parent mapping's key (so a missing field is
    reported where it should have been written).
    """
    if text is None:
        try:
            text = read_text(path)
        except PerfscoreError:
            return None, None
    try:
        node = _compose(path, text)
    except YAMLError:
        return None, None
    if node is None:
        return 1, 1
    mark = node.start_mark
    for key in keys:
        found = None
        if node.id == "mapping":
            for k, v in node.value:
                if str(k.value) == str(key):
                    found = v
                    mark = k.start_mark if v.id != "scalar" or at_key else v.start_mark
                    break
        elif node.id == "sequence" and isinstance(key, int) and 0 <= key < len(node.value):
            found = node.value[key]
            mark = found.start_mark
        if found is None:
            break
        node = found
    return mark.line + 1, mark.column + 1
