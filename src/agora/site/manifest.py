"""The build's manifest: what the last build left in the site folder.

``.agora-build.json`` holds the fingerprint of the inputs a site was built from, every
file the build wrote with a digest of its bytes, the key each page was rendered from, and
the record files left out.

A line of JSON comes first; the hundreds of thousands of names and digests follow as one
run of NUL-separated text, which splits in a tenth of a second where a JSON object of them
took more than a second to parse (and escaped NULs inside JSON, most of one).

While a build runs, ``.agora-build.partial`` beside the manifest says that the files may no
longer be what the manifest says of them: a build that stops half-way leaves it, and the
next build then trusts neither the inputs' fingerprint nor any page's key (see
:func:`begin`). An empty file is written for that, not the manifest again (80 MB at
100,000 events).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from agora.errors import TargetExistsError

__all__ = ["Manifest", "Stamp", "begin", "read_manifest", "read_stamp", "write_manifest"]

_MANIFEST = ".agora-build.json"
_PARTIAL = ".agora-build.partial"
_FORMAT = 4


@dataclass(frozen=True, slots=True)
class Manifest:
    """What the last build of a site folder left there."""

    inputs: str
    """The fingerprint of everything the build read ('' when it cannot be trusted)."""
    files: dict[str, str]
    """Every file written, by its path in the folder → a digest of its bytes."""
    left_out: tuple[str, ...] = ()
    """Record files that had no page (unreadable or invalid)."""
    pages: dict[str, str] = field(default_factory=dict)
    """Page path (or a feed's stem) → the key it was made from (see
    :func:`agora.site.keys.page_keys` and :func:`agora.site.keys.feed_keys`)."""


@dataclass(frozen=True, slots=True)
class Stamp:
    """The first line of a manifest: enough to tell that a folder has nothing to do,
    without making the mappings of every file and page."""

    inputs: str
    left_out: tuple[str, ...]
    files: int
    """How many files the build wrote."""
    pages: int
    """How many of them are pages."""
    names: Callable[[], list[str]]
    """The files' names (split from the rest of the manifest when asked for)."""


def begin(out: Path, previous: Manifest) -> None:
    """Note in ``out`` that a build starts there, whose last build left ``previous``: until
    :func:`write_manifest` records the new one, the folder is never up to date and no
    page's key is trusted."""
    if previous.files:
        out.joinpath(_PARTIAL).touch()
    else:  # a new folder: a manifest marks it as a build's
        write_manifest(out, Manifest("", {}))


def read_stamp(out: Path) -> Stamp | None:
    """The stamp of the manifest in ``out``; None when there is none, or it is damaged or
    older (a full read of it, or a full build, will tell what to do), or a build of the
    folder did not finish."""
    if (out / _PARTIAL).exists():
        return None
    try:
        head, _, blob = (out / _MANIFEST).read_bytes().partition(b"\n")
        data = json.loads(head)
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            return None
        files, _, html = _counts(data, blob)
        return Stamp(
            str(data.get("inputs", "")),
            _names(data.get("left_out", [])),
            files,
            html,
            lambda: blob.decode("utf-8", "surrogatepass").split("\0", 2 * files)[: 2 * files : 2],
        )
    except (OSError, ValueError, TypeError):
        return None


def read_manifest(out: Path) -> Manifest:
    """What the last build left in ``out``: an empty record for a new or empty folder, or
    for a manifest that is damaged or from an older Agora (which costs a full build, never
    an error).

    Raises:
        TargetExistsError: ``out`` holds files but no manifest.
    """
    manifest = out / _MANIFEST
    if manifest.is_file():
        try:
            head, _, blob = manifest.read_bytes().partition(b"\n")
            found = _parsed(json.loads(head), blob)
        except (OSError, ValueError, TypeError):  # UnicodeDecodeError is a ValueError
            return Manifest("", {})
        if (out / _PARTIAL).exists():  # the last build stopped half-way
            return Manifest("", found.files)
        return found
    if out.exists() and any(out.iterdir()):
        raise TargetExistsError(
            f"{out} holds files that no Agora build wrote",
            hint="Build into a new or empty folder; later builds update it in place.",
        )
    return Manifest("", {})


def write_manifest(out: Path, manifest: Manifest) -> None:
    """Record ``manifest`` in ``out`` (whole or not at all: written aside, then renamed).

    A line of JSON says what follows it: the files' names and digests, then the pages'
    paths and keys, all in one run of NUL-separated text (no file name holds a NUL)."""
    head: dict[str, object] = {
        "format": _FORMAT,
        "inputs": manifest.inputs,
        "left_out": list(manifest.left_out),
        "files": len(manifest.files),
        "pages": len(manifest.pages),
    }
    blob = "\0".join([*_flat(manifest.files), *_flat(manifest.pages)])
    packed = blob.encode("utf-8", "surrogatepass")
    head["html"] = sum(name.endswith(".html") for name in manifest.files)
    head["bytes"] = len(packed)  # a manifest cut short is seen as damaged
    data = json.dumps(head, separators=(",", ":")).encode() + b"\n" + packed
    out.mkdir(parents=True, exist_ok=True)
    temporary = out / f".{_MANIFEST}.tmp"
    temporary.write_bytes(data)
    os.replace(temporary, out / _MANIFEST)
    (out / _PARTIAL).unlink(missing_ok=True)


def _parsed(head: object, blob: bytes) -> Manifest:
    if not isinstance(head, dict):
        if isinstance(head, list):  # the first layout: names only
            return Manifest("", {str(name): "" for name in head})
        return Manifest("", {})
    if head.get("format") == _FORMAT:
        files, pages, _ = _counts(head, blob)
        items = blob.decode("utf-8", "surrogatepass").split("\0") if blob else []
        if len(items) != 2 * (files + pages):
            raise ValueError("cut short or run on")
        return Manifest(
            str(head.get("inputs", "")),
            _pairs(items[: 2 * files]),
            _names(head.get("left_out", [])),
            _pairs(items[2 * files :]),
        )
    if head.get("format") == 3:  # all in the JSON, each mapping packed in one string
        packed = [head.get("files"), head.get("pages")]
        if not all(isinstance(value, str) for value in packed):
            raise TypeError("not packed mappings")
        files, pages = (value.split("\0") if value else [] for value in packed)
        return Manifest("", _pairs(files), _names(head.get("left_out", [])), _pairs(pages))
    if isinstance(head.get("files"), dict):  # format 2: a JSON object of digests
        return Manifest("", {str(name): str(digest) for name, digest in head["files"].items()})
    return Manifest("", {})


def _counts(head: dict[str, object], blob: bytes) -> tuple[int, int, int]:
    """How many files, pages and HTML files a format-4 first line announces, once it is
    sure the text after it is whole."""
    files, pages, html = head.get("files"), head.get("pages"), head.get("html")
    if not (isinstance(files, int) and isinstance(pages, int) and isinstance(html, int)):
        raise TypeError("counts are not numbers")
    if head.get("bytes") != len(blob):
        raise ValueError("cut short or run on")
    return files, pages, html


def _names(listed: object) -> tuple[str, ...]:
    if not isinstance(listed, list) or not all(isinstance(name, str) for name in listed):
        raise TypeError("not a list of names")
    return tuple(listed)


def _pairs(items: list[str]) -> dict[str, str]:
    if len(items) % 2:
        raise ValueError("a key without a value")
    return dict(zip(items[0::2], items[1::2], strict=True))


def _flat(mapping: dict[str, str]) -> list[str]:
    return [item for pair in sorted(mapping.items()) for item in pair]
