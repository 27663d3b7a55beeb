"""The record types by kind, and the union of them all."""

from __future__ import annotations

from collections.abc import Mapping

from agora.models.actor import Actor, Group
from agora.models.controversy import Controversy
from agora.models.event import Event
from agora.models.kinds import Kind
from agora.models.lifecycle import Challenge, Memo, Resolution, Revision
from agora.models.post import Perspective, Post
from agora.models.synthesis import Synthesis
from agora.models.thread import Thread

__all__ = ["RECORD_TYPES", "Record", "title_of"]

Record = (
    Event
    | Thread
    | Controversy
    | Actor
    | Group
    | Challenge
    | Resolution
    | Revision
    | Memo
    | Synthesis
    | Perspective
    | Post
)
"""Any record."""

RECORD_TYPES: Mapping[Kind, type[Record]] = {
    Kind.EVENT: Event,
    Kind.THREAD: Thread,
    Kind.CONTROVERSY: Controversy,
    Kind.ACTOR: Actor,
    Kind.GROUP: Group,
    Kind.CHALLENGE: Challenge,
    Kind.RESOLUTION: Resolution,
    Kind.REVISION: Revision,
    Kind.MEMO: Memo,
    Kind.SYNTHESIS: Synthesis,
    Kind.PERSPECTIVE: Perspective,
    Kind.POST: Post,
}
"""The model class of each kind."""


def title_of(record: Record) -> str:
    """What a record is called: its title, name, claim or thesis, else its id."""
    for name in ("title", "name", "claim", "thesis"):
        value = getattr(record, name, None)
        if isinstance(value, str) and value:
            return value
    return record.id
