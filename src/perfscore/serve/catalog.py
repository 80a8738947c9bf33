"""Everything under DIR, checked: one :class:`perfscore.checks.FileReport` per YAML file, kept and
re-checked only when its file changes (by modification time and size), plus the cross-document
findings (PS3xx) over all of them.

A changed, added or removed indicator set (or a file that could not be read, which may have been
one) re-checks everything, since any evaluation may use it. Paths are confined: a file whose real
path (symlinks resolved) lies outside DIR is not listed, read or served.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from typing import Any

from ..checks import FileReport, check_file, locate_all
from ..checks.cross import EvalFacts, SummaryFacts, check_cross
from ..findings import Finding
from ..loading import inside


@dataclass
class Entry:
    rel: str                      # the path below DIR, with "/" (the page's address of the file)
    path: str                     # DIR joined with rel
    stamp: tuple[int, int]        # mtime_ns, size
    report: FileReport


@dataclass
class State:
    """One consistent view of DIR: its files' reports and the cross-document findings."""

    entries: dict[str, Entry] = field(default_factory=dict)       # by rel
    cross: list[Finding] = field(default_factory=list)

    def cross_of(self, path: str) -> list[Finding]:
        return [f for f in self.cross if f.file == path]


class Catalog:
    def __init__(self, root: str) -> None:
        self.root = os.path.realpath(root)
        self._lock = threading.Lock()
        self._state = State()

    def resolve(self, rel: str, refresh: bool = True) -> Entry | None:
        """The entry of a page address, or None: never a path outside DIR, never an unlisted file.
        ``refresh=False``: as DIR was at the last look (no walk; for the page's frequent hash checks)."""
        if not rel or "\\" in rel or "\x00" in rel or rel.startswith("/"):
            return None
        parts = rel.split("/")
        if any(p in ("", ".", "..") for p in parts):
            return None
        entry = (self.state() if refresh else self._state).entries.get(rel)
        if entry is None or not inside(entry.path, self.root):
            return None
        return entry

    def state(self) -> State:
        """The view of DIR as it is now (re-checking what changed since the last call)."""
        with self._lock:
            self._state = self._refresh(self._state)
            return self._state

    def _refresh(self, old: State) -> State:
        from ..loading import forget_index

        stamps: dict[str, tuple[str, tuple[int, int]]] = {}
        for path in _yaml_files(self.root):
            if not inside(path, self.root):
                continue
            try:
                st = os.stat(path)
            except OSError:
                continue
            rel = os.path.relpath(path, self.root).replace(os.sep, "/")
            stamps[rel] = (path, (st.st_mtime_ns, st.st_size))
        changed = {rel for rel, (_, stamp) in stamps.items()
                   if rel not in old.entries or old.entries[rel].stamp != stamp}
        removed = set(old.entries) - set(stamps)
        if not changed and not removed:
            return old
        structural = removed or any(
            rel not in old.entries or old.entries[rel].report.kind in ("set", "invalid") for rel in changed)
        if structural:
            forget_index()
            changed = set(stamps)
        set_dirs = tuple(sorted({os.path.dirname(p) for p, _ in stamps.values()}))
        entries: dict[str, Entry] = {}
        for rel in sorted(stamps):
            path, stamp = stamps[rel]
            if rel in changed:
                entries[rel] = Entry(rel, path, stamp, check_file(path, set_dirs))
            else:
                entries[rel] = old.entries[rel]
        evals = [e.report.facts for e in entries.values() if isinstance(e.report.facts, EvalFacts)]
        summaries = [e.report.facts for e in entries.values() if isinstance(e.report.facts, SummaryFacts)]
        return State(entries, locate_all(check_cross(evals, summaries)))


def _yaml_files(root: str) -> list[str]:
    """The YAML files below DIR, sorted; hidden directories (.git, .venv) are not part of the work."""
    out: list[str] = []
    for top, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
        out += [os.path.join(top, f) for f in sorted(files) if f.endswith((".yaml", ".yml")) and not f.startswith(".")]
    return out


def rel_of(root: str, path: str | None) -> str | None:
    """A finding's file as a page address below DIR (None: outside, or no file)."""
    if not path:
        return None
    if os.path.isabs(path) and inside(path, root):
        return os.path.relpath(os.path.realpath(path), root).replace(os.sep, "/")
    return None


def as_dict(f: Finding, root: str) -> dict[str, Any]:
    """A finding for a page: its fields, its file relative to DIR."""
    d = f.to_dict()
    d["file"] = rel_of(root, f.file) or f.file
    return d
