"""Ids resolved exactly, extends chains and cycles, inverted grade bands (issue 11, items 9-10)."""
from __future__ import annotations

from pathlib import Path

import pytest

from perfscore.errors import PerfscoreError
from perfscore.loading import find_set, forget_index, load_set

SET = """\
indicator_set: {id}
name: 测试
{extra}indicators:
  - name: 产出指标
    weight: 100
    children:
      - name: 数量
        children:
          - {{name: 份数, target: "=10 份", weight: 100}}
"""


def _write(directory: Path, name: str, set_id: str, extra: str = "") -> Path:
    path = directory / "indicator_sets" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SET.format(id=set_id, extra=extra), encoding="utf-8")
    return path


@pytest.mark.parametrize("written,wanted", [
    ("A#1", "A#1"),
    ("'A#1'", "A#1"),
    ('"he said \\"x\\""', 'he said "x"'),
    ("'it''s'", "it's"),
    ("B   # a comment", "B"),
    ("2024-公报 #注释", "2024-公报"),
])
def test_set_ids_are_resolved_exactly(tmp_path: Path, written: str, wanted: str) -> None:
    forget_index()
    path = _write(tmp_path, "s.yaml", written)
    assert find_set(wanted, str(tmp_path)) == str(path)


def test_an_id_is_never_a_prefix_of_another(tmp_path: Path) -> None:
    forget_index()
    _write(tmp_path, "s.yaml", "A#1")
    with pytest.raises(PerfscoreError) as err:
        find_set("A", str(tmp_path))
    assert err.value.message == "找不到指标体系“A”，是否想写“A#1”？"     # a hint, never a silent match


@pytest.mark.parametrize("sets,message", [
    ({"a.yaml": ("A", "extends: A\n")}, "a.yaml:3:10: 指标体系继承了自身"),
    ({"a.yaml": ("A", "extends: B\n"), "b.yaml": ("B", "extends: A\n")},
     "b.yaml:3:10: extends 循环继承：a.yaml → b.yaml → a.yaml"),
], ids=["self", "cycle"])
def test_extends_cycles_are_errors_at_the_extends(tmp_path: Path, sets: dict[str, tuple[str, str]],
                                                   message: str) -> None:
    forget_index()
    for name, (set_id, extra) in sets.items():
        _write(tmp_path, name, set_id, extra)
    with pytest.raises(PerfscoreError) as err:
        load_set(str(tmp_path / "indicator_sets" / "a.yaml"))
    assert str(err.value).removeprefix(str(tmp_path / "indicator_sets") + "/") == message


def test_a_frameworks_own_extends_is_followed(tmp_path: Path) -> None:
    forget_index()
    _write(tmp_path, "g.yaml", "G", "grades: five-band\n")
    _write(tmp_path, "p.yaml", "P", "extends: G\n")
    child = _write(tmp_path, "c.yaml", "C", "extends: P\n")
    loaded = load_set(str(child))
    assert loaded.grades.name == "五档"          # from the grandparent, through the parent
    assert [n.name for n in loaded.framework] == ["产出指标"]


def test_an_inverted_grade_band_is_ps105(tmp_path: Path) -> None:
    from perfscore.checks import check

    forget_index()
    path = _write(tmp_path, "s.yaml", "S", "grades:\n  name: 自定\n  bands:\n    - {grade: 优, min: 100, max: 0}\n"
                                             "    - {grade: 差}\n")
    found = [f for f in check([str(path)]).findings if f.code == "PS105"]
    assert [f.message for f in found] == ["等级标准“自定”：“优”下限100大于上限0，区间颠倒"]
