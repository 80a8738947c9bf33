"""Shared test helpers: the repository root and a writer of small YAML files."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "evaluations" / "2024" / "景德镇市人民政府办公室"


@pytest.fixture
def write(tmp_path: Path):
    """write("indicator_sets/x.yaml", text) → the path, text dedented."""
    def _write(name: str, text: str) -> Path:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return p
    return _write
