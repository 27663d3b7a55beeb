"""Where each page lives: one URL scheme for the static build and the live server."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, unquote

from agora.models import Kind

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "facet_path",
    "file_for",
    "record_url",
    "tag_slug",
    "url",
]

LANGUAGES = ("en", "ko")
"""Interface languages, the first the default (served at the root)."""
DEFAULT_LANGUAGE = LANGUAGES[0]


def url(path: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The URL of ``path`` ("/events/") in ``language``: other languages live under /ko/."""
    if not path.startswith("/"):
        raise ValueError(f"site paths start with '/': {path!r}")
    return path if language == DEFAULT_LANGUAGE else f"/{language}{path}"


def record_url(kind: Kind, record_id: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The page of one record: ``/events/<id>/``."""
    return url(f"/{kind.folder}/{quote(record_id, safe='')}/", language)


_NOT_IN_A_SLUG = re.compile(r"[^\w.~-]+")
"""Runs of characters that are not letters, digits, ``_``, ``.``, ``~`` or ``-``."""


def tag_slug(tag: str) -> str:
    """A tag as a path segment, percent-encoded (tags are free text; ids are already
    kebab-case).

    Lower-cased, and each run of characters other than letters, digits, ``-``, ``_``,
    ``.`` and ``~`` made one ``-``, trimmed of ``-`` and ``.``: decoded, the segment is a
    file name on every system and never ``..``, and no ``?``, ``#`` or ``/`` can cut the
    address short. Tags that come to the same segment share one page."""
    folded = unicodedata.normalize("NFKC", tag).strip().lower()
    slug = _NOT_IN_A_SLUG.sub("-", folded).strip("-.")
    return quote(slug or "-", safe="-._~")


def facet_path(facet: str, value: str) -> str:
    """The page of the events with one value of one facet: ``/categories/models/``,
    ``/tags/<slug>/``, ``/years/2025/``, else ``/browse/<facet>/<slug>/``."""
    if facet == "category":
        return f"/categories/{value}/"
    if facet == "tag":
        return f"/tags/{tag_slug(value)}/"
    if facet == "year":
        return f"/years/{value}/"
    return f"/browse/{facet}/{tag_slug(value)}/"


def file_for(page_url: str) -> str:
    """The file a URL is written to in the static build: ``/a/b/`` → ``a/b/index.html``,
    with percent-escapes decoded (``/tags/%EB%AA%A8%EB%8D%B8/`` → ``tags/모델/index.html``),
    as a web server decodes the address it is asked for."""
    path = unquote(page_url.lstrip("/"))
    if not path or path.endswith("/"):
        return path + "index.html"
    return path
