"""The history audit: every in-place edit of a published record, classified.

A ledger changes understanding through new records (challenges, resolutions, revisions),
never by rewriting what it published. The audit walks the main line of the ledger's history
and reports each commit that changed a published record's file:

- a **kernel** field changed without a revision record: error (H001);
- an **enrichment** field changed: warning (H002);
- **metadata** changed, or a kernel change recorded by a revision: info (H003).

Which fields are which depends on the kind (see :data:`FIELD_CLASSES`). Threads, actors,
groups, posts and perspectives are living records and are not audited; a controversy is
audited only for its positions' claims. The rules are in ``docs/epistemics.md``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from agora.models import Document, Kind, Problem
from agora.models.codes import problem
from agora.status.diff import FieldChange, diff_data

__all__ = [
    "FIELD_CLASSES",
    "CommitEdits",
    "Finding",
    "audit_history",
    "field_class",
]

KERNEL, ENRICHMENT, METADATA = "kernel", "enrichment", "metadata"
BODY = "body"
"""The pseudo-field that stands for a record's Markdown body."""

FIELD_CLASSES: Mapping[Kind, tuple[frozenset[str], frozenset[str], str]] = {
    Kind.EVENT: (
        frozenset({"id", "title", "date", "category", "sources"}),
        frozenset(
            {
                BODY,
                "end_date",
                "significance",
                "confidence",
                "actors",
                "regions",
                "tags",
                "threads",
                "related",
                "significance_history",
            }
        ),
        METADATA,
    ),
    Kind.SYNTHESIS: (
        frozenset({"id", "thread", "author", "date", "type", "events_covered", BODY}),
        frozenset({"review_date"}),
        METADATA,
    ),
    Kind.CHALLENGE: (
        frozenset({"id", "target_claim_id", "allegations", "opened_at", "opened_by", BODY}),
        frozenset({"status", "resolution_note_id"}),
        ENRICHMENT,
    ),
    Kind.RESOLUTION: (frozenset(), frozenset(), KERNEL),
    Kind.REVISION: (frozenset(), frozenset(), KERNEL),
    Kind.MEMO: (
        frozenset({"id", "subject", "thesis", "stance", "confidence", BODY}),
        frozenset(),
        ENRICHMENT,
    ),
}
"""Per audited kind: kernel fields, the fields of the second class, and the class of the rest.

For challenges the second class is metadata (a case's state moves as it is decided); for
every other kind it is enrichment.
"""

_SECOND = {Kind.CHALLENGE: METADATA}
_CODES = {KERNEL: "H001", ENRICHMENT: "H002", METADATA: "H003"}


def field_class(kind: Kind, field: str) -> str | None:
    """``kernel``, ``enrichment`` or ``metadata`` for a top-level field of an audited kind;
    None for kinds the audit leaves alone."""
    if kind is Kind.CONTROVERSY:
        return KERNEL if field == "positions" else None
    classes = FIELD_CLASSES.get(kind)
    if classes is None:
        return None
    kernel, second, rest = classes
    if field in kernel:
        return KERNEL
    if field in second:
        return _SECOND.get(kind, ENRICHMENT)
    return rest


@dataclass(frozen=True, slots=True)
class CommitEdits:
    """What one commit did to the ledger: each changed file's document before and after
    (None where the file did not exist or did not parse)."""

    sha: str
    author: str
    when: datetime
    subject: str
    files: Mapping[str, tuple[Document | None, Document | None]]


@dataclass(frozen=True, slots=True)
class Finding:
    """One class of in-place edit to one published record in one commit."""

    problem: Problem
    commit: str
    author: str
    when: datetime
    subject: str
    record_id: str
    kind: Kind
    changes: tuple[FieldChange, ...]
    revision: str = ""


def audit_history(commits: Sequence[CommitEdits], *, main_line: bool = True) -> list[Finding]:
    """Every in-place edit of a published record in ``commits`` (oldest first).

    On the main line (``main_line``), a file is published from the commit that added it.
    For the commits of a pull request (``main_line=False``), only files that existed before
    the first of them are published: a file added and then edited in the request is a draft.
    A file whose previous version says ``state: draft`` is never published.
    """
    findings: list[Finding] = []
    added_here: set[str] = set()
    revisions = _Revisions()
    for commit in commits:
        for path, (before, after) in sorted(commit.files.items()):
            if before is None:
                added_here.add(path)
                revisions.note(after)
        for path, (before, after) in sorted(commit.files.items()):
            if before is None or (not main_line and path in added_here) or _draft(before):
                continue
            findings.extend(_edits(commit, path, before, after, revisions))
    return findings


