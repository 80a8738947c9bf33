"""``perfscore record``: write one actual into an evaluation file, in place.

The file is composed with ruamel.yaml's round-trip composer, which marks where every
key and value starts and ends; only the characters of the one value are replaced (or
one line is added when the indicator had no entry yet). Comments, key order, quoting,
flow or block style and indentation everywhere else stay byte for byte as they were.
The edited text is loaded back and must equal the old document with just that value
changed before anything is written; the write is atomic (temporary file, then rename)
and is refused if the file changed on disk since it was read (or since the caller saw it:
``expected``, the sha256 of the bytes a review page was drawn from).

``field`` chooses what is written: ``None`` (the command line) lets the indicator's rule pick
(actual / level / unmet / score); ``"score"`` writes the declared score (申报得分), ``"deviation"``
the 偏差原因分析及改进措施 alone.

:func:`record` holds an advisory lock (``.<name>.perfscore-lock`` beside the file) from the
read to the write, so concurrent records of one file (processes, threads, web edits) take
turns and none is lost; one that cannot get its turn within ``LOCK_TIMEOUT`` is refused.
"""
from __future__ import annotations

import copy
import hashlib
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from ..errors import PerfscoreError, did_you_mean, os_reason
from ..model import SEP
from ..numbers import parse_decimal
from ..yamltext import scalar

_INT_RE = re.compile(r"^[+-]?\d+$")
_DEC_RE = re.compile(r"^[+-]?(\d+\.\d*|\.\d+)$")


FIELDS = ("actual", "score", "deviation")


class StaleFile(PerfscoreError):
    """The file is not the one the caller read: someone else changed it meanwhile."""


STALE = "文件在读取之后已被修改（可能正在别处编辑），为免覆盖他人改动，未写入；请重新运行"


@dataclass(frozen=True)
class Snapshot:
    mtime_ns: int
    digest: str


@dataclass
class Plan:
    path: str
    before: Snapshot
    old: str
    new: str
    bom: bool
    key: str                  # the key under results:
    field: str                # actual / level / unmet / score
    value: Any
    indicator: tuple[str, ...]


def snapshot(path: str) -> tuple[Snapshot, bytes]:
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
        st = os.stat(path)
    except FileNotFoundError:
        raise PerfscoreError("文件不存在", path) from None
    except OSError as exc:
        raise PerfscoreError(f"无法读取：{exc.strerror}", path) from None
    return Snapshot(st.st_mtime_ns, hashlib.sha256(raw).hexdigest()), raw


def parse_value(text: str) -> Any:
    """The command line's VALUE as the YAML value it stands for: 12 → int, 92.50 → Decimal('92.50'), else text.

    A number beyond the bounds of :mod:`perfscore.limits` is refused (PerfscoreError)."""
    from ..numbers import bounded

    s = text.strip()
    if _INT_RE.match(s) or _DEC_RE.match(s):
        try:
            number = bounded(parse_decimal(s))
        except ValueError as exc:
            raise PerfscoreError(f"实际完成值“{s[:20]}{'…' if len(s) > 20 else ''}”无法记录：{exc}") from None
        return int(s) if _INT_RE.match(s) else number
    return s


# --------------------------------------------------------------------------- which indicator

def find_leaf(indicator: str, ev: Any, iset: Any, path: str) -> tuple[tuple[str, ...], str]:
    """The leaf path named by ``indicator`` (a name, a ``二级 > 三级`` suffix, or a results key),
    and the key it has or will have under ``results:``."""
    from ..model import resolve_results
    from .new import result_keys

    existing = resolve_results(ev, iset)
    by_key = {k: p for p, k in existing.items()}
    if indicator in by_key:
        return by_key[indicator], indicator
    wanted = tuple(part.strip() for part in indicator.split(">"))
    leaves = [p for p, _ in iset.leaves()]
    matches = [p for p in leaves if p[-len(wanted):] == wanted]
    if not matches:
        names = sorted({p[-1] for p in leaves} | set(by_key))
        hint = did_you_mean(wanted[-1], names)
        containing = [n for n in names if wanted[-1] in n]
        if not hint and containing:
            hint = f"，是否想写“{'”或“'.join(containing[:3])}”？"
        raise PerfscoreError(f"指标体系“{iset.indicator_set}”中没有指标“{indicator}”{hint}", path)
    if len(matches) > 1:
        options = "、".join(SEP.join(m) for m in matches)
        raise PerfscoreError(f"“{indicator}”同时对应多个指标（{options}），请写出路径，如“{SEP.join(matches[0][-2:])}”",
                             path)
    leaf = matches[0]
    return leaf, existing.get(leaf) or result_keys(iset)[leaf]


