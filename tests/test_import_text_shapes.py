"""perfscore import of tables as their published text gives them, in the shapes real pages print
(our own small tables in each shape, each compared with hand-written expected YAML and with what
``perfscore check`` says of it):

- one cell per line, the rows of the indicator table not ended (a page's html flattened cell by cell);
- the 中央对地方转移支付 绩效目标自评表 as ``|`` text: no 分值 / 得分 columns, amounts written
  ``120.5万``, the header broken over two lines, an 一级 name alone on its line, the 年度总体目标
  texts on the next line without their merged label;
- cells separated by spaces (a page's table copied as text), the 一级 printed only as ``(40分)``;
  columns set apart by two spaces or more (text laid out like the page), one space inside a cell;
- one cell per line and nothing between rows (a page whose cells are paragraphs), rows told apart
  by their 三级 names numbered 指标N.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any


from helpers import evaluation_head, unscored_set_head
from perfscore.authoring.importer import write_import
from perfscore.yamlio import read_yaml


def _imported(text: str, tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any], list[tuple[str, str, str]]]:
    """The set and the evaluation written for a one-table text, and the import's findings (place, severity, text)."""
    doc = tmp_path / "页.txt"
    doc.write_text(text, encoding="utf-8")
    done = write_import(str(doc), str(tmp_path / "out"))
    assert done.problems == [] and done.projects == 1
    (table,) = done.tables
    assert table.used + len(table.unused) == table.cells
    out = []
    for kind in ("indicator_sets", "evaluations"):
        (path,) = (tmp_path / "out" / kind).glob("*.yaml")
        data = read_yaml(str(path), path.read_text(encoding="utf-8"))
        data.pop("source")
        out.append(data)
    found = [(f.file.replace(str(doc), "页.txt"), f.severity, f.message) for f in done.findings]
    return out[0], out[1], found


def _checked(tmp_path: Path) -> list[tuple[str, str, str | None, str]]:
    from perfscore.checks import check

    return [(f.code, f.severity, f.indicator, f.message) for f in check([str(tmp_path / "out")]).findings]


def expect(text: str) -> dict[str, Any]:
    loaded = read_yaml("<expected>", text)
    assert isinstance(loaded, dict)
    return loaded


# --------------------------------------------------------------------------- one cell per line, rows not ended

ONE_CELL = """(社区食堂补助)绩效目标自评表
项目绩效自评 (2022年度) |
||||||||
项目名称 |
社区食堂补助 |
|
|
|||||
主管部门 |
某区民政局 |
|
|
|||||
资金情况(万元) |
|
全年预算数(A) |
全年执行数(B) |
分值 |
执行率(B/A) |
得分 |
||
|
年度资金总额: |
20 |
18 |
10 |
90% |
9 |
||
|
其中:本年财政拨款 |
20 |
18 |
|
|
|
||
年度总体目标 |
年初设定目标 |
年度目标完成情况 |
||||||
|
为老年人提供助餐服务 |
全年助餐12000人次 |
||||||
|
一级指标 |
二级指标 |
三级指标 |
分值 |
年度指标值 |
全年实际值 |
得分 |
未完成原因说明 |
|
产出指标(60分) |
数量指标 |
助餐人次 |
40 |
>=10000人次 |
12000人次 |
40 |
|
|
|
|
助餐点数量 |
20 |
>=5个 |
4个 |
20 |
新址装修未完工 |
|
满意度指标(30分) |
服务对象满意度指标 |
老年人满意度 |
30 |
>=9
"""

ONE_CELL_SET = """
indicator_set: 2022-社区食堂补助-自评
name: 社区食堂补助 绩效自评指标（2022年度）
extends: mof-2020-self
indicators:
  - name: 产出指标
    children:
      - {name: 数量指标, children: [{name: 助餐人次, target: ">=10000人次", weight: 40},
                                      {name: 助餐点数量, target: ">=5个", weight: 20}]}
"""
ONE_CELL_EV = """
project: 社区食堂补助
department: 某区民政局
year: 2022
kind: 自评
indicator_set: 2022-社区食堂补助-自评
goals: {expected: 为老年人提供助餐服务, actual: 全年助餐12000人次}
funds:
  annual: 20
  executed: 18
  lines: [{name: "其中:本年财政拨款", annual: 20, executed: 18}]
budget: {weight: 10, rate: 90, score: 9}
results:
  助餐人次: {actual: 12000人次, score: 40}
  助餐点数量: {actual: 4个, score: 20, deviation: 新址装修未完工}
"""


