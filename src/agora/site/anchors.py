"""Fragment ids for the parts of a record page a reader links to, unique on the page.

A section's id comes from its title and a position's from its id (or letter); the
templates give the page's fixed parts ids of their own. Two sections with one title, a
section called "Timeline", or a position whose id is "sources" would otherwise share an id
with something else on the page, and a link to it would land on the wrong part.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from agora.models import Position, Section, position_letter

__all__ = ["PAGE_IDS", "Anchors", "position_anchors", "slug"]

PAGE_IDS = frozenset(
    {
        "analyst",
        "analyst-title",
        "auditor",
        "auditor-title",
        "challenges",
        "comments-title",
        "context",
        "featured-title",
        "filter-actor",
        "filter-from",
        "filter-q",
        "filter-status",
        "filter-tag",
        "filter-to",
        "filters",
        "graph",
        "graph-caption",
        "graph-data",
        "kind",
        "main",
        "meta-title",
        "q",
        "reading",
        "recent-title",
        "reinterpretation-title",
        "results",
        "search-form",
        "search-results",
        "search-status",
        "site-search",
        "sources",
        "summary",
        "synthesis",
        "threads-title",
        "timeline",
    }
)
"""Ids the templates give the fixed parts of pages (a test checks the list is whole)."""

_POSITION_SUFFIXES = ("-title",)
"""A position's heading takes its anchor with this suffix."""


def slug(text: str) -> str:
    """``text`` as an id: lower-cased, each run of characters other than letters (with
    their marks, as in हिन्दी), digits and ``_`` made one ``-`` ("Key tensions" →
    ``key-tensions``, "What's next?" → ``what-s-next``)."""
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    kept = "".join(c if c == "_" or unicodedata.category(c)[0] in "LMN" else " " for c in folded)
    return "-".join(kept.split())


def position_anchors(positions: Sequence[Position]) -> list[str]:
    """Each position's anchor on its controversy's page: its id, or ``position-a`` and so
    on, made unique against the page's fixed ids and each other."""
    anchors = Anchors()
    return [
        anchors.claim(
            position.id or f"position-{position_letter(index).lower()}", _POSITION_SUFFIXES
        )
        for index, position in enumerate(positions)
    ]


class Anchors:
    """The ids given out on one page so far, starting with the templates' fixed ones."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = set(PAGE_IDS).union(taken)

    def claim(self, wanted: str, suffixes: tuple[str, ...] = ()) -> str:
        """The slug of ``wanted`` ("section" if nothing is left of it), with ``-2``,
        ``-3``… if the page has that id already (or it with one of ``suffixes``, ids the
        caller will derive from it)."""
        base = slug(wanted) or "section"
        anchor, number = base, 2
        while anchor in self._taken or any(anchor + end in self._taken for end in suffixes):
            anchor, number = f"{base}-{number}", number + 1
        self._taken.add(anchor)
        self._taken.update(anchor + end for end in suffixes)
        return anchor

    def sections(self, sections: Iterable[Section]) -> dict[int, str]:
        """Each section's anchor, by the line of its heading, in order."""
        return {section.line: self.claim(section.title) for section in sections}
