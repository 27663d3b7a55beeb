"""What the pages show, computed once from the ledger: orderings, groupings, backlinks.

Everything here is derived from records; nothing reads files. Orderings are total (date,
then id), so two builds of the same ledger list everything in the same order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, TypeVar

from agora.models import (
    Actor,
    Controversy,
    Document,
    Entry,
    Event,
    Group,
    Kind,
    Ledger,
    Position,
    Post,
    Thread,
)
from agora.models.ledger import positions
from agora.reader.history import Commit
from agora.site.anchors import position_anchors
from agora.site.urls import tag_slug
from agora.status import Derived, LinkIndex, StatusOptions, derive_status, index_links
from agora.status.audit import Finding
from agora.status.canonical import Canonical, canonical_layer
from agora.status.derive import Status

__all__ = [
    "FACETS",
    "AsOf",
    "Holding",
    "Involvement",
    "SiteModel",
    "build_model",
    "facet_values",
    "shown_contestation",
]

E = TypeVar("E", bound=Entry[Any])

_SCALES = {
    "significance": {"landmark": 0, "major": 1, "notable": 2},
    "confidence": {"high": 0, "medium": 1, "low": 2, "disputed": 3},
}
"""Facets whose values are a scale, listed in its order (values off the scale last)."""


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
    anchor: str
    """The position's fragment id on the controversy's page."""


FACETS = (
    "category",
    "significance",
    "confidence",
    "contestation",
    "region",
    "actor",
    "tag",
    "year",
)
"""The facets of the timeline: every event has one or more values of each."""

_FREE_TEXT = ("tag", "region")
"""Facets whose values are typed by hand, so one value may come in several spellings."""


def facet_values(event: Event, facet: str, status: Status | None = None) -> tuple[str, ...]:
    """The values ``event`` has for ``facet`` (``unset`` where it declares none); its
    contestation is the one its page shows, given its derived ``status``."""
    if facet == "category":
        return (event.category.value,)
    if facet == "significance":
        return (event.significance.value if event.significance else "unset",)
    if facet == "confidence":
        return (event.confidence.value if event.confidence else "unset",)
    if facet == "contestation":
        return (shown_contestation(event, status),)
    if facet == "region":
        return tuple(dict.fromkeys(event.regions))
    if facet == "actor":
        return tuple(dict.fromkeys(actor.id for actor in event.actors))
    if facet == "tag":
        return tuple(dict.fromkeys(event.tags))
    if facet == "year":
        return (str(event.date.year),)
    raise ValueError(f"unknown facet {facet!r}")


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
    groups: dict[str, dict[str, list[Entry[Event]]]]
    """Facet → value → its events, newest first (values sorted)."""
    spellings: dict[str, dict[str, str]]
    """Free-text facet → a spelling an event uses → the spelling its page goes by
    ("UK AISI" and "uk-aisi" are one tag, with one page)."""
    posts: list[Entry[Post]]
    name_words: dict[str, str]
    """The words of registered actors' and groups' names written with a capital inside
    (``OpenAI``, ``DeepMind``), by their lower-case form: how a group label that uses them
    is spelled."""
    as_of: AsOf | None = None
    """The past moment the site shows, when it is not the present."""
    status_options: StatusOptions | None = None
    """The day (and window) statuses were derived for, when they were."""
    statuses: Mapping[str, Status] = field(default_factory=dict)
    """Each claim's derived status, by claim key (empty when not derived)."""
    canonical: Mapping[str, Canonical] = field(default_factory=dict)
    """The canonical layer of each record something applies to, by record id."""
    commits: Mapping[str, tuple[Commit, ...]] = field(default_factory=dict)
    """Path → the main-line commits that touched it, oldest first (empty without git)."""
    edits: Mapping[str, tuple[Finding, ...]] = field(default_factory=dict)
    """Path → its in-place edits after publication, from the audit (empty without git)."""
    derived: Derived | None = field(default=None, repr=False)
    """The derivation ``statuses`` come from: a model of a later state of the same ledger
    keeps the statuses whose inputs did not change."""
    _facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict, repr=False)
    _positions: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)

    def with_documents(self, documents: Iterable[Document]) -> SiteModel:
        """This model with each of ``documents`` in place of the document at its path,
        everywhere it shows.

        Each must have the same front matter as the document it replaces (see
        :meth:`~agora.models.Ledger.with_documents`, which raises ValueError otherwise):
        records, links, orderings and statuses are made of front matter, so they stay as
        they are, and only what a page shows of a body changes. The result is the model
        :func:`build_model` makes of the ledger with those documents, in milliseconds.
        """
        ledger = self.ledger.with_documents(documents)
        swap: dict[int, Any] = {}
        gone: dict[Kind, list[Entry[Any]]] = defaultdict(list)
        for kind in Kind:
            before, after = self.ledger.entries(kind), ledger.entries(kind)
            for old, new in zip(before, after, strict=True) if before is not after else ():
                if old is not new:
                    swap[id(old)] = new
                    gone[kind].append(old)

        def entries(items: list[E]) -> list[E]:
            found = positions(map(id, items), swap)
            if not found:
                return items
            copy = list(items)
            for at in found:
                copy[at] = swap[id(items[at])]
            return copy

        def grouped(
            found: dict[str, list[E]], keys: Iterable[str] | None = None
        ) -> dict[str, list[E]]:
            """``found`` with its lists' entries swapped: those at ``keys`` when the lists a
            swapped entry is in are known, else all."""
            if keys is None:
                return {key: entries(items) for key, items in found.items()}
            copy = dict(found)
            for key in dict.fromkeys(keys):
                if key in copy:
                    copy[key] = entries(copy[key])
            return copy

        def involved(items: list[Involvement]) -> list[Involvement]:
            return [
                item if id(item.event) not in swap else Involvement(swap[id(item.event)], item.role)
                for item in items
            ]

        def held(items: list[Holding]) -> list[Holding]:
            return [
                item
                if id(item.controversy) not in swap
                else replace(item, controversy=swap[id(item.controversy)])
                for item in items
            ]

        def layer(found: Canonical) -> Canonical:
            return replace(
                found,
                revisions=tuple(swap.get(id(entry), entry) for entry in found.revisions),
                memos=tuple(swap.get(id(entry), entry) for entry in found.memos),
            )

        # Where an event or a thread is filed is known from its record (as build_model
        # filed it): only those lists are looked at, not the ledger's hundreds of thousands.
        events, threads = gone[Kind.EVENT], gone[Kind.THREAD]
        actors = {actor.id for event in events for actor in event.record.actors}
        return replace(
            self,
            ledger=ledger,
            links=self.links.over(ledger),
            events=entries(self.events),
            thread_events=grouped(
                self.thread_events, (t.id for e in events for t in self.event_threads.get(e.id, ()))
            ),
            event_threads=grouped(
                self.event_threads,
                (e.id for t in threads for e in self.thread_events.get(t.id, ())),
            ),
            thread_controversies=grouped(self.thread_controversies),
            related=grouped(
                self.related, (o.id for e in events for o in self.related.get(e.id, ()))
            ),
            involvements={
                key: involved(items) if key in actors else items
                for key, items in self.involvements.items()
            },
            holdings={key: held(items) for key, items in self.holdings.items()},
            groups={
                facet: grouped(values, (v for e in events for v in self.values(e.record, facet)))
                for facet, values in self.groups.items()
            },
            posts=entries(self.posts),
            canonical={key: layer(found) for key, found in self.canonical.items()},
            _facets={},
            _positions={},
        )

    def last_changed(self, path: str) -> str | None:
        """The ISO date of the last commit that touched ``path`` (None without git)."""
        commits = self.commits.get(path)
        return commits[-1].committed.date().isoformat() if commits else None

    @property
    def by_category(self) -> dict[str, list[Entry[Event]]]:
        """The events of each category, newest first."""
        return self.groups["category"]

    @property
    def by_tag(self) -> dict[str, list[Entry[Event]]]:
        """The events of each tag, newest first."""
        return self.groups["tag"]

    @property
    def by_year(self) -> dict[int, list[Entry[Event]]]:
        """The events of each year, newest first."""
        return {int(year): events for year, events in self.groups["year"].items()}

    def values(self, event: Event, facet: str) -> tuple[str, ...]:
        """:func:`facet_values` of ``event``, free text spelled as its page spells it."""
        values = facet_values(event, facet, self.statuses.get(event.id))
        spelled = self.spellings.get(facet)
        if not spelled:
            return values
        return tuple(dict.fromkeys(spelled.get(value, value) for value in values))

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
        """Other events of the same category, closest in date first (then by id)."""
        category = entry.record.category.value
        members = self.groups["category"].get(category, [])
        index = self._position(f"category:{category}", members, entry)
        return _closest(members, index, entry, limit)

    def thread_mates(self, entry: Entry[Event], limit: int = 6) -> list[Entry[Event]]:
        """Events sharing a thread with this one, closest in date first (then by id)."""
        seen: dict[str, Entry[Event]] = {}
        for thread in self.event_threads.get(entry.id, []):
            members = self.thread_events.get(thread.id, [])
            index = self._position(f"thread:{thread.id}", members, entry)
            for other in _closest(members, index, entry, limit):
                seen.setdefault(other.id, other)
        return sorted(seen.values(), key=lambda other: _distance(entry, other))[:limit]

    def _position(self, name: str, members: list[Entry[Event]], entry: Entry[Event]) -> int:
        """Where ``entry`` sits in ``members`` (indexed once per list)."""
        if (name, entry.id) not in self._positions:
            self._positions.update(((name, e.id), i) for i, e in enumerate(members))
        return self._positions[(name, entry.id)]

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        """Counts per facet value, for the explorer and the rails (computed once)."""
        if not self._facets:
            for name, values in self.groups.items():
                counts = [(value, len(events)) for value, events in values.items()]
                scale = _SCALES.get(name)
                if scale is not None:
                    counts.sort(key=lambda kv: scale.get(kv[0], len(scale)))
                elif name == "year":
                    counts.sort(reverse=True)
                else:
                    counts.sort(key=lambda kv: (-kv[1], kv[0]))
                self._facets[name] = counts
        return self._facets