def field_for(iset: Any, leaf: tuple[str, ...], value: Any) -> tuple[str, Any]:
    """Which input of the result the value goes to, by the leaf's rule; the value in that field's form."""
    from ..scoring import rule_for

    node = dict(iset.leaves())[leaf]
    rule = rule_for(node, iset, leaf)
    if rule.kind == "checklist":
        if isinstance(value, int):
            return "unmet", value
        text = str(value).strip()
        if text in ("", "[]", "无", "全部达到", "全部符合"):
            return "unmet", []
        return "unmet", [t.strip() for t in re.split(r"[、,，;；]", text) if t.strip()]
    if rule.kind == "manual":
        if isinstance(value, str):
            raise PerfscoreError(f"“{leaf[-1]}”为酌情评分，应填得分（数字），实为“{value}”")
        return "score", value
    if rule.kind == "qualitative" and isinstance(value, str):
        if value in {lv.name for lv in rule.levels}:  # type: ignore[attr-defined]
            return "level", value
    return "actual", value


# --------------------------------------------------------------------------- text edits

def _colon_after(text: str, index: int) -> int:
    """Index just past the ':' that follows a key ending at ``index``."""
    i = index
    while i < len(text) and text[i] in " \t\"'":
        i += 1
    if i >= len(text) or text[i] != ":":
        raise AssertionError(f"键后没有冒号（位置 {index}）")
    return i + 1


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _get(mapping: Any, key: str) -> tuple[Any, Any] | None:
    for k, v in mapping.value:
        if str(k.value) == key:
            return k, v
    return None


def _set_value(text: str, k: Any, v: Any, rendered: str) -> tuple[int, int, str]:
    """Replace a scalar value (or fill an empty one) of key node ``k``."""
    if v.id == "scalar" and v.value == "" and v.style is None:
        at = _colon_after(text, k.end_mark.index)
        return at, at, " " + rendered
    return v.start_mark.index, v.end_mark.index, rendered


def _last_end(text: str, node: Any, key: Any = None) -> int:
    """Where the last value of a block node ends on its line (empty scalars: their key's line)."""
    if node.id == "mapping" and not node.flow_style and node.value:
        k, v = node.value[-1]
        return _last_end(text, v, k)
    if node.id == "sequence" and not node.flow_style and node.value:
        return _last_end(text, node.value[-1])
    if node.id == "scalar" and node.value == "" and node.style is None and key is not None:
        return key.end_mark.index
    return node.end_mark.index


def edits(text: str, key: str, fields: dict[str, Any]) -> list[tuple[int, int, str]]:
    """The text edits that set ``results[key][field] = value`` for each field."""
    from ruamel.yaml import YAML

    root = YAML(typ="rt").compose(text)
    if root is None or root.id != "mapping":
        raise PerfscoreError("文件内容应为映射（键: 值）", None)
    found = _get(root, "results")

    def entry_text(flow: bool) -> str:
        if list(fields) == ["actual"]:
            return scalar(fields["actual"], flow)
        return "{" + ", ".join(f"{f}: {_render(v, True)}" for f, v in fields.items()) + "}"

    if found is None:
        end = len(text)
        lead = "" if text.endswith("\n") or not text else "\n"
        return [(end, end, f"{lead}results:\n  {scalar(key)}: {entry_text(False)}\n")]
    rk, results = found
    if results.id == "scalar" and results.value == "":
        at = _colon_after(text, rk.end_mark.index)
        return [(at, at, f" {{{scalar(key, True)}: {entry_text(True)}}}")]
    if results.id != "mapping":
        raise PerfscoreError("results 应为映射（指标名: 实际完成值）", None)
    entry = _get(results, key)
    if entry is None:
        if results.flow_style:
            at = results.end_mark.index - 1
            sep = ", " if results.value else ""
            return [(at, at, f"{sep}{scalar(key, True)}: {entry_text(True)}")]
        if not results.value:
            raise AssertionError("空的块映射")
        indent = results.value[0][0].start_mark.column
        at = _line_end(text, _last_end(text, results))
        return [(at, at, "\n" + " " * indent + f"{scalar(key)}: {entry_text(False)}")]
    k, v = entry
    if v.id == "scalar":
        if list(fields) == ["actual"]:
            return [_set_value(text, k, v, scalar(fields["actual"]))]
        old = {} if v.value == "" and v.style is None else {"actual": _scalar_value(text, v)}
        merged = {**old, **fields}
        body = "{" + ", ".join(f"{f}: {_render(x, True)}" for f, x in merged.items()) + "}"
        return [_set_value(text, k, v, body)]
    if v.id != "mapping":
        raise PerfscoreError(f"results 中“{key}”应为实际完成值或映射", None)
    out = []
    missing = {}
    for f, value in fields.items():
        pair = _get(v, f)
        if pair is None:
            missing[f] = value
        else:
            out.append(_set_value(text, pair[0], pair[1], _render(value, bool(v.flow_style))))
    if missing:
        if v.flow_style or not v.value:
            body = ", ".join(f"{f}: {_render(x, True)}" for f, x in missing.items())
            if not v.value and not v.flow_style:
                raise AssertionError("空的块映射")
            at = v.end_mark.index - 1      # before the closing brace: new fields go last
            out.append((at, at, (", " if v.value else "") + body))
        else:       # new fields go last, on lines of their own after the entry's last line
            pad = " " * v.value[0][0].start_mark.column
            at = _line_end(text, _last_end(text, v))
            out.append((at, at, "".join(f"\n{pad}{f}: {_render(x, False)}" for f, x in missing.items())))
    return out


