"""perfscore schema: JSON Schemas from the models, committed under schemas/ and kept current."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from perfscore.authoring.schema import FILES, build, render, schema_comment
from perfscore.model import Evaluation, IndicatorSet, Summary
from perfscore.yamlio import read_yaml

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(FILES.values()))
def test_committed_schemas_are_current(name: str) -> None:
    """A model change without ``perfscore schema`` leaves editors completing stale keys."""
    assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == render(build()[name])


@pytest.mark.parametrize("name, model", [("indicator_set.schema.json", IndicatorSet),
                                         ("evaluation.schema.json", Evaluation),
                                         ("summary.schema.json", Summary)])
def test_schema_properties_are_the_model_fields_users_write(name: str, model: type) -> None:
    schema = build()[name]
    assert set(schema["properties"]) == set(model.model_fields) - {"path", "framework"}
    assert schema["additionalProperties"] is False
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_accepts_the_yaml_spellings() -> None:
    ev = build()["evaluation.schema.json"]
    assert ev["properties"]["results"]["additionalProperties"] == {
        "anyOf": [{"$ref": "#/$defs/Result"}, {"type": ["string", "number", "boolean", "null"]}]}
    st = build()["indicator_set.schema.json"]
    assert st["$defs"]["Target"]["type"] == ["string", "number"]
    from perfscore.grades import BUILTIN

    assert st["properties"]["grades"]["anyOf"][0] == {"type": "string", "enum": sorted(BUILTIN)}
    assert "mof-2020" in BUILTIN
    assert st["$defs"]["Indicator"]["properties"]["weight"]["description"] == "分值"


def test_rule_union_is_schema_generable() -> None:
    from pydantic import TypeAdapter

    from perfscore.rules import AnyRule, RULES

    schema = TypeAdapter(AnyRule).json_schema()
    assert sorted(schema["discriminator"]["mapping"]) == sorted(RULES)


@pytest.mark.parametrize("path", sorted(str(p.relative_to(ROOT)) for p in (ROOT / "evaluations").rglob("*.yaml")) +
                         sorted(str(p.relative_to(ROOT)) for p in (ROOT / "indicator_sets").rglob("*.yaml")))
def test_shipped_files_use_only_schema_keys(path: str) -> None:
    data = read_yaml(str(ROOT / path))
    which = "indicator_set.schema.json" if "indicators" in data else \
        "summary.schema.json" if "evaluations" in data else "evaluation.schema.json"
    assert set(data) <= set(build()[which]["properties"])


def test_schema_comment_points_to_the_nearest_schemas_dir(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "evaluation.schema.json").write_text(json.dumps({}), encoding="utf-8")
    assert schema_comment(str(tmp_path / "evaluations" / "2024" / "x.yaml"), "evaluation") == \
        "# yaml-language-server: $schema=../../schemas/evaluation.schema.json"
    assert schema_comment(str(tmp_path / "x.yaml"), "indicator_set") is None
