"""Derive the status of every claim of a ledger: events, controversy positions, syntheses.

Pure: the ledger, the date the status describes and, when git knows them, the moments files
were first published go in; a :class:`Derived` comes out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from agora.models import Controversy, Entry, Event, Kind, Ledger, Synthesis
from agora.models.controversy import parse_claim, position_index, position_letter
from agora.models.event import EventState
from agora.models.lifecycle import ActionType, Resolution
from agora.models.problem import FieldPath
from agora.models.source import Source
from agora.models.synthesis import SynthesisStatus
from agora.status import rules
from agora.status.cases import CaseState, case_state
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
from agora.status.evidence import weigh
from agora.status.memory import paused_gc

__all__ = ["Claim", "Derived", "Status", "StatusOptions", "claim_key", "derive_status", "own_date"]


@dataclass(frozen=True, slots=True)
class StatusOptions:
    """What derivation needs besides the ledger.

    ``today`` is the moment the status describes; ``published`` maps a file's path to the
    moment it first appeared in the ledger's history (empty outside git).
    """

    today: date
    challenge_window_days: int = 90
    published: Mapping[str, datetime] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim-bearing record: an event, a synthesis, or one position of a controversy."""

    key: str
    kind: Kind
    record_id: str
    path: str
    position: int | None = None

    @property
    def field(self) -> FieldPath:
        """Where the claim sits in its file."""
        return () if self.position is None else ("positions", self.position)


@dataclass(frozen=True, slots=True)
class Status:
    """A claim's status on six independent dimensions, each with its reasons."""

    claim: Claim
    publication: Dimension[Publication]
    contestation: Dimension[Contestation]
    evidence: Dimension[Evidence]
    editorial: Dimension[Editorial]
    consensus: Dimension[Consensus]
    temporal: Dimension[Temporal]
    flags: tuple[Reason, ...] = ()
    cases: tuple[CaseState, ...] = ()

    @property
    def dimensions(self) -> tuple[Dimension[Any], ...]:
        """The six dimensions, in their documented order."""
        return (
            self.publication,
            self.contestation,
            self.evidence,
            self.editorial,
            self.consensus,
            self.temporal,
        )

    @property
    def badge(self) -> str:
        """The one plain word a reader sees first: the most serious thing that is true."""
        if self.temporal.value is not Temporal.CURRENT:
            return str(self.temporal.value)
        if self.publication.value is Publication.DRAFT:
            return "draft"
        if self.contestation.value is Contestation.CHALLENGED:
            return "challenged"
        if self.contestation.value is Contestation.SUSTAINED:
            return "corrected"
        if self.consensus.value == "established":
            return "established"
        return str(self.evidence.value)


_Inputs = tuple[tuple[object, ...], tuple[object, ...]]
"""What one claim's status was derived from: the records it reads (compared by identity)
and everything else (compared by value)."""


@dataclass(frozen=True, slots=True)
class Derived:
    """Every claim's status, by claim key, and the challenge cases of each record."""

    statuses: Mapping[str, Status]
    cases_by_record: Mapping[str, tuple[CaseState, ...]]
    inputs: Mapping[str, _Inputs] = field(default_factory=dict, repr=False, compare=False)
    """Each claim's inputs, so that a later derivation can keep the statuses whose inputs
    did not change (see :func:`derive_status`)."""


def derive_status(
    ledger: Ledger, options: StatusOptions, previous: Derived | None = None
) -> Derived:
    """The status of every claim in ``ledger`` as of ``options.today``.

    With ``previous``, derived from an earlier state of the same ledger whose unchanged
    records are the very same objects (as :class:`~agora.reader.ReadMemo` keeps them), a
    claim whose record, sources, cases, decisions, revisions, path and first publication
    are all as they were keeps its status: the answer is the same as without it.
    """
    with paused_gc():  # a status per claim, and no cycles among them
        context = _Context(ledger, options)
        kept = previous.inputs if previous is not None else {}
        was = previous.statuses if previous is not None else {}
        statuses: dict[str, Status] = {}
        inputs: dict[str, _Inputs] = {}
        for claim, sources, entry, records in _claims(ledger, context):
            now = inputs[claim.key] = context.inputs(claim, records)
            before = kept.get(claim.key)
            if before is not None and _same(before, now):
                statuses[claim.key] = was[claim.key]
            else:
                statuses[claim.key] = context.status(claim, sources, entry)
        return Derived(statuses, context.cases_by_record(), inputs)


def _same(before: _Inputs, now: _Inputs) -> bool:
    """Whether two claims' inputs are the same: the same record objects, equal values."""
    records, values = before
    return (
        len(records) == len(now[0])
        and all(a is b for a, b in zip(records, now[0], strict=True))
        and values == now[1]
    )


