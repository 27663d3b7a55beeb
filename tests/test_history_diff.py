"""agora diff: what changed in understanding between two moments of a real repository."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agora.cli import app
from agora.history import compare_moments, parse_moment
from agora.settings import Settings

from .gitrepo import commit_all, git

EVENT = """---
id: alpha
title: "Alpha happened in public"
date: 2025-01-01
category: models
significance: {significance}
sources:
  - url: https://news.example.org/alpha
    title: "Report on alpha"
    type: secondary_reporting
---

## Summary

What happened.
"""

CONTROVERSY = """---
id: c
thread: t
status: active
polarity: multi-axis
positions:
{positions}
---

## Context

Why it matters.
"""


def _write(root: Path, relative: str, text: str) -> None:
    path = root / "content" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "ledger"
    root.mkdir()
    git(root, "init", "--quiet", "--initial-branch=main")
    _write(root, "events/2025/01-alpha.md", EVENT.format(significance="notable"))
    positions = '  - claim: "Yes"\n  - claim: "No"'
    _write(root, "controversies/c.md", CONTROVERSY.format(positions=positions))
    commit_all(root, "Publish alpha and c", "2026-01-05T10:00:00+00:00")
    _write(root, "events/2025/01-alpha.md", EVENT.format(significance="major"))
    grown = positions + '\n  - claim: "It depends"'
    _write(root, "controversies/c.md", CONTROVERSY.format(positions=grown))
    _write(
        root,
        "challenges/ch-1.md",
        "---\nid: ch-1\ntarget_claim_id: alpha\nallegations: [overstatement]\nstatus: open\n"
        "opened_at: 2026-02-01\n---\n",
    )
    commit_all(root, "Challenge alpha", "2026-02-01T10:00:00+00:00")
    _write(
        root,
        "resolutions/res-1.md",
        "---\nid: res-1\ncase_id: ch-1\ndisposition: upheld\nfindings: [It was overstated.]\n"
        "actions: []\nissued_at: 2026-03-01\n---\n",
    )
    challenge = (root / "content" / "challenges" / "ch-1.md").read_text(encoding="utf-8")
    _write(
        root,
        "challenges/ch-1.md",
        challenge.replace("status: open", "status: sustained\nresolution_note_id: res-1"),
    )
    commit_all(root, "Resolve the challenge", "2026-03-01T10:00:00+00:00")
    return root


def test_diff_names_each_shift_of_understanding(repo: Path) -> None:
    done = compare_moments(
        repo, Settings(no_cache=True), parse_moment("2026-01-10"), parse_moment("2026-03-10")
    )

    found = {(s.what, s.id, s.before, s.after) for s in done.shifts}
    assert ("new", "ch-1", "", "") in found
    assert ("new", "res-1", "", "") in found
    assert ("new-position", "c#C", "", "") in found
    assert ("significance", "alpha", "notable", "major") in found
    assert ("challenge-opened", "ch-1", "", "") in found
    assert ("challenge-resolved", "ch-1", "", "sustained") in found
    assert ("status", "alpha", "window_open", "sustained") in found
    assert all(s.what != "removed" for s in done.shifts)


def test_diff_between_the_open_and_the_decided_case(repo: Path) -> None:
    done = compare_moments(
        repo, Settings(no_cache=True), parse_moment("2026-02-10"), parse_moment("2026-03-10")
    )

    found = {(s.what, s.id, s.before, s.after) for s in done.shifts}
    assert ("challenge-resolved", "ch-1", "open", "sustained") in found
    assert ("status", "alpha", "challenged", "sustained") in found
    assert not any(s.what == "challenge-opened" for s in done.shifts)


def test_the_cli_prints_groups_and_json(repo: Path) -> None:
    runner = CliRunner()

    human = runner.invoke(app, ["diff", "2026-01-10", "2026-03-10", str(repo)])
    as_json = runner.invoke(app, ["diff", "2026-01-10", "2026-03-10", str(repo), "-f", "json"])
    early = runner.invoke(app, ["diff", "2025-01-01", "2026-03-10", str(repo)])

    assert human.exit_code == 0, human.output
    assert "Challenges resolved\n  challenge ch-1 (alpha): — → sustained" in human.output
    assert "Significance changed\n  event alpha (Alpha happened in public): notable → major" in (
        human.output
    )
    document = json.loads(as_json.output)
    assert document["to"]["commit"] == git(repo, "rev-parse", "HEAD").strip()
    assert early.exit_code == 2
    assert "error[history]" in early.output
