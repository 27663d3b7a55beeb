"""Reading a ledger again in the same process: unchanged files keep their documents, and no
change is ever missed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from agora.models import build_ledger
from agora.reader import ReadMemo, ReadOptions, read_corpus
from agora.reader import corpus as corpus_module

from .clock import age

ACTOR = "content/actors/openai.yml"
EVENT = "content/events/2025/01-deepseek-r1-release.md"


def _options(tmp_path: Path) -> ReadOptions:
    return ReadOptions(cache_dir=tmp_path / "cache")


def _by_path(documents: tuple[object, ...]) -> dict[str, object]:
    return {document.path: document for document in documents}  # type: ignore[attr-defined]


def test_unchanged_files_keep_their_documents_and_edits_are_read(
    sample: Path, tmp_path: Path
) -> None:
    age(sample)
    memo = ReadMemo()
    first = read_corpus(sample, _options(tmp_path), memo)
    actor = sample / ACTOR
    actor.write_text(actor.read_text("utf-8").replace("name: OpenAI", "name: OpenAI Inc."), "utf-8")
    (sample / EVENT).unlink()
    added = sample / "content" / "actors" / "new-lab.yml"
    added.write_text("id: new-lab\nname: New Lab\ntype: organization\n", "utf-8")

    second = read_corpus(sample, _options(tmp_path), memo)

    before, after = _by_path(first.documents), _by_path(second.documents)
    kept = [path for path in after if path in before and after[path] is before[path]]
    assert sorted(set(before) - set(after)) == [EVENT]
    assert sorted(set(after) - set(before)) == ["content/actors/new-lab.yml"]
    assert sorted(set(after) - set(kept)) == sorted([ACTOR, "content/actors/new-lab.yml"])
    assert second.cached == len(kept) == second.files - 2
    assert after[ACTOR].data["name"] == "OpenAI Inc."  # type: ignore[attr-defined]
    assert second.documents == read_corpus(sample, ReadOptions()).documents


def test_an_edit_in_the_same_clock_tick_as_the_last_read_is_never_missed(
    sample: Path, tmp_path: Path
) -> None:
    age(sample)
    actor = sample / ACTOR
    actor.touch()  # modified just now: inside the racy window of the read that follows
    memo = ReadMemo()
    read_corpus(sample, _options(tmp_path), memo)
    stat = actor.stat()
    # Same size, and the clock did not tick between the two writes: size and mtime match.
    actor.write_text(actor.read_text("utf-8").replace("OpenAI", "OPENAI"), "utf-8")
    os.utime(actor, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    second = read_corpus(sample, _options(tmp_path), memo)

    assert _by_path(second.documents)[ACTOR].data["name"] == "OPENAI"  # type: ignore[attr-defined]


def test_a_file_that_cannot_be_read_is_reported_again_while_unchanged(
    sample: Path, tmp_path: Path
) -> None:
    broken = sample / "content" / "actors" / "broken.yml"
    broken.write_text("id: [unclosed\n", "utf-8")
    age(sample)
    memo = ReadMemo()
    first = read_corpus(sample, _options(tmp_path), memo)

    second = read_corpus(sample, _options(tmp_path), memo)

    assert [p.code for p in first.problems if p.path.endswith("broken.yml")]
    assert second.problems == first.problems
    assert second.cached == second.files


def test_many_changed_files_are_read_through_the_parse_cache(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corpus_module, "_FEW_CHANGED", 1)
    age(sample)
    memo = ReadMemo()
    read_corpus(sample, _options(tmp_path), memo)
    for name in ("deepseek.yml", "eleutherai.yml"):
        actor = sample / "content" / "actors" / name
        actor.write_text(actor.read_text("utf-8").replace("\nname: ", "\nname: Changed "), "utf-8")
    age(sample)

    second = read_corpus(sample, _options(tmp_path), memo)
    third = read_corpus(sample, _options(tmp_path))  # a new process: its cache learnt them

    changed = [d for d in second.documents if str(d.data.get("name")).startswith("Changed ")]
    assert len(changed) == 2
    assert third.cached == third.files
    assert third.documents == second.documents


def test_a_validation_is_kept_for_the_same_document_only(sample: Path, tmp_path: Path) -> None:
    age(sample)
    memo = ReadMemo()
    first = read_corpus(sample, _options(tmp_path), memo)
    ledger = build_ledger(first.documents)
    actor = sample / ACTOR
    actor.write_text(actor.read_text("utf-8").replace("name: OpenAI", "name: OpenAI Inc."), "utf-8")

    second = read_corpus(sample, _options(tmp_path), memo)
    again = build_ledger(second.documents, ledger)

    before = {item.document.path: item for item in ledger.validated}
    kept = [item for item in again.validated if item is before[item.document.path]]
    assert len(kept) == len(again.validated) - 1
    assert again.get(ledger.actors[0].record.kind, "openai").record.name == "OpenAI Inc."  # type: ignore[union-attr]
    assert again.validated == build_ledger(second.documents).validated
