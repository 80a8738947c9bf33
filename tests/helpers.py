"""Shared test helpers: the repository root, the seed, and the CLI called in-process."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "evaluations" / "2024" / "景德镇市人民政府办公室"


def cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``perfscore ARGV`` in this process → (exit code, stdout, stderr)."""
    from perfscore.cli import main

    capsys.readouterr()
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err
