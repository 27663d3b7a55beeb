"""The site's files that are not pages or the search index: assets, feeds, the JSON API,
sitemaps and the records' source files.

The static build writes them all (:func:`site_files`); the live server makes each one
when it is first asked for (:class:`SiteFiles`), so that reading the ledger again after a
change costs nothing for the thousands of files nobody looks at.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from agora.site import feeds, machine
from agora.site.model import SiteModel

__all__ = ["SiteFiles", "site_files", "source_file"]


def site_files(
    model: SiteModel,
    base_url: str,
    languages: Sequence[str],
    paths: Sequence[str],
    content_root: Path | None,
    feed_stems: Collection[str] | None = None,
    *,
    indexes: bool = True,
    sources: Iterable[str] | None = None,
) -> Iterator[tuple[str, bytes]]:
    """Every file of the site that is not a page, a record's JSON (written with its page)
    or the search index, by its path in the site: assets, feeds (only those at
    ``feed_stems``, if given), the API's indexes and sitemaps (of the pages at ``paths``;
    unless ``indexes`` is false) and, with ``content_root``, the records' source files
    (only those of the records at ``sources``, if given)."""
    yield from _assets().items()
    yield from feeds.feed_files(model, base_url, feed_stems)
    if indexes:
        yield from machine.machine_files(model, paths, languages, base_url)
    if content_root is not None:
        if sources is None:
            sources = (document.path for document in model.ledger.documents)
        for path in sources:
            data = _source(content_root, path)
            if data is not None:
                yield source_file(path), data


def source_file(path: str) -> str:
    """Where the source file of the record at ``path`` (in the ledger) is in the site."""
    return f"source/{path}"


class SiteFiles:
    """The files of :func:`site_files`, each made when first asked for and then kept."""

    def __init__(
        self,
        model: SiteModel,
        base_url: str,
        languages: Sequence[str],
        paths: Sequence[str],
        content_root: Path | None,
    ) -> None:
        self._model = model
        self._base_url = base_url
        self._languages = tuple(languages)
        self._paths = paths
        self._content_root = content_root
        self._made: dict[str, bytes] = {}
        self._lock = threading.Lock()
        self._sources: frozenset[str] | None = None
        self._sitemaps_made = False

    def get(self, name: str) -> bytes | None:
        """The bytes of the file at ``name`` (a path in the site without its leading
        slash), or None when the site has no such file. Only files that exist are kept:
        the names asked for in vain are as many as anyone cares to send."""
        found = self._made.get(name)
        if found is None:
            with self._lock:  # two requests for one feed make it once
                found = self._made.get(name)
                if found is None:
                    self._made.update(self._make(name))
                    found = self._made.get(name)
        return found

    def over(self, model: SiteModel) -> SiteFiles:
        """These files for ``model``, a model with the same pages and records (only the
        records' bodies may differ, see :meth:`~agora.site.model.SiteModel.with_documents`):
        the assets and sitemaps made so far are kept, the rest is made anew when asked for."""
        files = SiteFiles(model, self._base_url, self._languages, self._paths, self._content_root)
        with self._lock:
            files._made = {
                name: data
                for name, data in self._made.items()
                if name.startswith("static/") or machine.is_sitemap(name)
            }
            files._sitemaps_made = self._sitemaps_made
            files._sources = self._sources
        return files

    def read_sources(self) -> None:
        """Read every record's source file now, for a ledger whose folder is about to go
        (a past ledger checked out from git for a moment)."""
        for document in self._model.ledger.documents:
            self.get(source_file(document.path))

    def _make(self, name: str) -> Iterator[tuple[str, bytes]]:
        """The file at ``name`` if the site has one, with any files made along with it (a
        feed's three, every sitemap)."""
        if name.startswith("static/"):
            asset = _assets().get(name)
            if asset is not None:
                yield name, asset
        elif name.startswith("source/"):
            source = self._source(name.removeprefix("source/"))
            if source is not None:
                yield name, source
        elif machine.is_sitemap(name):
            if not self._sitemaps_made:  # once: a name not among them is not a sitemap
                self._sitemaps_made = True
                yield from machine.sitemaps(self._paths, self._languages, self._base_url)
        elif name.endswith(feeds.FEED_FORMATS) and (
            feed := feeds.feed_group(self._model, self._base_url, name.rsplit(".", 1)[0])
        ):
            yield from feed
        elif (made := machine.machine_file(self._model, name)) is not None:
            yield name, made

    def _source(self, path: str) -> bytes | None:
        if self._content_root is None:
            return None
        if self._sources is None:
            self._sources = frozenset(document.path for document in self._model.ledger.documents)
        return _source(self._content_root, path) if path in self._sources else None


@cache
def _assets() -> dict[str, bytes]:
    """The styles, scripts and fonts shipped with Agora, by their path in the site."""
    folder = resources.files("agora.site") / "static"
    return {
        f"static/{item.name}": item.read_bytes()
        for item in sorted(folder.iterdir(), key=lambda entry: entry.name)
        if item.is_file() and not item.name.startswith(".")
    }


def _source(root: Path, path: str) -> bytes | None:
    """A record's source file, as it is in the ledger (None if it cannot be read)."""
    try:
        return (root / path).read_bytes()
    except OSError:
        return None
