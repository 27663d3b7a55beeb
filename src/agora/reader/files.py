"""Find a ledger's content files: which folder holds which kind, and what does not belong."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from agora.errors import LedgerNotFoundError
from agora.models import Kind, Problem, problem

__all__ = [
    "RACY_NS",
    "RECORD_SUFFIXES",
    "ContentFile",
    "Layout",
    "find_files",
    "find_layout",
    "printable_path",
]

RECORD_SUFFIXES = (".md", ".yml", ".yaml")
_IGNORED_NAMES = {"README.md", "README", "LICENSE", "LICENSE.md", "Thumbs.db"}


@dataclass(frozen=True, slots=True)
class Layout:
    """Where a ledger lives.

    Attributes:
        root: the folder the user named; problem paths are relative to it.
        content: the folder holding ``events/``, ``threads/`` and the other kinds.
    """

    root: Path
    content: Path


RACY_NS = 2_000_000_000
"""A file modified this close to a moment may have changed again unseen within the
clock's resolution after it: whatever was read or stored of it then is not trusted (as git
treats its index)."""


class ContentFile(NamedTuple):
    """A file that should hold one record, with its size and modification time when found.

    ``size`` is -1 when the file could not be stat-ed (it is reported when read). A named
    tuple: a ledger has hundreds of thousands of them, made on every run.
    """

    path: str
    absolute: str
    kind: Kind
    size: int = -1
    mtime_ns: int = 0


def find_layout(path: Path) -> Layout:
    """Locate the content folder of the ledger at ``path``.

    ``path`` may be the repository (holding ``content/``) or the content folder itself.
    """
    if not path.exists():
        raise LedgerNotFoundError(
            f"{path}: no such file or folder",
            hint="Give the folder of a ledger repository, or create one with 'agora init DIR'.",
        )
    if not path.is_dir():
        raise LedgerNotFoundError(
            f"{path}: not a folder",
            hint="Give the folder of a ledger repository (the one holding content/).",
        )
    content = path / "content"
    if content.is_dir():
        return Layout(path, content)
    if any((path / kind.folder).is_dir() for kind in Kind):
        return Layout(path, path)
    raise LedgerNotFoundError(
        f"{path}: no ledger here (no content/ folder, and no events/, threads/ or actors/)",
        hint="Give the folder that holds content/, or create a ledger with 'agora init DIR'.",
    )


def find_files(layout: Layout, *, stat: bool = True) -> tuple[list[ContentFile], list[Problem]]:
    """Every record file under the layout's content folder, sorted by path.

    With ``stat`` false the files' sizes and modification times are not read (a first run,
    with no cache to compare them with, learns them when it reads each file).

    Returns the files and the problems met on the way: stray files and folders (F009),
    symbolic links that leave the ledger (F004) and folders that cannot be listed (F008).
    Links that stay inside are followed for files; folder links are not followed, so a link
    cannot make the walk loop.
    """
    root = str(layout.root)
    inside = os.path.relpath(layout.content, layout.root)
    content = os.path.normpath(os.path.join(root, inside))
    # Paths found below `content` start with it; the prefix cut from them leaves the path
    # relative to the root ("." lists as "./events", but "content" as "content/events").
    prefix = len(os.path.join(root, "")) if root != "." or content == "." else 0
    walk = _Walk(prefix, os.path.realpath(layout.root), stat)
    for entry in walk.entries(content, sort=True):
        if _ignored(entry.name):
            continue
        kind = Kind.from_folder(entry.name)
        if kind is not None and entry.is_dir(follow_symlinks=False):
            walk.folder(entry.path, kind)
        elif entry.is_symlink() and not _inside(entry.path, walk.root_real):
            walk.problems.append(_outside(walk.relative(entry.path), entry.path))
        else:
            where = "folder" if entry.is_dir() else "file"
            walk.problems.append(
                problem(
                    "F009",
                    walk.relative(entry.path),
                    f"{where} {entry.name!r} is not in a record kind's folder; it is not read",
                    hint="Record folders are: "
                    + ", ".join(kind.folder + "/" for kind in Kind)
                    + ".",
                    line=1,
                    column=1,
                )
            )
    walk.files.sort(key=lambda item: item.path)
    return walk.files, walk.problems


class _Walk:
    """One walk of a content folder: what it found, and what it met on the way."""

    def __init__(self, prefix: int, root_real: str, stat: bool) -> None:
        self.prefix = prefix
        self.root_real = root_real
        self.stat = stat
        self.files: list[ContentFile] = []
        self.problems: list[Problem] = []

    def relative(self, path: str) -> str:
        """A path below the root, with forward slashes on every system."""
        relative = path[self.prefix :]
        return relative if os.sep == "/" else relative.replace(os.sep, "/")

    def entries(self, folder: str, *, sort: bool = False) -> list[os.DirEntry[str]]:
        """The entries of ``folder``; an unreadable folder is a problem, not an error."""
        try:
            with os.scandir(folder) as found:
                entries = list(found)
        except OSError as exc:
            self.problems.append(
                problem(
                    "F008",
                    self.relative(folder),
                    f"cannot list the folder: {exc.strerror or exc}",
                    line=1,
                    column=1,
                )
            )
            return []
        if not all(entry.name.isascii() for entry in entries):
            entries = [entry for entry in entries if self._named_in_utf8(entry)]
        return sorted(entries, key=lambda entry: entry.name) if sort else entries

    def _named_in_utf8(self, entry: os.DirEntry[str]) -> bool:
        """Whether the entry's name is UTF-8; if not, it is a problem and is not read: no
        record, page or report could name it."""
        try:
            entry.name.encode("utf-8")
        except UnicodeEncodeError:
            shown = printable_path(self.relative(entry.path))
            self.problems.append(
                problem(
                    "F010",
                    shown,
                    f"{'folder' if entry.is_dir() else 'file'} name is not valid UTF-8 (each "
                    "byte that is not is shown as \\xNN); it is not read",
                    line=1,
                    column=1,
                )
            )
            return False
        return True

    def folder(self, top: str, kind: Kind) -> None:
        """Every record file below ``top`` (a stack, not recursion: depth is not limited)."""
        pending = [top]
        files, prefix, stat = self.files, self.prefix, self.stat
        slashes = os.sep != "/"
        while pending:
            # Runs once per file of the ledger: regular files take the first, cheapest branch.
            for entry in self.entries(pending.pop()):
                name = entry.name
                if name[0] == "." or name in _IGNORED_NAMES:
                    continue
                if entry.is_file(follow_symlinks=False) and name.endswith(RECORD_SUFFIXES):
                    path = entry.path
                    relative = path[prefix:].replace(os.sep, "/") if slashes else path[prefix:]
                    if stat:
                        try:
                            found = entry.stat()
                        except OSError:  # reported when it is read
                            files.append(ContentFile(relative, path, kind))
                        else:
                            files.append(
                                ContentFile(relative, path, kind, found.st_size, found.st_mtime_ns)
                            )
                    else:
                        files.append(ContentFile(relative, path, kind))
                elif entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    self._unusual(entry, kind)

    def _unusual(self, entry: os.DirEntry[str], kind: Kind) -> None:
        """A link, a special file, or a file that is not a record file."""
        relative = self.relative(entry.path)
        if entry.is_symlink():
            if not _inside(entry.path, self.root_real):
                self.problems.append(_outside(relative, entry.path))
                return
            if entry.is_dir():
                self.problems.append(
                    problem(
                        "F009",
                        relative,
                        "link to a folder is not followed",
                        hint="Move the folder here instead of linking to it.",
                        line=1,
                        column=1,
                    )
                )
                return
        if entry.name.endswith(RECORD_SUFFIXES):
            # A link inside the ledger, or a FIFO or device: reading reports what it is.
            self.files.append(_content_file(entry, relative, kind))
            return
        self.problems.append(
            problem(
                "F009",
                relative,
                f"{entry.name!r} is not a record file (.md, .yml or .yaml); it is not read",
                line=1,
                column=1,
            )
        )


def _content_file(entry: os.DirEntry[str], relative: str, kind: Kind) -> ContentFile:
    """A record file with its size and modification time (followed through a link)."""
    try:
        stat = entry.stat()
    except OSError:
        return ContentFile(relative, entry.path, kind)  # reported when it is read
    return ContentFile(relative, entry.path, kind, stat.st_size, stat.st_mtime_ns)


def _ignored(name: str) -> bool:
    return name.startswith(".") or name in _IGNORED_NAMES


def _inside(path: str, root_real: str) -> bool:
    target = os.path.realpath(path)
    return target == root_real or target.startswith(root_real + os.sep)


def printable_path(path: str) -> str:
    """A path whose name is not UTF-8, with each byte that is not shown as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _outside(relative: str, path: str) -> Problem:
    return problem(
        "F004",
        relative,
        f"symbolic link points outside the ledger (to {os.path.realpath(path)}); it is not read",
        line=1,
        column=1,
    )
