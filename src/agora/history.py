"""The ledger through time, read from git: the audit of its history, and the ledger as it
stood at any past moment.

The reader supplies commits, blobs and trees; :mod:`agora.status.audit` decides what each
change means. This module glues them together.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from pathlib import Path

from agora.errors import HistoryError, UsageError
from agora.models import Document, Kind, Ledger, build_ledger
from agora.reader import ReadLimits, ReadOptions, find_layout, locate, read_corpus
from agora.reader.documents import parse_bytes
from agora.reader.history import (
    Change,
    Commit,
    export_tree,
    first_published,
    main_line,
    read_blobs,
)
from agora.settings import Settings
from agora.status import Derived, StatusOptions, derive_status
from agora.status.audit import CommitEdits, Finding, audit_history
from agora.status.compare import Shift, compare

__all__ = [
    "AuditReport",
    "Chronicle",
    "Comparison",
    "Past",
    "audit",
    "chronicle",
    "compare_moments",
    "ledger_as_of",
    "parse_moment",
]


@dataclass(frozen=True, slots=True)
class AuditReport:
    """What the audit found, over how many commits."""

    commits: int
    findings: tuple[Finding, ...]


def audit(path: Path, settings: Settings, since: str | None = None) -> AuditReport:
    """Every in-place edit of a published record in the history of the ledger at ``path``.

    With ``since`` only the commits after that revision are audited, as a pull request's
    check: records that already existed at ``since`` are the published ones.

    Raises:
        HistoryError: the ledger is not in git, or ``since`` names no commit.
    """
    layout = find_layout(path)
    commits = main_line(layout.root, since)
    findings = _audit(layout.root, layout.content, commits, settings, since is None)
    return AuditReport(len(commits), findings)


def _audit(
    root: Path, content: Path, commits: Sequence[Commit], settings: Settings, whole: bool
) -> tuple[Finding, ...]:
    prefix = _content_prefix(root, content)
    limits = ReadLimits(max_file_bytes=settings.max_file_bytes)
    wanted = (
        blob
        for commit in commits
        for change in commit.changes
        if (kind := _kind(change.path, prefix)) is not None
        for blob in _compared(change, kind)
    )
    blobs = read_blobs(root, wanted)
    edits = {commit.sha: _edits(commit, prefix, blobs, limits) for commit in commits}
    findings = audit_history(list(edits.values()), main_line=whole)
    placed = []
    for finding in findings:
        after = edits[finding.commit].files[finding.problem.path][1]
        item = locate(() if after is None else (after,), [finding.problem])[0]
        placed.append(replace(finding, problem=item))
    return tuple(placed)


@dataclass(frozen=True, slots=True)
class Chronicle:
    """What git knows of each file of a ledger, by path: the main-line commits that touched
    it (oldest first), when it was first published, and its in-place edits since (the
    audit's findings, with their field-level changes)."""

    commits: dict[str, tuple[Commit, ...]]
    published: dict[str, datetime]
    edits: dict[str, tuple[Finding, ...]]


def chronicle(path: Path, settings: Settings, commits: Sequence[Commit] | None = None) -> Chronicle:
    """The chronicle of the ledger at ``path`` over ``commits`` (its whole main line by
    default; a :class:`Past` knows its own); empty when the ledger is not in git."""
    layout = find_layout(path)
    if commits is None:
        try:
            commits = main_line(layout.root)
        except HistoryError:
            return Chronicle({}, {}, {})
    touched: dict[str, list[Commit]] = defaultdict(list)
    for commit in commits:
        for change in commit.changes:
            touched[change.path].append(commit)
    edits: dict[str, list[Finding]] = defaultdict(list)
    for finding in _audit(layout.root, layout.content, commits, settings, True):
        edits[finding.problem.path].append(finding)
    return Chronicle(
        {path: tuple(found) for path, found in touched.items()},
        first_published(commits),
        {path: tuple(found) for path, found in edits.items()},
    )


def _content_prefix(root: Path, content: Path) -> str:
    """The content folder's path relative to the ledger root, with a trailing slash."""
    relative = content.resolve().relative_to(root.resolve()).as_posix()
    return "" if relative == "." else relative + "/"


def _kind(path: str, prefix: str) -> Kind | None:
    if not path.startswith(prefix):
        return None
    folder = path[len(prefix) :].partition("/")[0]
    kind = Kind.from_folder(folder)
    if kind is None or not path.endswith((".md", ".yml", ".yaml")):
        return None
    return kind


def _edits(commit: Commit, prefix: str, blobs: dict[str, bytes], limits: ReadLimits) -> CommitEdits:
    files: dict[str, tuple[Document | None, Document | None]] = {}
    for change in commit.changes:
        kind = _kind(change.path, prefix)
        if kind is None:
            continue
        old, new = _compared(change, kind)
        files[change.path] = (
            _document(change.path, kind, blobs.get(old), limits),
            _document(change.path, kind, blobs.get(new), limits),
        )
    return CommitEdits(commit.sha, commit.author, commit.authored, commit.subject, files)


def _compared(change: Change, kind: Kind) -> tuple[str, str]:
    """The blobs the audit reads of a change: both versions of a changed or deleted file;
    of an added file, only a revision record's (it may record a later edit). Every other
    added file only needs its path."""
    if change.status == "A" and kind is not Kind.REVISION:
        return "", ""
    return change.old, change.new


def _document(path: str, kind: Kind, raw: bytes | None, limits: ReadLimits) -> Document | None:
    if raw is None:
        return None
    return parse_bytes(path, kind, raw, limits).document


def parse_moment(text: str) -> datetime:
    """A moment from the command line: ``YYYY-MM-DD`` (the end of that day, UTC) or an ISO
    date and time (UTC unless it gives an offset).

    Raises:
        UsageError: the text is neither.
    """
    text = text.strip()
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time.max, tzinfo=UTC)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{text!r} is not a date or a moment",
            hint="Give YYYY-MM-DD (the end of that day, UTC) or an ISO time such as "
            "2026-03-08T17:06:44-07:00.",
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Past:
    """The ledger as it stood at a moment: its files in a temporary folder, the commit they
    come from, the main-line commits made by then (oldest first), and when each file was
    first published."""

    root: Path
    moment: datetime
    commit: Commit
    history: tuple[Commit, ...]
    published: dict[str, datetime]


