"""Where each value of an imported YAML file came from in its workbook.

``perfscore import`` writes, beside every YAML file it produces, a sidecar
``<name>.cells.json``::

    {"format": "perfscore-cells/1",
     "workbook": "../自评表.xlsx",            # relative to the sidecar's directory
     "sheet": "自评表",
     "cells": [[[], "A1"],
               [["results", "印刷份数"], "D14"],
               [["results", "印刷份数", "score"], "H14"], ...]}

Keys are YAML key paths as :func:`perfscore.yamlio.locate` takes them (mapping keys and
list indexes). The mapping is by key, not by line, so it survives edits of the YAML
(``perfscore record``, hand edits): a value keeps pointing at the cell it was read from.
The sidecar is JSON so that directory walks for ``*.yaml`` never pick it up.

A document that is not a workbook (text, PDF, html, docx) has ``"sheet": null`` and each
cell is the full location after the document's name: ``":612"`` (决算.txt:612),
``"#page=12 r8c6"``, ``"#table 2 r5c7"``.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Any, Sequence

FORMAT = "perfscore-cells/1"
SUFFIX = ".cells.json"


def sidecar_path(yaml_path: str) -> str:
    root, _ = os.path.splitext(yaml_path)
    return root + SUFFIX


def _key(keys: Sequence[Any]) -> tuple[str, ...]:
    return tuple(str(k) for k in keys)


@lru_cache(maxsize=256)
def _load(side: str, stamp: tuple[int, int]) -> tuple[str, dict[tuple[str, ...], str]] | None:
    try:
        with open(side, encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("format") != FORMAT:
            return None
        book = os.path.normpath(os.path.join(os.path.dirname(side), data["workbook"]))
        # a workbook's cells are refs within its sheet; other documents' cells are full locations
        prefix = book if data["sheet"] is None else f"{book}!{data['sheet']}!"
        return prefix, {_key(k): str(c) for k, c in data["cells"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def cell_of(yaml_path: str | os.PathLike[str], keys: Sequence[str | int]) -> str | None:
    """``自评表.xlsx!Sheet1!H14`` for a YAML key path of a file made by ``perfscore import``.

    None when the file has no (readable) sidecar. Otherwise the cell of ``keys`` itself, or
    of its deepest ancestor that has one (``[]`` maps to the sheet's title cell, so every
    key path of an imported file lands somewhere in its sheet). The workbook part is the
    workbook's path joined to the YAML file's directory as given, so a relative
    ``yaml_path`` gives a relative workbook path. Cheap to call per finding: the sidecar is
    read once per (path, mtime, size).
    """
    side = sidecar_path(os.fspath(yaml_path))
    try:
        st = os.stat(side)
    except OSError:
        return None
    loaded = _load(side, (st.st_mtime_ns, st.st_size))
    if loaded is None:
        return None
    prefix, cells = loaded
    path = _key(keys)
    for n in range(len(path), -1, -1):
        cell = cells.get(path[:n])
        if cell is not None:
            return prefix + cell
    return None


def write_sidecar(yaml_path: str, workbook: str, sheet: str | None, cells: list[tuple[list[Any], str]]) -> str:
    """Write (atomically) the sidecar of ``yaml_path``; returns its path."""
    from .atomic import write_atomic

    side = sidecar_path(yaml_path)
    rel = os.path.relpath(os.path.abspath(workbook), os.path.dirname(os.path.abspath(side)))
    head = {"format": FORMAT, "workbook": rel.replace(os.sep, "/"), "sheet": sheet}
    # one pair per line: small diffs when an import is redone
    pairs = ",\n".join(json.dumps([list(k), c], ensure_ascii=False) for k, c in cells)
    text = json.dumps(head, ensure_ascii=False)[:-1] + ', "cells": [\n' + pairs + "\n]}\n"
    write_atomic(side, text)
    return side
