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
