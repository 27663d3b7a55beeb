"""Every page of the site: its path, its template and how to fill it.

One registry serves the static build (every page, in every language) and the live server
(one page by its path). Paths are language-neutral (``/events/x/``); the renderer puts a
language's pages under ``/ko/`` and so on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from agora.models import Kind
from agora.site import contexts as ctx
from agora.site.machine import record_file
from agora.site.model import SiteModel
from agora.site.urls import tag_slug

__all__ = ["PAGE_SIZE", "PageSpec", "site_pages"]

PAGE_SIZE = 50
"""Entries per page of a list."""

_RECORD_TEMPLATES = {
    Kind.EVENT: "event.html",
    Kind.THREAD: "thread.html",
    Kind.CONTROVERSY: "controversy.html",
    Kind.ACTOR: "actor.html",
    Kind.GROUP: "group.html",
    Kind.POST: "post.html",
    Kind.CHALLENGE: "lifecycle.html",
    Kind.RESOLUTION: "lifecycle.html",
    Kind.REVISION: "lifecycle.html",
    Kind.MEMO: "lifecycle.html",
    Kind.SYNTHESIS: "lifecycle.html",
    Kind.PERSPECTIVE: "lifecycle.html",
}


@dataclass(frozen=True, slots=True)
class PageSpec:
    """One page: where it lives, what renders it, and what it shows."""

    path: str
    template: str
    context: Callable[[], dict[str, Any]]
    source: str | None = None
    """The document this page shows in full (a record page); any other record shows only
    through its front matter (titles, dates, links)."""
    reads_bodies: bool = False
    """True when the page also shows text from other records' bodies."""
    api: str | None = None
    """The record's JSON file (a record page): made from what its page shows, so it is
    written along with the page, and kept with it."""


def site_pages(model: SiteModel) -> Iterator[PageSpec]:
    """Every HTML page of the site, in a fixed order."""
    yield PageSpec("/", "home.html", lambda: ctx.home(model), reads_bodies=True)
    yield from _paged(
        "/events/",
        "explorer.html",
        model.events,
        lambda chunk, nav: ctx.explorer(model, chunk, nav),
    )
    for entry in model.events:
        yield _record(model, Kind.EVENT, entry.id)
    for kind in (
        Kind.THREAD,
        Kind.CONTROVERSY,
        Kind.ACTOR,
        Kind.GROUP,
        Kind.POST,
        Kind.CHALLENGE,
        Kind.RESOLUTION,
        Kind.REVISION,
        Kind.MEMO,
        Kind.SYNTHESIS,
        Kind.PERSPECTIVE,
    ):
        yield PageSpec(f"/{kind.folder}/", "index.html", _bind(ctx.kind_index, model, kind))
        for entry in model.ledger.entries(kind):
            yield _record(model, kind, entry.id)
    yield PageSpec("/categories/", "facets.html", lambda: ctx.facet_index(model, "category"))
    for category, events in model.by_category.items():
        yield from _paged(
            f"/categories/{category}/", "list.html", events, _lister(model, "category", category)
        )
    yield PageSpec("/tags/", "facets.html", lambda: ctx.facet_index(model, "tag"))
    for tag, events in model.by_tag.items():
        yield from _paged(
            f"/tags/{tag_slug(tag)}/", "list.html", events, _lister(model, "tag", tag)
        )
    for year, events in sorted(model.by_year.items(), reverse=True):
        yield from _paged(f"/years/{year}/", "list.html", events, _lister(model, "year", str(year)))
    for facet in ("region", "significance", "confidence", "contestation"):
        for value, events in model.groups[facet].items():
            yield from _paged(
                f"/browse/{facet}/{tag_slug(value)}/",
                "list.html",
                events,
                _lister(model, facet, value),
            )
    yield PageSpec("/search/", "search.html", lambda: ctx.simple(model, "search"))
    yield PageSpec("/graph/", "graph.html", lambda: ctx.graph(model))
    yield PageSpec("/about/", "about.html", lambda: ctx.simple(model, "about"))
    yield PageSpec("/404.html", "404.html", lambda: ctx.simple(model, "404"))


def _record(model: SiteModel, kind: Kind, record_id: str) -> PageSpec:
    entry = model.ledger.get(kind, record_id)
    return PageSpec(
        f"/{kind.folder}/{record_id}/",
        _RECORD_TEMPLATES[kind],
        _bind(ctx.record, model, kind, record_id),
        source=entry.document.path if entry is not None else None,
        api=record_file(kind, record_id) if entry is not None else None,
    )


def _bind(function: Callable[..., dict[str, Any]], *args: Any) -> Callable[[], dict[str, Any]]:
    return lambda: function(*args)


def _lister(model: SiteModel, facet: str, value: str) -> Callable[..., dict[str, Any]]:
    return lambda chunk, nav: ctx.facet_list(model, facet, value, chunk, nav)


def _paged(
    base: str,
    template: str,
    items: list[Any],
    make: Callable[[list[Any], ctx.Pager], dict[str, Any]],
) -> Iterator[PageSpec]:
    """``base`` and ``base/page/N/`` for every further page of ``items``."""
    pages = max(1, -(-len(items) // PAGE_SIZE))
    for number in range(1, pages + 1):
        path = base if number == 1 else f"{base}page/{number}/"
        chunk = items[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        pager = ctx.Pager(base, number, pages, len(items))
        yield PageSpec(path, template, _bind(make, chunk, pager))
