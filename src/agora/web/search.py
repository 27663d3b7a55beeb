"""Full-text search over every record kind, with SQLite FTS5, for the live server."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from agora.models import Kind, title_of
from agora.site.markdown import strip_markdown
from agora.site.model import SiteModel
from agora.site.urls import record_url

__all__ = ["SearchIndex", "SearchResult"]

_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One match: what it is, where it lives, and the text around the match."""

    kind: str
    id: str
    title: str
    path: str
    snippet: str


class SearchIndex:
    """An in-memory FTS5 index of every record's title, fields and text."""

    def __init__(self, model: SiteModel) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE records USING fts5("
            "kind UNINDEXED, id UNINDEXED, path UNINDEXED, title, body, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        rows = []
        for kind in Kind:
            for entry in model.ledger.entries(kind):
                record = entry.record
                text = [entry.document.preamble, *(s.text for s in entry.document.sections)]
                if kind is Kind.CONTROVERSY:
                    text += [position.claim for position in record.positions]
                if kind is Kind.THREAD:
                    text.append(record.core_question)
                tags = " ".join(getattr(record, "tags", ()) or ())
                rows.append(
                    (
                        kind.value,
                        entry.id,
                        record_url(kind, entry.id),
                        title_of(record),
                        strip_markdown(" ".join(text)) + " " + tags + " " + entry.id,
                    )
                )
        self._db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?)", rows)
        self._db.commit()

    def search(self, query: str, limit: int = 50) -> list[SearchResult]:
        """The best matches for ``query``; words are matched as prefixes, all required."""
        words = _TOKEN.findall(query)
        if not words:
            return []
        match = " ".join(f'"{word}"*' for word in words[:12])
        cursor = self._db.execute(
            "SELECT kind, id, title, path, snippet(records, 4, '', '', '…', 24) "
            "FROM records WHERE records MATCH ? ORDER BY bm25(records, 0, 0, 0, 8.0, 1.0) "
            "LIMIT ?",
            (match, limit),
        )
        return [SearchResult(*row) for row in cursor.fetchall()]
