"""The ledger through time: the audit of its history, read from git.

The reader supplies commits and blobs; :mod:`agora.status.audit` decides what each change
means. This module glues the two and places every finding at its line in the new version.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from agora.models import Document, Kind
from agora.reader import ReadLimits, find_layout, locate
from agora.reader.documents import parse_bytes
from agora.reader.history import Commit, main_line, read_blobs
from agora.settings import Settings
from agora.status.audit import CommitEdits, Finding, audit_history

__all__ = ["AuditReport", "audit"]


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
    prefix = _content_prefix(layout.root, layout.content)
    limits = ReadLimits(max_file_bytes=settings.max_file_bytes)
    wanted = (
        blob
        for commit in commits
        for change in commit.changes
        if _kind(change.path, prefix) is not None
        for blob in (change.old, change.new)
    )
    blobs = read_blobs(layout.root, wanted)
    edits = {commit.sha: _edits(commit, prefix, blobs, limits) for commit in commits}
    findings = audit_history(list(edits.values()), main_line=since is None)
    placed = []
    for finding in findings:
        after = edits[finding.commit].files[finding.problem.path][1]
        item = locate(() if after is None else (after,), [finding.problem])[0]
        placed.append(replace(finding, problem=item))
    return AuditReport(len(commits), tuple(placed))


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
        files[change.path] = (
            _document(change.path, kind, blobs.get(change.old), limits),
            _document(change.path, kind, blobs.get(change.new), limits),
        )
    return CommitEdits(commit.sha, commit.author, commit.authored, commit.subject, files)


def _document(path: str, kind: Kind, raw: bytes | None, limits: ReadLimits) -> Document | None:
    if raw is None:
        return None
    return parse_bytes(path, kind, raw, limits).document
