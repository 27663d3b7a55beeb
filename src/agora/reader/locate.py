"""Place problems that name a field at that field's line and column in its file.

Checks are pure and know fields, not positions. While parsing, the reader records where each
value starts (``Document.marks``); here a problem's field path is walked through the
document's data to find its mark, without reading the file again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from agora.models import Document, FieldPath, Problem
from agora.models.graph import Place
from agora.reader.yamltree import position_of, positions_of

__all__ = ["locate", "place", "places_of"]


def locate(documents: Iterable[Document], problems: Iterable[Problem]) -> list[Problem]:
    """Return ``problems`` with every unplaced one (line 0) placed at its field.

    A field that does not exist (a missing one, say) is placed at its closest existing
    ancestor; a key problem (an unknown field) at the key rather than the value.
    """
    by_path: Mapping[str, Document] = {document.path: document for document in documents}
    placed: list[Problem] = []
    for item in problems:
        if item.line:
            placed.append(item)
            continue
        document = by_path.get(item.path)
        if document is None:
            placed.append(item.at(1, 1))
            continue
        exact, position = position_of(document.data, document.marks, item.field)
        if position is None:
            placed.append(item.at(1, 1))
        elif item.anchor == "key" or not exact:
            placed.append(item.at(position.key_line, position.key_column))
        else:
            placed.append(item.at(position.line, position.column))
    return placed


def places_of(document: Document, fields: Iterable[FieldPath]) -> dict[FieldPath, Place]:
    """Where each of ``fields`` (that exists) is in ``document``."""
    return {
        field: (found.line, found.column, found.key_line, found.key_column)
        for field, found in positions_of(document.data, document.marks, fields).items()
    }


def place(item: Problem, places: Mapping[FieldPath, Place]) -> Problem:
    """``item`` placed at its field from precomputed ``places`` (its closest recorded
    ancestor, or line 1, when the field itself was not recorded)."""
    if item.line:
        return item
    field = item.field
    while field and field not in places:
        field = field[:-1]
    found = places.get(field)
    if found is None:
        return item.at(1, 1)
    line, column, key_line, key_column = found
    if item.anchor == "key" or field != item.field:
        return item.at(key_line, key_column)
    return item.at(line, column)
