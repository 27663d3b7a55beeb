"""Individual rules on in-memory ledgers: URLs, archives, dates, references, order."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agora.checks import CheckOptions, check, normalize_url
from agora.models import Document, Problem

from .ledgers import controversy, event, ledger, thread

TODAY = date(2026, 11, 1)


def _codes(*documents: Document) -> list[str]:
    return sorted(p.code for p in check(ledger(*documents), CheckOptions(TODAY)))


def _source(url: str, **fields: str) -> dict[str, str]:
    return {"url": url, "title": "S", "type": "secondary_reporting", **fields}


@pytest.mark.parametrize(
    ("url", "valid"),
    [
        ("https://example.org/a?b=c#d", True),
        ("http://localhost:8000/x", True),
        ("https://[2001:db8::1]/x", True),
        ("ftp://example.org/file", False),
        ("example.org/page", False),
        ("https://exa mple.org", False),
        ("https://nodot/", False),
        ("https://", False),
        ("javascript:alert(1)", False),
    ],
)
def test_url_syntax(url: str, valid: bool) -> None:
    codes = _codes(event("e", sources=[_source(url)]))

    assert ("U001" not in codes) is valid


@pytest.mark.parametrize(
    ("archive", "code"),
    [
        ("https://web.archive.org/web/20240301120000/https://a.example.org/x", None),
        ("https://web.archive.org/web/20240301120000id_/https://a.example.org/x", None),
        ("https://web.archive.org/web/*/https://a.example.org/x", "U003"),
        ("https://web.archive.org/web/2024*/https://a.example.org/x", "U003"),
        ("https://web.archive.org/web/2024/https://a.example.org/x", "U004"),
        ("https://web.archive.org/https://a.example.org/x", "U004"),
        ("https://archive.ph/newest/https://a.example.org/x", "U004"),
        ("https://archive.ph/AbCd1", None),
        ("https://web.archive.org/web/20240301120000/https://a.example.org/y", "U006"),
        ("https://web.archive.org/web/20240301120000/http://www.a.example.org/x/", None),
        ("not an archive", "U001"),
    ],
)
def test_archive_urls(archive: str, code: str | None) -> None:
    source = _source("https://a.example.org/x", archive_url=archive, type="primary_document")

    assert _codes(event("e", sources=[source])) == ([code] if code else [])


def test_only_primary_and_official_sources_need_an_archive() -> None:
    sources = [
        _source("https://a.example.org/1", type="official"),
        _source("https://a.example.org/2", type="primary"),
        _source("https://a.example.org/3", type="expert_interpretation"),
        _source("https://a.example.org/4", type="hearsay_unverified"),
    ]

    assert _codes(event("e", sources=sources)) == ["U005", "U005"]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("https://Example.org/a/", "https://example.org/a", True),
        ("https://www.example.org/a", "https://example.org/a", True),
        ("https://example.org/a#top", "https://example.org/a", True),
        ("https://example.org/a?x=1", "https://example.org/a?x=2", False),
        ("https://example.org/A", "https://example.org/a", False),
    ],
)
def test_url_normalization(a: str, b: str, same: bool) -> None:
    assert (normalize_url(a) == normalize_url(b)) is same


@pytest.mark.parametrize(("days_ahead", "future"), [(0, False), (2, False), (3, True)])
def test_future_dates_have_a_grace_period(days_ahead: int, future: bool) -> None:
    when = date.fromordinal(TODAY.toordinal() + days_ahead).isoformat()
    problems = check(
        ledger(event("e", year=int(when[:4]), date=when)), CheckOptions(TODAY, future_grace_days=2)
    )

    assert ("D004" in {p.code for p in problems}) is future


def test_unknown_reference_suggests_the_closest_id() -> None:
    problems = check(
        ledger(event("gpt-4-release"), event("e", related=["gpt4-release"])), CheckOptions(TODAY)
    )

    unknown = next(p for p in problems if p.code == "R002")
    assert unknown.hint == "Did you mean 'gpt-4-release'?"


def test_undeclared_label_hint_shows_how_to_declare_it() -> None:
    positions = [{"claim": "A", "proponents": ["open-source-crowd"]}, {"claim": "B"}]

    problems = check(
        ledger(controversy(positions=positions), thread(controversies=["c"])), CheckOptions(TODAY)
    )

    label = next(p for p in problems if p.code == "R007")
    assert "content/groups/open-source-crowd.yml" in label.hint
    assert "  id: open-source-crowd\n  name: Open source crowd" in label.hint


def _snapshot(problems: list[Problem]) -> list[tuple[str, str, str]]:
    return sorted((p.path, p.code, p.message) for p in problems)


_DOCUMENTS = [
    event("a", related=["b", "missing"], threads=["t"]),
    event("b", related=["a"]),
    event("c", related=["a"], tags=["x", "x"]),
    event("a", year=2025, title="Duplicate of a", date="2025-01-01"),
]


@settings(max_examples=30)
@given(st.permutations(range(len(_DOCUMENTS))))
def test_problems_do_not_depend_on_file_order(order: list[int]) -> None:
    shuffled = [_DOCUMENTS[i] for i in order]
    expected = _snapshot(check(ledger(*_DOCUMENTS), CheckOptions(TODAY)))

    assert _snapshot(check(ledger(*shuffled), CheckOptions(TODAY))) == expected


def test_an_invalid_source_is_reported_once_not_as_a_short_list() -> None:
    problems = check(
        ledger(event("e", sources=[{"url": "https://a.example.org"}])), CheckOptions(TODAY)
    )

    assert [(p.code, p.field_name) for p in problems] == [("S001", "sources[0].title")]


def test_lengths_are_counted_in_words() -> None:
    problems = check(ledger(event("e", title="Hi")), CheckOptions(TODAY))

    assert [p.message for p in problems] == ["title: text is 2 characters; at least 5 needed"]
