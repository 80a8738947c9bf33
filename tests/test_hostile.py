"""The hostile corpus (tests/hostile/corpus.py): every case in its own process, 10 s and 1 GiB at most.

Each case runs in a child forked from this process (perfscore already imported, so a case
costs its own work, not an interpreter start), two at a time. The child limits its address
space to 1 GiB beyond what it inherits (RLIMIT_AS; what the test process has mapped depends on
the tests that ran in it before, e.g. threads' malloc arenas in a pytest-xdist worker) and is
killed after 10 s. A case fails on exit 3, on a signal, on a timeout, on a traceback or crash
report in its output, on an exit code it does not allow, or when a file it was not asked to write
changed.
"""
from __future__ import annotations

import os
import resource
import signal
import stat
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "hostile"))
from corpus import Case, cases, write  # noqa: E402

LIMIT_SECONDS = 10
LIMIT_BYTES = 1 << 30
# two cases at a time; one under pytest-xdist, whose other worker already keeps the second core busy
WORKERS = 1 if os.environ.get("PYTEST_XDIST_WORKER") else 2


def _snapshot(directory: Path) -> dict[str, object]:
    """What every path under the case directory is: bytes of a regular file, else its kind (and link)."""
    out: dict[str, object] = {}
    for root, dirs, files in os.walk(directory):
        for name in dirs + files:
            path = Path(root) / name
            rel = str(path.relative_to(directory))
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                out[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(st.st_mode):
                out[rel] = (path.read_bytes(), stat.S_IMODE(st.st_mode), st.st_ino)
            else:
                out[rel] = ("kind", stat.S_IFMT(st.st_mode))
    return out


def _mapped_bytes() -> int:
    """This process's address space now (VmSize)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmSize:"))


def _child(case: Case, directory: Path) -> None:
    """Run the case in this (forked) process and exit with its code; never returns."""
    code = 3
    try:
        out = open(directory.parent / f"{directory.name}.out", "w", encoding="utf-8")
        err = open(directory.parent / f"{directory.name}.err", "w", encoding="utf-8")
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        sys.stdout, sys.stderr = out, err
        limit = _mapped_bytes() + LIMIT_BYTES
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        os.chdir(directory)
        from perfscore.cli import main
        from perfscore.loading import forget_index

        forget_index()
        code = main(list(case.argv))
        out.flush()
        err.flush()
    except BaseException as exc:  # noqa: BLE001 - the child reports through its exit code
        sys.__stderr__.write(f"{case.name}: {exc!r}\n")
    finally:
        os._exit(code)


def _warm(directory: Path) -> None:
    """Import and build, once in this process, what every child needs (models, rules, writers)."""
    from corpus import evaluation, indicator_set

    from perfscore.cli import main

    (directory / "indicator_sets").mkdir(parents=True)
    (directory / "indicator_sets" / "h.yaml").write_text(indicator_set(), encoding="utf-8")
    (directory / "e.yaml").write_text(evaluation(), encoding="utf-8")
    for argv in (["check", str(directory)], ["score", str(directory / "e.yaml"), "-f", "xlsx", "-o",
                                             str(directory / "o.xlsx")]):
        main(argv)


def _run_all(root: Path, all_cases: list[Case]) -> dict[str, tuple[str, int | None, float]]:
    """name → (how it ended: exit/signal/timeout, code or signal, seconds), WORKERS at a time."""
    pending = list(all_cases)
    running: dict[int, tuple[Case, float]] = {}
    results: dict[str, tuple[str, int | None, float]] = {}
    while pending or running:
        while pending and len(running) < WORKERS:
            case = pending.pop(0)
            pid = os.fork()
            if pid == 0:
                _child(case, root / case.name)
            running[pid] = (case, time.monotonic())
        for pid, (case, started) in list(running.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            elapsed = time.monotonic() - started
            if done:
                del running[pid]
                if os.WIFSIGNALED(status):
                    results[case.name] = ("signal", os.WTERMSIG(status), elapsed)
                else:
                    results[case.name] = ("exit", os.WEXITSTATUS(status), elapsed)
            elif elapsed > LIMIT_SECONDS:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                del running[pid]
                results[case.name] = ("timeout", None, elapsed)
        time.sleep(0.005)
    return results


def test_the_corpus_is_large_and_covers_items_4_to_13() -> None:
    all_cases = cases()
    assert len(all_cases) >= 150
    assert len({c.name for c in all_cases}) == len(all_cases)
    assert {c.item for c in all_cases} >= {2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13}


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the corpus runner forks")
def test_hostile_corpus(tmp_path: Path) -> None:
    all_cases = cases()
    before = {}
    for case in all_cases:
        directory = tmp_path / case.name
        directory.mkdir()
        write(case, directory)
        before[case.name] = _snapshot(directory)
    _warm(tmp_path / "warm")
    sys.stdout.flush()
    sys.stderr.flush()
    results = _run_all(tmp_path, all_cases)
    failures = []
    for case in all_cases:
        how, code, seconds = results[case.name]
        directory = tmp_path / case.name
        err = (tmp_path / f"{case.name}.err").read_text(encoding="utf-8", errors="replace")
        problems = []
        if how != "exit":
            problems.append(f"{how} {code or ''} after {seconds:.1f}s")
        elif code not in case.codes:
            problems.append(f"exit {code} (allowed {case.codes})")
        if "Traceback" in err or "内部出错" in err:
            problems.append("traceback or crash report")
        if case.stderr is not None and case.stderr not in err:
            problems.append(f"stderr lacks {case.stderr!r}")
        out = (tmp_path / f"{case.name}.out").read_text(encoding="utf-8", errors="replace")
        if case.stdout is not None and case.stdout not in out:
            problems.append(f"stdout lacks {case.stdout!r}")
        after = _snapshot(directory)
        changed = sorted(rel for rel in set(before[case.name]) | set(after)
                         if before[case.name].get(rel) != after.get(rel) and rel not in case.writes
                         and not rel.endswith(".perfscore-lock"))
        if changed:
            problems.append(f"changed {changed}")
        if problems:
            failures.append(f"{case.name}: {'; '.join(problems)}; stderr: {err.strip()[:300]}")
    for case in all_cases:                       # let tmp_path be cleaned
        for root, dirs, _ in os.walk(tmp_path / case.name):
            for d in dirs:
                os.chmod(Path(root) / d, 0o755)
    if os.environ.get("HOSTILE_TIMES"):
        with open(os.environ["HOSTILE_TIMES"], "w", encoding="utf-8") as fh:
            for name, (how, code, seconds) in sorted(results.items(), key=lambda r: -r[1][2]):
                fh.write(f"{seconds:6.2f}  {how} {code}  {name}\n")
    assert not failures, "\n".join(failures)
