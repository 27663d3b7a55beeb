"""The static site: every page and output is written, links resolve, builds are repeatable."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree

import pytest
from jinja2 import Environment
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from agora import engine
from agora.engine import build, compiled_templates, load
from agora.errors import TargetExistsError
from agora.models import Kind
from agora.reader import corpus as corpus_module
from agora.reader import read_corpus
from agora.settings import Settings
from agora.site import build as site_build
from agora.site import feeds, keys, machine
from agora.site import files as site_files
from agora.site.model import SiteModel
from agora.site.presence import presence

from .sitecheck import broken_fragments, broken_links, duplicate_ids, pages

CONTROVERSY = "open-weight-models-access-vs-proliferation"


@pytest.fixture
def site(sample: Path, settings: Settings, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    build(sample, out, settings)
    return out


def test_every_record_has_a_page_in_every_language(
    site: Path, sample: Path, settings: Settings
) -> None:
    _, ledger = load(sample, settings)

    for kind in Kind:
        for entry in ledger.entries(kind):
            assert (site / kind.folder / entry.id / "index.html").is_file(), (kind, entry.id)
            assert (site / "ko" / kind.folder / entry.id / "index.html").is_file(), (kind, entry.id)


def test_every_internal_link_resolves(site: Path) -> None:
    assert broken_links(site) == []
    assert broken_fragments(site) == []
    assert duplicate_ids(site) == []


def test_two_builds_write_the_same_bytes(sample: Path, settings: Settings, tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    build(sample, first, settings)
    build(sample, second, settings)

    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()] == []


def test_a_second_build_rewrites_nothing_and_removes_what_is_gone(
    sample: Path, settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(sample, out, settings)
    (sample / "content" / "posts" / "four-questions-inside-the-open-weights-debate.md").unlink()

    again = build(sample, out, settings)

    assert again.removed >= 2  # the post's page in both languages (and its JSON)
    assert not (out / "posts" / "four-questions-inside-the-open-weights-debate").exists()
    assert build(sample, out, settings).written == 0


def _settle(ledger: Path) -> None:
    """Date every file of ``ledger`` long ago, out of the window where a change could go
    unseen (a build trusts no fingerprint of files changed in the last two seconds)."""
    old = 1_600_000_000_000_000_000
    for path in ledger.rglob("*"):
        os.utime(path, ns=(old, old))


def _add_a_line(event: Path) -> None:
    """Append a line to the body of the record file ``event`` (front matter unchanged) and
    settle its ledger."""
    event.write_text(event.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    _settle(event.parents[3])


def _replace_in(event: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the record file ``event`` and settle its ledger."""
    event.write_text(event.read_text("utf-8").replace(old, new, 1), "utf-8")
    _settle(event.parents[3])


@pytest.mark.parametrize("apart", [False, True], ids=["here", "in-a-child"])
def test_an_unchanged_ledger_is_not_read_again_unless_an_output_went_missing(
    sample: Path, settings: Settings, tmp_path: Path, request: pytest.FixtureRequest, apart: bool
) -> None:
    # In a child, the files are looked for in a forked process, as on a large site.
    forks: list[int] = request.getfixturevalue("forks") if apart else []
    _settle(sample)
    out = tmp_path / "site"
    first = build(sample, out, settings)
    second = build(sample, out, settings)
    page = out / "ko" / "events" / "google-releases-gemma" / "index.html"
    kept = page.read_bytes()
    page.unlink()
    third = build(sample, out, settings)
    restored = page.read_bytes()
    event = sample / "content" / "events" / "2024" / "01-google-releases-gemma.md"
    _add_a_line(event)
    fourth = build(sample, out, settings)

    assert not first.skipped
    assert second.skipped
    assert (second.pages, second.files, second.written) == (first.pages, first.files, 0)
    assert not third.skipped
    assert third.written == 1
    assert restored == kept
    assert not fourth.skipped
    assert fourth.rendered == 4  # the event's page and the home page, in both languages
    assert len(forks) == (3 if apart else 0)  # the 2nd, 3rd and 4th builds had a manifest
    for pid in forks:  # none was left behind
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


