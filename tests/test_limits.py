"""Bounds on what is read (perfscore.limits): hostile YAML and numbers are refused, located, exit 2."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfscore import limits
from perfscore.errors import PerfscoreError, did_you_mean, printable
from perfscore.numbers import parse_decimal
from perfscore.yamlio import read_text, read_yaml


def _billion_laughs(levels: int = 9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines) + f"\nproject: x\nresults:\n  q: *a{levels - 1}\n"


YAML_CASES = [
    # (name, text, message, line, column)
    ("flow 40,000 deep", "a: " + "[" * 40_000 + "]" * 40_000 + "\n", "嵌套过深（超过100层）", 1, 103),
    ("flow 101 deep", "a: " + "{b: " * 101 + "1" + "}" * 101 + "\n", "嵌套过深（超过100层）", 1, 400),
    ("block compact 200 deep", "a:\n  " + "- " * 200 + "x\n", "嵌套过深（超过100层）", 2, 201),
    ("billion laughs", _billion_laughs(),
     "别名（*）展开后节点过多（超过11080个，与文件大小成比例的上限），疑为“别名炸弹”", 1, 5),
    ("alias containing itself", "a: &a [*a]\nproject: x\n", "别名（*）嵌套过深或引用了自身", 1, 1),
    ("NUL", "project: x\0y\n", "文件含有不允许的控制字符 U+0000（二进制文件，或复制时混入）", 1, 11),
    ("ESC", "project: \x1b[31mx\n", "文件含有不允许的控制字符 U+001B（二进制文件，或复制时混入）", 1, 10),
    ("tiny exponent", "actual: 1e-999999999\n", "小数位数过多（超过10位）：“1e-999999999”", 1, 9),
    ("huge exponent", "weight: 1e400\n", "数值过大（整数部分超过15位）：“1e400”", 1, 9),
    ("16-digit integer", "weight: 1234567890123456\n", "数值过大（整数部分超过15位）：“1234567890123456”", 1, 9),
    ("5,000-digit integer", "weight: " + "9" * 5000 + "\n", "数字过长（5000个字符，上限64）：“99999999999999999999…”", 1, 9),
    ("11 decimals", "rate: 0.12345678901\n", "小数位数过多（超过10位）：“0.12345678901”", 1, 7),
]


@pytest.mark.parametrize("name,text,message,line,column", YAML_CASES, ids=[c[0] for c in YAML_CASES])
def test_hostile_yaml_is_refused_with_its_position(name: str, text: str, message: str, line: int,
                                                   column: int) -> None:
    with pytest.raises(PerfscoreError) as err:
        read_yaml("h.yaml", text)
    assert (err.value.message, err.value.line, err.value.column) == (message, line, column)


@pytest.mark.parametrize("text,value", [
    ("a: 999999999999999\n", 999999999999999),
    ("a: 1.50000000000\n", Decimal("1.50000000000")),
    ("a: 0.0000000001\n", Decimal("0.0000000001")),
    ("a: 0e-99999\n", Decimal("0e-99999")),
    ("a: [[[[[1]]]]]\n", [[[[[1]]]]]),
    ("b: &b [1, 2]\na: *b\n", [1, 2]),
])
def test_numbers_and_nesting_within_bounds_are_read(text: str, value: object) -> None:
    assert read_yaml("ok.yaml", text)["a"] == value


def test_many_flow_mappings_are_not_mistaken_for_depth() -> None:
    text = "results:\n" + "".join(f"  k{i}: {{actual: {i}, score: [1, 2]}}\n" for i in range(300))
    assert len(read_yaml("flat.yaml", text)["results"]) == 300


@pytest.mark.parametrize("text,message", [
    ("1e-999999999", "不是数字：'1e-999999999'"),
    ("9" * 16, "数值过大（整数部分超过15位）"),
    ("0.00000000001", "小数位数过多（超过10位）"),
    ("9" * 5000, "数字过长（5000个字符，上限64）"),
])
def test_parse_decimal_bounds(text: str, message: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_decimal(text)
    assert str(err.value) == message


def test_gbk_file_is_located(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("project: x\nname: 中文\n".encode("gbk"))
    with pytest.raises(PerfscoreError) as err:
        read_text(str(path))
    assert str(err.value) == (f"{path}:2:7: 文件不是 UTF-8 编码（第18字节：0xD6；GBK 等编码的文件请另存为 UTF-8）")


@pytest.mark.parametrize("make,message", [
    (lambda p: p.mkdir(), "这是目录，不是文件"),
    (lambda p: None, "文件不存在"),
    (lambda p: p.write_bytes(b"a" * (limits.MAX_YAML_BYTES + 1)),
     f"文件过大（{limits.MAX_YAML_BYTES + 1}字节，上限{limits.MAX_YAML_BYTES}字节）"),
])
def test_unreadable_inputs(tmp_path: Path, make: object, message: str) -> None:
    path = tmp_path / "x.yaml"
    make(path)  # type: ignore[operator]
    with pytest.raises(PerfscoreError) as err:
        read_text(str(path))
    assert err.value.message == message


def test_devices_and_fifos_are_not_read(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    for path in (str(fifo), "/dev/zero"):
        with pytest.raises(PerfscoreError) as err:
            read_text(path)
        assert err.value.message == "不是普通文件（管道、设备等不能作为输入）"


def test_control_characters_are_escaped_when_printed() -> None:
    err = PerfscoreError("未知字段“a\x1b[31m\0”", "e.yaml", 3, 1)
    assert str(err) == "e.yaml:3:1: 未知字段“a\\x1b[31m\\x00”"
    assert printable("第一行\n\t第二行") == "第一行\n\t第二行"


def test_did_you_mean_never_suggests_what_was_written() -> None:
    assert did_you_mean("产出 > 数量", ["产出 > 数量", "产出 > 质量"]) == "，是否想写“产出 > 质量”？"
    assert did_you_mean("a>b", ["a>b"]) == ""


@pytest.mark.parametrize("requested,files,expected", [(1000, 10, 2), (1000, 1, 1), (4, 0, 1), (1, 50, 1)])
def test_worker_count_is_capped(monkeypatch: pytest.MonkeyPatch, requested: int, files: int, expected: int) -> None:
    import os

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    assert limits.worker_count(requested, files) == expected
