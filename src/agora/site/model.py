"""What the pages show, computed once from the ledger: orderings, groupings, backlinks.

Everything here is derived from records; nothing reads files. Orderings are total (date,
then id), so two builds of the same ledger list everything in the same order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from agora.models import (
    Actor,
    Controversy,
    Entry,
    Event,
    Group,
    Kind,
    Ledger,
    Position,
    Post,
    Thread,
)
from agora.status import LinkIndex, index_links

__all__ = ["Holding", "Involvement", "SiteModel", "build_model"]

_SIGNIFICANCE_ORDER = {"landmark": 0, "major": 1, "notable": 2}


@dataclass(frozen=True, slots=True)
class Involvement:
    """An actor's part in one event."""

    event: Entry[Event]
    role: str


@dataclass(frozen=True, slots=True)
class Holding:
    """A proponent's position in one controversy."""

    controversy: Entry[Controversy]
    index: int
    position: Position


@dataclass
class SiteModel:
    """The ledger arranged for its pages."""

    ledger: Ledger
    links: LinkIndex
    events: list[Entry[Event]]
    """Every valid event, newest first."""
    thread_events: dict[str, list[Entry[Event]]]
    """Each thread's events (declared on either side), oldest first."""
    event_threads: dict[str, list[Entry[Thread]]]
    thread_controversies: dict[str, list[Entry[Controversy]]]
    related: dict[str, list[Entry[Event]]]
    """Each event's related events, declared on either side, newest first."""
    involvements: dict[str, list[Involvement]]
    holdings: dict[str, list[Holding]]
    """What each proponent (actor or label) holds, by proponent id."""
    by_category: dict[str, list[Entry[Event]]]
    by_tag: dict[str, list[Entry[Event]]]
    by_year: dict[int, list[Entry[Event]]]
    by_region: dict[str, list[Entry[Event]]]
    posts: list[Entry[Post]]
    last_changed: Mapping[str, str] = field(default_factory=dict)
    """Path → ISO date of the last commit that touched it (empty without git)."""

    def actor(self, actor_id: str) -> Entry[Actor] | None:
        """The actor with this id."""
        return self.ledger.get(Kind.ACTOR, actor_id)

    def group(self, label: str) -> Entry[Group] | None:
        """The declared group label with this id."""
        return self.ledger.get(Kind.GROUP, label)

    def event(self, event_id: str) -> Entry[Event] | None:
        """The event with this id."""
        return self.ledger.get(Kind.EVENT, event_id)

    def thread(self, thread_id: str) -> Entry[Thread] | None:
        """The thread with this id."""
        return self.ledger.get(Kind.THREAD, thread_id)

    def featured(self) -> Entry[Event] | None:
        """The featured entry: the latest landmark event (else the latest event)."""
        for entry in self.events:
            if entry.record.significance and entry.record.significance.value == "landmark":
                return entry
        return self.events[0] if self.events else None

    def active_threads(self) -> list[Entry[Thread]]:
        """Active threads, the most recently extended first."""

        def latest(entry: Entry[Thread]) -> tuple[date, str]:
            members = self.thread_events.get(entry.id) or []
            last = members[-1].record.date if members else entry.record.started
            return (last, entry.id)

        active = [t for t in self.ledger.threads if t.record.status.value == "active"]
        return sorted(active, key=latest, reverse=True)

    def active_controversies(self) -> list[Entry[Controversy]]:
        """Active controversies, the most recently updated first."""
        active = [c for c in self.ledger.controversies if c.record.status.value == "active"]
        return sorted(
            active,
            key=lambda c: (c.record.last_updated or date.min, c.id),
            reverse=True,
        )

    def sister_entries(self, entry: Entry[Event], limit: int = 5) -> list[Entry[Event]]:
        """Other events of the same category, closest in date first."""
        same = [e for e in self.by_category.get(entry.record.category.value, []) if e is not entry]
        same.sort(key=lambda e: (abs((e.record.date - entry.record.date).days), e.id))
        return same[:limit]

    def thread_mates(self, entry: Entry[Event], limit: int = 6) -> list[Entry[Event]]:
        """Events sharing a thread with this one, closest in date first."""
        seen: dict[str, Entry[Event]] = {}
        for thread in self.event_threads.get(entry.id, []):
            for other in self.thread_events.get(thread.id, []):
                if other.id != entry.id:
                    seen.setdefault(other.id, other)
        mates = sorted(
            seen.values(), key=lambda e: (abs((e.record.date - entry.record.date).days), e.id)
        )
        return mates[:limit]

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        """Counts per facet value, for the explorer and the rails."""
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for entry in self.events:
            event = entry.record
            counts["category"][event.category.value] += 1
            counts["significance"][event.significance.value if event.significance else "unset"] += 1
            counts["confidence"][event.confidence.value if event.confidence else "unset"] += 1
            counts["contestation"][_contestation(event)] += 1
            for region in event.regions:
                counts["region"][region] += 1
            for tag in event.tags:
                counts["tag"][tag] += 1
            for actor in event.actors:
                counts["actor"][actor.id] += 1
            counts["year"][str(event.date.year)] += 1
        ordered: dict[str, list[tuple[str, int]]] = {}
        for name, values in counts.items():
            if name == "significance":
                ordered[name] = sorted(
                    values.items(), key=lambda kv: _SIGNIFICANCE_ORDER.get(kv[0], 9)
                )
            elif name == "year":
                ordered[name] = sorted(values.items(), reverse=True)
            else:
                ordered[name] = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
        return ordered


