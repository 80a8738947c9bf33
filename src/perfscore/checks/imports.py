"""Findings of ``perfscore import`` (PS4xx): what the workbook importer could not read.

The importer (:mod:`perfscore.authoring.importer`) reads a sheet by its labels; each cell it
cannot understand becomes one finding built here, located as ``file.xlsx!Sheet!C12``.
"""
from __future__ import annotations

from ..findings import Finding, Severity
from .registry import check


@check("PS401", "error", "导入的工作簿中有无法读取的单元格", scope="import")
def unreadable_cell(where: str, message: str, indicator: str | None = None,
                    severity: Severity = "warning") -> Finding:
    """perfscore import 读不懂某个单元格（分值不是数字、目标值写法无法识别等），该值未导入，其余照常写出；
    位置写作 文件.xlsx!工作表!单元格。

    严重程度随单元格而定：分值、指标名称等读不懂是错误，其他单元格是警告；跳过的非自评表工作表、
    与隐藏记录页不一致而以表中单元格为准之处是提示。"""
    return Finding("PS401", severity, where, message, indicator)
