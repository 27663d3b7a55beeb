"""Real git repositories in temporary folders, with fixed authors and dates."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git(root: Path, *arguments: str, when: str = "2026-01-02T10:00:00+00:00") -> str:
    """Run git in ``root`` as a fixed editor at ``when``; its output."""
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    done = subprocess.run(
        ["git", "-C", str(root), *arguments],
        check=True,
        env=environment,
        capture_output=True,
        text=True,
    )
    return done.stdout


def commit_all(root: Path, message: str, when: str) -> str:
    """Stage everything under ``root`` and commit it; the new commit's sha."""
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", message, when=when)
    return git(root, "rev-parse", "HEAD").strip()
