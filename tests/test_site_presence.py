"""Looking for the files of the last build: here, or in a forked child on a large site."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from agora.site import presence


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("a.html", "b/index.html", "b/c/index.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", "utf-8")
    return tmp_path


def _listed(names: list[str]) -> tuple[Callable[[], list[str]], int]:
    return (lambda: names), len(names)


def _gone(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.parametrize("apart", [False, True], ids=["here", "in-a-child"])
def test_every_file_there_or_one_missing(
    folder: Path, monkeypatch: pytest.MonkeyPatch, apart: bool
) -> None:
    if apart:
        monkeypatch.setattr(presence, "_APART_FROM", 1)
    with presence.looking_for(
        folder, *_listed(["a.html", "b/index.html", "b/c/index.html"])
    ) as there:
        assert there()
    with presence.looking_for(folder, *_listed(["a.html", "b/gone.html"])) as there:
        assert not there()
    with presence.looking_for(folder / "nowhere", *_listed(["a.html"])) as there:
        assert not there()


def test_a_child_is_reaped_once_it_answers(folder: Path, forks: list[int]) -> None:
    with presence.looking_for(folder, *_listed(["a.html"])) as there:
        assert there()
        with pytest.raises(RuntimeError):
            there()  # the answer is read once

    assert len(forks) == 1
    assert _gone(forks[0])


def test_a_child_whose_answer_is_not_needed_is_stopped(folder: Path, forks: list[int]) -> None:
    with presence.looking_for(folder, *_listed(["a.html"] * 500_000)):
        pass

    assert len(forks) == 1
    assert _gone(forks[0])


def test_a_child_is_stopped_when_the_caller_fails(folder: Path, forks: list[int]) -> None:
    with pytest.raises(KeyError), presence.looking_for(folder, *_listed(["a.html"] * 500_000)):
        raise KeyError("the fingerprint could not be computed")

    assert len(forks) == 1
    assert _gone(forks[0])


def test_when_the_fork_fails_the_files_are_looked_for_here(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(presence, "_APART_FROM", 1)
    monkeypatch.setattr(os, "fork", no_fork)
    open_before = len(os.listdir("/proc/self/fd"))

    with presence.looking_for(folder, *_listed(["a.html", "b/index.html"])) as there:
        assert there()
    with presence.looking_for(folder, *_listed(["missing"])) as there:
        assert not there()

    assert len(os.listdir("/proc/self/fd")) == open_before  # the pipes were closed