def _distance(entry: Entry[Event], other: Entry[Event]) -> tuple[int, str]:
    return (abs((other.record.date - entry.record.date).days), other.id)


def _closest(
    members: list[Entry[Event]], index: int, entry: Entry[Event], limit: int
) -> list[Entry[Event]]:
    """The ``limit`` members nearest in date to ``members[index]`` (itself left out).

    ``members`` is ordered by date, so the nearest lie on either side of ``index``: each
    side gives its ``limit`` nearest plus any tied with the last of them, and the union
    sorted by (distance, id) is exactly the global order, at O(limit) cost.
    """
    found: list[Entry[Event]] = []
    for step in (-1, 1):
        taken = 0
        last = -1
        position = index + step
        while 0 <= position < len(members):
            other = members[position]
            days = abs((other.record.date - entry.record.date).days)
            if taken >= limit and days != last:
                break
            found.append(other)
            taken += 1
            last = days
            position += step
    found.sort(key=lambda other: _distance(entry, other))
    return found[:limit]


def contestation(event: Event) -> str:
    """The contestation status an event declares (``not recorded`` when it declares none)."""
    return _contestation(event)


def shown_contestation(event: Event, status: Status | None) -> str:
    """The contestation an event's page leads with: the status it declares, else the one
    derived from its challenge window and cases (``not recorded`` when there is neither)."""
    if event.contestation is None and status is not None:
        return status.contestation.value.value
    return _contestation(event)


