"""Read a whole ledger folder: every content file, cached, in parallel when it pays."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from agora.models import Document, Problem
from agora.reader.cache import ReadCache
from agora.reader.documents import FileState, ReadLimits, ReadResult, read_file
from agora.reader.files import ContentFile, Layout, find_files, find_layout
from agora.reader.memo import ReadMemo
from agora.reader.parallel import map_batches

__all__ = ["Corpus", "ReadOptions", "read_corpus"]


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
        digests: each file's content digest (see :func:`~agora.reader.documents.digest`),
            by path, where this read knows it: every file read through the parse cache.
    """

    layout: Layout
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]
    files: int
    cached: int = 0
    digests: Mapping[str, bytes] = field(default_factory=dict)


def read_corpus(
    path: Path,
    options: ReadOptions | None = None,
    memo: ReadMemo | None = None,
    *,
    walked: tuple[Sequence[ContentFile], Sequence[Problem]] | None = None,
) -> Corpus:
    """Read every content file of the ledger at ``path``.

    With ``memo``, what this process read of the ledger last time: files unchanged since
    are not read again (their documents are the same objects), and the memo is updated.
    ``walked`` is what :func:`~agora.reader.files.find_files` (with ``stat``) gave for this
    ledger a moment ago, for a caller that walked it already: it is not walked again.

    Raises:
        LedgerNotFoundError: ``path`` does not exist or holds no ledger.
    """
    options = options or ReadOptions()
    layout = find_layout(path)
    started = time.time_ns()
    if memo is not None and not memo.empty:
        files, problems = find_files(layout)
        results = {file.path: found for file in files if (found := memo.result(file)) is not None}
        changed = [(file, None) for file in files if file.path not in results]
        if len(changed) <= _FEW_CHANGED:
            # Read alone: the parse cache is made for whole reads (it loads and writes the
            # parses of every file). It learns of these files on the next whole read.
            for name, _, result in map_batches(_read_batch, changed, 1, options.limits):
                results[name] = result or ReadResult(name, None)
            memo.remember(files, results, started)
            return _corpus(layout, files, problems, results, len(files) - len(changed))
    cache = ReadCache.open(options.cache_dir, layout.content, options.limits)
    if walked is not None:
        files, problems = list(walked[0]), list(walked[1])
    else:
        files, problems = find_files(layout, stat=memo is not None or not cache.empty)
    results, digests, cached = _read_through(cache, files, options)
    if memo is not None:
        memo.remember(files, results, started)
    return _corpus(layout, files, problems, results, cached, digests)


_FEW_CHANGED = 200
"""Up to this many files changed since a memo's read, they are read alone; more (a branch
switched, say), and the whole ledger is read through the parse cache again."""


def _read_through(
    cache: ReadCache, files: Sequence[ContentFile], options: ReadOptions
) -> tuple[dict[str, ReadResult], dict[str, bytes], int]:
    """Every file's result, from ``cache`` where it holds the file's content; the content
    digest of every file whose content is known (found unchanged, or read now); and how
    many results came from the cache."""
    results: dict[str, ReadResult] = {}
    digests: dict[str, bytes] = {}
    pending: list[tuple[ContentFile, bytes | None]] = []
    for file in files:
        fresh = cache.fresh(file.path, file.size, file.mtime_ns)
        hit = cache.parse(file) if fresh is not None else None
        if fresh is not None and hit is not None:
            results[file.path] = hit
            digests[file.path] = fresh
        else:
            # Offer the recorded digest only when its parse is stored: then a file that was
            # touched but not changed is not parsed again.
            stored = cache.parse(file) is not None
            pending.append((file, cache.digest_of(file.path) if stored else None))
    cached = len(results)
    by_path = {file.path: file for file in files}
    for name, state, result in map_batches(_read_batch, pending, options.workers, options.limits):
        file = by_path[name]
        if result is None:  # touched, not changed: the stored parse still holds
            result = cache.parse(file) or ReadResult(name, None)
        results[name] = result
        if state.size >= 0 and state.digest:
            digests[name] = state.digest
        cache.record(file, state, result)
    cache.retain(file.path for file in files)
    cache.save()
    return results, digests, cached


def _corpus(
    layout: Layout,
    files: Sequence[ContentFile],
    problems: list[Problem],
    results: dict[str, ReadResult],
    cached: int,
    digests: Mapping[str, bytes] | None = None,
) -> Corpus:
    documents = []
    for file in files:
        result = results[file.path]
        problems.extend(result.problems)
        if result.document is not None:
            documents.append(result.document)
    return Corpus(layout, tuple(documents), tuple(problems), len(files), cached, digests or {})


def _read_batch(
    batch: Sequence[tuple[ContentFile, bytes | None]], limits: ReadLimits
) -> list[tuple[str, FileState, ReadResult | None]]:
    """Read and parse a batch of files (in a worker process when there are many)."""
    out = []
    for file, known in batch:
        state, result = read_file(file, limits, known)
        out.append((file.path, state, result))
    return out
