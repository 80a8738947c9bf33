"""Generate N realistic evaluations and their indicator sets, deterministically.

    python bench/generate.py N DIR

writes DIR/indicator_sets/<year>/<department>/*.yaml (one set per 20 evaluations, as a
bureau's departments each have a few standard systems) and
DIR/evaluations/<year>/<department>/*.yaml, so that ``perfscore check DIR`` works. Every
set has 20–40 leaf indicators using all nine rule kinds, Chinese names and 评分标准 text;
the evaluations declare the scores the rules give, except for planted inconsistencies: a
score above its weight (PS201), a total that is not the sum (PS202), a score that is not
the rule's (PS203), full marks for a missed target (PS205), a wrong grade (PS207) or
execution rate (PS208). The same N and seed always give the same bytes.
"""
from __future__ import annotations

import json
import os
import random
import sys
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from typing import Any, Callable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import baselines as B  # noqa: E402

SEED = 20240601
EVALS_PER_SET = 20
YEARS = (2023, 2024)

DEPARTMENTS = [
    "市教育局", "市卫生健康委员会", "市民政局", "市财政局", "市人力资源和社会保障局", "市自然资源和规划局",
    "市生态环境局", "市住房和城乡建设局", "市交通运输局", "市水利局", "市农业农村局", "市商务局",
    "市文化广电旅游局", "市应急管理局", "市市场监督管理局", "市统计局", "市医疗保障局", "市林业局",
    "市城市管理局", "市科学技术局", "市工业和信息化局", "市司法局", "市公安局", "市退役军人事务局",
    "市审计局", "市体育局", "市人民政府办公室", "市发展和改革委员会", "市国有资产监督管理委员会",
    "市地方金融监督管理局", "市乡村振兴局", "市数据管理局", "市档案馆", "市图书馆", "市疾病预防控制中心",
    "市妇幼保健院", "市第一中学", "市职业技术学校", "市残疾人联合会", "市红十字会",
]
TOPICS = [
    "义务教育薄弱环节改善", "基层医疗卫生服务能力提升", "城乡居民最低生活保障", "困难群众临时救助",
    "就业创业补贴", "职业技能培训", "耕地保护与土地整治", "大气污染防治", "农村生活污水治理",
    "老旧小区改造", "农村公路养护", "小型水库除险加固", "高标准农田建设", "农产品质量安全监管",
    "电子商务进农村", "公共文化服务体系建设", "非物质文化遗产保护", "森林防火", "安全生产监管执法",
    "食品安全抽检", "统计调查", "医保基金监管", "城市绿化养护", "数字政府建设", "政务信息化运维",
    "科技创新券补助", "中小企业发展", "法律援助", "社区矫正", "退役军人优抚", "全民健身设施建设",
    "档案数字化", "公共图书馆免费开放", "重大传染病防控", "妇幼健康服务", "校园安全", "学生资助",
    "残疾人康复救助", "应急救护培训", "政府公报编制及印发", "市政府值班及信息化", "生态护林员补助",
    "城市生活垃圾分类", "河湖长制工作", "地质灾害防治", "消防救援能力提升", "人才引进补贴",
    "乡村振兴衔接资金", "预算绩效管理", "政府采购监管",
]
KINDS = ("项目", "专项经费", "补助资金", "工作经费")
UNITS = ("个", "份", "人次", "户", "场", "次", "公里", "亩", "台", "家")
OBJECTS = {
    "数量指标": ["培训人次", "覆盖户数", "发放份数", "新建设施数", "检查企业数", "改造面积", "采购设备数",
             "开展活动场次", "服务对象人数", "完成项目数", "印刷份数", "整治点位数"],
    "质量指标": ["验收合格率", "抽检合格率", "资料完整率", "群众知晓率", "审核通过率", "设备完好率", "达标率"],
    "时效指标": ["按时完成率", "资金拨付及时率", "按期开工率", "问题整改及时率", "信息报送及时率"],
    "成本指标": ["单位成本控制", "人均培训成本", "运维费用控制", "采购成本节约"],
    "社会效益指标": ["群众受益人数", "服务覆盖率", "问题解决率", "社会知晓度", "困难群众保障水平"],
    "经济效益指标": ["带动就业人数", "带动社会投资", "农户增收", "节约财政资金"],
    "可持续影响指标": ["长效管理机制健全性", "制度建设完善程度", "设施持续运行情况", "信息系统更新情况"],
}
SATISFACTION = ["服务对象满意度", "群众满意度", "受益对象满意度", "参训人员满意度"]
# 一级 → (weight, its 二级 groups)
TREE = {
    "产出指标": (Decimal(50), ["数量指标", "质量指标", "时效指标", "成本指标"]),
    "效益指标": (Decimal(30), ["社会效益指标", "经济效益指标", "可持续影响指标"]),
    "满意度指标": (Decimal(10), ["服务对象满意度指标"]),
}
RULE_KINDS = ("ratio", "step", "checklist", "boolean", "qualitative", "formula", "manual", "sum")  # + bands
QUAL_TARGETS = ("提升", "健全", "有效", "明显改善", "持续发挥作用")


