"""The live server's search: title matches first, every word required, bounded ranking."""

from __future__ import annotations

from typing import Any

from agora.models import Document, Kind, build_ledger
from agora.site.model import build_model
from agora.web.search import SearchIndex

from .ledgers import doc, ledger, thread


def _event(record_id: str, day: str, title: str, text: str) -> Document:
    data: dict[str, Any] = {
        "id": record_id,
        "title": title,
        "date": day,
        "category": "models",
        "sources": [{"url": f"https://example.org/{record_id}", "title": "R", "type": "primary"}],
    }
    return doc(Kind.EVENT, data, f"## Summary\n\n{text}\n", year=int(day[:4]))


def _index() -> SearchIndex:
    return SearchIndex(
        build_model(
            ledger(
                _event("old-licence", "2023-01-01", "Licence terms change", "Nothing more."),
                _event("mention", "2024-05-01", "Funding round", "Its licence was debated."),
                _event("newest-mention", "2024-09-01", "Chip rule", "A licence came up."),
                _event("unrelated", "2024-06-01", "Export rule", "Chips and export."),
                thread("t", title="Open weights arc"),
            )
        )
    )


def test_title_matches_come_first_then_mentions_newest_first() -> None:
    found = [result.id for result in _index().search("licence")]

    assert found == ["old-licence", "newest-mention", "mention"]


def test_every_word_must_match_and_the_last_one_as_a_prefix() -> None:
    index = _index()

    assert [r.id for r in index.search("licence deba")] == ["mention"]
    assert [r.id for r in index.search("licence export")] == []
    assert [r.id for r in index.search("lic")] == ["old-licence", "newest-mention", "mention"]


def test_a_kind_narrows_the_results_and_snippets_show_the_text() -> None:
    index = _index()

    assert [r.id for r in index.search("weights", kind="thread")] == ["t"]
    assert index.search("licence", kind="thread") == []
    assert "debated" in index.search("debated")[0].snippet


def test_a_query_without_words_finds_nothing() -> None:
    assert _index().search(" ** \"' ") == []


def _documents() -> list[Document]:
    return [
        _event("old-licence", "2023-01-01", "Licence terms change", "Nothing more."),
        _event("mention", "2024-05-01", "Funding round", "Its licence was debated."),
        _event("unrelated", "2024-06-01", "Export rule", "Chips and export."),
        thread("t", title="Open weights arc"),
    ]


_QUERIES = ("licence", "lic", "export", "chips", "zebra", "open weights", "funding")


def _answers(index: SearchIndex) -> dict[str, list[tuple[str, str, str]]]:
    return {q: [(r.id, r.title, r.snippet) for r in index.search(q)] for q in _QUERIES}


def test_an_updated_index_answers_as_one_made_anew() -> None:
    documents = _documents()
    first = build_ledger(documents)
    index = SearchIndex(build_model(first))
    documents[1] = _event("mention", "2024-05-01", "Funding round", "A zebra was debated.")
    second = build_ledger(documents, first)

    index.update(build_model(second))

    assert _answers(index) == _answers(SearchIndex(build_model(second)))
    assert [r.id for r in index.search("zebra")] == ["mention"]
    assert [r.id for r in index.search("debated")] == ["mention"]
    assert "mention" not in [r.id for r in index.search("licence")]


def test_a_record_added_or_moved_in_reading_order_fills_the_index_anew() -> None:
    documents = _documents()
    first = build_ledger(documents)
    index = SearchIndex(build_model(first))
    documents[0] = _event("old-licence", "2024-12-01", "Licence terms change", "Nothing more.")
    documents.append(_event("zebra", "2022-01-01", "Zebra licence", "Stripes."))
    second = build_ledger(documents, first)

    index.update(build_model(second))

    assert _answers(index) == _answers(SearchIndex(build_model(second)))
    assert [r.id for r in index.search("licence")] == ["old-licence", "zebra", "mention"]
