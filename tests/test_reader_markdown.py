"""Front matter and sections."""

from __future__ import annotations

import pytest

from agora.reader.markdown import FrontMatterError, split_front_matter, split_sections


def test_split_gives_yaml_body_and_their_lines() -> None:
    split = split_front_matter("---\nid: x\ntitle: y\n---\n\n## Summary\n\nText.\n")

    assert split.front_matter == "id: x\ntitle: y\n"
    assert split.front_matter_line == 2
    assert split.body == "\n## Summary\n\nText.\n"
    assert split.body_line == 5


def test_crlf_and_trailing_spaces_on_fences() -> None:
    split = split_front_matter("--- \r\nid: x\r\n---\r\nBody\r\n")

    assert split.front_matter == "id: x\r\n"
    assert split.body == "Body\r\n"


def test_dots_close_front_matter_too() -> None:
    assert split_front_matter("---\nid: x\n...\nbody").body == "body"


@pytest.mark.parametrize(
    ("text", "code"),
    [("id: x\n", "F006"), ("---\nid: x\n", "F007"), ("---", "F007"), ("# Title\n---\n", "F006")],
)
def test_missing_or_unclosed_front_matter(text: str, code: str) -> None:
    with pytest.raises(FrontMatterError) as raised:
        split_front_matter(text)

    assert raised.value.code == code


def test_sections_with_lines_and_preamble() -> None:
    body = (
        "Intro line.\n\n## Summary\n\nFirst.\n\n### Detail\n\nStill summary.\n\n"
        "## Why It Matters ##\n\nSecond.\n"
    )

    preamble, sections = split_sections(body, body_line=10)

    assert preamble == "Intro line."
    assert [(s.title, s.line) for s in sections] == [("Summary", 12), ("Why It Matters", 20)]
    assert sections[0].text == "First.\n\n### Detail\n\nStill summary."


def test_headings_inside_code_fences_are_not_sections() -> None:
    body = "## Real\n\n```markdown\n## Not a heading\n```\n\n~~~\n## Neither\n~~~\n"

    _, sections = split_sections(body, 1)

    assert [s.title for s in sections] == ["Real"]
    assert "## Not a heading" in sections[0].text
