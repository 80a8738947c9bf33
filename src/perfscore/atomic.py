"""Atomic writes: a temporary file in the same directory, then rename."""
from __future__ import annotations

import os
import tempfile


def write_atomic(path: str, content: str | bytes) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".perfscore-", suffix=".tmp", dir=directory)
    try:
        os.chmod(tmp, _mode(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(content.encode("utf-8") if isinstance(content, str) else content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _mode(path: str) -> int:
    """Keep an existing file's permissions; a new file follows the umask (mkstemp would give 0600)."""
    try:
        return os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
