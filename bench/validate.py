"""Time `agora validate` on synthetic ledgers of 1K, 10K and 100K events, cold and warm.

    python bench/validate.py [--sizes 1000 10000 100000] [--runs 3] [--out /tmp/agora-bench]

Cold: an empty parse cache (every file read, parsed, validated). Warm: the cache from the
previous run and no file changed. Edited: one event changed since the warm run. Each figure is
the median of --runs runs of the real command in a fresh process; peak memory is the largest
resident set of those runs. Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.measure import run_agora  # noqa: E402 - needs the path set just above


def _generate(size: int, out: Path) -> Path:
    target = out / f"ledger-{size}"
    if not (target / "MANIFEST.json").exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate_ledger.py"),
                "--events",
                str(size),
                "--out",
                str(target),
                "--seed",
                "1",
                "--force",
            ],
            check=True,
        )
    return target


def _run(ledger: Path, cache: Path) -> tuple[float, int]:
    """Seconds and peak RSS in MiB of one validate run in a fresh process."""
    run = run_agora(["validate", str(ledger), "--format", "json"], {"AGORA_CACHE_DIR": str(cache)})
    if run.returncode not in (0, 1):
        sys.exit(f"validate failed ({run.returncode}): {run.stderr.decode()[-2000:]}")
    return run.seconds, run.peak_mib


def _edit_one_event(ledger: Path) -> None:
    event = next((ledger / "content" / "events").rglob("*.md"))
    text = event.read_text("utf-8")
    event.write_text(text.replace("## Summary\n", "## Summary\n\nEdited. ", 1), "utf-8")


def measure(size: int, runs: int, out: Path, given: Path | None = None) -> dict[str, str]:
    ledger = given or _generate(size, out)
    cache = out / f"cache-{size}-{ledger.name}"
    cold, warm, edited, peaks = [], [], [], []
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        seconds, peak = _run(ledger, cache)
        cold.append(seconds)
        peaks.append(peak)
    for _ in range(runs):
        seconds, peak = _run(ledger, cache)
        warm.append(seconds)
        peaks.append(peak)
    for _ in range(runs if given is None else 0):  # never edit a ledger we were given
        _edit_one_event(ledger)
        seconds, peak = _run(ledger, cache)
        edited.append(seconds)
        peaks.append(peak)
    files = sum(
        1 for path in (ledger / "content").rglob("*") if path.suffix in (".md", ".yml", ".yaml")
    )
    return {
        "ledger": given.name if given else "synthetic",
        "events": f"{size:,}",
        "files": f"{files:,}",
        "cold s": f"{statistics.median(cold):.2f}",
        "warm s": f"{statistics.median(warm):.2f}",
        "one edit s": f"{statistics.median(edited):.2f}" if edited else "–",
        "peak MiB": f"{max(peaks):,}",
    }


def _events(ledger: Path) -> int:
    root = ledger / "content" if (ledger / "content").is_dir() else ledger
    return sum(1 for _ in (root / "events").rglob("*.md"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("/tmp/agora-bench"))
    parser.add_argument(
        "--ledger",
        type=Path,
        action="append",
        default=[],
        help="Also measure this ledger (read only), e.g. ../shared/corpus/ledger-2026-05-24.",
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = [measure(_events(path), args.runs, args.out, path) for path in args.ledger]
    rows += [measure(size, args.runs, args.out) for size in args.sizes]
    print(
        f"\nMachine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {platform.platform()}"
    )
    print("\n| " + " | ".join(rows[0]) + " |")
    print("|" + "---|" * len(rows[0]))
    for row in rows:
        print("| " + " | ".join(row.values()) + " |")


if __name__ == "__main__":
    main()
