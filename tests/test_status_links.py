"""Backlinks name the record of the right kind; membership is the union of both sides."""

from __future__ import annotations

from agora.models import Kind
from agora.status import index_links

from .ledgers import controversy, doc, event, ledger, thread


def test_membership_is_the_union_of_both_sides() -> None:
    book = ledger(
        thread(events=["listed"]),
        event("listed"),
        event("naming", threads=["t"]),
    )

    index = index_links(book)

    assert [entry.id for entry in index.thread_events("t")] == ["listed", "naming"]
    assert index.event_threads("listed") == ("t",)


def test_backlinks_go_to_the_kind_the_link_names() -> None:
    group = doc(Kind.GROUP, {"id": "listed", "name": "A group that shares an id"})
    book = ledger(thread(events=["listed"]), event("listed"), group)

    index = index_links(book)

    assert [b.id for b in index.backlinks(Kind.EVENT, "listed")] == ["t"]
    assert index.backlinks(Kind.GROUP, "listed") == ()


def test_a_claim_on_a_missing_position_is_not_a_backlink() -> None:
    challenges = [
        doc(
            Kind.CHALLENGE,
            {
                "id": f"ch-{ref[-1].lower()}",
                "target_claim_id": ref,
                "allegations": ["overstatement"],
                "status": "open",
            },
        )
        for ref in ("c#B", "c#C")
    ]
    book = ledger(controversy(), *challenges)

    assert [b.id for b in index_links(book).backlinks(Kind.CONTROVERSY, "c")] == ["ch-b"]
