"""Concurrent records of one file lose no edit (the full 200 rounds: tests/hostile/record_rounds.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "hostile"))
import record_rounds  # noqa: E402


def test_concurrent_records_in_threads_lose_nothing(tmp_path: Path) -> None:
    recorded, lost = record_rounds.run(5, processes=False, directory=tmp_path)
    assert lost == 0
    assert recorded > 5 * 2            # with the lock every record gets its turn


def test_concurrent_record_processes_lose_nothing(tmp_path: Path) -> None:
    path = record_rounds.prepare(tmp_path, 6)
    done = record_rounds.round_with_processes(path, 6)
    assert sorted(done) == list(range(6))
    assert record_rounds.lost(path, done) == []


def test_without_the_lock_edits_are_lost(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test can fail: with the lock taken away, concurrent records overwrite each other
    (each is refused or lost), so fewer than all end up in the file."""
    import contextlib

    from perfscore.authoring import record as rec

    monkeypatch.setattr(rec, "edit_lock", lambda path: contextlib.nullcontext())
    path = record_rounds.prepare(tmp_path, 12)
    done = record_rounds.round_with_threads(path, 12)
    assert len(done) - len(record_rounds.lost(path, done)) < 12


def test_a_record_that_cannot_get_its_turn_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from filelock import FileLock

    from perfscore.authoring import record as rec
    from perfscore.errors import PerfscoreError

    path = record_rounds.prepare(tmp_path, 2)
    before = path.read_bytes()
    monkeypatch.setattr("perfscore.limits.LOCK_TIMEOUT", 0.2)
    with FileLock(str(tmp_path / ".e.yaml.perfscore-lock")):
        with pytest.raises(PerfscoreError) as err:
            rec.record(str(path), "指标0", "5")
    assert err.value.message == "文件正被另一次记录修改，等待0.2秒仍未轮到，未写入；请稍后重试"
    assert path.read_bytes() == before
