"""Events: what happened, when, who was involved, and the typed sources that say so."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from pydantic import Field

from agora.models.fields import IdList, IsoDate, RecordId, RecordModel, Text
from agora.models.kinds import Kind
from agora.models.source import Source

__all__ = [
    "ActorRole",
    "Category",
    "ClaimStatus",
    "Confidence",
    "Contestation",
    "Event",
    "EventActor",
    "EventState",
    "RevisionInfo",
    "Significance",
    "SignificanceChange",
]


class Category(StrEnum):
    """Primary category of an event (also used by posts)."""

    POLICY = "policy"
    MODELS = "models"
    RESEARCH = "research"
    INDUSTRY = "industry"
    SAFETY = "safety"
    CULTURE = "culture"
    OPEN_SOURCE = "open-source"


class Significance(StrEnum):
    """How much an event matters: landmark > major > notable."""

    LANDMARK = "landmark"
    MAJOR = "major"
    NOTABLE = "notable"


class Confidence(StrEnum):
    """Confidence in a claim as typed by its curator."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    DISPUTED = "disputed"


class EventState(StrEnum):
    """Lifecycle state as typed in the file."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CHALLENGED = "challenged"
    UNCONTESTED = "uncontested"
    SUPERSEDED = "superseded"


class ActorRole(StrEnum):
    """The part an actor played in an event."""

    ACQUIRER = "acquirer"
    ADVOCATE = "advocate"
    ASSOCIATED_GOVERNMENT = "associated-government"
    ASSOCIATED_ORGANIZATION = "associated-organization"
    AUTHOR = "author"
    BENEFICIARY = "beneficiary"
    CO_INVESTOR = "co-investor"
    COMMENTATOR = "commentator"
    CONTEXT = "context"
    COUNTERPARTY = "counterparty"
    DEFENDANT = "defendant"
    DEVELOPER = "developer"
    DISTRIBUTION_PARTNER = "distribution-partner"
    EXECUTIVE = "executive"
    INVESTEE = "investee"
    INVESTOR = "investor"
    INVESTOR_PARENT = "investor-parent"
    LEAD_PARTNER = "lead-partner"
    LEGISLATOR = "legislator"
    ORGANIZER = "organizer"
    PARTICIPANT = "participant"
    PARTNER = "partner"
    PLAINTIFF = "plaintiff"
    PRESENTER = "presenter"
    REGULATOR = "regulator"
    REGULATORY_CONTEXT = "regulatory-context"
    RELATED_BODY = "related-body"
    RELATED_PARTY = "related-party"
    SIGNATORY = "signatory"
    SUBJECT = "subject"
    TARGET = "target"


class EventActor(RecordModel):
    """An actor involved in an event, with its role."""

    id: Text = Field(description="Actor id (content/actors/<id>.yml).")
    role: ActorRole = Field(description="The part the actor played.")


class ContestationStatus(StrEnum):
    """Hand-typed contestation status."""

    UNCONTESTED = "uncontested"
    CONTESTED = "contested"
    SUPERSEDED = "superseded"
    UNRESOLVED = "unresolved"


class WindowState(StrEnum):
    """Whether the challenge window is open."""

    OPEN = "open"
    CLOSED = "closed"


class Contestation(RecordModel):
    """Hand-typed contestation block (the derived status supersedes it)."""

    status: ContestationStatus
    challenge_window: WindowState | None = None
    last_challenged: IsoDate | None = None


class SignificanceChange(RecordModel):
    """A dated change of an event's significance, with its reason."""

    level: Significance
    date: IsoDate
    reason: Text


class DraftAssistance(StrEnum):
    """Whether drafting was assisted."""

    AI_ASSISTED = "ai-assisted"
    HUMAN_ONLY = "human-only"


class RevisionInfo(RecordModel):
    """Editorial bookkeeping of an event."""

    created: IsoDate | None = None
    last_reviewed: IsoDate | None = None
    draft_assistance: DraftAssistance | None = None
    final_author: str | None = None


class ClaimStatus(RecordModel):
    """Hand-typed six-dimension claim status, as some files carry it."""

    publication: str | None = None
    contestation: str | None = None
    evidence: str | None = None
    editorial: str | None = None
    consensus: str | None = None
    temporal: str | None = None


class Event(RecordModel):
    """Something that happened. Kernel: id, title, date, category, sources; the rest enriches."""

    kind: ClassVar[Kind] = Kind.EVENT

    id: RecordId = Field(description="Unique kebab-case id.")
    title: str = Field(min_length=5, max_length=200, description="Human-readable title.")
    date: IsoDate = Field(description="When it happened (YYYY-MM-DD).")
    category: Category = Field(description="Primary category.")
    sources: tuple[Source, ...] = Field(min_length=1, description="At least one source.")
    end_date: IsoDate | None = Field(default=None, description="Last day of a multi-day event.")
    significance: Significance | None = None
    confidence: Confidence | None = None
    contestation: Contestation | None = None
    actors: tuple[EventActor, ...] = ()
    regions: tuple[str, ...] = Field(default=(), description="Geopolitical scope.")
    tags: tuple[str, ...] = ()
    threads: IdList = Field(default=(), description="Threads this event belongs to.")
    related: IdList = Field(default=(), description="Related events.")
    significance_history: tuple[SignificanceChange, ...] = ()
    state: EventState | None = None
    revision: RevisionInfo | None = None
    claim_status: ClaimStatus | None = None
