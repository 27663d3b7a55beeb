"""Time travel: the ledger as of a moment is the ledger of the commit the branch had then."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from agora.cli import app
from agora.engine import load
from agora.errors import HistoryError, UsageError
from agora.history import ledger_as_of, parse_moment
from agora.models import Kind, Ledger
from agora.reader.history import main_line
from agora.settings import Settings
from agora.status import index_links

from .gitrepo import git


def _records(ledger: Ledger) -> list[tuple[str, Any]]:
    return [
        (
            item.document.path,
            None if item.record is None else item.record.model_dump(mode="json"),
        )
        for item in ledger.validated
    ]


def _links(ledger: Ledger) -> list[tuple[str, ...]]:
    index = index_links(ledger)
    found: list[tuple[str, ...]] = [
        (kind.value, entry.id, link.kind.value, link.id, link.field)
        for kind in Kind
        for entry in ledger.entries(kind)
        for link in index.backlinks(kind, entry.id)
    ]
    found += [
        ("member", thread.id, event.id)
        for thread in ledger.entries(Kind.THREAD)
        for event in index.thread_events(thread.id)
    ]
    return found


def test_every_commit_of_the_real_history_is_the_ledger_as_of_its_time(
    real_history: Path, tmp_path: Path
) -> None:
    settings = Settings(no_cache=True, workers=1)
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "--quiet", str(real_history), str(checkout))
    commits = main_line(real_history)
    assert len(commits) == 39

    for commit in commits:
        git(checkout, "checkout", "--quiet", "--detach", commit.sha)
        _, expected = load(checkout, settings)
        with ledger_as_of(real_history, commit.committed) as past:
            _, found = load(past.root, settings)
            assert past.commit.sha == commit.sha
            assert all((past.root / path).is_file() for path in past.published)
        assert _records(found) == _records(expected), commit.sha
        assert _links(found) == _links(expected), commit.sha


def test_a_moment_between_commits_shows_the_earlier_one(real_history: Path) -> None:
    commits = main_line(real_history)
    later = commits[13]

    with ledger_as_of(real_history, later.committed - timedelta(seconds=1)) as past:
        assert past.commit.sha == commits[12].sha
        assert past.root.is_dir()
        folder = past.root
    assert not folder.exists()


def test_as_of_needs_history_before_the_moment(real_history: Path) -> None:
    with (
        pytest.raises(HistoryError, match="no history before"),
        ledger_as_of(real_history, parse_moment("2026-03-01")),
    ):
        pass


def test_moments_from_the_command_line() -> None:
    assert parse_moment("2026-03-08").isoformat() == "2026-03-08T23:59:59.999999+00:00"
    assert parse_moment("2026-03-08T17:06:44-07:00").utcoffset() == timedelta(hours=-7)
    assert parse_moment("2026-03-08T17:06").utcoffset() == timedelta(0)
    with pytest.raises(UsageError, match="not a date or a moment"):
        parse_moment("last week")


def test_an_as_of_site_says_when_it_is_from(real_history: Path, tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    out = tmp_path / "site"

    result = CliRunner().invoke(
        app, ["build", str(real_history), "-o", str(out), "--as-of", "2026-04-01"]
    )

    assert result.exit_code == 0, result.output
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "as it stood on April 1, 2026, from commit a98ed2f" in home
    assert len([p for p in (out / "events").iterdir() if p.is_dir()]) == 60  # 8 March: 60 events
    assert not (out / "events" / "openai-gpt-5-5-release").exists()