def test_one_cell_per_line_rows_cut_to_the_header_width(tmp_path: Path) -> None:
    """The header (from its row's start to 未完成原因…) is 9 cells wide; the cells after it are rows of 9.
    The last row is cut by the page's end (its target ``>=9`` not even closed): not imported."""
    st, ev, found = _imported(ONE_CELL, tmp_path)
    assert (st, ev) == (expect(ONE_CELL_SET), expect(ONE_CELL_EV))
    assert found == [
        ("页.txt:49", "warning", "未找到“总计”行：没有申报总分"),
        ("页.txt:76", "notice", "表格在“老年人满意度”一行中断（其后没有“总计”行，实际完成值与得分均未印出）：此行未导入")]
    errors = [f for f in _checked(tmp_path) if f[1] != "notice"]
    assert errors == [      # the cut's PS102 on the set; the evaluation's own faults as warnings
        ("PS102", "error", None, "一级指标合计60 + 预算执行率10 = 70，不等于指标体系总分100"),
        ("PS203", "warning", "产出指标 > 数量指标 > 助餐点数量", "申报得分20，按规则重算为16：实际4个，目标≥5个，完成率4/5=80%，20×4/5，得16/20"),
        ("PS205", "warning", "产出指标 > 数量指标 > 助餐点数量", "实际完成值4个未达到年度指标值“>=5个”，却得满分（20/20）")]


def test_one_cell_per_line_complete_with_its_total_and_grade(tmp_path: Path) -> None:
    """The same form printed whole: the last row filled, then 总分 (its own row, whatever its width) and 评价等级."""
    whole = ONE_CELL.replace(">=9", ">=90% |\n95% |\n30 |\n|\n|\n总分 |\n|\n|\n100 |\n|\n|\n99 |\n|\n||\n"
                                    "评价等级 |\n优 |\n||")
    st, ev, found = _imported(whole, tmp_path)
    assert st["indicators"][1] == expect("""
name: 满意度指标
children: [{name: 服务对象满意度指标, children: [{name: 老年人满意度, target: ">=90%", weight: 30}]}]""")
    assert (ev["results"]["老年人满意度"], ev["declared"], found) == (
        {"actual": "95%", "score": 30}, {"weight_total": 100, "total": 99, "grade": "优"}, [])
    assert [f for f in _checked(tmp_path) if f[1] == "error"] == []


def test_one_cell_per_line_rows_are_not_cut_when_the_widths_do_not_hold(tmp_path: Path) -> None:
    """A row one cell short (a merged cell the page dropped) would shift every row after it: no cut,
    the table is skipped with its reason rather than read one column off."""
    short = ONE_CELL.replace("|\n|\n|\n|\n助餐点数量 |", "|\n|\n|\n助餐点数量 |")
    ended = short.replace("未完成原因说明 |\n", "未完成原因说明 |\n||\n")   # the header's row ended
    for n, text in enumerate((short, ended)):
        doc = tmp_path / f"页{n}.txt"
        doc.write_text(text, encoding="utf-8")
        done = write_import(str(doc), str(tmp_path / f"out{n}"))
        assert (done.projects, [t.why for t in done.tables]) == (0, ["指标表下没有可读的指标行（行已错位或被截断），未导入"])


# --------------------------------------------------------------------------- 中央对地方转移支付: no 分值, no 得分

TRANSFER = """社区养老补助资金 绩效目标自评 | |||||||
(2023年度) | |||||||
转移支付(项目)名称 | 社区养老补助资金 | ||||||
中央主管部门 | 某部 | ||||||
地方主管部门 | 某县民政局 | 资金使用单位 | 某县养老服务中心 | ||||
资金投入(万元) | 调整后预算数 | 预算执行数 | 执行率 | ||||
年度资金总额: | 120.5万 | 110万 | 91.29% | ||||
其中:中央财政资金 | 100万 | 90万 | 90% | ||||
地方资金 | 20.5万 | 20万 | 97.56% | ||||
其他资金 | |||||||
资金管理 | 说明 | 问题与措施 | |||||
分配科学性 | 按户分配 | 无 | |||||
总体目标完成情况 | 年度目标 | 实际完成情况 | |||||
为困难老人提供上门服务 | 全年服务困难老人800人 | ||||||
绩效指标 | 一级 指标 |
二级 | 三级 | 年度指标值 | 实际完成值 | 偏差原因 | |
产 出 指 标 |
数量指标 | 服务困难老人人数 | ≥750人 | 800人 | |||
质量指标 | 服务合格率 | ≥95% | 90% | 人员流动 |||
满 意 度 指 标 |
服务对象满意度指标 | 老人满意度 | ≥90% | 96% | |||
"""

