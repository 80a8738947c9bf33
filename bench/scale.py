"""Throughput and peak memory of ``perfscore check`` at several batch sizes: the table of docs/scale.md.

    python bench/scale.py [N ...] [--jobs J]    # default: 1000 10000 50000, --jobs 1 and 2

For each N (bench/generate.py's trees, N evaluations and N/20 sets) and --jobs 1 and 2: a cold
run (empty cache, which it fills) and then a warm run (nothing changed), each its own process
through a wrapper reading ru_maxrss and the CPU seconds (user + system) of the whole process
tree. Prints a markdown table. One run per cell: the big trees take minutes, so this is not part
of ``bench/run.py``. CPU seconds per file hardly depend on the machine's load (the wall time
does: the machine is shared), so the projections of docs/scale.md start from them.
"""
from __future__ import annotations

import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402


_CHILD = """
import resource, subprocess, sys, time
t0 = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.perf_counter() - t0, r.ru_utime + r.ru_stime, r.ru_maxrss, code)
"""


def measure(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (KiB) of one command and its workers."""
    import subprocess

    out = subprocess.run([sys.executable, "-c", _CHILD, *cmd], capture_output=True, text=True, check=True)
    wall, cpu, rss, code = out.stdout.split()
    if int(code) not in run.FINDINGS_OK:
        raise RuntimeError(f"{' '.join(cmd)} 退出码 {code}")
    return float(wall), float(cpu), int(rss)


def main(argv: list[str]) -> int:
    jobs_list = (1, 2)
    if "--jobs" in argv:
        at = argv.index("--jobs")
        jobs_list = (int(argv[at + 1]),)
        argv = argv[:at] + argv[at + 2:]
    sizes = [int(a) for a in argv] or [1000, 10000, 50000]
    cfg = run.Config(quick=False, data=os.path.join(run.HERE, ".data"))
    print(f"load average at the start: {os.getloadavg()}", flush=True)
    header = ["evaluations (+ sets)", "--jobs", "cold: wall", "CPU", "ms CPU/file", "peak RSS",
              "warm: wall", "CPU", "ms CPU/file", "peak RSS"]
    print("| " + " | ".join(header) + " |")
    print("| " + " | ".join("---" for _ in header) + " |")
    for n in sizes:
        d = run.dataset(cfg, n)
        files = n + -(-n // 20)
        for jobs in jobs_list:
            cache = os.path.join(cfg.data, f"scale-cache-{n}-{jobs}")
            shutil.rmtree(cache, ignore_errors=True)
            cmd = run.perfscore_cmd() + ["check", d, "--format", "json", "-o", os.devnull, "--jobs", str(jobs),
                                         "--cache-dir", cache]
            cells = []
            for _ in ("cold", "warm"):
                wall, cpu, rss = measure(cmd)
                cells.append(f"{wall:.1f} s | {cpu:.1f} s | {cpu / files * 1000:.2f} | {rss / 1024:.0f} MiB")
            shutil.rmtree(cache, ignore_errors=True)
            print(f"| {n:,} (+{files - n:,}) | {jobs} | {' | '.join(cells)} |", flush=True)
    print(f"load average at the end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
