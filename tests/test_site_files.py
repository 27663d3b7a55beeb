"""The site's other files made one at a time, as the live server makes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from agora.engine import build, load, site_model
from agora.history import chronicle
from agora.settings import Settings
from agora.site import machine
from agora.site.files import SiteFiles, site_files
from agora.site.model import SiteModel
from agora.site.pages import site_pages
from agora.site.urls import LANGUAGES


def _model(sample: Path, settings: Settings) -> tuple[Path, SiteModel, list[str]]:
    """The ledger's root, its site model and its pages' paths."""
    corpus, ledger = load(sample, settings)
    model = site_model(ledger, settings, chronicle(sample, settings))
    return corpus.layout.root, model, [spec.path for spec in site_pages(model)]


def _files(sample: Path, settings: Settings) -> tuple[SiteFiles, dict[str, bytes]]:
    root, model, paths = _model(sample, settings)
    made = dict(site_files(model, settings.base_url, LANGUAGES, paths, root))
    return SiteFiles(model, settings.base_url, LANGUAGES, paths, root), made


@pytest.fixture
def site(sample: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample ledger built, with several sitemaps and their index."""
    monkeypatch.setattr(machine, "SITEMAP_SIZE", 40)
    out = tmp_path / "site"
    build(sample, out, settings)
    return out


def test_each_file_made_alone_is_the_file_the_build_writes(
    site: Path, sample: Path, settings: Settings
) -> None:
    out = site
    lazy, made = _files(sample, settings)

    assert {"sitemap-2.xml", "feeds/events.atom", "api/events-index.json"} <= made.keys()
    assert any(name.startswith("source/content/") for name in made)
    assert any(name.startswith("threads/") and name.endswith("/feed.json") for name in made)
    assert [name for name in made if not (out / name).is_file()] == []
    assert [name for name in made if lazy.get(name) != (out / name).read_bytes()] == []


@pytest.mark.parametrize(
    "name",
    [
        "api/events/no-such-event.json",
        "api/nowhere/index.json",
        "api/events/a/b.json",
        "api/.json",
        "threads/no-such-thread/feed.xml",
        "threads/feed.xml",
        "feeds/other.xml",
        "source/../pyproject.toml",
        "source/content/events/none.md",
        "static/none.css",
        "sitemap-1.xml",
        "robots.txt.bak",
    ],
)
def test_a_file_the_site_does_not_have_is_none(name: str, sample: Path, settings: Settings) -> None:
    lazy, made = _files(sample, settings)

    assert name not in made
    assert lazy.get(name) is None
    assert lazy.get(name) is None  # and stays so once asked for


def test_the_index_files_are_told_apart_from_every_other_file_of_the_site(
    site: Path, sample: Path, settings: Settings
) -> None:
    out = site
    _, model, paths = _model(sample, settings)
    indexes = {name for name, _ in machine.machine_files(model, paths, LANGUAGES, "http://x")}
    written = {str(path.relative_to(out)) for path in out.rglob("*") if path.is_file()}

    assert {"sitemap-2.xml", "robots.txt", "api/events/index.json"} <= indexes <= written
    assert {name for name in written if machine.is_index_file(name)} == indexes
