"""The site as the live server holds it: pages and other files made on first request and
kept, the search index, and a reload when the content changes."""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote

from agora import engine
from agora.errors import AgoraError, UsageError
from agora.history import Past, chronicle, ledger_as_of, parse_moment
from agora.reader import ReadMemo, find_layout
from agora.reader.history import head_commit, main_line, tracked_at
from agora.settings import Settings
from agora.site.contexts import Pager, explorer
from agora.site.files import SiteFiles
from agora.site.filters import FILTERS, filter_events
from agora.site.model import AsOf, SiteModel
from agora.site.pages import PAGE_SIZE, PageSpec, site_pages
from agora.site.render import Renderer
from agora.site.urls import DEFAULT_LANGUAGE, LANGUAGES
from agora.status.memory import paused_gc
from agora.web.search import SearchIndex

__all__ = ["LiveSite", "Response"]

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".atom": "application/atom+xml",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".yml": "text/plain; charset=utf-8",
    ".yaml": "text/plain; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class Response:
    """What the server sends: a status, a body, its type and its entity tag."""

    status: int
    body: bytes
    content_type: str
    etag: str = ""
    cacheable: bool = True
    location: str = ""


@dataclass
class _State:
    model: SiteModel
    left_out: tuple[str, ...]
    specs: dict[str, PageSpec]
    files: SiteFiles
    search: SearchIndex
    renderer: Renderer


_AS_OF = re.compile(r"/as-of/(\d{4}-\d{2}-\d{2})(/.*)?")
_PAST_KEPT = 4
"""Past ledgers kept ready at once (each holds its files in a temporary folder)."""
_LINK = re.compile(rb'(href|src|action)="/(?!/)')


