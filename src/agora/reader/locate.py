"""Place problems that name a field at that field's line and column in its file.

Checks are pure and know fields, not positions. Positions are needed only for the few
files that have problems, so they are computed here, after the checks, by parsing just
those files again with position tracking on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from agora.models import Problem
from agora.reader.documents import ReadLimits
from agora.reader.files import Layout
from agora.reader.markdown import FrontMatterError, split_front_matter
from agora.reader.yamltree import Position, YamlError, nearest_position, yaml_positions

__all__ = ["locate"]


def locate(
    layout: Layout, problems: Iterable[Problem], limits: ReadLimits | None = None
) -> list[Problem]:
    """Return ``problems`` with every unplaced one (line 0) placed at its field."""
    limits = limits or ReadLimits()
    placed: list[Problem] = []
    by_path: dict[str, list[Problem]] = defaultdict(list)
    for item in problems:
        if item.line:
            placed.append(item)
        else:
            by_path[item.path].append(item)
    for path, items in by_path.items():
        positions = _positions(layout, path, limits)
        for item in items:
            placed.append(_place(item, positions))
    return placed


def _place(item: Problem, positions: dict[tuple[str | int, ...], Position]) -> Problem:
    found_path, position = nearest_position(positions, item.field)
    if position is None:
        return item.at(1, 1)
    exact = found_path == item.field
    if item.anchor == "key" or not exact:
        return item.at(position.key_line, position.key_column)
    return item.at(position.line, position.column)


def _positions(
    layout: Layout, path: str, limits: ReadLimits
) -> dict[tuple[str | int, ...], Position]:
    try:
        raw = (layout.root / path).read_bytes()[: limits.max_file_bytes]
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return {}
    offset = 0
    if path.endswith(".md"):
        try:
            split = split_front_matter(text)
        except FrontMatterError:
            return {}
        text, offset = split.front_matter, split.front_matter_line - 1
    try:
        return yaml_positions(text, limits.yaml, offset)
    except YamlError:
        return {}
