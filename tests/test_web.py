"""The live server, in process: the same pages as the build, filters, search, errors."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from starlette.testclient import TestClient

from agora.engine import left_out_warning
from agora.errors import LedgerNotFoundError, ListenError
from agora.models import ledger as ledger_module
from agora.reader import corpus as corpus_module
from agora.settings import Settings
from agora.status import derive as derive_module
from agora.web import LiveSite, create_app
from agora.web import search as search_module
from agora.web.serve import _listen, _reachable, _watch, serve

from .clock import age
from .conftest import TODAY


@pytest.fixture
def site(sample: Path, settings: Settings) -> LiveSite:
    return LiveSite(sample, settings)


@pytest.fixture
def client(site: LiveSite) -> Iterator[TestClient]:
    with TestClient(create_app(site)) as test_client:
        yield test_client


def test_pages_are_served_in_both_languages(client: TestClient) -> None:
    english = client.get("/threads/open-weights-access-and-risk/")
    korean = client.get("/ko/threads/open-weights-access-and-risk/")

    assert english.status_code == korean.status_code == 200
    assert english.headers["content-type"] == "text/html; charset=utf-8"
    assert '<html lang="en">' in english.text
    assert '<html lang="ko">' in korean.text


def test_an_unchanged_page_answers_304(client: TestClient) -> None:
    first = client.get("/")
    again = client.get("/", headers={"if-none-match": first.headers["etag"]})

    assert again.status_code == 304
    assert again.content == b""


def test_the_timeline_filters_on_the_server(client: TestClient) -> None:
    page = client.get("/events/?category=policy&significance=landmark")

    assert page.status_code == 200
    assert page.text.count('class="entry-row"') == 2
    assert 'value="policy" checked' in page.text


def test_search_finds_every_kind_with_snippets(client: TestClient) -> None:
    page = client.get("/search/?q=llama")

    assert "9 results for “llama”" in page.text
    assert "/syntheses/open-weights-2023-2025/" in page.text
    assert "/controversies/open-weight-models-access-vs-proliferation/" in page.text
    assert "/posts/four-questions-inside-the-open-weights-debate/" in page.text
    assert 'class="snippet"' in page.text


def test_feeds_and_json_are_served_with_their_types(client: TestClient) -> None:
    assert client.get("/feeds/events.atom").headers["content-type"] == "application/atom+xml"
    assert client.get("/api/index.json").json()["version"] == 1


def test_unknown_paths_get_the_404_page(client: TestClient) -> None:
    missing = client.get("/events/no-such-event/")
    slashless = client.get("/events", follow_redirects=False)

    assert missing.status_code == 404
    assert "This page is not in the ledger" in missing.text
    assert slashless.status_code == 308
    assert slashless.headers["location"] == "/events/"


def test_only_reading_methods_are_allowed(client: TestClient) -> None:
    assert client.post("/").status_code == 405
    assert client.head("/").content == b""


def test_an_error_is_a_plain_500_page_without_details(
    client: TestClient, site: LiveSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: str, query: str = "") -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(site, "get", broken)
    response = client.get("/fresh-path/")

    assert response.status_code == 500
    assert "secret detail" not in response.text
    assert "Traceback" not in response.text


def test_a_reload_shows_the_changed_content(
    client: TestClient, site: LiveSite, sample: Path
) -> None:
    assert "Renamed thread" not in client.get("/threads/open-weights-access-and-risk/").text
    thread = sample / "content" / "threads" / "open-weights-access-and-risk.md"
    text = thread.read_text("utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    thread.write_text(text.replace(title, 'title: "Renamed thread"'), "utf-8")

    site.reload()

    assert "Renamed thread" in client.get("/threads/open-weights-access-and-risk/").text


def test_a_reload_reads_validates_and_indexes_only_the_changed_file(
    sample: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    age(sample)
    site = LiveSite(sample, settings)
    client = TestClient(create_app(site))
    assert "deepseek-r1-release" not in client.get("/search/?q=zebraquark").text
    calls: dict[str, int] = {}
    for module, name in (
        (corpus_module, "read_file"),
        (ledger_module, "validate_document"),
        (search_module, "search_document"),
        (derive_module._Context, "status"),
    ):
        monkeypatch.setattr(module, name, _counted(getattr(module, name), name, calls))
    event = sample / "content" / "events" / "2025" / "01-deepseek-r1-release.md"
    text = event.read_text("utf-8")
    event.write_text(text.replace("## Summary\n\n", "## Summary\n\nZebraquark. "), "utf-8")
    (sample / "content" / "events" / "2025" / "03-us-ai-action-plan.md").unlink()

    site.reload()

    # Statuses derived again: the edited event's, and the synthesis resting on its sources.
    assert calls == {
        "read_file": 1,
        "validate_document": 1,
        "search_document": 1,
        "status": 2,
    }
    assert "Zebraquark" in client.get("/events/deepseek-r1-release/").text
    assert "Zebraquark" in client.get("/api/events/deepseek-r1-release.json").text
    assert "deepseek-r1-release" in client.get("/search/?q=zebraquark").text
    assert client.get("/events/us-ai-action-plan/").status_code == 404
    assert client.get("/api/events/us-ai-action-plan.json").status_code == 404
    assert "us-ai-action-plan" not in client.get("/api/events/index.json").text


def _counted(function: Any, name: str, calls: dict[str, int]) -> Any:
    def counting(*args: Any, **kwargs: Any) -> Any:
        calls[name] = calls.get(name, 0) + 1
        return function(*args, **kwargs)

    return counting


def test_a_korean_tag_has_its_page_live_as_in_the_build(sample: Path, settings: Settings) -> None:
    event = sample / "content" / "events" / "2024" / "01-google-releases-gemma.md"
    text = event.read_text("utf-8")
    event.write_text(text.replace("tags: [gemma,", 'tags: ["모델", gemma,'), "utf-8")
    with TestClient(create_app(LiveSite(sample, settings))) as client:
        event_page = client.get("/events/google-releases-gemma/")
        tag_page = client.get("/tags/%EB%AA%A8%EB%8D%B8/")
        korean = client.get("/ko/tags/%EB%AA%A8%EB%8D%B8/")

    assert 'href="/tags/%EB%AA%A8%EB%8D%B8/"' in event_page.text
    assert tag_page.status_code == 200
    assert "Google releases Gemma" in tag_page.text
    assert korean.status_code == 200


def test_serving_says_why_it_cannot_listen() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ListenError, match=f"port {port} on 127.0.0.1 is already in use"):
            _listen("127.0.0.1", port)
    with pytest.raises(ListenError, match="not a port number"):
        _listen("127.0.0.1", 99999)
    with pytest.raises(ListenError, match="not an address of this machine"):
        _listen("999.1.1.1", 8000)
    free = _listen("127.0.0.1", 0)
    try:
        assert free.getsockname()[1] > 0
    finally:
        free.close()


def test_serving_reads_the_ledger_before_it_says_where(tmp_path: Path, settings: Settings) -> None:
    told: list[str] = []
    with pytest.raises(LedgerNotFoundError):
        serve(tmp_path / "missing", settings, "127.0.0.1", 0, started=told.append)
    assert told == []


def test_feeds_served_without_a_base_url_link_to_the_address_served(
    sample: Path, tmp_path: Path
) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AGORA_")}
    environment |= {"AGORA_TODAY": TODAY.isoformat(), "AGORA_CACHE_DIR": str(tmp_path / "c")}
    with subprocess.Popen(
        [sys.executable, "-m", "agora", "serve", str(sample), "--port", "0", "--no-reload"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=environment,
    ) as server:
        try:
            assert server.stdout is not None
            line = server.stdout.readline()
            address = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
            assert address is not None, line
            feed = _fetched(f"{address.group(1)}/feeds/events.xml")
            sitemap = _fetched(f"{address.group(1)}/sitemap.xml")
        finally:
            server.terminate()

    assert f"<link>{address.group(1)}/events/</link>" in feed
    assert f"{address.group(1)}/events/meta-llama-4-release/" in feed
    assert f"<loc>{address.group(1)}/events/meta-llama-4-release/</loc>" in sitemap
    assert ":8000" not in feed + sitemap


def _fetched(address: str) -> str:
    with urllib.request.urlopen(address, timeout=30) as answer:
        return str(answer.read().decode())


def test_a_wildcard_host_is_linked_through_loopback() -> None:
    assert _reachable("0.0.0.0", 8080) == "http://127.0.0.1:8080"
    assert _reachable("::", 8080) == "http://[::1]:8080"
    assert _reachable("192.168.1.4", 8080) == "http://192.168.1.4:8080"


def test_record_files_left_out_are_named(sample: Path, settings: Settings) -> None:
    broken = sample / "content" / "events" / "2024" / "07-broken-event.md"
    broken.write_text("---\nid: broken-event\ntitle: No date\n---\nText.\n", "utf-8")

    assert LiveSite(sample, settings).left_out == ("content/events/2024/07-broken-event.md",)


def test_the_warning_about_files_left_out_names_five_and_says_how_to_see_why() -> None:
    one = left_out_warning(("content/events/a.md",), Path("ledger"))
    seven = left_out_warning(tuple(f"content/events/{n}.md" for n in range(7)), Path("ledger"))

    assert one.startswith("warning: 1 record file has errors and no page: content/events/a.md\n")
    assert "7 record files have errors" in seven
    assert "content/events/4.md …" in seven
    assert "content/events/5.md" not in seven
    assert seven.endswith("hint: run 'agora validate ledger' to see each error and how to fix it.")


def test_the_timeline_form_shows_where_a_server_filters(client: TestClient) -> None:
    plain = HTMLParser(client.get("/events/").text).css_first("form#filters")
    filtered = HTMLParser(client.get("/events/?category=policy").text).css_first("form#filters")

    assert plain is not None
    assert filtered is not None
    assert "hidden" not in plain.attributes
    assert "hidden" not in filtered.attributes


def _listed(html: str) -> list[str]:
    return [
        a.attributes.get("href") or ""
        for a in HTMLParser(html).css("#results ol.entry-list a[href^='/events/']")
    ]


def test_a_static_timeline_page_given_filters_is_filtered_and_nothing_found_says_so(
    client: TestClient,
) -> None:
    filtered = _listed(client.get("/events/?category=policy").text)
    paged = client.get("/events/page/2/?category=policy")
    every = _listed(client.get("/events/").text)
    nothing = client.get("/events/?q=zzzzqqq")

    assert filtered
    assert len(filtered) < len(every)
    assert _listed(paged.text) == filtered  # page 2 of a short list is its only page
    assert "No entry matches every filter." in nothing.text
    assert "No entries yet." not in nothing.text
    empty = HTMLParser(nothing.text).css_first("#results p.empty a")
    assert empty is not None
    assert empty.attributes.get("href") == "/events/"


def test_the_about_page_shows_the_key_once_under_its_own_heading(client: TestClient) -> None:
    tree = HTMLParser(client.get("/about/").text)
    keys = tree.css("section.key")
    section = keys[0].parent if keys else None

    assert len(keys) == 1
    assert section is not None
    heading = section.css_first("h2")
    assert heading is not None
    assert heading.text(strip=True) == "Reading the badges"
    assert not keys[0].css("h2")
    assert "Single source" in keys[0].text()


def test_a_content_folder_named_in_latin_1_is_served_without_reloading_and_says_so(
    sample: Path, settings: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ledger = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"caf\xe9")))
    sample.rename(ledger)
    site = LiveSite(ledger, settings)
    stop = threading.Event()

    watcher = threading.Thread(target=_watch, args=(site, ledger / "content", stop))
    watcher.start()
    watcher.join(timeout=10)
    stop.set()

    assert not watcher.is_alive()  # it gave up at once instead of failing in its thread
    assert "caf\\xe9/content is not watched for changes" in caplog.text
    assert "\\udc" not in caplog.text
    assert TestClient(create_app(site)).get("/events/meta-llama-4-release/").status_code == 200
