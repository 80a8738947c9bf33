"""The incremental cache of ``perfscore check``: a second run re-reads only what changed.

Like the caches of ruff and mypy: a directory ``.perfscore_cache/`` (at the root of the checked
tree — the nearest directory holding ``indicator_sets/`` — or ``--cache-dir``) with one JSON
file per checked file, named by a hash of its path. An entry holds the file's report (its
located findings, its row of the batch summary, the facts the cross-document checks need) and
everything that report was computed from:

- the SHA-256 of the file's bytes, and of its workbook sidecar (findings placed at cells);
- perfscore's version and a hash of perfscore's own source, so another engine recomputes;
- every indicator-set lookup the file needed (the evaluation's set, the framework that set
  extends): the id, where it was looked up, the file it resolved to and that file's SHA-256.
  Each lookup is replayed on use, so a set that is edited, added, renamed or moved invalidates
  exactly the files whose result it would change.

The cross-document findings are not cached: they are recomputed from the cached facts on every
run, so a changed file changes the findings of the others in its group. Entries are plain JSON,
read back field by field with type checks (never unpickled): a corrupt, foreign or stale entry
is a miss and is rewritten. Each entry is written under a temporary name and renamed over the
old one, so concurrent runs never read half an entry; the last writer wins, and any complete
entry is valid. A file that could not be read is never cached.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable

from ..errors import PerfscoreError
from ..findings import SEVERITY_RANK, Finding
from ..loading import CACHE_DIR_NAME as CACHE_NAME
from .cross import EvalFacts, SummaryFacts

if TYPE_CHECKING:
    from . import FileReport

FORMAT = 1
KINDS = ("set", "evaluation", "summary")

Lookup = tuple[str, str, bool, str]
"""An indicator-set lookup a report depended on: (id, near, with the batch's directories, resolved file)."""


def default_dir(paths: Iterable[str]) -> str:
    """``.perfscore_cache`` at the root of the checked tree: the nearest directory at or above
    the given paths' common directory that holds ``indicator_sets/``; else that common directory."""
    dirs = [os.path.abspath(p) if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)) for p in paths]
    common = os.path.commonpath(dirs) if dirs else os.getcwd()
    here = common
    while True:
        if os.path.isdir(os.path.join(here, "indicator_sets")):
            return os.path.join(here, CACHE_NAME)
        parent = os.path.dirname(here)
        if parent == here:
            return os.path.join(common, CACHE_NAME)
        here = parent


@lru_cache(maxsize=1)
def engine() -> str:
    """perfscore's version and a hash of its source and shipped data: what computed an entry."""
    from .. import __version__

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    digest = hashlib.sha256(__version__.encode())
    for base, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".yaml", ".yml", ".json", ".tsv", ".txt")):
                full = os.path.join(base, name)
                digest.update(os.path.relpath(full, root).encode() + b"\0")
                with open(full, "rb") as fh:
                    digest.update(hashlib.sha256(fh.read()).digest())
    return f"{__version__}+{digest.hexdigest()[:20]}"


def file_sha(path: str) -> str | None:
    """The sha256 of a regular file within the YAML size bound; None otherwise (a FIFO or
    /dev/urandom is never read here: checking it reports why it cannot be read)."""
    from ..limits import MAX_YAML_BYTES

    try:
        st = os.stat(path)                  # before opening: opening a FIFO waits for a writer
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_YAML_BYTES:
            return None
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read(MAX_YAML_BYTES + 1)).hexdigest()
    except OSError:
        return None


@dataclass
class Probe:
    """What a lookup learned about one file, to store its report under."""

    path: str
    entry: str
    sha: str | None
    sidecar: str | None


