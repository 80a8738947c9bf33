"""Rehearsal of issue 13's acceptance: each real table rebuilt as a workbook in the national 附1 layout
(tests/realbook.py, from ``../shared/real-tables/NN-*.md`` read in place), imported with
``perfscore import``, checked, and compared with the hand audit exactly as test_real_tables.py does:
every audit fault reported, no error the audit does not support (a cut-off table's PS102 apart).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from realbook import write_book
from test_real_tables import NOT_REACHED, REAL, _at, _tables, audit

# Tables whose rebuilt workbook still disagrees with the audit, and why (strict: passing fails the run).
KNOWN: dict[str, str] = {}      # table number → why it is expected to fail (strict xfail)


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-tables is not here")
@pytest.mark.parametrize("table", _tables(), ids=lambda p: p.name[:2])
def test_the_rebuilt_workbook_agrees_with_the_audit(table: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   request: pytest.FixtureRequest) -> None:
    from perfscore.authoring.importer import write_import
    from perfscore.checks import check

    number = table.name[:2]
    if number in KNOWN:
        request.applymarker(pytest.mark.xfail(reason=KNOWN[number], strict=True))
    section = audit()[number]
    monkeypatch.chdir(tmp_path)
    book = write_book(table, tmp_path / f"{number}.xlsx")
    if book is None:
        pytest.skip(f"{number}: the transcription has neither an indicator block nor a funds block")
    done = write_import(str(book), "out", year=2020)
    if not sorted((tmp_path / "out").glob("evaluations/*.yaml")):
        # skipped with its reason (e.g. scores printed without any 分值): allowed only where the audit has no fault
        assert [t.why for t in done.tables if not t.imported] and section.faults == [], f"{number}: nothing imported"
        return
    found = [f.to_dict() for f in check([str(tmp_path / "out")]).findings]

    missing = [e for e in section.faults if (number, e.code) not in NOT_REACHED
               and not any(f["code"] == e.code and f["severity"] == e.severity and _at(f, e.place) for f in found)]
    unsupported = [f for f in found if f["severity"] == "error" and f["code"] not in section.cut
                   and not any(f["code"] == e.code and _at(f, e.place) for e in section.faults)]
    assert (missing, unsupported) == ([], []), f"{number}: missed audit faults / errors the audit does not support"


# ------------------------------------------------------------------ the shapes real tables have, our own examples
# Each shape is written as a transcription, rebuilt and imported as above; the errors check reports are exact.

HEAD = """# 项目支出绩效自评表（2023年度）

| 字段 | 内容 |
| --- | --- |
| 项目名称 | 示例项目 |
| 主管部门 | 某局 |
| 实施单位 | 某中心 |

## 项目资金情况（万元）

| | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率(%) | 得分 |
| --- | --- | --- | --- | --- | --- | --- |
{funds}

## 绩效指标

| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因及改进措施 |
| --- | --- | --- | --- | --- | --- | --- | --- |
{rows}
"""
FUNDS = "| 年度资金总额 | 100 | 100 | 95 | 10 | 95% | 9.5 |\n| 其中:当年财政拨款 | 100 | 100 | 95 | | | |"
COUNT = "| 产出指标 | 数量指标 | 培训人次 | ≥200人次 | 230人次 | 30 | 30 | |"
KNOWN_RATE = "| 效益指标 | 社会效益指标 | 群众知晓率 | ≥90% | 95% | 30 | 30 | |"
SATISFIED = "| 满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% | 96% | 30 | 30 | |"
TOTAL = "| 总分 | | | | | 100 | 99.5 | |"
SAT = "满意度指标 > 服务对象满意度指标 > 群众满意度"
SHAPES = [
    ("qualitative actual in officers' words", FUNDS,
     [COUNT, "| 效益指标 | 社会效益指标 | 环境改善情况 | 明显改善 | 辖区环境明显改善，群众反映良好 | 30 | 30 | |",
      SATISFIED, TOTAL], []),
    ("actual in target notation", FUNDS,
     [COUNT, "| 效益指标 | 社会效益指标 | 群众知晓率 | ≥90% | ≥90% | 30 | 30 | |", SATISFIED, TOTAL], []),
    ("rate as a fraction", FUNDS,
     [COUNT, "| 效益指标 | 社会效益指标 | 群众知晓率 | ≥90% | 0.95 | 30 | 30 | |", SATISFIED, TOTAL], []),
    ("qualitative target met in the same word", FUNDS,
     [COUNT, KNOWN_RATE, "| 满意度指标 | 服务对象满意度指标 | 群众满意度 | 满意 | 满意 | 30 | 30 | |", TOTAL], []),
    ("a date target met early", FUNDS,
     [COUNT, "| 产出指标 | 时效指标 | 完成时间 | 2023年12月底前 | 2023年11月 | 30 | 30 | |", SATISFIED, TOTAL], []),
    ("不适用 row", FUNDS,
     [COUNT, KNOWN_RATE, "| 满意度指标 | 服务对象满意度指标 | 群众满意度 | 不适用 | 不适用 | 30 | 30 | |", TOTAL], []),
    ("“/” for target and actual with full marks: nothing supports the score (as the audit's 14)", FUNDS,
     [COUNT, KNOWN_RATE, "| 满意度指标 | 服务对象满意度指标 | 群众满意度 | / | / | 30 | 30 | |", TOTAL],
     [("PS215", SAT, "年度指标值与实际完成值均为空，却得满分（30/30）")]),
    ("a partial table missing rows: the cut's PS102 only", FUNDS, [COUNT, KNOWN_RATE],
     [("PS102", None, "一级指标合计60 + 预算执行率10 = 70，不等于指标体系总分100")]),
    ("执行率 as a fraction", "| 年度资金总额 | 100 | 100 | 95 | 10 | 0.95 | 9.5 |",
     [COUNT, KNOWN_RATE, SATISFIED, TOTAL], []),
    ("“/” and 0.00 in the 其中 rows", "| 年度资金总额 | 100 | 100 | 95 | 10 | 95% | 9.5 |\n"
     "| 其中:当年财政拨款 | 100 | 100 | 95 | / | / | / |\n| 上年结转资金 | 0.00 | 0.00 | 0.00 | / | 0.00% | / |\n"
     "| 其他资金 | / | / | / | / | / | / |", [COUNT, KNOWN_RATE, SATISFIED, TOTAL], []),
    ("年度资金总额 printed 0/0/0 with the money in the 其中 rows: the parts and the whole cannot both hold",
     "| 年度资金总额 | 0 | 0 | 0 | 10 | 95% | 9.5 |\n| 其中:当年财政拨款 | 100 | 100 | 95 | | | |",
     [COUNT, KNOWN_RATE, SATISFIED, TOTAL],
     [("PS217", "年度资金总额", "年度资金总额年初预算数0，而其中各行年初预算数合计为100"),
      ("PS217", "年度资金总额", "年度资金总额全年预算数0，而其中各行全年预算数合计为100"),
      ("PS217", "年度资金总额", "年度资金总额全年执行数0，而其中各行全年执行数合计为95")]),
]


@pytest.mark.parametrize("shape, funds, rows, errors", SHAPES, ids=[s[0][:40] for s in SHAPES])
def test_the_shapes_of_real_tables(shape: str, funds: str, rows: list[str], errors: list[tuple[str, str | None, str]],
                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from perfscore.authoring.importer import write_import
    from perfscore.checks import check

    monkeypatch.chdir(tmp_path)
    md = tmp_path / "表.md"
    md.write_text(HEAD.format(funds=funds, rows="\n".join(rows)), encoding="utf-8")
    book = write_book(md, tmp_path / "表.xlsx")
    assert book is not None
    write_import(str(book), "out")
    assert len(list((tmp_path / "out").glob("evaluations/*.yaml"))) == 1
    found = [(f.code, f.indicator, f.message) for f in check(["out"]).findings if f.severity == "error"]
    assert found == errors, shape
