"""Controversies: where informed people disagree, as positions side by side."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import ClassVar

from pydantic import Field

from agora.models.event import Confidence
from agora.models.fields import IdList, IsoDate, RecordId, RecordModel, Text
from agora.models.kinds import Kind
from agora.models.source import Source

__all__ = [
    "Controversy",
    "ControversyStatus",
    "Polarity",
    "Position",
    "parse_claim",
    "position_index",
    "position_letter",
]


class ControversyStatus(StrEnum):
    """Whether the disagreement is live."""

    ACTIVE = "active"
    DORMANT = "dormant"
    RESOLVED = "resolved"


class Polarity(StrEnum):
    """Two sides, or several axes."""

    BINARY = "binary"
    MULTI_AXIS = "multi-axis"


class Position(RecordModel):
    """One position: its claim, who holds it, its sources, and how well supported it is.

    Proponents are actor ids or declared group labels (content/groups/).
    """

    claim: Text = Field(description="The position's core assertion.")
    id: RecordId | None = Field(default=None, description="Optional id, for references.")
    proponents: IdList = Field(default=(), description="Actor ids or group labels.")
    sources: tuple[Source, ...] = ()
    confidence: Confidence | None = None


class Controversy(RecordModel):
    """Structured, multi-position contestation of one question."""

    kind: ClassVar[Kind] = Kind.CONTROVERSY

    id: RecordId
    thread: Text = Field(description="The parent thread.")
    status: ControversyStatus
    polarity: Polarity
    positions: tuple[Position, ...] = Field(min_length=2, description="At least two positions.")
    title: str | None = Field(default=None, min_length=5, max_length=200)
    last_updated: IsoDate | None = None
    related_events: IdList = Field(default=(), description="Events that bear on it.")

    def find_position(self, ref: str) -> Position | None:
        """The position named by its id or its letter (``A`` is the first)."""
        index = position_index([position.id for position in self.positions], ref)
        return None if index is None else self.positions[index]


def position_index(ids: Sequence[str | None], ref: str) -> int | None:
    """Which of the positions (given by their ids) ``ref`` names: an id, or a letter."""
    for index, own in enumerate(ids):
        if ref == own or ref.upper() == position_letter(index):
            return index
    return None


def parse_claim(ref: str) -> tuple[str, str | None] | None:
    """Split a claim reference: ``"event-id"`` → (id, None); ``"controversy#B"`` →
    (controversy id, position). None when it is malformed (empty parts, two ``#``)."""
    record_id, mark, position = ref.partition("#")
    if not record_id or (mark and (not position or "#" in position)):
        return None
    return record_id, (position if mark else None)


def position_letter(index: int) -> str:
    """``A`` for the first position, ``B`` for the second, … ``AA`` after ``Z``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
