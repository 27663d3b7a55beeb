"""The build's manifest (``.agora-build.json`` in the site folder): the fingerprint of the
inputs a site was built from, every file the build wrote with a digest of its bytes, the
key each page was rendered from, and the record files left out; and how to tell, fast,
that the files it lists are all still there.

Hundreds of thousands of names and digests are packed into one string each: they parse
in a tenth of a second, where a JSON object of them takes more than a second.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from agora.errors import TargetExistsError

__all__ = ["Manifest", "looking_for", "presence", "read_manifest", "write_manifest"]

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


_LOOK_APART_FROM = 50_000
"""From this many files on, they are looked for in a process of their own."""


@contextlib.contextmanager
def looking_for(out: Path, names: list[str]) -> Iterator[Callable[[], bool]]:
    """A function that tells whether every file in ``names`` is in ``out``. On a large
    site a forked child starts looking at once and the function waits for its answer; a
    child whose answer is not asked for is stopped when the block ends."""
    if len(names) < _LOOK_APART_FROM or not hasattr(os, "fork"):
        with presence(out) as there:
            yield lambda: all(map(there, names))
        return
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, which never returns
        answer = b"0"
        try:
            os.close(reading)
            with presence(out) as there:
                answer = b"1" if all(map(there, names)) else b"0"
        finally:
            os.write(writing, answer)
            os._exit(0)
    os.close(writing)
    asked = False

    def all_there() -> bool:
        nonlocal asked
        asked = True
        with os.fdopen(reading, "rb") as answer:
            found = answer.read(1) == b"1"
        os.waitpid(child, 0)
        return found

    try:
        yield all_there
    finally:
        if not asked:
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
            os.close(reading)


@contextlib.contextmanager
def presence(out: Path) -> Iterator[Callable[[str], bool]]:
    """A test of whether a file the build wrote is still in ``out``: one ``faccessat``
    relative to the folder, about half the cost of ``isfile`` on the full path (it matters
    at hundreds of thousands of files)."""
    if os.access not in os.supports_dir_fd:  # pragma: no cover - every POSIX system has it
        yield lambda name: os.path.isfile(os.path.join(out, name))
        return
    try:
        folder = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        yield lambda name: False
        return
    try:
        yield lambda name: os.access(name, os.F_OK, dir_fd=folder)
    finally:
        os.close(folder)


def read_manifest(out: Path) -> Manifest:
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
                    tuple(str(name) for name in data.get("left_out", ())),
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
