"""Writing files, the one way perfscore does it: never destroying what the path names.

A regular file is replaced atomically: a temporary file in the same directory, flushed to
disk, then renamed over the target; on any failure the target is untouched. Before that:

- a symlink is followed: its target is written (the link stays a link);
- a file with several hard links is rewritten in place once the new content is complete, so
  every link keeps seeing it;
- a read-only file (no write permission bit, or no access) is refused, not replaced;
- a character device (``/dev/null``) or a FIFO with a reader is written directly; a FIFO
  without a reader, a block device or a socket is refused (never waited on, never replaced);
- a path that is one of the command's inputs (same device and inode, whatever the name) is
  refused, unless the write is the in-place edit of that input (``record``).

Every refusal is a :class:`PerfscoreError` (exit 2) that names the path.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from contextlib import contextmanager
from typing import IO, Any, Iterator

from .errors import PerfscoreError, os_reason

# --------------------------------------------------------------------------- inputs

_inputs: set[tuple[int, int]] | None = None     # (device, inode) of every input read, while tracking


@contextmanager
def tracking_inputs() -> Iterator[None]:
    """Remember every file read inside the block, so that no output of it can replace one.

    The CLI runs each command inside; a long-lived process (``serve``) that does not track
    keeps no list.
    """
    global _inputs
    saved = _inputs
    _inputs = set()
    try:
        yield
    finally:
        _inputs = saved


def note_input(path: str, st: os.stat_result | None = None) -> None:
    """Record ``path`` as an input of the running command (no-op when not tracking)."""
    if _inputs is None:
        return
    try:
        st = st or os.stat(path)
    except OSError:
        return
    _inputs.add((st.st_dev, st.st_ino))


def _is_input(st: os.stat_result) -> bool:
    return _inputs is not None and (st.st_dev, st.st_ino) in _inputs


# --------------------------------------------------------------------------- writing

@contextmanager
def open_atomic(path: str, text: bool = False, *, edits_input: bool = False) -> Iterator[IO[Any]]:
    """A file (binary, or UTF-8 text) whose content goes to ``path`` when the block completes
    without error, by the rules of this module. ``edits_input``: the path is the input being
    edited in place (record), not an output that must leave inputs alone."""
    target, st = _target(path, edits_input)
    if st is not None and not stat.S_ISREG(st.st_mode):
        with _direct(path, target, st, text) as fh:
            yield fh
        return
    directory = os.path.dirname(target) or "."
    try:
        fd, tmp = tempfile.mkstemp(prefix=".perfscore-", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise PerfscoreError(f"无法在输出目录中写入：{os_reason(exc)}", path) from None
    try:
        os.chmod(tmp, st.st_mode & 0o777 if st is not None else _new_mode())
        mode, encoding = ("w", "utf-8") if text else ("wb", None)
        with os.fdopen(fd, mode, encoding=encoding) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _, now = _target(path, edits_input)          # inputs read meanwhile count too
        try:
            if now is not None and now.st_nlink > 1:
                _copy_into(tmp, target)
            else:
                os.replace(tmp, target)
        except OSError as exc:
            raise PerfscoreError(f"无法写入：{os_reason(exc)}", path) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_atomic(path: str, content: str | bytes, *, edits_input: bool = False) -> None:
    """Write ``content`` to ``path`` (text as UTF-8) by the rules of this module."""
    with open_atomic(path, edits_input=edits_input) as fh:
        fh.write(content.encode("utf-8") if isinstance(content, str) else content)


def check_output(path: str) -> None:
    """Refuse now (exit 2) an output path that :func:`open_atomic` would refuse, before any work."""
    _target(path, False)


def _target(path: str, edits_input: bool) -> tuple[str, os.stat_result | None]:
    """The file to write (a symlink's target) and its status (None when it does not exist yet)."""
    target = os.path.realpath(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise PerfscoreError(f"无法写入：{os_reason(exc)}", path) from None
    if st is None:
        directory = os.path.dirname(target) or "."
        if not os.path.isdir(directory):
            raise PerfscoreError(f"输出目录不存在：{os.path.dirname(path) or '.'}", path)
        dst = os.stat(directory)
        if not dst.st_mode & 0o222 or not os.access(directory, os.W_OK):
            raise PerfscoreError("输出目录只读，未写入", path)
        return target, None
    if stat.S_ISDIR(st.st_mode):
        raise PerfscoreError("输出路径是目录，请写出文件名", path)
    if _is_input(st) and not edits_input:
        raise PerfscoreError("输出文件就是输入文件之一，拒绝覆盖（请换一个输出文件名）", path)
    if stat.S_ISREG(st.st_mode):
        if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
            raise PerfscoreError("文件只读，未覆盖（如确需覆盖，请先修改权限）", path)
        directory = os.path.dirname(target) or "."
        dst = os.stat(directory)
        if st.st_nlink <= 1 and (not dst.st_mode & 0o222 or not os.access(directory, os.W_OK)):
            raise PerfscoreError("文件所在目录只读，无法安全替换，未写入", path)
    elif stat.S_ISBLK(st.st_mode) or stat.S_ISSOCK(st.st_mode):
        raise PerfscoreError("输出路径是块设备或套接字，拒绝写入", path)
    return target, st


@contextmanager
def _direct(path: str, target: str, st: os.stat_result, text: bool) -> Iterator[IO[Any]]:
    """Write straight into a character device or a FIFO that has a reader (never create, never wait)."""
    flags = os.O_WRONLY | (os.O_NONBLOCK if stat.S_ISFIFO(st.st_mode) else 0)
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise PerfscoreError("输出路径是管道（FIFO），但没有读取方，未写入", path) from None
        raise PerfscoreError(f"无法写入：{os_reason(exc)}", path) from None
    os.set_blocking(fd, True)
    mode, encoding = ("w", "utf-8") if text else ("wb", None)
    try:
        with os.fdopen(fd, mode, encoding=encoding) as fh:
            yield fh
    except BrokenPipeError:
        raise PerfscoreError("管道的读取方已关闭，输出不完整", path) from None


def _copy_into(source: str, target: str) -> None:
    """Rewrite ``target`` in place with the complete content of ``source`` (keeps hard links)."""
    with open(source, "rb") as src, open(target, "r+b") as dst:
        while chunk := src.read(1 << 20):
            dst.write(chunk)
        dst.truncate()
        dst.flush()
        os.fsync(dst.fileno())


def _new_mode() -> int:
    """A new file follows the umask (mkstemp alone would give 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
