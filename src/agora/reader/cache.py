"""A content-hash cache of a ledger's files: an index of their states, and their parses.

Two files per ledger folder. The *index* maps each path to its size, modification time and
content digest; it is small and always loaded. The *parses* map a content digest to the
parsed document; they are loaded only when a parse is asked for.

A file whose size and modification time match the index is taken as unchanged without
being read, as git's index does. Entries modified within two seconds of the index being
written are never trusted that way (an edit in the same clock tick as a run must not be
missed). A file whose stat changed is read and hashed, and parsed again only if its digest
changed. The cache key includes a digest of Agora's own source, so a new version never
trusts an old cache. A cache that cannot be read is ignored; one that cannot be written is
skipped: the cache can make a run faster, never wrong.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
import time
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pydantic
import yaml

from agora.models import Document, Kind, Problem, Section, Severity
from agora.reader.documents import FileState, ReadLimits, ReadResult
from agora.reader.files import RACY_NS, ContentFile

__all__ = ["ReadCache", "load_cache_file", "source_fingerprint", "store_cache_file"]

_TAG = "agora-read-6"
_DIGEST_SIZE = 16


def _parse_key(digest: bytes, file: ContentFile) -> bytes:
    """Where a parse is stored: the same bytes parse differently as another kind, or as
    YAML rather than front matter Markdown, so both are part of the key."""
    suffix = file.path.rsplit(".", 1)[-1]
    return digest + f"|{file.kind.value}|{suffix}".encode()


@dataclass
class ReadCache:
    """The index and parses of one ledger's files."""

    folder: Path | None
    key: str = ""
    written_ns: int = 0
    _columns: tuple[list[str], bytes, bytes, bytes] | None = None
    _index: dict[str, tuple[int, int, bytes]] | None = None
    _parses: dict[bytes, Any] | None = None
    _index_dirty: bool = False
    _parses_dirty: bool = False

    @classmethod
    def open(cls, cache_dir: Path | None, content: Path, limits: ReadLimits) -> ReadCache:
        """The cache of the ledger whose content folder is ``content`` (empty if none)."""
        if cache_dir is None:
            return cls(None)
        key = hashlib.sha256(  # the folder's name as bytes: it need not be UTF-8
            os.fsencode(f"{os.path.realpath(content)}|{source_fingerprint()}|{limits!r}")
        ).hexdigest()[:24]
        cache = cls(cache_dir, key)
        stored = load_cache_file(cache_dir / f"index-{key}.cache", _TAG)
        if isinstance(stored, tuple) and len(stored) == 5:
            cache.written_ns, cache._columns = stored[0], stored[1:]
        return cache

    @property
    def empty(self) -> bool:
        """Whether nothing is recorded yet (a first run: no stat is worth taking)."""
        return self._columns is None and not self._index

    @property
    def index(self) -> dict[str, tuple[int, int, bytes]]:
        """Each recorded path's size, modification time and content digest."""
        if self._index is None:
            self._index = {}
            if self._columns is not None:
                with contextlib.suppress(ValueError, TypeError):
                    self._index = _unpack_index(*self._columns)
        return self._index

    def unchanged(self, files: Sequence[ContentFile]) -> bytes | None:
        """The digests of ``files``, joined, if every file is in the index with the same
        size and modification time (and none was modified too recently to trust its
        stat); else None. Compared column by column: fast for a whole large ledger."""
        if self._columns is None or self._index is not None:
            return self._unchanged_by_lookup(files)
        names, sizes, mtimes, digests = self._columns
        if len(names) != len(files) or names != [file.path for file in files]:
            return None
        if array("q", [file.size for file in files]).tobytes() != sizes:
            return None
        current = array("q", [file.mtime_ns for file in files])
        if current.tobytes() != mtimes or (current and max(current) >= self.written_ns - RACY_NS):
            return None
        return digests if isinstance(digests, bytes) else None

    def _unchanged_by_lookup(self, files: Sequence[ContentFile]) -> bytes | None:
        found = []
        for file in files:
            digest = self.fresh(file.path, file.size, file.mtime_ns)
            if digest is None:
                return None
            found.append(digest)
        return b"".join(found)

    def fresh(self, name: str, size: int, mtime_ns: int) -> bytes | None:
        """The digest of ``name`` if its size and mtime prove it unchanged, else None."""
        entry = self.index.get(name)
        if entry is None or entry[0] != size or entry[1] != mtime_ns:
            return None
        if mtime_ns >= self.written_ns - RACY_NS:
            return None
        return entry[2]

    def digest_of(self, name: str) -> bytes | None:
        """The content digest last recorded for ``name``."""
        entry = self.index.get(name)
        return entry[2] if entry else None

    def parse(self, file: ContentFile) -> ReadResult | None:
        """The stored parse of ``file``'s recorded content, if there is one."""
        entry = self.index.get(file.path)
        if entry is None:
            return None
        payload = self._load_parses().get(_parse_key(entry[2], file))
        return None if payload is None else _decode(file.path, payload)

    def record(self, file: ContentFile, state: FileState, result: ReadResult | None) -> None:
        """Remember a file's state, and its parse when given.

        A file that could not be read whole (unreadable, or over the size limit) has no
        digest and is not recorded: it is read again next time.
        """
        if state.size < 0 or len(state.digest) != _DIGEST_SIZE:
            return
        entry = (state.size, state.mtime_ns, state.digest)
        index = self.index
        if index.get(file.path) != entry:
            index[file.path] = entry
            self._index_dirty = True
        elif state.mtime_ns >= self.written_ns - RACY_NS:
            # Re-checked because its stat was too recent to trust: writing the index again
            # moves the trust point past it, so the next run can skip it (git does the same).
            self._index_dirty = True
        if result is not None and self.folder is not None:
            parses = self._load_parses()
            key = _parse_key(state.digest, file)
            if key not in parses:
                parses[key] = _encode(result)
                self._parses_dirty = True

    def retain(self, names: Iterable[str]) -> None:
        """Forget files that no longer exist (and parses no file has any more)."""
        keep = set(names)
        index = self.index
        gone = [name for name in index if name not in keep]
        for name in gone:
            del index[name]
        self._index_dirty = self._index_dirty or bool(gone)
        if self._parses is not None:
            live = {entry[2] for entry in index.values()}
            stale = [key for key in self._parses if key[:_DIGEST_SIZE] not in live]
            for digest in stale:
                del self._parses[digest]
            self._parses_dirty = self._parses_dirty or bool(stale)

    def save(self) -> None:
        """Write what changed, atomically."""
        if self.folder is None:
            return
        if self._index_dirty:
            index_file = self.folder / f"index-{self.key}.cache"
            store_cache_file(index_file, _TAG, (time.time_ns(), *_pack_index(self.index)))
        if self._parses_dirty and self._parses is not None:
            store_cache_file(self.folder / f"parses-{self.key}.cache", _TAG, self._parses)

    def _load_parses(self) -> dict[bytes, Any]:
        if self._parses is None:
            stored = None
            if self.folder is not None:
                stored = load_cache_file(self.folder / f"parses-{self.key}.cache", _TAG)
            self._parses = stored if isinstance(stored, dict) else {}
        return self._parses


