"""``perfscore rule parse | render | try``: Chinese 评分标准 ⇄ structured rules, and a trial score."""
from __future__ import annotations

from typing import List, Optional

import typer

from ..app import ExitCode


def parse(
    text: str = typer.Argument(..., help="评分标准原文"),
    format: str = typer.Option("yaml", "--format", "-f", help="输出格式：yaml 或 json"),
    target: Optional[str] = typer.Option(None, "--target", help="年度指标值（与原文门槛相同则不重复写 reference）"),
) -> ExitCode:
    """把一句评分标准读成结构化规则（YAML；--format json）。"""
    from ...ruletext import parse as parse_rule
    from ...ruletext.output import to_json, to_yaml

    rule = parse_rule(text, target=target)
    typer.echo(to_json(rule) if _format(format) == "json" else to_yaml(rule), nl=False)
    return ExitCode.OK


def render(rule: str = typer.Argument(..., help="规则：YAML/JSON 文件路径，或内联 JSON")) -> ExitCode:
    """把结构化规则写成标准的中文评分标准。"""
    from ...ruletext import render as render_rule

    typer.echo(render_rule(_load_rule(rule)))
    return ExitCode.OK


def try_(
    text: str = typer.Argument(..., help="评分标准原文"),
    weight: str = typer.Option(..., "--weight", help="分值（权重）"),
    target: Optional[str] = typer.Option(None, "--target", help="年度指标值，如 ≥1912个、100%"),
    actual: Optional[str] = typer.Option(None, "--actual", help="实际完成值，如 95%、26400份、3.25万元、是/否"),
    unmet: Optional[str] = typer.Option(None, "--unmet", help="未达到的要点：个数，或以逗号分隔的名称"),
    level: Optional[str] = typer.Option(None, "--level", help="定性档次名称"),
    score: Optional[str] = typer.Option(None, "--score", help="评价人给定的得分（定性、酌情、1~4分档）"),
    fact: Optional[List[str]] = typer.Option(None, "--fact", help="事实取值 名称=值，可重复"),
    format: str = typer.Option("text", "--format", "-f", help="输出格式：text 或 json"),
) -> ExitCode:
    """用一句评分标准给一个指标试算得分。"""
    from ...ruletext.trial import trial

    typer.echo(trial(text, weight, target=target, actual=actual, unmet=unmet, level=level, score=score,
                     facts=fact or [], as_json=_format(format, ("text", "json")) == "json"), nl=False)
    return ExitCode.OK


def _format(value: str, allowed: tuple[str, ...] = ("yaml", "json")) -> str:
    if value not in allowed:
        from ...errors import PerfscoreError

        raise PerfscoreError(f"不支持的输出格式“{value}”，可用：{'、'.join(allowed)}")
    return value


def _load_rule(arg: str) -> object:
    import json
    import os
    from decimal import Decimal

    from ...errors import PerfscoreError

    if os.path.exists(arg):
        from ...yamlio import read_yaml

        data = read_yaml(arg)
        if isinstance(data, dict) and "rule" in data and "kind" not in data:
            data = data["rule"]
        return data
    try:
        return json.loads(arg, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise PerfscoreError(f"规则既不是存在的文件，也不是合法的 JSON：第{exc.pos + 1}个字符处{exc.msg}") from None
