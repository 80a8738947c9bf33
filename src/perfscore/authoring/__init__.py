"""Authoring: start an evaluation from a set (new), import an Excel 自评表 (importer),
record actuals in place (record), JSON Schemas for editors (schema)."""
