"""The parse cache: unchanged files are not parsed again; changed files always are."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from agora.models import Kind
from agora.reader import ReadOptions, read_corpus
from agora.reader.documents import digest

from .clock import age


def _options(tmp_path: Path) -> ReadOptions:
    return ReadOptions(cache_dir=tmp_path / "cache")


def test_a_second_run_reads_every_file_from_the_cache(sample: Path, tmp_path: Path) -> None:
    age(sample)
    cold = read_corpus(sample, _options(tmp_path))
    warm = read_corpus(sample, _options(tmp_path))

    assert cold.cached == 0
    assert warm.cached == warm.files == 55
    assert warm.documents == cold.documents


def test_every_file_s_content_digest_is_known_read_or_cached(sample: Path, tmp_path: Path) -> None:
    def on_disk() -> dict[str, str]:
        return {
            str(path.relative_to(sample)): digest(path.read_bytes()).hex()
            for path in (sample / "content").rglob("*")
            if path.is_file() and not path.name.startswith(".")
        }

    age(sample)
    cold = read_corpus(sample, _options(tmp_path))
    before = on_disk()
    actor = sample / "content" / "actors" / "openai.yml"
    actor.write_text(actor.read_text("utf-8") + "# checked\n", "utf-8")
    past = time.time() - 5
    os.utime(actor, (past, past))
    warm = read_corpus(sample, _options(tmp_path))

    assert {path: found.hex() for path, found in cold.digests.items()} == before
    assert {path: found.hex() for path, found in warm.digests.items()} == on_disk() != before
    assert warm.cached == 54


def test_sections_come_back_from_the_cache_as_read_crlf_or_not(
    sample: Path, tmp_path: Path
) -> None:
    event = next((sample / "content" / "events").rglob("*.md"))
    text = event.read_text("utf-8")
    assert "\n## " in text  # a body with sections
    crlf = event.with_name("zz-crlf-copy.md")
    crlf.write_bytes(text.replace("id: ", "id: zz-", 1).replace("\n", "\r\n").encode())
    age(sample)
    cold = read_corpus(sample, _options(tmp_path))
    warm = read_corpus(sample, _options(tmp_path))

    assert warm.cached == warm.files
    assert warm.documents == cold.documents
    copied = next(d for d in warm.documents if d.path.endswith("zz-crlf-copy.md"))
    assert copied.sections
    assert all("\r" not in s.text for s in copied.sections)


def test_an_edited_file_is_parsed_again(sample: Path, tmp_path: Path) -> None:
    age(sample)
    read_corpus(sample, _options(tmp_path))
    actor = sample / "content" / "actors" / "openai.yml"
    actor.write_text(actor.read_text("utf-8").replace("name: OpenAI", "name: OpenAI Inc."), "utf-8")

    warm = read_corpus(sample, _options(tmp_path))

    assert warm.cached == 54
    data = next(d.data for d in warm.documents if d.path.endswith("openai.yml"))
    assert data["name"] == "OpenAI Inc."


def test_an_edit_within_the_same_second_is_never_missed(sample: Path, tmp_path: Path) -> None:
    actor = sample / "content" / "actors" / "openai.yml"
    actor.touch()  # modified just now: inside the racy window of the cache written next
    read_corpus(sample, _options(tmp_path))
    stat = actor.stat()
    # Same size, and the clock did not tick between the two writes: size and mtime match.
    actor.write_text(actor.read_text("utf-8").replace("OpenAI", "OPENAI"), "utf-8")
    os.utime(actor, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    warm = read_corpus(sample, _options(tmp_path))

    assert next(d.data for d in warm.documents if d.path.endswith("openai.yml"))["name"] == "OPENAI"


def test_a_touched_file_keeps_its_cached_parse(sample: Path, tmp_path: Path) -> None:
    age(sample, 20)
    read_corpus(sample, _options(tmp_path))
    age(sample, 5)  # new mtimes, same content

    warm = read_corpus(sample, _options(tmp_path))

    assert warm.cached == 0  # stat changed, so every file was read and hashed...
    assert len(warm.documents) == 55  # ...and the parses were reused


def test_deleted_files_leave_the_cache(sample: Path, tmp_path: Path) -> None:
    age(sample)
    read_corpus(sample, _options(tmp_path))
    (sample / "content" / "actors" / "openai.yml").unlink()

    warm = read_corpus(sample, _options(tmp_path))

    assert warm.files == 54
    assert not any(d.path.endswith("openai.yml") for d in warm.documents)


def test_a_corrupt_cache_is_ignored(sample: Path, tmp_path: Path) -> None:
    read_corpus(sample, _options(tmp_path))
    for path in (tmp_path / "cache").iterdir():
        path.write_bytes(b"not a cache")

    assert len(read_corpus(sample, _options(tmp_path)).documents) == 55


def test_an_unwritable_cache_folder_is_skipped(sample: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder should be", "utf-8")

    corpus = read_corpus(sample, ReadOptions(cache_dir=blocker / "cache"))

    assert len(corpus.documents) == 55


def test_a_file_moved_to_another_kind_is_read_as_that_kind(sample: Path, tmp_path: Path) -> None:
    label = sample / "content" / "actors" / "crowd.yml"
    label.write_text("id: crowd\nname: A crowd\n", "utf-8")
    age(sample)
    read_corpus(sample, _options(tmp_path))
    label.rename(sample / "content" / "groups" / "crowd.yml")

    kinds = {d.path: d.kind for d in read_corpus(sample, _options(tmp_path)).documents}

    assert kinds["content/groups/crowd.yml"] is Kind.GROUP


def test_files_written_just_before_a_run_are_trusted_once_time_has_passed(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_corpus(sample, _options(tmp_path))  # fresh files: too recent to trust their stat
    later = time.time_ns() + 10_000_000_000
    monkeypatch.setattr(time, "time_ns", lambda: later)  # the cache's clock
    read_corpus(sample, _options(tmp_path))  # re-checks them, and moves the trust point

    assert read_corpus(sample, _options(tmp_path)).cached == 55


def test_an_oversized_file_does_not_spoil_the_index(sample: Path, tmp_path: Path) -> None:
    big = sample / "content" / "posts" / "big.md"
    big.write_bytes(b"---\nid: big\n---\n" + b"x" * 3_000_000)
    age(sample)
    read_corpus(sample, _options(tmp_path))

    second = read_corpus(sample, _options(tmp_path))

    assert second.cached == 55
    assert [p.code for p in second.problems] == ["F003"]
