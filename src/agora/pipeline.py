"""Validate a whole ledger fast: each file on its own in worker processes, then the ledger
as a whole, and remember the result for a run in which nothing changed.

Per file (in parallel): read, parse, validate, run the document checks, place their
problems. Then, in this process: assemble the ledger, run the checks between files, place
those problems. The result is stored under a key made of every file's content digest, the
check options and Agora's own source; a run whose files all match the index (by size and
modification time) finds it without reading a single file.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from agora.checks import CheckOptions, check_document, check_ledger
from agora.models import Kind, Ledger, Problem, Severity, Validated, validate_document
from agora.reader import ContentFile, ReadLimits, find_files, find_layout, locate, read_file
from agora.reader.cache import (
    ReadCache,
    load_cache_file,
    source_fingerprint,
    store_cache_file,
)
from agora.reader.documents import FileState
from agora.reader.parallel import map_batches

__all__ = ["Outcome", "Report", "ValidateOptions", "analyse_files", "validate_ledger"]

_TAG = "agora-result-1"


@dataclass(frozen=True, slots=True)
class ValidateOptions:
    """Everything a validation run depends on besides the files."""

    checks: CheckOptions
    limits: ReadLimits
    cache_dir: Path | None
    workers: int


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of validating a ledger.

    Attributes:
        files: record files found.
        counts: valid records per kind.
        problems: every problem, placed and in report order.
        cached: whether the result came from the result cache.
    """

    files: int
    counts: Mapping[Kind, int]
    problems: tuple[Problem, ...]
    cached: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one file contributes: its state, its record, and its own problems (placed).

    The document keeps its data and marks (to place problems found later between files)
    but not its body, which only the document checks need.
    """

    path: str
    state: FileState
    validated: Validated | None
    problems: tuple[Problem, ...]


def analyse_files(files: Sequence[ContentFile], options: ValidateOptions) -> list[Outcome]:
    """Read, validate and check each file on its own."""
    return [_analyse(file, options) for file in files]


def _analyse(file: ContentFile, options: ValidateOptions) -> Outcome:
    state, result = read_file(file, options.limits)
    assert result is not None  # no known digest was given, so the file was parsed
    document = result.document
    if document is None:
        return Outcome(file.path, state, None, result.problems)
    validated = validate_document(document)
    found = locate((document,), check_document(validated, options.checks))
    light = replace(document, body="", sections=(), preamble="")
    return Outcome(
        file.path, state, Validated(light, validated.record, ()), (*result.problems, *found)
    )


def validate_ledger(path: Path, options: ValidateOptions) -> Report:
    """Validate the ledger at ``path``, from the result cache when nothing changed."""
    layout = find_layout(path)
    files, walk_problems = find_files(layout)
    cache = ReadCache.open(options.cache_dir, layout.content, options.limits)
    digests = [cache.fresh(file.path, file.size, file.mtime_ns) for file in files]
    store = _ResultStore(options.cache_dir, cache.key)
    if all(digests):
        report = store.load(_result_key(files, digests, walk_problems, options))
        if report is not None:
            return report
    with _paused_gc():
        report, digests = _analyse_ledger(files, walk_problems, options, cache)
    cache.retain(file.path for file in files)
    cache.save()
    if all(digests):
        store.save(_result_key(files, digests, walk_problems, options), report)
    return report


def _analyse_ledger(
    files: list[ContentFile],
    walk_problems: list[Problem],
    options: ValidateOptions,
    cache: ReadCache,
) -> tuple[Report, list[bytes | None]]:
    outcomes = list(map_batches(analyse_files, files, options.workers, options))
    problems = list(walk_problems)
    validated = []
    digests: list[bytes | None] = []
    for outcome in outcomes:
        cache.record(outcome.path, outcome.state, None)
        digests.append(outcome.state.digest or None)
        problems.extend(outcome.problems)
        if outcome.validated is not None:
            validated.append(outcome.validated)
    ledger = Ledger(validated)
    problems.extend(locate(ledger.documents, check_ledger(ledger)))
    problems.sort(key=Problem.sort_key)
    return Report(len(files), ledger.counts(), tuple(problems)), digests


def _result_key(
    files: Sequence[ContentFile],
    digests: Sequence[bytes | None],
    walk_problems: Sequence[Problem],
    options: ValidateOptions,
) -> bytes:
    hasher = hashlib.sha256(f"{_TAG}|{source_fingerprint()}|{options.checks}".encode())
    hasher.update(repr(options.limits).encode())
    for file, digest in zip(files, digests, strict=True):
        hasher.update(file.path.encode() + b"\0" + (digest or b""))
    for item in walk_problems:
        hasher.update(f"{item.path}\0{item.code}\0{item.message}".encode())
    return hasher.digest()


class _ResultStore:
    """The last validation result of one ledger, under its key."""

    def __init__(self, cache_dir: Path | None, ledger_key: str) -> None:
        self.path = None if cache_dir is None else cache_dir / f"result-{ledger_key}.cache"

    def load(self, key: bytes) -> Report | None:
        stored = None if self.path is None else load_cache_file(self.path, _TAG)
        if not stored or stored[0] != key:
            return None
        try:
            files, counts, problems = stored[1]
            return Report(
                files,
                {Kind(kind): count for kind, count in counts.items()},
                tuple(_decode(item) for item in problems),
                cached=True,
            )
        except (ValueError, TypeError, KeyError):
            return None

    def save(self, key: bytes, report: Report) -> None:
        if self.path is None:
            return
        counts = {kind.value: count for kind, count in report.counts.items()}
        problems = [_encode(item) for item in report.problems]
        store_cache_file(self.path, _TAG, (key, (report.files, counts, problems)))


def _encode(item: Problem) -> tuple[Any, ...]:
    return (
        item.code,
        item.severity.value,
        item.path,
        item.message,
        item.hint,
        item.line,
        item.column,
        item.field,
        item.anchor,
    )


def _decode(stored: tuple[Any, ...]) -> Problem:
    code, severity, path, message, hint, line, column, field, anchor = stored
    return Problem(code, Severity(severity), path, message, hint, line, column, field, anchor)


@contextlib.contextmanager
def _paused_gc() -> Iterator[None]:
    """Pause the cyclic collector while a ledger's worth of objects is built: they all stay
    alive, and collecting would only re-scan them (half the time of a large run)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
