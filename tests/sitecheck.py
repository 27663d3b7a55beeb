"""Helpers for tests of a built site: parse its pages and check its links."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser

_LINKING = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("form", "action"))


def pages(site: Path) -> Iterator[Path]:
    """Every HTML file of the site."""
    yield from sorted(site.rglob("*.html"))


def local_links(html: str) -> Iterator[str]:
    """Every same-site link target of a page (no scheme, no host)."""
    tree = HTMLParser(html)
    for tag, attribute in _LINKING:
        for node in tree.css(f"{tag}[{attribute}]"):
            target = node.attributes.get(attribute) or ""
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            yield parts.path


def resolves(site: Path, path: str) -> bool:
    """Whether a site path names a file of the built site."""
    relative = unquote(path).lstrip("/")
    target = site / relative
    if path.endswith("/"):
        target = target / "index.html"
    return target.is_file()


def page_ids(html: str) -> list[str]:
    """Every element id of a page, in document order (repeats kept)."""
    return [node.attributes.get("id") or "" for node in HTMLParser(html).css("[id]")]


def duplicate_ids(site: Path) -> list[tuple[str, str]]:
    """(page, id) for every id that names more than one element of a page."""
    found = []
    for page in pages(site):
        seen: set[str] = set()
        for name in page_ids(page.read_text("utf-8")):
            if name in seen:
                found.append((page.relative_to(site).as_posix(), name))
            seen.add(name)
    return found


def titles(site: Path) -> dict[str, dict[str, list[str]]]:
    """Each language's page titles, with the pages (relative paths) that have each."""
    found: dict[str, dict[str, list[str]]] = {}
    for page in pages(site):
        name = page.relative_to(site).as_posix()
        language = name.split("/", 1)[0] if name.startswith("ko/") else "en"
        node = HTMLParser(page.read_text("utf-8")).css_first("title")
        text = node.text() if node is not None else ""
        found.setdefault(language, {}).setdefault(text, []).append(name)
    return found


def shared_titles(site: Path) -> list[tuple[str, list[str]]]:
    """(title, pages) for every title that more than one page of a language has."""
    return [
        (title, names)
        for by_title in titles(site).values()
        for title, names in by_title.items()
        if len(names) > 1
    ]


def broken_fragments(site: Path) -> list[tuple[str, str]]:
    """(page, link) for every internal link to ``#fragment`` of a page that has no element
    with that id (the page's own, or another that exists)."""
    ids: dict[Path, set[str]] = {}

    def ids_of(target: Path) -> set[str]:
        if target not in ids:
            ids[target] = set(page_ids(target.read_text("utf-8")))
        return ids[target]

    broken = []
    for page in pages(site):
        tree = HTMLParser(page.read_text("utf-8"))
        for node in tree.css("a[href]"):
            link = node.attributes.get("href") or ""
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.fragment:
                continue
            if parts.path:
                target = site / unquote(parts.path).lstrip("/")
                target = target / "index.html" if parts.path.endswith("/") else target
            else:
                target = page
            if target.is_file() and unquote(parts.fragment) not in ids_of(target):
                broken.append((page.relative_to(site).as_posix(), link))
    return broken


def broken_links(site: Path, skip_prefixes: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(page, target) for every internal link that names no file."""
    broken = []
    for page in pages(site):
        for path in local_links(page.read_text("utf-8")):
            if path.startswith(skip_prefixes):
                continue
            if not resolves(site, path):
                broken.append((page.relative_to(site).as_posix(), path))
    return broken
