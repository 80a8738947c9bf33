"""Concurrent ``record`` calls on one evaluation lose no edit (issue 11, item 1).

Each round writes a fresh evaluation with N indicators, then starts N concurrent records of
different indicators (N between 2 and 20): as processes running ``perfscore record`` or, for
speed, as threads calling the API. At the end of the round every record that reported
success must be in the file. ``python tests/hostile/record_rounds.py [ROUNDS] [--processes]``
runs the full check (200 rounds); tests/test_record_concurrency.py runs a few rounds of each.
"""
from __future__ import annotations

import random
import subprocess
import sys
import threading
from pathlib import Path

SET = """\
indicator_set: R
name: 并发测试
indicators:
  - name: 产出指标
    weight: 100
    children:
      - name: 数量
        children:
{leaves}
"""
LEAF = "          - {{name: 指标{i}, target: \"=100 份\", weight: 5}}\n"
EVAL = "project: 并发\ndepartment: 部门\nyear: 2024\nkind: 自评\nindicator_set: R\nresults:\n{rows}"


def prepare(directory: Path, n: int) -> Path:
    (directory / "indicator_sets").mkdir(parents=True, exist_ok=True)
    (directory / "indicator_sets" / "r.yaml").write_text(
        SET.format(leaves="".join(LEAF.format(i=i) for i in range(20))), encoding="utf-8")
    path = directory / "e.yaml"
    path.write_text(EVAL.format(rows="".join(f"  指标{i}: {{actual: 0}}\n" for i in range(n))), encoding="utf-8")
    return path


def round_with_threads(path: Path, n: int) -> list[int]:
    """n threads record 指标i = 100 + i at once; returns the indicators whose record succeeded."""
    from perfscore.authoring.record import record
    from perfscore.errors import PerfscoreError

    done: list[int] = []
    start = threading.Barrier(n)

    def one(i: int) -> None:
        start.wait()
        try:
            record(str(path), f"指标{i}", str(100 + i))
            done.append(i)
        except PerfscoreError:
            pass

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done


def round_with_processes(path: Path, n: int) -> list[int]:
    """n ``perfscore record`` processes at once; returns those that exited 0 saying 已记录."""
    procs = [subprocess.Popen([sys.executable, "-m", "perfscore", "record", str(path), f"指标{i}", str(100 + i)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(n)]
    done = []
    for i, p in enumerate(procs):
        out, _ = p.communicate(timeout=120)
        if p.returncode == 0 and "已记录" in out:
            done.append(i)
    return done


def lost(path: Path, done: list[int]) -> list[int]:
    """The indicators reported as recorded whose value is not in the file."""
    from perfscore.yamlio import read_yaml

    results = read_yaml(str(path), path.read_text(encoding="utf-8"))["results"]
    return [i for i in done if (results.get(f"指标{i}") or {}).get("actual") != 100 + i]


def run(rounds: int, processes: bool, directory: Path, seed: int = 11) -> tuple[int, int]:
    """(edits reported as recorded, edits lost) over ``rounds`` rounds of 2 to 20 concurrent records."""
    rng = random.Random(seed)
    recorded = missing = 0
    for r in range(rounds):
        n = rng.randint(2, 20)
        path = prepare(directory / f"round{r}", n)
        done = (round_with_processes if processes else round_with_threads)(path, n)
        recorded += len(done)
        missing += len(lost(path, done))
    return recorded, missing


if __name__ == "__main__":
    import tempfile

    count = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 200
    with tempfile.TemporaryDirectory() as tmp:
        got, gone = run(count, "--processes" in sys.argv, Path(tmp))
    print(f"{count} rounds: {got} edits reported as recorded, {gone} lost")
    sys.exit(1 if gone else 0)
