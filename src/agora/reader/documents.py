"""Read one content file into a :class:`~agora.models.Document`, or say why it cannot be."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from stat import S_ISREG

from agora.models import Document, Kind, Problem, problem
from agora.reader.files import ContentFile
from agora.reader.markdown import FrontMatterError, split_front_matter, split_sections
from agora.reader.yamltree import YamlError, YamlLimits, load_yaml_marked

__all__ = [
    "FileState",
    "ReadLimits",
    "ReadResult",
    "digest",
    "parse_bytes",
    "parse_text",
    "read_file",
]

_BINARY_SNIFF = 8192


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Bounds that keep a hostile file from costing more than a clear problem."""

    max_file_bytes: int = 2 * 1024 * 1024
    yaml: YamlLimits = field(default_factory=YamlLimits)


@dataclass(frozen=True, slots=True)
class ReadResult:
    """One file's outcome: a document, or None and the problems that prevented it."""

    path: str
    document: Document | None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class FileState:
    """A file's size, modification time and content digest when it was read."""

    size: int
    mtime_ns: int
    digest: bytes

    def __reduce__(self) -> tuple[type[FileState], tuple[int, int, bytes]]:
        return (FileState, (self.size, self.mtime_ns, self.digest))


def read_file(
    file: ContentFile, limits: ReadLimits, known_digest: bytes | None = None
) -> tuple[FileState, ReadResult | None]:
    """Read and parse ``file``; never raises for anything the file contains.

    Returns the file's state and its result, or None for the result when the content's
    digest equals ``known_digest`` (the caller already has that parse).
    """
    try:
        # O_NONBLOCK: a FIFO or device named like a record must not hang the run.
        handle = os.open(file.absolute, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        return _UNREADABLE, _fail(file.path, "F008", f"cannot open the file: {_reason(exc)}")
    try:
        stat = os.fstat(handle)
        if not S_ISREG(stat.st_mode):
            return _UNREADABLE, _fail(
                file.path,
                "F008",
                "not a regular file (a pipe, socket or device); it is not read",
                hint="Content folders hold regular files only; remove it from content/.",
            )
        state = FileState(stat.st_size, stat.st_mtime_ns, b"")
        if stat.st_size > limits.max_file_bytes:
            return state, _fail(
                file.path,
                "F003",
                f"file is {stat.st_size:,} bytes; the limit is {limits.max_file_bytes:,}",
            )
        raw = _read_at_most(handle, stat.st_size + 1, limits.max_file_bytes + 1)
    except OSError as exc:
        return _UNREADABLE, _fail(file.path, "F008", f"cannot read the file: {_reason(exc)}")
    finally:
        os.close(handle)
    if len(raw) > limits.max_file_bytes:  # it grew while we looked
        return state, _fail(
            file.path, "F003", f"file is larger than {limits.max_file_bytes:,} bytes"
        )
    state = FileState(stat.st_size, stat.st_mtime_ns, digest(raw))
    if known_digest is not None and state.digest == known_digest:
        return state, None
    return state, parse_bytes(file.path, file.kind, raw, limits)


_UNREADABLE = FileState(-1, -1, b"")


def _read_at_most(handle: int, expected: int, limit: int) -> bytes:
    """Read up to ``limit`` bytes; one call when the file has the ``expected`` size."""
    first = os.read(handle, min(expected, limit))
    if len(first) < expected:
        return first
    chunks = [first]
    remaining = limit - len(first)
    while remaining > 0:
        chunk = os.read(handle, min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def digest(raw: bytes) -> bytes:
    """The content digest used to tell a changed file from a touched one."""
    return hashlib.blake2b(raw, digest_size=16).digest()


def parse_bytes(path: str, kind: Kind, raw: bytes, limits: ReadLimits) -> ReadResult:
    """Decode and parse the bytes of a content file."""
    nul = raw.find(b"\x00", 0, _BINARY_SNIFF)
    if nul >= 0:
        return _fail(path, "F002", f"the file looks binary (a NUL byte at offset {nul})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_column(raw[: exc.start])
        return _fail(
            path,
            "F001",
            f"byte 0x{raw[exc.start]:02x} at line {line}, column {column} is not valid UTF-8",
            line=line,
            column=column,
        )
    return parse_text(path, kind, text, limits)


def parse_text(path: str, kind: Kind, text: str, limits: ReadLimits) -> ReadResult:
    """Parse the text of a content file (front matter Markdown, or plain YAML)."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return _fail(path, "F005", "the file is empty")
    is_markdown = path.endswith(".md")
    body, body_line = "", 1
    if is_markdown:
        try:
            split = split_front_matter(text)
        except FrontMatterError as exc:
            return _fail(path, exc.code, exc.message, line=exc.line)
        yaml_text, line_offset = split.front_matter, split.front_matter_line - 1
        body, body_line = split.body, split.body_line
    else:
        yaml_text, line_offset = text, 0
    try:
        data, marks = load_yaml_marked(yaml_text, limits.yaml, line_offset)
    except YamlError as exc:
        return _fail(path, exc.code, exc.message, line=exc.line, column=exc.column, hint=exc.hint)
    if not isinstance(data, dict):
        shape = "empty" if data is None else f"a {_shape(data)}"
        return _fail(
            path,
            "Y006",
            f"the {'front matter' if is_markdown else 'file'} is {shape}, not a mapping of fields",
            line=line_offset + 1,
        )
    preamble, sections = split_sections(body, body_line) if body else ("", ())
    document = Document(path, kind, data, body, body_line, sections, preamble, marks)
    return ReadResult(path, document)


def _fail(
    path: str,
    code: str,
    message: str,
    *,
    line: int = 1,
    column: int = 1,
    hint: str | None = None,
) -> ReadResult:
    found = problem(code, path, message, hint=hint, line=line, column=column)
    return ReadResult(path, None, (found,))


def _line_column(prefix: bytes) -> tuple[int, int]:
    line = prefix.count(b"\n") + 1
    last = prefix.rfind(b"\n")
    column = len(prefix[last + 1 :].decode("utf-8", errors="replace")) + 1
    return line, column


def _shape(value: object) -> str:
    if isinstance(value, list):
        return "list"
    return "single value"
