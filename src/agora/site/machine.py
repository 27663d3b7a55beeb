"""Outputs for machines: the JSON API, the explorer's index, sitemaps and robots.txt."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from html import escape
from typing import Any

from agora.models import Entry, Event, Kind, title_of
from agora.models.links import link_rows
from agora.site.model import SiteModel
from agora.site.urls import record_url, url

__all__ = [
    "SITEMAP_SIZE",
    "events_index",
    "is_index_file",
    "is_sitemap",
    "machine_file",
    "machine_files",
    "record_file",
    "record_json",
    "sitemaps",
]

SITEMAP_SIZE = 50_000
"""The most URLs one sitemap file may list (the sitemaps protocol's limit)."""


def machine_files(
    model: SiteModel, paths: Sequence[str], languages: Sequence[str], base_url: str
) -> Iterator[tuple[str, bytes]]:
    """The API's indexes, the explorer's index, the sitemaps and robots.txt: every file of
    :func:`machine_file` but each record's own (:func:`record_file`), which the static
    build writes with the record's page."""
    yield "api/index.json", _api_index(model)
    for kind in Kind:
        yield f"api/{kind.folder}/index.json", _kind_index(model.ledger.entries(kind), kind)
    yield "api/events-index.json", _dump(events_index(model))
    yield from sitemaps(paths, languages, base_url)


def machine_file(model: SiteModel, name: str) -> bytes | None:
    """The API file of :func:`machine_files` at ``name``, made alone (None when there is no
    such file; the sitemaps and robots.txt are made together, by :func:`sitemaps`)."""
    if name == "api/index.json":
        return _api_index(model)
    if name == "api/events-index.json":
        return _dump(events_index(model))
    if name.startswith("api/") and name.endswith(".json"):
        folder, _, stem = name[4:-5].partition("/")
        kind = Kind.from_folder(folder)
        if kind is None or not stem or "/" in stem:
            return None
        if stem == "index":
            return _kind_index(model.ledger.entries(kind), kind)
        entry = model.ledger.get(kind, stem)
        return None if entry is None else _dump(record_json(model, entry))
    return None


def record_file(kind: Kind, record_id: str) -> str:
    """Where a record's JSON (:func:`record_json`) lives in the site."""
    return f"api/{kind.folder}/{record_id}.json"


def is_index_file(name: str) -> bool:
    """Whether ``name`` is where :func:`machine_files` may put a file (asked of every file
    of a large site: the common answers come first and cheap)."""
    if name.startswith("api/"):
        folder, _, stem = name[4:].partition("/")
        kind_index = stem == "index.json" and Kind.from_folder(folder) is not None
        return kind_index or name in _API_INDEXES
    return name.startswith(("sitemap", "robots")) and is_sitemap(name)


_API_INDEXES = frozenset({"api/index.json", "api/events-index.json"})


def is_sitemap(name: str) -> bool:
    """Whether ``name`` is where :func:`sitemaps` may put a file."""
    return name == "robots.txt" or _SITEMAP.fullmatch(name) is not None


_SITEMAP = re.compile(r"sitemap(-[1-9][0-9]*)?\.xml")


def sitemaps(
    paths: Sequence[str], languages: Sequence[str], base_url: str
) -> Iterator[tuple[str, bytes]]:
    """The sitemaps of the pages at ``paths`` (an index of several when there are many),
    and robots.txt, which points to them."""
    base = base_url.rstrip("/")
    urls = [
        base + url(path, language)
        for language in languages
        for path in paths
        if not path.endswith(".html")
    ]
    chunks = [urls[i : i + SITEMAP_SIZE] for i in range(0, len(urls), SITEMAP_SIZE)] or [[]]
    if len(chunks) == 1:
        yield "sitemap.xml", _urlset(chunks[0])
    else:
        names = [f"sitemap-{n}.xml" for n in range(1, len(chunks) + 1)]
        for name, chunk in zip(names, chunks, strict=True):
            yield name, _urlset(chunk)
        index = "".join(f"<sitemap><loc>{escape(base)}/{name}</loc></sitemap>" for name in names)
        yield (
            "sitemap.xml",
            (
                '<?xml version="1.0" encoding="utf-8"?>\n'
                f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{index}</sitemapindex>\n'
            ).encode(),
        )
    yield "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n".encode()


def _urlset(urls: Sequence[str]) -> bytes:
    body = "".join(f"<url><loc>{escape(u)}</loc></url>" for u in urls)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>\n'
    ).encode()


def _api_index(model: SiteModel) -> bytes:
    counts = model.ledger.counts()
    return _dump(
        {
            "version": 1,
            "kinds": {
                kind.value: {"count": counts[kind], "index": f"/api/{kind.folder}/index.json"}
                for kind in Kind
            },
            "events_index": "/api/events-index.json",
            "feeds": {
                "rss": "/feeds/events.xml",
                "atom": "/feeds/events.atom",
                "json": "/feeds/events.json",
            },
        }
    )


def _kind_index(entries: Sequence[Entry[Any]], kind: Kind) -> bytes:
    return _dump(
        [
            {
                "id": e.id,
                "title": title_of(e.record),
                "url": record_url(kind, e.id),
                "api": f"/{record_file(kind, e.id)}",
            }
            for e in entries
        ]
    )


def record_json(model: SiteModel, entry: Entry[Any]) -> dict[str, Any]:
    """One record as JSON: its fields, sections, the links it declares and its backlinks."""
    kind = entry.record.kind
    return {
        "kind": kind.value,
        "id": entry.id,
        "url": record_url(kind, entry.id),
        "record": entry.record.model_dump(mode="json", by_alias=True, exclude_defaults=True),
        "sections": [{"title": s.title, "markdown": s.text} for s in entry.document.sections],
        "links": [
            {"field": ".".join(str(p) for p in field), "target": target, "id": value}
            for field, target, value in link_rows(entry.record)
        ],
        "backlinks": [
            {"kind": b.kind.value, "id": b.id, "field": b.field}
            for b in model.links.backlinks(kind, entry.id)
        ],
        "source": entry.document.path,
    }


def events_index(model: SiteModel) -> dict[str, Any]:
    """A compact index of every event, for filtering the timeline in the browser.

    Columns, not objects: ``fields`` names them, each row lists the values in that order.
    """
    rows = [_event_row(model, entry) for entry in model.events]
    return {
        "fields": [
            "id",
            "title",
            "date",
            "category",
            "significance",
            "confidence",
            "contestation",
            "regions",
            "tags",
            "actors",
        ],
        "rows": rows,
    }


def _event_row(model: SiteModel, entry: Entry[Event]) -> list[Any]:
    event = entry.record
    return [
        entry.id,
        event.title,
        event.date.isoformat(),
        event.category.value,
        event.significance.value if event.significance else "unset",
        event.confidence.value if event.confidence else "unset",
        model.values(event, "contestation")[0],
        list(model.values(event, "region")),
        list(model.values(event, "tag")),
        [a.id for a in event.actors],
    ]


def _dump(value: Any) -> bytes:
    return (
        json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    ).encode()
