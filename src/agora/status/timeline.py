"""A record's timeline: how its confidence, significance and contestation moved, and why.

Made from what the ledger already holds: when git first published the file, its later
in-place edits of those fields (from the audit), an event's significance history, the
challenge cases against its claims with their resolutions, and the close of the challenge
window. Oldest first; entries of one day keep that order: publication, edits, cases.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from agora.models import Event
from agora.models.lifecycle import ActionType
from agora.status.audit import Finding
from agora.status.cases import CaseState
from agora.status.derive import Status, own_date

__all__ = ["TRACKED", "Moment", "timeline"]

TRACKED = ("confidence", "significance", "contestation")
"""Fields whose in-place edits the timeline shows."""


@dataclass(frozen=True, slots=True)
class Moment:
    """One dated step of a record's timeline.

    ``what`` says which: ``published``, ``edited`` (``field`` went from ``before`` to
    ``after`` in ``ref``, a commit), ``significance`` (a typed history entry: ``after`` is
    the level, ``note`` the reason), ``opened`` and ``decided`` (case ``ref`` on claim
    ``claim``; ``after`` is the decided state), ``changed`` (resolution ``ref`` changed
    ``field`` of ``claim`` from ``before`` to ``after``), ``window-closed``.
    """

    day: date
    what: str
    ref: str = ""
    claim: str = ""
    field: str = ""
    before: str = ""
    after: str = ""
    note: str = ""


_ORDER = {"published": 0, "significance": 1, "edited": 2, "opened": 3, "decided": 4}


def timeline(
    record: object,
    statuses: Sequence[Status],
    edits: Iterable[Finding],
    published: date | None,
    window_days: int,
    today: date,
    claim_key: Callable[[str], str | None] = lambda ref: ref,
) -> list[Moment]:
    """The timeline of one record (an event, a controversy or a synthesis) as of ``today``.

    ``claim_key`` turns a claim reference a resolution action names into its key (a
    position id into its letter)."""
    found: list[Moment] = []
    if published is not None:
        found.append(Moment(published, "published"))
    for finding in edits:
        for change in finding.changes:
            if change.top in TRACKED:
                found.append(
                    Moment(
                        finding.when.date(),
                        "edited",
                        finding.commit[:10],
                        field=change.field,
                        before=change.before,
                        after=change.after,
                    )
                )
    if isinstance(record, Event):
        for step in record.significance_history:
            found.append(
                Moment(step.date, "significance", after=step.level.value, note=step.reason)
            )
    seen: set[str] = set()
    for status in statuses:
        for case in status.cases:
            if case.challenge.id not in seen:
                seen.add(case.challenge.id)
                found.extend(_case_moments(case, status.claim.key, claim_key))
    start = published or own_date(record)  # where the status's window starts too
    if start is not None and not any(status.cases for status in statuses):
        closes = start + timedelta(days=window_days)
        if closes <= today:
            found.append(Moment(closes, "window-closed", note=str(window_days)))
    return sorted(found, key=lambda m: (m.day, _ORDER.get(m.what, 9), m.ref, m.field))


def _case_moments(
    case: CaseState, claim: str, claim_key: Callable[[str], str | None]
) -> list[Moment]:
    moments = []
    if case.opened is not None:
        moments.append(Moment(case.opened, "opened", case.challenge.id, claim))
    resolution, decided = case.resolution, case.decided
    if resolution is not None and decided is not None:
        moments.append(Moment(decided, "decided", case.challenge.id, claim, after=case.state))
        for action in resolution.actions:
            if action.type is ActionType.CLAIM_STATUS_CHANGED and action.to:
                for name, value in action.to.items():
                    before = (action.from_ or {}).get(name, "")
                    moments.append(
                        Moment(
                            decided,
                            "changed",
                            resolution.id,
                            (claim_key(action.claim_id) if action.claim_id else None) or claim,
                            str(name),
                            str(before),
                            str(value),
                        )
                    )
    return moments