class CheckCache:
    def __init__(self, directory: str) -> None:
        self.directory = os.path.abspath(directory)
        self.engine = engine()
        self._shas: dict[str, str | None] = {}          # dependency hashes, once per run
        self._writable = True
        self.hits = self.misses = 0

    # ------------------------------------------------------------------ reading

    def lookup(self, path: str, set_dirs: tuple[str, ...]) -> tuple["FileReport | None", Probe]:
        """The cached report of ``path`` if every input it was computed from is unchanged."""
        from ..cells import sidecar_path

        name = hashlib.sha256(f"{os.path.abspath(path)}\0{path}".encode()).hexdigest()
        probe = Probe(path, os.path.join(self.directory, name[:2], name + ".json"), file_sha(path),
                      file_sha(sidecar_path(path)))
        report = None
        if probe.sha is not None:
            try:
                with open(probe.entry, encoding="utf-8") as fh:
                    report = self._valid(json.load(fh), probe, set_dirs)
            except (OSError, ValueError, TypeError, KeyError, ArithmeticError):
                report = None            # absent, corrupt or foreign: recomputed and rewritten
        if report is None:
            self.misses += 1
        else:
            self.hits += 1
        return report, probe

    def _valid(self, entry: Any, probe: Probe, set_dirs: tuple[str, ...]) -> "FileReport | None":
        from ..loading import find_set

        if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("engine") != self.engine:
            return None
        if (entry["path"], entry["abspath"], entry["sha"], entry["sidecar"]) != (
                probe.path, os.path.abspath(probe.path), probe.sha, probe.sidecar):
            return None
        for set_id, near, batch, resolved, sha in entry["lookups"]:
            if not (isinstance(set_id, str) and isinstance(near, str) and isinstance(batch, bool)
                    and isinstance(resolved, str) and isinstance(sha, str)):
                return None
            try:
                if find_set(set_id, near, set_dirs if batch else ()) != resolved:
                    return None
            except PerfscoreError:
                return None
            if self._sha(resolved) != sha:
                return None
        return _report(probe.path, entry["report"])

    def _sha(self, path: str) -> str | None:
        if path not in self._shas:
            self._shas[path] = file_sha(path)
        return self._shas[path]

    # ------------------------------------------------------------------ writing

    def store(self, probe: Probe, report: "FileReport") -> None:
        """Keep a freshly computed report (not one of a file that could not be read)."""
        if not self._writable or probe.sha is None or report.kind not in KINDS:
            return
        entry = {
            "format": FORMAT, "engine": self.engine, "path": probe.path, "abspath": os.path.abspath(probe.path),
            "sha": probe.sha, "sidecar": probe.sidecar,
            "lookups": [[set_id, near, batch, resolved, self._sha(resolved)]
                        for set_id, near, batch, resolved in report.lookups],
            "report": {"kind": report.kind, "findings": [_finding_json(f) for f in report.findings],
                       "row": report.row, "facts": None if report.facts is None else report.facts.to_json()},
        }
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        try:
            self._write(probe.entry, text)
        except OSError:
            self._writable = False       # a read-only tree: check on without a cache

    def _write(self, target: str, text: str) -> None:
        """Write to a name of our own, then rename over the entry: readers see the old or the new one."""
        directory = os.path.dirname(target)
        if not os.path.isdir(directory):
            self._create_root()
            os.makedirs(directory, exist_ok=True)
        tmp = f"{target}.{os.getpid()}.tmp"
        try:
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def _create_root(self) -> None:
        if os.path.isdir(self.directory):
            return
        os.makedirs(self.directory, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                            "# perfscore check 的缓存目录，可随时删除。\n"),
                           (".gitignore", "# 由 perfscore 自动创建\n*\n")):
            with open(os.path.join(self.directory, name), "w", encoding="utf-8") as fh:
                fh.write(text)


# ---------------------------------------------------------------------- plain data both ways

def _finding_json(f: Finding) -> list[Any]:
    return [f.code, f.severity, f.file, f.message, f.indicator, _text(f.declared), _text(f.computed), f.line,
            f.column]


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _finding(data: Any) -> Finding:
    code, severity, file, message, indicator, declared, computed, line, column = data
    if not (isinstance(code, str) and severity in SEVERITY_RANK and isinstance(message, str)
            and all(x is None or isinstance(x, str) for x in (file, indicator, declared, computed))
            and all(x is None or type(x) is int for x in (line, column))):
        raise ValueError("bad finding")
    return Finding(code, severity, file, message, indicator, None if declared is None else Decimal(declared),
                   None if computed is None else Decimal(computed), line, column)


def _report(path: str, data: Any) -> "FileReport":
    from . import FileReport

    kind, row, facts = data["kind"], data["row"], data["facts"]
    if kind not in KINDS:
        raise ValueError("bad kind")
    if row is not None and not (isinstance(row, dict) and all(
            isinstance(k, str) and (v is None or isinstance(v, (str, int))) for k, v in row.items())):
        raise ValueError("bad row")
    parsed: EvalFacts | SummaryFacts | None = None
    if kind == "evaluation":
        parsed = EvalFacts.from_json(facts)
    elif kind == "summary":
        parsed = SummaryFacts.from_json(facts)
    elif facts is not None:
        raise ValueError("bad facts")
    return FileReport(path, kind, [_finding(f) for f in data["findings"]], row=row, facts=parsed)
