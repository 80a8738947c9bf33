"""The command line (``perfscore``): :mod:`.app` holds the typer app, the exit codes, the one error
handler and the output writers; :mod:`.commands` holds one module per command.

Importing this package stays light (``perfscore --help`` is fast): the commands import the heavy
parts of perfscore inside their bodies.
"""
from __future__ import annotations

from .app import ExitCode, app, main

__all__ = ["ExitCode", "app", "main"]
