"""Authoring: start an evaluation from a set (new), import an Excel 自评表 (importer),
record actuals in place (record), JSON Schemas for editors (schema).

Only :func:`cell_of` is imported here, and it is light: checks call it for every finding.
"""
from __future__ import annotations

from .cells import cell_of

__all__ = ["cell_of"]
