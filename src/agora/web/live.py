"""The site as the live server holds it: pages rendered on first request and kept, machine
files made at load, the search index, and a reload when the content changes."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote

from agora import engine
from agora.history import chronicle
from agora.settings import Settings
from agora.site.build import site_files
from agora.site.contexts import Pager, explorer
from agora.site.filters import FILTERS, filter_events
from agora.site.model import SiteModel
from agora.site.pages import PAGE_SIZE, PageSpec, site_pages
from agora.site.render import Renderer
from agora.site.urls import DEFAULT_LANGUAGE, LANGUAGES
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
    specs: dict[str, PageSpec]
    files: dict[str, bytes]
    search: SearchIndex
    renderer: Renderer


class LiveSite:
    """The pages and files of one ledger, kept in memory and reloaded when it changes."""

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = path
        self.settings = settings
        self._lock = threading.Lock()
        self._pages: dict[str, Response] = {}
        self._state = self._load()

    def reload(self) -> None:
        """Read the ledger again and forget every rendered page."""
        state = self._load()
        with self._lock:
            self._state, self._pages = state, {}

    def _load(self) -> _State:
        corpus, ledger = engine.load(self.path, self.settings)
        model = engine.site_model(ledger, self.settings, chronicle(self.path, self.settings))
        specs = {spec.path: spec for spec in site_pages(model)}
        files = dict(
            site_files(model, self.settings.base_url, LANGUAGES, list(specs), corpus.layout.root)
        )
        return _State(model, specs, files, SearchIndex(model), Renderer(LANGUAGES))

    def cached(self, path: str) -> Response | None:
        """A page already rendered for ``path`` (no query), if there is one."""
        return self._pages.get(path)

    def get(self, path: str, query: str = "") -> Response:
        """The response for ``path`` (with its ``query`` string)."""
        if not query and path in self._pages:
            return self._pages[path]
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
        html = state.renderer.render(language, spec.template, spec.context())
        return self._keep(path, _response(200, html.encode(), ".html"), cache=not query)

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
        context = {**spec.context(), "results": results, "query": query, "kind": kind}
        html = state.renderer.render(language, "search.html", context)
        return Response(200, html.encode(), _TYPES[".html"], cacheable=False)

    def _not_found(self, state: _State, language: str) -> Response:
        spec = state.specs["/404.html"]
        html = state.renderer.render(language, spec.template, spec.context())
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
