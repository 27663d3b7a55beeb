"""A model takes new bodies in place (:meth:`SiteModel.with_documents`): its pages, files
and search are those of a model made anew from the edited ledger."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from agora.engine import load, site_model
from agora.history import chronicle
from agora.models import Entry, Kind
from agora.settings import Settings
from agora.site.files import site_files
from agora.site.model import Holding, Involvement, SiteModel
from agora.site.pages import PageSpec, site_pages
from agora.site.render import Renderer
from agora.site.searchable import search_documents
from agora.site.urls import LANGUAGES
from agora.status.canonical import Canonical


def _model(sample: Path, settings: Settings) -> SiteModel:
    _, ledger = load(sample, settings)
    return site_model(ledger, settings, chronicle(sample, settings))


def _edit_bodies(sample: Path, model: SiteModel) -> list[str]:
    """Edit the body of the first Markdown record of every kind, and of the featured event:
    a line added before its first section and a paragraph with a link after its last. The
    paths edited, as the ledger names them."""
    featured = model.featured()
    assert featured is not None
    files = [sample / featured.path]
    for folder in sorted((sample / "content").iterdir()):
        files += sorted(folder.rglob("*.md"))[:1]
    for file in files:
        front, body = file.read_text("utf-8").split("\n---\n", 1)
        body = f"An opening line added.\n\n{body.rstrip()}\n\nSee [this](https://example.org/a).\n"
        file.write_text(f"{front}\n---\n{body}", "utf-8")
    return sorted({file.relative_to(sample).as_posix() for file in files})


def _entries(value: object) -> Iterator[Entry[Any]]:
    """Every entry ``value`` holds, however deep."""
    if isinstance(value, Entry):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _entries(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _entries(item)
    elif isinstance(value, (Involvement, Holding, Canonical)):
        for name in type(value).__slots__:
            yield from _entries(getattr(value, name))


def _pages(model: SiteModel, specs: list[PageSpec]) -> dict[str, str]:
    renderer = Renderer(LANGUAGES)
    return {
        f"{language}:{spec.path}": renderer.render(language, spec.template, spec.context(model))
        for spec in specs
        for language in LANGUAGES
    }


def test_new_bodies_give_the_pages_files_and_search_of_the_edited_ledger(
    sample: Path, settings: Settings
) -> None:
    before = _model(sample, settings)
    edited = _edit_bodies(sample, before)
    anew = _model(sample, settings)
    documents = [anew.ledger.document(path) for path in edited]

    swapped = before.with_documents(document for document in documents if document)

    specs = list(site_pages(swapped))
    assert [spec.path for spec in specs] == [spec.path for spec in site_pages(anew)]
    assert _pages(swapped, specs) == _pages(anew, specs)
    paths = [spec.path for spec in specs]
    root = sample
    assert dict(site_files(swapped, "", LANGUAGES, paths, root)) == dict(
        site_files(anew, "", LANGUAGES, paths, root)
    )
    assert list(search_documents(swapped)) == list(search_documents(anew))
    assert len(edited) >= 8  # a record of most kinds


def test_no_entry_of_the_model_keeps_a_replaced_document(sample: Path, settings: Settings) -> None:
    before = _model(sample, settings)
    edited = _edit_bodies(sample, before)
    documents = [_model(sample, settings).ledger.document(path) for path in edited]
    old = {id(before.ledger.document(path)) for path in edited}

    swapped = before.with_documents(document for document in documents if document)

    held = list(_entries([getattr(swapped, name) for name in vars(swapped)]))
    held += [entry for kind in Kind for entry in swapped.ledger.entries(kind)]
    held += [entry for t in swapped.ledger.threads for entry in swapped.links.thread_events(t.id)]
    by_id = [swapped.ledger.get(entry.document.kind, entry.id) for entry in held]
    held += [entry for entry in by_id if entry is not None]
    assert {id(entry.document) for entry in held}.isdisjoint(old)
    assert {id(item.document) for item in swapped.ledger.validated}.isdisjoint(old)
    assert len(held) > 500


def test_only_the_pages_that_show_a_body_change_with_it(sample: Path, settings: Settings) -> None:
    before = _model(sample, settings)
    edited = _edit_bodies(sample, before)
    documents = [_model(sample, settings).ledger.document(path) for path in edited]
    swapped = before.with_documents(document for document in documents if document)
    specs = list(site_pages(swapped))

    old, new = _pages(before, specs), _pages(swapped, specs)

    changed = {key.split(":", 1)[1] for key in old if old[key] != new[key]}
    showing = {spec.path for spec in specs if spec.reads_bodies or spec.source in edited}
    edited_pages = {spec.path for spec in specs if spec.source in edited}
    assert edited_pages <= changed <= showing


def test_new_front_matter_is_refused(sample: Path, settings: Settings) -> None:
    before = _model(sample, settings)
    thread = sample / "content" / "threads" / "open-weights-access-and-risk.md"
    thread.write_text(thread.read_text("utf-8").replace("title:", "title: Renamed\nx:", 1))
    renamed = _model(sample, settings).ledger.document(
        "content/threads/open-weights-access-and-risk.md"
    )
    assert renamed is not None

    with pytest.raises(ValueError, match="front matter changed"):
        before.with_documents([renamed])


def test_a_document_the_ledger_never_read_is_refused(sample: Path, settings: Settings) -> None:
    model = _model(sample, settings)
    document = model.ledger.documents[0]
    elsewhere = type(document)("content/events/nowhere.md", document.kind, document.data)

    with pytest.raises(ValueError, match="not a document of this ledger"):
        model.with_documents([elsewhere])
