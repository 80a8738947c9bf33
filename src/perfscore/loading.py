"""Loading: YAML files to validated indicator sets and evaluations, with located Chinese errors.

The fast path reads with the C safe loader and validates with pydantic; only when
validation fails is the document composed again to find each error's line and column.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from .atomic import note_input
from .errors import PerfscoreError, PerfscoreErrors, did_you_mean
from .model import SEP, Evaluation, Framework, IndicatorSet, resolve_results
from .yamlio import locate, read_text, read_yaml

HERE = Path(__file__).resolve().parent
FRAMEWORK_DIRS = (HERE / "frameworks", HERE.parents[1] / "indicator_sets" / "frameworks")
_ID_RE = re.compile(r"^indicator_set:[ \t]*(.*)$", re.M)
_COMMENT_RE = re.compile(r"[ \t]#")
_INDICATORS_RE = re.compile(r"^indicators:", re.M)
CACHE_DIR_NAME = ".perfscore_cache"      # check's cache (checks/cache.py): never walked into


def document_kind(data: Any) -> str | None:
    """Tell an indicator set from an evaluation or a department summary by content."""
    if not isinstance(data, dict):
        return None
    if "indicators" in data and "indicator_set" in data:
        return "set"
    if "evaluations" in data and "department" in data:
        return "summary"
    if "project" in data or "results" in data:
        return "evaluation"
    return None


# --------------------------------------------------------------------------- errors

def _all_fields() -> set[str]:
    from . import model, grades
    from .rules import RULES
    from .rules.bands import Band
    from .rules.checklist import Item
    from .rules.qualitative import Level
    from .rules.rank import Places

    out: set[str] = set()
    classes: list[type[BaseModel]] = [*RULES.values(), Band, Item, Level, Places, grades.GradeScale, grades.GradeBand]
    classes += [v for v in vars(model).values() if isinstance(v, type) and issubclass(v, BaseModel)]
    for cls in classes:
        out |= set(cls.model_fields)
    return out


def _clean_loc(data: Any, loc: tuple[Any, ...]) -> list[Any]:
    """Drop pydantic's union tags from a location so it walks the data."""
    out: list[Any] = []
    node = data
    for key in loc:
        if isinstance(node, dict) and key not in node and node.get("kind") == key:
            continue
        if isinstance(node, dict) and key in ("function-after", "function-before"):
            continue
        out.append(key)
        if isinstance(node, dict):
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        else:
            node = None
    return out


def _at(data: Any, keys: Iterable[Any]) -> Any:
    node = data
    for key in keys:
        if isinstance(node, dict):
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        else:
            return None
    return node


def indicator_path(data: Any, keys: Iterable[Any]) -> str | None:
    """产出指标 > 数量 > 印刷份数 for a location inside the tree or the results."""
    names: list[str] = []
    node = data
    prev = None
    for key in keys:
        if isinstance(node, dict):
            if prev == "results":
                names.append(str(key))
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
            if prev in ("indicators", "children") and isinstance(node, dict) and "name" in node:
                names.append(str(node["name"]))
        else:
            break
        prev = key
    return SEP.join(names) or None


def _message(err: Any, field: str | None) -> str:
    typ = err["type"]
    value = err.get("input")
    if typ == "missing":
        return f"缺少必填字段“{field}”"
    if typ == "extra_forbidden":
        return f"未知字段“{field}”{did_you_mean(str(field), _all_fields())}"
    if typ in ("decimal_parsing", "decimal_type", "float_parsing", "float_type"):
        return f"“{field}”应为数字，实为“{value}”"
    if typ in ("int_parsing", "int_type", "int_from_float"):
        return f"“{field}”应为整数，实为“{value}”"
    if typ == "literal_error":
        return f"“{field}”应为 {err['ctx']['expected']} 之一，实为“{value}”"
    if typ == "union_tag_invalid":
        from .rules import RULES

        tag = err["ctx"]["tag"]
        return f"没有这种评分规则：“{tag}”{did_you_mean(str(tag), RULES)}"
    if typ == "union_tag_not_found":
        return "评分规则缺少 kind（ratio、step、bands、checklist、boolean、qualitative、formula、manual、rank、sum）"
    if typ in ("string_type",):
        return f"“{field}”应为文字，实为“{value}”"
    if typ in ("list_type", "tuple_type"):
        return f"“{field}”应为列表"
    if typ in ("dict_type", "model_type", "model_attributes_type"):
        return f"“{field}”应为映射（键: 值）"
    if typ in ("bool_type", "bool_parsing"):
        return f"“{field}”应为 true 或 false"
    if typ == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    return str(err["msg"])


