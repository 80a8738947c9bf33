"""The hostile corpus: inputs a careless or hostile user gives perfscore (issue 11, items 4-13).

Every case is generated here (large inputs are built at run time, never committed): files
written into a fresh directory, an optional setup (symlinks, FIFOs, permissions), the
command run there, and what must hold afterwards. ``tests/test_hostile.py`` runs them all,
each in its own process with a time and memory limit; ``python tests/hostile/corpus.py DIR``
writes them out for a look.

The contract for every case: exit 0, 1 or 2 (never 3), no signal, no traceback, within 10 s
and 1 GiB, and no file the command was not asked to write changed (a refused write leaves
everything as it was).
"""
from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

SET = """\
indicator_set: {set_id}
name: 敌意测试
{extra}indicators:
  - name: 产出指标
    weight: 60
    children:
      - name: 数量
        children:
          - {{name: 份数, target: "{target}", weight: {weight}}}
          - {{name: 期数, target: "=12 期", weight: 20, rule: {{kind: step, per: {per}, deduct: 1}}}}
      - name: 质量
        children:
          - name: 合格率
            target: "≥90%"
            weight: 20
            rule: {rule}
  - name: 效益指标
    weight: 30
    children:
      - name: 社会效益
        children:
          - {{name: 覆盖单位数, target: "≥100 个", weight: 30}}
  - name: 满意度指标
    weight: 10
    children:
      - name: 满意度
        children:
          - {{name: 满意度, target: "≥90%", weight: 10}}
"""
RULE = "{kind: bands, bands: [{min: 90, score: 20}, {min: 80, max: 90, score: 10}, {max: 80, score: 0}]}"

EVAL = """\
project: 敌意测试项目
department: 测试部门
year: 2024
kind: 自评
indicator_set: {set_id}
results:
  份数: {{actual: {actual}}}
  期数: {{actual: 12}}
  合格率: {{actual: 95%}}
  覆盖单位数: {{actual: 120}}
  满意度: {{actual: 92%}}
"""


def indicator_set(set_id: str = "H", extra: str = "", target: str = "=100 份", weight: str = "20",
                  per: str = "1", rule: str = RULE) -> str:
    return SET.format(set_id=set_id, extra=extra, target=target, weight=weight, per=per, rule=rule)


def evaluation(set_id: str = "H", actual: str = "100") -> str:
    return EVAL.format(set_id=set_id, actual=actual)


def tree(set_text: str | None = None, eval_text: str | None = None, **more: str | bytes) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {"indicator_sets/h.yaml": set_text if set_text is not None else indicator_set(),
                                     "e.yaml": eval_text if eval_text is not None else evaluation()}
    files.update(more)
    return files


@dataclass
class Case:
    name: str
    files: dict[str, str | bytes]
    argv: list[str]                           # run in the case's directory
    codes: tuple[int, ...] = (0, 1, 2)        # the exit codes allowed
    writes: tuple[str, ...] = ()              # files the command may change or create
    setup: Callable[[Path], None] | None = None
    stderr: str | None = None                 # a text the error output must contain
    stdout: str | None = None                 # a text the output must contain
    item: int = 0                             # the item of issue 11 the case stands for


