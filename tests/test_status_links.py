"""Backlinks name the record of the right kind; membership is the union of both sides."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from agora.models import Kind, build_ledger
from agora.models.links import Link, declared_links_of
from agora.models.records import Record
from agora.status import index_links
from agora.status import links as links_module

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


def test_an_index_made_from_an_earlier_one_answers_as_one_made_anew(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kept = [thread(events=["a"]), event("a"), controversy(related_events=["gone", "b"])]
    before = build_ledger([*kept, event("b", threads=["t"], related=["a"]), event("gone")])
    was = index_links(before)
    # "b" leaves the thread, "gone" is deleted and "new" added: the unchanged controversy's
    # link to "gone" no longer resolves, and its links are not made again.
    after = build_ledger([*kept, event("b", related=["a"]), event("new", related=["b"])], before)
    made: list[str] = []

    def counted(record: Record, path: str) -> Iterator[Link]:
        made.append(record.id)
        return declared_links_of(record, path)

    monkeypatch.setattr(links_module, "declared_links_of", counted)
    now = index_links(after, was)
    monkeypatch.undo()

    fresh = index_links(after)
    assert sorted(made) == ["b", "new"]
    for kind in Kind:
        for entry in after.entries(kind):
            assert now.backlinks(kind, entry.id) == fresh.backlinks(kind, entry.id)
    assert now.thread_events("t") == fresh.thread_events("t")
    assert [entry.id for entry in now.thread_events("t")] == ["a"]
    assert now.event_threads("b") == ()
    assert [b.id for b in now.backlinks(Kind.EVENT, "b")] == ["new", "c"]  # ledger order
    assert now.backlinks(Kind.EVENT, "gone") == ()
