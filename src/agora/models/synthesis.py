"""Syntheses: signed canonical readings of a thread, ratified by reviewers."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from agora.models.fields import IdList, IsoDate, RecordId, RecordModel, Text
from agora.models.kinds import Kind

__all__ = ["Synthesis", "SynthesisStatus", "SynthesisType"]


class SynthesisType(StrEnum):
    """What sort of synthesis it is."""

    CANONICAL = "canonical-synthesis"
    QUARTERLY = "quarterly-synthesis"
    THEMATIC_ESSAY = "thematic-essay"
    RETROSPECTIVE = "retrospective"


class SynthesisStatus(StrEnum):
    """Canon entry lifecycle."""

    PROPOSED = "proposed"
    RATIFIED = "ratified"
    DEPRECATED = "deprecated"
    SUPERSEDED = "superseded"
    FORKED = "forked"


class Synthesis(RecordModel):
    """A signed synthesis of a thread: the current best reading."""

    kind: ClassVar[Kind] = Kind.SYNTHESIS

    id: RecordId
    thread: Text
    author: Text
    date: IsoDate
    type: SynthesisType
    review_date: IsoDate | None = None
    supersedes: str | None = None
    status: SynthesisStatus | None = None
    ratified_by: tuple[str, ...] = ()
    events_covered: IdList = ()
    fork_group: str | None = None
