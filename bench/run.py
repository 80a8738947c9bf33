"""perfscore benchmarks: each case against a floor measured in the same run, as a ratio.

    python bench/run.py [--quick] [case ...]

Cases: check (re-scoring vs the YAML load floor: the API in one process, and the command
line as a fresh process against a fresh process loading), jobs (--jobs 2 vs --jobs 1), scale
(N=1,000 vs 10,000: time, and peak RSS for text and json), rules (µs per indicator per rule
kind vs a hand-written Decimal function), startup (perfscore --help vs import typer; score
vs python -c pass), warm (a second check of 10,000 unchanged files vs the first). The machine is
shared and noisy, so every timing is repeated and the minimum is kept; ratios compare timings
taken in the same run, interleaved.

A full run (all cases, no --quick) writes bench/RESULTS.md. --quick uses small N, few
repeats and asserts nothing (CI runs it so that the benchmarks never rot).
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal, localcontext
from importlib import metadata
from typing import Any, Callable, Iterator

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import baselines as B  # noqa: E402
import generate  # noqa: E402

FINDINGS_OK = (0, 1)          # perfscore check: no findings / findings; 2 and 3 are failures
START_LOAD = "?"
SEED_B = os.path.join(ROOT, "evaluations", "2024", "景德镇市人民政府办公室",
                      "市政府值班、信息化等专项工作经费-自评.yaml")


@dataclass
class Row:
    case: str
    measured: str
    baseline: str
    ratio: float | None
    target: str
    met: bool | None            # None: reported only
    note: str = ""


@dataclass
class Config:
    quick: bool
    data: str                   # where generated trees are kept

    @property
    def reps(self) -> int:
        return 2 if self.quick else 3


# --------------------------------------------------------------------------- helpers

def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def interleaved(fns: dict[str, Callable[[], Any]], reps: int) -> dict[str, list[float]]:
    """Run each function ``reps`` times, round-robin, so that load changes hit all alike."""
    out: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(reps):
        for k, fn in fns.items():
            out[k].append(timed(fn))
    return out


def run_cmd(cmd: list[str], ok: tuple[int, ...] = (0,)) -> None:
    """Run a command quietly; a run that fails (exit code not in ``ok``) is not a measurement."""
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    if done.returncode not in ok:
        raise RuntimeError(f"{' '.join(cmd)} 退出码 {done.returncode}：{done.stderr.decode(errors='replace')[-500:]}")


def perfscore_cmd() -> list[str]:
    exe = shutil.which("perfscore", path=os.path.dirname(sys.executable)) or shutil.which("perfscore")
    return [exe] if exe else [sys.executable, "-m", "perfscore"]


def dataset(cfg: Config, n: int) -> str:
    """A generated tree of n evaluations, made once per generator version and kept."""
    digest = hashlib.sha256()
    for name in ("generate.py", "baselines.py"):
        with open(os.path.join(HERE, name), "rb") as fh:
            digest.update(fh.read())
    path = os.path.join(cfg.data, f"n{n}-{digest.hexdigest()[:10]}")
    if not os.path.exists(os.path.join(path, ".done")):
        shutil.rmtree(path, ignore_errors=True)
        generate.generate(n, path)
        open(os.path.join(path, ".done"), "w").close()
    return path


def reset_caches() -> None:
    """Forget everything perfscore caches between files, so each timed run starts cold."""
    from perfscore import checks, loading, yamlio

    for holder, name in ((loading, "_index"), (loading, "_load_set_cached"), (checks, "_set_report"),
                         (yamlio, "_compose")):
        fn = getattr(holder, name, None)
        if fn is not None and hasattr(fn, "cache_clear"):
            fn.cache_clear()


def secs(t: float) -> str:
    return f"{t:.3f} s"


# --------------------------------------------------------------------------- (a) check vs load floor

def case_check(cfg: Config) -> Iterator[Row]:
    from ruamel.yaml import YAML

    from perfscore.checks import iter_reports
    from perfscore.loading import yaml_files
    from perfscore.yamlio import read_text, read_yaml

    n = 100 if cfg.quick else 2000
    d = dataset(cfg, n)
    files = yaml_files([d])

    def floor() -> None:
        y = YAML(typ="safe", pure=False)
        for f in files:
            with open(f, encoding="utf-8-sig") as fh:
                y.load(fh.read())

    def ours() -> None:
        reset_caches()
        for f in files:
            read_yaml(f, read_text(f))

    def check() -> None:
        reset_caches()
        for _ in iter_reports([d]):
            pass

    t = interleaved({"floor": floor, "read": ours, "check": check}, cfg.reps)
    fl, rd, ck = min(t["floor"]), min(t["read"]), min(t["check"])
    median_ratio = statistics.median(c / f for c, f in zip(t["check"], t["floor"]))
    yield Row(f"(a) check {len(files)} files (API, 1 process)", secs(ck), f"C safe load {secs(fl)}", ck / fl,
              "≤ 1.5×", ck / fl <= 1.5, f"median of paired ratios {median_ratio:.2f}×")
    yield Row("(a') perfscore's own YAML read of the same files", secs(rd), f"C safe load {secs(fl)}", rd / fl,
              "—", None, "read_yaml: C loader + Decimal floats + faster resolver")

    # the command line as a reviewer runs it, each run a fresh process, against a fresh process loading
    n = 60 if cfg.quick else 600
    d = dataset(cfg, n)
    t = interleaved({"floor": lambda: run_cmd([sys.executable, "-c", _LOAD_ALL, d]),
                     "check": lambda: run_cmd(perfscore_cmd() + ["check", d, "--format", "json", "-o", os.devnull,
                                                                 "--no-cache"], FINDINGS_OK)}, cfg.reps)
    fl, ck = min(t["floor"]), min(t["check"])
    files_n = n + -(-n // 20)
    yield Row(f"(a) perfscore check DIR --format json, {files_n} files (CLI)", secs(ck), f"C safe load {secs(fl)}",
              ck / fl, "≤ 1.5×", ck / fl <= 1.5, "each a fresh process; --no-cache (the first run of a tree)")


_LOAD_ALL = """
import os, sys
from ruamel.yaml import YAML
y = YAML(typ="safe", pure=False)
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        if name.endswith(".yaml"):
            with open(os.path.join(root, name), encoding="utf-8-sig") as fh:
                y.load(fh.read())
