"""A content file as the reader found it: front matter data, body and its ``##`` sections."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from agora.models.kinds import Kind

__all__ = ["Document", "Section"]


@dataclass(frozen=True, slots=True)
class Section:
    """One ``## Title`` section of a Markdown body.

    Attributes:
        title: the heading text without the ``##``.
        line: 1-based line of the heading in the file.
        text: the section's Markdown, without the heading, stripped.
    """

    title: str
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed content file.

    Attributes:
        path: POSIX path relative to the ledger root, e.g. ``content/events/2023/01-x.md``.
        kind: the record kind its folder holds.
        data: the front matter (or whole YAML file) as plain Python values; dates stay strings.
        body: the Markdown after the front matter ("" for YAML files).
        body_line: 1-based file line where the body starts.
        sections: the body's ``##`` sections in order.
        preamble: body text before the first ``##`` heading, stripped.
        marks: where each value of ``data`` is in the file, packed by the reader; the
            reader's ``locate`` turns a field path into a line and column with it.
    """

    path: str
    kind: Kind
    data: Mapping[str, Any]
    body: str = ""
    body_line: int = 1
    sections: tuple[Section, ...] = ()
    preamble: str = ""
    marks: bytes = b""

    @property
    def stem(self) -> str:
        """File name without folder and extension."""
        name = self.path.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0]

    @property
    def raw_id(self) -> str | None:
        """The ``id`` field if it is a string, even when the record failed validation."""
        value = self.data.get("id")
        return value if isinstance(value, str) and value else None

    def section(self, title: str) -> Section | None:
        """The first section with this title (case-insensitive), or None."""
        wanted = title.casefold()
        for section in self.sections:
            if section.title.casefold() == wanted:
                return section
        return None
