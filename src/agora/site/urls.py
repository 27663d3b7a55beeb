"""Where each page lives: one URL scheme for the static build and the live server."""

from __future__ import annotations

from urllib.parse import quote

from agora.models import Kind

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "file_for", "record_url", "tag_slug", "url"]

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


def tag_slug(tag: str) -> str:
    """A tag as a path segment (tags are free text; ids are already kebab-case)."""
    return quote(tag.strip().lower().replace(" ", "-"), safe="-")


def file_for(page_url: str) -> str:
    """The file a URL is written to in the static build: ``/a/b/`` → ``a/b/index.html``."""
    path = page_url.lstrip("/")
    if not path or path.endswith("/"):
        return path + "index.html"
    return path
