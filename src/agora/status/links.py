"""Backlinks: for any record, every record that links to it, and membership as a union."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from agora.models import Entry, Event, Kind, Ledger
from agora.models.kinds import SUMMARY_KINDS
from agora.models.links import (
    CLAIM,
    PROPONENT,
    SUMMARY,
    Link,
    declared_links_of,
    linking_entries,
)
from agora.models.records import Record

__all__ = ["Backlink", "LinkIndex", "index_links"]


@dataclass(frozen=True, slots=True)
class Backlink:
    """A link seen from its target: which record points here, from which field."""

    kind: Kind
    id: str
    path: str
    field: str


_Declared = tuple[Record, tuple[tuple[Link, Backlink], ...]]
"""A record and the links it declares, each with its backlink."""


class LinkIndex:
    """Every declared link of a ledger, indexed by target id.

    Thread membership is the union of both sides: an event is in a thread when either the
    event names the thread or the thread lists the event.
    """

    def __init__(self, ledger: Ledger, declared: Mapping[int, _Declared]) -> None:
        """``declared``: each record's links, by ``id()`` of the record, in ledger order."""
        self._ledger = ledger
        self._declared = declared
        self._incoming: dict[tuple[Kind, str], list[Backlink]] = defaultdict(list)
        members: dict[str, set[str]] = defaultdict(set)
        for _, links in declared.values():
            for link, backlink in links:
                target = self._target(link)
                if target is not None:
                    self._incoming[target].append(backlink)
                if link.source_kind is Kind.EVENT and link.target is Kind.THREAD:
                    members[link.value].add(link.source_id)
                elif link.source_kind is Kind.THREAD and link.target is Kind.EVENT:
                    members[link.source_id].add(link.value)
        self._members = members
        self._threads_of: dict[str, set[str]] = defaultdict(set)
        for thread_id, event_ids in members.items():
            for event_id in event_ids:
                self._threads_of[event_id].add(thread_id)

    def over(self, ledger: Ledger) -> LinkIndex:
        """This index for ``ledger``, which holds the same records as this index's ledger
        (only documents may differ, see :meth:`~agora.models.Ledger.with_documents`): the
        links are the same, and the entries it hands out are ``ledger``'s."""
        index = copy.copy(self)
        index._ledger = ledger
        return index

    def _target(self, link: Link) -> tuple[Kind, str] | None:
        """The record a link names, if it names one that exists."""
        ledger, value = self._ledger, link.value
        if isinstance(link.target, Kind):
            return (link.target, value) if ledger.has(link.target, value) else None
        if link.target == PROPONENT:
            kind = next((k for k in (Kind.ACTOR, Kind.GROUP) if ledger.has(k, value)), None)
            return None if kind is None else (kind, value)
        if link.target == CLAIM:
            entry = ledger.resolve_claim(value)
            return None if entry is None else (entry.record.kind, entry.id)
        if link.target == SUMMARY:
            kind = next((k for k in SUMMARY_KINDS if ledger.has(k, value)), None)
            return None if kind is None else (kind, value)
        return None  # a source id names a source, not a record

    def backlinks(self, kind: Kind, record_id: str) -> tuple[Backlink, ...]:
        """Every link that names the record of ``kind`` with ``record_id``, in ledger order."""
        return tuple(self._incoming.get((kind, record_id), ()))

    def thread_events(self, thread_id: str) -> tuple[Entry[Event], ...]:
        """The events of a thread (declared on either side), by date then id."""
        found = [
            entry
            for event_id in self._members.get(thread_id, ())
            if (entry := self._ledger.get(Kind.EVENT, event_id)) is not None
        ]
        return tuple(sorted(found, key=lambda entry: (entry.record.date, entry.id)))

    def event_threads(self, event_id: str) -> tuple[str, ...]:
        """The threads an event belongs to (declared on either side), sorted."""
        return tuple(sorted(self._threads_of.get(event_id, ())))


def index_links(ledger: Ledger, previous: LinkIndex | None = None) -> LinkIndex:
    """Index every declared link of ``ledger``.

    ``previous``, an index of an earlier state of the same ledger, lends the links of each
    record that is the very same object as then (targets are resolved anew: a link may name
    a record that was added or removed since)."""
    kept = previous._declared if previous is not None else {}
    declared: dict[int, _Declared] = {}
    for entry in linking_entries(ledger):
        record = entry.record
        found = kept.get(id(record))
        if found is None or found[0] is not record:
            links = declared_links_of(record, entry.path)
            found = (record, tuple((link, _backlink(link)) for link in links))
        declared[id(record)] = found
    return LinkIndex(ledger, declared)


def _backlink(link: Link) -> Backlink:
    return Backlink(link.source_kind, link.source_id, link.path, str(link.field[0]))
