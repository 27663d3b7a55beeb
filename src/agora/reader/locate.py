"""Place problems that name a field at that field's line and column in its file.

Checks are pure and know fields, not positions. While parsing, the reader records where each
value starts (``Document.marks``); here a problem's field path is walked through the
document's data to find its mark, without reading the file again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from agora.models import Document, Problem
from agora.reader.yamltree import position_of

__all__ = ["locate"]


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
