"""Validate a whole ledger fast: each file on its own in worker processes, then the ledger
as a whole, and remember the result for a run in which nothing changed.

Per file (in parallel): read, parse, validate, run the document checks, place their
problems, and reduce the record to its node in the link graph. Then, in this process: run
the checks between files on the graph and place their problems from the nodes. The result
is stored under a key made of every file's content digest, the check options and Agora's
own source; a run whose files all match the index (by size and modification time) finds it
without reading a single file.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from agora.checks import CheckOptions, check_document, check_graph
from agora.models import Kind, Problem, Severity, validate_document
from agora.models.graph import Graph, Node, node_of
from agora.reader import (
    ContentFile,
    ReadLimits,
    find_files,
    find_layout,
    locate,
    place,
    places_of,
    read_file,
)
from agora.reader.cache import (
    ReadCache,
    load_cache_file,
    source_fingerprint,
    store_cache_file,
)
from agora.reader.documents import FileState
from agora.reader.parallel import map_batches
from agora.status.memory import paused_gc
from agora.status.typed import typed_confidence_problems

__all__ = [
    "Outcome",
    "Output",
    "Rendered",
    "Report",
    "ValidateOptions",
    "analyse_files",
    "validate_and_render",
    "validate_ledger",
]

_TAG = "agora-result-3"
_DIGEST_SIZE = 16


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
    """What one file contributes: its state, its node in the link graph (with the places
    of its link fields), and its own problems, placed.

    Small on purpose: it is sent back from a worker process for every file.
    """

    path: str
    state: FileState
    node: Node | None
    problems: tuple[Problem, ...]

    def __reduce__(self) -> tuple[type[Outcome], tuple[object, ...]]:
        return (Outcome, (self.path, self.state, self.node, self.problems))


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
    found = locate(
        (document,),
        [*check_document(validated, options.checks), *typed_confidence_problems(validated)],
    )
    node = node_of(validated, lambda fields: places_of(document, fields))
    return Outcome(file.path, state, node, (*result.problems, *found))


@dataclass(frozen=True, slots=True)
class Rendered:
    """A report turned into text, and the most severe problem it shows (for the exit
    code)."""

    text: str
    worst: Severity | None


@dataclass(frozen=True, slots=True)
class Output:
    """How a caller turns a report into text: ``key`` names the rendering (format and
    options), so that an unchanged ledger can replay it."""

    key: str
    render: Callable[[Report], Rendered]


def validate_ledger(path: Path, options: ValidateOptions) -> Report:
    """Validate the ledger at ``path``, from the result cache when nothing changed."""
    return _Run(path, options).report()


def validate_and_render(path: Path, options: ValidateOptions, output: Output) -> Rendered:
    """Validate the ledger at ``path`` and render the report; when nothing changed since
    the same rendering was made, replay it without decoding a single problem."""
    run = _Run(path, options)
    if run.key is not None:
        replayed = run.store.load_rendering(run.key, output.key)
        if replayed is not None:
            return replayed
    rendered = output.render(run.report())
    if run.key is not None:
        run.store.save_rendering(run.key, output.key, rendered)
    return rendered


class _Run:
    """One validation: the files found, the cache, and the result key when it is known."""

    def __init__(self, path: Path, options: ValidateOptions) -> None:
        layout = find_layout(path)
        self.options = options
        self.cache = ReadCache.open(options.cache_dir, layout.content, options.limits)
        self.files, self.walk_problems = find_files(layout, stat=not self.cache.empty)
        self.store = _ResultStore(options.cache_dir, self.cache.key)
        digests = self.cache.unchanged(self.files)
        self.key = None if digests is None else self._key(digests)

    def report(self) -> Report:
        if self.key is not None:
            cached = self.store.load(self.key)
            if cached is not None:
                return cached
        with paused_gc():
            report, digests = _analyse_ledger(
                self.files, self.walk_problems, self.options, self.cache
            )
        self.cache.retain(file.path for file in self.files)
        self.cache.save()
        self.key = None if digests is None else self._key(digests)
        if self.key is not None:
            self.store.save(self.key, report)
        return report

    def _key(self, digests: bytes) -> bytes:
        return _result_key(self.files, digests, self.walk_problems, self.options)


def _analyse_ledger(
    files: list[ContentFile],
    walk_problems: list[Problem],
    options: ValidateOptions,
    cache: ReadCache,
) -> tuple[Report, bytes | None]:
    """Analyse every file, then the ledger; the digests of all files when every one could
    be read (else None: a result that depends on an unreadable file is not cached)."""
    problems = list(walk_problems)
    nodes: dict[str, Node] = {}
    digests: list[bytes] = []
    by_path = {file.path: file for file in files}
    for outcome in map_batches(analyse_files, files, options.workers, options):
        cache.record(by_path[outcome.path], outcome.state, None)
        digests.append(outcome.state.digest)
        problems.extend(outcome.problems)
        if outcome.node is not None:
            nodes[outcome.path] = outcome.node
    graph = Graph(nodes.values())
    problems.extend(place(item, nodes[item.path].places) for item in check_graph(graph))
    problems.sort(key=Problem.sort_key)
    counts = Counter(node.kind for node in graph.nodes if node.valid)
    complete = all(len(digest) == _DIGEST_SIZE for digest in digests)
    report = Report(len(files), {kind: counts[kind] for kind in Kind}, tuple(problems))
    return report, (b"".join(digests) if complete else None)


def _result_key(
    files: Sequence[ContentFile],
    digests: bytes,
    walk_problems: Sequence[Problem],
    options: ValidateOptions,
) -> bytes:
    """What a result depends on: Agora's source, the options, every file's path and
    content digest, and the stray files met on the walk."""
    hasher = hashlib.sha256(f"{_TAG}|{source_fingerprint()}|{options.checks}".encode())
    hasher.update(repr(options.limits).encode())
    hasher.update("\0".join(file.path for file in files).encode())
    hasher.update(digests)
    for item in walk_problems:
        hasher.update(f"{item.path}\0{item.code}\0{item.message}".encode())
    return hasher.digest()


class _ResultStore:
    """The last validation result of one ledger, under its key.

    Problems are stored as columns (one list per field): loading a few long lists is many
    times faster than loading a tuple per problem.
    """

    def __init__(self, cache_dir: Path | None, ledger_key: str) -> None:
        self.path = None if cache_dir is None else cache_dir / f"result-{ledger_key}.cache"
        self.rendering = None if cache_dir is None else cache_dir / f"rendering-{ledger_key}.cache"

    def load(self, key: bytes) -> Report | None:
        stored = None if self.path is None else load_cache_file(self.path, _TAG)
        if not stored or stored[0] != key:
            return None
        try:
            files, counts, columns = stored[1]
            severities = {severity.value: severity for severity in Severity}
            codes, severity, paths, messages, hints, lines, columns_, fields, anchors = columns
            problems = tuple(
                Problem(c, severities[s], p, m, h, ln, col, f, a)
                for c, s, p, m, h, ln, col, f, a in zip(
                    codes,
                    severity,
                    paths,
                    messages,
                    hints,
                    lines,
                    columns_,
                    fields,
                    anchors,
                    strict=True,
                )
            )
            return Report(
                files, {Kind(kind): count for kind, count in counts.items()}, problems, cached=True
            )
        except (ValueError, TypeError, KeyError):
            return None

    def load_rendering(self, key: bytes, output: str) -> Rendered | None:
        stored = None if self.rendering is None else load_cache_file(self.rendering, _TAG)
        if not stored or stored[0] != key or stored[1] != output:
            return None
        text, worst = stored[2]
        return Rendered(text, None if worst is None else Severity(worst))

    def save_rendering(self, key: bytes, output: str, rendered: Rendered) -> None:
        if self.rendering is not None:
            worst = None if rendered.worst is None else rendered.worst.value
            store_cache_file(self.rendering, _TAG, (key, output, (rendered.text, worst)))

    def save(self, key: bytes, report: Report) -> None:
        if self.path is None:
            return
        counts = {kind.value: count for kind, count in report.counts.items()}
        problems = report.problems
        columns = (
            [p.code for p in problems],
            [p.severity.value for p in problems],
            [p.path for p in problems],
            [p.message for p in problems],
            [p.hint for p in problems],
            [p.line for p in problems],
            [p.column for p in problems],
            [p.field for p in problems],
            [p.anchor for p in problems],
        )
        store_cache_file(self.path, _TAG, (key, (report.files, counts, columns)))
