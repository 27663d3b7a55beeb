"""What git knows about a ledger's files: which commit is out, and the main line of commits
with the blobs they changed.

These are optional facts: outside a git repository, or on a machine without git, the
current commit is '' and the main line is refused with a HistoryError, which the site
takes as "no history" and every page simply leaves the dates out.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from agora.errors import HistoryError

__all__ = [
    "Change",
    "Commit",
    "export_tree",
    "first_published",
    "head_commit",
    "main_line",
    "read_blobs",
    "tracked_at",
]

_TIMEOUT = 120


def head_commit(root: Path) -> str:
    """The commit checked out in ``root``'s repository ('' outside one)."""
    return _git(root, "rev-parse", "--verify", "--quiet", "HEAD").strip()


def tracked_at(root: Path, revision: str) -> bool:
    """Whether the ledger folder ``root`` is in the tree of ``revision`` (False when git
    cannot say): a ledger inside a repository that does not track it has no history."""
    prefix = _git(root, "rev-parse", "--show-prefix").strip()
    return bool(_git(root, "rev-parse", "--verify", "--quiet", f"{revision}:{prefix}").strip())


def _git(root: Path, *arguments: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *arguments],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout if done.returncode == 0 else ""


@dataclass(frozen=True, slots=True)
class Change:
    """One file a commit added (``A``), modified (``M``) or deleted (``D``), relative to the
    ledger root, with the blob ids before and after ('' where there is none)."""

    status: str
    path: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class Commit:
    """A commit of the ledger's main line and what it changed against its first parent."""

    sha: str
    author: str
    authored: datetime
    committed: datetime
    subject: str
    changes: tuple[Change, ...]


_FIELDS = "%H%x1f%an%x1f%aI%x1f%cI%x1f%s"


def main_line(root: Path, since: str | None = None) -> list[Commit]:
    """The commits of HEAD's first-parent line that touch the ledger, oldest first.

    A merge counts as one commit with the whole merged change (against its first parent),
    which is how the branch's history was published. ``since`` leaves out that revision and
    everything before it (the commits a pull request adds).

    Raises:
        HistoryError: ``root`` is not in a git repository, or ``since`` names no commit.
    """
    if not head_commit(root):
        raise HistoryError(
            f"{root} is not in a git repository with at least one commit",
            hint="History needs git: run the command inside the ledger's clone.",
        )
    span = "HEAD"
    if since is not None:
        base = _git(root, "rev-parse", "--verify", "--quiet", since + "^{commit}").strip()
        if not base:
            raise HistoryError(
                f"--since {since!r} names no commit of this repository",
                hint="Give a branch, tag or commit, e.g. --since origin/main.",
            )
        span = f"{base}..HEAD"
    output = _git(
        root,
        "-c",
        "core.quotepath=off",
        "log",
        "--first-parent",
        "--reverse",
        "--diff-merges=first-parent",
        "--raw",
        "--no-renames",
        "--no-abbrev",
        "--relative",
        f"--format=%x1e{_FIELDS}",
        span,
        "--",
        ".",
    )
    commits = []
    for block in output.split("\x1e")[1:]:
        header, _, raw = block.partition("\n")
        sha, author, authored, committed, subject = header.split("\x1f", 4)
        changes = tuple(_change(line) for line in raw.splitlines() if line.startswith(":"))
        commits.append(
            Commit(
                sha,
                author,
                datetime.fromisoformat(authored),
                datetime.fromisoformat(committed),
                subject,
                changes,
            )
        )
    return commits


def _change(line: str) -> Change:
    """One ``--raw`` line: ``:100644 100644 <old> <new> M<TAB>path``."""
    meta, _, path = line.partition("\t")
    parts = meta.split()
    old, new, status = parts[2], parts[3], parts[4][:1]
    return Change(status, path, "" if set(old) == {"0"} else old, "" if set(new) == {"0"} else new)


def read_blobs(root: Path, blobs: Iterable[str]) -> dict[str, bytes]:
    """The contents of git blobs, read in one ``git cat-file --batch`` process."""
    wanted = sorted({blob for blob in blobs if blob})
    if not wanted:
        return {}
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "cat-file", "--batch"],
            input=("\n".join(wanted) + "\n").encode(),
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise HistoryError(f"git could not read the history of {root}: {exc}") from None
    found: dict[str, bytes] = {}
    data, at = done.stdout, 0
    for blob in wanted:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        found[blob] = data[at : at + size]
        at += size + 1
    return found


def first_published(commits: Iterable[Commit]) -> dict[str, datetime]:
    """Path → commit time of the first commit that added it (commits oldest first)."""
    found: dict[str, datetime] = {}
    for commit in commits:
        for change in commit.changes:
            if change.status == "A":
                found.setdefault(change.path, commit.committed)
    return found


def export_tree(root: Path, commit: str, target: Path) -> None:
    """Write the ledger folder ``root`` as it was at ``commit`` into ``target``."""
    prefix = _git(root, "rev-parse", "--show-prefix").strip()
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "archive", "--format=tar", f"{commit}:{prefix}"],
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise HistoryError(f"git could not export {commit[:7]} of {root}: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise HistoryError(f"git could not export {commit[:7]} of {root}: {message}")
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        archive.extractall(target, filter="data")
