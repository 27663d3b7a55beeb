"""The status rules: evidence, contestation, consensus, temporal; examples and properties."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agora.models import Kind, Source, SourceType
from agora.status import StatusOptions, derive_status
from agora.status.dimensions import Contestation, Evidence, reason
from agora.status.evidence import derive_evidence, independent_groups, registrable_domain
from agora.status.reasons import REASONS, Plural

from .ledgers import controversy, doc, event, ledger

TODAY = date(2026, 6, 1)

_TYPES = list(SourceType)
_STRONG = [t for t in SourceType if t.family in ("primary", "secondary")]


def source(
    publisher: str | None = None,
    domain: str = "example.org",
    type: str | None = "secondary_reporting",
    group: str | None = None,
    path: str = "a",
) -> Source:
    return Source.model_validate(
        {
            "url": f"https://www.{domain}/{path}",
            "title": f"Report {path}",
            "type": type,
            "publisher": publisher,
            "independence_group": group,
        }
    )


sources_strategy = st.lists(
    st.builds(
        source,
        publisher=st.sampled_from([None, "Reuters", "The Verge", "the verge", "AP"]),
        domain=st.sampled_from(["reuters.com", "theverge.com", "apnews.com", "bbc.co.uk"]),
        type=st.sampled_from([None, *[t.value for t in _TYPES]]),
        group=st.sampled_from([None, None, "wire", "syndicate"]),
        path=st.text("abc", min_size=1, max_size=3),
    ),
    max_size=6,
)


# --- evidence: examples


def test_two_independent_reports_corroborate() -> None:
    found = derive_evidence([source("Reuters", "reuters.com"), source("AP", "apnews.com")])

    assert found.value is Evidence.CORROBORATED
    assert found.reasons[0].message() == "2 independent primary or reporting sources: Reuters, AP."


def test_a_reason_about_one_thing_is_in_the_singular() -> None:
    interpretation = source("Lab blog", "lab.example", type="commentary")
    found = derive_evidence([source("Reuters", "reuters.com"), interpretation])

    assert [r.message() for r in found.reasons][-1] == (
        "1 interpretation cannot corroborate on its own."
    )
    assert reason("interpretation-capped", count=2).message() == (
        "2 interpretations cannot corroborate on their own."
    )
    assert reason("seventy-two-hours", hours=1).message().startswith("Published 1 hour after")


def test_every_plural_reason_has_two_forms_chosen_by_a_value_it_names() -> None:
    plurals = {code: m for code, m in REASONS.items() if isinstance(m, Plural)}

    assert len(plurals) >= 7
    for code, message in plurals.items():
        assert message.singular != message.plural, code
        assert "{" + message.number + "}" in message.singular, code
        one = reason(code, **{message.number: 1, "names": "X"}).message()
        two = reason(code, **{message.number: 2, "names": "X"}).message()
        assert (one, two) == (
            message.singular.format(**{message.number: 1, "names": "X"}),
            message.plural.format(**{message.number: 2, "names": "X"}),
        )


def test_a_plural_reason_without_its_whole_number_fails_at_once() -> None:
    for wrong in ({}, {"count": "3"}, {"count": 2.0}, {"count": True}):
        with pytest.raises(TypeError, match="interpretation-capped"):
            reason("interpretation-capped", **wrong)


def test_one_publisher_on_two_domains_counts_once() -> None:
    found = derive_evidence([source("Reuters", "reuters.com"), source("Reuters", "yahoo.com")])

    assert found.value is Evidence.SINGLE_SOURCE
    assert "count once" in found.reasons[1].message()


def test_a_declared_group_overrides_publisher_and_domain() -> None:
    wire = [
        source("Reuters", "reuters.com", group="wire"),
        source("AP", "apnews.com", group="wire"),
    ]

    assert derive_evidence(wire).value is Evidence.SINGLE_SOURCE


def test_hearsay_and_interpretation_cannot_corroborate() -> None:
    found = derive_evidence(
        [
            source("Reuters", "reuters.com"),
            source("Blog", "blog.example", type="hearsay_unverified"),
            source("Think tank", "think.example", type="expert_interpretation"),
        ]
    )

    assert found.value is Evidence.SINGLE_SOURCE


def test_an_editorial_synthesis_is_never_sole_support() -> None:
    found = derive_evidence([source("Agora", "agora.example", type="editorial_synthesis")])

    assert found.value is Evidence.UNSUPPORTED


def test_a_correction_puts_the_claim_under_review() -> None:
    found = derive_evidence(
        [
            source("Reuters", "reuters.com"),
            source("AP", "apnews.com"),
            source("AP", "apnews.com", type="correction", path="fix"),
        ]
    )

    assert found.value is Evidence.UNDER_REVIEW
    assert found.reasons[0].code == "correction-source"


def test_no_sources_is_unsourced() -> None:
    assert derive_evidence([]).value is Evidence.UNSOURCED


def test_registrable_domains() -> None:
    assert registrable_domain("https://news.bbc.co.uk/x") == "bbc.co.uk"
    assert registrable_domain("https://WWW.Example.com:8080/a?b") == "example.com"
    assert registrable_domain("https://user@blog.google/x") == "blog.google"
    assert registrable_domain("not a url") == ""


# --- evidence: properties


@given(sources_strategy, st.sampled_from(_STRONG))
def test_adding_an_independent_source_never_lowers_evidence(
    sources: list[Source], kind: SourceType
) -> None:
    before = derive_evidence(sources).value
    fresh = source("Fresh Outlet", "fresh-outlet.example", type=kind.value, path="new")

    after = derive_evidence([*sources, fresh]).value

    if before is Evidence.UNDER_REVIEW:
        assert after is Evidence.UNDER_REVIEW
    else:
        assert after.rank >= before.rank
        assert after.rank >= Evidence.SINGLE_SOURCE.rank


@given(st.lists(st.sampled_from(_TYPES), min_size=1, max_size=6), st.text("xyz", min_size=1))
def test_sources_of_one_group_never_corroborate(types: list[SourceType], group: str) -> None:
    sources = [
        source(f"Outlet {i}", f"outlet{i}.example", type=t.value, group=group, path=str(i))
        for i, t in enumerate(types)
    ]

    assert derive_evidence(sources).value is not Evidence.CORROBORATED


@given(sources_strategy, st.integers(min_value=1, max_value=4))
def test_hearsay_never_lifts_a_claim(sources: list[Source], count: int) -> None:
    before = derive_evidence(sources).value
    hearsay = [
        source(f"Rumour {i}", f"rumour{i}.example", type="hearsay_unverified", path=str(i))
        for i in range(count)
    ]

    after = derive_evidence([*sources, *hearsay]).value

    if before.rank >= Evidence.SINGLE_SOURCE.rank or before is Evidence.UNDER_REVIEW:
        assert after is before
    else:
        assert after is Evidence.SINGLE_SOURCE


@given(sources_strategy)
def test_groups_partition_the_sources(sources: list[Source]) -> None:
    groups = independent_groups(sources)

    assert sorted(i for group in groups for i in group) == list(range(len(sources)))


# --- contestation and the lifecycle


def challenge(cid: str, target: str, status: str, **fields: Any) -> Any:
    data = {
        "id": cid,
        "target_claim_id": target,
        "allegations": ["overstatement"],
        "status": status,
        "opened_at": "2026-02-01",
        **fields,
    }
    return doc(Kind.CHALLENGE, data)


def resolution(rid: str, case: str, disposition: str, issued: str, **fields: Any) -> Any:
    data = {
        "id": rid,
        "case_id": case,
        "disposition": disposition,
        "findings": ["A finding."],
        "actions": [],
        "issued_at": issued,
        **fields,
    }
    return doc(Kind.RESOLUTION, data)


def status_of(*documents: Any, on: date = TODAY, key: str = "e") -> Any:
    derived = derive_status(ledger(*documents), StatusOptions(on))
    return derived.statuses[key]


def test_the_challenge_window_opens_at_publication_and_closes_after_90_days() -> None:
    published = {"content/events/2024/01-e.md": datetime(2026, 3, 1, 12, tzinfo=UTC)}
    book = ledger(event("e", date="2026-02-27"))

    during = derive_status(book, StatusOptions(date(2026, 5, 29), published=published))
    after = derive_status(book, StatusOptions(date(2026, 5, 30), published=published))

    assert during.statuses["e"].contestation.value is Contestation.WINDOW_OPEN
    assert after.statuses["e"].contestation.value is Contestation.UNCONTESTED
    assert during.statuses["e"].flags[0].code == "seventy-two-hours"


def test_a_challenge_follows_its_resolution_through_time() -> None:
    documents = (
        event("e", date="2025-01-01"),
        challenge("c1", "e", "sustained", resolution_note_id="r1"),
        resolution("r1", "c1", "upheld", "2026-03-01"),
    )

    before = status_of(*documents, on=date(2026, 1, 15))
    pending = status_of(*documents, on=date(2026, 2, 15))
    decided = status_of(*documents, on=date(2026, 3, 1))

    assert before.contestation.value is Contestation.UNCONTESTED
    assert pending.contestation.value is Contestation.CHALLENGED
    assert decided.contestation.value is Contestation.SUSTAINED
    assert decided.badge == "corrected"


def test_a_dismissed_challenge_leaves_the_claim_uncontested_and_can_be_reopened() -> None:
    documents = [
        event("e", date="2025-01-01"),
        challenge("c1", "e", "dismissed", resolution_note_id="r1"),
        resolution("r1", "c1", "rejected", "2026-03-01"),
    ]
    assert status_of(*documents).contestation.value is Contestation.UNCONTESTED

    documents.append(challenge("c2", "e", "open", opened_at="2026-05-01"))
    assert status_of(*documents).contestation.value is Contestation.CHALLENGED


def test_a_position_is_challenged_by_its_letter() -> None:
    book = (
        controversy(),
        challenge("c1", "c#B", "open"),
    )
    derived = derive_status(ledger(*book), StatusOptions(TODAY))

    assert derived.statuses["c#B"].contestation.value is Contestation.CHALLENGED
    assert derived.statuses["c#A"].contestation.value is not Contestation.CHALLENGED


def test_only_a_resolution_supersedes_a_claim() -> None:
    typed = event("e", state="superseded")
    assert status_of(typed).temporal.value == "current"
    assert "typed-superseded" in [r.code for r in status_of(typed).temporal.reasons]

    action = {"type": "event_state_changed", "to": {"state": "superseded"}}
    documents = (
        typed,
        challenge("c1", "e", "sustained", resolution_note_id="r1"),
        resolution("r1", "c1", "upheld", "2026-03-01", actions=[action]),
    )
    assert status_of(*documents).temporal.value == "superseded"
    assert status_of(*documents, on=date(2026, 2, 28)).temporal.value == "current"


def _strong_sources(count: int) -> list[dict[str, str]]:
    return [
        {"url": f"https://outlet{i}.example/x", "title": "Report", "type": "primary_document"}
        for i in range(count)
    ]


def test_consensus_needs_three_sources_acceptance_and_no_open_challenge() -> None:
    reviewed = {"last_reviewed": "2026-01-01"}
    three = event("e", sources=_strong_sources(3), revision=reviewed)
    assert status_of(three).consensus.value == "established"
    assert status_of(event("e", sources=_strong_sources(2), revision=reviewed)).consensus.value == (
        "emerging"
    )
    assert status_of(event("e", sources=_strong_sources(3))).consensus.value == "emerging"
    assert status_of(three, challenge("c1", "e", "open")).consensus.value == "absent"


_STATES = ["open", "under_review", "sustained", "dismissed", "partially_sustained"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_STATES), max_size=4),
    st.integers(min_value=0, max_value=400),
)
def test_a_sustained_challenge_never_leaves_a_claim_uncontested(
    states: list[str], days_after: int
) -> None:
    documents = [event("e", date="2025-01-01")]
    for index, state in enumerate([*states, "sustained"]):
        documents.append(challenge(f"c{index}", "e", state))
    on = date.fromordinal(date(2026, 2, 1).toordinal() + days_after)

    found = status_of(*documents, on=on).contestation.value

    assert found in (Contestation.SUSTAINED, Contestation.CHALLENGED)


@settings(max_examples=40, deadline=None)
@given(st.permutations(range(5)), st.permutations(["a", "b", "c"]))
def test_status_is_the_same_whatever_the_order_of_files(order: list[int], names: list[str]) -> None:
    documents = [
        event("e", date="2025-01-01", sources=_strong_sources(2)),
        challenge("c1", "e", "sustained", resolution_note_id="r1"),
        resolution(f"r-{names[0]}", "c1", "upheld", "2026-03-01"),
        resolution(f"r-{names[1]}", "c1", "rejected", "2026-03-01"),
        resolution(f"r-{names[2]}", "c1", "mixed", "2026-02-01"),
    ]
    reference = derive_status(ledger(*documents), StatusOptions(TODAY)).statuses

    shuffled = derive_status(ledger(*[documents[i] for i in order]), StatusOptions(TODAY))

    assert shuffled.statuses == reference


def test_a_synthesis_is_ratified_by_two_of_three_reviewers() -> None:
    base = {
        "id": "s",
        "thread": "t",
        "author": "ed",
        "date": "2026-01-01",
        "type": "canonical-synthesis",
        "events_covered": ["e"],
    }
    ratified = doc(Kind.SYNTHESIS, {**base, "status": "ratified", "ratified_by": ["a", "b"]})
    one = doc(Kind.SYNTHESIS, {**base, "status": "ratified", "ratified_by": ["a", "a"]})

    assert status_of(event("e"), ratified, key="s").editorial.value == "ratified"
    lone = status_of(event("e"), one, key="s").editorial
    assert lone.value == "proposed"
    assert lone.reasons[0].code == "ratify-needs-two"
