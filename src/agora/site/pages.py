"""Every page of the site: its path, its template and how to fill it.

One registry serves the static build (every page, in every language) and the live server
(one page by its path). Paths are language-neutral (``/events/x/``); the renderer puts a
language's pages under ``/ko/`` and so on. A page's context is made from the model it is
given, so the same specs serve any model with the same pages (one whose records changed
only in their bodies, see :meth:`~agora.site.model.SiteModel.with_documents`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from agora.models import Kind
from agora.site import contexts as ctx
from agora.site.machine import record_file
from agora.site.model import SiteModel
from agora.site.urls import facet_path

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
    context: Callable[[SiteModel], dict[str, Any]]
    """Makes what the template shows from the site model."""
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
    yield PageSpec("/", "home.html", ctx.home, reads_bodies=True)
    yield from _paged("/events/", "explorer.html", model.events, _events, ctx.explorer)
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
        yield PageSpec(f"/{kind.folder}/", "index.html", _bind(ctx.kind_index, kind))
        for entry in model.ledger.entries(kind):
            yield _record(model, kind, entry.id)
    yield PageSpec("/categories/", "facets.html", _bind(ctx.facet_index, "category"))
    for category, events in model.by_category.items():
        yield from _paged(
            facet_path("category", category), "list.html", events, *_lister("category", category)
        )
    yield PageSpec("/tags/", "facets.html", _bind(ctx.facet_index, "tag"))
    for tag, events in model.by_tag.items():
        yield from _paged(facet_path("tag", tag), "list.html", events, *_lister("tag", tag))
    yield PageSpec("/years/", "facets.html", _bind(ctx.facet_index, "year"))
    for year, events in sorted(model.by_year.items(), reverse=True):
        path = facet_path("year", str(year))
        yield from _paged(path, "list.html", events, *_lister("year", str(year)))
    yield PageSpec("/browse/", "facets.html", _bind(ctx.facet_index, "browse"))
    for facet in ("region", "significance", "confidence", "contestation"):
        for value, events in model.groups[facet].items():
            yield from _paged(facet_path(facet, value), "list.html", events, *_lister(facet, value))
    yield PageSpec("/search/", "search.html", _bind(ctx.simple, "search"))
    yield PageSpec("/graph/", "graph.html", ctx.graph)
    yield PageSpec("/about/", "about.html", _bind(ctx.simple, "about"))
    yield PageSpec("/404.html", "404.html", _bind(ctx.simple, "404"))


def _record(model: SiteModel, kind: Kind, record_id: str) -> PageSpec:
    entry = model.ledger.get(kind, record_id)
    return PageSpec(
        f"/{kind.folder}/{record_id}/",
        _RECORD_TEMPLATES[kind],
        _bind(ctx.record, kind, record_id),
        source=entry.document.path if entry is not None else None,
        api=record_file(kind, record_id) if entry is not None else None,
    )


def _bind(
    function: Callable[..., dict[str, Any]], *args: Any
) -> Callable[[SiteModel], dict[str, Any]]:
    return lambda model: function(model, *args)


def _events(model: SiteModel) -> list[Any]:
    return model.events


_Select = Callable[[SiteModel], list[Any]]
_Make = Callable[[SiteModel, list[Any], ctx.Pager], dict[str, Any]]


def _lister(facet: str, value: str) -> tuple[_Select, _Make]:
    """Which events a facet value's list pages show, and how each page is made."""

    def select(model: SiteModel) -> list[Any]:
        return model.groups[facet][value]

    def make(model: SiteModel, chunk: list[Any], nav: ctx.Pager) -> dict[str, Any]:
        return ctx.facet_list(model, facet, value, chunk, nav)

    return select, make


def _paged(
    base: str, template: str, items: list[Any], select: _Select, make: _Make
) -> Iterator[PageSpec]:
    """``base`` and ``base/page/N/`` for every further page of ``items``, which
    ``select`` picks from the model the page is made from."""
    pages = max(1, -(-len(items) // PAGE_SIZE))
    for number in range(1, pages + 1):
        path = base if number == 1 else f"{base}page/{number}/"
        pager = ctx.Pager(base, number, pages, len(items))
        yield PageSpec(path, template, _page_of(select, make, number, pager))


def _page_of(
    select: _Select, make: _Make, number: int, pager: ctx.Pager
) -> Callable[[SiteModel], dict[str, Any]]:
    def context(model: SiteModel) -> dict[str, Any]:
        chunk = select(model)[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        return make(model, chunk, pager)

    return context