def _located(exc: ValidationError, path: str, data: Any, text: str | None) -> PerfscoreErrors:
    errors = []
    seen = set()
    for err in exc.errors():
        keys = _clean_loc(data, err["loc"])
        field = next((str(k) for k in reversed(keys) if isinstance(k, str)), None)
        node = _at(data, keys)
        if isinstance(node, dict) and (err["type"].startswith("union_tag") or node.get("kind") == "formula"):
            keys.append("kind" if err["type"].startswith("union_tag") else "expr")
        message = _message(err, field)
        if (tuple(keys), message) in seen:
            continue
        seen.add((tuple(keys), message))
        line, col = locate(path, keys, text)
        errors.append(PerfscoreError(message, path, line, col, indicator_path(data, keys)))
    return PerfscoreErrors(errors)


def validate(cls: type[BaseModel], data: Any, path: str, text: str | None = None) -> Any:
    if not isinstance(data, dict):
        raise PerfscoreError("文件内容应为映射（键: 值），实为空或列表", path, 1, 1)
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise _located(exc, path, data, text) from None


# --------------------------------------------------------------------------- sets

_confined: str | None = None      # see confine_to


def confine_to(root: str | None) -> None:
    """Look for indicator sets only inside ``root`` (and among the shipped frameworks), never above it
    or through a symlink leading out of it: ``perfscore serve DIR`` reads no file outside DIR."""
    global _confined
    _confined = os.path.realpath(root) if root is not None else None
    forget_index()


def inside(path: str | os.PathLike[str], root: str) -> bool:
    """Does ``path``, symlinks resolved, lie within the directory ``root`` (already resolved)?"""
    real = os.path.realpath(path)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _allowed(path: str) -> bool:
    return _confined is None or inside(path, _confined) or any(
        inside(path, os.path.realpath(d)) for d in FRAMEWORK_DIRS)


@lru_cache(maxsize=64)
def _index(directory: str) -> dict[str, str]:
    """id → file for every indicator set under a directory (a cheap text scan, no YAML)."""
    found: dict[str, str] = {}
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if d != CACHE_DIR_NAME)
        for name in sorted(files):
            if not name.endswith((".yaml", ".yml")):
                continue
            full = os.path.join(root, name)
            if not _allowed(full):
                continue
            try:
                with open(full, encoding="utf-8-sig") as fh:
                    text = fh.read()
            except (OSError, UnicodeDecodeError):
                continue
            m = _ID_RE.search(text)
            set_id = _scalar(m.group(1)) if m else None
            if set_id and _INDICATORS_RE.search(text):
                found.setdefault(set_id, full)
    return found


def _scalar(written: str) -> str | None:
    """The text of a one-line YAML scalar as YAML reads it: quoted ('a#1', "x\\"y") or plain
    (a comment starts at " #", so ``A#1`` is the id A#1, never A)."""
    written = written.strip()
    if written[:1] in ("'", '"'):
        try:
            value = read_yaml("<id>", f"v: {written}\n")
        except PerfscoreError:
            return None
        return str(value["v"]) if isinstance(value, dict) and value.get("v") is not None else None
    plain = _COMMENT_RE.split(written, 1)[0].strip()
    return plain or None


def forget_index() -> None:
    """Start afresh: sets may have been added, removed or renamed since the last run (or import)."""
    _index.cache_clear()
    _known.cache_clear()
    _upwards.cache_clear()


@lru_cache(maxsize=256)
def _upwards(directory: str) -> tuple[str, ...]:
    """search_dirs of a directory (and so of every plain file in it), until forget_index()."""
    return tuple(_search_dirs(directory))


