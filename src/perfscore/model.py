"""The model: indicator sets (trees of weighted indicators with rules) and evaluations.

Everything numeric is Decimal; texts are kept exactly as written.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .errors import PerfscoreError, did_you_mean
from .grades import BUILTIN, GradeScale
from .numbers import ZERO, Exact
from .rules import AnyRule
from .targets import Target, parse_target

SEP = " > "                   # between the names of an indicator path: 产出指标 > 数量 > 印刷份数
Policy = Literal["rescale", "redistribute", "full"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, arbitrary_types_allowed=True)


class Indicator(Strict):
    """A node of the tree: 一级, 二级, 三级 (or 要点) indicator."""

    name: str
    no: int | None = None                # the printed number: 指标 3 → 3
    weight: Exact | None = None          # 分值; a parent without one weighs the sum of its children
    target: Target | None = None         # 年度指标值 as printed, parsed
    unit: str | None = None
    criteria: str | None = None          # 评分标准 as printed
    rule: AnyRule | None = None
    role: Literal["normal", "bonus", "penalty"] = "normal"
    cap: Exact | None = None             # bonus / penalty cap
    children: list["Indicator"] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)

    @field_validator("target", mode="before")
    @classmethod
    def _target(cls, v: object) -> object:
        if v is None or isinstance(v, Target):
            return v
        return parse_target(v if isinstance(v, (str, int, Decimal)) else str(v))

    @field_validator("weight")
    @classmethod
    def _weight(cls, v: Decimal | None) -> Decimal | None:
        if v is not None and v < 0:
            raise ValueError("分值不能为负数")
        return v

    @model_validator(mode="after")
    def _leaf_weight(self) -> "Indicator":
        if self.unit and self.target is not None and self.target.value is not None and not self.target.unit:
            self.target = Target(self.target.text, self.target.op, self.target.value, self.unit)
        if not self.children and self.weight is None and "children" not in self.model_fields_set:
            raise ValueError("缺少必填字段“weight”（末级指标须有分值；空的分组写 children: []）")
        return self

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def total_weight(self) -> Decimal:
        if self.weight is not None:
            return self.weight
        return sum((c.total_weight() for c in self.children if c.role == "normal"), ZERO)


class Budget(Strict):
    """The 资金执行情况 / 预算执行率 item of the 自评表."""

    name: str = "预算执行率"
    weight: Exact = Decimal(10)
    rate: Literal["executed/annual", "executed/initial"] = "executed/annual"
    rule: AnyRule | None = None


class Defaults(Strict):
    """Rules for leaves that name none: by the kind of target, and for 满意度 indicators."""

    quantitative: AnyRule | None = None
    qualitative: AnyRule | None = None
    satisfaction: AnyRule | None = None


class IndicatorSet(Strict):
    indicator_set: str                         # the id evaluations refer to
    name: str | None = None
    kind: Literal["framework", "project"] = "project"
    extends: str | None = None
    source: str | None = None                  # the document it was read from
    total: Exact = Decimal(100)
    precision: Exact = Decimal("0.01")
    grades: GradeScale | None = None
    equality: Literal["loose", "strict"] = "loose"
    not_applicable: Policy = "rescale"
    budget: Budget | None = None
    defaults: Defaults = Field(default_factory=Defaults)
    stated_counts: dict[str, int] = Field(default_factory=dict)
    indicators: list[Indicator]
    framework: list[Indicator] = Field(default_factory=list)   # the extended framework's skeleton
    path: str | None = None

    @field_validator("grades", mode="before")
    @classmethod
    def _grades(cls, v: object) -> object:
        if isinstance(v, str):
            if v not in BUILTIN:
                from .errors import did_you_mean

                raise ValueError(f"没有名为“{v}”的等级标准{did_you_mean(v, BUILTIN)}")
            return BUILTIN[v]
        return v

    @field_validator("precision")
    @classmethod
    def _precision(cls, v: Decimal) -> Decimal:
        if v not in (Decimal("0.01"), Decimal("0.1"), Decimal("1")):
            raise ValueError("precision 只能是 0.01、0.1 或 1")
        return v

    @model_validator(mode="after")
    def _default_grades(self) -> "IndicatorSet":
        if self.grades is None:
            self.grades = BUILTIN["mof-2020"]
        return self

    def walk(self) -> Iterator[tuple[tuple[str, ...], Indicator]]:
        """Every node with its path of names, depth first, in document order."""
        def go(prefix: tuple[str, ...], nodes: list[Indicator]) -> Iterator[tuple[tuple[str, ...], Indicator]]:
            for node in nodes:
                path = prefix + (node.name,)
                yield path, node
                yield from go(path, node.children)
        return go((), self.indicators)

    def leaves(self) -> list[tuple[tuple[str, ...], Indicator]]:
        return [(p, n) for p, n in self.walk() if n.is_leaf and n.weight is not None]


Indicator.model_rebuild()


class Funds(Strict):
    """项目资金（万元）."""

    initial: Exact | None = None         # 年初预算数
    annual: Exact | None = None          # 全年预算数
    executed: Exact | None = None        # 全年执行数
    lines: list["FundLine"] = Field(default_factory=list)   # 其中：财政拨款 / 上年结转 / 其他资金
    deviation: str | None = None         # 偏差原因及整改措施 of the funds block


class FundLine(Strict):
    name: str
    initial: Exact | None = None
    annual: Exact | None = None
    executed: Exact | None = None
    rate: Exact | None = None
    score: Exact | None = None


Funds.model_rebuild()


class BudgetDeclared(Strict):
    rate: Exact | None = None            # 执行率(%) as printed
    score: Exact | None = None           # 得分 as printed
    weight: Exact | None = None          # 分值 as printed


class Result(Strict):
    """One indicator's row of the evaluation: the actual and what the document declared."""

    actual: Any = None                   # 实际完成值 as printed (number, text, 是/否)
    level: str | None = None             # qualitative level
    unmet: list[str] | int | None = None # checklist items not met
    items: dict[str, Any] = Field(default_factory=dict)
    facts: dict[str, Any] = Field(default_factory=dict)
    score: Exact | None = None           # 得分 as printed (the evaluator's choice for 定性/酌情)
    not_applicable: str | None = None    # 不适用 and why
    evidence: str | None = None
    deviation: str | None = None         # 偏差原因分析及改进措施
    reason: str | None = None            # the evaluator's reason for a discretionary score

    @field_validator("unmet", mode="before")
    @classmethod
    def _unmet(cls, v: object) -> object:
        if isinstance(v, bool):
            raise ValueError("unmet 应为未达到要点的列表或个数")
        return v


