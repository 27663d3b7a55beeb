"""Deriving statuses again after an edit keeps those whose inputs did not change, and the
answer is always the one a derivation from scratch gives."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from agora.models import Ledger, build_ledger
from agora.reader import ReadMemo, ReadOptions, read_corpus
from agora.status import Derived, StatusOptions, derive_status

from .clock import age

TODAY = StatusOptions(date(2026, 11, 1))
POSITION = "open-weight-models-access-vs-proliferation#D"
EVENT = "content/events/2024/04-ntia-open-weights-report.md"
RESOLUTION = "content/resolutions/governance-position-resolution.md"


def _read(root: Path, memo: ReadMemo, previous: Ledger | None = None) -> Ledger:
    return build_ledger(read_corpus(root, ReadOptions(), memo).documents, previous)


def _kept(now: Derived, was: Derived) -> set[str]:
    return {key for key, status in now.statuses.items() if status is was.statuses.get(key)}


def test_only_claims_whose_inputs_changed_are_derived_again(sample: Path) -> None:
    age(sample)
    memo = ReadMemo()
    before = _read(sample, memo)
    was = derive_status(before, TODAY)
    event = sample / EVENT
    event.write_text(event.read_text("utf-8") + "\nOne more sentence.\n", "utf-8")
    (sample / RESOLUTION).unlink()  # the case on the position is open again

    after = _read(sample, memo, before)
    now = derive_status(after, TODAY, was)

    fresh = derive_status(after, TODAY)
    assert now.statuses == fresh.statuses
    assert now.cases_by_record == fresh.cases_by_record
    assert now.statuses[POSITION] != was.statuses[POSITION]
    changed = set(now.statuses) - _kept(now, was)
    # The edited event, the synthesis resting on its sources, the position whose case lost
    # its resolution; nothing else.
    assert changed == {"ntia-open-weights-report", "open-weights-2023-2025", POSITION}


def test_nothing_is_kept_for_another_day_or_window(sample: Path) -> None:
    memo = ReadMemo()
    ledger = _read(sample, memo)
    was = derive_status(ledger, TODAY)
    assert _kept(derive_status(ledger, TODAY, was), was) == set(was.statuses)

    other_day = replace(TODAY, today=date(2026, 7, 10))
    for options in (other_day, replace(TODAY, challenge_window_days=5)):
        now = derive_status(ledger, options, was)
        assert _kept(now, was) == set()
        assert now.statuses == derive_status(ledger, options).statuses


def test_the_same_instant_in_another_time_zone_is_another_day(sample: Path) -> None:
    ledger = _read(sample, ReadMemo())
    path = next(entry.path for entry in ledger.events if entry.id == "deepseek-r1-release")
    evening = datetime(2025, 1, 20, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    was = derive_status(ledger, replace(TODAY, published={path: evening}))
    next_day = replace(TODAY, published={path: evening.astimezone(UTC)})

    now = derive_status(ledger, next_day, was)

    assert now.statuses == derive_status(ledger, next_day).statuses
    assert set(was.statuses) - _kept(now, was) == {"deepseek-r1-release"}
