"""The golden site: the sample ledger builds to exactly the files in tests/golden/.

``tests/golden/sample-site.txt`` lists every file of the build with a digest of its bytes;
a few representative files are kept whole beside it so that a change reads as a diff.
After an intended change to the site, regenerate them and review the diff:

    AGORA_REGENERATE_GOLDEN=1 .venv/bin/pytest tests/test_site_golden.py
"""

from __future__ import annotations

import difflib
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from agora.engine import build
from agora.settings import Settings

from .conftest import SAMPLE, TODAY

GOLDEN = Path(__file__).parent / "golden"
LISTING = GOLDEN / "sample-site.txt"
KEPT_WHOLE = (
    "index.html",
    "events/meta-llama-4-release/index.html",
    "controversies/open-weight-models-access-vs-proliferation/index.html",
    "ko/controversies/open-weight-models-access-vs-proliferation/index.html",
    "threads/open-weights-access-and-risk/index.html",
    "actors/yann-lecun/index.html",
    "posts/four-questions-inside-the-open-weights-debate/index.html",
    "feeds/events.atom",
    "api/events/meta-llama-4-release.json",
)
REGENERATE = os.environ.get("AGORA_REGENERATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("golden")
    ledger = root / "ledger"
    shutil.copytree(SAMPLE, ledger)  # a copy outside git: no commit dates on the pages
    out = root / "site"
    build(ledger, out, Settings(today=TODAY, cache_dir=root / "cache", workers=1))
    return out


def _listing(site: Path) -> str:
    lines = []
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.is_file() and not name.startswith("."):
            digest = hashlib.blake2b(path.read_bytes(), digest_size=10).hexdigest()
            lines.append(f"{digest}  {name}")
    return "\n".join(lines) + "\n"


def _kept_name(name: str) -> Path:
    return GOLDEN / "files" / name.replace("/", "__")


def _compare(expected: str, actual: str, label: str) -> None:
    if expected != actual:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    actual.splitlines(keepends=True),
                    f"golden/{label}",
                    f"built/{label}",
                )
            )[:80]
        )
        pytest.fail(f"{label} differs from the golden site (regenerate if intended):\n{diff}")


def test_every_file_of_the_sample_site_is_as_golden(site: Path) -> None:
    actual = _listing(site)
    if REGENERATE:
        LISTING.parent.mkdir(parents=True, exist_ok=True)
        LISTING.write_text(actual, "utf-8")
    _compare(LISTING.read_text("utf-8"), actual, "sample-site.txt")


@pytest.mark.parametrize("name", KEPT_WHOLE)
def test_representative_files_are_as_golden(site: Path, name: str) -> None:
    actual = (site / name).read_text("utf-8")
    kept = _kept_name(name)
    if REGENERATE:
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(actual, "utf-8")
    _compare(kept.read_text("utf-8"), actual, name)
