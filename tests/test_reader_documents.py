"""One file to one document: encodings, shapes, and what survives a parse."""

from __future__ import annotations

import pytest

from agora.models import Kind
from agora.reader import ReadLimits, parse_text
from agora.reader.documents import parse_bytes

LIMITS = ReadLimits()


def test_a_markdown_record_keeps_data_body_and_sections() -> None:
    text = "---\nid: x\ndate: 2024-01-02\n---\n\nLead.\n\n## Summary\n\nText.\n"

    result = parse_text("content/events/2024/01-x.md", Kind.EVENT, text, LIMITS)

    assert result.problems == ()
    document = result.document
    assert document is not None
    assert document.data == {"id": "x", "date": "2024-01-02"}
    assert document.body_line == 5
    assert document.preamble == "Lead."
    assert [(s.title, s.line, s.text) for s in document.sections] == [("Summary", 8, "Text.")]


def test_a_yaml_record_has_no_body() -> None:
    result = parse_text("content/actors/x.yml", Kind.ACTOR, "id: x\nname: X\n", LIMITS)

    assert result.document is not None
    assert result.document.body == ""
    assert result.document.sections == ()


def test_byte_order_mark_is_dropped() -> None:
    result = parse_bytes("content/actors/x.yml", Kind.ACTOR, b"\xef\xbb\xbfid: x\n", LIMITS)

    assert result.document is not None
    assert result.document.data == {"id": "x"}


@pytest.mark.parametrize(
    ("raw", "code", "line"),
    [
        (b"", "F005", 1),
        (b"  \n\n", "F005", 1),
        (b"id: x\n\x00", "F002", 1),
        (b"id: ok\nname: \xff\n", "F001", 2),
        (b"- a\n- b\n", "Y006", 1),
        (b"just a value\n", "Y006", 1),
    ],
)
def test_what_cannot_be_a_record(raw: bytes, code: str, line: int) -> None:
    result = parse_bytes("content/actors/x.yml", Kind.ACTOR, raw, LIMITS)

    assert result.document is None
    assert [(p.code, p.line) for p in result.problems] == [(code, line)]


def test_invalid_utf8_reports_line_and_column() -> None:
    result = parse_bytes("content/actors/x.yml", Kind.ACTOR, b"id: x\nname: Caf\xe9\n", LIMITS)

    assert result.problems[0].message == "byte 0xe9 at line 2, column 10 is not valid UTF-8"


def test_empty_front_matter_is_not_a_mapping() -> None:
    result = parse_text("content/events/2024/01-x.md", Kind.EVENT, "---\n---\nBody\n", LIMITS)

    assert [(p.code, p.line) for p in result.problems] == [("Y006", 2)]
    assert "front matter is empty" in result.problems[0].message
