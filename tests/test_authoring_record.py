"""perfscore new and perfscore record: a skeleton from a set, then actuals written in place."""
from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import perfscore
from perfscore.authoring import record as rec
from perfscore.authoring.new import write as write_skeleton
from perfscore.cli import app
from perfscore.errors import PerfscoreError

ROOT = Path(__file__).resolve().parents[1]
DEPT = "2024/景德镇市人民政府办公室"
SET_A = ROOT / "indicator_sets" / DEPT / "政府公报编制及印发专项经费-自评.yaml"
EV_A = ROOT / "evaluations" / DEPT / "政府公报编制及印发专项经费-自评.yaml"

COMMENTED = """\
# 自评表 A，照录原表。   注释里的   空格   也要原样保留
project: 政府公报编制及印发专项经费   # 项目名称
department: 景德镇市人民政府办公室
year: 2024
kind: 自评
indicator_set: 2024-政府公报编制及印发专项经费-自评
funds: {initial: 40, annual: 40, executed: 40}
results:
  # 产出指标 > 数量
  政府公报刊物编制期数: {actual: 12, score: 5}     # 对齐的注释
  政府公报刊物印刷份数:
    actual: 26400        # 原表如此
    score: 5
    deviation: '年中为全面贯彻全市“过紧日子”政策'
  政府公报刊物审核通过率(%): 100
  服务对象满意度(%):   {actual: 86,  score: 14}
declared:
  total: 96
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "indicator_sets").mkdir()
    shutil.copy(SET_A, tmp_path / "indicator_sets" / SET_A.name)
    return tmp_path


def changed(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_record_changes_exactly_one_line_of_a_commented_file(tree: Path) -> None:
    path = tree / "a.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    rec.record(str(path), "政府公报刊物印刷份数", "31200")
    after = path.read_text(encoding="utf-8")
    assert changed(COMMENTED, after) == ["-    actual: 26400        # 原表如此", "+    actual: 31200        # 原表如此"]


@pytest.mark.parametrize("indicator, value, before, after", [
    ("服务对象满意度(%)", "90.21%", "  服务对象满意度(%):   {actual: 86,  score: 14}",
     "  服务对象满意度(%):   {actual: 90.21%,  score: 14}"),
    ("政府公报刊物审核通过率(%)", "99.50", "  政府公报刊物审核通过率(%): 100", "  政府公报刊物审核通过率(%): 99.50"),
    ("数量 > 政府公报刊物编制期数", "11", "  政府公报刊物编制期数: {actual: 12, score: 5}     # 对齐的注释",
     "  政府公报刊物编制期数: {actual: 11, score: 5}     # 对齐的注释"),
    ("政府公报刊物编制期数", "十二期", "  政府公报刊物编制期数: {actual: 12, score: 5}     # 对齐的注释",
     "  政府公报刊物编制期数: {actual: 十二期, score: 5}     # 对齐的注释"),
    ("政府公报刊物编制期数", "a, b", "  政府公报刊物编制期数: {actual: 12, score: 5}     # 对齐的注释",
     '  政府公报刊物编制期数: {actual: "a, b", score: 5}     # 对齐的注释'),
])
def test_record_replaces_only_the_value(tree: Path, indicator: str, value: str, before: str, after: str) -> None:
    path = tree / "a.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    rec.record(str(path), indicator, value)
    assert changed(COMMENTED, path.read_text(encoding="utf-8")) == ["-" + before, "+" + after]


def test_record_keeps_the_decimal_text(tree: Path) -> None:
    path = tree / "a.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    rec.record(str(path), "政府公报刊物审核通过率(%)", "99.50")
    ev = perfscore.load_evaluation(str(path))
    assert str(ev.results["政府公报刊物审核通过率(%)"].actual) == "99.50"


def test_record_a_new_indicator_adds_one_line(tree: Path) -> None:
    path = tree / "a.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    rec.record(str(path), "政府公报刊物派发率(%)", "100")
    assert changed(COMMENTED, path.read_text(encoding="utf-8")) == ["+  政府公报刊物派发率(%): 100"]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines.index("  政府公报刊物派发率(%): 100") == lines.index("declared:") - 1


def test_record_with_note_adds_the_deviation_last(tree: Path) -> None:
    path = tree / "a.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    rec.record(str(path), "政府公报刊物编制期数", "11", note="一期延至次年")
    assert changed(COMMENTED, path.read_text(encoding="utf-8")) == [
        "-  政府公报刊物编制期数: {actual: 12, score: 5}     # 对齐的注释",
        "+  政府公报刊物编制期数: {actual: 11, score: 5, deviation: 一期延至次年}     # 对齐的注释"]


def test_record_note_on_a_block_entry_replaces_the_deviation_line(tree: Path) -> None:
    path = tree / "a.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    rec.record(str(path), "政府公报刊物印刷份数", "26400", note="改为线上查阅")
    assert changed(COMMENTED, path.read_text(encoding="utf-8")) == [
        "-    deviation: '年中为全面贯彻全市“过紧日子”政策'", "+    deviation: 改为线上查阅"]


def test_record_unknown_indicator_says_did_you_mean(tree: Path) -> None:
    path = tree / "a.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    with pytest.raises(PerfscoreError) as exc:
        rec.record(str(path), "政府公报刊物印刷分数", "1")
    assert str(exc.value) == (f"{path}: 指标体系“2024-政府公报编制及印发专项经费-自评”中没有指标“政府公报刊物印刷分数”，"
                              "是否想写“政府公报刊物印刷份数”？")
    with pytest.raises(PerfscoreError) as exc:
        rec.record(str(path), "印刷份数", "1")
    assert exc.value.message.endswith("没有指标“印刷份数”，是否想写“政府公报刊物印刷份数”？")
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_record_refuses_when_the_file_changed_underneath(tree: Path) -> None:
    path = tree / "a.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    plan = rec.prepare(str(path), "政府公报刊物印刷份数", "31200")
    someone_else = COMMENTED.replace("total: 96", "total: 95")
    path.write_text(someone_else, encoding="utf-8")
    with pytest.raises(PerfscoreError) as exc:
        rec.commit(plan)
    assert exc.value.message == "文件在读取之后已被修改（可能正在别处编辑），为免覆盖他人改动，未写入；请重新运行"
    assert path.read_text(encoding="utf-8") == someone_else


def test_record_refuses_a_changed_file_even_with_the_same_mtime(tree: Path) -> None:
    path = tree / "a.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    stat = os.stat(path)
    plan = rec.prepare(str(path), "政府公报刊物印刷份数", "31200")
    path.write_text(COMMENTED.replace("96", "95"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    with pytest.raises(PerfscoreError):
        rec.commit(plan)


def test_interrupted_write_leaves_the_original_intact(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tree / "a.yaml"
    path.write_bytes(COMMENTED.encode("utf-8"))

    def crash(fd: int) -> None:
        raise OSError("磁盘已满")

    monkeypatch.setattr("perfscore.atomic.os.fsync", crash)
    with pytest.raises(OSError):
        rec.record(str(path), "政府公报刊物印刷份数", "31200")
    assert path.read_bytes() == COMMENTED.encode("utf-8")
    # no temporary file is left; the lock file of record stays (removing it would race)
    assert sorted(os.listdir(tree)) == [".a.yaml.perfscore-lock", "a.yaml", "indicator_sets"]


def test_record_keeps_a_byte_order_mark(tree: Path) -> None:
    path = tree / "a.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + COMMENTED.encode("utf-8"))
    rec.record(str(path), "政府公报刊物印刷份数", "31200")
    assert path.read_bytes() == b"\xef\xbb\xbf" + COMMENTED.replace("26400", "31200").encode("utf-8")


def test_record_on_the_shipped_seed_changes_one_line(tree: Path) -> None:
    path = tree / "a.yaml"
    shutil.copy(EV_A, path)
    before = path.read_text(encoding="utf-8")
    rec.record(str(path), "服务对象满意度(%)", "90")
    assert changed(before, path.read_text(encoding="utf-8")) == [
        "-  服务对象满意度(%): {actual: 86, score: 14}", "+  服务对象满意度(%): {actual: 90, score: 14}"]


# --------------------------------------------------------------------------- new

def test_new_skeleton_loads_and_every_indicator_is_missing(tree: Path) -> None:
    out = tree / "ev.yaml"
    sk = write_skeleton(str(tree / "indicator_sets" / SET_A.name), str(out), project="政府公报编制及印发专项经费")
    assert sk.findable
    card = perfscore.score(perfscore.load_evaluation(str(out)))
    assert [i.status for i in card.indicators] == ["missing"] * 16
    assert card.budget is not None and card.budget.status == "missing"
    text = out.read_text(encoding="utf-8")
    assert "\n".join(text.splitlines()[3:9]) == """\
