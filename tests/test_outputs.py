"""-o never destroys what it names: inputs, symlinks, hard links, FIFOs, devices, read-only files."""
from __future__ import annotations

import os
import shutil
import stat
import threading
from pathlib import Path

import pytest

from helpers import ROOT, SEED, cli

EV_A = SEED / "政府公报编制及印发专项经费-自评.yaml"


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "indicator_sets", tmp_path / "indicator_sets")
    shutil.copy(EV_A, tmp_path / "e.yaml")
    return tmp_path


INPUT = "输出文件就是输入文件之一，拒绝覆盖（请换一个输出文件名）"


@pytest.mark.parametrize("argv", [
    ["score", "{e}", "-f", "md", "-o", "{e}"],
    ["score", "{e}", "-f", "xlsx", "-o", "{e}"],
    ["score", "{e}", "-o", "{set}"],
    ["check", "{e}", "-o", "{e}"],
    ["check", "{e}", "--summary", "{e}"],
    ["check", "{dir}", "-o", "{e}"],
    ["check", "{e}", "-j", "2", "-o", "{set}"],
    ["export", "{e}", "-o", "{xlsx_link}"],
    ["new", "--set", "{set}", "-o", "{set}", "--force"],
], ids=lambda a: " ".join(a))
def test_an_output_never_replaces_an_input(tree: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    e = tree / "e.yaml"
    set_file = next((tree / "indicator_sets").rglob("政府公报编制及印发专项经费-自评.yaml"))
    (tree / "e.xlsx").symlink_to(e)          # an .xlsx name that is the evaluation itself
    before = {p: p.read_bytes() for p in (e, set_file)}
    names = {"e": str(e), "set": str(set_file), "dir": str(tree), "xlsx_link": str(tree / "e.xlsx")}
    code, out, err = cli([a.format(**names) for a in argv], capsys)
    assert code == 2, err
    assert err.strip().endswith(INPUT)
    assert {p: p.read_bytes() for p in before} == before
    assert not list(tree.glob(".perfscore-*"))


def test_an_output_through_a_symlink_writes_its_target(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tree / "real.md"
    target.write_text("old")
    link = tree / "link.md"
    link.symlink_to(target)
    code, _, err = cli(["score", str(tree / "e.yaml"), "-f", "md", "-o", str(link)], capsys)
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("#")


def test_hard_links_are_kept(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tree / "out.md"
    out.write_text("old")
    other = tree / "other-name.md"
    os.link(out, other)
    code, _, err = cli(["score", str(tree / "e.yaml"), "-f", "md", "-o", str(out)], capsys)
    assert code == 0, err
    assert os.stat(out).st_ino == os.stat(other).st_ino and os.stat(out).st_nlink == 2
    assert other.read_text(encoding="utf-8") == out.read_text(encoding="utf-8") != "old"


def test_a_read_only_file_is_refused(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tree / "out.md"
    out.write_text("只读的原件")
    out.chmod(0o444)
    code, _, err = cli(["score", str(tree / "e.yaml"), "-f", "md", "-o", str(out)], capsys)
    assert (code, err) == (2, f"{out}: 文件只读，未覆盖（如确需覆盖，请先修改权限）\n")
    assert out.read_text() == "只读的原件" and stat.S_IMODE(out.stat().st_mode) == 0o444


def test_a_fifo_without_reader_is_refused_and_never_replaced(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tree / "pipe"
    os.mkfifo(fifo)
    code, _, err = cli(["score", str(tree / "e.yaml"), "-o", str(fifo)], capsys)
    assert (code, err) == (2, f"{fifo}: 输出路径是管道（FIFO），但没有读取方，未写入\n")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_fifo_with_a_reader_is_written_into(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tree / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    import time

    for _ in range(100):            # wait until the reader has opened its end
        code, _, err = cli(["score", str(tree / "e.yaml"), "-o", str(fifo)], capsys)
        if code == 0:
            break
        time.sleep(0.02)
    reader.join(5)
    assert code == 0, err
    assert "政府公报编制及印发专项经费" in got[0].decode("utf-8")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_character_device_is_written_directly(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    null = tree / "null"             # a private twin of /dev/null: a failing test must not replace the real one
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    code, _, err = cli(["score", str(tree / "e.yaml"), "-f", "xlsx", "-o", str(null)], capsys)
    assert code == 0, err
    assert stat.S_ISCHR(os.stat(null).st_mode)


@pytest.mark.parametrize("output,message", [
    ("missing/out.md", "输出目录不存在：{tree}/missing"),
    (".", "输出路径是目录，请写出文件名"),
])
def test_bad_output_paths_are_bad_input(tree: Path, capsys: pytest.CaptureFixture[str], output: str,
                                        message: str) -> None:
    path = tree / output
    code, _, err = cli(["score", str(tree / "e.yaml"), "-f", "md", "-o", str(path)], capsys)
    assert (code, err) == (2, f"{path}: {message.format(tree=tree)}\n")


def test_a_read_only_directory_is_bad_input_for_record(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sub = tree / "ro"
    sub.mkdir()
    shutil.copy(tree / "e.yaml", sub / "e.yaml")
    before = (sub / "e.yaml").read_bytes()
    sub.chmod(0o555)
    try:
        code, _, err = cli(["record", str(sub / "e.yaml"), "政府公报刊物印刷份数", "31200"], capsys)
    finally:
        sub.chmod(0o755)
    assert code == 2, err
    assert err.startswith(f"{sub / 'e.yaml'}: ")
    assert (sub / "e.yaml").read_bytes() == before


def test_record_through_a_symlink_edits_the_target(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tree / "link.yaml"
    link.symlink_to(tree / "e.yaml")
    code, _, err = cli(["record", str(link), "政府公报刊物印刷份数", "31200"], capsys)
    assert code == 0, err
    assert link.is_symlink()
    assert "actual: 31200" in (tree / "e.yaml").read_text(encoding="utf-8")


def _dies_on_die_yaml(path: str, set_dirs: tuple[str, ...] = ()) -> object:
    if path.endswith("die.yaml"):
        os.kill(os.getpid(), 9)
    return _REAL_CHECK_FILE(path, set_dirs)


from perfscore.checks import check_file as _REAL_CHECK_FILE  # noqa: E402


def test_a_dying_worker_names_its_file_and_never_hangs(tree: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import perfscore.checks

    for name in ("a.yaml", "die.yaml", "z.yaml"):
        shutil.copy(tree / "e.yaml", tree / name)
    monkeypatch.setattr(perfscore.checks, "check_file", _dies_on_die_yaml)
    monkeypatch.setattr("perfscore.limits.worker_count", lambda requested, files: 2)
    code, out, err = cli(["check", str(tree / "a.yaml"), str(tree / "die.yaml"), str(tree / "z.yaml"), "-j", "2"],
                         capsys)
    assert code == 3
    assert err == f"{tree / 'die.yaml'}: 检查此文件时工作进程异常退出（这是 perfscore 的缺陷，请报告此文件）\n"
    assert "共检查 3 个文件" in out and str(tree / "z.yaml") in out
