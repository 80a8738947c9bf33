"""Findings in their final order (``Finding.sort_key``) without keeping them all in memory.

Files are checked in sorted order and a finding sorts by its file first, so one file's
findings, sorted, can be written as soon as the file is done. Two things break that: a
department summary's findings are known only at the end of the batch, and a finding placed at
a workbook cell (``表.xlsx!Sheet!C12``) sorts by the workbook's name, not the YAML file's. Once
one of those is met, the findings of later files wait in a temporary file (in order), and at
the end they are merged with the held ones.
"""
from __future__ import annotations

import heapq
import json
import tempfile
from typing import IO, Any, Iterable, Iterator

from ..findings import Finding

Key = tuple[Any, ...]


class InOrder:
    def __init__(self, hold_all: bool = False) -> None:
        self._holding = hold_all
        self._held: list[tuple[Key, dict[str, Any]]] = []
        self._spill: IO[str] | None = None

    def hold_from_here(self) -> None:
        """Nothing more is written until :meth:`finish` (a file whose findings come at the end was reached)."""
        self._holding = True

    def add(self, file: str, findings: Iterable[Finding]) -> Iterator[dict[str, Any]]:
        """One file's findings; yields (as ``to_dict()``) those that can be written now."""
        own: list[Finding] = []
        for f in findings:
            if f.file == file:
                own.append(f)
            else:
                self.hold([f])
        own.sort(key=Finding.sort_key)
        if not self._holding:
            for f in own:
                yield f.to_dict()
            return
        if self._spill is None:
            self._spill = tempfile.TemporaryFile("w+", encoding="utf-8", prefix="perfscore-findings-")
        for f in own:
            self._spill.write(json.dumps([f.sort_key(), f.to_dict()], ensure_ascii=False) + "\n")

    def hold(self, findings: Iterable[Finding]) -> None:
        """Findings whose place is not this file's: written, in order, by :meth:`finish`."""
        for f in findings:
            self._held.append((f.sort_key(), f.to_dict()))
            self._holding = True

    def finish(self) -> Iterator[dict[str, Any]]:
        """Everything not written yet, in order."""
        self._held.sort(key=lambda x: x[0])
        spilled: Iterator[tuple[Key, dict[str, Any]]] = iter(())
        if self._spill is not None:
            self._spill.seek(0)
            spilled = ((tuple(k), d) for k, d in map(json.loads, self._spill))
        try:
            for _, d in heapq.merge(spilled, self._held, key=lambda x: x[0]):
                yield d
        finally:
            if self._spill is not None:
                self._spill.close()
                self._spill = None
            self._held = []
