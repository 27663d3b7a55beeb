"""Read a whole ledger folder: every content file, cached, in parallel when it pays."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from agora.models import Document, Problem
from agora.reader.cache import CacheEntry, ReadCache
from agora.reader.documents import FileState, ReadLimits, ReadResult, read_file
from agora.reader.files import ContentFile, Layout, find_files, find_layout

__all__ = ["Corpus", "ReadOptions", "read_corpus"]

_PARALLEL_FROM = 2_000
"""Below this many files to parse, starting worker processes costs more than it saves."""
_BATCH = 1_000


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read a ledger.

    Attributes:
        limits: per-file bounds.
        cache_dir: where to keep the parse cache; None disables it.
        workers: processes to parse with (1 = in this process).
    """

    limits: ReadLimits = field(default_factory=ReadLimits)
    cache_dir: Path | None = None
    workers: int = 1


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything read from one ledger folder.

    Attributes:
        layout: where the ledger and its content folder are.
        documents: the files that parsed, in path order.
        problems: what stopped other files from parsing, and stray files.
        files: how many record files were found.
        cached: how many of them came from the cache.
    """

    layout: Layout
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]
    files: int
    cached: int = 0


def read_corpus(path: Path, options: ReadOptions | None = None) -> Corpus:
    """Read every content file of the ledger at ``path``.

    Raises:
        LedgerNotFoundError: ``path`` does not exist or holds no ledger.
    """
    options = options or ReadOptions()
    layout = find_layout(path)
    files, problems = find_files(layout)
    cache = ReadCache.open(options.cache_dir, layout.content, options.limits)
    results: dict[str, ReadResult] = {}
    pending: list[tuple[ContentFile, bytes | None]] = []
    for file in files:
        try:
            stat = os.stat(file.absolute)
        except OSError:
            pending.append((file, None))
            continue
        hit = cache.fresh(file.path, stat.st_size, stat.st_mtime_ns)
        if hit is not None:
            results[file.path] = hit
        else:
            pending.append((file, cache.digest_of(file.path)))
    cached = len(results)
    for name, state, result in _read_all(pending, options):
        if result is None:  # touched, not changed: the cached parse still holds
            previous = cache.entries[name]
            result = previous.result
        results[name] = result
        if state.size >= 0:
            cache.put(name, CacheEntry(state.size, state.mtime_ns, state.digest, result))
    cache.retain({file.path for file in files})
    cache.save()
    documents = []
    for file in files:
        result = results[file.path]
        problems.extend(result.problems)
        if result.document is not None:
            documents.append(result.document)
    return Corpus(layout, tuple(documents), tuple(problems), len(files), cached)


def _read_all(
    pending: Sequence[tuple[ContentFile, bytes | None]], options: ReadOptions
) -> list[tuple[str, FileState, ReadResult | None]]:
    if options.workers <= 1 or len(pending) < _PARALLEL_FROM:
        return _read_batch(pending, options.limits)
    batches = [pending[i : i + _BATCH] for i in range(0, len(pending), _BATCH)]
    out: list[tuple[str, FileState, ReadResult | None]] = []
    with ProcessPoolExecutor(options.workers, mp_context=_context()) as pool:
        for batch in pool.map(_read_batch, batches, [options.limits] * len(batches)):
            out.extend(batch)
    return out


def _read_batch(
    batch: Sequence[tuple[ContentFile, bytes | None]], limits: ReadLimits
) -> list[tuple[str, FileState, ReadResult | None]]:
    out = []
    for file, known in batch:
        state, result = read_file(file, limits, known)
        out.append((file.path, state, result))
    return out


def _context() -> multiprocessing.context.BaseContext:
    # fork starts workers in milliseconds and shares the imported modules; elsewhere spawn.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")