TRANSFER_SET = unscored_set_head("社区养老补助资金", 2023) + """
indicators:
  - name: 产出指标
    children:
      - name: 数量指标
        children: [{name: 服务困难老人人数, target: ≥750人, weight: 0}]
      - name: 质量指标
        children: [{name: 服务合格率, target: ≥95%, weight: 0}]
  - name: 满意度指标
    children:
      - name: 服务对象满意度指标
        children: [{name: 老人满意度, target: ≥90%, weight: 0}]
"""
TRANSFER_EV = evaluation_head("社区养老补助资金", "某县民政局", "某县养老服务中心", 2023) + """
goals: {expected: 为困难老人提供上门服务, actual: 全年服务困难老人800人}
funds:
  annual: 120.5
  executed: 110
  lines:
    - {name: "其中:中央财政资金", annual: 100, executed: 90, rate: 90}
    - {name: 地方资金, annual: 20.5, executed: 20, rate: 97.56}
budget: {rate: 91.29}
results:
  服务困难老人人数: {actual: 800人}
  服务合格率: {actual: 90%, deviation: 人员流动}
  老人满意度: {actual: 96%}
"""
UNSCORED = ("原表未列分值与得分（如中央对地方转移支付绩效目标自评表）：只导入资金、年度指标值与实际完成值，"
            "分值按 0 导入，不计分、不评等级")


def test_transfer_payment_form_imports_what_it_prints_and_scores_nothing(tmp_path: Path) -> None:
    st, ev, found = _imported(TRANSFER, tmp_path)
    assert (st, ev) == (expect(TRANSFER_SET), expect(TRANSFER_EV))
    assert found == [("页.txt:16", "notice", UNSCORED)]
    ev_text = next((tmp_path / "out" / "evaluations").glob("*.yaml")).read_text(encoding="utf-8")
    assert f"# {UNSCORED}。" in ev_text.splitlines()[:4]
    assert _checked(tmp_path) == []
    import perfscore

    card = perfscore.score(perfscore.load_evaluation(str(next((tmp_path / "out" / "evaluations").glob("*.yaml")))))
    assert (card.total, card.grade, card.complete, card.weight_total) == (Decimal(0), None, True, Decimal(0))


def test_amounts_in_a_unit_other_than_the_blocks_are_not_read(tmp_path: Path) -> None:
    """``120.5万`` is read under 资金投入情况(万元); under (元) it is no amount of that block."""
    st, ev, found = _imported(TRANSFER.replace("(万元)", "(元)"), tmp_path)
    assert "annual" not in ev["funds"]
    assert ("页.txt:7", "warning", "“年度资金总额:”的全年预算数应为数字，实为“120.5万”，未导入") in found


# --------------------------------------------------------------------------- cells separated by spaces

SPACED = """网站首页> 区民政局> 部门项目
发布日期: 2023-04-01
附件2
社区助老项目支出绩效自评表
(2022年度)
项目名称 社区助老服务
主管部门 某区民政局 实施单位 某区养老服务中心
项目资金
(万元)
年初预算 调整后预算数 预算执行数 分值 执行率 得分
年度资金总额: 40 40 38 10 95% 9.5
 其中:本年财政拨款 40 40 38 - 95% -
    其他资金 0 0 0 - -
年度总体目标完成情况 年度目标 实际完成情况
目标1:为困难老人提供上门服务。
1.全年上门服务困难老人900人次。
年度绩效指标完成情况
一级
指标
二级指标 三级指标 指标值 完成值 分值 得分 偏差原因
(40分)
数量指标 指标1:上门服务人次 ≥ 800 人次 900 人次 20 20
指标2:服务站点数量 6个 5个 10 10
质量指标 指标1:服务投诉办结率 100% 10 10
时效指标 指标1:服务完成时
"""

