"""Fixtures shared by the tests (plain helpers live in helpers.py: import them from there)."""
from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis example counts: "default" keeps the README's test command fast; "ci-deep" searches
# ten times wider on demand (HYPOTHESIS_PROFILE=ci-deep python -m pytest -q).
settings.register_profile("default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci-deep", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True, scope="session")
def _check_cache_outside_the_repository(tmp_path_factory: pytest.TempPathFactory):
    """`perfscore check` keeps a cache at the root of the checked tree: in the tests (and in the
    subprocesses they start) it goes to a temporary directory instead of the repository."""
    os.environ["PERFSCORE_CACHE_DIR"] = str(tmp_path_factory.mktemp("perfscore_cache"))
    yield
    os.environ.pop("PERFSCORE_CACHE_DIR", None)


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """write("indicator_sets/x.yaml", text) → the path, text dedented."""
    def _write(name: str, text: str) -> Path:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return p
    return _write
