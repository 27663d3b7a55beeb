"""Split a Markdown record into front matter and body, and the body into ``##`` sections."""

from __future__ import annotations

import re
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


_OPENING = re.compile(r"---[ \t\r]*(?:\n|$)")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t\r]*$", re.M)
# Each pattern starts with a literal newline, which the regex engine finds with a fast scan
# instead of trying every position of the body.
_MARKERS = re.compile(r"\n(?:## |##[ \t\r]*(?=\n|$)| *(?:```|~~~))")


def split_front_matter(text: str) -> Split:
    """Cut ``text`` at its ``---`` front matter fences."""
    opening = _OPENING.match(text)
    if opening is None:
        raise FrontMatterError(
            "F006", "the file does not start with a '---' line opening the front matter", 1
        )
    start = opening.end()
    closing = _CLOSING.search(text, start) if start < len(text) or text.endswith("\n") else None
    if closing is None or (start == len(text) and not text.endswith("\n")):
        raise FrontMatterError("F007", "the front matter opened on line 1 is never closed", 1)
    end = closing.end()
    body_start = end + 1 if end < len(text) else end
    body_line = text.count("\n", 0, closing.start()) + 2
    return Split(text[start : closing.start()], 2, text[body_start:], body_line)


def split_sections(body: str, body_line: int) -> tuple[str, tuple[Section, ...]]:
    """The text before the first ``##`` heading, and each ``##`` section.

    Headings inside fenced code blocks are not headings. ``###`` and deeper stay inside
    their ``##`` section.
    """
    headings: list[tuple[int, int, str]] = []  # (start, end of heading line, title)
    fence: str | None = None
    # A newline in front, so that a marker on the body's first line is found too; a
    # match's start in this text is then the marker line's start in the body.
    for found in _MARKERS.finditer("\n" + body):
        start, marker = found.start(), found.group()[1:]
        if "`" in marker or "~" in marker:
            fence_mark = marker.strip()[:3]
            if fence is None:
                fence = fence_mark
            elif fence_mark == fence:
                fence = None
            continue
        if fence is not None:
            continue
        line_end = body.find("\n", start)
        line_end = len(body) if line_end < 0 else line_end
        title = body[start + 2 : line_end].strip().rstrip("#").strip()
        headings.append((start, line_end, title))
    if not headings:
        return _clean(body), ()
    sections = []
    line = body_line + body.count("\n", 0, headings[0][0])
    for number, (start, line_end, title) in enumerate(headings):
        following = headings[number + 1][0] if number + 1 < len(headings) else len(body)
        sections.append(Section(title, line, _clean(body[line_end:following])))
        line += body.count("\n", start, following)
    return _clean(body[: headings[0][0]]), tuple(sections)


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").strip()
