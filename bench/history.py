"""Benchmarks of the epistemic engine: status derivation, the history audit, time travel.

- ``status``: derive the status of every claim of a synthetic ledger (default 100,000
  events), in process, after the ledger is loaded (the load is not timed);
- ``audit``: ``agora audit`` over the whole real history (a clone of the bundle);
- ``as-of``: ``agora build --as-of`` of the real corpus at its last commit.

Usage::

    python bench/history.py --events 100000 --runs 3
    python bench/history.py --parts audit as-of --runs 5
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "src"))

from bench.measure import deleted_after, run_agora  # noqa: E402 - needs the path set just above
from bench.validate import _generate  # noqa: E402

BUNDLE = HERE.parent.parent / "shared" / "corpus" / "ledger-content-2026-05-24.bundle"


def status(events: int, runs: int, work: Path) -> None:
    from agora.engine import load
    from agora.settings import Settings
    from agora.status import StatusOptions, derive_status

    ledger_path = _generate(events, work)
    _, ledger = load(ledger_path, Settings(no_cache=True))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        derived = derive_status(ledger, StatusOptions(date(2026, 11, 22)))
        times.append(time.perf_counter() - start)
    print(
        f"status: {len(derived.statuses):,} claims of {events:,} events: "
        f"median {statistics.median(times):.2f} s over {runs} runs "
        f"(min {min(times):.2f}, max {max(times):.2f})"
    )


def _clone(work: Path) -> Path:
    target = work / "history"
    if not target.exists():
        subprocess.run(
            ["git", "clone", "--quiet", "-b", "main", str(BUNDLE), str(target)], check=True
        )
    return target


def audit(runs: int, work: Path) -> None:
    repo = _clone(work)
    measured = [run_agora(["audit", str(repo), "--format", "json"]) for _ in range(runs)]
    seconds = [m.seconds for m in measured]
    print(
        f"audit: whole real history: median {statistics.median(seconds):.2f} s over {runs} runs "
        f"(min {min(seconds):.2f}), peak {max(m.peak_mib for m in measured)} MiB"
    )


def as_of(runs: int, work: Path) -> None:
    """``runs`` as-of builds, each into a new folder, after one first build that also
    compiles the templates (later builds find them compiled, as Python finds its bytecode).
    Each build starts after the previous one's writes are flushed (``sync``); the outputs
    are deleted only once all builds are done (see ``bench.measure.deleted_after``)."""
    repo = _clone(work)
    env = {"AGORA_CACHE_DIR": str(work / "as-of-cache")}
    shutil.rmtree(work / "as-of-cache", ignore_errors=True)
    seconds, peaks = [], []
    outs = [work / f"as-of-{index}" for index in range(runs + 1)]
    with deleted_after(outs):
        for out in outs:
            os.sync()
            arguments = ["build", str(repo), "-o", str(out), "--as-of", "2026-05-24"]
            measured = run_agora(arguments, env)
            assert measured.returncode == 0, measured.stderr.decode()
            seconds.append(measured.seconds)
            peaks.append(measured.peak_mib)
    first, seconds = seconds[0], seconds[1:]
    print(
        f"as-of build: real corpus at its last commit: median {statistics.median(seconds):.2f} s "
        f"over {runs} runs (min {min(seconds):.2f}, max {max(seconds):.2f}), "
        f"peak {max(peaks)} MiB; first build (compiling the templates) {first:.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", nargs="+", default=["status", "audit", "as-of"])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()))
    arguments = parser.parse_args()
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, Python {platform.python_version()}")
    if "status" in arguments.parts:
        status(arguments.events, arguments.runs, arguments.work)
    if "audit" in arguments.parts:
        audit(arguments.runs, arguments.work)
    if "as-of" in arguments.parts:
        as_of(arguments.runs, arguments.work)


if __name__ == "__main__":
    main()
