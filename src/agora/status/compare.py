"""What changed in understanding between two states of a ledger.

Not a file diff: new and removed records, new positions, changes of confidence and
significance, challenges opened and resolved, and claims whose derived status moved.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from agora.models import Kind, Ledger
from agora.models.controversy import position_letter
from agora.status.derive import Derived

__all__ = ["Shift", "compare"]


@dataclass(frozen=True, slots=True)
class Shift:
    """One change of understanding.

    ``what`` is one of ``new``, ``removed``, ``new-position``, ``confidence``,
    ``significance``, ``challenge-opened``, ``challenge-resolved`` and ``status``.
    """

    what: str
    kind: Kind
    id: str
    title: str
    before: str = ""
    after: str = ""


_ORDER = (
    "new",
    "removed",
    "new-position",
    "challenge-opened",
    "challenge-resolved",
    "confidence",
    "significance",
    "status",
)


def compare(before: Ledger, was: Derived, after: Ledger, now: Derived) -> list[Shift]:
    """Every shift from ``before`` (with its status ``was``) to ``after`` (``now``), grouped
    by what changed, then by kind and id."""
    shifts = [
        *_records(before, after),
        *_positions(before, after),
        *_typed(before, after),
        *_cases(was, now),
        *_statuses(was, now),
    ]
    return sorted(shifts, key=lambda s: (_ORDER.index(s.what), s.kind.value, s.id))


def _title(ledger: Ledger, kind: Kind, record_id: str) -> str:
    entry = ledger.get(kind, record_id)
    if entry is None:
        return record_id
    return str(getattr(entry.record, "title", None) or getattr(entry.record, "name", None) or "")


def _records(before: Ledger, after: Ledger) -> Iterator[Shift]:
    for kind in Kind:
        old = {entry.id for entry in before.entries(kind)}
        new = {entry.id for entry in after.entries(kind)}
        for record_id in sorted(new - old):
            yield Shift("new", kind, record_id, _title(after, kind, record_id))
        for record_id in sorted(old - new):
            yield Shift("removed", kind, record_id, _title(before, kind, record_id))


def _positions(before: Ledger, after: Ledger) -> Iterator[Shift]:
    for entry in after.entries(Kind.CONTROVERSY):
        old = before.get(Kind.CONTROVERSY, entry.id)
        if old is None:
            continue
        claims = {" ".join(p.claim.split()) for p in old.record.positions}
        for index, position in enumerate(entry.record.positions):
            if " ".join(position.claim.split()) not in claims:
                key = f"{entry.id}#{position_letter(index)}"
                yield Shift("new-position", Kind.CONTROVERSY, key, position.claim)


def _typed(before: Ledger, after: Ledger) -> Iterator[Shift]:
    for entry in after.entries(Kind.EVENT):
        old = before.get(Kind.EVENT, entry.id)
        if old is None:
            continue
        for field in ("confidence", "significance"):
            was, now = getattr(old.record, field), getattr(entry.record, field)
            if was != now:
                title = entry.record.title
                yield Shift(field, Kind.EVENT, entry.id, title, str(was or "—"), str(now or "—"))
    for entry in after.entries(Kind.CONTROVERSY):
        old = before.get(Kind.CONTROVERSY, entry.id)
        if old is None:
            continue
        by_claim = {" ".join(p.claim.split()): p for p in old.record.positions}
        for index, position in enumerate(entry.record.positions):
            previous = by_claim.get(" ".join(position.claim.split()))
            if previous is not None and previous.confidence != position.confidence:
                yield Shift(
                    "confidence",
                    Kind.CONTROVERSY,
                    f"{entry.id}#{position_letter(index)}",
                    position.claim,
                    str(previous.confidence or "—"),
                    str(position.confidence or "—"),
                )


def _cases(was: Derived, now: Derived) -> Iterator[Shift]:
    earlier = {case.challenge.id: case for cases in was.cases_by_record.values() for case in cases}
    for cases in now.cases_by_record.values():
        for case in cases:
            old = earlier.get(case.challenge.id)
            target = case.challenge.target_claim_id
            if old is None:
                yield Shift("challenge-opened", Kind.CHALLENGE, case.challenge.id, target)
            if not case.pending and (old is None or old.pending):
                yield Shift(
                    "challenge-resolved",
                    Kind.CHALLENGE,
                    case.challenge.id,
                    target,
                    str(old.state) if old else "",
                    str(case.state),
                )


def _statuses(was: Derived, now: Derived) -> Iterator[Shift]:
    for key, status in now.statuses.items():
        old = was.statuses.get(key)
        if old is None:
            continue
        for previous, current in zip(old.dimensions, status.dimensions, strict=True):
            if previous.value != current.value:
                yield Shift(
                    "status",
                    status.claim.kind,
                    key,
                    current.name,
                    str(previous.value),
                    str(current.value),
                )
