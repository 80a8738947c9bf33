"""Bad input: each rejected at load with `file:line:col: 说明`, exit 2 and no traceback; the loader's speed and exactness."""
from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from helpers import cli, perfscore
from perfscore.yamlio import c_parser_active, read_yaml

SET = """\
indicator_set: t
total: 100
budget: {weight: 10}
indicators:
  - name: 产出指标
    weight: 90
    children:
      - name: 数量
        children:
          - {name: 印刷份数, target: "≥100份", weight: 60}
          - name: 编制期数
            target: "=12期"
            weight: 30
"""

EVAL = """\
project: 测试项目
department: 测试部门
year: 2024
kind: 自评
indicator_set: t
results:
  印刷份数: {actual: 100, score: 60}
  编制期数: {actual: 12, score: 30}
"""

S, E = "indicator_sets/t.yaml", "evaluations/a.yaml"
LEAF = "产出指标 > 数量 > 编制期数: "


def formula(expr: str) -> tuple[str, str, str]:
    return (S, "weight: 30\n", f'weight: 30\n            rule: {{kind: formula, expr: "{expr}"}}\n')


CASES = [
    ("tab-in-indentation", [(S, "total: 100\n", "total: 100\n\tx: 1\n")],
     f"{S}:3:1: 缩进中不能使用制表符（Tab），请改用空格"),
    ("duplicate-key", [(S, "budget:", "total: 90\nbudget:")],
     f"{S}:3:1: 重复的键“total”（第2行已有同名的键）"),
    ("unclosed-flow-mapping", [(S, "weight: 60}", "weight: 60")],
     f"{S}:11:17: 花括号“{{”未闭合（始于第10行第13列）：此处应为“,”或“}}”"),
    ("weight-not-a-number", [(S, "weight: 30", "weight: 五")],
     f"{S}:13:21: {LEAF}“weight”应为数字，实为“五”"),
    ("unknown-rule-kind", [(S, "weight: 30\n", "weight: 30\n            rule: {kind: rato}\n")],
     f"{S}:14:26: {LEAF}没有这种评分规则：“rato”，是否想写“ratio”？"),
    ("missing-weight", [(S, "            weight: 30\n", "")],
     f"{S}:11:13: {LEAF}缺少必填字段“weight”（末级指标须有分值；空的分组写 children: []）"),
    ("bad-target", [(S, '"=12期"', '"≥abc%"')],
     f"{S}:12:21: {LEAF}目标值“≥abc%”无法识别：“≥”后应为数字，实为“abc%”"),
    ("unknown-field", [(S, "weight: 30\n", 'weight: 30\n            targt: "=12期"\n')],
     f"{S}:14:20: {LEAF}未知字段“targt”，是否想写“target”？"),
    ("formula-attribute", [formula("weight.__class__")], f"{S}:14:41: {LEAF}公式第1列：不允许访问属性（.）"),
    ("formula-power", [formula("weight ** 99999")], f"{S}:14:41: {LEAF}公式第8列：不允许乘方（**）"),
    ("formula-assignment", [formula("weight = 3")],
     f"{S}:14:41: {LEAF}公式第8列语法错误（只允许单个表达式，不允许赋值）"),
    ("formula-call", [formula("open('x')")],
     f"{S}:14:41: {LEAF}公式第1列：不允许调用“open”，只能用 min max abs floor ceil"),
    ("formula-unknown-name", [formula("wieght * 2")],
     f"{S}:14:41: {LEAF}公式第1列：未知名称“wieght”，是否想写“weight”？"),
    ("unknown-indicator", [(E, "印刷份数:", "印刷分数:")],
     f"{E}:7:3: 指标体系“t”中没有指标“印刷分数”，是否想写“印刷份数”？"),
    ("unknown-indicator-set", [(E, "indicator_set: t", "indicator_set: tt")],
     f"{E}:5:16: 找不到指标体系“tt”，是否想写“t”？"),
    ("year-not-a-number", [(E, "year: 2024", "year: 二〇二四")],
     f"{E}:3:7: “year”应为整数，实为“二〇二四”"),
    # what only the loader sets is not a field: a user-written one is an unknown key
    ("set-path", [(S, "total: 100\n", "total: 100\npath: /etc/passwd\n")], f"{S}:3:7: 未知字段“path”，是否想写“parts”？"),
    ("set-framework", [(S, "total: 100\n", "total: 100\nframework: x\n")], f"{S}:3:12: 未知字段“framework”，是否想写“grade_words”？"),
    ("evaluation-path", [(E, "year: 2024\n", "year: 2024\npath: /etc/passwd\n")], f"{E}:4:7: 未知字段“path”，是否想写“parts”？"),
]


@pytest.mark.parametrize("edits, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_exit_2(edits: list[tuple[str, str, str]], message: str, tmp_path: Path,
                          monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    files = {S: SET, E: EVAL}
    for name, old, new in edits:
        assert files[name].count(old) == 1, old
        files[name] = files[name].replace(old, new)
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for command in ("check", "validate"):
        code, out, err = cli([command, "indicator_sets", "evaluations"], capsys)
        assert (code, err) == (2, message + "\n"), (command, out)


def test_the_untouched_inputs_load(tmp_path: Path) -> None:
    for name, text in {S: SET, E: EVAL}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    proc = perfscore("check", "indicator_sets", "evaluations", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")


def test_c_parser_is_active() -> None:
    assert c_parser_active()


@pytest.mark.parametrize("text, value", [
    ("0.125", Decimal("0.125")),
    ("2.675", Decimal("2.675")),
    ("0.1", Decimal("0.1")),
    ("1_000.5", Decimal("1000.5")),
    ("1e3", Decimal("1E+3")),
])
def test_yaml_floats_are_exact_decimals(text: str, value: Decimal, tmp_path: Path) -> None:
    got = read_yaml(str(tmp_path / "x.yaml"), f"x: {text}\n")["x"]
    assert type(got) is Decimal and got == value and str(got) == str(value)


def test_cli_import_is_light() -> None:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", "import perfscore.cli"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    modules = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "perfscore.cli" in modules                    # the measurement itself works
    heavy = sorted(m for m in modules if m.split(".")[0] in ("ruamel", "xlsxwriter", "openpyxl")
                   or m in ("perfscore.model", "perfscore.loading", "perfscore.scoring", "perfscore.yamlio",
                            "perfscore.grades")
                   or m.startswith("perfscore.rules"))
    assert heavy == []
