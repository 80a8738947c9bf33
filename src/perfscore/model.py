"""The model: indicator sets (trees of weighted indicators with rules) and evaluations.

Everything numeric is Decimal; texts are kept exactly as written.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from .errors import PerfscoreError, did_you_mean
from .grades import BUILTIN, GradeScale
from .numbers import ZERO, Exact
from .rules import AnyRule
from .targets import Target, parse_target

SEP = " > "                   # between the names of an indicator path: 产出指标 > 数量 > 印刷份数
Policy = Literal["rescale", "redistribute", "full"]


class NoUnknownKeys(BaseModel):
    """A document part whose unknown keys are errors (``未知字段``), located by the loader."""

    model_config = ConfigDict(extra="forbid", frozen=False, arbitrary_types_allowed=True)


class Loaded(NoUnknownKeys):
    """A whole document: ``path`` (the file it was read from) is set by the loader, never by its text."""

    _path: str | None = PrivateAttr(default=None)

    @property
    def path(self) -> str | None:
        return self._path

    @path.setter
    def path(self, value: str | None) -> None:
        self._path = value


class Indicator(NoUnknownKeys):
    """A node of the tree: 一级, 二级, 三级 (or 要点) indicator."""

    name: str = Field(description="指标名称（照录原表）")
    no: int | None = Field(None, description="原表编号：“指标 3”写 3")
    weight: Exact | None = Field(None, description="分值")   # a parent without one weighs the sum of its children
    target: Target | None = Field(None, description="年度指标值，照录：=12 期、≥95%、提升")   # parsed
    unit: str | None = Field(None, description="单位")
    criteria: str | None = Field(None, description="评分标准原文")
    rule: AnyRule | None = Field(None, description="结构化评分规则（kind: ratio、step、bands…）")
    role: Literal["normal", "bonus", "penalty"] = Field("normal", description="normal 常规、bonus 加分、penalty 扣分")
    cap: Exact | None = None             # bonus / penalty cap
    children: list["Indicator"] = Field(default_factory=list, description="下级指标；空的分组写 []")
    aliases: list[str] = Field(default_factory=list, description="别名")

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


class Budget(NoUnknownKeys):
    """The 资金执行情况 / 预算执行率 item of the 自评表."""

    name: str = "预算执行率"
    weight: Exact = Decimal(10)
    rate: Literal["executed/annual", "executed/initial"] = "executed/annual"
    rule: AnyRule | None = None


class Defaults(NoUnknownKeys):
    """Rules for leaves that name none: by the kind of target, and for 满意度 indicators."""

    quantitative: AnyRule | None = None
    qualitative: AnyRule | None = None
    satisfaction: AnyRule | None = None


class IndicatorSet(Loaded):
    indicator_set: str = Field(description="指标体系编号，评价文件以此引用")
    name: str | None = Field(None, description="指标体系名称")
    kind: Literal["framework", "project"] = "project"
    extends: str | None = Field(None, description="继承的框架（如 mof-2020-self）")
    source: str | None = Field(None, description="出处")   # the document it was read from
    total: Exact = Field(Decimal(100), description="总分（原表总计栏的分值）")
    precision: Exact = Field(Decimal("0.01"), description="得分精度：0.01、0.1 或 1")
    grades: GradeScale | None = Field(None, description="等级标准：内置名称（如 mof-2020）或自定义分档")
    equality: Literal["loose", "strict"] = "loose"
    not_applicable: Policy = Field("rescale",
                                   description="不适用指标的处理：rescale 折算、redistribute 分摊、full 满分")
    budget: Budget | None = Field(None, description="预算执行率指标")
    defaults: Defaults = Field(default_factory=Defaults, description="未写 rule 的指标按此默认规则计分")
    stated_counts: dict[str, int] = Field(default_factory=dict, description="文中声称的各级指标个数（如 {三级: 15}）")
    indicators: list[Indicator] = Field(description="指标树：一级 → 二级 → 三级")
    _framework: list[Indicator] = PrivateAttr(default_factory=list)

    @property
    def framework(self) -> list[Indicator]:
        """The indicators of the framework this set extends (set by the loader; PS108 compares with them)."""
        return self._framework

    @framework.setter
    def framework(self, value: list[Indicator]) -> None:
        self._framework = value

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


def _percent(v: object) -> object:
    """执行率 as printed: ``100%``, ``100.00``, ``95.8％`` → the number of percent; ``1``/``0.958`` stay
    as written (a fraction is recognised where it is compared, see checks PS208)."""
    if isinstance(v, str):
        text = v.strip().replace("％", "%")
        return text[:-1].strip() if text.endswith("%") else text
    return v


class Framework(NoUnknownKeys):
    """The indicators of an extended framework file, read as the skeleton a set is compared with (PS108)."""

    indicators: list[Indicator]


class Funds(NoUnknownKeys):
    """项目资金（万元）."""

    initial: Exact | None = None         # 年初预算数
    annual: Exact | None = None          # 全年预算数
    executed: Exact | None = None        # 全年执行数
    lines: list["FundLine"] = Field(default_factory=list)   # 其中：财政拨款 / 上年结转 / 其他资金
    deviation: str | None = None         # 偏差原因及整改措施 of the funds block


class FundLine(NoUnknownKeys):
    name: str
    initial: Exact | None = None
    annual: Exact | None = None
    executed: Exact | None = None
    rate: Exact | None = None
    score: Exact | None = None

    @field_validator("rate", mode="before")
    @classmethod
    def _rate(cls, v: object) -> object:
        return _percent(v)


Funds.model_rebuild()


class BudgetDeclared(NoUnknownKeys):
    rate: Exact | None = None            # 执行率(%) as printed
    score: Exact | None = None           # 得分 as printed
    weight: Exact | None = None          # 分值 as printed

    @field_validator("rate", mode="before")
    @classmethod
    def _rate(cls, v: object) -> object:
        return _percent(v)


class Result(NoUnknownKeys):
    """One indicator's row of the evaluation: the actual and what the document declared."""

    actual: Any = Field(None, description="实际完成值，照录")   # number, text, 是/否
    level: str | None = Field(None, description="定性指标的档次")
    unmet: list[str] | int | None = Field(None, description="未达到的要点（列表或个数）")
    items: dict[str, Any] = Field(default_factory=dict)
    facts: dict[str, Any] = Field(default_factory=dict)
    score: Exact | None = Field(None, description="申报得分")   # as printed (the evaluator's choice for 定性/酌情)
    score_share: Exact | None = Field(None, description="得分系数（score 写作 100% 时）：占分值的百分比")
    not_applicable: str | None = Field(None, description="不适用及原因")
    evidence: str | None = Field(None, description="佐证")
    deviation: str | None = Field(None, description="偏差原因分析及改进措施")
    reason: str | None = Field(None, description="酌情评分的理由")

    @model_validator(mode="before")
    @classmethod
    def _share(cls, data: object) -> object:
        """``score: 100%`` is a 得分系数 (a share of the weight), not points."""
        if isinstance(data, dict) and isinstance(data.get("score"), str) and \
                data["score"].strip().replace("％", "%").endswith("%"):
            data = dict(data)
            data["score_share"] = data.pop("score").strip().replace("％", "%")[:-1]
        return data

    @field_validator("unmet", mode="before")
    @classmethod
    def _unmet(cls, v: object) -> object:
        if isinstance(v, bool):
            raise ValueError("unmet 应为未达到要点的列表或个数")
        return v