def billion_laughs(levels: int, width: int = 10) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    """A zip archive (an .xlsx in shape) of these entries, deflated."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        for name, data in entries.items():
            z.writestr(name, data)
    return buffer.getvalue()


def _chmod(rel: str, mode: int) -> Callable[[Path], None]:
    return lambda d: os.chmod(d / rel, mode)


def _symlink(link: str, target: str) -> Callable[[Path], None]:
    return lambda d: os.symlink(d / target, d / link)


def _hardlink(link: str, target: str) -> Callable[[Path], None]:
    return lambda d: os.link(d / target, d / link)


def _fifo(rel: str) -> Callable[[Path], None]:
    return lambda d: os.mkfifo(d / rel)


def _chardev(rel: str) -> Callable[[Path], None]:
    def make(d: Path) -> None:
        if os.geteuid() == 0:
            os.mknod(d / rel, stat.S_IFCHR | 0o666, os.makedev(1, 3))     # a private /dev/null
        else:
            os.symlink(os.devnull, d / rel)
    return make


def cases() -> list[Case]:
    out: list[Case] = []
    add = out.append

    # ---------------------------------------------------------------- 4: alias bombs
    for levels in (5, 7, 9, 12):
        bomb = billion_laughs(levels)
        add(Case(f"alias-bomb-eval-{levels}", tree(eval_text=bomb + evaluation() + f"extra: *a{levels - 1}\n"),
                 ["score", "e.yaml"], item=4))
        add(Case(f"alias-bomb-set-{levels}", tree(set_text=bomb + indicator_set() + f"source: *a{levels - 1}\n"),
                 ["check", "."], item=4))
    for command in (["validate", "e.yaml"], ["record", "e.yaml", "份数", "90"], ["export", "e.yaml", "-o", "o.xlsx"],
                    ["check", "e.yaml", "-f", "json"], ["score", "e.yaml", "-f", "html"]):
        add(Case(f"alias-bomb-{command[0]}-{command[-1]}",
                 tree(eval_text=billion_laughs(9) + evaluation() + "extra: *a8\n"), command, writes=("o.xlsx",),
                 item=4))
    add(Case("alias-bomb-merge-key", tree(eval_text=billion_laughs(9) + evaluation() + "funds: {<<: {a: *a8}}\n"),
             ["score", "e.yaml"], item=4))
    add(Case("alias-bomb-duplicate-key", tree(eval_text=billion_laughs(9) + "project: a\n" + evaluation()
                                              + "extra: *a8\n"), ["score", "e.yaml"], item=4))
    add(Case("alias-bomb-wide", tree(eval_text=billion_laughs(4, 1000) + evaluation() + "extra: *a3\n"),
             ["score", "e.yaml"], item=4))
    add(Case("alias-self", tree(eval_text="x: &x [*x]\n" + evaluation()), ["score", "e.yaml"], item=4))
    add(Case("alias-self-mapping", tree(eval_text="x: &x {a: *x}\n" + evaluation()), ["check", "e.yaml"], item=4))
    chain = "\n".join(["c0: &c0 [1]"] + [f"c{i}: &c{i} [*c{i - 1}]" for i in range(1, 2000)]) + "\n"
    add(Case("alias-chain-2000", tree(eval_text=chain + evaluation()), ["score", "e.yaml"], item=4))
    add(Case("alias-undefined", tree(eval_text=evaluation() + "x: *nowhere\n"), ["score", "e.yaml"], codes=(2,),
             item=4))
    add(Case("alias-in-results", tree(eval_text=evaluation().replace("  期数: {actual: 12}", "  期数: &n {actual: 12}")
                                      + "again: *n\n"), ["score", "e.yaml"], item=4))

    # ---------------------------------------------------------------- 5: numbers
    values = ["1e-999999999", "1e999999999", "1e400", "-1e400", "9" * 5000, "-" + "9" * 5000, "0." + "0" * 5000 + "1",
              "1e-11", "1234567890123456", "0.00000000001", ".inf", "-.inf", ".nan", "1_000_000_000_000_000",
              "0x7fffffffffffffffffff", "0o777777777777777777777777", "1e+0999"]
    for i, v in enumerate(values):
        add(Case(f"number-actual-{i}", tree(eval_text=evaluation(actual=v)), ["score", "e.yaml", "--explain"], item=5))
        add(Case(f"number-actual-quoted-{i}", tree(eval_text=evaluation(actual=f'"{v}"')),
                 ["check", "e.yaml"], item=5))
    for i, v in enumerate(["1e400", "1e-999999", "9" * 5000, "1e15", "-1e20", '"1e400"', '"1e-999999"']):
        add(Case(f"number-weight-{i}", tree(set_text=indicator_set(weight=v)), ["check", "."], item=5))
        add(Case(f"number-per-{i}", tree(set_text=indicator_set(per=v)), ["score", "e.yaml", "--explain"], item=5))
    for i, v in enumerate(["=1e400 份", "=1e-999999999 份", "=" + "9" * 5000 + " 份", "≥1e999999999", "1e400"]):
        add(Case(f"number-target-{i}", tree(set_text=indicator_set(target=v)), ["score", "e.yaml"], item=5))
    for i, expr in enumerate(["floor(1e999999999)", "ceil(9e99999999)", "1e999999999", "9" * 400,
                              "actual * " + " * ".join(["999999999999999"] * 30),
                              "floor(actual * " + " * ".join(["999999999999999"] * 30) + ")",
                              "actual / " + " / ".join(["999999999999999"] * 30),
                              "min(" + ", ".join(["1"] * 200) + ")", "abs()", "floor(1, 2)",
                              "(" * 200 + "1" + ")" * 200, "-" * 400 + "1", "not " * 120 + "1",
                              "1 if " * 100 + "1" + " else 1" * 100, "actual ** 99999", "__import__('os')",
                              "actual.__class__", "[1][0]", "'a' * 99999", "weight * 1e-999999"]):
        rule = '{kind: formula, expr: "' + expr.replace('"', '\\"') + '"}'
        add(Case(f"formula-{i}", tree(set_text=indicator_set(rule=rule)), ["score", "e.yaml", "--explain"], item=5))
    for i, v in enumerate(["1e999999999", "9" * 5000, "-1e400", "1e-999999999", "0x10", "\x1b[31m", "\0"]):
        add(Case(f"record-value-{i}", tree(), ["record", "e.yaml", "份数", v], writes=("e.yaml",), item=5))

    # ---------------------------------------------------------------- 6: nesting
    for depth in (101, 1000, 40_000, 100_000):
        add(Case(f"deep-flow-list-{depth}", tree(eval_text=evaluation() + "x: " + "[" * depth + "]" * depth + "\n"),
                 ["score", "e.yaml"], codes=(2,), item=6))
        add(Case(f"deep-flow-map-{depth}", tree(eval_text=evaluation() + "x: " + "{a: " * depth + "1"
                                                + "}" * depth + "\n"), ["check", "e.yaml"], codes=(2,), item=6))
        add(Case(f"deep-unclosed-{depth}", tree(eval_text=evaluation() + "x: " + "[" * depth + "\n"),
                 ["validate", "e.yaml"], codes=(2,), item=6))
    for depth in (200, 5000, 50_000):
        add(Case(f"deep-block-compact-{depth}", tree(eval_text=evaluation() + "x:\n  " + "- " * depth + "1\n"),
                 ["score", "e.yaml"], codes=(2,), item=6))
    add(Case("deep-block-indented-300", tree(eval_text=evaluation() + "x:\n" + "".join(
        " " * i + f"k{i}:\n" for i in range(1, 300)) + " " * 300 + "v: 1\n"), ["score", "e.yaml"], codes=(2,), item=6))
    add(Case("deep-in-set", tree(set_text=indicator_set() + "source: " + "[" * 40_000 + "]" * 40_000 + "\n"),
             ["check", "."], codes=(2,), item=6))
    add(Case("deep-batch-jobs-2", {**tree(), "b.yaml": evaluation(), "c.yaml": evaluation(),
                                   "deep.yaml": "x: " + "[" * 50_000 + "]" * 50_000 + "\n"},
             ["check", ".", "--jobs", "2"], codes=(2,), item=6))
    add(Case("deep-set-ref-batch", {**tree(set_text=indicator_set() + "x: " + "{a: " * 50_000 + "}" * 50_000 + "\n"),
                                    "b.yaml": evaluation()}, ["check", ".", "-j", "2"], codes=(2,), item=6))

    # ---------------------------------------------------------------- 8: quadratic corners
    for n in (1001, 5000, 20_000):
        bands = "[" + ",".join(f"{{min: {i}, score: 1}}" for i in range(n)) + "]"
        add(Case(f"bands-{n}", tree(set_text=indicator_set(rule="{kind: bands, bands: " + bands + "}")),
                 ["score", "e.yaml"], codes=(2,), item=8))
    add(Case("bands-1000", tree(set_text=indicator_set(rule="{kind: bands, bands: [" + ", ".join(
        f"{{min: {i}, max: {i + 1}, score: 1}}" for i in range(1000)) + "]}")), ["check", "."], item=8))
    for i, sentence in enumerate(["1" * 90_000, "每少1个扣0.1分，" * 6_000, "（" * 20_000, "9" * 20_000 + "分"]):
        add(Case(f"rule-sentence-{i}", tree(), ["rule", "parse", sentence], codes=(1, 2), item=8))
        add(Case(f"criteria-{i}", tree(set_text=indicator_set().replace(
            '{name: 份数, target: "=100 份", weight: 20}',
            '{name: 份数, target: "=100 份", weight: 20, criteria: "' + sentence + '"}')), ["check", "."], codes=(1, 2),
            item=8))
    add(Case("zip-bomb-ratio", tree(**{"w.xlsx": zip_bytes({"xl/worksheets/sheet1.xml": b" " * 60_000_000})}),
             ["import", "w.xlsx", "-o", "out"], codes=(1, 2), writes=("out",), item=7))
    add(Case("zip-many-entries", tree(**{"w.xlsx": zip_bytes({f"x/{i}.xml": b"" for i in range(11_000)})}),
             ["import", "w.xlsx", "-o", "out"], codes=(1, 2), writes=("out",), item=7))
    add(Case("zip-not-a-zip", tree(**{"w.xlsx": b"PK\x03\x04" + b"\xff" * 500}), ["import", "w.xlsx", "-o", "out"],
             codes=(1, 2), writes=("out",), item=7))
    add(Case("huge-flat-list", tree(eval_text=evaluation() + "x: [" + "1," * 1_000_000 + "1]\n"),
             ["score", "e.yaml"], codes=(2,), item=8))
    add(Case("many-results", tree(eval_text=evaluation() + "".join(f"  k{i}: {i}\n" for i in range(10_000))),
             ["check", "e.yaml"], item=8))
    add(Case("long-line", tree(eval_text=evaluation() + "x: " + "a" * 1_500_000 + "\n"), ["score", "e.yaml"], item=8))
    add(Case("long-key", tree(eval_text=evaluation() + "  " + "名" * 100_000 + ": 1\n"), ["check", "e.yaml"], item=8))

    # ---------------------------------------------------------------- 9: ids
    for i, set_id in enumerate(["A#1", "'A#1'", "\"A'B\"", "'it''s'", "\"q\\\"uote\"", "名称 #注释", "'#'", "A # B"]):
        shown = set_id
        add(Case(f"id-{i}", tree(set_text=indicator_set(set_id=shown), eval_text=evaluation(set_id=shown)),
                 ["score", "e.yaml"], codes=(0,), item=9))
    add(Case("id-prefix", tree(set_text=indicator_set(set_id="A#1"), eval_text=evaluation(set_id="A")),
             ["score", "e.yaml"], codes=(2,), stderr="找不到指标体系“A”", item=9))

    # ---------------------------------------------------------------- 10: inconsistent but accepted
    add(Case("extends-self", tree(set_text=indicator_set(extra="extends: H\n")), ["score", "e.yaml"], codes=(2,),
             stderr="指标体系继承了自身", item=10))
    add(Case("extends-cycle", tree(set_text=indicator_set(extra="extends: G\n"),
                                   **{"indicator_sets/g.yaml": indicator_set(set_id="G", extra="extends: H\n")}),
             ["check", "."], codes=(2,), stderr="extends 循环继承", item=10))
    add(Case("extends-cycle-3", tree(set_text=indicator_set(extra="extends: G\n"), **{
        "indicator_sets/g.yaml": indicator_set(set_id="G", extra="extends: F\n"),
        "indicator_sets/f.yaml": indicator_set(set_id="F", extra="extends: H\n")}), ["score", "e.yaml"], codes=(2,),
        item=10))
    add(Case("extends-missing", tree(set_text=indicator_set(extra="extends: nowhere\n")), ["score", "e.yaml"],
             codes=(2,), item=10))
    add(Case("extends-evaluation", tree(set_text=indicator_set(extra="extends: E\n"),
                                        **{"indicator_sets/x.yaml": "indicator_set: E\nproject: x\nindicators:\n"}),
             ["score", "e.yaml"], codes=(2,), item=10))
    add(Case("grade-band-inverted", tree(set_text=indicator_set(
        extra="grades:\n  name: 自定\n  bands:\n    - {grade: 优, min: 100, max: 0}\n    - {grade: 差}\n")),
        ["check", "."], stdout="区间颠倒", item=10))
    add(Case("all-not-applicable", tree(eval_text=evaluation().replace("{actual: ", "{not_applicable: 无此项, x: ")),
             ["check", "e.yaml"], item=10))
    add(Case("words-target-number-actual", tree(set_text=indicator_set(target="NaN"), eval_text=evaluation(
        actual="26400")), ["check", "e.yaml"], stdout="不按完成程度26400%计", item=10))

    # ---------------------------------------------------------------- 11: exit 2, not 3
    add(Case("out-missing-dir", tree(), ["score", "e.yaml", "-f", "md", "-o", "missing/o.md"], codes=(2,), item=11))
    add(Case("out-is-dir", tree(), ["score", "e.yaml", "-o", "indicator_sets"], codes=(2,), item=11))
    add(Case("out-xlsx-missing-dir", tree(), ["score", "e.yaml", "-f", "xlsx", "-o", "no/o.xlsx"], codes=(2,), item=11))
    add(Case("check-out-missing-dir", tree(), ["check", "e.yaml", "-o", "no/o.txt"], codes=(2,), item=11))
    add(Case("summary-missing-dir", tree(), ["check", "e.yaml", "--summary", "no/o.xlsx"], codes=(2,), item=11))
    add(Case("export-onto-dir", tree(), ["export", "e.yaml", "-o", "d.xlsx"], codes=(2,),
             setup=lambda d: (d / "d.xlsx").mkdir(), item=11))
    add(Case("record-ro-dir", {"sub/e.yaml": evaluation(), "indicator_sets/h.yaml": indicator_set()},
             ["record", "sub/e.yaml", "份数", "90"], codes=(2,), setup=_chmod("sub", 0o555), item=11))
    add(Case("record-ro-file", tree(), ["record", "e.yaml", "份数", "90"], codes=(2,), setup=_chmod("e.yaml", 0o444),
             item=11))
    add(Case("new-missing-dir", tree(), ["new", "--set", "indicator_sets/h.yaml", "-o", "no/e.yaml"],
             writes=("no", "no/e.yaml"), item=11))       # new makes the directory it is asked to write into
    add(Case("schema-onto-file", tree(), ["schema", "-o", "e.yaml"], codes=(2,), item=11))

    # ---------------------------------------------------------------- 2/3: outputs never destroy
    for fmt in ("md", "json", "csv", "html", "xlsx", "table"):
        add(Case(f"out-onto-input-{fmt}", tree(), ["score", "e.yaml", "-f", fmt, "-o", "e.yaml"], codes=(2,),
                 stderr="输出文件就是输入文件之一", item=3))
    add(Case("out-onto-set", tree(), ["score", "e.yaml", "-o", "indicator_sets/h.yaml"], codes=(2,), item=3))
    add(Case("check-out-onto-input", tree(), ["check", "e.yaml", "-o", "e.yaml"], codes=(2,), item=3))
    add(Case("check-summary-onto-input", tree(), ["check", "e.yaml", "--summary", "e.yaml"], codes=(2,), item=3))
    add(Case("check-dir-out-inside", tree(), ["check", ".", "-o", "e.yaml"], codes=(2,), item=3))
    add(Case("export-onto-input-link", tree(), ["export", "e.yaml", "-o", "l.xlsx"], codes=(2,),
             setup=_symlink("l.xlsx", "e.yaml"), item=3))
    add(Case("out-onto-input-hardlink", tree(), ["score", "e.yaml", "-o", "h.md"], codes=(2,),
             setup=_hardlink("h.md", "e.yaml"), item=3))
    add(Case("new-onto-set", tree(), ["new", "--set", "indicator_sets/h.yaml", "-o", "indicator_sets/h.yaml",
                                      "--force"], codes=(2,), item=3))
    add(Case("out-symlink", tree(**{"real.md": "old"}), ["score", "e.yaml", "-f", "md", "-o", "link.md"], codes=(0,),
             writes=("real.md",), setup=_symlink("link.md", "real.md"), item=2))
    add(Case("out-dangling-symlink", tree(), ["score", "e.yaml", "-f", "md", "-o", "link.md"], codes=(0, 2),
             writes=("gone.md",), setup=_symlink("link.md", "gone.md"), item=2))
    add(Case("out-readonly", tree(**{"ro.md": "keep"}), ["score", "e.yaml", "-f", "md", "-o", "ro.md"], codes=(2,),
             setup=_chmod("ro.md", 0o444), stderr="文件只读", item=2))
    add(Case("out-fifo-no-reader", tree(), ["score", "e.yaml", "-o", "pipe"], codes=(2,), setup=_fifo("pipe"),
             item=2))
    add(Case("check-out-fifo-no-reader", tree(), ["check", "e.yaml", "-o", "pipe"], codes=(2,), setup=_fifo("pipe"),
             item=2))
    add(Case("out-chardev", tree(), ["score", "e.yaml", "-f", "xlsx", "-o", "null"], codes=(0,), setup=_chardev("null"),
             item=2))
    add(Case("out-hardlink-kept", tree(**{"a.md": "old"}), ["score", "e.yaml", "-f", "md", "-o", "a.md"], codes=(0,),
             writes=("a.md", "b.md"), setup=_hardlink("b.md", "a.md"), item=2))
    add(Case("input-fifo", tree(), ["score", "pipe.yaml"], codes=(2,), setup=_fifo("pipe.yaml"), item=2))
    add(Case("input-dev-zero", tree(), ["score", "/dev/zero"], codes=(2,), item=2))
    add(Case("input-dev-urandom", tree(), ["check", "/dev/urandom"], codes=(2,), item=2))
    add(Case("input-symlink-loop", tree(), ["score", "loop.yaml"], codes=(2,),
             setup=lambda d: os.symlink(d / "loop.yaml", d / "loop.yaml"), item=2))

    # ---------------------------------------------------------------- 12: messages keep the contract
    gbk = evaluation().replace("敌意测试项目", "项目").encode("gbk")
    add(Case("gbk-eval", tree(eval_text=None, **{"e.yaml": gbk}), ["score", "e.yaml"], codes=(2,),
             stderr="e.yaml:1:10: 文件不是 UTF-8 编码", item=12))
    add(Case("gbk-set", tree(set_text=None, **{"indicator_sets/h.yaml": indicator_set().encode("gbk")}),
             ["check", "."], codes=(2,), item=12))
    add(Case("utf16", tree(**{"e.yaml": evaluation().encode("utf-16")}), ["score", "e.yaml"], codes=(2,), item=12))
    add(Case("binary", tree(**{"e.yaml": bytes(range(256)) * 40}), ["score", "e.yaml"], codes=(2,), item=12))
    add(Case("png-as-yaml", tree(**{"e.yaml": b"\x89PNG\r\n\x1a\n" + b"\0" * 100}), ["check", "e.yaml"], codes=(2,),
             item=12))
    add(Case("zip-as-yaml", tree(**{"e.yaml": b"PK\x03\x04" + b"\0" * 100}), ["validate", "e.yaml"], codes=(2,),
             item=12))
    add(Case("nul-in-text", tree(eval_text=evaluation().replace("测试部门", "测试\0部门")), ["score", "e.yaml"],
             codes=(2,), stderr="e.yaml:2:15: 文件含有不允许的控制字符 U+0000", item=12))
    add(Case("esc-in-text", tree(eval_text=evaluation().replace("测试部门", "\x1b[2J\x1b[31m部门")),
             ["score", "e.yaml"], codes=(2,), item=12))
    add(Case("esc-quoted", tree(eval_text=evaluation().replace("测试部门", '"\\e[2J\\e[31m部门"')),
             ["score", "e.yaml"], item=12))
    add(Case("esc-in-name", tree(eval_text=evaluation().replace("  期数:", '  "\\e[31m期数\\0":')),
             ["check", "e.yaml"], item=12))
    add(Case("c1-control", tree(eval_text=evaluation().replace("测试部门", "部门\x9b31m")), ["score", "e.yaml"],
             codes=(2,), item=12))
    add(Case("bom-then-gbk", tree(**{"e.yaml": b"\xef\xbb\xbf" + gbk}), ["score", "e.yaml"], codes=(2,), item=12))
    add(Case("empty-file", tree(eval_text=""), ["score", "e.yaml"], codes=(2,), item=12))
    add(Case("only-comment", tree(eval_text="# 空\n"), ["check", "e.yaml"], codes=(2,), item=12))
    add(Case("list-document", tree(eval_text="- 1\n- 2\n"), ["score", "e.yaml"], codes=(2,), item=12))
    add(Case("scalar-document", tree(eval_text="hello\n"), ["score", "e.yaml"], codes=(2,), item=12))
    add(Case("multi-document", tree(eval_text=evaluation() + "---\n" + evaluation()), ["score", "e.yaml"], codes=(2,),
             item=12))
    add(Case("tag", tree(eval_text=evaluation() + "x: !!python/object:os.system echo\n"), ["score", "e.yaml"],
             codes=(2,), item=12))
    add(Case("tab-indent", tree(eval_text=evaluation().replace("  期数", "\t期数")), ["score", "e.yaml"], codes=(2,),
             item=12))
    add(Case("unreadable", tree(), ["score", "e.yaml"], setup=_chmod("e.yaml", 0o000), item=12))
    add(Case("missing-file", tree(), ["score", "nowhere.yaml"], codes=(2,), item=12))
    add(Case("directory-as-eval", tree(), ["score", "indicator_sets"], codes=(2,), item=12))
    add(Case("name-with-gt", tree(eval_text=evaluation().replace("  期数:", "  数量 > 期数:")), ["record", "e.yaml",
                                                                                         "数量 > 期数", "12"],
             writes=("e.yaml",), item=12))
    add(Case("name-typo-gt", tree(), ["record", "e.yaml", "数量>期", "12"], codes=(2,), writes=("e.yaml",), item=12))
    add(Case("negative-zero", tree(eval_text=evaluation(actual="-0")), ["score", "e.yaml"], item=12))
    add(Case("negative-zero-score", tree(eval_text=evaluation().replace("{actual: 12}", "{actual: 12, score: -0.00}")),
             ["check", "e.yaml"], item=12))
    add(Case("unknown-field-control", tree(eval_text=evaluation() + '"\\e[31mx": 1\n'), ["score", "e.yaml"],
             codes=(2,), item=12))
    add(Case("crlf", tree(**{"e.yaml": evaluation().replace("\n", "\r\n").encode()}), ["score", "e.yaml"], item=12))
    add(Case("cr-only", tree(**{"e.yaml": evaluation().replace("\n", "\r").encode()}), ["score", "e.yaml"], item=12))
    add(Case("huge-file", tree(eval_text=evaluation() + "# " + "x" * 3_000_000 + "\n"), ["score", "e.yaml"],
             codes=(2,), item=12))
    add(Case("bad-option", tree(), ["score", "e.yaml", "--format", "exe"], codes=(2,), item=12))
    add(Case("no-such-command", tree(), ["destroy", "e.yaml"], codes=(2,), item=12))

    # ---------------------------------------------------------------- 13: jobs
    add(Case("jobs-1000", {**tree(), **{f"e{i}.yaml": evaluation() for i in range(10)}}, ["check", ".", "--jobs",
                                                                                         "1000"], item=13))
    add(Case("jobs-0", tree(), ["check", ".", "--jobs", "0"], codes=(2,), item=13))
    add(Case("jobs-negative", tree(), ["check", ".", "-j", "-5"], codes=(2,), item=13))
    add(Case("jobs-huge-number", tree(), ["check", ".", "-j", "9" * 30], item=13))
    add(Case("export-jobs-1000", {**tree(), "b.yaml": evaluation()}, ["export", ".", "-j", "1000", "-o", "o.xlsx"],
             writes=("o.xlsx",), item=13))
    return out


def write(case: Case, directory: Path) -> None:
    """Materialise one case (files, then its setup) in an empty directory."""
    for rel, content in case.files.items():
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    if case.setup is not None:
        case.setup(directory)


if __name__ == "__main__":
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for c in cases():
        d = root / c.name
        d.mkdir(parents=True, exist_ok=True)
        write(c, d)
        (d / "COMMAND").write_text("perfscore " + " ".join(c.argv) + "\n", encoding="utf-8")
    print(f"{len(cases())} cases in {root}")
