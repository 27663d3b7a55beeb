"""The live server's search: title matches first, every word required, bounded ranking."""

from __future__ import annotations

from typing import Any

from agora.models import Document, Kind
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
