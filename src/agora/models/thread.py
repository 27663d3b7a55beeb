"""Threads: narrative arcs that connect events around one core question."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from pydantic import Field

from agora.models.event import Contestation
from agora.models.fields import IdList, IsoDate, RecordId, RecordModel, Text
from agora.models.kinds import Kind

__all__ = ["Thread", "ThreadStatus"]


class ThreadStatus(StrEnum):
    """A thread is never resolved: understanding keeps moving."""

    ACTIVE = "active"
    DORMANT = "dormant"


class Thread(RecordModel):
    """A narrative arc: core question, ordered events, synthesis in the body."""

    kind: ClassVar[Kind] = Kind.THREAD

    id: RecordId
    title: str = Field(min_length=5, max_length=200)
    status: ThreadStatus
    started: IsoDate = Field(description="When the arc begins.")
    core_question: str = Field(min_length=10, description="The question the thread explores.")
    curator: Text = Field(description="Handle of the thread's curator.")
    curator_scope: str | None = None
    contestation: Contestation | None = None
    last_updated: IsoDate | None = None
    events: IdList = Field(
        description="Ordered member events (membership may also be declared on the event's side)."
    )
    controversies: IdList = ()
