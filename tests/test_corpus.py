"""The real Ledger content: read unchanged, no errors, its genuine problems found where they are."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from agora.engine import Report, validate
from agora.models import Kind, Severity
from agora.settings import Settings


@pytest.fixture
def checked(corpus: Path, settings: Settings) -> Report:
    return validate(corpus, settings)


def _text_at(root: Path, path: str, line: int, column: int) -> str:
    text = (root / path).read_text(encoding="utf-8").splitlines()[line - 1]
    return text[column - 1 :]


def test_every_file_is_read_and_every_record_is_valid(checked: Report) -> None:
    counts = checked.counts

    assert checked.files == 327
    assert counts[Kind.EVENT] == 187
    assert counts[Kind.THREAD] == 16
    assert counts[Kind.CONTROVERSY] == 5
    assert counts[Kind.ACTOR] == 119
    assert not [p for p in checked.problems if p.severity is Severity.ERROR]


def test_the_genuine_problems_are_counted_exactly(checked: Report) -> None:
    by_code = Counter(p.code for p in checked.problems)

    assert by_code == {
        "U005": 265,  # primary or official source without an archive
        "R007": 57,  # proponent labels that are neither actors nor declared groups
        "X003": 50,  # one-way related links
        "X001": 35,  # events missing from the events: list of a thread they name
        "U007": 29,  # untyped position sources
        "U003": 25,  # Wayback wildcard searches instead of snapshots
        "E001": 24,  # confidence typed 'high' on fewer than two independent sources
        "I003": 10,  # file names that differ from the id
        "A001": 3,  # names shared by two actors
        "A002": 2,  # actors nobody refers to
        "X002": 2,  # threads listing events that do not name them
        "X004": 2,  # controversy and thread that do not name each other
        "U004": 2,  # archive URLs with a year instead of a snapshot time
    }


@pytest.mark.parametrize(
    ("code", "path", "line", "column", "text"),
    [
        (
            "I003",
            "content/events/2023/13-anthropic-series-c.md",
            2,
            5,
            "anthropic-google-investment",
        ),
        ("I003", "content/events/2026/04-gpt-5-release.md", 2, 5, "openai-gpt-5-2-release"),
        (
            "R007",
            "content/controversies/agi-timeline-disagreement.md",
            10,
            60,
            "some-frontier-lab-researchers",
        ),
        (
            "R007",
            "content/controversies/open-weights-risk-benefit.md",
            10,
            53,
            "open-source-community",
        ),
        (
            "U003",
            "content/events/2026/47-anthropic-stainless-acquisition.md",
            15,
            18,
            "https://web.archive.org/web/*/",
        ),
        (
            "U004",
            "content/events/2026/06-metr-study-ai-slowdown.md",
            15,
            18,
            "https://web.archive.org/web/2025/",
        ),
        (
            "U005",
            "content/events/2023/01-gpt-4-release.md",
            17,
            5,
            "url: https://openai.com/research/gpt-4",
        ),
        ("X001", "content/events/2023/06-openai-board-crisis.md", 18, 32, "open-vs-closed-weights"),
        (
            "X002",
            "content/threads/open-vs-closed-weights.md",
            27,
            5,
            "openai-nonprofit-restructuring",
        ),
        ("A001", "content/actors/uk-aisi.yml", 7, 5, "AISI"),
        ("A002", "content/actors/metr.yml", 1, 5, "metr"),
        ("X004", "content/threads/creative-industries-ai.md", 16, 5, "ai-training-copyright"),
    ],
)
def test_a_finding_points_at_the_offending_text(
    checked: Report, corpus: Path, code: str, path: str, line: int, column: int, text: str
) -> None:
    found = [p for p in checked.problems if (p.code, p.path, p.line) == (code, path, line)]

    assert found, f"{code} not reported at {path}:{line}"
    assert found[0].column == column
    assert _text_at(corpus, path, line, column).startswith(text)


def test_the_thread_gap_names_the_thread_and_the_fix(checked: Report) -> None:
    gap = next(
        p
        for p in checked.problems
        if p.code == "X001" and p.path == "content/events/2023/06-openai-board-crisis.md"
    )

    assert gap.field_name == "threads[1]"
    assert gap.hint.startswith("Add '- openai-board-crisis' to events: in content/threads/")
