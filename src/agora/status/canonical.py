"""The canonical layer: what lifecycle records change about how a record reads today.

A record's file is never rewritten. Its summary revisions, the memos that read it, and the
challenge cases against its claims are applied on top: the newest revision in effect gives
the current summary (the original stays readable), an interpretive, skeptical or
comparative memo puts a reinterpretation banner on the page, and every case is listed in the
record's challenge history with its resolution.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from agora.models import Entry, Kind, Ledger, Memo, Revision
from agora.models.lifecycle import MemoStance, SubjectKind
from agora.status.cases import CaseState

__all__ = ["REINTERPRETING", "Canonical", "canonical_layer"]

REINTERPRETING = frozenset({MemoStance.INTERPRETIVE, MemoStance.SKEPTICAL, MemoStance.COMPARATIVE})
"""Memo stances that offer another reading of a record (a methodological memo does not)."""


@dataclass(frozen=True, slots=True)
class Canonical:
    """The lifecycle records in effect on one record, oldest first."""

    revisions: tuple[Entry[Revision], ...] = ()
    memos: tuple[Entry[Memo], ...] = ()
    cases: tuple[CaseState, ...] = ()

    @property
    def current(self) -> Entry[Revision] | None:
        """The revision whose text is the record's summary now: the newest with a text."""
        texts = [entry for entry in self.revisions if entry.record.new_version]
        return texts[-1] if texts else None

    @property
    def reinterpretations(self) -> tuple[Entry[Memo], ...]:
        """Memos that read the record another way."""
        return tuple(memo for memo in self.memos if memo.record.stance in REINTERPRETING)


def canonical_layer(
    ledger: Ledger,
    cases_by_record: Mapping[str, tuple[CaseState, ...]],
    today: date,
    first_published: Mapping[str, date] | None = None,
) -> dict[str, Canonical]:
    """The canonical layer of every record something applies to, by record id.

    Revisions and memos count from their own date (``created_at``), else from the day their
    file was first published (``first_published``, by path), and not before ``today``.
    """
    published = first_published or {}

    def in_effect(entry: Entry[Revision] | Entry[Memo]) -> bool:
        when = entry.record.created_at or published.get(entry.path)
        return when is None or when <= today

    def order(entry: Entry[Revision] | Entry[Memo]) -> tuple[date, str]:
        return (entry.record.created_at or published.get(entry.path) or date.min, entry.id)

    revisions: dict[str, list[Entry[Revision]]] = defaultdict(list)
    for revision in ledger.entries(Kind.REVISION):
        if in_effect(revision):
            revisions[_record_of(revision.record.target_summary_id)].append(revision)
    memos: dict[str, list[Entry[Memo]]] = defaultdict(list)
    for memo in ledger.entries(Kind.MEMO):
        if in_effect(memo):
            for record_id in _memo_records(memo.record, ledger):
                memos[record_id].append(memo)
    found: dict[str, Canonical] = {}
    for record_id in sorted({*revisions, *memos, *cases_by_record}):
        found[record_id] = Canonical(
            tuple(sorted(revisions.get(record_id, ()), key=order)),
            tuple(sorted(memos.get(record_id, ()), key=order)),
            cases_by_record.get(record_id, ()),
        )
    return found


def _record_of(claim: str) -> str:
    return claim.partition("#")[0]


def _memo_records(memo: Memo, ledger: Ledger) -> list[str]:
    """The records a memo reads: its subject's (a case's target for a case), then the records
    of its related claims, each once."""
    subject = memo.subject
    if subject.kind is SubjectKind.CASE:
        case = ledger.get(Kind.CHALLENGE, subject.id)
        first = [_record_of(case.record.target_claim_id)] if case is not None else []
    elif subject.kind in (SubjectKind.SOURCE, SubjectKind.TOPIC):
        first = []
    else:
        first = [_record_of(subject.id)]
    return list(dict.fromkeys([*first, *(_record_of(claim) for claim in memo.related_claims)]))
