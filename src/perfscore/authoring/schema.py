"""JSON Schemas for editors, generated from the pydantic models.

``perfscore schema -o schemas`` writes one schema per document kind. A YAML file names
its schema on its first line so that editors using yaml-language-server complete keys
and flag mistakes as one types::

    # yaml-language-server: $schema=../../../schemas/evaluation.schema.json

The generated schema is adjusted where the YAML is more lenient than the model's
validated form: a target is written as text or a number, ``grades`` may name a built-in
scale, a result may be just its actual (``印刷份数: 26400``). The descriptions are the
models' ``Field(description=…)``; what the loader sets (a document's ``path``, a set's
``framework``) is not a field, so a user-written one is an unknown key.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
FILES = {"indicator_set": "indicator_set.schema.json", "evaluation": "evaluation.schema.json",
         "summary": "summary.schema.json"}
MARK = "# yaml-language-server: $schema="

def _untitled(node: dict[str, Any]) -> None:
    """A described property needs no generated title (the model's Field descriptions say what it is)."""
    for prop in node.get("properties", {}).values():
        if "description" in prop:
            prop.pop("title", None)


def _patch(schema: dict[str, Any], root: str) -> dict[str, Any]:
    defs = schema.get("$defs", {})
    if "Target" in defs:
        defs["Target"] = {"description": "年度指标值，照录：=12 期、≥95%、≧735人次、100、提升",
                          "type": ["string", "number"]}
    props = schema.get("properties", {})
    if "grades" in props:
        from ..grades import BUILTIN

        props["grades"] = {"anyOf": [{"type": "string", "enum": sorted(BUILTIN)}, {"$ref": "#/$defs/GradeScale"},
                                     {"type": "null"}], "description": props["grades"]["description"]}
    if root == "Evaluation":
        props["results"]["additionalProperties"] = {
            "anyOf": [{"$ref": "#/$defs/Result"}, {"type": ["string", "number", "boolean", "null"]}]}
    _untitled(schema)
    for node in defs.values():
        _untitled(node)
    return {"$schema": SCHEMA_DRAFT, **schema}


def build() -> dict[str, dict[str, Any]]:
    """The schemas, by file name."""
    from ..model import Evaluation, IndicatorSet, Summary

    out = {}
    for key, model in (("indicator_set", IndicatorSet), ("evaluation", Evaluation), ("summary", Summary)):
        schema = model.model_json_schema(mode="validation")
        out[FILES[key]] = _patch(schema, model.__name__)
    return out


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write(out_dir: str) -> list[str]:
    """Write the schema files into ``out_dir``; returns their paths."""
    from ..atomic import write_atomic

    from ..errors import PerfscoreError, os_reason

    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise PerfscoreError("输出路径已存在且不是目录（schema 的 -o 是目录）", out_dir)
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as exc:
        raise PerfscoreError(f"无法创建输出目录：{os_reason(exc)}", out_dir) from None
    paths = []
    for name, schema in build().items():
        path = os.path.join(out_dir, name)
        write_atomic(path, render(schema))
        paths.append(path)
    return paths


def schema_comment(yaml_path: str, which: str) -> str | None:
    """The ``# yaml-language-server: $schema=…`` line for a file, when a ``schemas/`` directory
    holding the schema is found at or above the file's directory (a relative path, so the
    tree can move); None otherwise."""
    name = FILES[which]
    here = Path(os.path.abspath(yaml_path)).parent
    for d in [here, *here.parents]:
        candidate = d / "schemas" / name
        if candidate.is_file():
            return MARK + os.path.relpath(candidate, here).replace(os.sep, "/")
    return None
