"""The rules for five of the six dimensions (evidence has its own module).

Each rule is a small pure function of what it needs; ``docs/epistemics.md`` states them in
words. Dates are those of the moment the status describes (``on``), so the same rules give the
status of a claim as it stood on any past day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from agora.status.cases import CaseState, is_material
from agora.status.dimensions import (
    Consensus,
    Contestation,
    Dimension,
    Editorial,
    Evidence,
    Publication,
    Reason,
    Temporal,
    reason,
)

__all__ = [
    "Decision",
    "consensus",
    "contestation",
    "publication",
    "seventy_two_hours",
    "temporal",
]

RAPID_HOURS = 72
"""An event first published sooner than this after its date is flagged."""


def publication(
    draft: bool, published: date | None, fallback: date | None
) -> Dimension[Publication]:
    """Draft when the record says so; otherwise published, since the first commit that
    held its file (``published``) or, outside git, since the record's own date."""
    if draft:
        return Dimension("publication", Publication.DRAFT, (reason("draft-state"),))
    if published is not None:
        why = reason("first-published", date=published.isoformat())
    elif fallback is not None:
        why = reason("published-undated", date=fallback.isoformat())
    else:
        why = reason("published-unknown")
    return Dimension("publication", Publication.PUBLISHED, (why,))


def seventy_two_hours(happened: date, published: datetime | None) -> Reason | None:
    """The 72-hour flag: first published less than 72 hours after the event's date."""
    if published is None:
        return None
    start = datetime(happened.year, happened.month, happened.day, tzinfo=UTC)
    hours = (published - start).total_seconds() / 3600
    if hours < RAPID_HOURS:
        return reason("seventy-two-hours", hours=max(0, int(hours)))
    return None


def contestation(
    cases: Sequence[CaseState], window_from: date | None, window_days: int, on: date
) -> Dimension[Contestation]:
    """Challenged while any case is pending; sustained once a case was sustained in whole or
    in part (never uncontested again); otherwise the challenge window decides: open for
    ``window_days`` after publication, then uncontested. A new case reopens the claim."""
    pending = [case for case in cases if case.pending]
    upheld = [case for case in cases if not case.pending and case.state != "dismissed"]
    reasons = [reason("case-" + c.state.replace("_", "-"), case=c.challenge.id) for c in cases]
    if pending:
        return Dimension("contestation", Contestation.CHALLENGED, tuple(reasons))
    if upheld:
        return Dimension("contestation", Contestation.SUSTAINED, tuple(reasons))
    if window_from is None:
        reasons.append(reason("window-unknown"))
        return Dimension("contestation", Contestation.UNCONTESTED, tuple(reasons))
    closes = window_from + timedelta(days=window_days)
    if on < closes:
        reasons.append(reason("window-open", until=closes.isoformat(), days=window_days))
        return Dimension("contestation", Contestation.WINDOW_OPEN, tuple(reasons))
    reasons.append(reason("window-closed", since=closes.isoformat(), days=window_days))
    return Dimension("contestation", Contestation.UNCONTESTED, tuple(reasons))


def consensus(
    independent: int,
    editorial: Editorial,
    evidence: Evidence,
    cases: Sequence[CaseState],
    current: bool,
) -> Dimension[Consensus]:
    """Established with three or more independent primary or secondary sources, editorial
    acceptance, no pending material challenge, evidence not under review and the claim still
    current; emerging when corroborated without a pending material challenge; else absent."""
    open_material = [c for c in cases if c.pending and is_material(c.challenge)]
    missing: list[Reason] = []
    if independent < 3:
        missing.append(reason("needs-three", count=independent))
    if not editorial.accepted:
        missing.append(reason("needs-acceptance"))
    missing += [reason("open-challenge", case=c.challenge.id) for c in open_material]
    if evidence is Evidence.UNDER_REVIEW:
        missing.append(reason("evidence-under-review"))
    if not current:
        missing.append(reason("not-current"))
    if not missing:
        found = reason("consensus-established", count=independent)
        return Dimension("consensus", Consensus.ESTABLISHED, (found,))
    if evidence is Evidence.CORROBORATED and not open_material:
        return Dimension("consensus", Consensus.EMERGING, tuple(missing))
    return Dimension("consensus", Consensus.ABSENT, tuple(missing))


@dataclass(frozen=True, slots=True)
class Decision:
    """A dated decision that ends a claim's currency: a resolution's action, or a ratified
    synthesis that supersedes an earlier one."""

    outcome: Temporal
    by: str
    on: date | None


def temporal(
    decisions: Sequence[Decision], on: date, typed_superseded: bool = False
) -> Dimension[Temporal]:
    """Current unless a decision in effect on ``on`` superseded or retracted the claim; a
    retraction outranks a supersession. Nothing else changes it: a record that calls itself
    superseded without a decision stays current, and the reasons say so."""
    effective = [d for d in decisions if d.on is None or d.on <= on]
    for outcome in (Temporal.RETRACTED, Temporal.SUPERSEDED):
        for decision in effective:
            if decision.outcome is outcome:
                code = "retracted-by" if outcome is Temporal.RETRACTED else "superseded-by"
                when = decision.on.isoformat() if decision.on else ""
                return Dimension("temporal", outcome, (reason(code, by=decision.by, date=when),))
    typed = (reason("typed-superseded"),) if typed_superseded else ()
    return Dimension("temporal", Temporal.CURRENT, (reason("current"), *typed))
