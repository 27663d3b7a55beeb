"""Building for real: the whole real corpus, a git history, parallel workers, rebuilds."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from agora.engine import build, load, site_model
from agora.history import chronicle
from agora.models import Kind
from agora.reader.parallel import map_batches
from agora.settings import Settings
from agora.site import build as site_build
from agora.site import machine, search_update
from agora.site.model import SiteModel

from .conftest import CORPUS, TODAY, _require
from .gitrepo import git
from .sitecheck import broken_fragments, broken_links, duplicate_ids, shared_titles

EVENT = "content/events/2025/02-meta-llama-4-release.md"


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    corpus = _require(CORPUS)
    root = tmp_path_factory.mktemp("corpus-site")
    out = root / "site"
    build(corpus, out, Settings(today=TODAY, cache_dir=root / "cache", workers=2))
    return corpus, out


def test_the_real_corpus_builds_with_every_record_on_a_page(
    corpus_site: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, out = corpus_site
    _, ledger = load(corpus, Settings(today=TODAY, cache_dir=tmp_path / "cache"))

    missing = [
        (kind.value, entry.id)
        for kind in Kind
        for entry in ledger.entries(kind)
        for prefix in ("", "ko/")
        if not (out / prefix / kind.folder / entry.id / "index.html").is_file()
    ]
    assert sum(1 for _ in ledger.events) > 100
    assert missing == []


def test_every_internal_link_of_the_real_corpus_site_resolves(
    corpus_site: tuple[Path, Path],
) -> None:
    _, out = corpus_site

    assert broken_links(out) == []
    assert broken_fragments(out) == []
    assert duplicate_ids(out) == []


def test_no_two_pages_of_the_real_corpus_site_share_a_title(
    corpus_site: tuple[Path, Path],
) -> None:
    _, out = corpus_site

    assert shared_titles(out) == []


def test_real_corpus_pages_list_each_record_once_and_events_newest_first(
    corpus_site: tuple[Path, Path],
) -> None:
    _, out = corpus_site
    checked = 0
    for page in sorted((out / "events").glob("*/index.html")):
        tree = HTMLParser(page.read_text("utf-8"))
        lists = {
            heading.text(strip=True): section
            for section in tree.css("section.record-section")
            if (heading := section.css_first("h2")) is not None
        }
        related = _hrefs(lists.get("Related entries"))
        mates = lists.get("Elsewhere in its threads")
        if mates is not None:
            days = [t.attributes.get("datetime") or "" for t in mates.css("li > time")]
            assert days == sorted(days, reverse=True), page
            assert not related & _hrefs(mates), page
            checked += 1
        rail = tree.css_first("aside.rail-left ul.rail-stack")
        if rail is not None:
            days = [span.text(strip=True) for span in rail.css("span.meta")]
            assert days == sorted(days, reverse=True), page
        assert not related & _hrefs(tree.css_first("section.backlinks")), page
    assert checked > 50


def _hrefs(node: Any) -> set[str]:
    """The event pages ``node`` links to."""
    if node is None:
        return set()
    found = {a.attributes.get("href") or "" for a in node.css("a[href]")}
    return {href for href in found if href.startswith("/events/")}


def test_real_corpus_sources_without_a_type_are_noted_not_badged(
    corpus_site: tuple[Path, Path],
) -> None:
    _, out = corpus_site
    page = out / "controversies" / "open-weights-risk-benefit" / "index.html"
    tree = HTMLParser(page.read_text("utf-8"))

    notes = [n.text(strip=True) for n in tree.css("ol.sources .source-untyped")]
    assert notes
    assert set(notes) == {"Type not given"}
    assert not tree.css("ol.sources .source-type.type-untyped")
    assert all("Untyped" not in p.read_text("utf-8") for p in out.glob("**/index.html"))


def test_the_real_corpus_links_no_kind_it_has_no_records_of(
    corpus_site: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, out = corpus_site
    _, ledger = load(corpus, Settings(today=TODAY, cache_dir=tmp_path / "cache"))
    counts = ledger.counts()
    tree = HTMLParser((out / "index.html").read_text("utf-8"))
    footer = {a.attributes.get("href") for a in tree.css("nav.footer-kinds a")}
    top = {a.attributes.get("href") for a in tree.css("nav.sitenav a")}

    assert {f"/{k.folder}/" for k in Kind if counts.get(k)} <= footer
    assert not {f"/{k.folder}/" for k in Kind if not counts.get(k)} & (footer | top)
    assert any(not counts.get(k) for k in Kind)  # else this test shows nothing


@pytest.fixture
def history(sample: Path) -> Path:
    """The sample ledger as a git repository: all of it committed on 2 January 2026,
    then one event edited on 15 March 2026."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git(sample, "init", "--quiet", "--initial-branch=main")
    git(sample, "add", "-A")
    git(sample, "commit", "--quiet", "-m", "Add the ledger")
    with (sample / EVENT).open("a", encoding="utf-8") as handle:
        handle.write("\nA later sentence.\n")
    git(sample, "commit", "--quiet", "-am", "Edit one event", when="2026-03-15T09:00:00+00:00")
    return sample


def _model(root: Path, settings: Settings) -> SiteModel:
    _, ledger = load(root, settings)
    return site_model(ledger, settings, chronicle(root, settings))


def test_last_changed_is_the_date_of_the_last_commit_to_each_file(
    history: Path, settings: Settings
) -> None:
    model = _model(history, settings)

    assert model.last_changed(EVENT) == "2026-03-15"
    assert model.last_changed("content/events/2023/01-meta-releases-llama-2.md") == "2026-01-02"


