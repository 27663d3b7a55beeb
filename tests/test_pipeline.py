"""Validating in worker processes and from the result cache gives the same answer."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest

from agora.checks import CheckOptions
from agora.engine import inspect, validate
from agora.pipeline import ValidateOptions, analyse_files
from agora.reader import ReadLimits, find_files, find_layout, parallel
from agora.settings import Settings

from .clock import age


def _snapshot(settings: Settings, ledger: Path) -> list[tuple[str, int, int, str, str]]:
    return [
        (p.path, p.line, p.column, p.code, p.message) for p in validate(ledger, settings).problems
    ]


def test_workers_find_exactly_what_one_process_finds(
    broken: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = _snapshot(settings.model_copy(update={"no_cache": True, "workers": 1}), broken)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10)
    monkeypatch.setattr(parallel, "_BATCH", 7)

    in_workers = _snapshot(settings.model_copy(update={"no_cache": True, "workers": 2}), broken)

    assert in_workers == serial
    assert len(serial) > 50


def test_an_unchanged_ledger_is_answered_from_the_cache(sample: Path, settings: Settings) -> None:
    age(sample)
    first = validate(sample, settings)
    second = validate(sample, settings)

    assert not first.cached
    assert second.cached
    assert second == first.__class__(first.files, first.counts, first.problems, cached=True)


def test_an_edit_is_seen_on_the_next_run(sample: Path, settings: Settings) -> None:
    age(sample)
    validate(sample, settings)
    actor = sample / "content" / "actors" / "openai.yml"
    actor.write_text(actor.read_text("utf-8") + "headquarters: San Francisco\n", "utf-8")

    report = validate(sample, settings)

    assert not report.cached
    assert [(p.path, p.code) for p in report.problems] == [("content/actors/openai.yml", "S005")]


def test_a_new_stray_file_is_seen_on_the_next_run(sample: Path, settings: Settings) -> None:
    age(sample)
    validate(sample, settings)
    (sample / "content" / "threads" / "notes.txt").write_text("draft", "utf-8")

    report = validate(sample, settings)

    assert not report.cached
    assert [p.code for p in report.problems] == ["F009"]


def test_another_day_is_another_result(sample: Path, settings: Settings) -> None:
    age(sample)
    validate(sample, settings)

    later = validate(sample, settings.model_copy(update={"today": date(2027, 1, 1)}))

    assert not later.cached


def test_no_cache_never_reads_or_writes_one(sample: Path, settings: Settings) -> None:
    age(sample)
    uncached = settings.model_copy(update={"no_cache": True})
    validate(sample, uncached)

    assert not validate(sample, uncached).cached
    assert not (settings.cache_dir).exists()


def test_what_workers_send_back_survives_pickling(broken: Path, settings: Settings) -> None:
    files, _ = find_files(find_layout(broken))
    options = ValidateOptions(CheckOptions(date(2026, 11, 1)), ReadLimits(), None, 1)
    outcomes = analyse_files(
        [f for f in files if not f.path.endswith("f008-unreadable.md")], options
    )

    assert pickle.loads(pickle.dumps(outcomes)) == outcomes
    assert any(outcome.node is not None and outcome.node.places for outcome in outcomes)


def test_a_duplicate_id_in_an_invalid_record_is_placed_at_the_id(
    sample: Path, settings: Settings
) -> None:
    copy = sample / "content" / "actors" / "zz-openai-copy.yml"
    copy.write_text("type: nonsense\nid: openai\nname: OpenAI\n", "utf-8")

    pipeline = validate(sample, settings.model_copy(update={"no_cache": True}))
    in_process = inspect(sample, settings.model_copy(update={"no_cache": True}))

    for found in (pipeline.problems, in_process.problems):
        duplicate = next(p for p in found if p.code == "I002")
        assert (duplicate.line, duplicate.column) == (2, 5)
