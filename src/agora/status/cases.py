"""Challenge cases over time: what state each case was in on a given date.

A case exists from the day it was opened. Its resolution note decides it on the day the note
was issued; before that the case is open, or under review when the case file says so. A
record with no date counts from the day its file was first published, and from the
beginning when that is not known either.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from agora.models import Challenge, Resolution
from agora.models.lifecycle import DECIDED, OUTCOME, Allegation, ChallengeStatus

__all__ = [
    "DECIDED",
    "MATERIAL",
    "OUTCOME",
    "CaseState",
    "case_state",
    "is_material",
]

MATERIAL = frozenset(Allegation) - {Allegation.DUPLICATION, Allegation.CATEGORY_ERROR}
"""Allegations that dispute what a claim says, not how it is filed."""


def is_material(challenge: Challenge) -> bool:
    """Whether the case alleges anything that disputes the claim itself."""
    return any(allegation in MATERIAL for allegation in challenge.allegations)


@dataclass(frozen=True, slots=True)
class CaseState:
    """A case as it stood on a date: its state, and the resolution that decided it."""

    challenge: Challenge
    state: ChallengeStatus
    opened: date | None
    resolution: Resolution | None
    decided: date | None = None
    """When the resolution was issued: its own date, else when its file first appeared
    (None when neither is known)."""

    @property
    def pending(self) -> bool:
        """Open or under review: not decided yet."""
        return self.state not in DECIDED


def case_state(
    challenge: Challenge,
    resolutions: Mapping[str, Resolution],
    on: date,
    first_published: Mapping[str, date],
) -> CaseState | None:
    """The state of ``challenge`` on ``on`` (None before it was opened).

    ``resolutions`` maps a case id to its resolution notes' latest; ``first_published``
    maps a record id to the date its file first appeared, for records without a date.
    """
    opened = challenge.opened_at or first_published.get(challenge.id)
    if opened is not None and opened > on:
        return None
    resolution = resolutions.get(challenge.id)
    if resolution is not None:
        issued = resolution.issued_at or first_published.get(resolution.id)
        if issued is None or issued <= on:
            outcome = OUTCOME[resolution.disposition]
            return CaseState(challenge, outcome, opened, resolution, issued)
    if challenge.status is ChallengeStatus.OPEN:
        return CaseState(challenge, ChallengeStatus.OPEN, opened, None)
    if resolution is None and challenge.status in DECIDED:
        # A decided case without a resolution note: the file's word stands (a check flags it).
        return CaseState(challenge, challenge.status, opened, None)
    return CaseState(challenge, ChallengeStatus.UNDER_REVIEW, opened, None)