def test_last_changed_outside_git_is_empty(sample: Path, settings: Settings) -> None:
    model = _model(sample, settings)

    assert model.commits == {}
    assert model.last_changed(EVENT) is None


def test_a_record_page_shows_when_its_file_last_changed(
    history: Path, settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(history, out, settings)

    def provenance(record: str) -> str:
        page = HTMLParser((out / "events" / record / "index.html").read_text("utf-8"))
        node = page.css_first(".provenance")
        assert node is not None
        return node.text()

    assert "March 15, 2026" in provenance("meta-llama-4-release")
    assert "January 2, 2026" in provenance("meta-releases-llama-2")


def test_workers_write_the_same_site_as_one_process(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(site_build, "_PARALLEL_WORK", 1)  # the sample is below the threshold
    workers_used: list[int] = []

    def spy(function: Any, items: Any, workers: int, *rest: Any, **options: Any) -> Any:
        workers_used.append(workers)
        return map_batches(function, items, workers, *rest, **options)

    monkeypatch.setattr(site_build, "map_batches", spy)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    build(sample, serial, Settings(today=TODAY, cache_dir=tmp_path / "c1", workers=1))
    build(sample, parallel, Settings(today=TODAY, cache_dir=tmp_path / "c2", workers=2))

    assert workers_used == [1, 2]  # pages, machine files and search index made in workers

    names = sorted(p.relative_to(serial).as_posix() for p in serial.rglob("*") if p.is_file())
    assert len(names) > 200
    assert names == sorted(
        p.relative_to(parallel).as_posix() for p in parallel.rglob("*") if p.is_file()
    )
    assert [n for n in names if (serial / n).read_bytes() != (parallel / n).read_bytes()] == []


def _age(ledger: Path, seconds: int = 60) -> None:
    """Date every file of the ledger ``seconds`` back, out of the racy window."""
    for path in ledger.rglob("*"):
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - seconds * 1_000_000_000))


def test_nothing_changed_means_nothing_read_or_written(
    sample: Path, settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    _age(sample)
    first = build(sample, out, settings)

    again = build(sample, out, settings)

    assert not first.skipped
    assert again.skipped
    assert (again.pages, again.files, again.written) == (first.pages, first.files, 0)


def test_a_deleted_output_file_is_written_again(
    sample: Path, settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    _age(sample)
    build(sample, out, settings)
    (out / "about" / "index.html").unlink()

    again = build(sample, out, settings)

    assert not again.skipped
    assert again.written == 1
    assert (out / "about" / "index.html").is_file()


def test_one_edited_event_rewrites_only_the_pages_that_show_it(
    sample: Path, settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    _age(sample)
    first = build(sample, out, settings)
    page = out / "events" / "meta-llama-4-release" / "index.html"
    before = page.read_text("utf-8")
    with (sample / EVENT).open("a", encoding="utf-8") as handle:
        handle.write("\nA sentence added by an editor.\n")
    _age(sample)

    again = build(sample, out, settings)

    assert "A sentence added by an editor." not in before
    assert "A sentence added by an editor." in page.read_text("utf-8")
    assert 0 < again.written < first.files // 10


def _files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize(
    "change",
    ["body", "title", "new event", "deleted actor", "thread membership"],
)
def test_a_rebuild_after_a_change_writes_what_a_fresh_build_writes(
    sample: Path,
    settings: Settings,
    tmp_path: Path,
    change: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "site"
    _age(sample)
    build(sample, out, settings)
    content = sample / "content"
    event = content / "events" / "2024" / "03-meta-llama-3-1-405b.md"
    if change == "body":
        _edit(event, "## Summary\n", "## Summary\n\nAn editor's new first sentence.\n")
    elif change == "title":
        _edit(event, "title: ", "title: Renamed — ")
    elif change == "new event":
        (content / "events" / "2025" / "09-a-new-event.md").write_text(
            "---\nid: a-new-event\ntitle: A new event\ndate: 2025-09-01\ncategory: policy\n"
            "significance: major\nconfidence: high\nthreads: [open-weights-access-and-risk]\n"
            "sources:\n  - url: https://example.org/a\n    title: A report\n"
            "    type: secondary_reporting\n---\n\n## Summary\n\nSomething happened.\n",
            "utf-8",
        )
    elif change == "deleted actor":
        (content / "actors" / "yann-lecun.yml").unlink()
    else:
        _edit(event, "threads:", "threads: []\nformer_threads:")
    _age(sample)

    made: list[str] = []  # the records whose JSON was made (the build is small: in process)
    record_json = machine.record_json

    def counted(model: SiteModel, entry: Any) -> dict[str, Any]:
        made.append(entry.id)
        return record_json(model, entry)

    monkeypatch.setattr(machine, "record_json", counted)
    whole: list[int] = []  # search indexes made whole rather than updated
    make_whole = search_update._whole

    def counted_whole(*arguments: Any) -> Any:
        whole.append(1)
        return make_whole(*arguments)

    monkeypatch.setattr(search_update, "_whole", counted_whole)
    incremental = build(sample, out, settings)
    monkeypatch.undo()
    fresh = tmp_path / "fresh"
    build(sample, fresh, settings)

    assert not incremental.skipped
    built, expected = _files(out), _files(fresh)
    assert sorted(built) == sorted(expected)
    assert [name for name in expected if built[name] != expected[name]] == []
    if change == "body":
        assert incremental.rendered == 4  # the event's page and the home page, two languages
        assert made == ["meta-llama-3-1-405b"]  # no other record's JSON is made again
    assert whole == ([1] if change in ("new event", "deleted actor") else [])
