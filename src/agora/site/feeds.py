"""Feeds of events: RSS 2.0, Atom 1.0 and JSON Feed 1.1, for the ledger, each thread and
each controversy. Written directly (no feed library): fast, and the same bytes every time."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from agora.models import Entry, Event, Kind
from agora.site.markdown import strip_markdown
from agora.site.model import SiteModel

__all__ = ["FEED_FORMATS", "FEED_SIZE", "feed_events", "feed_files", "feed_group", "feed_stems"]

FEED_SIZE = 100
"""Items per feed: the most recent events."""
FEED_FORMATS = (".xml", ".atom", ".json")
"""Each feed's three files are its stem with these: RSS, Atom, JSON Feed."""


def feed_files(
    model: SiteModel, base_url: str, stems: Collection[str] | None = None
) -> Iterator[tuple[str, bytes]]:
    """Every feed file (of the feeds at ``stems`` only, if given), by path."""
    items: dict[str, _Item] = {}  # an event is in several feeds: its item is made once
    for stem in feed_stems(model):
        if stems is None or stem in stems:
            yield from feed_group(model, base_url, stem, items)


def feed_stems(model: SiteModel) -> Iterator[str]:
    """Where each feed lives: its three files are the stem with ``.xml``, ``.atom`` and
    ``.json``."""
    yield "feeds/events"
    for thread in model.ledger.threads:
        yield f"threads/{thread.id}/feed"
    for controversy in model.ledger.controversies:
        yield f"controversies/{controversy.id}/feed"


def feed_group(
    model: SiteModel, base_url: str, stem: str, items: dict[str, _Item] | None = None
) -> list[tuple[str, bytes]]:
    """The three files of the feed at ``stem`` (none when no such feed exists); ``items``
    keeps the events' items made so far, by file, for the next feed."""
    found = _feed(model, stem)
    if found is None:
        return []
    title, home, events = found
    base = base_url.rstrip("/")
    return _three(stem, title, f"{base}{home}", events, base, {} if items is None else items)


def feed_events(model: SiteModel, stem: str) -> list[Entry[Event]] | None:
    """The events the feed at ``stem`` lists, newest first (None when there is no such
    feed): with the ledger's front matter, all that its files are made from."""
    found = _feed(model, stem)
    return None if found is None else found[2]


def _feed(model: SiteModel, stem: str) -> tuple[str, str, list[Entry[Event]]] | None:
    """The title, home page and events of the feed at ``stem``."""
    if stem == "feeds/events":
        return "Agora: all events", "/events/", model.events[:FEED_SIZE]
    folder, _, rest = stem.partition("/")
    record_id, _, leaf = rest.partition("/")
    if leaf != "feed":
        return None
    if folder == "threads" and (thread := model.ledger.get(Kind.THREAD, record_id)):
        events = list(reversed(model.thread_events.get(thread.id, [])))
        return f"Agora: {thread.record.title}", f"/threads/{thread.id}/", events[:FEED_SIZE]
    if folder == "controversies" and (controversy := model.ledger.get(Kind.CONTROVERSY, record_id)):
        found = {e.id: e for e in model.thread_events.get(controversy.record.thread, [])}
        for event_id in controversy.record.related_events:
            event = model.event(event_id)
            if event is not None:
                found[event.id] = event
        events = sorted(found.values(), key=lambda e: (e.record.date, e.id), reverse=True)
        title = f"Agora: {controversy.record.title or controversy.id}"
        return title, f"/controversies/{controversy.id}/", events[:FEED_SIZE]
    return None


def _three(
    stem: str,
    title: str,
    home: str,
    events: Sequence[Entry[Event]],
    base: str,
    made: dict[str, _Item],
) -> list[tuple[str, bytes]]:
    items = []
    for entry in events:
        item = made.get(entry.document.path)
        if item is None:
            item = made[entry.document.path] = _item(entry, base)
        items.append(item)
    updated = max((item.day for item in items), default=date(1970, 1, 1))
    feed_url = f"{base}/{stem}"
    return [
        (f"{stem}.xml", _rss(title, home, feed_url + ".xml", items, updated)),
        (f"{stem}.atom", _atom(title, home, feed_url + ".atom", items, updated)),
        (f"{stem}.json", _json_feed(title, home, feed_url + ".json", items)),
    ]


@dataclass(frozen=True, slots=True)
class _Item:
    url: str
    title: str
    day: date
    summary: str
    category: str
    tags: tuple[str, ...]


def _item(entry: Entry[Event], base: str) -> _Item:
    summary = entry.document.section("Summary")
    return _Item(
        f"{base}/events/{entry.id}/",
        entry.record.title,
        entry.record.date,
        strip_markdown(summary.text if summary else entry.document.preamble, 500),
        entry.record.category.value,
        entry.record.tags,
    )


def _rss(title: str, home: str, self_url: str, items: list[_Item], updated: date) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>',
        f"<title>{escape(title)}</title><link>{escape(home)}</link>",
        f"<description>{escape(title)}</description><language>en</language>",
        f'<atom:link href="{escape(self_url)}" rel="self" type="application/rss+xml"/>',
        f"<lastBuildDate>{_rfc822(updated)}</lastBuildDate>",
    ]
    for item in items:
        parts.append(
            f"<item><title>{escape(item.title)}</title><link>{escape(item.url)}</link>"
            f'<guid isPermaLink="true">{escape(item.url)}</guid>'
            f"<pubDate>{_rfc822(item.day)}</pubDate>"
            f"<category>{escape(item.category)}</category>"
            f"<description>{escape(item.summary)}</description></item>"
        )
    parts.append("</channel></rss>\n")
    return "".join(parts).encode()


def _atom(title: str, home: str, self_url: str, items: list[_Item], updated: date) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(title)}</title><id>{escape(self_url)}</id>",
        f'<link href="{escape(home)}"/><link rel="self" href="{escape(self_url)}"/>',
        f"<updated>{updated.isoformat()}T00:00:00Z</updated><author><name>Agora</name></author>",
    ]
    for item in items:
        parts.append(
            f"<entry><title>{escape(item.title)}</title><id>{escape(item.url)}</id>"
            f'<link href="{escape(item.url)}"/><updated>{item.day.isoformat()}T00:00:00Z</updated>'
            f'<category term="{escape(item.category)}"/>'
            f"<summary>{escape(item.summary)}</summary></entry>"
        )
    parts.append("</feed>\n")
    return "".join(parts).encode()


def _json_feed(title: str, home: str, self_url: str, items: list[_Item]) -> bytes:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": home,
        "feed_url": self_url,
        "language": "en",
        "items": [
            {
                "id": item.url,
                "url": item.url,
                "title": item.title,
                "summary": item.summary,
                "content_text": item.summary,
                "date_published": f"{item.day.isoformat()}T00:00:00Z",
                "tags": [item.category, *item.tags],
            }
            for item in items
        ],
    }
    return (json.dumps(feed, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _rfc822(day: date) -> str:
    return (
        f"{_DAYS[day.weekday()]}, {day.day:02d} {_MONTHS[day.month - 1]} {day.year} 00:00:00 +0000"
    )
