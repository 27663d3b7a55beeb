#!/usr/bin/env python3
"""Set up and run Agora with nothing but Python 3.11.

    python3 tasks.py demo    create .venv, install Agora, write, check and publish the sample ledger
    python3 tasks.py test    create .venv, install the dev tools, run every check and test
    python3 tasks.py bench   run the benchmarks (see docs/benchmarks.md)

The virtual environment is rebuilt only when pyproject.toml or constraints.txt change.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("AGORA_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
DEMO = ROOT / "demo-ledger"
SITE = ROOT / "demo-site"


def _run(*command: str | Path, check: bool = True) -> int:
    print("$", " ".join(str(part) for part in command), flush=True)
    code = subprocess.call([str(part) for part in command], cwd=ROOT)
    if check and code:
        sys.exit(code)
    return code


def _ensure_venv(extras: str) -> None:
    """Create .venv and install Agora (with ``extras``) pinned by constraints.txt."""
    stamp_text = (
        "".join((ROOT / name).read_text("utf-8") for name in ("pyproject.toml", "constraints.txt"))
        + extras
        + sys.version
    )
    stamp = hashlib.sha256(stamp_text.encode()).hexdigest()
    stamp_file = VENV / ".agora-stamp"
    if stamp_file.exists() and stamp_file.read_text("utf-8") == stamp and PYTHON.exists():
        return
    if sys.version_info < (3, 11):  # noqa: UP036 - any python3 may start this script
        sys.exit(f"Agora needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print(f"Creating {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    _run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    _run(PYTHON, "-m", "pip", "install", "--quiet", "-c", "constraints.txt", "-e", target)
    stamp_file.write_text(stamp, "utf-8")


def demo() -> None:
    """Install Agora, write the sample ledger to demo-ledger/, check it and build its site."""
    _ensure_venv("")
    agora = BIN / "agora"
    if not DEMO.exists():
        _run(agora, "init", DEMO)
    _run(agora, "validate", DEMO, "--strict")
    _run(agora, "stats", DEMO)
    _run(agora, "build", DEMO, "-o", SITE)
    bin_folder = BIN.relative_to(ROOT)
    print(f"\nThe sample ledger is in {DEMO.relative_to(ROOT)}/, its site in {SITE.name}/. Try:")
    print(
        f"  {bin_folder}/agora serve {DEMO.relative_to(ROOT)}    # then open http://127.0.0.1:8000/"
    )
    print(
        f"  {bin_folder}/agora show open-weight-models-access-vs-proliferation "
        f"{DEMO.relative_to(ROOT)}"
    )


def test() -> None:
    """Lint, type-check, check the architecture, and run the test suite."""
    _ensure_venv("dev")
    steps: list[tuple[str, list[str | Path]]] = [
        ("ruff", [BIN / "ruff", "check", "."]),
        ("format", [BIN / "ruff", "format", "--check", "."]),
        ("mypy", [BIN / "mypy"]),
        ("import contracts", [BIN / "lint-imports"]),
        ("pytest", [BIN / "pytest", *sys.argv[2:]]),
    ]
    failed = [name for name, command in steps if _run(*command, check=False)]
    if failed:
        sys.exit(f"\nFailed: {', '.join(failed)}")
    print("\nAll checks passed.")


def bench() -> None:
    """Run the validation benchmarks (slow: generates up to 100,000 events)."""
    _ensure_venv("dev")
    _run(PYTHON, "bench/validate.py", *sys.argv[2:])


COMMANDS = {"demo": demo, "test": test, "bench": bench}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__.strip())
        sys.exit(2)
    COMMANDS[sys.argv[1]]()
