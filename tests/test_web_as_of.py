"""/as-of/DATE/... in the live server: the ledger as it stood at the end of that day, from a
real git repository, with every link kept in that past."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from agora.settings import Settings
from agora.web import LiveSite, create_app

from .gitrepo import commit_all, git

LATER = "content/events/2025/04-openai-gpt-oss-release.md"
CASE = "content/challenges/governance-position-overstated.md"


@pytest.fixture
def repo(sample: Path) -> Path:
    """The sample ledger committed in two steps: without gpt-oss and the lifecycle example
    on 2026-03-01, then with them on 2026-09-01."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    held = sample.parent / "held"
    held.mkdir()
    later = [LATER, *(p.relative_to(sample).as_posix() for p in _lifecycle(sample))]
    for relative in later:
        (held / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(sample / relative, held / relative)
    git(sample, "init", "--quiet", "--initial-branch=main")
    commit_all(sample, "The ledger before gpt-oss", "2026-03-01T12:00:00+00:00")
    for relative in later:
        shutil.move(held / relative, sample / relative)
    commit_all(sample, "gpt-oss and a challenge", "2026-09-01T12:00:00+00:00")
    return sample


def _lifecycle(root: Path) -> list[Path]:
    folders = ("challenges", "resolutions", "revisions", "memos", "syntheses")
    return [p for f in folders for p in (root / "content" / f).glob("*.md")]


@pytest.fixture
def client(repo: Path, settings: Settings) -> Iterator[TestClient]:
    site = LiveSite(repo, settings)
    with TestClient(create_app(site)) as test_client:
        yield test_client


def test_a_past_day_shows_the_ledger_as_it_stood_then(client: TestClient) -> None:
    then = client.get("/as-of/2026-06-30/events/")
    later = client.get("/as-of/2026-06-30/events/openai-gpt-oss-release/")
    now = client.get("/as-of/2026-10-01/events/openai-gpt-oss-release/")

    assert then.status_code == 200
    assert "You are reading the ledger as it stood on" in then.text
    assert "openai-gpt-oss-release" not in then.text
    assert later.status_code == 404
    assert now.status_code == 200
    assert "You are reading the ledger as it stood on" in now.text


def test_links_stay_in_the_past(client: TestClient) -> None:
    page = client.get("/as-of/2026-06-30/")
    links = re.findall(r'(?:href|src|action)="(/[^"]*)"', page.text)

    assert links
    assert all(link.startswith("/as-of/2026-06-30/") for link in links), [
        link for link in links if not link.startswith("/as-of/2026-06-30/")
    ]
    assert 'data-base="/as-of/2026-06-30"' in page.text
    assert client.get("/as-of/2026-06-30/static/site.css").status_code == 200
    assert client.get("/as-of/2026-06-30/ko/events/").status_code == 200


def test_a_record_file_is_served_as_it_stood_then(repo: Path, client: TestClient) -> None:
    event = "content/events/2025/01-deepseek-r1-release.md"
    now = (repo / event).read_bytes()
    (repo / event).write_bytes(now.replace(b"DeepSeek", b"Deepseek"))
    commit_all(repo, "Deepseek spelled as its makers do", "2026-10-01T12:00:00+00:00")

    then = client.get(f"/as-of/2026-06-30/source/{event}")
    gone = client.get(f"/as-of/2026-06-30/source/{LATER}")

    assert then.status_code == 200
    assert then.content == now
    assert b"DeepSeek" in then.content
    assert gone.status_code == 404


def test_a_case_opened_later_is_not_in_the_past(client: TestClient) -> None:
    path = "/controversies/open-weight-models-access-vs-proliferation/"
    before = client.get("/as-of/2026-06-30" + path).text
    after = client.get("/as-of/2026-10-01" + path).text
    present = client.get(path).text

    assert "governance-position-overstated" not in before
    assert "Challenge history" in after
    assert "governance-position-overstated" in after
    assert "governance-position-overstated" in present


def test_a_day_before_the_history_or_no_day_at_all_is_not_found_and_says_why(
    client: TestClient,
) -> None:
    before = client.get("/as-of/2020-01-01/")
    not_a_day = client.get("/as-of/2026-13-45/")
    future = client.get("/as-of/2099-01-01/")  # after today
    korean = client.get("/as-of/2020-01-01/ko/events/")

    assert [r.status_code for r in (before, not_a_day, future, korean)] == [404] * 4
    assert "The ledger cannot be shown as of this day" in before.text
    assert "The ledger's history starts after 2020-01-01." in before.text
    assert "“2026-13-45” is not a day." in not_a_day.text
    assert "2099-01-01 has not come yet" in future.text
    assert '<html lang="ko">' in korean.text
    assert "2020-01-01 이후에 시작됩니다" in korean.text


def test_a_ledger_without_git_says_it_has_no_past(sample: Path, settings: Settings) -> None:
    with TestClient(create_app(LiveSite(sample, settings))) as plain:
        response = plain.get("/as-of/2026-03-01/")

    assert response.status_code == 404
    assert "This ledger is not kept in git" in response.text
    assert "Traceback" not in response.text


def test_a_slashless_past_page_redirects_within_the_past(client: TestClient) -> None:
    response = client.get("/as-of/2026-06-30/events", follow_redirects=False)

    assert response.status_code == 308
    assert response.headers["location"] == "/as-of/2026-06-30/events/"


def test_a_ledger_its_repository_does_not_track_has_no_past(
    sample: Path, settings: Settings
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    outer = sample.parent
    (outer / "README.md").write_text("Another project.\n", "utf-8")
    git(outer, "init", "--quiet", "--initial-branch=main")
    git(outer, "add", "README.md")  # the ledger inside stays untracked
    git(outer, "commit", "--quiet", "-m", "Another project", when="2026-01-01T12:00:00+00:00")
    with TestClient(create_app(LiveSite(sample, settings))) as client:
        response = client.get("/as-of/2026-03-01/")

    assert response.status_code == 404
    assert "This ledger is not kept in git" in response.text
