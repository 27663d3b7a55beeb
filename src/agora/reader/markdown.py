"""Split a Markdown record into front matter and body, and the body into ``##`` sections."""

from __future__ import annotations

from dataclasses import dataclass

from agora.models import Section

__all__ = ["FrontMatterError", "Split", "split_front_matter", "split_sections"]


@dataclass(frozen=True, slots=True)
class Split:
    """A Markdown file cut in two.

    Attributes:
        front_matter: the YAML between the ``---`` lines.
        front_matter_line: file line of the first YAML line (2 when the file starts
            with ``---``).
        body: everything after the closing ``---``.
        body_line: file line where the body starts.
    """

    front_matter: str
    front_matter_line: int
    body: str
    body_line: int


class FrontMatterError(Exception):
    """The front matter is missing (F006) or never closed (F007)."""

    def __init__(self, code: str, message: str, line: int) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line


def _is_fence(line: str, marker: str) -> bool:
    return line.rstrip(" \t\r") == marker


def split_front_matter(text: str) -> Split:
    """Cut ``text`` at its ``---`` front matter fences."""
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if not _is_fence(first, "---"):
        raise FrontMatterError(
            "F006", "the file does not start with a '---' line opening the front matter", 1
        )
    if first_end < 0:
        raise FrontMatterError("F007", "the front matter opened on line 1 is never closed", 1)
    start = first_end + 1
    position = start
    line = 2
    while position <= len(text):
        end = text.find("\n", position)
        current = text[position:] if end < 0 else text[position:end]
        if _is_fence(current, "---") or _is_fence(current, "..."):
            body_start = len(text) if end < 0 else end + 1
            return Split(text[start:position], 2, text[body_start:], line + 1)
        if end < 0:
            break
        position = end + 1
        line += 1
    raise FrontMatterError("F007", "the front matter opened on line 1 is never closed", 1)


def split_sections(body: str, body_line: int) -> tuple[str, tuple[Section, ...]]:
    """The text before the first ``##`` heading, and each ``##`` section.

    Headings inside fenced code blocks are not headings. ``###`` and deeper stay inside
    their ``##`` section.
    """
    preamble: list[str] = []
    sections: list[Section] = []
    title: str | None = None
    title_line = 0
    lines: list[str] = []
    fence: str | None = None
    for offset, raw in enumerate(body.split("\n")):
        stripped = raw.lstrip(" ")
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif raw.startswith("## ") or raw.rstrip() == "##":
            if title is not None:
                sections.append(Section(title, title_line, "\n".join(lines).strip()))
            else:
                preamble = lines
            title = raw[2:].strip().rstrip("#").strip()
            title_line = body_line + offset
            lines = []
            continue
        lines.append(raw.rstrip("\r"))
    if title is not None:
        sections.append(Section(title, title_line, "\n".join(lines).strip()))
    else:
        preamble = lines
    return "\n".join(preamble).strip(), tuple(sections)
