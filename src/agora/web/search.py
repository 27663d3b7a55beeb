"""Full-text search over every record kind, with SQLite FTS5, for the live server.

Ranking is bounded so that a search costs the same on 100 records or 100,000: records are
stored in reading order (threads and controversies first, then events newest first, then
the rest), so the first rows FTS5 finds are the ones a reader wants first, and no query
ranks every record that contains a common word.

1. Records whose title or keywords hold every word: the first 200 of them in reading
   order, ranked by how many words their title holds whole (then by reading order).
2. If fewer than ``limit``, records that hold every word anywhere, in reading order.

Every word must match whole except the last, which matches as a prefix (the box searches
as you type).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from agora.models import Kind
from agora.site.model import SiteModel
from agora.site.searchable import SearchDocument, search_documents

__all__ = ["SearchIndex", "SearchResult"]

_TOKEN = re.compile(r"[^\W_]+")
_MAX_WORDS = 12
_CANDIDATES = 200
"""Title matches considered for ranking; beyond this a query is too common to rank."""
_FIRST = (Kind.THREAD, Kind.CONTROVERSY, Kind.SYNTHESIS, Kind.EVENT)
_COLUMNS = "rowid, kind, id, title, path, date"
_IN_TITLE = (
    f"SELECT {_COLUMNS}, excerpt FROM records "
    "WHERE records MATCH ? AND (? = '' OR kind = ?) LIMIT ?"
)
_ANYWHERE = (
    f"SELECT {_COLUMNS}, snippet(records, 7, '', '', '…', 24) FROM records "
    "WHERE records MATCH ? AND (? = '' OR kind = ?) LIMIT ?"
)
"""Snippets cost more than finding records, so only mentions get one (for at most
``limit`` rows); a title match shows the record's opening words."""


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One match: what it is, where it lives, and the text around the match."""

    kind: str
    id: str
    title: str
    path: str
    date: str
    snippet: str


class SearchIndex:
    """An in-memory FTS5 index of every record's title, keywords and text."""

    def __init__(self, model: SiteModel) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE records USING fts5("
            "kind UNINDEXED, id UNINDEXED, path UNINDEXED, date UNINDEXED, excerpt UNINDEXED, "
            "title, keywords, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
        )
        self._db.executemany(
            "INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (d.kind.value, d.id, d.path, d.date, d.excerpt, d.title, d.keywords, d.text)
                for d in _reading_order(search_documents(model))
            ),
        )
        self._db.commit()

    def search(self, query: str, kind: str = "", limit: int = 50) -> list[SearchResult]:
        """The best matches for ``query`` (of one ``kind`` if given); see the module."""
        words = _TOKEN.findall(query)[:_MAX_WORDS]
        if not words:
            return []
        match = " ".join([*(f'"{word}"' for word in words[:-1]), f'"{words[-1]}"*'])
        titled = self._db.execute(
            _IN_TITLE, (f"{{title keywords}} : ({match})", kind, kind, _CANDIDATES)
        ).fetchall()
        folded = [word.casefold() for word in words]

        def whole_words_in_title(row: tuple[Any, ...]) -> int:
            title = set(_TOKEN.findall(str(row[3]).casefold()))
            return sum(word in title for word in folded)

        found = sorted(titled, key=lambda row: (-whole_words_in_title(row), row[0]))[:limit]
        if len(found) < limit:
            seen = {row[0] for row in found}
            anywhere = self._db.execute(_ANYWHERE, (match, kind, kind, limit + len(found)))
            found += [row for row in anywhere if row[0] not in seen][: limit - len(found)]
        return [SearchResult(*row[1:]) for row in found]


def _reading_order(documents: Iterable[SearchDocument]) -> list[SearchDocument]:
    """Threads, controversies, syntheses, events newest first, then every other kind."""
    ordered = sorted(documents, key=lambda d: d.date, reverse=True)
    return sorted(ordered, key=lambda d: _FIRST.index(d.kind) if d.kind in _FIRST else len(_FIRST))
