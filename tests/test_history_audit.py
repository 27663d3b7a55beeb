"""The history audit, on the real history and on small repositories made for each rule."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agora.cli import app
from agora.errors import HistoryError
from agora.history import audit
from agora.settings import Settings

from .gitrepo import commit_all, git

# Every in-place edit of a published event in the real history: 6 events edited by a98ed2f
# (4 replaced their sources, 3 gained a thread; one did both) and 8 whose final_author was
# changed by acb2cd1. The controversies a98ed2f also edited kept their claims, and threads
# are living records: neither is reported.
REAL_FINDINGS = {
    ("a98ed2f", "content/events/2024/28-openai-12-days.md", "H002"),
    ("a98ed2f", "content/events/2026/02-anthropic-dod-debate.md", "H001"),
    ("a98ed2f", "content/events/2026/03-ai-coding-agents-explosion.md", "H002"),
    ("a98ed2f", "content/events/2026/04-gpt-5-release.md", "H001"),
    ("a98ed2f", "content/events/2026/05-ai-copyright-chardet.md", "H001"),
    ("a98ed2f", "content/events/2026/05-ai-copyright-chardet.md", "H002"),
    ("a98ed2f", "content/events/2026/06-metr-study-ai-slowdown.md", "H001"),
    *(
        ("acb2cd1", f"content/events/2026/{name}.md", "H003")
        for name in (
            "22-openai-trusted-access-cyber",
            "23-openai-gpt-rosalind",
            "24-openai-executive-departures-april-2026",
            "25-nsa-mythos-access-dod-blacklist",
            "26-cerebras-ipo-filing-2026",
            "27-anthropic-amazon-aws-deal-2026",
            "28-spacex-cursor-acquisition-option",
            "29-openai-gpt-5-5-release",
        )
    ),
}


def test_the_real_history_has_exactly_the_known_in_place_edits(
    real_history: Path, settings: Settings
) -> None:
    done = audit(real_history, settings)

    found = {(f.commit[:7], f.problem.path, f.problem.code) for f in done.findings}
    assert done.commits == 39
    assert found == REAL_FINDINGS
    assert all(f.kind.value == "event" for f in done.findings)
    final_author = next(f for f in done.findings if f.commit.startswith("acb2cd1"))
    assert final_author.changes[0].describe() == (
        "revision.final_author: pedro-bright → terry-tang"
    )
    assert final_author.author == "pedro-bright"
    assert final_author.problem.line > 0


def test_the_real_history_as_a_ci_gate_on_its_last_commits(
    real_history: Path, settings: Settings
) -> None:
    done = audit(real_history, settings, since="HEAD~5")

    assert done.commits == 5
    assert done.findings == ()


# --- one rule at a time, on a repository made for it

EVENT = """---
id: {id}
title: "Event {id} happened"
date: 2026-01-01
category: models
significance: notable
{extra}sources:
  - url: https://news.example.org/{id}
    title: "Report on {id}"
    type: secondary_reporting
---

## Summary