SPACED_SET = """
indicator_set: 2022-社区助老服务-自评
name: 社区助老服务 绩效自评指标（2022年度）
extends: mof-2020-self
indicators:
  - {name: 产出指标, children: [{name: 数量指标, children: [
      {no: 1, name: 上门服务人次, target: ≥800人次, weight: 20}, {no: 2, name: 服务站点数量, target: 6个, weight: 10}]}]}
"""
SPACED_EV = evaluation_head("社区助老服务", "某区民政局", "某区养老服务中心", 2022) + """
funds:
  initial: 40
  annual: 40
  executed: 38
  lines:      # 其他资金 0 0 0 - -: five amounts under six headings (one empty cell lost with the spaces): not read
    - {name: "其中:本年财政拨款", initial: 40, annual: 40, executed: 38, rate: 95}
budget: {weight: 10, rate: 95, score: 9.5}
results:
  上门服务人次: {actual: 900人次, score: 20}
  服务站点数量: {actual: 5个, score: 10}
"""


def test_cells_separated_by_spaces(tmp_path: Path) -> None:
    """Each line's words are a row's cells (a unit or a sign split off its number put back: ``≥ 800 人次``),
    put under the header (一级 broken over two lines) by the 指标N: name; ``(40分)`` names no 一级, the framework's 一级 holding 数量指标 does. A row whose words
    do not fill the columns (one value missing: which?) is not read, and neither is the cut last line."""
    st, ev, found = _imported(SPACED, tmp_path)
    assert (st, ev) == (expect(SPACED_SET), expect(SPACED_EV))
    assert found == [("页.txt:20", "warning", "未找到“总计”行：没有申报总分"),
                     ("页.txt:21", "warning", "“(40分)”标明 40 分，其下三级指标分值合计 30 分")]
    done = write_import(str(tmp_path / "页.txt"), str(tmp_path / "again"))
    assert [(at.split(":")[-1], text) for at, text in done.tables[0].unused][-7:] == [
        ("24", "质量指标"), ("24", "指标1:服务投诉办结率"), ("24", "100%"), ("24", "10"), ("24", "10"),
        ("25", "时效指标"), ("25", "指标1:服务完成时")]
    assert sorted((f[0], f[1]) for f in _checked(tmp_path) if f[1] != "notice") == [
        ("PS102", "error"), ("PS203", "warning"), ("PS205", "warning")]


def test_cells_separated_by_spaces_complete_with_its_total(tmp_path: Path) -> None:
    """Printed whole: every row fills its columns; ``总分 50 49.5`` gives the declared weights and total."""
    whole = SPACED.replace("质量指标 指标1:服务投诉办结率 100% 10 10\n时效指标 指标1:服务完成时\n",
                           "质量指标 指标1:服务投诉办结率 100% 100% 10 10\n总分 50 49.5\n评价等级 差\n")
    st, ev, found = _imported(whole, tmp_path)
    assert (st["total"], ev["results"]["服务投诉办结率"], ev["declared"], found) == (
        50, {"actual": "100%", "score": 10}, {"weight_total": 50, "total": 49.5, "grade": "差"}, [])
    assert sorted((f[0], f[1]) for f in _checked(tmp_path) if f[1] != "notice") == [
        ("PS203", "warning"), ("PS205", "warning")]


WIDE = """社区助老项目支出绩效自评表
(2022年度)
项目名称   社区助老 上门服务
主管部门   某区民政局     实施单位   某区养老服务中心
           年初预算   调整后预算数   预算执行数   分值   执行率   得分
年度资金总额   40   40   38   10   95%   9.5
一级   二级   三级   指标值   完成值   分值   得分   偏差原因
产出指标   数量指标   上门 服务人次   ≥800人次   900人次   50   50
           质量指标   服务投诉 办结率   100%   100%   30   30
满意度指标   服务对象满意度指标   老人 满意度   ≥90%   88%   10   9   个别 服务 延误
总分   100   98.5
"""

