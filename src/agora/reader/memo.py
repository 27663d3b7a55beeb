"""What one process read of a ledger, kept in memory for its next read of it.

A live server reads its ledger again on every change. With a memo, a file found with the
size and modification time it had when last read is not read again: its result, the very
same document object, is reused, so that what is built from each document can be kept too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from agora.reader.documents import ReadResult
from agora.reader.files import RACY_NS, ContentFile

__all__ = ["ReadMemo"]


class ReadMemo:
    """The files of one ledger as a process last read them."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[int, int, ReadResult]] = {}
        self._started_ns = 0

    @property
    def empty(self) -> bool:
        """Whether nothing is remembered yet."""
        return not self._known

    def result(self, file: ContentFile) -> ReadResult | None:
        """What reading ``file`` gave last time, if its size and modification time show
        it unchanged since; else None."""
        known = self._known.get(file.path)
        if known is None or known[0] != file.size or known[1] != file.mtime_ns:
            return None
        if file.mtime_ns >= self._started_ns - RACY_NS:  # may have changed again unseen
            return None
        return known[2]

    def remember(
        self, files: Sequence[ContentFile], results: Mapping[str, ReadResult], started_ns: int
    ) -> None:
        """Keep what reading ``files`` gave (their sizes and times as found, before a read
        that began at ``started_ns``), and forget every other file. A file that could not
        be stat-ed is not kept: it is read again next time."""
        self._known = {
            file.path: (file.size, file.mtime_ns, results[file.path])
            for file in files
            if file.size >= 0
        }
        self._started_ns = started_ns
