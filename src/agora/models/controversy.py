"""Controversies: where informed people disagree, as positions side by side."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from pydantic import Field

from agora.models.event import Confidence
from agora.models.fields import IdList, IsoDate, RecordId, RecordModel, Text
from agora.models.kinds import Kind
from agora.models.source import Source

__all__ = ["Controversy", "ControversyStatus", "Polarity", "Position", "position_letter"]


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
        for index, position in enumerate(self.positions):
            if ref == position.id or ref.upper() == position_letter(index):
                return position
        return None


def position_letter(index: int) -> str:
    """``A`` for the first position, ``B`` for the second, … ``AA`` after ``Z``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
