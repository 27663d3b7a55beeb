"""Body problems: missing text, expected sections, repeated or empty sections."""

from __future__ import annotations

import re
from collections.abc import Iterator

from agora.models import Document, Kind, Problem, problem

__all__ = ["EXPECTED_SECTIONS", "check_body"]

EXPECTED_SECTIONS: dict[Kind, tuple[str, ...]] = {
    Kind.EVENT: ("Summary",),
    Kind.THREAD: ("Canonical Synthesis",),
    Kind.CONTROVERSY: ("Context",),
}
"""Sections a record of each kind must have: the page shows them first."""

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_NEEDS_BODY = frozenset({Kind.EVENT, Kind.THREAD, Kind.CONTROVERSY, Kind.POST, Kind.PERSPECTIVE})


def check_body(document: Document) -> Iterator[Problem]:
    """Empty bodies (B001), missing (B002), repeated (B003) and empty (B004) sections."""
    if document.path.endswith(".md"):
        yield from _check_body(document)


def _check_body(document: Document) -> Iterator[Problem]:
    if not document.body.strip():
        if document.kind in _NEEDS_BODY:
            yield problem(
                "B001",
                document.path,
                f"the {document.kind.value} has front matter but no text",
                line=max(document.body_line - 1, 1),
                column=1,
            )
        return
    titles: dict[str, int] = {}
    for section in document.sections:
        key = section.title.casefold()
        if key in titles:
            yield problem(
                "B003",
                document.path,
                f"section '## {section.title}' already appears at line {titles[key]}",
                line=section.line,
                column=1,
            )
        else:
            titles[key] = section.line
        if not _COMMENT.sub("", section.text).strip():
            yield problem(
                "B004",
                document.path,
                f"section '## {section.title}' has no text",
                line=section.line,
                column=1,
            )
    for title in EXPECTED_SECTIONS.get(document.kind, ()):
        if title.casefold() not in titles:
            yield problem(
                "B002",
                document.path,
                f"the {document.kind.value} has no '## {title}' section",
                hint=f"Add '## {title}' with its text; pages show it first.",
                line=_first_text_line(document),
                column=1,
            )


def _first_text_line(document: Document) -> int:
    leading = document.body[: len(document.body) - len(document.body.lstrip())]
    return document.body_line + leading.count("\n")