def search_dirs(near: str | None) -> list[str]:
    """indicator_sets/ directories from ``near`` upwards, then the shipped frameworks."""
    # Resolving the path and testing every parent cost more than scoring an evaluation; the
    # answer for a file that is not a symlink is its directory's, which a batch shares.
    if near and not os.path.islink(near):
        directory = near if os.path.isdir(near) else os.path.dirname(os.path.abspath(near))
        return list(_upwards(os.path.abspath(directory)))
    return _search_dirs(near)


def _search_dirs(near: str | None) -> list[str]:
    out: list[str] = []
    if near:
        p = Path(near).resolve()
        for d in [p, *p.parents] if p.is_dir() else p.parents:
            cand = d / "indicator_sets"
            if cand.is_dir() and _allowed(str(cand)):
                out.append(str(cand))
            if d.name == "indicator_sets" and _allowed(str(d)):
                out.append(str(d))
    out += [str(d) for d in FRAMEWORK_DIRS if d.is_dir()]
    return list(dict.fromkeys(out))


@lru_cache(maxsize=64)
def _known(directories: tuple[str, ...]) -> dict[str, str]:
    """id → file over several directories, the first one listed winning.

    Cached as a whole: a batch asks with the same directories for every file, and merging
    (or, past _index's cache size, re-scanning) them per file made check quadratic.
    """
    known: dict[str, str] = {}
    for d in directories:
        for k, v in _index(d).items():
            known.setdefault(k, v)
    return known


def find_set(set_id: str, near: str | None, extra: Iterable[str] = ()) -> str:
    """The file of an indicator set id; PerfscoreError with a "did you mean" otherwise."""
    known = _known(tuple(dict.fromkeys([*extra, *search_dirs(near)])))
    if set_id in known:
        return known[set_id]
    raise PerfscoreError(f"找不到指标体系“{set_id}”{did_you_mean(set_id, known)}")


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in base.items() if k not in ("indicator_set", "name", "kind", "source",
                                                       "stated_counts", "indicators")}
    for key, value in child.items():
        if key in ("budget", "defaults") and isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def _compile_criteria(data: dict[str, Any], path: str, text: str) -> None:
    """A leaf that gives only its 评分标准 text gets the rule the text says (errors located at the text)."""
    todo = []
    stack: list[tuple[list[Any], Any]] = [(["indicators"], data.get("indicators"))]
    while stack:
        keys, nodes = stack.pop()
        for i, node in enumerate(nodes if isinstance(nodes, list) else []):
            if not isinstance(node, dict):
                continue
            if node.get("children"):
                stack.append((keys + [i, "children"], node["children"]))
            elif isinstance(node.get("criteria"), str) and "rule" not in node:
                todo.append((keys + [i], node))
    if not todo:
        return
    from .ruletext import RuleTextError, parse

    for keys, node in todo:
        target = node.get("target")
        try:
            node["rule"] = parse(node["criteria"], target=None if target is None else str(target))
        except RuleTextError as exc:
            line, col = locate(path, keys + ["criteria"], text)
            raise PerfscoreError(f"评分标准无法转为规则：{exc.message}", path, line, col,
                                 indicator_path(data, keys)) from None


@lru_cache(maxsize=32)   # a batch in file order uses a few sets at a time; each one more is ~115 KiB held (issue 16)
def _load_set_cached(path: str, mtime: float) -> IndicatorSet:
    text = read_text(path)
    data = read_yaml(path, text)
    if document_kind(data) != "set":
        raise PerfscoreError("不是指标体系文件（缺少 indicator_set 或 indicators）", path, 1, 1)
    base, base_path = _base_of(data, path, text, (os.path.realpath(path),))
    merged = _merge(base, data) if base else data
    _compile_criteria(merged, path, text)
    result = validate(IndicatorSet, merged, path, text)
    result.path = path
    if base:
        result.framework = validate(Framework, {"indicators": base.get("indicators", [])}, base_path).indicators
    return result


