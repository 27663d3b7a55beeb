"""The links each record declares: every id written in a record that names another record."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from agora.models.actor import Group
from agora.models.controversy import Controversy
from agora.models.event import Event
from agora.models.kinds import Kind
from agora.models.ledger import Entry, Ledger
from agora.models.lifecycle import Challenge, Memo, Resolution, Revision, SubjectKind
from agora.models.post import Perspective, Post
from agora.models.problem import FieldPath
from agora.models.records import Record
from agora.models.synthesis import Synthesis
from agora.models.thread import Thread

__all__ = [
    "CLAIM",
    "PROPONENT",
    "SOURCE",
    "SUMMARY",
    "Link",
    "LinkRow",
    "declared_links",
    "declared_links_of",
    "link_rows",
    "linking_entries",
]

CLAIM = "claim"
"""Target of a claim reference: an event, synthesis, thread, controversy or position."""
SUMMARY = "summary"
"""Target of a summary reference: a record whose summary can be revised."""
PROPONENT = "proponent"
"""Target of a proponent: an actor or a declared group label."""
SOURCE = "source"
"""Target of a source reference: the ``id`` of a source anywhere in the ledger."""


@dataclass(frozen=True, slots=True)
class Link:
    """One id written in one record (the source) that names another record (the target).

    ``target`` is the kind named, or one of :data:`CLAIM`, :data:`SUMMARY`,
    :data:`PROPONENT`, :data:`SOURCE` for references that may name several kinds.
    """

    source_kind: Kind
    source_id: str
    path: str
    field: FieldPath
    target: Kind | str
    value: str


_SUBJECT_TARGETS: dict[SubjectKind, str] = {
    SubjectKind.CLAIM: CLAIM,
    SubjectKind.SUMMARY: SUMMARY,
    SubjectKind.CASE: Kind.CHALLENGE.value,
    SubjectKind.SOURCE: SOURCE,
    SubjectKind.TOPIC: CLAIM,
}


LinkRow = tuple[FieldPath, str, str]
"""A declared link as plain data: the field it is written in, its target (a kind's value,
or :data:`CLAIM`, :data:`SUMMARY`, :data:`PROPONENT`, :data:`SOURCE`) and the id written."""


def declared_links(ledger: Ledger) -> Iterator[Link]:
    """Every link written in every valid record, kind by kind, in path order."""
    for entry in linking_entries(ledger):
        yield from declared_links_of(entry.record, entry.path)


def linking_entries(ledger: Ledger) -> Iterator[Entry[Any]]:
    """Every valid record of a kind that can declare links, in the order of
    :func:`declared_links`."""
    for kind in _ROWS_OF:
        yield from ledger.entries(kind)


def declared_links_of(record: Record, path: str) -> Iterator[Link]:
    """The links one record declares."""
    for field, target, value in link_rows(record):
        yield Link(record.kind, record.id, path, field, Kind.named(target) or target, value)


def link_rows(record: Record) -> list[LinkRow]:
    """The links one record declares, as plain rows (cheap to build and to send)."""
    rows_of = _ROWS_OF.get(record.kind)
    return [] if rows_of is None else rows_of(record)


def _many(name: str, values: Iterable[str], target: str) -> list[LinkRow]:
    return [((name, index), target, value) for index, value in enumerate(values)]


def _maybe(field: FieldPath, value: str | None, target: str) -> list[LinkRow]:
    return [(field, target, value)] if value else []


def _event_rows(event: Event) -> list[LinkRow]:
    rows = _many("threads", event.threads, "thread")
    rows += [(("actors", i, "id"), "actor", actor.id) for i, actor in enumerate(event.actors)]
    return rows + _many("related", event.related, "event")


def _thread_rows(thread: Thread) -> list[LinkRow]:
    return _many("events", thread.events, "event") + _many(
        "controversies", thread.controversies, "controversy"
    )


def _controversy_rows(controversy: Controversy) -> list[LinkRow]:
    rows: list[LinkRow] = [(("thread",), "thread", controversy.thread)]
    rows += _many("related_events", controversy.related_events, "event")
    for index, position in enumerate(controversy.positions):
        rows += [
            (("positions", index, "proponents", number), PROPONENT, proponent)
            for number, proponent in enumerate(position.proponents)
        ]
    return rows


def _group_rows(group: Group) -> list[LinkRow]:
    return _many("members", group.members, "actor")


def _synthesis_rows(synthesis: Synthesis) -> list[LinkRow]:
    return [
        (("thread",), "thread", synthesis.thread),
        *_many("events_covered", synthesis.events_covered, "event"),
        *_maybe(("supersedes",), synthesis.supersedes, "synthesis"),
    ]


def _challenge_rows(challenge: Challenge) -> list[LinkRow]:
    return [
        (("target_claim_id",), CLAIM, challenge.target_claim_id),
        *_maybe(("resolution_note_id",), challenge.resolution_note_id, "resolution"),
    ]


def _resolution_rows(resolution: Resolution) -> list[LinkRow]:
    rows: list[LinkRow] = [(("case_id",), "challenge", resolution.case_id)]
    for index, action in enumerate(resolution.actions):
        rows += _maybe(("actions", index, "claim_id"), action.claim_id, CLAIM)
        rows += _maybe(
            ("actions", index, "summary_revision_id"), action.summary_revision_id, "revision"
        )
        rows += _maybe(("actions", index, "memo_id"), action.memo_id, "memo")
    return rows


def _revision_rows(revision: Revision) -> list[LinkRow]:
    return [
        (("target_summary_id",), SUMMARY, revision.target_summary_id),
        *_many("changed_claim_ids", revision.changed_claim_ids, CLAIM),
        *_maybe(("triggered_by_case_id",), revision.triggered_by_case_id, "challenge"),
    ]


def _memo_rows(memo: Memo) -> list[LinkRow]:
    return [
        (("subject", "id"), _SUBJECT_TARGETS[memo.subject.kind], memo.subject.id),
        *_many("related_claims", memo.related_claims, CLAIM),
        *_maybe(("supersedes_memo",), memo.supersedes_memo, "memo"),
    ]


def _perspective_rows(perspective: Perspective) -> list[LinkRow]:
    return [(("about",), CLAIM, perspective.about)]


def _post_rows(post: Post) -> list[LinkRow]:
    return [
        *_many("controversies", post.controversies, "controversy"),
        *_many("threads", post.threads, "thread"),
        *_many("events", post.events, "event"),
    ]


_ROWS_OF: dict[Kind, Callable[[Any], list[LinkRow]]] = {
    Kind.EVENT: _event_rows,
    Kind.THREAD: _thread_rows,
    Kind.CONTROVERSY: _controversy_rows,
    Kind.GROUP: _group_rows,
    Kind.SYNTHESIS: _synthesis_rows,
    Kind.CHALLENGE: _challenge_rows,
    Kind.RESOLUTION: _resolution_rows,
    Kind.REVISION: _revision_rows,
    Kind.MEMO: _memo_rows,
    Kind.PERSPECTIVE: _perspective_rows,
    Kind.POST: _post_rows,
}
