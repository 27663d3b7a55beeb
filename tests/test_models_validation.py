"""Record models: validation that keeps records, positions, claim references."""

from __future__ import annotations

import pytest

from agora.models import Kind, position_letter, validate_document
from agora.models.validation import allowed_fields

from .ledgers import controversy, event, ledger


def test_an_unknown_field_is_reported_and_the_record_kept() -> None:
    validated = validate_document(event("e", sumary="typo"))

    assert validated.record is not None
    assert [(e.loc, e.type) for e in validated.errors] == [(("sumary",), "extra_forbidden")]


def test_a_nested_unknown_field_is_dropped_too() -> None:
    source = {"url": "https://a.example.org", "title": "A", "publsher": "X"}
    validated = validate_document(event("e", sources=[source]))

    assert validated.record is not None
    assert [e.loc for e in validated.errors] == [("sources", 0, "publsher")]


def test_a_real_error_rejects_the_record_and_keeps_every_error() -> None:
    validated = validate_document(event("e", category="model", extra="x", date="2024-02-30"))

    assert validated.record is None
    assert {e.type for e in validated.errors} == {"enum", "extra_forbidden", "bad_date"}


def test_allowed_fields_at_a_nested_location() -> None:
    document = event("e")

    assert "publisher" in allowed_fields(document, ("sources", 0, "publsher"))
    assert "category" in allowed_fields(document, ("categry",))


@pytest.mark.parametrize(
    ("index", "letter"), [(0, "A"), (3, "D"), (25, "Z"), (26, "AA"), (27, "AB")]
)
def test_position_letters(index: int, letter: str) -> None:
    assert position_letter(index) == letter


@pytest.mark.parametrize(
    ("ref", "found"),
    [
        ("c", True),
        ("c#A", True),
        ("c#b", True),
        ("c#yes-side", True),
        ("c#C", False),
        ("e", True),
        ("nope", False),
        ("nope#A", False),
    ],
)
def test_claim_references(ref: str, found: bool) -> None:
    positions = [{"claim": "Yes", "id": "yes-side"}, {"claim": "No"}]
    book = ledger(controversy(positions=positions), event("e"))

    assert (book.resolve_claim(ref) is not None) is found


def test_ids_of_invalid_records_still_count_as_existing() -> None:
    book = ledger(event("broken", category="nope"))

    assert book.has(Kind.EVENT, "broken")
    assert book.get(Kind.EVENT, "broken") is None
    assert len(book) == 0


@pytest.mark.parametrize("written", ["２０２４-０３-０１", "24-03-01", "2024-3-1"])
def test_dates_are_plain_ascii_yyyy_mm_dd(written: str) -> None:
    validated = validate_document(event("e", date=written))

    assert [e.type for e in validated.errors] == ["date_format"]