def _claims(
    ledger: Ledger, context: _Context
) -> Iterator[tuple[Claim, Sequence[Source], Entry[Any], tuple[object, ...]]]:
    """Each claim with its sources, its entry and the records its status reads."""
    for entry in ledger.entries(Kind.EVENT):
        claim = Claim(entry.id, Kind.EVENT, entry.id, entry.path)
        yield claim, entry.record.sources, entry, (entry.record,)
    for entry in ledger.entries(Kind.CONTROVERSY):
        for index, position in enumerate(entry.record.positions):
            key = f"{entry.id}#{position_letter(index)}"
            claim = Claim(key, Kind.CONTROVERSY, entry.id, entry.path, index)
            yield claim, position.sources, entry, (entry.record,)
    for entry in ledger.entries(Kind.SYNTHESIS):
        claim = Claim(entry.id, Kind.SYNTHESIS, entry.id, entry.path)
        covered = context.covered(entry.record)
        sources = [source for event in covered for source in event.sources]
        yield claim, sources, entry, (entry.record, *covered)


class _Context:
    """The lifecycle records of a ledger, indexed by the claim they bear on."""

    def __init__(self, ledger: Ledger, options: StatusOptions) -> None:
        self.ledger, self.options = ledger, options
        self.first: dict[str, date] = {}
        for kind in (Kind.CHALLENGE, Kind.RESOLUTION, Kind.REVISION, Kind.SYNTHESIS):
            for entry in ledger.entries(kind):
                when = options.published.get(entry.path)
                if when is not None:
                    self.first[entry.id] = when.date()
        self.resolutions = _latest_resolutions(ledger.entries(Kind.RESOLUTION), options.today)
        self.cases: dict[str, list[CaseState]] = defaultdict(list)
        for entry in ledger.entries(Kind.CHALLENGE):
            key = self.claim_key(entry.record.target_claim_id)
            state = case_state(entry.record, self.resolutions, options.today, self.first)
            if key is not None and state is not None:
                self.cases[key].append(state)
        self.decisions = self._decisions()
        self.revisions: dict[str, list[Reason]] = defaultdict(list)
        for entry in ledger.entries(Kind.REVISION):
            created = entry.record.created_at or self.first.get(entry.id)
            if created is None or created <= options.today:
                day = created.isoformat() if created else ""
                why = reason("summary-revised", revision=entry.id, date=day)
                self.revisions[entry.record.target_summary_id].append(why)

    def claim_key(self, ref: str) -> str | None:
        """The key of the claim ``ref`` names (see :func:`claim_key`)."""
        return claim_key(self.ledger, ref)

    def _decisions(self) -> dict[str, list[rules.Decision]]:
        decisions: dict[str, list[rules.Decision]] = defaultdict(list)
        for resolution in self.resolutions.values():
            issued = resolution.issued_at or self.first.get(resolution.id)
            case = self.ledger.get(Kind.CHALLENGE, resolution.case_id)
            for action in resolution.actions:
                if action.type not in (
                    ActionType.CLAIM_STATUS_CHANGED,
                    ActionType.EVENT_STATE_CHANGED,
                ):
                    continue
                target = action.claim_id or (case.record.target_claim_id if case else None)
                key = None if target is None else self.claim_key(target)
                outcome = _outcome(action.to or {})
                if key is not None and outcome is not None:
                    decisions[key].append(rules.Decision(outcome, resolution.id, issued))
        for entry in self.ledger.entries(Kind.SYNTHESIS):
            record: Synthesis = entry.record
            if record.supersedes and record.status is SynthesisStatus.RATIFIED:
                decisions[record.supersedes].append(
                    rules.Decision(Temporal.SUPERSEDED, entry.id, record.date)
                )
        return decisions

    def covered(self, synthesis: Synthesis) -> list[Event]:
        """The events a synthesis covers: it rests on their sources."""
        found = (self.ledger.get(Kind.EVENT, event_id) for event_id in synthesis.events_covered)
        return [entry.record for entry in found if entry is not None]

    def inputs(self, claim: Claim, records: tuple[object, ...]) -> _Inputs:
        """Everything :meth:`status` reads for ``claim`` besides ``records``."""
        options = self.options
        published = options.published.get(claim.path)
        return records, (
            claim,
            options.today,
            options.challenge_window_days,
            # As text: the same instant with another offset is another day.
            published.isoformat() if published is not None else None,
            tuple(self.cases.get(claim.key, ())),
            tuple(self.decisions.get(claim.key, ())),
            tuple(self.revisions.get(claim.record_id, ())),
        )

    def cases_by_record(self) -> dict[str, tuple[CaseState, ...]]:
        """Every case on any claim of a record, by record id, oldest first."""
        found: dict[str, list[CaseState]] = defaultdict(list)
        for key, cases in self.cases.items():
            found[key.partition("#")[0]].extend(cases)
        return {
            record_id: tuple(sorted(cases, key=_case_order)) for record_id, cases in found.items()
        }

    def status(self, claim: Claim, sources: Sequence[Source], entry: Entry[Any]) -> Status:
        options = self.options
        record = entry.record
        published_at = options.published.get(claim.path)
        published = published_at.date() if published_at else None
        draft = isinstance(record, Event) and record.state is EventState.DRAFT
        fallback = own_date(record)
        evidence, independent = weigh(sources)
        if claim.kind is Kind.SYNTHESIS:
            count = len(set(getattr(record, "events_covered", ())))
            pooled = reason("pooled", count=count)
            evidence = Dimension("evidence", evidence.value, (pooled, *evidence.reasons))
        cases = tuple(sorted(self.cases.get(claim.key, ()), key=_case_order))
        window_from = published or fallback
        typed = isinstance(record, Event) and record.state is EventState.SUPERSEDED
        temporal = rules.temporal(self.decisions.get(claim.key, ()), options.today, typed)
        editorial = _editorial(record, draft, self.revisions.get(claim.record_id, ()))
        flags: tuple[Reason, ...] = ()
        if isinstance(record, Event):
            flag = rules.seventy_two_hours(record.date, published_at)
            flags = () if flag is None else (flag,)
        return Status(
            claim=claim,
            publication=rules.publication(draft, published, fallback),
            contestation=rules.contestation(
                cases, window_from, options.challenge_window_days, options.today
            ),
            evidence=evidence,
            editorial=editorial,
            consensus=rules.consensus(
                independent,
                editorial.value,
                evidence.value,
                cases,
                temporal.value is Temporal.CURRENT,
            ),
            temporal=temporal,
            flags=flags,
            cases=cases,
        )