def _scalar_value(text: str, node: Any) -> Any:
    from ..yamlio import read_yaml

    return read_yaml("<value>", "v: " + text[node.start_mark.index:node.end_mark.index] + "\n")["v"]


def _render(value: Any, flow: bool) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(scalar(x, True) for x in value) + "]"
    return scalar(value, flow)


def apply(text: str, changes: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(changes, key=lambda c: c[0], reverse=True):
        text = text[:start] + new + text[end:]
    return text


# --------------------------------------------------------------------------- the command

def prepare(path: str, indicator: str, value: str, note: str | None = None, *, field: str | None = None,
            expected: str | None = None) -> Plan:
    """Read, find the indicator, compute and verify the edited text. Writes nothing.

    ``expected``: the sha256 (hex) the caller last saw; a file that differs raises :class:`StaleFile`."""
    from ..loading import evaluation_set, load_evaluation
    from ..yamlio import read_yaml

    before, raw = snapshot(path)
    if expected is not None and expected != before.digest:
        raise StaleFile(STALE, path)
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PerfscoreError(f"文件不是 UTF-8 编码（第{exc.start}字节）", path) from None
    data = read_yaml(path, text)
    ev = load_evaluation(path, data, text)
    iset = evaluation_set(ev)
    leaf, key = find_leaf(indicator, ev, iset, path)
    fields = _fields(iset, leaf, value, note, field)
    first = next(iter(fields))
    try:
        new = apply(text, edits(text, key, fields))
    except PerfscoreError as exc:
        exc.file = path
        raise
    _verify(path, data, new, key, fields, iset)
    return Plan(path, before, text, new, bom, key, first, fields[first], leaf)


def _fields(iset: Any, leaf: tuple[str, ...], value: str, note: str | None, field: str | None) -> dict[str, Any]:
    """The fields of the result entry to set, in order (the first is the one reported)."""
    if field == "deviation":
        return {"deviation": value}
    if field == "score":
        parsed = parse_value(value)
        if isinstance(parsed, str):
            raise PerfscoreError(f"“{leaf[-1]}”的申报得分应为数字，实为“{value}”")
        fields: dict[str, Any] = {"score": parsed}
    elif field in (None, "actual"):
        name, parsed = field_for(iset, leaf, parse_value(value))
        fields = {name: parsed}
    else:
        raise PerfscoreError(f"不能记录“{field}”（可记录：{'、'.join(FIELDS)}）")
    if note is not None:
        fields["deviation"] = note
    return fields


def _verify(path: str, data: Any, new: str, key: str, fields: dict[str, Any], iset: Any) -> None:
    """The edited document must be the old one with exactly these values set, and must still load."""
    from ..loading import load_evaluation
    from ..yamlio import read_yaml

    expected = copy.deepcopy(data)
    results = expected.get("results")
    if not isinstance(results, dict):
        results = expected["results"] = {}
    entry = results.get(key)
    if not isinstance(entry, dict):
        entry = {} if entry is None else {"actual": entry}
    results[key] = {**entry, **fields}
    got = read_yaml(path, new)
    normalized = copy.deepcopy(got)
    value = (normalized.get("results") or {}).get(key)
    if not isinstance(value, dict):     # the short form ``名称: 12`` stands for ``{actual: 12}``
        normalized["results"][key] = {} if value is None else {"actual": value}
    if normalized != expected:
        raise AssertionError(f"{path}: 改写后的文件读回与预期不一致，未写入")
    from ..scoring import score

    score(load_evaluation(path, got, new), iset)


def commit(plan: Plan) -> None:
    """Write the planned text atomically, unless the file changed since :func:`prepare` read it."""
    from ..atomic import write_atomic

    now, _ = snapshot(plan.path)
    if now != plan.before:
        raise StaleFile(STALE, plan.path)
    write_atomic(plan.path, (b"\xef\xbb\xbf" if plan.bom else b"") + plan.new.encode("utf-8"), edits_input=True)


@contextmanager
def edit_lock(path: str) -> Iterator[None]:
    """Hold the advisory lock of one evaluation file (its real path) while the block runs."""
    from filelock import FileLock, Timeout

    from ..limits import LOCK_TIMEOUT

    real = os.path.realpath(path)
    lock = FileLock(os.path.join(os.path.dirname(real), f".{os.path.basename(real)}.perfscore-lock"),
                    timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except Timeout:
        raise PerfscoreError(f"文件正被另一次记录修改，等待{LOCK_TIMEOUT:g}秒仍未轮到，未写入；请稍后重试",
                             path) from None
    except OSError as exc:
        raise PerfscoreError(f"无法锁定文件以便修改（{os_reason(exc)}），未写入", path) from None
    try:
        yield
    finally:
        lock.release()


def record(path: str, indicator: str, value: str, note: str | None = None, *, field: str | None = None,
           expected: str | None = None) -> Plan:
    """Read, check and write one value under the file's lock (the API of ``perfscore record``)."""
    with edit_lock(path):
        plan = prepare(path, indicator, value, note, field=field, expected=expected)
        commit(plan)
    return plan