WIDE_SET = """
indicator_set: 2022-社区助老 上门服务-自评
name: 社区助老 上门服务 绩效自评指标（2022年度）
extends: mof-2020-self
total: 100     # the 总分 row's 分值
indicators:
  - {name: 产出指标, children: [{name: 数量指标, children: [{name: 上门服务人次, target: ≥800人次, weight: 50}]},
                                {name: 质量指标, children: [{name: 服务投诉办结率, target: 100%, weight: 30}]}]}
  - {name: 满意度指标, children: [{name: 服务对象满意度指标, children: [{name: 老人满意度, target: ≥90%, weight: 10}]}]}
"""
WIDE_EV = evaluation_head("社区助老 上门服务", "某区民政局", "某区养老服务中心", 2022) + """
funds: {initial: 40, annual: 40, executed: 38}
budget: {weight: 10, rate: 95, score: 9.5}
results:
  上门服务人次: {actual: 900人次, score: 50}
  服务投诉办结率: {actual: 100%, score: 30}
  老人满意度: {actual: 88%, score: 9, deviation: 个别 服务 延误}
declared: {weight_total: 100, total: 98.5}
"""


def test_columns_set_apart_by_two_spaces_keep_one_space_inside_a_cell(tmp_path: Path) -> None:
    """The header's words are set apart by two spaces or more: so is every row, and ``上门 服务人次`` is one name."""
    st, ev, found = _imported(WIDE, tmp_path)
    assert (st, ev, found) == (expect(WIDE_SET), expect(WIDE_EV), [])
    assert [f[:2] for f in _checked(tmp_path) if f[1] != "notice"] == [("PS203", "warning")]


# --------------------------------------------------------------------------- one cell per line, nothing between rows

STREAM = """农田水利补助资金区域绩效目标自评表

(2023年度)

专项名称

农田水利补助资金

地方主管部门

某县水利局

年度绩效指标完成情况

一级指标

二级指标

三级指标

年度指标值

实际完成指标值

产出指标

数量指标

指标1:新建灌溉渠道长度

≥12公里

13公里

指标2:维修泵站数量

≥4座

4座

时效指标

指标1:工程完工时间

2023年11月底前

2023年10月

满意度指标

服务对象满意度指标

指标1:受益农户满意度

≥90%

94%
"""

STREAM_SET = unscored_set_head("农田水利补助资金", 2023) + """
indicators:
  - name: 产出指标
    children:
      - {name: 数量指标, children: [{no: 1, name: 新建灌溉渠道长度, target: ≥12公里, weight: 0},
                                      {no: 2, name: 维修泵站数量, target: ≥4座, weight: 0}]}
      - {name: 时效指标, children: [{no: 1, name: 工程完工时间, target: 2023年11月底前, weight: 0}]}
  - {name: 满意度指标, children: [{name: 服务对象满意度指标, children: [
      {no: 1, name: 受益农户满意度, target: ≥90%, weight: 0}]}]}
"""
STREAM_RESULTS = {"新建灌溉渠道长度": {"actual": "13公里"}, "维修泵站数量": {"actual": "4座"},
                  "工程完工时间": {"actual": "2023年10月"}, "受益农户满意度": {"actual": "94%"}}


def test_one_cell_per_line_rows_told_apart_by_their_numbered_names(tmp_path: Path) -> None:
    """No row ends, no separators: the fewest lines between two 指标N names (2) is the width of a row's
    values; a line or two more before a name are its 一级/二级 names. No 分值/得分: nothing scored."""
    st, ev, found = _imported(STREAM, tmp_path)
    assert (st, ev["project"], ev["department"], ev["results"]) == (
        expect(STREAM_SET), "农田水利补助资金", "某县水利局", STREAM_RESULTS)
    assert found == [("页.txt:19", "notice", UNSCORED)]
    assert _checked(tmp_path) == []


def test_one_cell_per_line_scored(tmp_path: Path) -> None:
    """The same with 分值 and 得分 lines in the header and two more values a row."""
    scored = STREAM.replace("实际完成指标值\n", "实际完成指标值\n\n分值\n\n得分\n") + "\n"
    for actual, weight, score in (("13公里", 30, 30), ("4座", 20, 20), ("2023年10月", 10, 10), ("94%", 30, 28)):
        scored = scored.replace(f"\n{actual}\n\n", f"\n{actual}\n\n{weight}\n\n{score}\n\n", 1)
    st, ev, found = _imported(scored, tmp_path)
    assert [leaf["weight"] for n in st["indicators"] for g in n["children"] for leaf in g["children"]] == [30, 20, 10, 30]
    assert [r["score"] for r in ev["results"].values()] == [30, 20, 10, 28]
    assert [f for f in _checked(tmp_path) if f[1] == "error"] == []


