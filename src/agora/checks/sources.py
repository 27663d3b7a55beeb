"""Source problems: URL syntax, duplicates, archive snapshots that are not pinned or missing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from agora.models import Controversy, Event, FieldPath, Problem, Source, Validated, problem
from agora.models.source import ARCHIVE_REQUIRED

__all__ = ["check_sources", "normalize_url"]

_URL = re.compile(
    r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?:[^/?#@\s]*@)?(?P<host>\[[0-9A-Fa-f:.]+\]|[^/?#:\s]+)"
    r"(?::(?P<port>\d*))?(?P<path>[^?#\s]*)(?:\?(?P<query>[^#\s]*))?(?:#\S*)?$"
)
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")
_WAYBACK = re.compile(r"^/web/([^/]*)/(.+)$")
_PINNED = re.compile(r"^\d{14}([a-z]{2}_)?$")
_ARCHIVE_TODAY = {"archive.ph", "archive.today", "archive.is", "archive.li", "archive.md"}


def check_sources(validated: Validated) -> Iterator[Problem]:
    """Every source of an event, or of each position of a controversy."""
    record, path = validated.record, validated.document.path
    if isinstance(record, Event):
        yield from _check_list(path, record.sources, ("sources",))
    elif isinstance(record, Controversy):
        for index, position in enumerate(record.positions):
            yield from _check_list(path, position.sources, ("positions", index, "sources"))


class _Url(NamedTuple):
    scheme: str
    host: str
    path: str
    query: str


def _split(url: str) -> _Url | None:
    """The parts of an absolute URL, or None when it is not one."""
    match = _URL.match(url)
    if match is None:
        return None
    return _Url(
        match["scheme"].lower(),
        match["host"].lower().removeprefix("www."),
        match["path"],
        match["query"] or "",
    )


def normalize_url(url: str) -> str:
    """The form two URLs are compared in: lowercase host, no fragment, no trailing slash."""
    parts = _split(url.strip())
    return url.strip() if parts is None else _normal(parts)


def _normal(parts: _Url) -> str:
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.host}{parts.path.rstrip('/')}{query}"


def _check_list(path: str, sources: tuple[Source, ...], at: FieldPath) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, source in enumerate(sources):
        here = (*at, index)
        parts = _parse_http(source.url)
        url_ok = parts is not None
        if parts is None:
            yield problem(
                "U001",
                path,
                f"url {source.url!r} is not a valid http(s) address",
                field=(*here, "url"),
            )
        else:
            key = _normal(parts)
            if key in seen:
                yield problem(
                    "U002",
                    path,
                    f"url {source.url!r} is also the url of source {seen[key] + 1}",
                    field=(*here, "url"),
                )
            else:
                seen[key] = index
        if source.type is None:
            yield problem("U007", path, f"source {source.title!r} has no type", field=here)
        if source.archive_url:
            yield from _check_archive(path, source, here, url_ok)
        elif source.type in ARCHIVE_REQUIRED:
            yield problem(
                "U005",
                path,
                f"{source.type.value} source {source.title!r} has no archive_url",
                hint=(
                    "Save a snapshot (e.g. https://web.archive.org/save/"
                    f"{source.url}) and add archive_url: with its pinned address."
                ),
                field=here,
            )


def _check_archive(path: str, source: Source, here: FieldPath, url_ok: bool) -> Iterator[Problem]:
    archive = source.archive_url or ""
    field = (*here, "archive_url")
    parts = _parse_http(archive)
    if parts is None:
        yield problem(
            "U001", path, f"archive_url {archive!r} is not a valid http(s) address", field=field
        )
        return
    host = parts.host
    original: str | None = None
    if host == "web.archive.org":
        match = _WAYBACK.match(parts.path + (f"?{parts.query}" if parts.query else ""))
        if match is None:
            yield problem(
                "U004", path, "archive_url is a Wayback address without a snapshot", field=field
            )
            return
        stamp, original = match.groups()
        if "*" in stamp:
            yield problem(
                "U003",
                path,
                "archive_url is a Wayback wildcard search (web/*/...), not a snapshot",
                hint=_pin_hint(source.url),
                field=field,
            )
        elif not _PINNED.match(stamp):
            yield problem(
                "U004",
                path,
                f"archive_url timestamp {stamp!r} is not a full 14-digit snapshot time",
                hint=_pin_hint(source.url),
                field=field,
            )
    elif host in _ARCHIVE_TODAY:
        segments = parts.path.strip("/").split("/", 1)
        if segments[0] in ("newest", "oldest") or "*" in parts.path:
            yield problem(
                "U004",
                path,
                "archive_url points to the newest/oldest copy, not one snapshot",
                hint="Use the snapshot's short address, e.g. https://archive.ph/AbCd1.",
                field=field,
            )
    if original and url_ok and normalize_url(original) != normalize_url(source.url):
        yield problem(
            "U006",
            path,
            f"archive_url archives {original!r}, not the source url {source.url!r}",
            field=field,
        )


def _pin_hint(url: str) -> str:
    return (
        "Open the archive, pick the snapshot you checked, and use its address: "
        f"https://web.archive.org/web/<YYYYMMDDhhmmss>/{url}"
    )


def _parse_http(url: str) -> _Url | None:
    """The parts of an absolute http(s) URL with a plausible host, or None."""
    if not url or _SPACE_OR_CONTROL.search(url):
        return None
    parts = _split(url)
    if parts is None or parts.scheme not in ("http", "https"):
        return None
    host = parts.host
    if "." in host.strip(".") or host == "localhost" or host.startswith("["):
        return parts
    return None
