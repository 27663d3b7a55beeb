"""Run one `agora` command in a fresh process and measure its wall time and peak memory."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Measured", "agora_environment", "deleted_after", "run_agora"]

# The child reports its own peak resident set when it exits, so the figure is the command's
# alone (a parent's RUSAGE_CHILDREN keeps the maximum over every child it ever waited for).
_CHILD = """
import resource, runpy, sys
sys.argv = ["agora", *sys.argv[2:]]
try:
    runpy.run_module("agora", run_name="__main__")
finally:
    with open({peak!r}, "w") as out:
        out.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
"""


@dataclass(frozen=True)
class Measured:
    """One run: seconds, peak resident memory in MiB, exit code and output."""

    seconds: float
    peak_mib: int
    returncode: int
    stdout: bytes
    stderr: bytes


def run_agora(arguments: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run ``agora ARGUMENTS`` in a fresh Python process."""
    with tempfile.TemporaryDirectory() as folder:
        peak_file = Path(folder) / "peak"
        code = _CHILD.format(peak=str(peak_file))
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", code, "--", *arguments],
            env=agora_environment(env),
            capture_output=True,
            check=False,
        )
        seconds = time.perf_counter() - start
        peak = int(peak_file.read_text() or 0) // 1024 if peak_file.exists() else 0
    return Measured(seconds, peak, done.returncode, done.stdout, done.stderr)


def agora_environment(extra: dict[str, str] | None) -> dict[str, str]:
    """This process's environment with ``extra``, and with Python allowed to keep bytecode:
    an installed Agora has its modules compiled, and without it every run would compile
    them again (a quarter of a second of start-up)."""
    environment = {**os.environ, **(extra or {})}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


@contextlib.contextmanager
def deleted_after(folders: Sequence[Path]) -> Iterator[None]:
    """Delete ``folders`` (a series of builds' outputs) only when the series is done.

    This VM's disk is mounted with ``discard``: blocks freed by a deletion are trimmed
    before they can be used again, and for a while creating files costs several times
    more kernel time (a copy of the real corpus's 2,731 built files took 0.2 s into new
    folders, and 0.34 s, 1.05 s and 2.24 s in three runs that each deleted the previous
    copy first). A build timed right after the previous build's output was deleted
    measures that, not the build."""
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    try:
        yield
    finally:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