@contextmanager
def ledger_as_of(path: Path, moment: datetime) -> Iterator[Past]:
    """The ledger at ``path`` as of ``moment``: the tree of the newest commit of its main
    line made by then, written to a temporary folder that is removed afterwards.

    Raises:
        HistoryError: no git history, or ``moment`` comes before the first commit.
    """
    layout = find_layout(path)
    commits = main_line(layout.root)
    before = [commit for commit in commits if commit.committed <= moment]
    if not before:
        first = commits[0].committed.isoformat() if commits else "the first commit"
        raise HistoryError(
            f"the ledger has no history before {moment.isoformat()}",
            hint=f"Its history starts at {first}; give a later moment.",
        )
    commit = before[-1]
    folder = Path(tempfile.mkdtemp(prefix="agora-as-of-"))
    try:
        export_tree(layout.root, commit.sha, folder)
        yield Past(folder, moment, commit, tuple(before), first_published(before))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True, slots=True)
class Comparison:
    """What changed in understanding between two moments, and the commits they stand on."""

    first: tuple[datetime, str]
    second: tuple[datetime, str]
    shifts: tuple[Shift, ...]


def compare_moments(
    path: Path, settings: Settings, first: datetime, second: datetime
) -> Comparison:
    """The shifts of understanding in the ledger at ``path`` from ``first`` to ``second``.

    Raises:
        HistoryError: no git history, or a moment before the first commit.
    """
    with ledger_as_of(path, first) as before, ledger_as_of(path, second) as after:
        was_ledger, was = _derived(before, settings)
        now_ledger, now = _derived(after, settings)
        return Comparison(
            (first, before.commit.sha),
            (second, after.commit.sha),
            tuple(compare(was_ledger, was, now_ledger, now)),
        )


def _derived(past: Past, settings: Settings) -> tuple[Ledger, Derived]:
    limits = ReadLimits(max_file_bytes=settings.max_file_bytes)
    corpus = read_corpus(past.root, ReadOptions(limits=limits, workers=settings.workers))
    ledger = build_ledger(corpus.documents)
    options = StatusOptions(past.moment.date(), settings.challenge_window_days, past.published)
    return ledger, derive_status(ledger, options)
