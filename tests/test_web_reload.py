"""The live server after a change: a body edit takes the new documents in place and
forgets only the pages that show them; anything else reads the ledger again."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from agora import engine
from agora.settings import Settings
from agora.web import LiveSite, create_app
from agora.web.serve import _reloaded, _watch

from .clock import age
from .gitrepo import commit_all, git

DEEPSEEK = Path("content/events/2025/01-deepseek-r1-release.md")
OTHER = "/events/us-ai-action-plan/"


def _edit_body(sample: Path, word: str = "Zebraquark") -> Path:
    """Put ``word`` at the start of the DeepSeek event's summary; the file."""
    event = sample / DEEPSEEK
    text = event.read_text("utf-8")
    event.write_text(text.replace("## Summary\n\n", f"## Summary\n\n{word}. ", 1), "utf-8")
    return event


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The ledgers read whole from here on (a test clears it once its site is up)."""
    counted = _Counted(engine.load)
    monkeypatch.setattr(engine, "load", counted)
    return counted.read


class _Counted:
    """``engine.load``, noting each ledger it reads."""

    def __init__(self, load: Callable[..., Any]) -> None:
        self.load = load
        self.read: list[Path] = []

    def __call__(self, path: Path, *args: Any, **kwargs: Any) -> Any:
        self.read.append(path)
        return self.load(path, *args, **kwargs)


def _served(sample: Path, settings: Settings) -> tuple[LiveSite, TestClient]:
    """The sample served, with a few pages and files asked for (and so kept)."""
    age(sample)
    site = LiveSite(sample, settings)
    client = TestClient(create_app(site))
    for path in (
        "/",
        OTHER,
        "/events/deepseek-r1-release/",
        "/ko/events/deepseek-r1-release/",
        "/feeds/events.atom",
        "/api/events/deepseek-r1-release.json",
        "/sitemap.xml",
    ):
        assert client.get(path).status_code == 200
    return site, client


def test_a_body_edit_reads_one_file_and_forgets_only_what_shows_it(
    sample: Path, settings: Settings, loads: list[Path]
) -> None:
    site, client = _served(sample, settings)
    loads.clear()
    other = site.cached(OTHER)

    taken = site.reload(changed={_edit_body(sample)})

    assert taken == 1
    assert loads == []
    assert site.cached(OTHER) is other
    assert site.cached("/events/deepseek-r1-release/") is None
    assert site.cached("/") is None  # the home page quotes the featured event's summary
    for path in (
        "/events/deepseek-r1-release/",
        "/ko/events/deepseek-r1-release/",
        "/api/events/deepseek-r1-release.json",
        "/feeds/events.atom",
        f"/source/{DEEPSEEK.as_posix()}",
    ):
        assert "Zebraquark" in client.get(path).text, path
    assert "deepseek-r1-release" in client.get("/search/?q=zebraquark").text


def test_a_second_body_edit_replaces_the_first(
    sample: Path, settings: Settings, loads: list[Path]
) -> None:
    site, client = _served(sample, settings)
    loads.clear()
    site.reload(changed={_edit_body(sample, "Zebraquark")})
    event = sample / DEEPSEEK
    event.write_text(event.read_text("utf-8").replace("Zebraquark", "Quaggaflux"), "utf-8")

    site.reload(changed={event})

    assert loads == []
    page = client.get("/events/deepseek-r1-release/").text
    assert "Quaggaflux" in page
    assert "Zebraquark" not in page
    assert "deepseek-r1-release" not in client.get("/search/?q=zebraquark").text
    assert "deepseek-r1-release" in client.get("/search/?q=quaggaflux").text


def test_a_hidden_file_is_passed_over(sample: Path, settings: Settings, loads: list[Path]) -> None:
    site, _ = _served(sample, settings)
    loads.clear()
    other = site.cached(OTHER)
    swap = sample / "content" / "events" / "2025" / ".01-deepseek-r1-release.md.swp"
    swap.write_bytes(b"\x00editor state")

    site.reload(changed={swap, sample / "content" / "events" / "2025" / "4913"})

    assert loads == []
    assert site.cached(OTHER) is other


def _front_matter(sample: Path, settings: Settings, site: LiveSite) -> Path:
    event = sample / DEEPSEEK
    text = event.read_text("utf-8")
    event.write_text(text.replace("title:", "title: Zebraquark release\nold_title:", 1), "utf-8")
    return event


def _new_file(sample: Path, settings: Settings, site: LiveSite) -> Path:
    copy = sample / "content" / "events" / "2025" / "09-zebraquark.md"
    text = (sample / DEEPSEEK).read_text("utf-8")
    copy.write_text(text.replace("id: deepseek-r1-release", "id: zebraquark"), "utf-8")
    return copy


def _deleted(sample: Path, settings: Settings, site: LiveSite) -> Path:
    (sample / DEEPSEEK).unlink()
    return sample / DEEPSEEK


def _next_day(sample: Path, settings: Settings, site: LiveSite) -> Path:
    assert settings.today is not None
    site.settings = settings.model_copy(update={"today": settings.today + timedelta(days=1)})
    return _edit_body(sample)


def _new_commit(sample: Path, settings: Settings, site: LiveSite) -> Path:
    changed = _edit_body(sample)
    commit_all(sample, "Edit the summary", "2026-01-03T10:00:00+00:00")
    return changed


@pytest.mark.parametrize(
    "change", [_front_matter, _new_file, _deleted, _next_day, _new_commit], ids=lambda f: f.__name__
)
def test_any_other_change_reads_the_ledger_again(
    sample: Path,
    settings: Settings,
    loads: list[Path],
    change: Callable[[Path, Settings, LiveSite], Path],
) -> None:
    git(sample, "init", "--quiet", "-b", "main")
    commit_all(sample, "The sample", "2026-01-02T10:00:00+00:00")
    site, client = _served(sample, settings)
    loads.clear()

    taken = site.reload(changed={change(sample, settings, site)})

    assert taken is None
    assert loads == [sample]
    assert site.cached(OTHER) is None
    assert client.get(OTHER).status_code == 200


def test_a_page_made_while_the_site_reloads_is_not_kept(sample: Path, settings: Settings) -> None:
    site = LiveSite(sample, settings)
    renderer = site._state.renderer
    render = renderer.render

    def reloading(language: str, template: str, context: dict[str, Any]) -> str:
        site.reload()  # a change lands while the page is being made
        return render(language, template, context)

    renderer.render = reloading  # type: ignore[method-assign]

    assert site.get(OTHER).status == 200
    assert site.cached(OTHER) is None


def test_the_watcher_hands_the_changed_files_to_the_reload_and_says_what_it_did(
    sample: Path, settings: Settings, loads: list[Path], caplog: pytest.LogCaptureFixture
) -> None:
    site, client = _served(sample, settings)
    loads.clear()
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(site, sample / "content", stop))
    watcher.start()
    try:
        deadline = time.monotonic() + 20
        seen = False
        while not seen and time.monotonic() < deadline:
            _edit_body(sample, "Zebraquark")  # again until the watcher has started
            time.sleep(0.5)
            seen = "Zebraquark" in client.get("/events/deepseek-r1-release/").text
    finally:
        stop.set()
        watcher.join(timeout=10)

    assert seen
    assert loads == []
    assert "content changed (1 file); text of 1 record updated in " in caplog.text


def test_the_log_says_how_a_reload_went() -> None:
    assert _reloaded(3, None, 12.345) == "content changed (3 files); ledger read again in 12.35 s"
    assert _reloaded(2, 2, 0.5) == "content changed (2 files); text of 2 records updated in 0.50 s"


def test_after_a_body_edit_pages_are_those_of_a_fresh_server_and_stay_so(
    sample: Path, settings: Settings, tmp_path: Path
) -> None:
    site, client = _served(sample, settings)
    site.reload(changed={_edit_body(sample)})
    shutil.copytree(sample, tmp_path / "fresh")
    fresh = TestClient(create_app(LiveSite(tmp_path / "fresh", settings)))
    paths = ("/", "/events/deepseek-r1-release/", OTHER, "/threads/", "/feeds/events.json")

    swapped = {path: client.get(path).text for path in paths}
    site.reload()  # the whole ledger, after the swap

    for path in paths:
        assert swapped[path] == fresh.get(path).text, path
        assert client.get(path).text == fresh.get(path).text, path


def test_search_follows_records_whose_rows_moved_between_edits(
    sample: Path, settings: Settings
) -> None:
    site, client = _served(sample, settings)
    site.reload(changed={_edit_body(sample, "Zebraquark")})
    newest = _new_file(sample, settings, site)
    newest.write_text(
        newest.read_text("utf-8")
        .replace("date: 2025-01-20", "date: 2026-10-30")
        .replace("Zebraquark", "Okapiwhirl"),
        "utf-8",
    )
    site.reload()  # a record first in reading order: every event's row moves
    event = sample / DEEPSEEK
    event.write_text(event.read_text("utf-8").replace("Zebraquark", "Quaggaflux"), "utf-8")

    site.reload(changed={event})

    assert "deepseek-r1-release" in client.get("/search/?q=quaggaflux").text
    assert "/events/deepseek-r1-release/" not in client.get("/search/?q=zebraquark").text
    assert "/events/zebraquark/" in client.get("/search/?q=okapiwhirl").text
    assert "deepseek-r1-release" not in client.get("/search/?q=okapiwhirl").text
