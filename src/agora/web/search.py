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
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from agora.models import Document, Kind
from agora.site.model import SiteModel
from agora.site.searchable import SearchDocument, search_document, searched_entries

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
    """An in-memory FTS5 index of every record's title, keywords and text, kept up to date
    with :meth:`update` as the ledger changes."""

    def __init__(self, model: SiteModel) -> None:
        self._lock = threading.Lock()
        self._made = _described(model, {})
        self._rows = _reading_order(found for _, found in self._made.values())
        self._db = _filled(self._rows)
        self._numbered: tuple[dict[tuple[Kind, str], int], set[tuple[Kind, str]]] | None = None
        """:meth:`_numbers`, made when first needed; records change places only when the
        table is filled anew."""

    def update(self, model: SiteModel) -> None:
        """Make this the index of ``model``, a later version of the same ledger.

        Only the rows of records whose documents changed are rewritten, in place, as long
        as every record keeps its place in reading order; else a new table is filled and
        then takes the old one's place. Searches meanwhile see the old rows or the new.
        """
        made = _described(model, self._made)
        rows = _reading_order(found for _, found in made.values())
        if _places(rows) != _places(self._rows):
            db = _filled(rows)
            with self._lock:
                self._db, self._made, self._rows = db, made, rows
                self._numbered = None
            return
        pairs = zip(rows, self._rows, strict=True)
        changed = [
            (number, row)
            for number, (row, before) in enumerate(pairs, 1)
            if row is not before and row != before
        ]
        self._write(changed, made, rows)

    def rewrite(self, model: SiteModel, replaced: Iterable[Document]) -> None:
        """Make this the index of ``model``, in which each of the ``replaced`` documents
        gave way to one of the same front matter (see
        :meth:`~agora.site.model.SiteModel.with_documents`): every record keeps its place,
        so only the rows of those records are written again (all are, as :meth:`update`
        would, when two records share a kind and id)."""
        numbers, shared = self._numbers()
        made = dict(self._made)
        changed: list[tuple[int, SearchDocument]] = []
        for old in replaced:
            made.pop(id(old), None)
            new = model.ledger.document(old.path)
            entry = model.ledger.get(old.kind, new.raw_id) if new and new.raw_id else None
            if new is None or entry is None or entry.document is not new:
                continue  # not a valid record (or not the one its id names): not searched
            if (old.kind, entry.id) in shared or (old.kind, entry.id) not in numbers:
                self.update(model)
                return
            made[id(new)] = (new, search_document(old.kind, entry))
            changed.append((numbers[(old.kind, entry.id)], made[id(new)][1]))
        rows = list(self._rows)
        for number, row in changed:
            rows[number - 1] = row
        self._write(changed, made, rows)

    def _numbers(self) -> tuple[dict[tuple[Kind, str], int], set[tuple[Kind, str]]]:
        """The row number of each record (by kind and id), and the records that share
        their kind and id with another."""
        if self._numbered is None:
            numbers: dict[tuple[Kind, str], int] = {}
            shared: set[tuple[Kind, str]] = set()
            for number, row in enumerate(self._rows, 1):
                if (row.kind, row.id) in numbers:
                    shared.add((row.kind, row.id))
                numbers[(row.kind, row.id)] = number
            self._numbered = (numbers, shared)
        return self._numbered

    def _write(
        self,
        changed: Sequence[tuple[int, SearchDocument]],
        made: dict[int, tuple[Document, SearchDocument]],
        rows: list[SearchDocument],
    ) -> None:
        """Rewrite the rows ``changed`` (by number) in place, and keep ``made`` and ``rows``
        as what the index now holds."""
        with self._lock, self._db:
            self._db.executemany(
                "DELETE FROM records WHERE rowid = ?", [(number,) for number, _ in changed]
            )
            self._db.executemany(_INSERT, [(number, *_values(row)) for number, row in changed])
            self._made, self._rows = made, rows

    def search(self, query: str, kind: str = "", limit: int = 50) -> list[SearchResult]:
        """The best matches for ``query`` (of one ``kind`` if given); see the module."""
        words = _TOKEN.findall(query)[:_MAX_WORDS]
        if not words:
            return []
        match = " ".join([*(f'"{word}"' for word in words[:-1]), f'"{words[-1]}"*'])
        with self._lock:
            return self._search(words, match, kind, limit)

    def _search(self, words: list[str], match: str, kind: str, limit: int) -> list[SearchResult]:
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


def _filled(rows: Sequence[SearchDocument]) -> sqlite3.Connection:
    """A new in-memory database whose table holds ``rows``, numbered from 1."""
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.execute(
        "CREATE VIRTUAL TABLE records USING fts5("
        "kind UNINDEXED, id UNINDEXED, path UNINDEXED, date UNINDEXED, excerpt UNINDEXED, "
        "title, keywords, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    with db:
        db.executemany(_INSERT, ((number, *_values(row)) for number, row in enumerate(rows, 1)))
    return db


def _described(
    model: SiteModel, known: Mapping[int, tuple[Document, SearchDocument]]
) -> dict[int, tuple[Document, SearchDocument]]:
    """What search sees of each record, by its document's id: taken from ``known`` for a
    document that is the very object described there."""
    made = {}
    for kind, entry in searched_entries(model):
        document = entry.document
        kept = known.get(id(document))
        # The document is held with its description, so no other object can take its id.
        made[id(document)] = (document, kept[1] if kept else search_document(kind, entry))
    return made


_INSERT = (
    "INSERT INTO records (rowid, kind, id, path, date, excerpt, title, keywords, body) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _values(row: SearchDocument) -> tuple[str, ...]:
    return (
        *(row.kind.value, row.id, row.path, row.date, row.excerpt),
        *(row.title, row.keywords, row.text),
    )


def _places(rows: Sequence[SearchDocument]) -> list[tuple[Kind, str]]:
    """Which record is at each row."""
    return [(row.kind, row.id) for row in rows]


def _reading_order(documents: Iterable[SearchDocument]) -> list[SearchDocument]:
    """Threads, controversies, syntheses, events newest first, then every other kind."""
    ordered = sorted(documents, key=lambda d: d.date, reverse=True)
    return sorted(ordered, key=lambda d: _FIRST.index(d.kind) if d.kind in _FIRST else len(_FIRST))
