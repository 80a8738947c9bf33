"""Golden outputs: the seed's `check` and every `score` format of A, B and C, byte for byte.

The seed's `check` output is kept as text (tests/golden/check.txt, .json; docs/checks.md shows it);
each `score` output is kept as the SHA-256 of its bytes (tests/golden/digests.json), so the
repository holds one copy of the seed's texts — its YAML — not thirty more. They were captured
before the house was restructured (issue 10); a change that alters an output on purpose
regenerates them with ``PERFSCORE_REGEN_GOLDEN=1 python -m pytest -n 0 tests/test_golden.py``
and says so in its commit message. xlsx is compared by its cells' contents (the zip container
carries timestamps).
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from helpers import ROOT, SEED, cli

GOLDEN = Path(__file__).resolve().parent / "golden"
REGEN = os.environ.get("PERFSCORE_REGEN_GOLDEN") == "1"
EVALUATIONS = {
    "A": SEED / "政府公报编制及印发专项经费-自评.yaml",
    "B": SEED / "市政府值班、信息化等专项工作经费-自评.yaml",
    "C": SEED / "政府公报编制及印发专项经费-部门评价.yaml",
}
TEXT_CASES = [
    ("check.txt", ["check", "indicator_sets", "evaluations"]),
    ("check.json", ["check", "indicator_sets", "evaluations", "--format", "json"]),
] + [
    (f"score-{name}{suffix}.{ext}", ["score", str(path.relative_to(ROOT)), *args])
    for name, path in EVALUATIONS.items()
    for suffix, ext, args in [
        ("", "txt", []),
        ("-explain", "txt", ["--explain"]),
        ("", "json", ["--format", "json"]),
        ("", "md", ["--format", "md"]),
        ("", "csv", ["--format", "csv"]),
        ("", "html", ["--format", "html"]),
        ("-compare", "md", ["--format", "md", "--compare"]),
        ("-compare", "csv", ["--format", "csv", "--compare"]),
        ("-compare", "html", ["--format", "html", "--compare"]),
    ]
]


DIGESTS = GOLDEN / "digests.json"


def _compare(name: str, actual: str) -> None:
    if name.startswith("check."):
        golden = GOLDEN / name
        if REGEN:
            golden.write_bytes(actual.encode("utf-8"))
        assert actual == golden.read_bytes().decode("utf-8")
        return
    digests = json.loads(DIGESTS.read_text(encoding="utf-8"))
    digest = hashlib.sha256(actual.encode("utf-8")).hexdigest()
    if REGEN:
        digests[name] = digest
        DIGESTS.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert digest == digests[name], f"{name} changed; its output now begins:\n{actual[:1500]}"


@pytest.mark.parametrize("name,argv", TEXT_CASES, ids=[c[0] for c in TEXT_CASES])
def test_text_output_is_unchanged(name: str, argv: list[str], monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = cli(argv, capsys)
    expected_code = 1 if argv[0] == "check" else 0
    assert code == expected_code
    _compare(name, out)


def _cells(path: Path) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    lines = []
    for ws in wb.worksheets:
        lines.append(f"# {ws.title}")
        lines += [json.dumps([c.value for c in row], ensure_ascii=False, default=str) for row in ws.iter_rows()]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", list(EVALUATIONS))
@pytest.mark.parametrize("compare", [False, True], ids=["plain", "compare"])
def test_xlsx_cells_are_unchanged(name: str, compare: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out.xlsx"
    argv = ["score", str(EVALUATIONS[name].relative_to(ROOT)), "--format", "xlsx", "-o", str(out)]
    code, stdout, _ = cli(argv + (["--compare"] if compare else []), capsys)
    assert (code, stdout) == (0, "")
    _compare(f"score-{name}{'-compare' if compare else ''}.xlsx.json", _cells(out))
