"""What ``agora show`` and ``agora stats`` report: one record with its links, or the ledger."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from agora.models import (
    Controversy,
    Entry,
    Kind,
    Ledger,
    Problem,
    SourceType,
    format_field,
    position_letter,
    title_of,
)
from agora.models.links import Link, declared_links
from agora.models.source import ARCHIVE_REQUIRED
from agora.status import Backlink, index_links

__all__ = ["RecordView", "describe_record", "ledger_stats"]


@dataclass(frozen=True)
class RecordView:
    """One record as ``agora show`` prints it."""

    kind: Kind
    id: str
    title: str
    path: str
    facts: dict[str, Any]
    links: tuple[Link, ...]
    backlinks: tuple[Backlink, ...]
    problems: tuple[Problem, ...]

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "kind": self.kind.value,
            "id": self.id,
            "title": self.title,
            "path": self.path,
            "facts": self.facts,
            "links": [
                {"field": format_field(link.field), "target": str(link.target), "id": link.value}
                for link in self.links
            ],
            "backlinks": [
                {"kind": back.kind.value, "id": back.id, "path": back.path, "field": back.field}
                for back in self.backlinks
            ],
            "problems": [
                {"code": p.code, "severity": p.severity.value, "line": p.line, "message": p.message}
                for p in self.problems
            ],
        }


def describe_record(
    ledger: Ledger, record_id: str, problems: Sequence[Problem] = ()
) -> list[RecordView]:
    """Every record with id ``record_id`` (one per kind that has it), with its links."""
    entries = list(ledger.find(record_id))
    if not entries:
        return []
    index = index_links(ledger)
    links = [link for link in declared_links(ledger) if link.source_id == record_id]
    views = []
    for entry in entries:
        own = tuple(link for link in links if link.source_kind is entry.record.kind)
        facts = _facts(entry)
        if entry.record.kind is Kind.EVENT:
            facts["threads (either side)"] = list(index.event_threads(record_id))
        if entry.record.kind is Kind.THREAD:
            facts["events (either side)"] = [e.id for e in index.thread_events(record_id)]
        views.append(
            RecordView(
                kind=entry.record.kind,
                id=record_id,
                title=title_of(entry.record),
                path=entry.path,
                facts=facts,
                links=own,
                backlinks=index.backlinks(entry.record.kind, record_id),
                problems=tuple(p for p in problems if p.path == entry.path),
            )
        )
    return views


_SKIP = {"id", "title", "name"}


def _facts(entry: Entry[Any]) -> dict[str, Any]:
    data = entry.record.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    facts = {key: value for key, value in data.items() if key not in _SKIP}
    record = entry.record
    if isinstance(record, Controversy):
        facts["positions"] = [
            f"{position_letter(index)} ({position.confidence or 'no confidence given'}): "
            f"{position.claim} [{', '.join(position.proponents) or 'no proponents'}]"
            for index, position in enumerate(record.positions)
        ]
    return facts


def ledger_stats(ledger: Ledger, problems: Sequence[Problem]) -> dict[str, Any]:
    """Counts that describe a ledger: records, events by year and facet, sources, problems."""
    events = [entry.record for entry in ledger.events]
    sources = [source for event in events for source in event.sources]
    primary = [source for source in sources if source.type in ARCHIVE_REQUIRED]
    actors = ledger.ids(Kind.ACTOR)
    groups = ledger.ids(Kind.GROUP)
    proponents = [
        proponent
        for entry in ledger.controversies
        for position in entry.record.positions
        for proponent in position.proponents
    ]
    actor_events = Counter(actor.id for event in events for actor in event.actors)
    return {
        "records": {kind.plural: count for kind, count in ledger.counts().items()},
        "events": {
            "by_year": dict(sorted(Counter(str(e.date.year) for e in events).items())),
            "by_category": _counted(e.category.value for e in events),
            "by_significance": _counted(
                e.significance.value if e.significance else "unset" for e in events
            ),
            "by_confidence": _counted(
                e.confidence.value if e.confidence else "unset" for e in events
            ),
            "first": min((e.date.isoformat() for e in events), default=None),
            "last": max((e.date.isoformat() for e in events), default=None),
        },
        "sources": {
            "total": len(sources),
            "by_type": _counted(
                source.type.value if source.type else "untyped" for source in sources
            ),
            "by_family": _counted(
                SourceType(source.type).family if source.type else "untyped" for source in sources
            ),
            "primary_with_archive": sum(1 for source in primary if source.archive_url),
            "primary_total": len(primary),
        },
        "proponents": {
            "total": len(proponents),
            "actors": sum(1 for p in proponents if p in actors),
            "declared_groups": sum(1 for p in proponents if p in groups and p not in actors),
            "undeclared": sum(1 for p in proponents if p not in actors and p not in groups),
        },
        "most_involved_actors": dict(actor_events.most_common(10)),
        "problems": _counted(problem.severity.value for problem in problems),
    }


def _counted(values: Any) -> dict[str, int]:
    return dict(Counter(values).most_common())
