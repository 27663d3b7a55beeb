"""Full-text search over every record kind, with SQLite FTS5, for the live server."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from agora.site.model import SiteModel
from agora.site.searchable import search_documents

__all__ = ["SearchIndex", "SearchResult"]

_TOKEN = re.compile(r"[^\W_]+")
_MAX_WORDS = 12


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
            "kind UNINDEXED, id UNINDEXED, path UNINDEXED, date UNINDEXED, "
            "title, keywords, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
        self._db.executemany(
            "INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (d.kind.value, d.id, d.path, d.date, d.title, d.keywords, d.text)
                for d in search_documents(model)
            ),
        )
        self._db.commit()

    def search(self, query: str, kind: str = "", limit: int = 50) -> list[SearchResult]:
        """The best matches for ``query`` (of one ``kind`` if given); every word must match,
        as a prefix."""
        words = _TOKEN.findall(query)
        if not words:
            return []
        match = " ".join(f'"{word}"*' for word in words[:_MAX_WORDS])
        cursor = self._db.execute(
            "SELECT kind, id, title, path, date, snippet(records, 6, '', '', '…', 24) "
            "FROM records WHERE records MATCH ? AND (? = '' OR kind = ?) "
            "ORDER BY bm25(records, 0, 0, 0, 0, 8.0, 4.0, 1.0), id LIMIT ?",
            (match, kind, kind, limit),
        )
        return [SearchResult(*row) for row in cursor.fetchall()]