def text(s: str) -> str:
    """A YAML double-quoted scalar (JSON is YAML)."""
    return json.dumps(s, ensure_ascii=False)


def num(d: Decimal | int) -> str:
    """Plain decimal text: 2.50 → 2.5, 10.00 → 10."""
    s = format(Decimal(d), "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


# --------------------------------------------------------------------------- indicator sets

@dataclass
class Leaf:
    name: str
    kind: str
    weight: Decimal
    target: str | None = None
    target_value: Decimal | None = None
    unit: str | None = None
    criteria: str = ""
    rule: str | None = None               # the flow-mapping YAML text; None = the framework default
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Group:
    name: str
    weight: Decimal | None
    children: list[Any]


@dataclass
class ISet:
    id: str
    name: str
    department: str
    year: int
    extends: bool
    groups: list[Group]

    def leaves(self) -> list[tuple[str, Leaf]]:
        out = []
        for top in self.groups:
            for mid in top.children:
                out += [(top.name, leaf) for leaf in mid.children]
        return out


def make_leaf(rng: random.Random, kind: str, name: str, weight: Decimal, extends: bool) -> Leaf:
    unit = rng.choice(UNITS)
    t = Decimal(rng.choice((12, 20, 50, 120, 300, 500, 800, 1200, 1912, 3000, 5000)))
    w = num(weight)
    if kind == "ratio":
        if not extends and rng.random() < 0.3:
            return Leaf(name, kind, weight, f"≥{num(t)}{unit}", t, None,
                        f"完成率低于60%不得分；60%及以上按（完成率−60%）/（1−60%）×{w}分计分",
                        "{kind: ratio, pass_mark: 60%}", {"pass_mark": Decimal("0.6")})
        return Leaf(name, kind, weight, f"≥{num(t)}{unit}", t, None,
                    f"完成值/目标值×{w}分，最高{w}分", None if extends else "{kind: ratio}")
    if kind == "step":
        per = Decimal(rng.choice((1, 5, 10)) if t >= 200 else 1)
        deduct = Decimal(rng.choice(("0.1", "0.2", "0.5")))
        return Leaf(name, kind, weight, f"≥{num(t)}{unit}", t, None,
                    f"完成{num(t)}{unit}及以上得满分，每少{num(per)}{unit}扣{num(deduct)}分，扣完为止",
                    f"{{kind: step, per: {num(per)}, deduct: {num(deduct)}}}", {"per": per, "deduct": deduct})
    if kind == "bands":
        return Leaf(name, kind, weight, "≥90%", Decimal(90), "%",
                    "满意度90%（含）以上得满分，80%（含）—90%得80%权重分，60%（含）—80%得50%权重分，60%以下不得分",
                    "{kind: bands, bands: [{min: 90, score: 100%}, {min: 80, max: 90, score: 80%}, "
                    "{min: 60, max: 80, score: 50%}, {max: 60, score: 0}]}")
    if kind == "checklist":
        if rng.random() < 0.5:
            items = ["①制度健全", "②程序规范", "③资料完整", "④按规定公示", "⑤档案齐全"]
            return Leaf(name, kind, weight, None, None, None,
                        f"{'；'.join(items)}。以上五项各占20%权重分，全部符合得满分，否则扣除对应权重分",
                        f"{{kind: checklist, items: [{', '.join(items)}]}}", {"items": items})
        return Leaf(name, kind, weight, None, None, None,
                    "申报审批、过程管理、验收归档三个方面制度健全且执行到位得满分，每有一个方面不到位扣1分，扣完为止",
                    "{kind: checklist, mode: deduct, items: 3, deduct: 1}", {"items": 3, "deduct": Decimal(1)})
    if kind == "boolean":
        return Leaf(name, kind, weight, "是", None, None, "按规定时限完成得满分，否则不得分", "{kind: boolean}")
    if kind == "qualitative":
        target = rng.choice(QUAL_TARGETS)
        return Leaf(name, kind, weight, target, None, None,
                    "达成年度指标得80%—100%权重分；部分达成得60%—80%；未达成得0—60%",
                    None if extends else "{kind: qualitative}")
    if kind == "formula":
        return Leaf(name, kind, weight, f"{num(t)}{unit}", t, None, "得分=分值×min(实际完成值/目标值, 1)",
                    '{kind: formula, expr: "weight * min(actual / target, 1)"}')
    if kind == "manual":
        return Leaf(name, kind, weight, None, None, None,
                    "工作开展规范、成效明显得满分；存在不足的，视情况酌情扣0.5—2分",
                    "{kind: manual, deduct_min: 0.5, deduct_max: 2}")
    assert kind == "sum"
    return Leaf(name, kind, weight, f"≥{num(t)}{unit}", t, None,
                "按完成比例计分；每发生1次有效投诉扣10%权重分；两项扣分累计计算，扣完为止",
                "{kind: sum, parts: [{kind: ratio}, {kind: step, input: 有效投诉次数, reference: 0, "
                "direction: above, per: 1, deduct: 10%}]}")


def split(total: Decimal, n: int) -> list[Decimal]:
    """n weights in steps of 0.5 adding up to exactly ``total``."""
    units = int(total * 2)
    base, extra = divmod(units, n)
    return [Decimal(base + (1 if i < extra else 0)) / 2 for i in range(n)]


def make_set(index: int, department: str, year: int) -> ISet:
    rng = random.Random(f"{SEED}-set-{index}")
    extends = index % 4 == 1
    n_leaves = rng.randint(20, 40)
    n_sat = rng.choice((1, 2))
    n_out = round((n_leaves - n_sat) * 0.6)
    counts = {"产出指标": n_out, "效益指标": n_leaves - n_sat - n_out, "满意度指标": n_sat}
    kinds = list(RULE_KINDS)
    rng.shuffle(kinds)
    used: set[str] = set()
    k = 0
    groups = []
    for top, (weight, mids) in TREE.items():
        weights = split(weight, counts[top])
        per_mid: dict[str, list[Leaf]] = {m: [] for m in mids}
        for i, w in enumerate(weights):
            mid = mids[i % len(mids)]
            if top == "满意度指标":
                kind, base = "bands", SATISFACTION[i % len(SATISFACTION)]
            else:
                kind, base = kinds[k % len(kinds)], rng.choice(OBJECTS[mid])
                k += 1
            name = base
            n = 2
            while name in used:
                name = f"{base}（{n}）"
                n += 1
            used.add(name)
            per_mid[mid].append(make_leaf(rng, kind, name, w, extends))
        groups.append(Group(top, weight, [Group(m, None, per_mid[m]) for m in mids if per_mid[m]]))
    category = ("通用", "民生", "基建", "运转", "监管")[index % 5]
    return ISet(f"{year}-{department}-{category}类项目-{index:04d}",
                f"{department}{category}类项目绩效评价指标体系（{year}年度）", department, year, extends, groups)


def set_yaml(s: ISet) -> str:
    out = [
        f"# {s.department}{s.year}年度{s.name}：由 bench/generate.py 生成（固定种子），供性能测试使用。",
        f"indicator_set: {text(s.id)}",
        f"name: {text(s.name)}",
        f"source: {text(f'{s.department}{s.year}年度项目支出绩效自评指标库')}",
        "total: 100",
    ]
    if s.extends:
        out.append("extends: mof-2020-self")
    else:
        out += ["precision: 0.01", "grades: mof-2020", "not_applicable: rescale",
                "budget: {name: 预算执行率, weight: 10, rate: executed/annual, rule: {kind: ratio}}"]
    out.append("indicators:")
    for top in s.groups:
        out += [f"  - name: {top.name}", f"    weight: {num(top.weight)}", "    children:"]
        for mid in top.children:
            out += [f"      - name: {mid.name}", "        children:"]
            for no, leaf in enumerate(mid.children, 1):
                out.append(f"          - name: {text(leaf.name)}")
                out.append(f"            no: {no}")
                out.append(f"            weight: {num(leaf.weight)}")
                if leaf.target is not None:
                    out.append(f"            target: {text(leaf.target)}")
                if leaf.unit:
                    out.append(f"            unit: {text(leaf.unit)}")
                if leaf.rule is not None:      # a leaf on the framework's default rule prints none (as in 自评表)
                    out.append(f"            criteria: {text(leaf.criteria)}")
                if leaf.rule is not None:
                    out.append(f"            rule: {leaf.rule}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- evaluations

def actual_for(rng: random.Random, leaf: Leaf) -> tuple[dict[str, Any], Decimal, bool]:
    """(the result row without its score, the rule's score, whether the target was missed)."""
    w = leaf.weight
    miss = rng.random() < 0.3
    if leaf.kind in ("ratio", "step", "formula", "sum"):
        t = leaf.target_value
        assert t is not None
        factor = Decimal(rng.randint(60, 99) if miss else rng.randint(100, 120)) / 100
        a = (t * factor).to_integral_value()
        if a < t:
            miss = True
        row: dict[str, Any] = {"actual": a}
        if leaf.kind == "ratio":
            s = B.ratio(w, t, a, leaf.extra.get("pass_mark"))
        elif leaf.kind == "step":
            s = B.step(w, t, a, leaf.extra["per"], leaf.extra["deduct"])
        elif leaf.kind == "formula":
            s = B.formula(w, t, a)
        else:
            complaints = rng.choice((0, 0, 0, 1, 2))
            row["facts"] = {"有效投诉次数": complaints}
            s = B.sum_ratio_step(w, t, a, complaints, Decimal(1), Decimal("0.1"))
        return row, s, a < t
    if leaf.kind == "bands":
        a = Decimal(rng.randint(7200, 9990)) / 100
        return {"actual": f"{num(a)}%"}, B.bands(w, a, [(Decimal(90), Decimal(1)), (Decimal(80), Decimal("0.8")),
                                                         (Decimal(60), Decimal("0.5"))]), a < 90
    if leaf.kind == "checklist":
        if isinstance(leaf.extra["items"], list):
            items = leaf.extra["items"]
            unmet = sorted(rng.sample(items, rng.choice((0, 0, 0, 1, 2))), key=items.index)
            return {"unmet": unmet}, B.checklist(w, len(items), len(unmet)), bool(unmet)
        u = rng.choice((0, 0, 0, 1))
        return {"unmet": u}, B.checklist_deduct(w, u, leaf.extra["deduct"]), bool(u)
    if leaf.kind == "boolean":
        yes = not miss
        return {"actual": "是" if yes else "否"}, B.boolean(w, "是" if yes else "否"), not yes
    if leaf.kind == "qualitative":
        level = "部分达成" if miss else "达成"
        lo, hi = B.LEVELS[level]
        chosen = B.rounded(w * (lo + (hi - lo) * Decimal(rng.randint(0, 4)) / 4))
        s = B.qualitative(w, level, chosen)
        assert s is not None
        return {"level": level}, s, miss
    assert leaf.kind == "manual"
    d = Decimal(rng.choice(("0.5", "1", "1.5", "2"))) if miss else Decimal(0)
    d = min(d, w)
    s = B.manual(w, w - d, Decimal("0.5"), Decimal(2))
    row: dict[str, Any] = {"actual": "按要求完成" if not d else "基本完成"}
    if d:
        row["reason"] = "资料归档不及时，酌情扣分"
    assert s is not None
    return row, s, bool(d)


DEVIATIONS = ["受年度预算调整影响，部分任务顺延至下年度", "项目实施期间政策调整，部分内容暂缓实施",
              "受天气等客观因素影响，工期有所延后", "部分服务对象需求变化，实施方式调整为线上"]
EVIDENCE = ["见项目验收报告及相关台账", "见年度工作总结及统计报表", "见财务凭证及资金拨付文件", "见满意度调查问卷汇总"]


def grade(total: Decimal) -> str:
    return "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"


def make_evaluation(index: int, s: ISet, project: str) -> str:
    with localcontext(B.CONTEXT):
        return _evaluation(index, s, project)


def _evaluation(index: int, s: ISet, project: str) -> str:
    rng = random.Random(f"{SEED}-eval-{index}")
    plant = rng.random()
    lines: list[str] = []
    declared_rows: list[Decimal] = []
    subtotals: dict[str, Decimal] = {}
    leaves = s.leaves()
    # candidates for planted problems
    planted_201 = rng.randrange(len(leaves)) if plant < 0.06 else None
    planted_205 = plant >= 0.06 and plant < 0.16
    planted_203 = rng.randrange(len(leaves)) if 0.16 <= plant < 0.24 else None
    for i, (top, leaf) in enumerate(leaves):
        row, score, missed = actual_for(rng, leaf)
        declared = score
        if planted_201 == i:
            declared = leaf.weight + 1
        elif planted_205 and missed and leaf.kind in ("ratio", "step", "formula"):
            declared = leaf.weight
            planted_205 = False
        elif planted_203 == i and score >= Decimal("0.5") and leaf.kind in ("ratio", "formula", "bands"):
            declared = score - Decimal("0.5")
        row["score"] = declared
        if declared < leaf.weight and leaf.kind != "manual":
            row["deviation"] = rng.choice(DEVIATIONS)
        if rng.random() < 0.15:
            row["evidence"] = rng.choice(EVIDENCE)
        declared_rows.append(declared)
        subtotals[top] = subtotals.get(top, Decimal(0)) + declared
        lines.append(f"  {text(leaf.name)}: {{{', '.join(f'{k}: {yaml_value(v)}' for k, v in row.items())}}}")
    annual = Decimal(rng.randint(20, 5000))
    executed = (annual * Decimal(rng.randint(70, 100)) / 100).quantize(Decimal("0.01"))
    rate = (executed / annual * 100).quantize(Decimal("0.01"))
    budget_score = B.ratio(Decimal(10), Decimal(100), executed / annual * 100)
    declared_rate = rate + 5 if 0.24 <= plant < 0.27 else rate
    declared_rows.append(budget_score)
    total = sum(declared_rows, Decimal(0))
    declared_total = total + 2 if 0.27 <= plant < 0.33 else total
    declared_grade = grade(declared_total)
    if 0.33 <= plant < 0.35:
        declared_grade = "良" if declared_grade == "优" else "优"
    head = [
        f"# {project} 项目支出绩效自评表（{s.year}年度）：由 bench/generate.py 生成（固定种子），供性能测试使用。",
        f"project: {text(project)}",
        f"department: {text(s.department)}",
        f"implementer: {text(s.department)}",
        f"year: {s.year}",
        "kind: 自评",
        f"indicator_set: {text(s.id)}",
        f"source: {text(f'{s.department}{s.year}年部门决算 项目支出绩效自评表')}",
        "goals:",
        f"  expected: {text(f'按期完成{project}年度任务，资金使用规范，服务对象满意度达到90%以上')}",
        f"  actual: {text('基本完成年度任务' if plant < 0.5 else '全面完成年度任务')}",
        f"funds: {{initial: {num(annual)}, annual: {num(annual)}, executed: {num(executed)}}}",
        f"budget: {{weight: 10, rate: {num(declared_rate)}, score: {num(budget_score)}}}",
        "results:",
    ]
    tail = ["declared:", "  weight_total: 100", f"  total: {num(declared_total)}", f"  grade: {declared_grade}"]
    if rng.random() < 0.5:
        tail.append("  subtotals: {" + ", ".join(f"{k}: {num(v)}" for k, v in subtotals.items()) + "}")
    return "\n".join(head + lines + tail) + "\n"


def yaml_value(v: Any) -> str:
    if isinstance(v, Decimal):
        return num(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(yaml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {yaml_value(x)}" for k, x in v.items()) + "}"
    return text(str(v))


# --------------------------------------------------------------------------- the tree

def generate(n: int, directory: str, write: Callable[[str, str], None] | None = None) -> tuple[int, int]:
    """Write n evaluations and their sets under ``directory``; return (sets, evaluations)."""
    def default_write(path: str, content: str) -> None:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(content)

    put = write or default_write
    n_sets = max(1, -(-n // EVALS_PER_SET))
    sets = []
    for i in range(n_sets):
        department = DEPARTMENTS[i % len(DEPARTMENTS)]
        year = YEARS[(i // len(DEPARTMENTS)) % len(YEARS)]
        s = make_set(i, department, year)
        sets.append(s)
        put(os.path.join(directory, "indicator_sets", str(year), department, f"{s.id.split('-', 2)[2]}.yaml"),
            set_yaml(s))
    names: set[tuple[int, str]] = set()
    rng = random.Random(f"{SEED}-names")
    for j in range(n):
        s = sets[j % n_sets]
        base = f"{rng.choice(TOPICS)}{rng.choice(KINDS)}"
        project, k = base, 2
        while (s.year, project) in names:
            project = f"{base}（{k}）"
            k += 1
        names.add((s.year, project))
        put(os.path.join(directory, "evaluations", str(s.year), s.department, f"{project}-自评.yaml"),
            make_evaluation(j, s, project))
    return n_sets, n


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        sys.stderr.write("用法：python bench/generate.py N DIR\n")
        return 2
    n_sets, n = generate(int(argv[0]), argv[1])
    print(f"已生成 {n} 份评价、{n_sets} 套指标体系：{argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
