"""What git knows about a ledger's files: when each last changed, and which commit is out.

Both are optional facts: a ledger that is not in a git repository, or a machine without
git, gets empty answers and every page simply leaves the date out.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

__all__ = ["head_commit", "last_changed"]

_TIMEOUT = 120


def last_changed(root: Path) -> dict[str, str]:
    """Path (relative to ``root``) → date (YYYY-MM-DD) of the last commit that changed it.

    One ``git log`` pass, newest commit first: the first date seen for a path is its last
    change. Paths git reports outside ``root`` are left out.
    """
    output = _git(
        root,
        "-c",
        "core.quotepath=off",
        "log",
        "--relative",
        "--no-renames",
        "--name-only",
        "--format=%x00%cs",
        "--",
        ".",
    )
    found: dict[str, str] = {}
    when = ""
    for line in output.splitlines():
        if line.startswith("\0"):
            when = line[1:]
        elif line and when and line not in found:
            found[line] = when
    return found


def head_commit(root: Path) -> str:
    """The commit checked out in ``root``'s repository ('' outside one)."""
    return _git(root, "rev-parse", "--verify", "--quiet", "HEAD").strip()


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