def _pack_index(
    index: dict[str, tuple[int, int, bytes]],
) -> tuple[list[str], bytes, bytes, bytes]:
    """The index as columns, sorted by path: a few large objects load far faster than many
    small ones, and a whole ledger's stats compare in one operation."""
    names = sorted(index)
    sizes = array("q", (index[name][0] for name in names)).tobytes()
    mtimes = array("q", (index[name][1] for name in names)).tobytes()
    digests = b"".join(index[name][2] for name in names)
    return names, sizes, mtimes, digests


def _unpack_index(
    names: list[str], sizes: bytes, mtimes: bytes, digests: bytes
) -> dict[str, tuple[int, int, bytes]]:
    size_column, mtime_column = array("q"), array("q")
    size_column.frombytes(sizes)
    mtime_column.frombytes(mtimes)
    if not len(names) == len(size_column) == len(mtime_column) == len(digests) // _DIGEST_SIZE:
        raise ValueError("inconsistent cache index")
    step = _DIGEST_SIZE
    return {
        name: (size, mtime, digests[step * i : step * i + step])
        for i, (name, size, mtime) in enumerate(zip(names, size_column, mtime_column, strict=True))
    }


def load_cache_file(path: Path, tag: str) -> Any:
    """The value stored by :func:`store_cache_file` under ``tag``, or None.

    None also when the file is missing, unreadable, or from another format: a cache is
    only ever an optimisation.
    """
    try:
        with open(path, "rb") as handle:
            stored = marshal.load(handle)
        if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != tag:
            return None
        return stored[1]
    except (OSError, EOFError, ValueError, TypeError):
        return None


def store_cache_file(path: Path, tag: str, value: Any) -> None:
    """Write ``value`` (marshal types only) atomically; skip silently if it cannot be."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                marshal.dump((tag, value), out)
            os.replace(temporary, path)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _encode(result: ReadResult) -> Any:
    document = result.document
    doc = None
    if document is not None:
        body = document.body
        doc = (
            document.kind.value,
            document.data,
            body,
            document.body_line,
            tuple((s.title, s.line, _within(body, s.text)) for s in document.sections),
            _within(body, document.preamble),
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
            tuple(Section(title, line, _text(body, text)) for title, line, text in sections),
            _text(body, preamble),
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


def _within(body: str, text: str) -> str | tuple[int, int]:
    """``text`` as where it is in ``body`` (start, end), if it is there: a body's sections
    are almost always slices of it, and storing them once more would double the cache."""
    start = body.find(text) if text else -1
    return text if start < 0 else (start, start + len(text))


def _text(body: str, stored: str | tuple[int, int]) -> str:
    return stored if isinstance(stored, str) else body[stored[0] : stored[1]]


_FINGERPRINT: list[str] = []


def source_fingerprint() -> str:
    """A digest of Agora's own source files and of the libraries whose output it caches
    (YAML parsing, validation messages): a changed Agora or library invalidates every cache."""
    if not _FINGERPRINT:
        package = Path(__file__).resolve().parent.parent
        hasher = hashlib.sha256(_TAG.encode())
        hasher.update(f"{yaml.__version__}|{pydantic.VERSION}|{sys.version}".encode())
        for source in sorted(package.rglob("*.py")):
            hasher.update(source.read_bytes())
        _FINGERPRINT.append(hasher.hexdigest()[:16])
    return _FINGERPRINT[0]
