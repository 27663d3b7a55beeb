"""Records that change understanding without rewriting history.

A challenge case contests a claim; a resolution note disposes of it; a summary revision
replaces a canonical summary; an interpretive memo adds a reading beside a record.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar

from pydantic import Field

from agora.models.event import Confidence
from agora.models.fields import IdList, IsoDate, RecordId, RecordModel, Text
from agora.models.kinds import Kind

__all__ = [
    "DECIDED",
    "OUTCOME",
    "Action",
    "ActionType",
    "Allegation",
    "Challenge",
    "ChallengeStatus",
    "Disposition",
    "Memo",
    "MemoStance",
    "MemoSubject",
    "Resolution",
    "Revision",
    "SubjectKind",
]


class Allegation(StrEnum):
    """What a challenge says is wrong with a claim."""

    MISQUOTE = "misquote"
    CONTEXT_OMISSION = "context_omission"
    OVERSTATEMENT = "overstatement"
    UNSUPPORTED_INFERENCE = "unsupported_inference"
    CATEGORY_ERROR = "category_error"
    SOURCE_MISATTRIBUTION = "source_misattribution"
    TIMELINE_ERROR = "timeline_error"
    DUPLICATION = "duplication"


class ChallengeStatus(StrEnum):
    """open → under_review → sustained | dismissed | partially_sustained."""

    OPEN = "open"
    UNDER_REVIEW = "under_review"
    SUSTAINED = "sustained"
    DISMISSED = "dismissed"
    PARTIALLY_SUSTAINED = "partially_sustained"


class Challenge(RecordModel):
    """A formal challenge case against one claim."""

    kind: ClassVar[Kind] = Kind.CHALLENGE

    id: RecordId
    target_claim_id: Text = Field(
        description="The claim challenged: an event or synthesis id, or "
        "'<controversy-id>#<position id or letter>'."
    )
    allegations: tuple[Allegation, ...] = Field(min_length=1)
    status: ChallengeStatus
    opened_at: IsoDate | None = None
    opened_by: str | None = None
    resolution_note_id: str | None = None


class Disposition(StrEnum):
    """Outcome of a challenge."""

    UPHELD = "upheld"
    REJECTED = "rejected"
    MIXED = "mixed"
    DEFERRED = "deferred"
    SUSTAINED = "sustained"


OUTCOME = {
    Disposition.UPHELD: ChallengeStatus.SUSTAINED,
    Disposition.SUSTAINED: ChallengeStatus.SUSTAINED,
    Disposition.REJECTED: ChallengeStatus.DISMISSED,
    Disposition.MIXED: ChallengeStatus.PARTIALLY_SUSTAINED,
    Disposition.DEFERRED: ChallengeStatus.UNDER_REVIEW,
}
"""The state a resolution's disposition puts its case in."""

DECIDED = frozenset(
    {ChallengeStatus.SUSTAINED, ChallengeStatus.DISMISSED, ChallengeStatus.PARTIALLY_SUSTAINED}
)
"""Terminal states: the case has been decided."""


class ActionType(StrEnum):
    """What a resolution changed."""

    CLAIM_STATUS_CHANGED = "claim_status_changed"
    SUMMARY_REVISION_CREATED = "summary_revision_created"
    INTERPRETIVE_MEMO_ATTACHED = "interpretive_memo_attached"
    EVENT_STATE_CHANGED = "event_state_changed"
    NO_ACTION = "no_action"


class Action(RecordModel):
    """One action a resolution took."""

    type: ActionType
    claim_id: str | None = None
    from_: dict[str, Any] | None = Field(default=None, alias="from")
    to: dict[str, Any] | None = None
    summary_revision_id: str | None = None
    memo_id: str | None = None


class Resolution(RecordModel):
    """The formal disposition of a challenge case: findings and actions."""

    kind: ClassVar[Kind] = Kind.RESOLUTION

    id: RecordId
    case_id: Text = Field(description="The challenge case resolved.")
    disposition: Disposition
    findings: tuple[Text, ...] = Field(min_length=1)
    actions: tuple[Action, ...]
    decided_by: tuple[str, ...] = ()
    issued_at: IsoDate | None = None


class Revision(RecordModel):
    """A versioned replacement of a canonical summary."""

    kind: ClassVar[Kind] = Kind.REVISION

    id: RecordId
    target_summary_id: Text = Field(description="The record whose summary is revised.")
    reason: str = Field(min_length=5)
    prior_version: str | None = None
    new_version: str | None = None
    changed_claim_ids: IdList = ()
    triggered_by_case_id: str | None = None
    author: str | None = None
    created_at: IsoDate | None = None


class SubjectKind(StrEnum):
    """What a memo is about."""

    CLAIM = "claim"
    SUMMARY = "summary"
    CASE = "case"
    SOURCE = "source"
    TOPIC = "topic"


class MemoSubject(RecordModel):
    """The subject of a memo."""

    kind: SubjectKind
    id: Text


class MemoStance(StrEnum):
    """The analytical stance of a memo."""

    INTERPRETIVE = "interpretive"
    METHODOLOGICAL = "methodological"
    SKEPTICAL = "skeptical"
    COMPARATIVE = "comparative"


class Memo(RecordModel):
    """An interpretive memo: a reading of a record, beside it rather than in it."""

    kind: ClassVar[Kind] = Kind.MEMO

    id: RecordId
    subject: MemoSubject
    thesis: str = Field(min_length=10)
    stance: MemoStance
    confidence: Confidence
    related_claims: IdList = ()
    related_sources: tuple[str, ...] = ()
    supersedes_memo: str | None = None
    author: str | None = None
    created_at: IsoDate | None = None
