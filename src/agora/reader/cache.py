"""A content-hash cache of parsed files, so an unchanged ledger is not parsed twice.

One cache file per ledger folder. Each entry keeps the file's size, modification time,
content digest and parse result. A file whose size and modification time are unchanged is
taken from the cache without being read (as git's index does); one whose stat changed is
read and hashed, and parsed again only if its content changed. Entries modified within two
seconds of the cache being written are always re-hashed, so an edit made in the same
clock tick as a run is never missed. The key includes a fingerprint of the reader's own
source, so a new Agora version never trusts an old cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agora.models import Document, Kind, Problem, Section, Severity
from agora.reader.documents import ReadLimits, ReadResult

__all__ = ["CacheEntry", "ReadCache"]

_FORMAT = 2
_RACY_NS = 2_000_000_000


@dataclass(slots=True)
class CacheEntry:
    """What the cache knows about one file."""

    size: int
    mtime_ns: int
    digest: bytes
    result: ReadResult


@dataclass
class ReadCache:
    """The parsed files of one ledger, loaded from and saved to one cache file."""

    path: Path | None
    entries: dict[str, CacheEntry] = field(default_factory=dict)
    written_ns: int = 0
    dirty: bool = False

    @classmethod
    def open(cls, cache_dir: Path | None, content: Path, limits: ReadLimits) -> ReadCache:
        """The cache of the ledger whose content folder is ``content``, empty if none."""
        if cache_dir is None:
            return cls(None)
        key = hashlib.sha256(
            f"{os.path.realpath(content)}|{_fingerprint()}|{limits!r}".encode()
        ).hexdigest()[:24]
        path = cache_dir / f"read-{key}.cache"
        cache = cls(path)
        try:
            with open(path, "rb") as handle:
                stored = marshal.load(handle)
            if stored[0] != _FORMAT:
                return cache
            cache.written_ns = stored[1]
            cache.entries = {
                name: CacheEntry(size, mtime, dig, _decode(name, payload))
                for name, (size, mtime, dig, payload) in stored[2].items()
            }
        except (OSError, EOFError, ValueError, TypeError, IndexError, KeyError):
            cache.entries = {}  # no cache yet, or an unreadable one: start afresh
        return cache

    def fresh(self, name: str, size: int, mtime_ns: int) -> ReadResult | None:
        """The cached result for ``name`` if its stat proves it unchanged."""
        entry = self.entries.get(name)
        if entry is None or entry.size != size or entry.mtime_ns != mtime_ns:
            return None
        if mtime_ns >= self.written_ns - _RACY_NS:
            return None
        return entry.result

    def digest_of(self, name: str) -> bytes | None:
        """The content digest recorded for ``name``."""
        entry = self.entries.get(name)
        return entry.digest if entry else None

    def put(self, name: str, entry: CacheEntry) -> None:
        """Record a file's new state."""
        self.entries[name] = entry
        self.dirty = True

    def retain(self, names: set[str]) -> None:
        """Forget files that no longer exist."""
        gone = self.entries.keys() - names
        for name in gone:
            del self.entries[name]
        self.dirty = self.dirty or bool(gone)

    def save(self) -> None:
        """Write the cache atomically; a cache that cannot be written is skipped."""
        if self.path is None or not self.dirty:
            return
        payload = (
            _FORMAT,
            time.time_ns(),
            {
                name: (entry.size, entry.mtime_ns, entry.digest, _encode(entry.result))
                for name, entry in self.entries.items()
            },
        )
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    marshal.dump(payload, out)
                os.replace(temporary, self.path)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


def _encode(result: ReadResult) -> Any:
    document = result.document
    doc = None
    if document is not None:
        doc = (
            document.kind.value,
            document.data,
            document.body,
            document.body_line,
            tuple((s.title, s.line, s.text) for s in document.sections),
            document.preamble,
            document.marks,
        )
    problems = tuple(
        (p.code, p.severity.value, p.message, p.hint, p.line, p.column) for p in result.problems
    )
    return (doc, problems)


def _decode(name: str, payload: Any) -> ReadResult:
    doc, problems = payload
    document = None
    if doc is not None:
        kind, data, body, body_line, sections, preamble, marks = doc
        document = Document(
            name,
            Kind(kind),
            data,
            body,
            body_line,
            tuple(Section(*section) for section in sections),
            preamble,
            marks,
        )
    return ReadResult(
        name,
        document,
        tuple(
            Problem(code, Severity(severity), name, message, hint, line, column)
            for code, severity, message, hint, line, column in problems
        ),
    )


_FINGERPRINT: list[str] = []


def _fingerprint() -> str:
    """A digest of the reader's source files: a changed reader invalidates every cache."""
    if not _FINGERPRINT:
        here = Path(__file__).parent
        hasher = hashlib.sha256(str(_FORMAT).encode())
        for source in sorted(here.glob("*.py")):
            hasher.update(source.read_bytes())
        _FINGERPRINT.append(hasher.hexdigest()[:16])
    return _FINGERPRINT[0]
