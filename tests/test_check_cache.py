"""check's incremental cache: a warm run prints what a cold one prints, byte for byte, and
re-reads only what changed (the seed in every way it can change; 1,000 generated files)."""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from helpers import ROOT, SEED
from perfscore.checks import batch_files, stream_reports
from perfscore.checks.cache import CheckCache, default_dir
from perfscore.cli.commands.check import run_check


def run(root: Path, cache: Path | None, fmt: str = "json", jobs: int = 1) -> bytes:
    """``perfscore check indicator_sets evaluations`` in ``root``; the output's bytes."""
    out = root.parent / f"{root.name}-out.{fmt}"
    cwd = os.getcwd()
    os.chdir(root)
    try:
        code = run_check(["indicator_sets", "evaluations"], fmt, False, jobs, None, out, cache, cache is not None)
    finally:
        os.chdir(cwd)
    assert code in (0, 1)
    return out.read_bytes()


def misses(root: Path, cache: Path) -> int:
    """How many files a run finds changed (it recomputes and stores them, so the next run misses none)."""
    cwd = os.getcwd()
    os.chdir(root)
    try:
        store = CheckCache(str(cache))
        for _ in stream_reports(batch_files(["indicator_sets", "evaluations"]), cache=store):
            pass
    finally:
        os.chdir(cwd)
    assert store.hits + store.misses == len(batch_files([str(root / "indicator_sets"), str(root / "evaluations")]))
    return store.misses


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("??/*.json"))


# --------------------------------------------------------------------------- the seed

A = "政府公报编制及印发专项经费-自评.yaml"
SET_A = "indicator_sets/2024/景德镇市人民政府办公室/政府公报编制及印发专项经费-自评.yaml"


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """The seed (3 evaluations of 2 projects, a department summary, their sets) in a fresh tree."""
    root = tmp_path / "seed"
    shutil.copytree(ROOT / "indicator_sets", root / "indicator_sets")
    shutil.copytree(SEED, root / "evaluations" / "2024" / SEED.name)
    return root


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_warm_run_of_the_seed_prints_what_a_cold_one_prints(seed: Path, tmp_path: Path, fmt: str) -> None:
    cache = tmp_path / "cache"
    cold = run(seed, None, fmt)
    assert run(seed, cache, fmt) == cold          # the first run fills the cache
    assert misses(seed, cache) == 0
    assert run(seed, cache, fmt) == cold          # every file from the cache
    assert b"PS301" in cold and b"PS304" in cold and b"PS305" in cold    # the cross checks ran


def _touch(root: Path) -> None:
    p = root / "evaluations" / "2024" / SEED.name / A
    os.utime(p, (p.stat().st_atime + 100, p.stat().st_mtime + 100))


def _edit(root: Path) -> None:
    edit(root / "evaluations" / "2024" / SEED.name / A, "total: 96", "total: 95.92")


def _delete(root: Path) -> None:
    (root / "evaluations" / "2024" / SEED.name / "政府公报编制及印发专项经费-部门评价.yaml").unlink()


def _add(root: Path) -> None:
    shutil.copy(root / "evaluations" / "2024" / SEED.name / A, root / "evaluations" / "2024" / SEED.name / "副本.yaml")


def _change_set(root: Path) -> None:
    edit(root / SET_A, "weight: 3", "weight: 4")


def _change_framework(root: Path) -> None:
    with open(root / "indicator_sets" / "frameworks" / "mof-2020-self.yaml", "a", encoding="utf-8") as fh:
        fh.write("# 改了一个字节以外的什么也没改\n")


def _corrupt(cache: Path) -> None:
    first, second, third = entries(cache)[:3]
    first.write_bytes(b"\x80\x00not json")                               # garbage
    second.write_text(second.read_text(encoding="utf-8")[:40], encoding="utf-8")   # cut short
    data = json.loads(third.read_text(encoding="utf-8"))
    data["engine"] = "0.0.1+someone-else"                              # another perfscore's
    third.write_text(json.dumps(data), encoding="utf-8")


def _forge(cache: Path) -> None:
    """Right engine and hashes, but a finding of the wrong shape: never trusted."""
    for p in entries(cache):
        data = json.loads(p.read_text(encoding="utf-8"))
        if data["report"]["findings"]:
            data["report"]["findings"][0][1] = "fatal"
            p.write_text(json.dumps(data), encoding="utf-8")
            return


