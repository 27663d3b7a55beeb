"""Typed sources: where a claim comes from, in either of the two type vocabularies."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from agora.models.fields import IsoDate, RecordModel, Text

__all__ = ["ARCHIVE_REQUIRED", "Source", "SourceType"]


class SourceType(StrEnum):
    """What kind of evidence a source is.

    Two vocabularies coexist in real ledgers. The original four (``primary``,
    ``secondary``, ``commentary``, ``official``) and the finer one that separates documents,
    recordings and datasets, reporting, interpretation and editorial synthesis, and marks
    hearsay, retractions and corrections. Both are accepted; :attr:`family` maps each to a
    common family for weighing evidence.
    """

    PRIMARY = "primary"
    SECONDARY = "secondary"
    COMMENTARY = "commentary"
    OFFICIAL = "official"
    PRIMARY_DOCUMENT = "primary_document"
    PRIMARY_RECORDING = "primary_recording"
    PRIMARY_DATASET = "primary_dataset"
    SECONDARY_REPORTING = "secondary_reporting"
    EXPERT_INTERPRETATION = "expert_interpretation"
    EDITORIAL_SYNTHESIS = "editorial_synthesis"
    HEARSAY_UNVERIFIED = "hearsay_unverified"
    RETRACTION = "retraction"
    CORRECTION = "correction"

    @property
    def family(self) -> str:
        """``primary``, ``secondary``, ``interpretation``, ``editorial``, ``hearsay`` or
        ``correction``."""
        return _FAMILIES[self]


_FAMILIES = {
    SourceType.PRIMARY: "primary",
    SourceType.OFFICIAL: "primary",
    SourceType.PRIMARY_DOCUMENT: "primary",
    SourceType.PRIMARY_RECORDING: "primary",
    SourceType.PRIMARY_DATASET: "primary",
    SourceType.SECONDARY: "secondary",
    SourceType.SECONDARY_REPORTING: "secondary",
    SourceType.COMMENTARY: "interpretation",
    SourceType.EXPERT_INTERPRETATION: "interpretation",
    SourceType.EDITORIAL_SYNTHESIS: "editorial",
    SourceType.HEARSAY_UNVERIFIED: "hearsay",
    SourceType.RETRACTION: "correction",
    SourceType.CORRECTION: "correction",
}

ARCHIVE_REQUIRED = frozenset(t for t, family in _FAMILIES.items() if family == "primary")
"""Source types that must carry an ``archive_url``: primary documents and official pages."""


class Source(RecordModel):
    """A typed, attributable source with archival metadata."""

    url: Text = Field(description="Address of the source.", json_schema_extra={"format": "uri"})
    title: Text = Field(description="Title of the source document.")
    type: SourceType | None = Field(default=None, description="Source type.")
    id: str | None = Field(default=None, description="Optional source identifier.")
    archive_url: str | None = Field(
        default=None,
        description="Pinned archive snapshot; expected for primary and official sources.",
        json_schema_extra={"format": "uri"},
    )
    publisher: str | None = Field(default=None, description="Publishing organisation or outlet.")
    author: str | None = Field(default=None, description="Author of the source.")
    date: IsoDate | None = Field(default=None, description="Publication date.")
    published_at: IsoDate | None = Field(default=None, description="Alias of date.")
    accessed: IsoDate | None = Field(default=None, description="Date the source was read.")
    accessed_at: IsoDate | None = Field(default=None, description="Alias of accessed.")
    independence_group: str | None = Field(
        default=None,
        description="Sources in one group are not independent of each other.",
    )

    @property
    def published(self) -> dt.date | None:
        """The publication date, whichever of the two field names holds it."""
        return self.date or self.published_at