class Declared(Strict):
    """What the submitted document printed in its totals."""

    weight_total: Exact | None = None    # 分值 of the 总计 row
    total: Exact | None = None           # 得分 of the 总计 row
    grade: str | None = None
    subtotals: dict[str, Exact] = Field(default_factory=dict)   # 一级/二级 subtotals as printed
    grade_words: list[str] = Field(default_factory=list)


class Evaluation(Strict):
    project: str
    department: str                      # 主管部门
    implementer: str | None = None       # 实施单位
    year: int
    kind: Literal["自评", "部门评价", "财政评价"]
    indicator_set: str
    source: str | None = None
    goals: dict[str, str] = Field(default_factory=dict)       # 年度总体目标: 预期目标 / 实际完成情况
    funds: Funds | None = None
    budget: BudgetDeclared = Field(default_factory=BudgetDeclared)
    facts: dict[str, Any] = Field(default_factory=dict)
    results: dict[str, Result] = Field(default_factory=dict)
    declared: Declared = Field(default_factory=Declared)
    path: str | None = None

    @field_validator("results", mode="before")
    @classmethod
    def _results(cls, v: object) -> object:
        if isinstance(v, dict):
            return {k: (val if isinstance(val, dict) else {"actual": val}) for k, val in v.items()}
        return v


class Summary(Strict):
    """A department's summary of its evaluations (部门决算 第三部分 九): grade counts and funds."""

    department: str
    year: int
    kind: Literal["自评", "部门评价", "财政评价"] = "自评"
    source: str | None = None
    evaluations: list[str]                       # the projects it covers, by name
    grade_counts: dict[str, int] = Field(default_factory=dict)   # {"优": 2, "良": 0, "中": 0, "差": 0}
    funds: Exact | None = None                   # 共涉及资金（万元）
    funds_share: Exact | None = None             # 占项目支出总额的 %
    project_spending: Exact | None = None        # 项目支出总额（万元）, when known
    path: str | None = None


# --------------------------------------------------------------------------- result keys

def resolve_results(ev: Evaluation, iset: IndicatorSet) -> dict[tuple[str, ...], str]:
    """Map each leaf path to the key of ``results:`` that names it (name or a path suffix)."""
    leaves = [p for p, _ in iset.leaves()]
    # Every suffix of every leaf path, in leaf order: one lookup per key instead of a scan of
    # all leaves per key (same matches, same order).
    by_suffix: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for p in leaves:
        for k in range(1, len(p) + 1):
            by_suffix.setdefault(p[-k:], []).append(p)
    mapping: dict[tuple[str, ...], str] = {}
    for key in ev.results:
        wanted = tuple(part.strip() for part in key.split(">"))
        matches = by_suffix.get(wanted, [])
        if len(matches) == 1:
            mapping[matches[0]] = key
            continue
        from .yamlio import locate

        line, col = locate(ev.path, ["results", key], at_key=True) if ev.path else (None, None)
        if not matches:
            names = [p[-1] for p in leaves]
            raise PerfscoreError(f"指标体系“{iset.indicator_set}”中没有指标“{key}”{did_you_mean(wanted[-1], names)}",
                                 ev.path, line, col)
        options = "、".join(SEP.join(m) for m in matches)
        raise PerfscoreError(f"“{key}”同时对应多个指标（{options}），请写出路径", ev.path, line, col)
    return mapping