@pytest.mark.parametrize("apart", [False, True], ids=["here", "in-a-child"])
def test_a_changed_ledger_looks_for_its_outputs_once_and_brings_back_a_missing_one(
    sample: Path,
    settings: Settings,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    apart: bool,
) -> None:
    if apart:
        request.getfixturevalue("forks")
    _settle(sample)
    out = tmp_path / "site"
    build(sample, out, settings)
    looked: list[str] = []

    @contextlib.contextmanager
    def counted(folder: Path) -> Iterator[Callable[[str], bool]]:
        with presence(folder) as there:

            def looking(name: str) -> bool:
                looked.append(name)
                return there(name)

            yield looking

    monkeypatch.setattr(keys, "presence", counted)
    event = sample / GEMMA
    page = out / "ko" / "actors" / "deepseek" / "index.html"
    kept = page.read_bytes()

    _add_a_line(event)
    build(sample, out, settings)
    assert looked == []  # every output was found there: none is looked for one by one
    _add_a_line(event)
    page.unlink()
    report = build(sample, out, settings)

    assert page.read_bytes() == kept
    assert "ko/actors/deepseek/index.html" in looked
    assert report.rendered == 6  # the event's page, the home page and the lost page, twice


def test_a_build_that_stops_half_way_leaves_the_next_one_trusting_no_key(
    sample: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _settle(sample)
    out = tmp_path / "site"
    build(sample, out, settings)
    manifest = (out / ".agora-build.json").read_bytes()
    event = sample / GEMMA
    _add_a_line(event)

    def stopped(*args: Any) -> int:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(site_build, "_remove_stale", stopped)  # after every file is written
        with pytest.raises(KeyboardInterrupt):
            build(sample, out, settings)
    assert (out / ".agora-build.json").read_bytes() == manifest  # not written again
    event.write_text(event.read_text("utf-8").removesuffix("\nOne more line.\n"), "utf-8")
    _settle(sample)  # back as the manifest describes it, but its page is the stopped build's
    again = build(sample, out, settings)
    fresh = tmp_path / "fresh"
    build(sample, fresh, settings)

    assert not again.skipped
    assert again.rendered == again.pages  # no page's key was trusted
    assert (out / "events" / "google-releases-gemma" / "index.html").read_bytes() == (
        fresh / "events" / "google-releases-gemma" / "index.html"
    ).read_bytes()
    assert not (out / ".agora-build.partial").exists()
    assert build(sample, out, settings).skipped


def test_a_damaged_or_older_manifest_costs_a_rebuild_never_an_error(
    sample: Path, settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    first = build(sample, out, settings)
    recorded = out / ".agora-build.json"
    written = recorded.read_bytes()
    head, _, blob = written.partition(b"\n")
    items = blob.decode("utf-8").split("\0")
    files = dict(zip(items[0::2], items[1::2], strict=False))
    assert json.loads(head)["files"] == first.files
    assert all(files[name] for name in files if name.endswith(".html"))
    older = {"format": 2, "inputs": "", "files": files}

    outcomes = {}
    for name, damage in {
        "format 2": json.dumps(older).encode(),
        "format 3": json.dumps({"format": 3, "inputs": "", "files": blob.decode()}).encode(),
        "cut short": written[:-30],
        "not JSON": b"\xff\xfe{",
        "counts not numbers": written.replace(b'"files":', b'"files":"', 1),
    }.items():
        recorded.write_bytes(damage)
        outcomes[name] = build(sample, out, settings).written

    # The digests an older manifest kept spare every write; a damaged one tells nothing.
    assert outcomes["format 2"] == 0
    assert outcomes["cut short"] == first.files
    assert outcomes["not JSON"] == first.files
    assert outcomes["counts not numbers"] == first.files
    assert build(sample, out, settings).written == 0


def test_a_folder_with_other_files_is_refused(
    sample: Path, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "mine.txt").write_text("keep me", "utf-8")

    with pytest.raises(TargetExistsError):
        build(sample, tmp_path, settings)

    assert (tmp_path / "mine.txt").read_text("utf-8") == "keep me"


def test_feeds_parse_and_list_events_newest_first(site: Path) -> None:
    rss = ElementTree.parse(site / "feeds" / "events.xml").getroot()
    atom = ElementTree.parse(site / "feeds" / "events.atom").getroot()
    feed = json.loads((site / "feeds" / "events.json").read_text("utf-8"))

    titles = [item.findtext("title") for item in rss.iter("item")]
    assert len(titles) == 13
    assert len(atom.findall("{http://www.w3.org/2005/Atom}entry")) == 13
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    dates = [item["date_published"] for item in feed["items"]]
    assert dates == sorted(dates, reverse=True)
    assert (site / "threads" / "open-weights-access-and-risk" / "feed.atom").is_file()
    assert (
        site / "controversies" / "open-weight-models-access-vs-proliferation" / "feed.json"
    ).is_file()


def test_feeds_stay_well_formed_when_the_base_address_has_quotes(
    sample: Path, settings: Settings, tmp_path: Path
) -> None:
    odd = settings.model_copy(update={"base_url": "https://example.org/a\"b'c&d"})
    out = tmp_path / "site"
    build(sample, out, odd)

    atom = ElementTree.parse(out / "feeds" / "events.atom").getroot()
    links = [link.get("href") for link in atom.iter("{http://www.w3.org/2005/Atom}link")]
    assert "https://example.org/a\"b'c&d/feeds/events.atom" in links
    rss = ElementTree.parse(out / "feeds" / "events.xml").getroot()
    assert rss.findtext("channel/link") == "https://example.org/a\"b'c&d/events/"
    ElementTree.parse(out / "sitemap.xml")


def test_the_static_timeline_hides_the_form_no_static_server_can_answer(site: Path) -> None:
    # Its script shows it again; without the script the facet pages do the filtering.
    page = HTMLParser((site / "events" / "index.html").read_text("utf-8"))
    form = page.css_first("form#filters")

    assert form is not None
    assert "hidden" in form.attributes
    assert page.css_first("noscript") is not None


@pytest.mark.parametrize("folder", ["years", "browse", "categories", "tags"])
def test_each_facet_folder_has_an_index_linking_every_page_in_it(site: Path, folder: str) -> None:
    for prefix in ("", "ko/"):
        index = site / prefix / folder / "index.html"
        tree = HTMLParser(index.read_text("utf-8"))
        linked = {a.attributes.get("href") for a in tree.css("main ul.facet-cloud a")}
        pages = {
            "/" + page.parent.relative_to(site).as_posix() + "/"
            for page in (site / prefix / folder).glob("**/index.html")
            if page != index and "page" not in page.parent.relative_to(site).parts
        }

        assert pages
        assert {unquote(p) for p in linked if p} == {unquote(p) for p in pages}


def test_machine_outputs(site: Path) -> None:
    sitemap = ElementTree.parse(site / "sitemap.xml").getroot()
    locations = [
        loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    record = json.loads(
        (
            site / "api" / "controversies" / "open-weight-models-access-vs-proliferation.json"
        ).read_text("utf-8")
    )
    index = json.loads((site / "api" / "events-index.json").read_text("utf-8"))

    assert "http://127.0.0.1:8000/events/meta-releases-llama-2/" in locations
    assert "http://127.0.0.1:8000/ko/events/meta-releases-llama-2/" in locations
    assert (
        (site / "robots.txt")
        .read_text("utf-8")
        .endswith("Sitemap: http://127.0.0.1:8000/sitemap.xml\n")
    )
    assert len(record["record"]["positions"]) == 4
    assert {b["kind"] for b in record["backlinks"]} >= {"thread", "post"}
    assert len(index["rows"]) == 13


def test_every_page_has_one_h1_a_title_and_a_language(site: Path) -> None:
    for page in pages(site):
        tree = HTMLParser(page.read_text("utf-8"))
        title, root = tree.css_first("title"), tree.css_first("html")
        assert len(tree.css("h1")) == 1, page
        assert title is not None, page
        assert title.text().strip(), page
        assert root is not None, page
        assert root.attributes.get("lang") in ("en", "ko"), page


def test_compiled_templates_are_kept_per_language_and_give_the_same_pages(
    sample: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uncached, cold, warm, damaged = (tmp_path / n for n in ("uncached", "cold", "warm", "bad"))
    build(sample, uncached, settings.model_copy(update={"no_cache": True}))
    build(sample, cold, settings)
    kept = compiled_templates(settings)
    assert kept is not None
    # The folder changes with the templates and catalogs too (labels are compiled in).
    with monkeypatch.context() as patched:
        patched.setattr(engine, "site_fingerprint", lambda: "a changed catalog")
        assert compiled_templates(settings) != kept
    names = sorted(p.name for p in kept.iterdir())
    # Jinja folds constant labels into the code, so each language has its own copy.
    assert any(n.startswith("en-") for n in names)
    assert any(n.startswith("ko-") for n in names)
    with monkeypatch.context() as patched:

        def no_compiling(*_: object, **__: object) -> None:
            raise AssertionError("a kept template was compiled again")

        patched.setattr(Environment, "compile", no_compiling)
        build(sample, warm, settings)  # loads every template from the folder
    for name in names:  # damaged files are compiled again, never a crash
        data = (kept / name).read_bytes()
        (kept / name).write_bytes(data[: len(data) // 2])
    build(sample, damaged, settings)

    for page in (
        "ko/index.html",
        "ko/404.html",
        "index.html",
        f"controversies/{CONTROVERSY}/index.html",
    ):
        expected = (uncached / page).read_bytes()
        assert (cold / page).read_bytes() == expected, page
        assert (warm / page).read_bytes() == expected, page
        assert (damaged / page).read_bytes() == expected, page
    assert "신뢰도 높음" in (warm / "ko" / "404.html").read_text("utf-8")


def test_two_events_with_one_id_keep_their_own_rows(
    sample: Path, settings: Settings, tmp_path: Path
) -> None:
    # A duplicated id is an error (I002), yet both events stay in the site's lists.
    events = sample / "content" / "events" / "2024"
    original = (events / "01-google-releases-gemma.md").read_text("utf-8")
    twin = original.replace(
        'title: "Google releases Gemma, its first open-weight models built from Gemini research"',
        'title: "A second event that reuses the Gemma id"',
    )
    assert twin != original
    (events / "07-twin.md").write_text(twin, "utf-8")
    out = tmp_path / "site"
    build(sample, out, settings)

    year = (out / "years" / "2024" / "index.html").read_text("utf-8")
    assert "A second event that reuses the Gemma id" in year
    assert "Google releases Gemma, its first open-weight models" in year


def test_compiled_templates_of_old_versions_are_pruned(
    sample: Path, settings: Settings, tmp_path: Path
) -> None:
    folder = settings.cache_dir / "templates"
    for age in range(5):  # what five earlier versions left
        old = folder / f"old-{age}"
        old.mkdir(parents=True)
        (old / "en-x.cache").write_bytes(b"")
        os.utime(old, ns=(0, (1_000_000 - age) * 1_000_000_000))
    build(sample, tmp_path / "site", settings)

    kept = compiled_templates(settings)
    assert kept is not None
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [kept.name, "old-0", "old-1", "old-2"]
    )


def test_static_files_are_linked_with_a_digest_of_their_bytes(site: Path) -> None:
    page = HTMLParser((site / "search" / "index.html").read_text("utf-8"))
    links = [node.attributes["href"] for node in page.css('link[rel="stylesheet"]')]
    links += [node.attributes["src"] for node in page.css("script[src]")]

    assert len(links) == 3  # the style sheet, the language switch and the search
    for link in links:
        assert link is not None
        path, _, version = link.partition("?v=")
        data = (site / path.lstrip("/")).read_bytes()
        assert version == hashlib.blake2b(data, digest_size=4).hexdigest(), link


def test_progress_hears_the_pages_rendered_up_to_the_last(
    sample: Path, settings: Settings, tmp_path: Path
) -> None:
    heard: list[tuple[int, int]] = []
    report = build(sample, tmp_path / "site", settings, progress=lambda *n: heard.append(n))

    assert report.rendered == report.pages > 0
    assert heard[-1] == (report.rendered, report.rendered)
    done = [count for count, _ in heard]
    assert done == sorted(done)
    assert {total for _, total in heard} == {report.rendered}


def test_tags_with_url_characters_or_korean_get_pages_every_list_links_to(
    sample: Path, settings: Settings, tmp_path: Path
) -> None:
    event = sample / "content" / "events" / "2024" / "01-google-releases-gemma.md"
    text = event.read_text("utf-8")
    tagged = text.replace("tags: [gemma,", 'tags: ["c# & f#?", "모델", "..", gemma,')
    assert tagged != text
    event.write_text(tagged, "utf-8")
    out = tmp_path / "site"
    build(sample, out, settings)

    assert broken_links(out) == []
    tags = (out / "tags" / "index.html").read_text("utf-8")
    assert 'href="/tags/c-f/"' in tags  # no "?" or "#" to cut the address short
    assert 'href="/tags/%EB%AA%A8%EB%8D%B8/"' in tags
    assert (out / "tags" / "모델" / "index.html").is_file()  # as a server decodes the address
    assert 'href="/tags/-/"' in tags  # ".." names no folder above
    assert (out / "tags" / "-" / "index.html").is_file()


def test_every_id_on_a_page_is_unique_and_every_fragment_link_lands(
    sample: Path, settings: Settings, tmp_path: Path
) -> None:
    # Sections whose titles repeat, or name a fixed part of the page, and a position whose
    # id is a fixed part's: each gets an id of its own, and the actor pages link to it.
    event = sample / "content" / "events" / "2024" / "01-google-releases-gemma.md"
    text = event.read_text("utf-8")
    event.write_text(
        text + "\n## Timeline\n\nA.\n\n## Notes\n\nB.\n\n## Notes\n\nC.\n\n## What's next?\n\nD.\n",
        "utf-8",
    )
    controversy = sample / "content" / "controversies" / f"{CONTROVERSY}.md"
    text = controversy.read_text("utf-8")
    assert "  - id: open-weights-democratise\n" in text
    controversy.write_text(
        text.replace("  - id: open-weights-democratise\n", "  - id: sources\n"), "utf-8"
    )
    out = tmp_path / "site"
    build(sample, out, settings)

    assert duplicate_ids(out) == []
    assert broken_fragments(out) == []
    page = HTMLParser((out / "events" / "google-releases-gemma" / "index.html").read_text("utf-8"))
    headings = [node.attributes.get("id") for node in page.css("section.record-section > h2")]
    assert {"timeline-2", "notes", "notes-2", "what-s-next"} <= set(headings)
    links = {
        node.attributes.get("href")
        for actor in (out / "actors").glob("*/index.html")
        for node in HTMLParser(actor.read_text("utf-8")).css(".holdings a[href]")
    }
    assert f"/controversies/{CONTROVERSY}/#sources-2" in links


def test_lifecycle_pages_show_names_dates_and_links_not_raw_fields(site: Path) -> None:
    page = site / "resolutions" / "governance-position-resolution" / "index.html"
    html = page.read_text("utf-8")
    tree = HTMLParser(html)
    box = tree.css_first("aside.infobox")
    assert box is not None
    terms = [node.text(strip=True) for node in box.css("dt")]
    links = {node.attributes.get("href") for node in box.css("a[href]")}

    assert "Disposition" in terms
    assert "Actions" in terms
    assert not any("_" in term or "." in term for term in terms)
    assert "{'" not in html  # no Python mapping printed
    assert "actions.0" not in html
    assert "/challenges/governance-position-overstated/" in links
    assert any(link and link.startswith(f"/controversies/{CONTROVERSY}/#") for link in links)
    assert "July 20, 2026" in box.text()
    title = tree.css_first("h1")
    assert title is not None
    assert "Governance position resolution" in title.text()
    korean = site / "ko" / "resolutions" / "governance-position-resolution" / "index.html"
    assert "처분" in korean.read_text("utf-8")


def test_linked_from_names_each_record_once_with_every_field_and_a_readable_title(
    site: Path,
) -> None:
    page = site / "controversies" / CONTROVERSY / "index.html"
    section = HTMLParser(page.read_text("utf-8")).css_first("section.backlinks")
    assert section is not None
    rows = {
        (link.attributes.get("href") or ""): item.text(separator=" ", strip=True)
        for item in section.css("li")
        if (link := item.css_first("a")) is not None
    }
    hrefs = [a.attributes.get("href") for a in section.css("li > a")]

    assert len(hrefs) == len(set(hrefs))
    revision = rows["/revisions/governance-status-revised/"]
    assert "Governance status revised" in revision
    assert "as the summary it revises" in revision
    assert "as a claim it changed" in revision
    assert "governance-position-overstated" not in section.text()


@pytest.mark.parametrize("folder", ["threads", "controversies"])
def test_thread_and_controversy_pages_advertise_their_own_feeds(site: Path, folder: str) -> None:
    record = next(path for path in (site / folder).iterdir() if (path / "feed.xml").is_file())
    tree = HTMLParser((record / "index.html").read_text("utf-8"))
    advertised = {
        node.attributes.get("href") for node in tree.css("head link[rel=alternate][href]")
    }
    shown = {node.attributes.get("href") for node in tree.css("aside.infobox a[href]")}
    own = {f"/{folder}/{record.name}/feed.{ending}" for ending in ("xml", "atom", "json")}

    assert own <= advertised
    assert own <= shown
    assert all((site / name.lstrip("/")).is_file() for name in own)


def _contestation_row(site: Path, event: str) -> tuple[str, list[str]]:
    """The contestation row's text and links on an event's page."""
    tree = HTMLParser((site / "events" / event / "index.html").read_text("utf-8"))
    for row in tree.css("aside.infobox .meta-row"):
        term, value = row.css_first("dt"), row.css_first("dd")
        if term is not None and value is not None and term.text(strip=True) == "Contestation":
            links = [a.attributes.get("href") or "" for a in value.css("a")]
            return value.text(separator=" ", strip=True).strip(), links
    raise AssertionError(f"no contestation row on {event}")


def _declare(event: Path, status: str) -> None:
    text = event.read_text("utf-8")
    declared = f"confidence: high\ncontestation:\n  status: {status}\n"
    assert "confidence: high\n" in text, event
    event.write_text(text.replace("confidence: high\n", declared, 1), "utf-8")


def test_an_event_s_contestation_row_shows_what_its_challenge_record_gives(
    sample: Path, settings: Settings, tmp_path: Path
) -> None:
    events = sample / "content" / "events" / "2023"
    _declare(events / "01-meta-releases-llama-2.md", "contested")
    _declare(events / "02-mistral-7b-release.md", "uncontested")
    build(sample, tmp_path / "site", settings)
    site = tmp_path / "site"

    assert _contestation_row(site, "meta-releases-llama-2") == (
        "Contested · derived: Uncontested",
        ["#analyst"],
    )
    assert _contestation_row(site, "mistral-7b-release") == ("Uncontested", [])
    assert _contestation_row(site, "us-executive-order-14110") == ("Uncontested", ["#analyst"])


def test_the_contestation_facet_files_each_event_under_what_its_page_shows(
    sample: Path, settings: Settings, tmp_path: Path
) -> None:
    _declare(sample / "content" / "events" / "2023" / "01-meta-releases-llama-2.md", "contested")
    build(sample, tmp_path / "site", settings)
    site = tmp_path / "site"
    filed: dict[str, set[str]] = {}
    for page in (site / "browse" / "contestation").glob("*/index.html"):
        tree = HTMLParser(page.read_text("utf-8"))
        heading = tree.css_first("h1")
        assert heading is not None
        for link in tree.css("ol.entry-list a[href^='/events/']"):
            event = (link.attributes.get("href") or "").split("/")[2]
            filed.setdefault(event, set()).add(heading.text(strip=True))
    index = json.loads((site / "api" / "events-index.json").read_text("utf-8"))
    column = index["fields"].index("contestation")
    listed = {row[0]: row[column] for row in index["rows"]}

    assert filed.keys() == listed.keys()
    for event, headings in filed.items():
        shown, _ = _contestation_row(site, event)
        assert len(headings) == 1, event
        assert shown.split(" · ")[0] in headings.pop(), event
    assert listed["meta-releases-llama-2"] == "contested"
    assert listed["us-executive-order-14110"] == "uncontested"  # declared nothing: derived
    assert "not recorded" not in listed.values()


def test_the_collector_is_paused_while_the_ledger_is_read_and_the_site_built(
    sample: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every record read lives until the build ends: a collection would only re-scan them.
    seen: dict[str, bool] = {}
    real_read, real_model = read_corpus, engine.site_model

    def read_watched(*args: object, **kwargs: object) -> object:
        seen["reading"] = gc.isenabled()
        return real_read(*args, **kwargs)  # type: ignore[arg-type]

    def model_watched(*args: object) -> object:
        seen["modelling"] = gc.isenabled()
        return real_model(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "read_corpus", read_watched)
    monkeypatch.setattr(engine, "site_model", model_watched)
    assert gc.isenabled()

    build(sample, tmp_path / "site", settings)
    load(sample, settings)

    assert seen == {"reading": False, "modelling": False}
    assert gc.isenabled()  # and it runs again afterwards


def test_a_body_edit_makes_again_only_the_feeds_that_list_the_event(
    sample: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = sample / "content" / "threads"
    (threads / "a-quiet-thread.md").write_text(
        "---\nid: a-quiet-thread\ntitle: A quiet thread\nstatus: active\n"
        "started: 2024-01-01\ncore_question: Does anything happen here?\n"
        "curator: mira-okafor\nevents: [mistral-7b-release]\n---\n\nNothing yet.\n",
        "utf-8",
    )
    _settle(sample)
    out = tmp_path / "site"
    build(sample, out, settings)
    quiet = (out / "threads" / "a-quiet-thread" / "feed.xml").read_bytes()
    event = sample / "content" / "events" / "2024" / "01-google-releases-gemma.md"
    _add_a_line(event)
    made: list[str] = []
    feed_group = feeds.feed_group

    def counted(model: SiteModel, base: str, stem: str, *rest: Any) -> Any:
        made.append(stem)
        return feed_group(model, base, stem, *rest)

    monkeypatch.setattr(feeds, "feed_group", counted)

    build(sample, out, settings)

    assert sorted(made) == [  # the feeds that list the edited event, and no other
        "controversies/open-weight-models-access-vs-proliferation/feed",
        "feeds/events",
        "threads/open-weights-access-and-risk/feed",
    ]
    assert (out / "threads" / "a-quiet-thread" / "feed.xml").read_bytes() == quiet


def _count_made(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """The calls that make the API's indexes and sitemaps, and the source files read."""
    indexes: list[str] = []
    sources: list[str] = []
    machine_files, read_source = machine.machine_files, site_files._source

    def made_indexes(*args: Any) -> Any:
        indexes.append("made")
        return machine_files(*args)

    def read(root: Path, path: str) -> bytes | None:
        sources.append(path)
        return read_source(root, path)

    monkeypatch.setattr(machine, "machine_files", made_indexes)
    monkeypatch.setattr(site_files, "_source", read)
    return indexes, sources


GEMMA = "content/events/2024/01-google-releases-gemma.md"


def test_a_body_edit_copies_only_its_source_and_keeps_the_indexes(
    sample: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    build(sample, out, settings)
    sitemap = (out / "sitemap.xml").read_bytes()
    event = sample / GEMMA
    _add_a_line(event)
    indexes, sources = _count_made(monkeypatch)

    build(sample, out, settings)

    assert indexes == []
    assert sources == [GEMMA]
    assert (out / "source" / GEMMA).read_bytes() == event.read_bytes()
    assert (out / "sitemap.xml").read_bytes() == sitemap


def test_a_front_matter_comment_changes_the_source_copy_and_no_page(
    sample: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    build(sample, out, settings)
    event = sample / GEMMA
    _replace_in(event, "---\n", "---\n# checked\n")
    indexes, sources = _count_made(monkeypatch)

    report = build(sample, out, settings)

    assert (report.written, indexes, sources) == (1, [], [GEMMA])  # its source copy alone
    assert (out / "source" / GEMMA).read_bytes() == event.read_bytes()


def test_a_title_edit_makes_the_indexes_again_and_a_lost_source_copy_comes_back(
    sample: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    build(sample, out, settings)
    event = sample / GEMMA
    _replace_in(event, "its first", "its very first")
    other = "content/actors/deepseek.yml"
    (out / "source" / other).unlink()
    indexes, sources = _count_made(monkeypatch)

    build(sample, out, settings)

    assert indexes == ["made"]
    assert sorted(sources) == sorted([GEMMA, other])
    assert (out / "source" / other).read_bytes() == (sample / other).read_bytes()
    listed = json.loads((out / "api" / "events" / "index.json").read_text("utf-8"))
    titles = {entry["id"]: entry["title"] for entry in listed}
    assert "its very first" in titles["google-releases-gemma"]


def test_without_a_parse_cache_the_reader_still_tells_which_source_changed(
    sample: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uncached = settings.model_copy(update={"no_cache": True})
    out = tmp_path / "site"
    build(sample, out, uncached)
    event = sample / GEMMA
    _add_a_line(event)
    _, sources = _count_made(monkeypatch)

    build(sample, out, uncached)

    assert sources == [GEMMA]  # every file was read and hashed, none parsed from a cache
    assert (out / "source" / GEMMA).read_bytes() == event.read_bytes()


def test_a_build_walks_the_ledger_s_folders_once(
    sample: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    walks: list[str] = []
    for module in (engine, corpus_module):
        real = module.find_files

        def counted(*args: Any, real: Any = real, **kwargs: Any) -> Any:
            walks.append("walk")
            return real(*args, **kwargs)

        monkeypatch.setattr(module, "find_files", counted)
    _settle(sample)

    first = build(sample, tmp_path / "site", settings)
    event = sample / GEMMA
    _add_a_line(event)
    second = build(sample, tmp_path / "site", settings)

    assert len(walks) == 2  # one per build, though each both fingerprints and reads it
    assert first.pages == second.pages
    assert second.written > 0
    assert (tmp_path / "site" / "source" / GEMMA).read_bytes() == event.read_bytes()
