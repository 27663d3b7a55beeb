"""Shared fixtures: the real corpus, the sample ledger, the broken ledger, settings, runner."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agora.settings import Settings
from agora.site import presence

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "ledger-2026-05-24"
HISTORY = REPO.parent / "shared" / "corpus" / "ledger-content-2026-05-24.bundle"
SAMPLE = REPO / "src" / "agora" / "sample" / "ledger"
BROKEN = Path(__file__).parent / "content_broken"
TODAY = date(2026, 11, 1)


def _require(path: Path) -> Path:
    if path.exists():
        return path
    if os.environ.get("AGORA_REQUIRE_CORPUS") == "1":
        pytest.fail(f"AGORA_REQUIRE_CORPUS=1 but {path} is missing")
    pytest.skip(f"real corpus not present at {path}")


@pytest.fixture
def corpus() -> Path:
    """The real Ledger content (read-only); skips when ../shared is absent."""
    return _require(CORPUS)


@pytest.fixture(scope="session")
def real_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of the real ledger's git history (read-only: tests must not change it)."""
    bundle = _require(HISTORY)
    target = tmp_path_factory.mktemp("history") / "ledger"
    subprocess.run(
        ["git", "clone", "--quiet", "-b", "main", str(bundle), str(target)],
        check=True,
        capture_output=True,
    )
    return target


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a fixed today and a cache in a fresh temporary folder."""
    return Settings(today=TODAY, cache_dir=tmp_path / "cache", workers=1)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A writable copy of the bundled sample ledger."""
    target = tmp_path / "sample"
    shutil.copytree(SAMPLE, target)
    return target


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The broken fixture ledger, plus the defects git cannot hold: a file over the size
    limit (F003), a link out of the ledger (F004), a FIFO named like a record (F008) and a
    file whose name is not UTF-8 (F010)."""
    target = tmp_path / "broken"
    shutil.copytree(BROKEN, target, symlinks=True)
    content = target / "content"
    big = content / "posts" / "f003-file-too-large.md"
    big.write_bytes(b"---\nid: f003-file-too-large\n---\n" + b"x" * (3 * 1024 * 1024))
    outside = tmp_path / "outside-secret.md"
    outside.write_text("---\nid: secret\n---\n", encoding="utf-8")
    (content / "threads" / "f004-symlink-outside.md").symlink_to(outside)
    os.mkfifo(content / "memos" / "f008-unreadable.md")
    named = os.path.join(os.fsencode(content / "events" / "2024"), b"\xff-f010-name-not-utf8.md")
    with open(named, "wb") as handle:
        handle.write(b"---\nid: latin-1-name\n---\n")
    return target


@pytest.fixture
def runner() -> Iterator[CliRunner]:
    """A CLI runner with a private cache folder and a fixed today."""
    cache = Path(os.environ.get("TMPDIR", "/tmp")) / f"agora-test-cache-{os.getpid()}"
    yield CliRunner(env={"AGORA_CACHE_DIR": str(cache), "AGORA_TODAY": TODAY.isoformat()})
    shutil.rmtree(cache, ignore_errors=True)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The files of a build are looked for in a forked child whatever their number; the
    children's pids are kept here."""
    started: list[int] = []
    fork = os.fork

    def recorded() -> int:
        pid = fork()
        if pid:
            started.append(pid)
        return pid

    monkeypatch.setattr(presence, "_APART_FROM", 1)
    monkeypatch.setattr(os, "fork", recorded)
    return started
