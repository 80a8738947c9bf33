"""Flat memory: ``perfscore check`` over 2,000 files peaks at about what it takes over 200.

Each run is its own process (peak RSS of a fresh interpreter, through a wrapper that reads
``ru_maxrss`` of its child). The files are small (three indicators) so that the four runs take
seconds; what could grow with the batch is per file, not per indicator: the findings of every
file (PS202, PS203), the cross-document facts and findings (every project is evaluated twice:
PS301, PS305; every department has a summary: PS303), one indicator set per 20 evaluations.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SET = """\
indicator_set: {id}
total: 100
budget: {{weight: 10}}
indicators:
  - {{name: 产出指标, weight: 60, children: [{{name: 数量, children: [
      {{no: 1, name: 印刷份数, target: "≥100份", weight: 30}},
      {{no: 2, name: 编制期数, target: "=12期", weight: 30}}]}}]}}
  - {{name: 满意度指标, weight: 30, children: [{{name: 满意度, children: [
      {{name: 服务对象满意度, target: "≥90%", weight: 30}}]}}]}}
"""

EVAL = """\
project: 项目{project}
department: 部门{department}
year: 2024
kind: {kind}
indicator_set: {set}
funds: {{initial: 100, annual: 100, executed: 100}}
budget: {{rate: 100, score: 10}}
results:
  印刷份数: {{actual: {printed}, score: 30}}
  编制期数: {{actual: 12, score: 30}}
  服务对象满意度: {{actual: 95%, score: 30}}
declared:
  total: {total}
  grade: 优
"""

SUMMARY = """\
department: 部门{department}
year: 2024
evaluations: [{projects}]
grade_counts: {{优: 1, 良: 0, 中: 0, 差: 0}}
"""


def tree(root: Path, n: int) -> Path:
    """n evaluations (n/2 projects, each 自评 and 部门评价), a set per 20, a summary per 20."""
    for i in range(0, n, 20):
        group = i // 20
        (root / "indicator_sets").mkdir(parents=True, exist_ok=True)
        (root / "indicator_sets" / f"s{group:04}.yaml").write_text(SET.format(id=f"s{group:04}"), encoding="utf-8")
        folder = root / "evaluations" / f"d{group:04}"
        folder.mkdir(parents=True)
        for j in range(i, min(i + 20, n)):
            project, kind = j // 2, ("自评", "部门评价")[j % 2]
            (folder / f"e{j:05}.yaml").write_text(EVAL.format(
                project=project, department=group, kind=kind, set=f"s{group:04}", printed=90 + j % 2,
                total=100 - j % 2), encoding="utf-8")
        projects = ", ".join(f"项目{p}" for p in range(i // 2, min(i + 20, n) // 2))
        (folder / "汇总.yaml").write_text(SUMMARY.format(department=group, projects=projects), encoding="utf-8")
    return root


WRAPPER = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    return {n: tree(tmp_path_factory.mktemp(f"n{n}"), n) for n in (200, 2000)}


def test_peak_memory_does_not_grow_with_the_batch(trees: dict[int, Path], tmp_path: Path) -> None:
    runs = {}
    for fmt in ("text", "json"):         # four processes at once: the machine's cores, not the test's patience
        for n, root in trees.items():
            cmd = [sys.executable, "-m", "perfscore", "check", str(root), "--format", fmt,
                   "--cache-dir", str(tmp_path / f"cache-{fmt}-{n}")]
            runs[fmt, n] = subprocess.Popen([sys.executable, "-c", WRAPPER, *cmd], stdout=subprocess.PIPE, text=True)
    peaks = {}
    for key, proc in runs.items():
        out, _ = proc.communicate()
        rss, code = out.split()
        assert code == "1", key                  # findings, nothing unreadable
        peaks[key] = int(rss)
    for fmt in ("text", "json"):
        assert peaks[fmt, 2000] / peaks[fmt, 200] <= 1.3, (fmt, peaks)


def test_the_small_trees_have_the_findings_that_could_pile_up(trees: dict[int, Path]) -> None:
    done = subprocess.run([sys.executable, "-m", "perfscore", "check", str(trees[200]), "--no-cache",
                           "--format", "json"], capture_output=True, text=True)
    import json

    codes = {f["code"] for f in json.loads(done.stdout)["findings"]}
    assert {"PS202", "PS301", "PS303", "PS305"} <= codes, codes
