"""The real tables as text pasted from a web page, in the shapes such pages print: each transcription
(``../shared/real-tables/NN-*.md``, read in place) rebuilt in the national 附1 layout (tests/realbook.py)
and written out as text — ``|`` between cells with the merged cells missing (an html table flattened),
and words separated by single spaces (empty cells lost) — then imported and checked against the hand
audit as test_real_tables.py does. No error the audit does not support may appear in any shape; where
the ``|`` text keeps every cell, every audit fault must be reported too.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from realbook import UNREADABLE, forms, rows
from test_real_tables import NOT_REACHED, REAL, _at, _tables, audit

# Audit faults the ``|`` text does not reach, and why.
PIPES_MISS = {
    ("06", "PS202"): "the 自评得分 of the head is printed in the rebuilt 总分 row with an empty 分值: not read",
    ("07", "PS213"): "the funds block's 原因 column lies past the funds header the rebuilt text prints",
}


def _text(md: Path, shape: str) -> str:
    out = []
    for form in forms(md):
        grid, merges = rows(form)
        covered = {(r, c) for r1, c1, r2, c2 in merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
                   if (r, c) != (r1, c1)}
        out.append(form.title if "年度" in form.title else f"{form.title}（2020年度）")
        for r, line in enumerate(grid, start=1):
            cells = [v.replace(UNREADABLE, "") for c, v in enumerate(line, start=1) if (r, c) not in covered]
            out.append(" | ".join(cells) + " |" if shape == "pipes" else " ".join(c for c in cells if c))
        out.append("")
    return "\n".join(out) + "\n"


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-tables is not here")
@pytest.mark.parametrize("shape", ["pipes", "spaced"])
@pytest.mark.parametrize("table", _tables(), ids=lambda p: p.name[:2])
def test_the_table_as_page_text_agrees_with_the_audit(table: Path, shape: str, tmp_path: Path) -> None:
    from perfscore.authoring.importer import write_import
    from perfscore.checks import check

    number = table.name[:2]
    if not forms(table):
        pytest.skip(f"{number}: the transcription has neither an indicator block nor a funds block")
    section = audit()[number]
    doc = tmp_path / f"{number}.txt"
    doc.write_text(_text(table, shape), encoding="utf-8")
    done = write_import(str(doc), str(tmp_path / "out"), year=2020)     # files that would not load: none written
    for t in done.tables:
        assert t.used + len(t.unused) == t.cells
    found = [f.to_dict() for f in check([str(tmp_path / "out")]).findings] if done.projects else []
    unsupported = [f for f in found if f["severity"] == "error" and f["code"] not in section.cut
                   and not any(f["code"] == e.code and _at(f, e.place) for e in section.faults)]
    assert unsupported == [], f"{number} as {shape} text: errors the audit does not support"
    if shape == "pipes" and done.projects:
        missing = [e for e in section.faults if (number, e.code) not in {**NOT_REACHED, **PIPES_MISS}
                   and not any(f["code"] == e.code and f["severity"] == e.severity and _at(f, e.place) for f in found)]
        assert missing == [], f"{number} as | text: faults of the audit not reported"
