"""The batch summary workbook: seeds through the real check stream, edge cases through a fake one."""
from __future__ import annotations

import subprocess
import sys
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest

from helpers import ROOT, SEED, cli
from perfscore.checks import FileReport, iter_reports
from perfscore.findings import Finding
from perfscore.formats.summary import write_summary

openpyxl = pytest.importorskip("openpyxl")
INJECTION = '=HYPERLINK("http://example.com","点我")'


def rows(path: Path, sheet: str) -> list[tuple]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))


def test_summary_of_the_seed(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "汇总.xlsx"
    stats = write_summary(iter_reports(["evaluations", "indicator_sets"]), str(out))
    assert (stats.files, stats.evaluations, stats.findings) == (10, 3, {"error": 4, "warning": 12, "notice": 11})
    assert openpyxl.load_workbook(out).sheetnames == ["评价汇总", "问题清单", "等级分布"]
    d = "evaluations/2024/景德镇市人民政府办公室/"
    assert rows(out, "评价汇总") == [
        ("文件", "项目名称", "主管部门", "年度", "评价类型", "申报总分", "复核总分", "申报等级", "复核等级", "错误", "警告",
         "提示", "备注"),
        (d + "市政府值班、信息化等专项工作经费-自评.yaml", "市政府值班、信息化等专项工作经费", "景德镇市人民政府办公室", 2024,
         "自评", 100, 100, None, "优", 0, 0, 0, None),
        (d + "政府公报编制及印发专项经费-自评.yaml", "政府公报编制及印发专项经费", "景德镇市人民政府办公室", 2024, "自评", 96,
         95.92, None, "优", 2, 4, 0, None),
        (d + "政府公报编制及印发专项经费-部门评价.yaml", "政府公报编制及印发专项经费", "景德镇市人民政府办公室", 2024,
         "部门评价", 95, 96, "优", "优", 0, 3, 4, None),
    ]
    findings = rows(out, "问题清单")
    assert findings[0] == ("范围", "文件", "行", "列", "代码", "严重程度", "指标", "说明", "申报值", "复核值")
    assert len(findings) == 1 + 27
    assert findings[1] == ("评价", d + "政府公报编制及印发专项经费-自评.yaml", 26, 12, "PS201", "错误",
                           "产出指标 > 数量 > 政府公报刊物印刷份数", "申报得分5超过分值3", 5, 3)
    assert [r[4] for r in findings if r[0] == "跨文件"] == ["PS305", "PS301", "PS304"]
    assert rows(out, "等级分布") == [("等级", "复核评价数", "申报评价数"), ("优", 3, 1), ("合计", 3, 1)]
    chart = openpyxl.load_workbook(out)["等级分布"]._charts
    assert len(chart) == 1 and len(chart[0].series) == 2


def fake(n: int, bad_message: str = "申报得分5超过分值3") -> object:
    """A stream like iter_reports: n evaluations, an unreadable file, then the cross report."""
    for i in range(n):
        grade = ("优", "良", "合格", "差")[i % 4]
        finding = Finding("PS201", "error", f"e{i:05}.yaml", bad_message, "产出 > 数量 > 份数", Decimal(5), Decimal(3), 7, 3)
        yield FileReport(f"e{i:05}.yaml", "evaluation", [finding], row={
            "file": f"e{i:05}.yaml", "project": f"项目{i}", "department": "某局", "year": 2024, "kind": "自评",
            "declared_total": "91.5", "total": "90.25", "declared_grade": "优", "grade": grade,
            "errors": 1, "warnings": 0, "notices": 0})
    yield FileReport("坏.yaml", "invalid", errors=["坏.yaml:3:1: 重复的键“results”"])
    yield FileReport(None, "cross", [])


def test_summary_from_a_stream_with_an_unreadable_file_and_hostile_text(tmp_path):
    out = tmp_path / "s.xlsx"
    stats = write_summary(fake(4, INJECTION), str(out))
    assert (stats.evaluations, stats.unreadable, stats.findings["error"]) == (4, 1, 4)
    summary = rows(out, "评价汇总")
    assert summary[1] == ("e00000.yaml", "项目0", "某局", 2024, "自评", 91.5, 90.25, "优", "优", 1, 0, 0, None)
    assert summary[-1] == ("坏.yaml",) + (None,) * 11 + ("无法读取：坏.yaml:3:1: 重复的键“results”",)
    wb = openpyxl.load_workbook(out)
    cell = wb["问题清单"]["H2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (INJECTION, "s", True)
    assert not any(c.data_type == "f" for ws in wb for row in ws.iter_rows() for c in row)
    assert rows(out, "等级分布")[1:] == [("优", 1, 4), ("良", 1, 0), ("合格", 1, 0), ("差", 1, 0), ("合计", 4, 4)]


def test_summary_memory_does_not_grow_with_the_batch(tmp_path):
    def peak(n: int) -> int:
        tracemalloc.start()
        write_summary(fake(n), str(tmp_path / f"{n}.xlsx"))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    peak(10)                                             # imports and first-use caches out of the way
    small, large = peak(300), peak(3000)
    assert large < small * 1.5, (small, large)


def test_a_failing_writer_leaves_no_file_and_drains_its_producer(tmp_path):
    consumed = []

    def stream():
        for rep in fake(3):
            consumed.append(rep)
            yield rep
    broken = FileReport("x.yaml", "evaluation", [], row={"total": "1"})
    broken.findings = [Finding("PS999", "fatal", "x.yaml", "?")]      # an unknown severity: the writer fails

    def with_broken():
        yield broken
        yield from stream()
    out = tmp_path / "s.xlsx"
    with pytest.raises(KeyError):
        write_summary(with_broken(), str(out))
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert len(consumed) == 5                            # 3 evaluations, the unreadable file, the cross report


def test_export_command_writes_the_summary_and_exits_1_on_errors(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "汇总.xlsx"
    code, stdout, _ = cli(["export", str(SEED.relative_to(ROOT)), "indicator_sets", "-o", str(out)], capsys)
    assert (code, stdout) == (1, f"已写入 {out}：10 个文件，3 个评价；错误 4，警告 12，提示 11\n")
    assert len(rows(out, "评价汇总")) == 4


def test_help_imports_no_excel_library():
    code = ("import sys, perfscore.cli, perfscore.formats;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('xlsxwriter', 'openpyxl')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "[]\n"
