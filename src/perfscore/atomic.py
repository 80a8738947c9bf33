"""Atomic writes, the one way perfscore writes a file: a temporary file in the same directory,
flushed to disk, then renamed over the target; on any failure the target is untouched."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from typing import IO, Any, Iterator


@contextmanager
def open_atomic(path: str, text: bool = False) -> Iterator[IO[Any]]:
    """A file (binary, or UTF-8 text) that replaces ``path`` when the block completes without error."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".perfscore-", suffix=".tmp", dir=directory)
    try:
        os.chmod(tmp, _mode(path))
        mode, encoding = ("w", "utf-8") if text else ("wb", None)
        with os.fdopen(fd, mode, encoding=encoding) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_atomic(path: str, content: str | bytes) -> None:
    """Replace ``path`` with ``content`` (text is written as UTF-8)."""
    with open_atomic(path) as fh:
        fh.write(content.encode("utf-8") if isinstance(content, str) else content)


def _mode(path: str) -> int:
    """Keep an existing file's permissions; a new file follows the umask (mkstemp would give 0600)."""
    try:
        return os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
