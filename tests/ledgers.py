"""Build small in-memory ledgers from plain data, for pure tests of checks and status."""

from __future__ import annotations

from typing import Any

from agora.models import Document, Kind, Ledger, build_ledger
from agora.reader.markdown import split_sections

_EXT = {Kind.ACTOR: "yml", Kind.GROUP: "yml"}


def doc(
    kind: Kind, data: dict[str, Any], body: str = "## Summary\n\nText.\n", year: int = 2024
) -> Document:
    """A document as the reader would produce it for ``data``."""
    record_id = data.get("id", "x")
    folder = kind.folder + (f"/{year}" if kind is Kind.EVENT else "")
    stem = f"01-{record_id}" if kind is Kind.EVENT else record_id
    ext = _EXT.get(kind, "md")
    preamble, sections = split_sections(body, 5) if ext == "md" else ("", ())
    return Document(
        f"content/{folder}/{stem}.{ext}",
        kind,
        data,
        body if ext == "md" else "",
        5,
        sections,
        preamble,
    )


def event(record_id: str, year: int = 2024, **fields: Any) -> Document:
    """A valid event document with one secondary source, overridable field by field."""
    data: dict[str, Any] = {
        "id": record_id,
        "title": f"Event {record_id}",
        "date": "2024-03-01",
        "category": "models",
        "sources": [
            {
                "url": f"https://news.example.org/{record_id}",
                "title": "Report",
                "type": "secondary_reporting",
            }
        ],
    }
    data.update(fields)
    return doc(Kind.EVENT, data, year=year)


def thread(record_id: str = "t", **fields: Any) -> Document:
    """A valid thread document, overridable field by field."""
    data: dict[str, Any] = {
        "id": record_id,
        "title": "A thread",
        "status": "active",
        "started": "2024-01-01",
        "core_question": "What is the question?",
        "curator": "c",
        "events": [],
    }
    data.update(fields)
    return doc(Kind.THREAD, data, "## Canonical Synthesis\n\nx\n")


def controversy(record_id: str = "c", **fields: Any) -> Document:
    """A valid two-position controversy document in thread ``t``, overridable."""
    data: dict[str, Any] = {
        "id": record_id,
        "thread": "t",
        "status": "active",
        "polarity": "binary",
        "positions": [{"claim": "Yes"}, {"claim": "No"}],
    }
    data.update(fields)
    return doc(Kind.CONTROVERSY, data, "## Context\n\nx\n")


def ledger(*documents: Document) -> Ledger:
    """The ledger of these documents."""
    return build_ledger(documents)
