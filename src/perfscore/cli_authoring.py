"""Commands of the authoring capability (registered on the main app by cli.py). Keep imports light."""
from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
