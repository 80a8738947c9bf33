"""Reading the zip archives of .xlsx and .docx files without trusting them.

An archive is refused (exit 2, a message naming the bound) when it holds more entries than
:data:`~perfscore.limits.MAX_ZIP_ENTRIES`, more uncompressed bytes than
:data:`~perfscore.limits.MAX_ZIP_UNCOMPRESSED`, or an entry compressed beyond
:data:`~perfscore.limits.MAX_ZIP_RATIO` (a zip bomb). Sizes are checked as declared and again as
read, so a forged header gains nothing. XML is parsed by defusedxml: no DTDs, no entities.
"""
from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import IO, Any
from xml.etree.ElementTree import Element

from ..errors import PerfscoreError
from ..limits import MAX_ZIP_ENTRIES, MAX_ZIP_RATIO, MAX_ZIP_UNCOMPRESSED

_SMALL = 1024 * 1024          # entries below this size may compress as well as they like


class Archive:
    """A zip archive whose entries are read within bounds."""

    def __init__(self, path: str, what: str) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except FileNotFoundError:
            raise PerfscoreError("文件不存在", path) from None
        except (zipfile.BadZipFile, OSError):
            raise PerfscoreError(what, path) from None
        infos = self.zip.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            self.close()
            raise PerfscoreError(f"压缩包条目过多（{len(infos)} 个，上限 {MAX_ZIP_ENTRIES}），未读取", path)
        total = sum(i.file_size for i in infos)
        if total > MAX_ZIP_UNCOMPRESSED:
            self.close()
            raise PerfscoreError(f"解压后过大（{total} 字节，上限 {MAX_ZIP_UNCOMPRESSED}），未读取", path)
        for i in infos:
            if i.file_size > _SMALL and i.file_size > MAX_ZIP_RATIO * max(i.compress_size, 1):
                self.close()
                raise PerfscoreError(f"“{i.filename}”压缩比异常（{i.file_size // max(i.compress_size, 1)} 倍，"
                                     f"上限 {MAX_ZIP_RATIO}），疑为压缩炸弹，未读取", path)
        self.read_bytes = 0

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def names(self) -> set[str]:
        return set(self.zip.namelist())

    def read(self, name: str) -> bytes:
        """An entry's bytes, counted against the archive's bound as they are read."""
        with self.zip.open(name) as fh:
            data = fh.read(MAX_ZIP_UNCOMPRESSED - self.read_bytes + 1)
        self._count(len(data))
        return data

    def open(self, name: str) -> _Counted:
        return _Counted(self.zip.open(name), self)

    def _count(self, n: int) -> None:
        self.read_bytes += n
        if self.read_bytes > MAX_ZIP_UNCOMPRESSED:
            raise PerfscoreError(f"解压后超过上限（{MAX_ZIP_UNCOMPRESSED} 字节），未读取", self.path)

    def xml(self, name: str) -> Element:
        return parse_xml(self.read(name))


class _Counted:
    """A stream of an entry that counts the bytes read through it."""

    def __init__(self, fh: IO[bytes], archive: Archive) -> None:
        self.fh = fh
        self.archive = archive

    def read(self, n: int = -1) -> bytes:
        data = self.fh.read(n)
        self.archive._count(len(data))
        return data

    def close(self) -> None:
        self.fh.close()

    def __enter__(self) -> _Counted:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def parse_xml(data: bytes) -> Element:
    """XML without DTDs or entities (defusedxml)."""
    from defusedxml import ElementTree as SafeET

    root: Element = SafeET.fromstring(data, forbid_dtd=True)
    return root


def iterparse(stream: Any) -> Iterator[tuple[str, Element]]:
    """Streamed XML (``end`` events) without DTDs or entities."""
    from defusedxml import ElementTree as SafeET

    events: Iterator[tuple[str, Element]] = SafeET.iterparse(stream, events=("end",), forbid_dtd=True)
    return events


def xml_errors() -> tuple[type[Exception], ...]:
    """What a malformed or forbidden XML raises."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException

    return (ParseError, DefusedXmlException, KeyError, ValueError, IndexError)