What happened.
"""


def _event(root: Path, record_id: str, extra: str = "", **replace: str) -> Path:
    path = root / "content" / "events" / "2026" / f"01-{record_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = EVENT.format(id=record_id, extra=extra)
    for old, new in replace.items():
        text = text.replace(old.replace("_", " "), new)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "ledger"
    (root / "content" / "threads").mkdir(parents=True)
    git(root, "init", "--quiet", "--initial-branch=main")
    _event(root, "alpha")
    _event(root, "beta", extra="state: draft\n")
    commit_all(root, "Publish alpha, draft beta", "2026-01-02T10:00:00+00:00")
    return root


def _codes(root: Path, settings: Settings, since: str | None = None) -> list[tuple[str, str]]:
    return [(f.problem.code, f.record_id) for f in audit(root, settings, since).findings]


def test_a_kernel_edit_is_an_error_and_a_revision_makes_it_a_record(
    repo: Path, settings: Settings
) -> None:
    path = _event(repo, "alpha")
    retitled = path.read_text().replace("alpha happened", "alpha was announced")
    path.write_text(retitled, encoding="utf-8")
    commit_all(repo, "Retitle alpha", "2026-01-03T10:00:00+00:00")
    assert _codes(repo, settings) == [("H001", "alpha")]

    revision = repo / "content" / "revisions" / "rev-alpha.md"
    revision.parent.mkdir(parents=True)
    revision.write_text(
        "---\nid: rev-alpha\ntarget_summary_id: alpha\nreason: The title overstated it.\n---\n",
        encoding="utf-8",
    )
    path.write_text(path.read_text().replace("was announced", "was planned"), encoding="utf-8")
    commit_all(repo, "Retitle alpha again, with a revision", "2026-01-04T10:00:00+00:00")

    findings = audit(repo, settings).findings
    assert [(f.problem.code, f.revision) for f in findings] == [("H001", ""), ("H003", "rev-alpha")]
    assert "recorded by revision rev-alpha" in findings[1].problem.message
    assert findings[0].changes[0].describe() == (
        "title: Event alpha happened → Event alpha was announced"
    )


def test_enrichment_metadata_and_documented_significance(repo: Path, settings: Settings) -> None:
    path = _event(repo, "alpha")
    text = path.read_text()
    tagged = text.replace("significance: notable\n", "significance: notable\ntags: [x]\n")
    path.write_text(tagged, encoding="utf-8")
    commit_all(repo, "Tag alpha", "2026-01-03T10:00:00+00:00")
    path.write_text(
        tagged.replace(
            "significance: notable\n",
            "significance: major\nsignificance_history:\n"
            "  - level: major\n    date: 2026-01-04\n    reason: It set a precedent.\n"
            "revision:\n  last_reviewed: 2026-01-04\n",
        ),
        encoding="utf-8",
    )
    commit_all(repo, "Raise alpha's significance, with its history", "2026-01-04T10:00:00+00:00")

    assert _codes(repo, settings) == [("H002", "alpha"), ("H003", "alpha")]


def test_drafts_new_files_threads_and_controversy_sources_are_not_edits(
    repo: Path, settings: Settings
) -> None:
    beta = _event(repo, "beta", extra="state: draft\n")
    beta.write_text(beta.read_text().replace("beta happened", "beta occurred"), encoding="utf-8")
    _event(repo, "gamma")
    (repo / "content" / "threads" / "t.md").write_text(
        "---\nid: t\ntitle: A thread\nstatus: active\nstarted: 2026-01-01\n"
        "core_question: What is the question here?\ncurator: c\nevents: [alpha]\n---\n",
        encoding="utf-8",
    )
    commit_all(repo, "Work on the draft, add gamma and a thread", "2026-01-03T10:00:00+00:00")
    thread = repo / "content" / "threads" / "t.md"
    thread.write_text(thread.read_text().replace("[alpha]", "[alpha, gamma]"), encoding="utf-8")
    commit_all(repo, "Grow the thread", "2026-01-04T10:00:00+00:00")

    assert _codes(repo, settings) == []


def test_deleting_a_published_event_is_an_error(repo: Path, settings: Settings) -> None:
    _event(repo, "alpha").unlink()
    commit_all(repo, "Remove alpha", "2026-01-03T10:00:00+00:00")

    findings = audit(repo, settings).findings
    assert [(f.problem.code, f.record_id) for f in findings] == [("H001", "alpha")]
    assert "published record deleted" in findings[0].problem.message


def test_a_pull_request_audits_only_records_published_before_it(
    repo: Path, settings: Settings
) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    _event(repo, "gamma")
    commit_all(repo, "Add gamma", "2026-01-03T10:00:00+00:00")
    gamma = _event(repo, "gamma")
    fixed = gamma.read_text().replace("gamma happened", "gamma occurred")
    gamma.write_text(fixed, encoding="utf-8")
    alpha = _event(repo, "alpha")
    alpha.write_text(alpha.read_text().replace("models", "policy"), encoding="utf-8")
    commit_all(repo, "Fix gamma, recategorise alpha", "2026-01-04T10:00:00+00:00")

    assert _codes(repo, settings, since=base) == [("H001", "alpha")]
    assert _codes(repo, settings) == [("H001", "alpha"), ("H001", "gamma")]


def test_the_cli_gate_exits_1_and_speaks_github(repo: Path) -> None:
    alpha = _event(repo, "alpha")
    alpha.write_text(alpha.read_text().replace("2026-01-01", "2026-01-02"), encoding="utf-8")
    commit_all(repo, "Redate alpha", "2026-01-03T10:00:00+00:00")
    runner = CliRunner()

    gate = runner.invoke(app, ["audit", str(repo), "--since", "HEAD~1", "--format", "github"])
    as_json = runner.invoke(app, ["audit", str(repo), "--format", "json"])
    lenient = runner.invoke(app, ["audit", str(repo), "--fail-on", "error", "--since", "HEAD"])

    assert gate.exit_code == 1
    assert gate.output.startswith("::error file=")
    assert "title=H001 kernel-edited::event alpha: date changed in place" in gate.output
    assert gate.output.splitlines()[-1] == "1 error, 0 warnings, 0 info in 1 commit"
    document = json.loads(as_json.output)
    assert document["findings"][0]["changes"] == [
        {"field": "date", "before": "2026-01-01", "after": "2026-01-02"}
    ]
    assert document["findings"][0]["commit"]["subject"] == "Redate alpha"
    assert lenient.exit_code == 0


def test_a_ledger_outside_git_is_told_how_to_fix_it(tmp_path: Path, settings: Settings) -> None:
    _event(tmp_path / "plain", "alpha")

    with pytest.raises(HistoryError, match="not in a git repository"):
        audit(tmp_path / "plain", settings)
    result = CliRunner().invoke(app, ["audit", str(tmp_path / "plain")])
    assert result.exit_code == 2
    assert "error[history]" in result.output
