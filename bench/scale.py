"""Throughput and peak memory of ``perfscore check`` at several batch sizes: the table of docs/scale.md.

    python bench/scale.py [N ...]          # default: 1000 10000 50000

For each N (bench/generate.py's trees, N evaluations and N/20 sets) and --jobs 1 and 2: a cold
run (empty cache, which it fills) and then a warm run (nothing changed), each its own process
through a wrapper reading ru_maxrss. Prints a markdown table. One run per cell: the big trees
take minutes, so this is not part of ``bench/run.py``.
"""
from __future__ import annotations

import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000, 10000, 50000]
    cfg = run.Config(quick=False, data=os.path.join(run.HERE, ".data"))
    print(f"load average at the start: {os.getloadavg()}", flush=True)
    print("| evaluations (+ sets) | --jobs | cold: time | files/s | peak RSS | warm: time | files/s | peak RSS |")
    print("|---|---|---|---|---|---|---|---|")
    for n in sizes:
        d = run.dataset(cfg, n)
        files = n + -(-n // 20)
        for jobs in (1, 2):
            cache = os.path.join(cfg.data, f"scale-cache-{n}-{jobs}")
            shutil.rmtree(cache, ignore_errors=True)
            cmd = run.perfscore_cmd() + ["check", d, "--format", "json", "-o", os.devnull, "--jobs", str(jobs),
                                         "--cache-dir", cache]
            cold = run.measure_child(cmd)
            warm = run.measure_child(cmd)
            shutil.rmtree(cache, ignore_errors=True)
            print(f"| {n:,} (+{files - n:,}) | {jobs} | {cold[0]:.1f} s | {files / cold[0]:,.0f} | "
                  f"{cold[1] / 1024:.0f} MiB | {warm[0]:.1f} s | {files / warm[0]:,.0f} | {warm[1] / 1024:.0f} MiB |",
                  flush=True)
    print(f"load average at the end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
