"""``perfscore new``: an evaluation skeleton from an indicator set.

Every leaf of the set gets an entry under ``results:`` with an empty input (``actual:``,
or ``unmet:`` / ``score:`` where its rule wants that) and a comment giving its target
and weight; the header fields, the 项目资金 block, the declared budget and totals are
there to fill. The skeleton loads and scores as it is — every indicator "missing" —
so ``perfscore score`` shows what is left to fill.
"""
from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass

from ..errors import PerfscoreError
from ..model import SEP, IndicatorSet
from ..numbers import fmt
from ..yamltext import scalar


@dataclass
class Skeleton:
    text: str
    indicator_set: IndicatorSet
    set_path: str
    findable: bool          # whether the evaluation's set id resolves from where it is written


def resolve(set_ref: str, near: str) -> str:
    """A set given as a file or as an id (looked up in indicator_sets/ from ``near`` upwards)."""
    if os.path.isfile(set_ref):
        return set_ref
    if set_ref.endswith((".yaml", ".yml")) or os.sep in set_ref:
        raise PerfscoreError("文件不存在", set_ref)
    from ..loading import find_set

    return find_set(set_ref, near)


def result_keys(iset: IndicatorSet) -> dict[tuple[str, ...], str]:
    """The shortest path suffix naming each leaf uniquely: the name, else ``二级 > 三级``…"""
    leaves = [p for p, _ in iset.leaves()]
    out = {}
    for path in leaves:
        for n in range(1, len(path) + 1):
            suffix = path[-n:]
            if sum(1 for p in leaves if p[-n:] == suffix) == 1:
                out[path] = SEP.join(suffix)
                break
        else:
            out[path] = SEP.join(path)
    return out


def _input_line(iset: IndicatorSet, path: tuple[str, ...], node: object) -> tuple[str, str]:
    from ..scoring import rule_for

    rule = rule_for(node, iset, path)  # type: ignore[arg-type]
    if rule.kind == "checklist":
        return "unmet:", "未达到的要点（列表或个数）；全部达到写 []"
    if rule.kind == "manual":
        return "score:", "酌情评分：填得分，并在 reason 写理由"
    if rule.kind == "qualitative":
        return "actual:", "完成百分比；或改写 level: 达成 / 部分达成 / 未达成"
    return "actual:", "实际完成值"


def _default_year(iset: IndicatorSet) -> int:
    m = re.match(r"^(\d{4})\D", iset.indicator_set)
    return int(m.group(1)) if m else datetime.date.today().year


def skeleton(set_ref: str, output: str, project: str | None = None, department: str | None = None,
             implementer: str | None = None, year: int | None = None, kind: str = "自评") -> Skeleton:
    """The skeleton's text for the set ``set_ref`` (a file or an id), to be written at ``output``."""
    from ..loading import find_set, load_set
    from .schema import schema_comment

    set_path = resolve(set_ref, os.path.dirname(os.path.abspath(output)))
    iset = load_set(set_path)
    leaves = iset.leaves()
    if not leaves:
        raise PerfscoreError(f"指标体系“{iset.indicator_set}”没有三级指标（框架只有分组），"
                             "请用继承它的项目指标体系", set_path)
    keys = result_keys(iset)
    lines: list[str] = []
    schema = schema_comment(output, "evaluation")
    if schema:
        lines.append(schema)
    lines += [
        f"# 评价表骨架：由 perfscore new 按指标体系“{iset.indicator_set}”生成。",
        "# 逐项填写实际完成值（照录）；可加 score（申报得分）、deviation（偏差原因分析及改进措施）；",
        "# 不适用的指标写 not_applicable: 原因。也可用命令填写：perfscore record 本文件 指标名 值",
        f"project: {scalar(project or '')}   # 项目名称",
        f"department: {scalar(department or '')}   # 主管部门",
        f"implementer: {scalar(implementer or '')}   # 实施单位",
        f"year: {year if year is not None else _default_year(iset)}",
        f"kind: {scalar(kind)}   # 自评 / 部门评价 / 财政评价",
        f"indicator_set: {scalar(iset.indicator_set)}",
    ]
    if iset.budget is not None:
        b = iset.budget
        base = "全年预算数" if b.rate == "executed/annual" else "年初预算数"
        lines.append(f"funds:   # 项目资金（万元）；{b.name} 分值 {fmt(b.weight)}，执行率 = 全年执行数 / {base}")
    else:
        lines.append("funds:   # 项目资金（万元）")
    lines += ["  initial:   # 年初预算数", "  annual:    # 全年预算数", "  executed:  # 全年执行数"]
    if iset.budget is not None:
        lines += ["budget:   # 申报的执行率(%)与得分，可留空", "  rate:", "  score:"]
    lines.append("results:")
    group: tuple[str, ...] | None = None
    for path, node in leaves:
        if path[:-1] != group:
            group = path[:-1]
            lines.append(f"  # {SEP.join(group)}")
        facts = []
        if node.target is not None:
            facts.append(f"年度指标值 {node.target.text}")
        facts.append(f"分值 {fmt(node.total_weight())}")
        if node.unit:
            facts.append(f"单位 {node.unit}")
        field, hint = _input_line(iset, path, node)
        lines.append(f"  {scalar(keys[path])}:   # {'，'.join(facts)}")
        lines.append(f"    {field}   # {hint}")
    lines += ["declared:   # 原表“总计”栏申报的分值合计、总分与等级，可留空",
              "  weight_total:", "  total:", "  grade:"]
    text = "\n".join(lines) + "\n"
    _verify(text, output, iset)
    try:
        findable = os.path.samefile(find_set(iset.indicator_set, os.path.abspath(output)), set_path)
    except (PerfscoreError, OSError):
        findable = False
    return Skeleton(text, iset, set_path, findable)


def _verify(text: str, output: str, iset: IndicatorSet) -> None:
    """The skeleton must load and score (every indicator missing); anything else is a bug here."""
    from ..loading import load_evaluation
    from ..scoring import score
    from ..yamlio import read_yaml

    data = read_yaml(output, text)
    card = score(load_evaluation(output, data, text), iset)
    bad = [i for i in card.indicators if i.status != "missing"]
    if bad:
        raise AssertionError(f"骨架中有指标不是“缺少实际完成值”：{[SEP.join(i.path) for i in bad]}")


def write(set_ref: str, output: str, force: bool = False, **header: object) -> Skeleton:
    """Write the skeleton; refuses to overwrite an existing file unless ``force``."""
    from ..atomic import write_atomic

    if os.path.exists(output) and not force:
        raise PerfscoreError("文件已存在，未覆盖（确需覆盖请加 --force）", output)
    sk = skeleton(set_ref, output, **header)  # type: ignore[arg-type]
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    write_atomic(output, sk.text)
    return sk
