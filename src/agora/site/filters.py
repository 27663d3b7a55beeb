"""The timeline's filters, applied on the server (the static site applies them in script)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from agora.models import Entry, Event
from agora.site.model import FACETS, SiteModel

__all__ = ["FILTERS", "filter_events"]

_FACETS = tuple(facet for facet in FACETS if facet != "year")
"""The facets a timeline filter chooses from (years are a date range instead)."""

FILTERS = (*_FACETS, "from", "to", "q")
"""The query parameters the timeline understands."""


def filter_events(model: SiteModel, selected: Mapping[str, Sequence[str]]) -> list[Entry[Event]]:
    """The events that pass every filter in ``selected``, newest first.

    Several values of one facet are alternatives (category=models&category=policy); the
    facets together must all hold. Unknown values simply match nothing.
    """
    chosen = {name: set(values) for name, values in selected.items() if values}
    start, end = _day(chosen.get("from")), _day(chosen.get("to"))
    words = " ".join(chosen.get("q", ())).casefold().split()
    found = []
    for entry in model.events:
        event = entry.record
        if any(
            not chosen[facet].intersection(model.values(event, facet))
            for facet in _FACETS
            if chosen.get(facet)
        ):
            continue
        if (start and event.date < start) or (end and event.date > end):
            continue
        if words:
            text = (event.title + " " + " ".join(event.tags)).casefold()
            if not all(word in text for word in words):
                continue
        found.append(entry)
    return found


def _day(values: set[str] | None) -> date | None:
    for value in sorted(values or ()):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None
