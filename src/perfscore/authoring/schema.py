"""JSON Schemas for editors, generated from the pydantic models.

``perfscore schema -o schemas`` writes one schema per document kind. A YAML file names
its schema on its first line so that editors using yaml-language-server complete keys
and flag mistakes as one types::

    # yaml-language-server: $schema=../../../schemas/evaluation.schema.json

The generated schema is adjusted where the YAML is more lenient than the model's
validated form: a target is written as text or a number, ``grades`` may name a built-in
scale, a result may be just its actual (``印刷份数: 26400``). Fields perfscore fills in
itself (``path``, ``framework``) are left out.
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

_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "IndicatorSet": {
        "indicator_set": "指标体系编号，评价文件以此引用", "name": "指标体系名称", "extends": "继承的框架（如 mof-2020-self）",
        "source": "出处", "total": "总分（原表总计栏的分值）", "precision": "得分精度：0.01、0.1 或 1",
        "grades": "等级标准：内置名称（如 mof-2020）或自定义分档", "budget": "预算执行率指标",
        "defaults": "未写 rule 的指标按此默认规则计分", "stated_counts": "文中声称的各级指标个数（如 {三级: 15}）",
        "indicators": "指标树：一级 → 二级 → 三级", "not_applicable": "不适用指标的处理：rescale 折算、redistribute 分摊、full 满分",
    },
    "Indicator": {
        "name": "指标名称（照录原表）", "no": "原表编号：“指标 3”写 3", "weight": "分值", "target": "年度指标值，照录：=12 期、≥95%、提升",
        "unit": "单位", "criteria": "评分标准原文", "rule": "结构化评分规则（kind: ratio、step、bands…）",
        "children": "下级指标；空的分组写 []", "aliases": "别名", "role": "normal 常规、bonus 加分、penalty 扣分",
    },
    "Evaluation": {
        "project": "项目名称", "department": "主管部门", "implementer": "实施单位", "year": "年度",
        "kind": "评价类型：自评、部门评价、财政评价", "indicator_set": "所用指标体系的编号", "source": "出处",
        "goals": "年度总体目标：expected 预期目标、actual 实际完成情况", "funds": "项目资金（万元）",
        "budget": "预算执行率的申报值：rate 执行率(%)、score 得分、weight 分值", "facts": "计分用到的事实",
        "results": "各三级指标的实际完成值与申报得分，键为指标名称（重名时写路径“二级 > 三级”）",
        "declared": "原表总计栏：weight_total 分值合计、total 总分、grade 等级",
    },
    "Result": {
        "actual": "实际完成值，照录", "level": "定性指标的档次", "unmet": "未达到的要点（列表或个数）", "score": "申报得分",
        "not_applicable": "不适用及原因", "evidence": "佐证", "deviation": "偏差原因分析及改进措施", "reason": "酌情评分的理由",
    },
}


def _describe(schema: dict[str, Any], name: str) -> None:
    for prop, text in _DESCRIPTIONS.get(name, {}).items():
        node = schema.get("properties", {}).get(prop)
        if node is not None:
            node["description"] = text
            node.pop("title", None)


def _patch(schema: dict[str, Any], root: str) -> dict[str, Any]:
    defs = schema.get("$defs", {})
    if "Target" in defs:
        defs["Target"] = {"description": "年度指标值，照录：=12 期、≥95%、≧735人次、100、提升",
                          "type": ["string", "number"]}
    props = schema.get("properties", {})
    for internal in ("path", "framework"):
        props.pop(internal, None)
    if "grades" in props:
        from ..grades import BUILTIN

        props["grades"] = {"anyOf": [{"type": "string", "enum": sorted(BUILTIN)}, {"$ref": "#/$defs/GradeScale"},
                                     {"type": "null"}]}
    if root == "Evaluation":
        props["results"]["additionalProperties"] = {
            "anyOf": [{"$ref": "#/$defs/Result"}, {"type": ["string", "number", "boolean", "null"]}]}
    _describe(schema, root)
    for name, node in defs.items():
        _describe(node, name)
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

    os.makedirs(out_dir, exist_ok=True)
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