class Declared(NoUnknownKeys):
    """What the submitted document printed in its totals."""

    weight_total: Exact | None = None    # 分值 of the 总计 row
    total: Exact | None = None           # 得分 of the 总计 row
    grade: str | None = None
    subtotals: dict[str, Exact] = Field(default_factory=dict)   # 一级/二级 subtotals as printed
    grade_words: list[str] = Field(default_factory=list)


class Evaluation(Loaded):
    project: str = Field(description="项目名称")
    department: str = Field(description="主管部门")
    implementer: str | None = Field(None, description="实施单位")
    year: int = Field(description="年度")
    kind: Literal["自评", "部门评价", "财政评价"] = Field(description="评价类型：自评、部门评价、财政评价")
    indicator_set: str = Field(description="所用指标体系的编号")
    source: str | None = Field(None, description="出处")
    goals: dict[str, str] = Field(default_factory=dict,
                                  description="年度总体目标：expected 预期目标、actual 实际完成情况")
    funds: Funds | None = Field(None, description="项目资金（万元）")
    budget: BudgetDeclared = Field(default_factory=BudgetDeclared,
                                   description="预算执行率的申报值：rate 执行率(%)、score 得分、weight 分值")
    facts: dict[str, Any] = Field(default_factory=dict, description="计分用到的事实")
    results: dict[str, Result] = Field(default_factory=dict,
                                       description="各三级指标的实际完成值与申报得分，"
                                                   "键为指标名称（重名时写路径“二级 > 三级”）")
    declared: Declared = Field(default_factory=Declared,
                               description="原表总计栏：weight_total 分值合计、total 总分、grade 等级")
    narrative: dict[str, str] = Field(default_factory=dict,
                                      description="评价结论、存在问题、改进措施等原文文字（不作等级或数值）")

    @field_validator("results", mode="before")
    @classmethod
    def _results(cls, v: object) -> object:
        if isinstance(v, dict):
            return {k: (val if isinstance(val, dict) else {"actual": val}) for k, val in v.items()}
        return v


class Summary(Loaded):
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
