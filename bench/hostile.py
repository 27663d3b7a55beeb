"""Time and memory of `agora validate` on each hostile file of bench/hostile_cases.py.

    python bench/hostile.py

Each case is validated in a fresh process; prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.hostile_cases import CASES
from bench.measure import run_agora


def main() -> None:
    print("| case | problem | seconds | peak MiB |")
    print("|---|---|---|---|")
    for name in CASES:
        with tempfile.TemporaryDirectory() as folder:
            ledger = Path(folder) / "ledger"
            (ledger / "content" / "threads").mkdir(parents=True)
            _build(name, ledger)
            run = run_agora(["validate", str(ledger), "--format", "json"], {"AGORA_NO_CACHE": "1"})
            codes = [p["code"] for p in json.loads(run.stdout)["problems"]]
            print(f"| {name} | {', '.join(codes)} | {run.seconds:.2f} | {run.peak_mib} |")


def _build(name: str, ledger: Path) -> None:
    # Built in a separate process, so this one stays small while it measures.
    root = Path(__file__).resolve().parent.parent
    script = (
        "import sys; from pathlib import Path; from bench.hostile_cases import CASES; "
        "CASES[sys.argv[1]][0](Path(sys.argv[2]))"
    )
    subprocess.run([sys.executable, "-c", script, name, str(ledger)], cwd=root, check=True)


if __name__ == "__main__":
    main()
