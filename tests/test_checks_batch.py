"""A batch of generated evaluations: --jobs does not change a byte of the output; the progress bar
shows on a terminal and only there."""
from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, SEED, perfscore

N = 60          # above the progress bar's threshold (50 files)


def generate(root: Path) -> Path:
    """N evaluations: copies of the seed's A, B and C with varied actuals and scores, 20 projects of each.

    The i-th copies of A and C share a project, so the cross-document checks run over pairs too."""
    shutil.copytree(ROOT / "indicator_sets", root / "indicator_sets")
    out = root / "evaluations"
    out.mkdir()
    a = (SEED / "政府公报编制及印发专项经费-自评.yaml").read_text(encoding="utf-8")
    b = (SEED / "市政府值班、信息化等专项工作经费-自评.yaml").read_text(encoding="utf-8")
    c = (SEED / "政府公报编制及印发专项经费-部门评价.yaml").read_text(encoding="utf-8")
    for i in range(N // 3):
        project = f"project: 政府公报编制及印发专项经费{i:02d}"
        text_a = (a.replace("project: 政府公报编制及印发专项经费", project)
                  .replace("actual: 26400", f"actual: {26400 + 397 * i}")
                  .replace("{actual: 86, score: 14}", f"{{actual: {80 + i % 12}, score: {10 + i % 5}}}")
                  .replace("total: 96", f"total: {90 + i % 8}"))
        text_c = (c.replace("project: 政府公报编制及印发专项经费", project)
                  .replace("actual: 90.21%", f"actual: {75 + i}.5%")
                  .replace("actual: 1912\n", f"actual: {1850 + 7 * i}\n"))
        text_b = (b.replace("project: 市政府值班、信息化等专项工作经费", f"project: 市政府值班、信息化等专项工作经费{i:02d}")
                  .replace("actual: 92.5", f"actual: {85 + i}.5"))
        for name, text, original in (("A", text_a, a), ("B", text_b, b), ("C", text_c, c)):
            assert text != original
            (out / f"{i:02d}-{name}.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("batch"))


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return perfscore("check", "indicator_sets", "evaluations", *args, cwd=root)


def test_jobs_give_byte_identical_json(batch: Path) -> None:
    one = run(batch, "--format", "json", "--jobs", "1")
    two = run(batch, "--format", "json", "--jobs", "2")
    assert one.returncode == two.returncode == 1
    assert one.stderr == two.stderr == ""
    assert one.stdout == two.stdout
    report = json.loads(one.stdout)
    assert report["summary"]["files"] == N + 6          # the evaluations and the six indicator sets
    # every copy is checked: each A copy declares 5 on a weight of 3 (PS201), each A/C pair is compared
    assert sum(f["code"] == "PS201" for f in report["findings"]) == N // 3
    assert len({f["file"] for f in report["findings"] if f["code"] == "PS305"}) == N // 3


def test_jobs_give_identical_text(batch: Path) -> None:
    assert run(batch, "--jobs", "1").stdout == run(batch, "--jobs", "3").stdout


def _under_a_terminal(root: Path, *args: str) -> tuple[int, bytes, bytes]:
    """Run with stderr on a pseudo-terminal; (exit code, stdout, what the terminal received)."""
    master, slave = pty.openpty()
    out = root / "stdout.bin"           # a file, not a pipe: a long report must not block the child
    with open(out, "wb") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "perfscore", "check", "indicator_sets", "evaluations", *args],
                                cwd=root, stdout=fh, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    screen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:          # EIO: the child closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    code = proc.wait(30)
    os.close(master)
    return code, out.read_bytes(), screen


def test_progress_bar_on_a_terminal(batch: Path) -> None:
    code, stdout, screen = _under_a_terminal(batch, "--format", "json")
    assert code == 1
    text = screen.decode("utf-8")
    assert f"\r检查中 [{'█' * 30}] {N + 6}/{N + 6}" in text
    assert text.count("\r检查中 [") >= 2
    assert text.endswith("\r" + " " * 60 + "\r")        # the bar is wiped at the end
    assert json.loads(stdout)["summary"]["files"] == N + 6


def test_no_progress_bar_when_stderr_is_a_pipe(batch: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "perfscore", "check", "indicator_sets", "evaluations", "--format",
                           "json"], cwd=batch, capture_output=True)
    assert (proc.returncode, proc.stderr) == (1, b"")


def test_no_progress_bar_for_a_short_batch(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "indicator_sets", tmp_path / "indicator_sets")
    shutil.copytree(SEED, tmp_path / "evaluations")
    code, _, screen = _under_a_terminal(tmp_path)
    assert code == 1
    assert screen == b""