class LiveSite:
    """The pages and files of one ledger, kept in memory and reloaded when it changes.

    ``/as-of/YYYY-MM-DD/...`` serves the same pages of the ledger as it stood at the end of
    that day, read from git; the last few past ledgers asked for are kept.
    """

    def __init__(self, path: Path, settings: Settings, past: tuple[Path, Past] | None = None):
        self.path = path
        self.settings = settings
        self._past_of = past
        self._lock = threading.Lock()
        self._pages: dict[str, Response] = {}
        self._past: OrderedDict[str, LiveSite] = OrderedDict()
        self._past_lock = threading.Lock()
        self._memo = ReadMemo()
        self._state = self._load(None)

    def reload(self) -> None:
        """Read the ledger again and forget every rendered page and past ledger.

        Files unchanged since the last read are not read, validated or described for
        search again; the site model is made anew from the whole ledger, keeping the
        statuses and declared links of records that did not change.
        """
        state = self._load(self._state)
        with self._lock:
            self._state, self._pages = state, {}
        with self._past_lock:
            self._past.clear()

    @paused_gc()  # the state lives until the next reload: collecting would only re-scan it
    def _load(self, previous: _State | None) -> _State:
        corpus, ledger = engine.load(
            self.path,
            self.settings,
            memo=self._memo,
            previous=previous.model.ledger if previous is not None else None,
        )
        if self._past_of is not None:
            origin, past = self._past_of
            known = chronicle(origin, self.settings, past.history)
            moment = AsOf(past.moment.date().isoformat(), past.commit.sha)
            model = engine.site_model(ledger, self.settings, known, moment)
        else:
            known = chronicle(self.path, self.settings)
            was = previous.model if previous is not None else None
            model = engine.site_model(ledger, self.settings, known, previous=was)
        pages = list(site_pages(model))
        paths = [spec.path for spec in pages]
        files = SiteFiles(model, self.settings.base_url, LANGUAGES, paths, corpus.layout.root)
        if self._past_of is not None:  # its folder goes once it is loaded
            files.read_sources()
        # Requests arrive with their path decoded (/tags/모델/), pages are addressed encoded.
        specs = {unquote(spec.path): spec for spec in pages}
        # Served: forms that need a server (the timeline's filters) work here.
        renderer = Renderer(LANGUAGES, engine.compiled_templates(self.settings), served=True)
        left_out = engine.left_out(corpus, ledger)
        if previous is None:
            search = SearchIndex(model)
        else:  # last: a reload that fails before this leaves the served index as it was
            search = previous.search
            search.update(model)
        return _State(model, left_out, specs, files, search, renderer)

    @property
    def left_out(self) -> tuple[str, ...]:
        """Record files that have no page because they could not be read or validated."""
        return self._state.left_out

    def cached(self, path: str) -> Response | None:
        """A page already rendered for ``path`` (no query), if there is one."""
        return self._pages.get(path)

    def get(self, path: str, query: str = "") -> Response:
        """The response for ``path`` (with its ``query`` string)."""
        if not query and path in self._pages:
            return self._pages[path]
        past = _AS_OF.fullmatch(path)
        if past is not None and self._past_of is None:
            return self._as_of(past.group(1), past.group(2) or "/", query)
        state = self._state
        language, local = _split_language(path)
        found = state.files.get(local.lstrip("/"))
        if found is not None:
            return self._keep(path, _response(200, found, local), cache=not query)
        params = {k: v for k, v in parse_qs(query).items() if k in (*FILTERS, "page")}
        if local == "/events/" and params:
            return self._filtered(state, language, params)
        if local == "/search/":
            asked = parse_qs(query)
            return self._search(
                state, language, asked.get("q", [""])[0], asked.get("kind", [""])[0]
            )
        spec = state.specs.get(local)
        if spec is None and not local.endswith("/") and f"{local}/" in state.specs:
            return Response(308, b"", "text/plain", location=f"{path}/", cacheable=False)
        if spec is None:
            return self._not_found(state, language)
        html = state.renderer.render(language, spec.template, spec.context(state.model))
        return self._keep(path, _response(200, html.encode(), ".html"), cache=not query)

    def _as_of(self, day: str, rest: str, query: str) -> Response:
        """A page of the ledger as of the end of ``day``, its links kept in that past; when
        there is no such past, a 404 page that says why."""
        prefix = f"/as-of/{day}"
        language = _split_language(rest)[0]
        try:
            moment = parse_moment(day)
        except UsageError:
            return self._not_found(self._state, language, "not-a-day", day)
        if moment.date() > self.settings.current_date():
            return self._not_found(self._state, language, "future", day)
        try:
            site = self._past_site(day, moment)
        except AgoraError:
            return self._not_found(self._state, language, self._no_history(moment), day)
        response = site.get(rest, query)
        body = response.body
        if response.content_type.startswith("text/html"):
            body = _LINK.sub(rb'\1="' + prefix.encode() + b"/", body)
            body = body.replace(b"<html ", f'<html data-base="{prefix}" '.encode(), 1)
        location = prefix + response.location if response.location else ""
        return Response(
            response.status,
            body,
            response.content_type,
            response.etag,
            response.cacheable,
            location,
        )

    def _past_site(self, day: str, moment: datetime) -> LiveSite:
        """The site of the ledger at ``moment``, the end of ``day``, loaded once (requests
        for the same day wait for the first), its files read into memory and the temporary
        folder gone.

        Raises:
            HistoryError: the ledger has no history by then.
        """
        with self._past_lock:
            found = self._past.get(day)
            if found is not None:
                self._past.move_to_end(day)
                return found
            with ledger_as_of(self.path, moment) as past:
                then = self.settings.model_copy(
                    update={"today": past.moment.date(), "no_cache": True}
                )
                site = LiveSite(past.root, then, (self.path, past))
            self._past[day] = site
            while len(self._past) > _PAST_KEPT:
                self._past.popitem(last=False)
            return site

    def _keep(self, path: str, response: Response, *, cache: bool) -> Response:
        if cache:
            with self._lock:
                self._pages[path] = response
        return response

    def _filtered(
        self, state: _State, language: str, params: Mapping[str, Sequence[str]]
    ) -> Response:
        events = filter_events(state.model, params)
        page = _page_number(params.get("page"))
        pages = max(1, -(-len(events) // PAGE_SIZE))
        page = min(page, pages)
        query = "&".join(
            f"{name}={quote(value)}"
            for name, values in params.items()
            if name != "page"
            for value in values
        )
        pager = Pager("/events/", page, pages, len(events), query)
        chunk = events[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        context = explorer(state.model, chunk, pager, {k: list(v) for k, v in params.items()})
        html = state.renderer.render(language, "explorer.html", context)
        return Response(200, html.encode(), _TYPES[".html"], cacheable=False)

    def _search(self, state: _State, language: str, query: str, kind: str) -> Response:
        spec = state.specs["/search/"]
        results = state.search.search(query, kind)
        context = {**spec.context(state.model), "results": results, "query": query, "kind": kind}
        html = state.renderer.render(language, "search.html", context)
        return Response(200, html.encode(), _TYPES[".html"], cacheable=False)

    def _no_history(self, moment: datetime) -> str:
        """Why git could not give the ledger as of ``moment`` (a reason the 404 page names)."""
        try:
            root = find_layout(self.path).root
            if not head_commit(root) or not tracked_at(root, "HEAD"):
                return "no-history"
            before = [commit for commit in main_line(root) if commit.committed <= moment]
        except AgoraError:
            return "unreadable"
        if not before or not tracked_at(root, before[-1].sha):
            return "before-history"  # no commit by then, or none that held the ledger yet
        return "unreadable"

    def _not_found(self, state: _State, language: str, reason: str = "", day: str = "") -> Response:
        spec = state.specs["/404.html"]
        context = {**spec.context(state.model), "reason": reason, "day": day}
        html = state.renderer.render(language, spec.template, context)
        return Response(404, html.encode(), _TYPES[".html"], cacheable=False)


def _split_language(path: str) -> tuple[str, str]:
    for language in LANGUAGES:
        if language == DEFAULT_LANGUAGE:
            continue
        if path == f"/{language}" or path.startswith(f"/{language}/"):
            return language, path[len(language) + 1 :] or "/"
    return DEFAULT_LANGUAGE, path


def _page_number(values: Sequence[str] | None) -> int:
    try:
        return max(1, int((values or ["1"])[0]))
    except ValueError:
        return 1


def _response(status: int, body: bytes, name: str) -> Response:
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name.rsplit("/", 1)[-1] else ".html"
    etag = '"' + hashlib.blake2b(body, digest_size=8).hexdigest() + '"'
    return Response(status, body, _TYPES.get(suffix, "application/octet-stream"), etag)