"""


# --------------------------------------------------------------------------- (b) parallel

def case_jobs(cfg: Config) -> Iterator[Row]:
    n = 100 if cfg.quick else 600
    d = dataset(cfg, n)
    base = perfscore_cmd() + ["check", d, "--format", "json", "-o", os.devnull, "--no-cache"]
    t = interleaved({"1": lambda: run_cmd(base + ["--jobs", "1"], FINDINGS_OK),
                     "2": lambda: run_cmd(base + ["--jobs", "2"], FINDINGS_OK)}, cfg.reps)
    one, two = min(t["1"]), min(t["2"])
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    yield Row(f"(b) perfscore check --jobs 2 ({n + -(-n // 20)} files, {cores} cores)", secs(two),
              f"--jobs 1 {secs(one)}", one / two, "≥ 1.7× faster", one / two >= 1.7,
              "speed-up = time(--jobs 1) / time(--jobs 2); CLI, json to /dev/null, --no-cache")


# --------------------------------------------------------------------------- (c) scale

_RSS_CHILD = """
import resource, subprocess, sys, time
t0 = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def measure_child(cmd: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one command, through a fresh wrapper process."""
    out = subprocess.run([sys.executable, "-c", _RSS_CHILD, *cmd], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    t, rss, code = out.stdout.split()
    if int(code) not in FINDINGS_OK:
        raise RuntimeError(f"{' '.join(cmd)} 退出码 {code}")
    return float(t), int(rss)


def case_scale(cfg: Config) -> Iterator[Row]:
    small, large = (50, 500) if cfg.quick else (1000, 10000)
    ds, dl = dataset(cfg, small), dataset(cfg, large)
    for fmt in ("text", "json"):
        runs: dict[int, list[tuple[float, int]]] = {small: [], large: []}
        for rep in range(1 if cfg.quick else 2):        # the large run once: it takes a minute
            for n, d in ((small, ds), (large, dl)) if rep == 0 else ((small, ds),):
                runs[n].append(measure_child(perfscore_cmd() + ["check", d, "--format", fmt, "-o", os.devnull,
                                                                "--no-cache"]))
        ts, tl = min(r[0] for r in runs[small]), min(r[0] for r in runs[large])
        rs, rl = min(r[1] for r in runs[small]), min(r[1] for r in runs[large])
        if fmt == "json":
            yield Row(f"(c) time, N={large:,} vs N={small:,}", secs(tl), secs(ts), tl / ts, "≤ 11", tl / ts <= 11,
                      "perfscore check DIR --format json -o /dev/null --no-cache, each in its own process")
        yield Row(f"(c) peak RSS, N={large:,} vs N={small:,}, {fmt}", f"{rl / 1024:.1f} MiB", f"{rs / 1024:.1f} MiB",
                  rl / rs, "≤ 1.2", rl / rs <= 1.2, "ru_maxrss of the child (RUSAGE_CHILDREN)")


# --------------------------------------------------------------------------- (f) warm

def case_warm(cfg: Config) -> Iterator[Row]:
    """The second check of an unchanged tree (every file from the cache) against the first."""
    n = 300 if cfg.quick else 10000
    d = dataset(cfg, n)
    cache = os.path.join(cfg.data, f"cache-n{n}")
    cmd = perfscore_cmd() + ["check", d, "--format", "json", "-o", os.devnull, "--cache-dir", cache]
    shutil.rmtree(cache, ignore_errors=True)        # once: 10,000 files cold take a minute
    c = timed(lambda: run_cmd(cmd, FINDINGS_OK))
    w = timed(lambda: run_cmd(cmd, FINDINGS_OK))
    shutil.rmtree(cache, ignore_errors=True)
    yield Row(f"(f) second check of {n + -(-n // 20):,} unchanged files", secs(w), f"first {secs(c)}", w / c,
              "≤ 0.15×", w / c <= 0.15, "CLI, json to /dev/null; the first run starts from an empty cache")


# --------------------------------------------------------------------------- (d) rule kinds

def _samples(d: str, per_kind: int) -> dict[str, list[tuple[Callable[[], Any], Callable[[], Decimal], Any]]]:
    """For each rule kind: (engine call, baseline call, expected) over real generated indicators."""
    from perfscore.loading import evaluation_set, load_evaluation, yaml_files
    from perfscore.numbers import round_half_up
    from perfscore.rules import Inputs
    from perfscore.model import resolve_results
    from perfscore.scoring import rule_for

    out: dict[str, list[Any]] = {}
    lows = [(Decimal(90), Decimal(1)), (Decimal(80), Decimal("0.8")), (Decimal(60), Decimal("0.5"))]
    for f in yaml_files([os.path.join(d, "evaluations")]):
        ev = load_evaluation(f)
        iset = evaluation_set(ev)
        keys = resolve_results(ev, iset)
        for path, node in iset.leaves():
            rule = rule_for(node, iset, path)
            kind = rule.kind
            if len(out.setdefault(kind, [])) >= per_kind:
                continue
            r = ev.results[keys[path]]
            w = node.total_weight()
            inp = Inputs(weight=w, target=node.target, actual=r.actual, level=r.level, chosen=r.score,
                         unmet=tuple(r.unmet) if isinstance(r.unmet, list) else r.unmet, items=r.items,
                         facts={**ev.facts, **r.facts}, reason=r.reason)
            t = node.target.value if node.target is not None else None
            a = r.actual
            base: Callable[[], Decimal | None]
            if kind == "ratio":
                base = (lambda w=w, t=t, a=a, p=getattr(rule, "pass_mark", None): B.ratio(w, t, a, p))
            elif kind == "step":
                base = (lambda w=w, t=t, a=a, per=rule.per, dd=rule.deduct.value: B.step(w, t, a, per, dd))
            elif kind == "bands":
                base = (lambda w=w, a=a: B.bands(w, a, lows))
            elif kind == "checklist":
                if rule.mode == "deduct":
                    base = (lambda w=w, u=r.unmet, dd=rule.deduct.value: B.checklist_deduct(w, u, dd))
                else:
                    base = (lambda w=w, n=len(rule.items), u=r.unmet: B.checklist(w, n, len(u)))
            elif kind == "boolean":
                base = (lambda w=w, a=a: B.boolean(w, a))
            elif kind == "qualitative":
                base = (lambda w=w, lv=r.level, c=r.score: B.qualitative(w, lv, c))
            elif kind == "formula":
                base = (lambda w=w, t=t, a=a: B.formula(w, t, a))
            elif kind == "manual":
                base = (lambda w=w, c=r.score: B.manual(w, c, Decimal("0.5"), Decimal(2)))
            else:
                c = r.facts.get("有效投诉次数", 0)
                base = (lambda w=w, t=t, a=a, c=c: B.sum_ratio_step(w, t, a, c, Decimal(1), Decimal("0.1")))
            engine = (lambda rule=rule, inp=inp, p=iset.precision: round_half_up(rule.score(inp).score, p))
            out[kind].append((engine, base))
        if out and all(len(v) >= per_kind for v in out.values()) and len(out) == 9:
            break
    return out


def case_rules(cfg: Config) -> Iterator[Row]:
    d = dataset(cfg, 100 if cfg.quick else 400)
    samples = _samples(d, 50 if cfg.quick else 200)
    loops = 2 if cfg.quick else 10
    for kind in ("ratio", "step", "bands", "checklist", "boolean", "qualitative", "formula", "manual", "sum"):
        calls = samples.get(kind, [])
        if not calls:
            yield Row(f"(d) {kind}", "-", "-", None, "≤ 5×", False, "no sample generated")
            continue
        with localcontext(B.CONTEXT):
            wrong = sum(1 for e, b in calls if e() != b())

            def engine() -> None:
                for _ in range(loops):
                    for e, _b in calls:
                        e()

            def baseline() -> None:
                for _ in range(loops):
                    for _e, b in calls:
                        b()

            # many short rounds: on a shared machine the minimum needs a quiet moment for each
            t = interleaved({"engine": engine, "baseline": baseline}, cfg.reps + 2 if cfg.quick else 30)
        per = loops * len(calls)
        e_us, b_us = min(t["engine"]) / per * 1e6, min(t["baseline"]) / per * 1e6
        note = f"{len(calls)} indicators" + (f"; {wrong} scores differ from the baseline!" if wrong else "")
        yield Row(f"(d) rule {kind}", f"{e_us:.1f} µs", f"{b_us:.1f} µs", e_us / b_us, "≤ 5×", e_us / b_us <= 5,
                  note)


# --------------------------------------------------------------------------- (e) start-up

def case_startup(cfg: Config) -> Iterator[Row]:
    reps = 3 if cfg.quick else 15
    ps = perfscore_cmd()
    t = interleaved({
        "help": lambda: run_cmd(ps + ["--help"]),
        "typer": lambda: run_cmd([sys.executable, "-c", "import typer"]),
        "score": lambda: run_cmd(ps + ["score", SEED_B]),
        "pass": lambda: run_cmd([sys.executable, "-c", "pass"]),
    }, reps)
    h, ty, sc, pa = (min(t[k]) for k in ("help", "typer", "score", "pass"))
    yield Row("(e) perfscore --help", secs(h), f"import typer {secs(ty)}", h / ty, "≤ 1.5×", h / ty <= 1.5)
    yield Row("(e) perfscore score (seed B)", secs(sc), f"python -c pass {secs(pa)}", sc / pa, "reported", None)


CASES: dict[str, Callable[[Config], Iterator[Row]]] = {
    "check": case_check, "jobs": case_jobs, "scale": case_scale, "rules": case_rules, "startup": case_startup,
    "warm": case_warm,
}


# --------------------------------------------------------------------------- report

def machine() -> list[str]:
    model, cores = "?", 0
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name") and model == "?":
                    model = line.split(":", 1)[1].strip()
                if line.startswith("processor"):
                    cores += 1
    except OSError:
        pass
    versions = []
    for pkg in ("perfscore", "pydantic", "pydantic-core", "ruamel.yaml", "ruamel.yaml.clib", "typer"):
        try:
            versions.append(f"{pkg} {metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{pkg} (not installed)")
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip() or "?"
    except OSError:
        commit = "?"
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    load = f"load average (1/5/15 min) at the start {START_LOAD}, at the end {load}"
    return [f"- CPU: {model}, {cores or os.cpu_count()} cores (/proc/cpuinfo)",
            f"- Python {platform.python_version()} ({platform.python_implementation()}), {platform.system()} "
            f"{platform.release()}",
            f"- {', '.join(versions)}",
            f"- commit {commit}; {load}",
            f"- date {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}"]


def table(rows: list[Row]) -> list[str]:
    head = ["case", "measured", "baseline", "ratio", "target", "met?"]
    body = [[r.case, r.measured, r.baseline, f"{r.ratio:.2f}×" if r.ratio is not None else "-", r.target,
             "—" if r.met is None else ("yes" if r.met else "NO")] for r in rows]
    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + ["| " + " | ".join(b) + " |" for b in body]


def write_results(rows: list[Row], elapsed: float) -> None:
    lines = ["# Benchmark results", "",
             "Written by `python bench/run.py` (full run; how to run it: docs/bench.md). Ratios compare timings "
             "taken in the same run, interleaved; each timing is the minimum of several repeats.", "",
             "## Machine", "", *machine(), "", "## Results", "", *table(rows), "", "## Notes", ""]
    lines += [f"- {r.case}: {r.note}" for r in rows if r.note]
    missed = [r for r in rows if r.met is False]
    if missed:
        lines += ["", "## Targets missed", "",
                  *[f"- {r.case}: {r.ratio:.2f}× against {r.target}" for r in missed if r.ratio is not None], "",
                  "Their profiles, what was changed and why they are not met: bench/ANALYSIS.md, the section of "
                  "each case."]
    lines += ["", f"Full run took {elapsed:.0f} s.", ""]
    analysis = os.path.join(HERE, "ANALYSIS.md")
    if os.path.exists(analysis):
        lines += ["See bench/ANALYSIS.md for the profiles, what was changed and what each change gave.", ""]
    with open(os.path.join(HERE, "RESULTS.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description="perfscore benchmarks")
    ap.add_argument("--quick", action="store_true", help="small N, few repeats, nothing asserted (CI)")
    ap.add_argument("--data", default=None, help="where generated trees are kept (default: bench/.data, "
                                                   "or a temporary directory with --quick)")
    ap.add_argument("cases", nargs="*", metavar="case", help=" | ".join(CASES) + " (default: all)")
    args = ap.parse_args(argv)
    unknown = [c for c in args.cases if c not in CASES]
    if unknown:
        ap.error(f"没有这个用例：{', '.join(unknown)}（可选：{', '.join(CASES)}）")
    chosen = args.cases or list(CASES)
    tmp = None
    data = args.data
    if data is None:
        if args.quick:
            data = tmp = tempfile.mkdtemp(prefix="perfscore-bench-")
        else:
            data = os.path.join(HERE, ".data")
    cfg = Config(quick=args.quick, data=data)
    global START_LOAD
    START_LOAD = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    rows: list[Row] = []
    t0 = time.perf_counter()
    try:
        for name in chosen:
            for row in CASES[name](cfg):
                rows.append(row)
                ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "-"
                met = "—" if row.met is None else ("yes" if row.met else "NO")
                print(f"{row.case:<52} {row.measured:>12} {row.baseline:>26} {ratio:>8} {row.target:>14} {met:>4}",
                      flush=True)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    elapsed = time.perf_counter() - t0
    print()
    print("\n".join(table(rows)))
    if not args.quick and set(chosen) == set(CASES):
        write_results(rows, elapsed)
        print(f"\n已写入 bench/RESULTS.md（{elapsed:.0f} 秒）")
    else:
        print(f"\n（{'快速模式，' if args.quick else ''}未写 RESULTS.md；{elapsed:.0f} 秒）")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