def test_one_cell_per_line_with_a_row_short_of_a_value_is_not_read(tmp_path: Path) -> None:
    """One value missing: the rows' width would put the next 二级 name among the values; nothing is read."""
    doc = tmp_path / "页.txt"
    doc.write_text(STREAM.replace("4座\n\n时效指标", "时效指标"), encoding="utf-8")
    done = write_import(str(doc), str(tmp_path / "out"))
    assert (done.projects, done.tables) == (0, [])



# --------------------------------------------------------------------------- | text with the merged cells missing

FLAT = """某区项目绩效自评（2022年度）
项目名称 | 老旧小区改造 |
主管部门 | 某区住建局 | 实施单位 | 某街道办事处 |
项目资金（万元） |  | 年初预算 | 调整后预算数 | 预算执行数 | 分值 | 执行率 | 得分 |
年度资金总额 |  | 200 | 190 | 10 | 95% | 9.5 |
其中:本年财政拨款 |  | 200 | 190 |  |  |  |
绩效指标 | 一级 | 二级 | 三级 | 指标值 | 完成值 | 分值 | 得分 | 偏差原因 |
产出指标 | 数量指标 | 改造小区数量 | ≥6个 | 6个 | 40 | 40 |  |
时效指标 | 完工时限 | 及时 | 及时 | 20 | 20 |  |
质量指标 | 验收合格率 | 100% | 100% | 10 |  |  |
满意度指标 | 服务对象满意度指标 | 居民满意度 | ≥90% | 92% | 20 | 20 |  |
总分 | 100 | 89.5 |  |
"""


def test_flattened_rows_are_put_under_their_header_by_what_they_hold(tmp_path: Path) -> None:
    """An html table as ``|`` text: the merged cells (项目资金, 绩效指标, 一级, 二级) are missing from the rows
    below them. A funds row is moved right past the block label; an indicator row is placed by where its
    name must stand — a target in words (及时) or a blank 得分 does not move it off its columns."""
    st, ev, found = _imported(FLAT, tmp_path)
    assert [(g["name"], leaf) for n in st["indicators"] for g in n["children"] for leaf in g["children"]] == [
        ("数量指标", {"name": "改造小区数量", "target": "≥6个", "weight": 40}),
        ("时效指标", {"name": "完工时限", "target": "及时", "weight": 20}),
        ("质量指标", {"name": "验收合格率", "target": "100%", "weight": 10}),
        ("服务对象满意度指标", {"name": "居民满意度", "target": "≥90%", "weight": 20})]
    assert (ev["funds"], ev["budget"], ev["results"], found) == (
        {"annual": 200, "executed": 190, "lines": [{"name": "其中:本年财政拨款", "annual": 200, "executed": 190}]},
        {"weight": 10, "rate": 95, "score": Decimal("9.5")},
        {"改造小区数量": {"actual": "6个", "score": 40}, "完工时限": {"actual": "及时", "score": 20},
         "验收合格率": {"actual": "100%"}, "居民满意度": {"actual": "92%", "score": 20}}, [])
    assert [f for f in _checked(tmp_path) if f[1] != "notice"] == []


def test_spaced_amounts_with_their_unit_that_do_not_fill_the_funds_header_are_not_read(tmp_path: Path) -> None:
    """``年度资金总额: 40万 38万 95%`` under six headings: which three? The funds are left out, not guessed."""
    text = SPACED.replace("年度资金总额: 40 40 38 10 95% 9.5", "年度资金总额: 40万 38万 95%")
    st, ev, found = _imported(text, tmp_path)
    assert (ev["funds"], "budget" in ev) == (      # the total row left out; its 其中 row fills the header: read
        {"lines": [{"name": "其中:本年财政拨款", "initial": 40, "annual": 40, "executed": 38, "rate": 95}]}, False)
    assert [f for f in _checked(tmp_path) if f[1] == "error"] == [
        ("PS102", "error", None, "一级指标合计30 + 预算执行率10 = 40，不等于指标体系总分100")]
