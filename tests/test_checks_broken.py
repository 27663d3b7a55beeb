"""The broken ledger: one file per problem code, each reported with its code and line,
and nothing else reported."""

from __future__ import annotations

import re
from pathlib import Path

from agora.engine import validate
from agora.models import CODES
from agora.models.codes import AUDIT_CODES
from agora.settings import Settings

_MARKER = re.compile(r"expect: ([A-Z]\d{3})")

# Defects whose line cannot carry an 'expect:' marker (the marker would change the file's
# meaning): path -> (code, line).
_UNMARKED = {
    "content/actors/f005-empty.yml": ("F005", 1),
    "content/posts/f003-file-too-large.md": ("F003", 1),
    "content/threads/f004-symlink-outside.md": ("F004", 1),
    "content/memos/f008-unreadable.md": ("F008", 1),
    "content/threads/f007-front-matter-unclosed.md": ("F007", 1),
    "content/drafts": ("F009", 1),
    "content/events/2024/\\xff-f010-name-not-utf8.md": ("F010", 1),
    "content/events/2024/38-b001-empty-body.md": ("B001", 12),
    "content/events/2024/40-b003-duplicate-section.md": ("B003", 18),
    "content/events/2024/41-b004-empty-section.md": ("B004", 18),
}


def _expected(root: Path) -> set[tuple[str, str, int]]:
    found = {(path, code, line) for path, (code, line) in _UNMARKED.items()}
    for path in sorted((root / "content").rglob("*")):
        if not path.is_file() or path.is_symlink() or path.stat().st_size > 1_000_000:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            for code in _MARKER.findall(line):
                found.add((path.relative_to(root).as_posix(), code, number))
    return found


def test_every_seeded_defect_is_reported_at_its_line_and_nothing_else(
    broken: Path, settings: Settings
) -> None:
    result = validate(broken, settings)

    actual = {(p.path, p.code, p.line) for p in result.problems}
    assert actual == _expected(broken)


def test_the_broken_ledger_covers_every_problem_code(broken: Path, settings: Settings) -> None:
    codes = {p.code for p in validate(broken, settings).problems}

    assert codes == set(CODES) - AUDIT_CODES
    assert len(codes) >= 40


def test_each_defect_has_its_own_file(broken: Path, settings: Settings) -> None:
    by_file: dict[str, set[str]] = {}
    for item in validate(broken, settings).problems:
        by_file.setdefault(item.path, set()).add(item.code)

    assert all(len(codes) == 1 for codes in by_file.values()), by_file


def test_every_problem_has_a_message_hint_and_position(broken: Path, settings: Settings) -> None:
    for item in validate(broken, settings).problems:
        assert item.message, item
        assert item.hint, item
        assert item.line >= 1, item
        assert item.column >= 1, item
        assert item.severity is CODES[item.code].severity