def _contestation(event: Event) -> str:
    return event.contestation.status.value if event.contestation else "not recorded"


@dataclass(frozen=True, slots=True)
class AsOf:
    """The moment a past ledger is shown at, and the commit it was read from."""

    day: str
    commit: str


def build_model(
    ledger: Ledger,
    as_of: AsOf | None = None,
    *,
    status: StatusOptions | None = None,
    commits: Mapping[str, tuple[Commit, ...]] | None = None,
    edits: Mapping[str, tuple[Finding, ...]] | None = None,
    previous: SiteModel | None = None,
) -> SiteModel:
    """Arrange ``ledger`` for its pages; with ``status``, derive every claim's status and
    the canonical layer as of ``status.today``.

    ``previous`` is a model of an earlier state of the same ledger whose unchanged records
    are the very same objects: what depends only on them is kept, not derived again."""
    links = index_links(ledger, previous.links if previous is not None else None)
    events = sorted(ledger.events, key=lambda e: (e.record.date, e.id), reverse=True)
    thread_events = {t.id: list(links.thread_events(t.id)) for t in ledger.threads}
    event_threads: dict[str, list[Entry[Thread]]] = defaultdict(list)
    for thread in sorted(ledger.threads, key=lambda t: t.id):
        for event in thread_events[thread.id]:
            event_threads[event.id].append(thread)
    epistemics = _epistemics(ledger, status, previous.derived if previous is not None else None)
    statuses = epistemics.get("statuses", {})
    groups = {facet: _group(events, facet, statuses) for facet in FACETS}
    spellings = {facet: _merge_spellings(groups[facet]) for facet in _FREE_TEXT}
    return SiteModel(
        ledger=ledger,
        links=links,
        events=events,
        thread_events=thread_events,
        event_threads=dict(event_threads),
        thread_controversies=_thread_controversies(ledger),
        related=_related(ledger),
        involvements=_involvements(events),
        holdings=_holdings(ledger),
        groups=groups,
        spellings=spellings,
        posts=sorted(ledger.posts, key=lambda p: (p.record.date, p.id), reverse=True),
        name_words=_name_words(ledger),
        as_of=as_of,
        **epistemics,
        commits=dict(commits or {}),
        edits=dict(edits or {}),
    )