def contestation(event: Event) -> str:
    """The contestation status an event declares (``not recorded`` when it declares none)."""
    return _contestation(event)


def _contestation(event: Event) -> str:
    return event.contestation.status.value if event.contestation else "not recorded"


def build_model(ledger: Ledger, last_changed: Mapping[str, str] | None = None) -> SiteModel:
    """Arrange ``ledger`` for its pages."""
    links = index_links(ledger)
    events = sorted(ledger.events, key=lambda e: (e.record.date, e.id), reverse=True)
    thread_events = {t.id: list(links.thread_events(t.id)) for t in ledger.threads}
    event_threads: dict[str, list[Entry[Thread]]] = defaultdict(list)
    for thread in sorted(ledger.threads, key=lambda t: t.id):
        for event in thread_events[thread.id]:
            event_threads[event.id].append(thread)
    thread_controversies: dict[str, list[Entry[Controversy]]] = defaultdict(list)
    for controversy in sorted(ledger.controversies, key=lambda c: c.id):
        thread_controversies[controversy.record.thread].append(controversy)
        for thread in ledger.threads:
            if (
                controversy.id in thread.record.controversies
                and thread.id != controversy.record.thread
            ):
                thread_controversies[thread.id].append(controversy)
    return SiteModel(
        ledger=ledger,
        links=links,
        events=events,
        thread_events=thread_events,
        event_threads=dict(event_threads),
        thread_controversies=dict(thread_controversies),
        related=_related(ledger),
        involvements=_involvements(events),
        holdings=_holdings(ledger),
        by_category=_group(events, lambda e: [e.category.value]),
        by_tag=_group(events, lambda e: list(dict.fromkeys(e.tags))),
        by_year={int(k): v for k, v in _group(events, lambda e: [str(e.date.year)]).items()},
        by_region=_group(events, lambda e: list(dict.fromkeys(e.regions))),
        posts=sorted(ledger.posts, key=lambda p: (p.record.date, p.id), reverse=True),
        last_changed=dict(last_changed or {}),
    )


def _group(events: Sequence[Entry[Event]], keys: Any) -> dict[str, list[Entry[Event]]]:
    grouped: dict[str, list[Entry[Event]]] = defaultdict(list)
    for entry in events:
        for key in keys(entry.record):
            grouped[key].append(entry)
    return dict(sorted(grouped.items()))


def _related(ledger: Ledger) -> dict[str, list[Entry[Event]]]:
    pairs: dict[str, dict[str, Entry[Event]]] = defaultdict(dict)
    for entry in ledger.events:
        for other_id in entry.record.related:
            other = ledger.get(Kind.EVENT, other_id)
            if other is not None and other.id != entry.id:
                pairs[entry.id][other.id] = other
                pairs[other.id][entry.id] = entry
    return {
        key: sorted(found.values(), key=lambda e: (e.record.date, e.id), reverse=True)
        for key, found in pairs.items()
    }


def _involvements(events: Sequence[Entry[Event]]) -> dict[str, list[Involvement]]:
    found: dict[str, list[Involvement]] = defaultdict(list)
    for entry in events:
        for actor in entry.record.actors:
            found[actor.id].append(Involvement(entry, actor.role.value))
    return dict(found)


def _holdings(ledger: Ledger) -> dict[str, list[Holding]]:
    found: dict[str, list[Holding]] = defaultdict(list)
    for controversy in sorted(ledger.controversies, key=lambda c: c.id):
        for index, position in enumerate(controversy.record.positions):
            for proponent in dict.fromkeys(position.proponents):
                found[proponent].append(Holding(controversy, index, position))
    return dict(found)
