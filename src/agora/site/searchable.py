"""What search sees of each record: one description shared by the static index and FTS5."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from agora.models import Entry, Kind, title_of
from agora.site.markdown import strip_markdown
from agora.site.model import SiteModel
from agora.site.urls import record_url

__all__ = ["SearchDocument", "search_document", "search_documents", "searched_entries"]

_EXCERPT = 240
"""Characters of plain text kept as a result's excerpt."""


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """One record as search sees it."""

    kind: Kind
    id: str
    path: str
    title: str
    keywords: str
    """Tags, aliases and the id: short fields that weigh more than the text."""
    text: str
    """The record's prose as plain text: preamble, sections, claims, questions."""
    date: str
    """ISO date of the record where it has one, else empty."""

    @property
    def excerpt(self) -> str:
        """The opening of the text, cut at a word."""
        return strip_markdown(self.text, _EXCERPT)


def search_documents(model: SiteModel) -> Iterator[SearchDocument]:
    """Every record of every kind, in kind then id order."""
    for kind, entry in searched_entries(model):
        yield search_document(kind, entry)


def searched_entries(model: SiteModel) -> Iterator[tuple[Kind, Entry[Any]]]:
    """The records :func:`search_documents` describes, in its order."""
    for kind in Kind:
        for entry in sorted(model.ledger.entries(kind), key=lambda e: e.id):
            yield kind, entry


def search_document(kind: Kind, entry: Entry[Any]) -> SearchDocument:
    """What search sees of one record: made from the record and its document alone."""
    record = entry.record
    document = entry.document
    parts = [document.preamble, *(section.text for section in document.sections)]
    if kind is Kind.CONTROVERSY:
        parts += [position.claim for position in record.positions]
    if kind is Kind.THREAD:
        parts.append(record.core_question)
    keywords = [
        *(getattr(record, "tags", ()) or ()),
        *(getattr(record, "aliases", ()) or ()),
        entry.id,
    ]
    when = getattr(record, "date", None)
    return SearchDocument(
        kind=kind,
        id=entry.id,
        path=record_url(kind, entry.id),
        title=title_of(record),
        keywords=" ".join(str(k) for k in keywords),
        text=strip_markdown(" ".join(p for p in parts if p)),
        date=when.isoformat() if when else "",
    )