class _Revisions:
    """Revision records met so far, by the record they revise, until an edit uses them."""

    def __init__(self) -> None:
        self._open: dict[str, list[str]] = defaultdict(list)

    def note(self, document: Document | None) -> None:
        if document is None or document.kind is not Kind.REVISION:
            return
        data = document.data
        targets = [data.get("target_summary_id"), *_listed(data.get("changed_claim_ids"))]
        for target in targets:
            if isinstance(target, str) and target:
                self._open[target.partition("#")[0]].append(str(data.get("id", "")))

    def take(self, record_id: str) -> str:
        """The revision that records a change to ``record_id`` ('' when none is pending)."""
        pending = self._open.get(record_id)
        return pending.pop(0) if pending else ""


def _listed(value: Any) -> Iterable[Any]:
    return value if isinstance(value, list) else ()


def _draft(document: Document) -> bool:
    return str(document.data.get("state", "")).strip().lower() == "draft"


def _edits(
    commit: CommitEdits,
    path: str,
    before: Document,
    after: Document | None,
    revisions: _Revisions,
) -> list[Finding]:
    kind = before.kind
    record_id = str(before.data.get("id") or path)
    if kind is not Kind.CONTROVERSY and kind not in FIELD_CLASSES:
        return []  # a living record
    if after is None:
        change = FieldChange("file", "file", path, "deleted")
        return [_finding(commit, path, record_id, kind, KERNEL, (change,), "")]
    by_class: dict[str, list[FieldChange]] = defaultdict(list)
    for change in _changes(kind, before, after):
        cls = field_class(kind, change.top)
        if cls is not None:
            by_class[cls].append(change)
    _documented_significance(by_class)
    revision = revisions.take(record_id) if by_class.get(KERNEL) else ""
    if revision:
        by_class[METADATA] = [*by_class.pop(KERNEL), *by_class.get(METADATA, [])]
    return [
        _finding(
            commit,
            path,
            record_id,
            kind,
            cls,
            tuple(by_class[cls]),
            revision if cls == METADATA else "",
        )
        for cls in (KERNEL, ENRICHMENT, METADATA)
        if by_class.get(cls)
    ]


def _changes(kind: Kind, before: Document, after: Document) -> list[FieldChange]:
    if kind is Kind.CONTROVERSY:
        return _claim_changes(before.data.get("positions"), after.data.get("positions"))
    changes = diff_data(before.data, after.data)
    if before.body.strip() != after.body.strip():
        changes.append(FieldChange(BODY, BODY, "text changed", _words(before, after)))
    return changes


def _words(before: Document, after: Document) -> str:
    old, new = len(before.body.split()), len(after.body.split())
    return f"{old} → {new} words"


def _claim_changes(old: Any, new: Any) -> list[FieldChange]:
    """A controversy's positions as claims: a changed or removed claim is an edit."""
    before = _claims(old)
    after = _claims(new)
    changes = []
    for index, claim in enumerate(before):
        if index >= len(after):
            changes.append(FieldChange(f"positions[{index}].claim", "positions", claim, "removed"))
        elif after[index] != claim:
            changes.append(
                FieldChange(f"positions[{index}].claim", "positions", claim, after[index])
            )
    return changes


def _claims(positions: Any) -> list[str]:
    if not isinstance(positions, list):
        return []
    return [
        " ".join(str(p.get("claim", "")).split()) if isinstance(p, Mapping) else ""
        for p in positions
    ]


def _documented_significance(by_class: dict[str, list[FieldChange]]) -> None:
    """A significance change with a new significance-history entry is how significance is
    meant to change: both move to metadata."""
    enrichment = by_class.get(ENRICHMENT, [])
    tops = {change.top for change in enrichment}
    if {"significance", "significance_history"} <= tops:
        moved = [c for c in enrichment if c.top in ("significance", "significance_history")]
        by_class[ENRICHMENT] = [c for c in enrichment if c not in moved]
        by_class[METADATA] = [*by_class.get(METADATA, []), *moved]


def _finding(
    commit: CommitEdits,
    path: str,
    record_id: str,
    kind: Kind,
    cls: str,
    changes: tuple[FieldChange, ...],
    revision: str,
) -> Finding:
    fields = ", ".join(dict.fromkeys(change.top for change in changes))
    what = f"{kind.value} {record_id}: {fields} changed in place"
    if cls == KERNEL and changes[0].field == "file":
        what = f"{kind.value} {record_id}: published record deleted"
    elif revision:
        what += f", recorded by revision {revision}"
    elif cls == KERNEL:
        what += " without a revision record"
    when = commit.when.date().isoformat()
    detail = "; ".join(change.describe() for change in changes)
    message = f"{what} by {commit.sha[:7]} ({commit.author}, {when}): {detail}"
    top = changes[0].top
    at = () if top in (BODY, "file") else (top,)
    item = problem(_CODES[cls], path, message, field=at)
    return Finding(
        item,
        commit.sha,
        commit.author,
        commit.when,
        commit.subject,
        record_id,
        kind,
        changes,
        revision,
    )
