"""The links each record declares: every id written in a record that names another record."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from agora.models.actor import Group
from agora.models.controversy import Controversy
from agora.models.event import Event
from agora.models.kinds import Kind
from agora.models.ledger import Ledger
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
    "declared_links",
    "declared_links_of",
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


_SUBJECT_TARGETS: dict[SubjectKind, Kind | str] = {
    SubjectKind.CLAIM: CLAIM,
    SubjectKind.SUMMARY: SUMMARY,
    SubjectKind.CASE: Kind.CHALLENGE,
    SubjectKind.SOURCE: SOURCE,
    SubjectKind.TOPIC: CLAIM,
}


@dataclass(frozen=True, slots=True)
class _Refs:
    """Makes the references written in one record."""

    kind: Kind
    record_id: str
    path: str

    def one(self, field: FieldPath, value: str, target: Kind | str) -> Link:
        return Link(self.kind, self.record_id, self.path, field, target, value)

    def maybe(self, field: FieldPath, value: str | None, target: Kind | str) -> Iterator[Link]:
        if value:
            yield self.one(field, value, target)

    def many(self, name: str, values: Iterable[str], target: Kind | str) -> Iterator[Link]:
        for index, value in enumerate(values):
            yield self.one((name, index), value, target)


def declared_links(ledger: Ledger) -> Iterator[Link]:
    """Every link written in every valid record, kind by kind, in path order."""
    for kind in _LINKS_OF:
        for entry in ledger.entries(kind):
            yield from declared_links_of(entry.record, entry.path)


def declared_links_of(record: Record, path: str) -> Iterator[Link]:
    """The links one record declares."""
    links_of = _LINKS_OF.get(record.kind)
    if links_of is not None:
        yield from links_of(record, _Refs(record.kind, record.id, path))


def _event_links(event: Event, ref: _Refs) -> Iterator[Link]:
    yield from ref.many("threads", event.threads, Kind.THREAD)
    for index, actor in enumerate(event.actors):
        yield ref.one(("actors", index, "id"), actor.id, Kind.ACTOR)
    yield from ref.many("related", event.related, Kind.EVENT)


def _thread_links(thread: Thread, ref: _Refs) -> Iterator[Link]:
    yield from ref.many("events", thread.events, Kind.EVENT)
    yield from ref.many("controversies", thread.controversies, Kind.CONTROVERSY)


def _controversy_links(controversy: Controversy, ref: _Refs) -> Iterator[Link]:
    yield ref.one(("thread",), controversy.thread, Kind.THREAD)
    yield from ref.many("related_events", controversy.related_events, Kind.EVENT)
    for index, position in enumerate(controversy.positions):
        for number, proponent in enumerate(position.proponents):
            yield ref.one(("positions", index, "proponents", number), proponent, PROPONENT)


def _group_links(group: Group, ref: _Refs) -> Iterator[Link]:
    yield from ref.many("members", group.members, Kind.ACTOR)


def _synthesis_links(synthesis: Synthesis, ref: _Refs) -> Iterator[Link]:
    yield ref.one(("thread",), synthesis.thread, Kind.THREAD)
    yield from ref.many("events_covered", synthesis.events_covered, Kind.EVENT)
    yield from ref.maybe(("supersedes",), synthesis.supersedes, Kind.SYNTHESIS)


def _challenge_links(challenge: Challenge, ref: _Refs) -> Iterator[Link]:
    yield ref.one(("target_claim_id",), challenge.target_claim_id, CLAIM)
    yield from ref.maybe(("resolution_note_id",), challenge.resolution_note_id, Kind.RESOLUTION)


def _resolution_links(resolution: Resolution, ref: _Refs) -> Iterator[Link]:
    yield ref.one(("case_id",), resolution.case_id, Kind.CHALLENGE)
    for index, action in enumerate(resolution.actions):
        at: FieldPath = ("actions", index)
        yield from ref.maybe((*at, "claim_id"), action.claim_id, CLAIM)
        yield from ref.maybe(
            (*at, "summary_revision_id"), action.summary_revision_id, Kind.REVISION
        )
        yield from ref.maybe((*at, "memo_id"), action.memo_id, Kind.MEMO)


def _revision_links(revision: Revision, ref: _Refs) -> Iterator[Link]:
    yield ref.one(("target_summary_id",), revision.target_summary_id, SUMMARY)
    yield from ref.many("changed_claim_ids", revision.changed_claim_ids, CLAIM)
    yield from ref.maybe(("triggered_by_case_id",), revision.triggered_by_case_id, Kind.CHALLENGE)


def _memo_links(memo: Memo, ref: _Refs) -> Iterator[Link]:
    yield ref.one(("subject", "id"), memo.subject.id, _SUBJECT_TARGETS[memo.subject.kind])
    yield from ref.many("related_claims", memo.related_claims, CLAIM)
    yield from ref.maybe(("supersedes_memo",), memo.supersedes_memo, Kind.MEMO)


def _perspective_links(perspective: Perspective, ref: _Refs) -> Iterator[Link]:
    yield ref.one(("about",), perspective.about, CLAIM)


def _post_links(post: Post, ref: _Refs) -> Iterator[Link]:
    yield from ref.many("controversies", post.controversies, Kind.CONTROVERSY)
    yield from ref.many("threads", post.threads, Kind.THREAD)
    yield from ref.many("events", post.events, Kind.EVENT)


_LINKS_OF: dict[Kind, Callable[[Any, _Refs], Iterator[Link]]] = {
    Kind.EVENT: _event_links,
    Kind.THREAD: _thread_links,
    Kind.CONTROVERSY: _controversy_links,
    Kind.GROUP: _group_links,
    Kind.SYNTHESIS: _synthesis_links,
    Kind.CHALLENGE: _challenge_links,
    Kind.RESOLUTION: _resolution_links,
    Kind.REVISION: _revision_links,
    Kind.MEMO: _memo_links,
    Kind.PERSPECTIVE: _perspective_links,
    Kind.POST: _post_links,
}