project: 政府公报编制及印发专项经费   # 项目名称
department: ""   # 主管部门
implementer: ""   # 实施单位
year: 2024
kind: 自评   # 自评 / 部门评价 / 财政评价
indicator_set: 2024-政府公报编制及印发专项经费-自评"""
    assert "  政府公报刊物印刷份数:   # 年度指标值 =31200 份，分值 3\n    actual:   # 实际完成值\n" in text
    assert "  政务知情提高性:   # 年度指标值 提升，分值 5\n    actual:   # 完成百分比；或改写 level: 达成 / 部分达成 / 未达成\n" in text


def test_new_then_record_fills_one_line_each(tree: Path) -> None:
    out = tree / "ev.yaml"
    write_skeleton(str(SET_A), str(out))
    before = out.read_text(encoding="utf-8")
    rec.record(str(out), "政府公报刊物印刷份数", "26400")
    assert changed(before, out.read_text(encoding="utf-8")) == ["-    actual:   # 实际完成值",
                                                                  "+    actual: 26400   # 实际完成值"]
    card = perfscore.score(perfscore.load_evaluation(str(out)))
    item = next(i for i in card.indicators if i.path[-1] == "政府公报刊物印刷份数")
    assert (item.status, str(item.score)) == ("scored", "2.54")


def test_new_refuses_to_overwrite(tree: Path) -> None:
    out = tree / "ev.yaml"
    out.write_text("mine\n", encoding="utf-8")
    with pytest.raises(PerfscoreError) as exc:
        write_skeleton(str(SET_A), str(out))
    assert str(exc.value) == f"{out}: 文件已存在，未覆盖（确需覆盖请加 --force）"
    assert out.read_text(encoding="utf-8") == "mine\n"


def test_new_refuses_a_framework_without_leaves(tree: Path) -> None:
    with pytest.raises(PerfscoreError) as exc:
        write_skeleton("mof-2020-self", str(tree / "ev.yaml"))
    assert exc.value.message == "指标体系“mof-2020-self”没有三级指标（框架只有分组），请用继承它的项目指标体系"


# --------------------------------------------------------------------------- CLI

def test_cli_new_record_score(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    runner = CliRunner()
    out = runner.invoke(app, ["new", "--set", "2024-政府公报编制及印发专项经费-自评", "-o", "ev.yaml"])
    assert (out.exit_code, out.stdout) == (0, "已生成 ev.yaml：16 个三级指标待填（指标体系 2024-政府公报编制及印发专项经费-自评）\n")
    out = runner.invoke(app, ["record", "ev.yaml", "服务对象满意度(%)", "86"])
    assert out.exit_code == 0
    assert out.stdout == "ev.yaml:56:13: 已记录 满意度 > 满意度 > 服务对象满意度(%)：actual = 86（得分 13.38/14）\n"


def test_cli_record_unknown_indicator_exits_2(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from perfscore.cli import main

    monkeypatch.chdir(tree)
    (tree / "a.yaml").write_text(COMMENTED, encoding="utf-8")
    assert main(["record", "a.yaml", "满意度", "90"]) == 2


def test_record_note_on_a_block_entry_without_deviation_adds_it_last(tree: Path) -> None:
    out = tree / "ev.yaml"
    write_skeleton(str(SET_A), str(out))
    before = out.read_text(encoding="utf-8")
    rec.record(str(out), "政府公报刊物印刷份数", "26400", note="部分单位改为线上查阅")
    assert changed(before, out.read_text(encoding="utf-8")) == [
        "-    actual:   # 实际完成值", "+    actual: 26400   # 实际完成值", "+    deviation: 部分单位改为线上查阅"]