@pytest.mark.parametrize(("change", "recomputed"), [
    (_touch, 0),           # same bytes: still valid
    (_edit, 1),            # the edited file only; the cross checks are redone from the facts
    (_delete, 0),          # nothing to recompute, but A and the summary lose their partner
    (_add, 1),             # the new file; it pairs with A and C
    (_change_set, 2),      # the set and the evaluation that uses it
    (_change_framework, 5),  # the framework, the two sets extending it and their evaluations
])
def test_after_a_change_only_what_changed_is_reread_and_the_output_is_a_cold_runs(
        seed: Path, tmp_path: Path, change, recomputed: int) -> None:
    cache = tmp_path / "cache"
    before = run(seed, cache)
    change(seed)
    assert misses(seed, cache) == recomputed
    cold = run(seed, None)
    assert run(seed, cache) == cold
    assert (cold == before) == (change in (_touch, _change_framework))


@pytest.mark.parametrize(("damage", "recomputed"), [(_corrupt, 3), (_forge, 1)])
def test_a_damaged_cache_entry_is_ignored_and_rewritten(seed: Path, tmp_path: Path, damage, recomputed: int) -> None:
    cache = tmp_path / "cache"
    cold = run(seed, cache)
    damage(cache)
    assert run(seed, cache) == cold
    assert misses(seed, cache) == 0               # the warm run wrote them afresh
    damage(cache)
    assert misses(seed, cache) == recomputed


def test_a_set_found_elsewhere_invalidates_the_files_that_used_it(seed: Path, tmp_path: Path) -> None:
    """The lookup of a set id is replayed: a same-id set in a directory searched first wins now."""
    cache = tmp_path / "cache"
    run(seed, cache)
    closer = seed / "evaluations" / "2024" / SEED.name / "新的指标体系.yaml"
    text = (seed / SET_A).read_text(encoding="utf-8")
    closer.write_text(text.replace("weight: 3", "weight: 4"), encoding="utf-8")
    assert misses(seed, cache) == 2               # the new file and the evaluation now using it
    assert run(seed, cache) == run(seed, None)


def test_no_cache_writes_nothing_and_the_default_is_the_root_of_the_tree(seed: Path, tmp_path: Path) -> None:
    run(seed, None)
    assert not list(seed.rglob(".perfscore_cache"))
    assert default_dir([str(seed / "evaluations" / "2024")]) == str(seed / ".perfscore_cache")
    assert default_dir([str(tmp_path / "elsewhere.yaml")]) == str(tmp_path / ".perfscore_cache")


def test_the_cache_directory_ignores_itself_for_git(seed: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run(seed, cache)
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert len(entries(cache)) == len(batch_files([str(seed)]))   # one entry per file


# --------------------------------------------------------------------------- 1,000 generated files

@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bench/generate.py's 1,000 evaluations and 50 sets (a quarter extending a framework), made once."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    root = tmp_path_factory.mktemp("generated") / "tree"
    generate.generate(1000, str(root))
    return root


def test_a_thousand_files_warm_after_every_kind_of_change(generated: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = run(generated, cache, jobs=2)          # an empty cache: a cold run (by workers), filling it
    assert run(generated, cache) == cold
    evaluations = sorted((generated / "evaluations").rglob("*.yaml"))
    sets = sorted((generated / "indicator_sets").rglob("*.yaml"))
    # touch one, edit one, delete one, add one (a second evaluation of its project: cross findings),
    # change one indicator set (its 20 evaluations), damage three cache entries
    os.utime(evaluations[0], (1, 1))
    edit(evaluations[1], "  total: ", "  total: 1")
    evaluations[2].unlink()
    added = evaluations[3].with_name("另一份-自评.yaml")
    shutil.copy(evaluations[3], added)
    edit(added, "  total: ", "  total: 2")
    set_id = sets[0].read_text(encoding="utf-8").split("indicator_set: ", 1)[1].split("\n", 1)[0]
    users = [e for e in (generated / "evaluations").rglob("*.yaml")
             if f"indicator_set: {set_id}\n" in e.read_text(encoding="utf-8")]
    assert len(users) >= 19
    edit(sets[0], "            weight: 3\n", "            weight: 4\n")
    damaged = [json.loads(p.read_text(encoding="utf-8"))["path"] for p in entries(cache)[-3:]]
    for p in entries(cache)[-3:]:
        p.write_bytes(p.read_bytes()[:-2])
    changed = {str(p.relative_to(generated)) for p in (*users, evaluations[1], added, sets[0])}
    assert misses(generated, cache) == len(changed | set(damaged) - {str(evaluations[2].relative_to(generated))})
    assert misses(generated, cache) == 0
    cold = run(generated, None, jobs=2)
    assert b"PS301" in cold                       # the added evaluation against the one it copies
    assert run(generated, cache) == cold
