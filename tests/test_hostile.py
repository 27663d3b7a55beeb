"""Hostile input: each gives a clear problem, in bounded memory, with no traceback anywhere."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from bench.hostile_cases import CASES

_MEMORY_CAP = 1024 * 1024 * 1024
"""Address-space cap for the child process: a case that needs more fails with MemoryError."""
_HANG_GUARD = 60
"""Seconds before a case counts as hung. Speed itself is measured by bench/hostile.py."""


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_MEMORY_CAP, _MEMORY_CAP))


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_gives_a_clear_problem(name: str, tmp_path: Path) -> None:
    build, code = CASES[name]
    ledger = tmp_path / "ledger"
    (ledger / "content" / "threads").mkdir(parents=True)
    build(ledger)

    done = subprocess.run(
        [sys.executable, "-m", "agora", "validate", str(ledger), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=_HANG_GUARD,
        preexec_fn=_cap_memory,
        env={**os.environ, "AGORA_NO_CACHE": "1"},
        check=False,
    )

    assert "Traceback" not in done.stderr + done.stdout
    assert done.returncode == (0 if code == "B001" else 1), done.stderr
    problems = json.loads(done.stdout)["problems"]
    assert [p["code"] for p in problems] == [code]
    assert problems[0]["line"] >= 1
    assert problems[0]["message"]
