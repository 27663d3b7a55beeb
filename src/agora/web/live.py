"""The site as the live server holds it: pages and other files made on first request and
kept, the search index, and a reload when the content changes."""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote

from agora import engine
from agora.errors import AgoraError, UsageError
from agora.history import Past, chronicle, ledger_as_of, parse_moment
from agora.models import Document
from agora.reader import ReadMemo, find_layout
from agora.reader.documents import ReadLimits, read_file
from agora.reader.files import ContentFile
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
    root: Path
    """The ledger's root folder."""
    head: str
    """The commit checked out when the ledger was read ('' outside git)."""
    today: date
    """The day statuses were derived for."""


_AS_OF = re.compile(r"/as-of/(\d{4}-\d{2}-\d{2})(/.*)?")
_PAST_KEPT = 4
"""Past ledgers kept ready at once (each holds its files in a temporary folder)."""
_LINK = re.compile(rb'(href|src|action)="/(?!/)')
_TIMELINE = re.compile(r"/events/(?:page/(\d+)/)?")
"""The timeline and its static pages, which the server filters when given filters."""


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

    def reload(self, changed: Collection[Path] | None = None) -> int | None:
        """Read the ledger again and forget every rendered page and past ledger.

        Files unchanged since the last read are not read, validated or described for
        search again; the site model is made anew from the whole ledger, keeping the
        statuses and declared links of records that did not change.

        ``changed`` are the files the caller saw change, if it knows. When each is a record
        file whose front matter is as it was (its body edited, say), on the same commit and
        the same day, only those files are read: their documents take the old ones' place
        in the model, and only the pages that show their bodies are forgotten.

        Returns how many records' text was taken so, or None when the ledger was read.
        """
        if changed is not None and self._past_of is None:
            replaced = self._bodies_only(changed)
            if replaced is not None:
                self._swap_bodies(replaced)
                return len(replaced)
        state = self._load(self._state)
        with self._lock:
            self._state, self._pages = state, {}
        with self._past_lock:
            self._past.clear()
        return None

    def _bodies_only(self, changed: Collection[Path]) -> list[tuple[Document, Document]] | None:
        """The old and new document of each of ``changed`` when every change is to a record
        file read before, and leaves its front matter as it was (files the ledger does not
        read are passed over); else None."""
        state = self._state
        if self.settings.current_date() != state.today or head_commit(state.root) != state.head:
            return None  # statuses and what git knows would change
        limits = ReadLimits(max_file_bytes=self.settings.max_file_bytes)
        replaced = []
        root = os.path.realpath(state.root)
        for path in changed:
            # As the walk names files: folders resolved, the file itself not followed.
            relative = os.path.relpath(os.path.realpath(path.parent), root).replace(os.sep, "/")
            if relative == ".." or relative.startswith("../"):
                return None
            relative = path.name if relative == "." else f"{relative}/{path.name}"
            old = state.model.ledger.document(relative)
            if old is None:
                # A file the ledger did not read: gone again already, or hidden, it still
                # is not read; anything else (a new record file, say) needs a whole read.
                if path.name.startswith(".") or not (path.exists() or path.is_symlink()):
                    continue
                return None
            _, result = read_file(ContentFile(relative, str(path), old.kind), limits)
            new = result.document if result is not None and not result.problems else None
            if new is None or new.data != old.data:
                return None
            replaced.append((old, new))
        return replaced

    @paused_gc()
    def _swap_bodies(self, replaced: Sequence[tuple[Document, Document]]) -> None:
        """Put each new document of ``replaced`` in place of the old (front matter the
        same), and forget the pages and files that show their bodies."""
        state = self._state
        model = state.model.with_documents(new for _, new in replaced)
        sources = {new.path for _, new in replaced}
        shown = {
            path
            for path, spec in state.specs.items()
            if spec.reads_bodies or spec.source in sources
        }
        state.search.rewrite(model, [old for old, _ in replaced])
        fresh = replace(state, model=model, files=state.files.over(model))
        with self._lock:
            kept = {
                path: response
                for path, response in self._pages.items()
                if (local := _split_language(path)[1]) in state.specs and local not in shown
            }
            self._state, self._pages = fresh, kept

    @paused_gc()  # the state lives until the next reload: collecting would only re-scan it
    def _load(self, previous: _State | None) -> _State:
        today = self.settings.current_date()
        root = find_layout(self.path).root
        head = head_commit(root)  # before the history is read: a later commit reloads
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
        return _State(model, left_out, specs, files, search, renderer, root, head, today)

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
            return self._keep(path, _response(200, found, local), state, cache=not query)
        params = {k: v for k, v in parse_qs(query).items() if k in (*FILTERS, "page")}
        timeline = _TIMELINE.fullmatch(local)
        if timeline is not None and params and (not timeline[1] or params.keys() - {"page"}):
            if timeline[1] and "page" not in params:  # a static page's pager, filtered
                params["page"] = [timeline[1]]
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
        return self._keep(path, _response(200, html.encode(), ".html"), state, cache=not query)

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

    def _keep(self, path: str, response: Response, made_from: _State, *, cache: bool) -> Response:
        """``response``, kept for ``path`` unless a reload replaced the state it was made
        from meanwhile."""
        if cache:
            with self._lock:
                if self._state is made_from:
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
