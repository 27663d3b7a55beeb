"""Finding a ledger's files: layout, stray files, links, unreadable entries."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from agora.errors import LedgerNotFoundError
from agora.models import Kind
from agora.reader import ReadLimits, ReadOptions, find_files, find_layout, read_corpus


def test_layout_accepts_the_repository_or_its_content_folder(sample: Path) -> None:
    assert find_layout(sample).content == sample / "content"
    assert find_layout(sample / "content").content == sample / "content"


@pytest.mark.parametrize("make", ["missing", "file", "empty"])
def test_layout_refuses_what_is_not_a_ledger(tmp_path: Path, make: str) -> None:
    target = tmp_path / "x"
    if make == "file":
        target.write_text("hi", "utf-8")
    elif make == "empty":
        target.mkdir()

    with pytest.raises(LedgerNotFoundError):
        find_layout(target)


def test_files_are_sorted_by_path_with_their_kinds(sample: Path) -> None:
    files, problems = find_files(find_layout(sample))

    assert problems == []
    assert [f.path for f in files] == sorted(f.path for f in files)
    kinds = {f.kind for f in files}
    assert {Kind.EVENT, Kind.THREAD, Kind.CONTROVERSY, Kind.ACTOR, Kind.GROUP, Kind.POST} <= kinds


def test_dotfiles_and_readmes_are_ignored(sample: Path) -> None:
    (sample / "content" / "events" / ".DS_Store").write_bytes(b"\x00")
    (sample / "content" / "threads" / "README.md").write_text("# About threads", "utf-8")

    files, problems = find_files(find_layout(sample))

    assert problems == []
    assert not any(f.path.endswith(("README.md", ".DS_Store")) for f in files)


def test_links_inside_are_read_and_folder_links_not_followed(sample: Path) -> None:
    threads = sample / "content" / "threads"
    (threads / "loop").symlink_to(threads)

    files, problems = find_files(find_layout(sample))

    assert [p.code for p in problems] == ["F009"]
    assert "link to a folder is not followed" in problems[0].message
    assert sum(1 for f in files if f.kind is Kind.THREAD) == 1


def test_unreadable_file_is_a_problem_not_a_crash(sample: Path) -> None:
    fifo = sample / "content" / "memos" / "pipe.md"
    os.mkfifo(fifo)

    corpus = read_corpus(sample)

    assert [(p.path, p.code) for p in corpus.problems] == [("content/memos/pipe.md", "F008")]


def test_size_limit_is_checked_before_reading(sample: Path) -> None:
    corpus = read_corpus(sample)
    small = read_corpus(sample, ReadOptions(limits=ReadLimits(max_file_bytes=1000)))

    assert not corpus.problems
    assert {p.code for p in small.problems} == {"F003"}
