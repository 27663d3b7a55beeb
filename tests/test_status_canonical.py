"""The canonical layer and the timeline: what lifecycle records change about how a record
reads on a given day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from agora.models import Kind
from agora.status import StatusOptions, derive_status
from agora.status.canonical import canonical_layer
from agora.status.timeline import timeline

from .ledgers import controversy, doc, event, ledger

TODAY = date(2026, 11, 1)


def _revision(record_id: str, created: str, text: str | None = "New summary.") -> Any:
    data: dict[str, Any] = {
        "id": record_id,
        "target_summary_id": "a",
        "reason": "A better summary.",
        "created_at": created,
    }
    if text is not None:
        data["new_version"] = text
    return doc(Kind.REVISION, data, "Why.\n")


def _memo(record_id: str, stance: str, subject: dict[str, str]) -> Any:
    data = {
        "id": record_id,
        "subject": subject,
        "thesis": "Read the record another way than it reads.",
        "stance": stance,
        "confidence": "medium",
        "created_at": "2026-05-01",
    }
    return doc(Kind.MEMO, data, "Memo.\n")


def _event(found: Any) -> Any:
    entry = found.get(Kind.EVENT, "a")
    assert entry is not None
    return entry.record


def _layer(*documents: Any, today: date = TODAY) -> Any:
    found = ledger(*documents)
    derived = derive_status(found, StatusOptions(today))
    return canonical_layer(found, derived.cases_by_record, today), derived


def test_the_newest_revision_with_a_text_in_effect_is_the_current_summary() -> None:
    layer, _ = _layer(
        event("a"),
        _revision("first", "2026-01-01", "First rewrite."),
        _revision("second", "2026-03-01", "Second rewrite."),
        _revision("untexted", "2026-04-01", None),
        _revision("future", "2026-12-01", "Not yet."),
    )

    current = layer["a"].current

    assert current is not None
    assert current.id == "second"
    assert [r.id for r in layer["a"].revisions] == ["first", "second", "untexted"]


def test_on_an_earlier_day_the_earlier_revision_is_current() -> None:
    layer, _ = _layer(
        event("a"),
        _revision("first", "2026-01-01", "First rewrite."),
        _revision("second", "2026-03-01", "Second rewrite."),
        today=date(2026, 2, 1),
    )

    assert layer["a"].current.id == "first"


def test_only_memos_that_read_the_record_another_way_reinterpret_it() -> None:
    layer, _ = _layer(
        event("a"),
        _memo("method", "methodological", {"kind": "claim", "id": "a"}),
        _memo("reading", "skeptical", {"kind": "claim", "id": "a"}),
    )

    assert [m.id for m in layer["a"].memos] == ["method", "reading"]
    assert [m.id for m in layer["a"].reinterpretations] == ["reading"]


def test_a_memo_about_a_case_reads_the_case_s_target() -> None:
    case = doc(
        Kind.CHALLENGE,
        {"id": "k", "target_claim_id": "c#B", "allegations": ["misquote"], "status": "open"},
        "Case.\n",
    )
    layer, _ = _layer(
        controversy("c"), case, _memo("about-case", "interpretive", {"kind": "case", "id": "k"})
    )

    assert [m.id for m in layer["c"].reinterpretations] == ["about-case"]
    assert [c.challenge.id for c in layer["c"].cases] == ["k"]


def _case(status: str) -> Any:
    """Challenge ``k`` to event ``a``'s claim, opened on 2026-02-01, in ``status``."""
    return doc(
        Kind.CHALLENGE,
        {
            "id": "k",
            "target_claim_id": "a",
            "allegations": ["overstatement"],
            "status": status,
            "opened_at": "2026-02-01",
        },
        "Case.\n",
    )


def _resolution(disposition: str, finding: str, *actions: dict[str, Any], **fields: str) -> Any:
    """Resolution ``r`` of case ``k``, with one finding, these actions and ``fields``."""
    data = {
        "id": "r",
        "case_id": "k",
        "disposition": disposition,
        "findings": [finding],
        "actions": list(actions),
        **fields,
    }
    return doc(Kind.RESOLUTION, data, "Resolved.\n")


def test_the_timeline_follows_a_case_from_opening_to_the_change_it_made() -> None:
    case = _case("sustained")
    resolution = _resolution(
        "upheld",
        "Overstated.",
        {
            "type": "claim_status_changed",
            "claim_id": "a",
            "from": {"confidence": "high"},
            "to": {"confidence": "medium"},
        },
        issued_at="2026-02-20",
    )
    found = ledger(event("a", confidence="high"), case, resolution)
    status = derive_status(found, StatusOptions(TODAY)).statuses["a"]

    moments = timeline(_event(found), [status], (), None, 90, TODAY)

    assert [(m.day.isoformat(), m.what) for m in moments] == [
        ("2026-02-01", "opened"),
        ("2026-02-20", "decided"),
        ("2026-02-20", "changed"),
    ]
    assert (moments[2].field, moments[2].before, moments[2].after) == (
        "confidence",
        "high",
        "medium",
    )
    assert moments[1].after == "sustained"


def test_a_resolution_without_a_date_is_on_the_timeline_when_its_file_appeared() -> None:
    case = _case("dismissed")
    resolution = _resolution("rejected", "Fair.")
    found = ledger(event("a"), case, resolution)
    appeared = {resolution.path: datetime(2026, 3, 5, 12, tzinfo=UTC)}
    options = StatusOptions(TODAY, published=appeared)
    status = derive_status(found, options).statuses["a"]

    moments = timeline(_event(found), [status], (), None, 90, TODAY)

    assert [(m.day.isoformat(), m.what) for m in moments] == [
        ("2026-02-01", "opened"),
        ("2026-03-05", "decided"),
    ]


def test_an_unchallenged_record_s_window_closes_on_its_timeline() -> None:
    found = ledger(event("a"))
    status = derive_status(found, StatusOptions(TODAY)).statuses["a"]
    record = _event(found)

    closed = timeline(record, [status], (), date(2026, 1, 1), 90, TODAY)
    still_open = timeline(record, [status], (), date(2026, 10, 1), 90, TODAY)

    assert [(m.day.isoformat(), m.what) for m in closed] == [
        ("2026-01-01", "published"),
        ("2026-04-01", "window-closed"),
    ]
    assert [m.what for m in still_open] == ["published"]


def test_a_controversy_s_window_on_its_timeline_starts_where_its_status_says() -> None:
    found = ledger(controversy("c", last_updated="2026-01-01"))
    statuses = list(derive_status(found, StatusOptions(TODAY)).statuses.values())
    entry = found.get(Kind.CONTROVERSY, "c")
    assert entry is not None

    moments = timeline(entry.record, statuses, (), None, 90, TODAY)

    assert [(m.day.isoformat(), m.what) for m in moments] == [("2026-04-01", "window-closed")]
    assert {s.contestation.value.value for s in statuses} == {"uncontested"}
