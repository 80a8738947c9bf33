"""``perfscore record``: write one actual value into an evaluation in place, then show its score."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..app import ExitCode


def record(
    evaluation: Path = typer.Argument(..., help="评价文件（YAML）"),
    indicator: str = typer.Argument(..., help="指标名称，或路径后缀“二级 > 三级”"),
    value: str = typer.Argument(..., help="实际完成值，照录：12、92.5、90.21%、全年、是"),
    note: Optional[str] = typer.Option(None, "--note", help="同时写入偏差原因分析及改进措施（deviation）"),
) -> ExitCode:
    """在评价文件中原地记录一项实际完成值：只改这一处，注释与格式保持不变。"""
    import perfscore

    from ...authoring.record import record as do_record
    from ...numbers import fmt
    from ...yamlio import locate

    plan = do_record(str(evaluation), indicator, value, note)
    line, col = locate(str(evaluation), ["results", plan.key, plan.field], plan.new)
    card = perfscore.score(perfscore.load_evaluation(str(evaluation)))
    item = next(i for i in card.indicators if i.path == plan.indicator)
    shown = f"{fmt(item.score)}/{fmt(item.weight)}" if item.score is not None else item.explanation
    where = f"{evaluation}:{line}:{col}"
    typer.echo(f"{where}: 已记录 {' > '.join(plan.indicator)}：{plan.field} = {value}（得分 {shown}）")
    return ExitCode.OK
