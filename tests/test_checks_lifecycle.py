"""Lifecycle checks beyond the broken ledger's one-file-per-code cases."""

from __future__ import annotations

from typing import Any

from agora.checks import check_ledger
from agora.models import Kind

from .ledgers import doc, event, ledger, thread


def _case(status: str) -> Any:
    data = {"id": "k", "target_claim_id": "a", "allegations": ["misquote"], "status": status}
    return doc(Kind.CHALLENGE, data, "Case.\n")


def _note(record_id: str, disposition: str, issued: str) -> Any:
    data = {
        "id": record_id,
        "case_id": "k",
        "disposition": disposition,
        "findings": ["Found."],
        "actions": [{"type": "no_action"}],
        "issued_at": issued,
    }
    return doc(Kind.RESOLUTION, data, "Note.\n")


def _codes(*documents: Any) -> list[str]:
    return sorted(item.code for item in check_ledger(ledger(*documents)) if item.code[0] == "L")


def test_only_the_latest_note_must_agree_with_the_case() -> None:
    deferred_then_upheld = (
        _note("first", "deferred", "2026-01-10"),
        _note("then", "upheld", "2026-02-10"),
    )
    upheld_then_deferred = (
        _note("first", "upheld", "2026-01-10"),
        _note("then", "deferred", "2026-02-10"),
    )

    assert _codes(event("a"), _case("sustained"), *deferred_then_upheld) == []
    assert _codes(event("a"), _case("sustained"), *upheld_then_deferred) == ["L002"]


def _entry(record_id: str, day: str, **fields: Any) -> Any:
    data = {
        "id": record_id,
        "thread": "t",
        "author": "ed",
        "date": day,
        "type": "canonical-synthesis",
        "events_covered": ["a"],
        **fields,
    }
    return doc(Kind.SYNTHESIS, data, "Reading.\n")


def _revision(day: str) -> Any:
    data = {
        "id": "rev",
        "target_summary_id": "a",
        "reason": "Summary corrected.",
        "created_at": day,
    }
    return doc(Kind.REVISION, data, "Why.\n")


def test_supersession_counts_only_changes_between_the_two_entries() -> None:
    older = _entry("old", "2026-01-01")
    newer = _entry("new", "2026-03-01", supersedes="old")

    assert _codes(event("a"), thread("t"), older, newer, _revision("2026-02-01")) == []
    assert _codes(event("a"), thread("t"), older, newer, _revision("2026-04-01")) == ["L008"]
    assert _codes(event("a"), thread("t"), older, newer, _revision("2025-12-01")) == ["L008"]
