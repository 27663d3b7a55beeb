"""Backlinks: for any record, every record that links to it, and membership as a union."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from agora.models import Entry, Event, Kind, Ledger
from agora.models.links import Link, declared_links

__all__ = ["Backlink", "LinkIndex", "index_links"]


@dataclass(frozen=True, slots=True)
class Backlink:
    """A link seen from its target: which record points here, from which field."""

    kind: Kind
    id: str
    path: str
    field: str


class LinkIndex:
    """Every declared link of a ledger, indexed by target id.

    Thread membership is the union of both sides: an event is in a thread when either the
    event names the thread or the thread lists the event.
    """

    def __init__(self, ledger: Ledger, links: Sequence[Link]) -> None:
        self._ledger = ledger
        self._incoming: dict[str, list[Backlink]] = defaultdict(list)
        members: dict[str, set[str]] = defaultdict(set)
        for link in links:
            target = link.value.partition("#")[0]
            field = str(link.field[0])
            backlink = Backlink(link.source_kind, link.source_id, link.path, field)
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

    def backlinks(self, record_id: str) -> tuple[Backlink, ...]:
        """Every link whose target is ``record_id``, in ledger order."""
        return tuple(self._incoming.get(record_id, ()))

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


def index_links(ledger: Ledger) -> LinkIndex:
    """Index every declared link of ``ledger``."""
    return LinkIndex(ledger, tuple(declared_links(ledger)))