def claim_key(ledger: Ledger, ref: str) -> str | None:
    """The key of the claim ``ref`` names in ``ledger`` (a position by its letter), or None
    when it names none."""
    parsed = parse_claim(ref)
    if parsed is None:
        return None
    record_id, position = parsed
    if position is None:
        return record_id
    entry = ledger.get(Kind.CONTROVERSY, record_id)
    if entry is None:
        return None
    index = position_index([p.id for p in entry.record.positions], position)
    return None if index is None else f"{record_id}#{position_letter(index)}"


def _case_order(case: CaseState) -> tuple[str, str]:
    return (case.opened.isoformat() if case.opened else "", case.challenge.id)


def _latest_resolutions(entries: Sequence[Entry[Resolution]], today: date) -> dict[str, Resolution]:
    """Each case's resolution note; when a case has several, the latest issued by ``today``
    (ties by id), so the answer never depends on the order of files."""
    found: dict[str, Resolution] = {}
    for entry in sorted(entries, key=lambda e: (e.record.issued_at or date.min, e.id)):
        record = entry.record
        if record.issued_at is None or record.issued_at <= today or record.case_id not in found:
            found[record.case_id] = record
    return found


def _outcome(to: Mapping[str, object]) -> Temporal | None:
    for name in ("temporal", "state", "status"):
        value = str(to.get(name, "")).strip().lower()
        if value in ("superseded", "retracted"):
            return Temporal(value)
    return None


def own_date(record: object) -> date | None:
    """The date a claim-bearing record carries: an event's or synthesis's date, a
    controversy's ``last_updated``; the challenge window counts from it without git."""
    if isinstance(record, Event | Synthesis):
        return record.date
    if isinstance(record, Controversy):
        return record.last_updated
    return None


def _editorial(record: object, draft: bool, revised: Sequence[Reason]) -> Dimension[Editorial]:
    """Events: reviewed once a review date or final author is recorded. Positions: reviewed
    once their controversy carries a ``last_updated`` date. Syntheses: ratified by at least
    two distinct reviewers besides the author (two of three), otherwise proposed; deprecated
    stays deprecated."""
    revised = tuple(revised)
    if draft:
        return Dimension("editorial", Editorial.DRAFT, (reason("draft-state"), *revised))
    if isinstance(record, Synthesis):
        return _synthesis_editorial(record, revised)
    if isinstance(record, Event):
        info = record.revision
        if info is not None and info.last_reviewed is not None:
            why = reason("reviewed-on", date=info.last_reviewed.isoformat())
        elif info is not None and info.final_author:
            why = reason("finalised-by", name=info.final_author)
        else:
            return Dimension("editorial", Editorial.UNREVIEWED, (reason("no-review"), *revised))
        return Dimension("editorial", Editorial.REVIEWED, (why, *revised))
    if isinstance(record, Controversy) and record.last_updated is not None:
        why = reason("controversy-updated", date=record.last_updated.isoformat())
        return Dimension("editorial", Editorial.REVIEWED, (why, *revised))
    return Dimension("editorial", Editorial.UNREVIEWED, (reason("no-review"), *revised))


def _synthesis_editorial(record: Synthesis, revised: tuple[Reason, ...]) -> Dimension[Editorial]:
    reviewers = sorted(set(record.ratified_by) - {record.author})
    if record.status is SynthesisStatus.DEPRECATED:
        return Dimension("editorial", Editorial.DEPRECATED, (reason("deprecated"), *revised))
    if len(reviewers) >= 2 and record.status is not SynthesisStatus.PROPOSED:
        why = reason("ratified", count=len(reviewers), names=", ".join(reviewers))
        return Dimension("editorial", Editorial.RATIFIED, (why, *revised))
    if record.status in (None, SynthesisStatus.PROPOSED):
        why = reason("proposed", count=len(reviewers))
    else:
        why = reason("ratify-needs-two", count=len(reviewers))
    return Dimension("editorial", Editorial.PROPOSED, (why, *revised))
