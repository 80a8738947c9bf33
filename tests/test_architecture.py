"""The layers contract of pyproject.toml names every top-level module of src/perfscore."""
from __future__ import annotations

import tomllib

from helpers import ROOT


def test_layers_contract_names_every_top_level_module() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    named = [m.strip() for layer in contract["layers"] for m in layer.split("|")]
    package = ROOT / "src" / "perfscore"
    modules = {f"perfscore.{p.stem}" for p in package.glob("*.py") if p.name != "__init__.py"}
    modules |= {f"perfscore.{p.parent.name}" for p in package.glob("*/__init__.py")}
    assert sorted(named) == sorted(modules)
