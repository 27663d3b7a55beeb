"""The build's manifest: what the last build left in the site folder.

``.agora-build.json`` holds the fingerprint of the inputs a site was built from, every
file the build wrote with a digest of its bytes, the key each page was rendered from, and
the record files left out.

Hundreds of thousands of names and digests are packed into one string each: they parse
in a tenth of a second, where a JSON object of them takes more than a second.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from agora.errors import TargetExistsError

__all__ = ["Manifest", "read_manifest", "write_manifest"]

_MANIFEST = ".agora-build.json"
_FORMAT = 3


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
    """Page path → the key it was rendered from (see :func:`agora.site.build.page_keys`)."""


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
            data = json.loads(manifest.read_text("utf-8"))
        except (OSError, ValueError):
            return Manifest("", {})
        if isinstance(data, dict) and data.get("format") == _FORMAT:
            try:
                return Manifest(
                    str(data.get("inputs", "")),
                    _pairs(data.get("files", "")),
                    _names(data.get("left_out", [])),
                    _pairs(data.get("pages", "")),
                )
            except (TypeError, ValueError):
                return Manifest("", {})
        if isinstance(data, dict) and isinstance(data.get("files"), dict):  # format 2
            return Manifest("", {str(name): str(digest) for name, digest in data["files"].items()})
        if isinstance(data, list):  # an earlier layout: names only
            return Manifest("", {str(name): "" for name in data})
        return Manifest("", {})
    if out.exists() and any(out.iterdir()):
        raise TargetExistsError(
            f"{out} holds files that no Agora build wrote",
            hint="Build into a new or empty folder; later builds update it in place.",
        )
    return Manifest("", {})


def _names(listed: object) -> tuple[str, ...]:
    if not isinstance(listed, list) or not all(isinstance(name, str) for name in listed):
        raise TypeError("not a list of names")
    return tuple(listed)


def _pairs(packed: object) -> dict[str, str]:
    """A mapping stored as one string, ``key NUL value NUL key NUL value`` (a file name
    holds no NUL): hundreds of thousands of entries parse in a tenth of a second, where a
    JSON object of them takes more than a second."""
    if not isinstance(packed, str):
        raise TypeError("not a packed mapping")
    if not packed:
        return {}
    items = packed.split("\0")
    if len(items) % 2:
        raise ValueError("a key without a value")
    return dict(zip(items[0::2], items[1::2], strict=True))


def _packed(mapping: dict[str, str]) -> str:
    return "\0".join(item for pair in sorted(mapping.items()) for item in pair)


def write_manifest(out: Path, manifest: Manifest) -> None:
    """Record ``manifest`` in ``out`` (whole or not at all: written aside, then renamed)."""
    data = {
        "format": _FORMAT,
        "inputs": manifest.inputs,
        "left_out": list(manifest.left_out),
        "files": _packed(manifest.files),
        "pages": _packed(manifest.pages),
    }
    out.mkdir(parents=True, exist_ok=True)
    temporary = out / f".{_MANIFEST}.tmp"
    temporary.write_text(json.dumps(data, separators=(",", ":")), "utf-8")
    os.replace(temporary, out / _MANIFEST)