def _epistemics(
    ledger: Ledger, options: StatusOptions | None, previous: Derived | None
) -> dict[str, Any]:
    if options is None:
        return {}
    derived = derive_status(ledger, options, previous)
    published = {path: moment.date() for path, moment in options.published.items()}
    layer = canonical_layer(ledger, derived.cases_by_record, options.today, published)
    return {
        "status_options": options,
        "statuses": derived.statuses,
        "canonical": layer,
        "derived": derived,
    }


def _thread_controversies(ledger: Ledger) -> dict[str, list[Entry[Controversy]]]:
    """Each thread's controversies: those naming it and those it names, by id."""
    found: dict[str, dict[str, Entry[Controversy]]] = defaultdict(dict)
    for controversy in ledger.controversies:
        found[controversy.record.thread][controversy.id] = controversy
    for thread in ledger.threads:
        for controversy_id in thread.record.controversies:
            named: Entry[Controversy] | None = ledger.get(Kind.CONTROVERSY, controversy_id)
            if named is not None:
                found[thread.id][named.id] = named
    return {key: [c for _, c in sorted(items.items())] for key, items in found.items()}


def _group(
    events: Sequence[Entry[Event]], facet: str, statuses: Mapping[str, Status]
) -> dict[str, list[Entry[Event]]]:
    grouped: dict[str, list[Entry[Event]]] = defaultdict(list)
    for entry in events:
        for value in facet_values(entry.record, facet, statuses.get(entry.id)):
            grouped[value].append(entry)
    return dict(sorted(grouped.items()))


def _name_words(ledger: Ledger) -> dict[str, str]:
    found: dict[str, str] = {}
    for kind in (Kind.ACTOR, Kind.GROUP):
        for entry in ledger.entries(kind):
            for word in re.findall(r"\w+", entry.record.name):
                if word[1:] != word[1:].lower():
                    found.setdefault(word.lower(), word)
    return found


def _merge_spellings(grouped: dict[str, list[Entry[Event]]]) -> dict[str, str]:
    """Merge, in place, the values of ``grouped`` that share a page address into the
    spelling most events use (then the first in sort order); the variants and their
    chosen spelling."""
    by_address: dict[str, list[str]] = defaultdict(list)
    for value in grouped:
        by_address[tag_slug(value)].append(value)
    chosen: dict[str, str] = {}
    for variants in by_address.values():
        if len(variants) < 2:
            continue
        keep = min(variants, key=lambda value: (-len(grouped[value]), value))
        merged = {entry.id: entry for value in variants for entry in grouped.pop(value)}
        grouped[keep] = sorted(merged.values(), key=lambda e: (e.record.date, e.id), reverse=True)
        chosen.update((value, keep) for value in variants if value != keep)
    if chosen:
        ordered = sorted(grouped.items())
        grouped.clear()
        grouped.update(ordered)
    return chosen


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
        positions = controversy.record.positions
        for index, (position, anchor) in enumerate(
            zip(positions, position_anchors(positions), strict=True)
        ):
            for proponent in dict.fromkeys(position.proponents):
                found[proponent].append(Holding(controversy, index, position, anchor))
    return dict(found)