def _base_of(data: dict[str, Any], path: str, text: str | None,
             chain: tuple[str, ...]) -> tuple[dict[str, Any], str]:
    """The set a set extends, itself merged with what it extends (a framework may extend
    another), and its file; ({}, "") when it extends nothing. A cycle is an error at the
    ``extends`` that closes it."""
    if not data.get("extends"):
        return {}, ""
    try:
        base_path = find_set(str(data["extends"]), path)
        real = os.path.realpath(base_path)
        if real in chain:
            names = " → ".join(os.path.basename(p) for p in (*chain, real))
            raise PerfscoreError("指标体系继承了自身" if real == chain[-1] else f"extends 循环继承：{names}")
        base_text = read_text(base_path)
        base = read_yaml(base_path, base_text)
        if not isinstance(base, dict) or "indicators" not in base:
            raise PerfscoreError(f"extends 指向的“{data['extends']}”不是指标体系（{base_path}）")
    except PerfscoreError as exc:
        if exc.file not in (None, path):
            raise
        line, col = locate(path, ["extends"], text)
        raise PerfscoreError(exc.message, path, line, col) from None
    grand, _ = _base_of(base, base_path, base_text, (*chain, real))
    return (_merge(grand, base) if grand else base), base_path


def load_set(path: str) -> IndicatorSet:
    """Load an indicator set file (and the framework it extends)."""
    try:
        mtime = os.path.getmtime(path)
    except OSError:
        raise PerfscoreError("文件不存在", path) from None
    note_input(path)                   # read once, cached: an input of every command that uses it
    return _load_set_cached(path, mtime)


# --------------------------------------------------------------------------- evaluations

def load_evaluation(path: str, data: Any = None, text: str | None = None) -> Evaluation:
    """Load an evaluation file (its indicator set is resolved by :func:`evaluation_set`)."""
    if data is None:
        text = read_text(path)
        data = read_yaml(path, text)
    if document_kind(data) != "evaluation":
        raise PerfscoreError("不是评价文件（缺少 project 或 results）", path, 1, 1)
    ev = validate(Evaluation, data, path, text)
    ev.path = path
    return ev


def evaluation_set(ev: Evaluation, extra: Iterable[str] = ()) -> IndicatorSet:
    """The indicator set an evaluation names, looked up near the evaluation's file."""
    try:
        set_path = find_set(ev.indicator_set, ev.path, extra)
    except PerfscoreError as exc:
        line, col = locate(ev.path or "", ["indicator_set"]) if ev.path else (None, None)
        raise PerfscoreError(exc.message, ev.path, line, col) from None
    return load_set(set_path)


# --------------------------------------------------------------------------- many files

def yaml_files(paths: Iterable[str]) -> list[str]:
    """The YAML files named or found (recursively, sorted) under the given paths."""
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d != CACHE_DIR_NAME)
                out += [os.path.join(root, f) for f in sorted(files) if f.endswith((".yaml", ".yml"))]
        elif os.path.exists(p):
            out.append(p)
        else:
            raise PerfscoreError("文件或目录不存在", p)
    for f in out:
        note_input(f)
    return out


def load_any(path: str, extra_sets: Iterable[str] = ()) -> tuple[str, Any]:
    """Load one file as whatever its content says it is: ("set" | "evaluation" | "summary", object)."""
    text = read_text(path)
    data = read_yaml(path, text)
    kind = document_kind(data)
    if kind == "set":
        return kind, load_set(path)
    if kind == "evaluation":
        ev = load_evaluation(path, data, text)
        resolve_results(ev, evaluation_set(ev, extra_sets))
        return kind, ev
    if kind == "summary":
        from .model import Summary

        summary = validate(Summary, data, path, text)
        summary.path = path
        return kind, summary
    raise PerfscoreError("无法识别的文件：既不是指标体系（indicator_set + indicators），"
                         "也不是评价（project + results）",
                         path, 1, 1)


def validate_paths(paths: Iterable[str]) -> tuple[list[PerfscoreError], int]:
    """Load every file; return the load and schema errors (flattened) and the number of files."""
    files = yaml_files(paths)
    set_dirs = sorted({os.path.dirname(f) for f in files})
    forget_index()
    problems: list[PerfscoreError] = []
    for f in files:
        try:
            load_any(f, set_dirs)
        except PerfscoreErrors as exc:
            problems += exc.errors
        except PerfscoreError as exc:
            if exc.file is None:
                exc.file = f
            problems.append(exc)
    # an evaluation whose indicator set is broken raises the set's own errors again: report each once
    unique = list({str(p): p for p in problems}.values())
    return unique, len(files)
