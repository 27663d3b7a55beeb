"""Hostile content files: each builder writes one into a fresh ledger folder.

Used by ``tests/test_hostile.py`` (the right problem, no traceback, bounded memory) and by
``bench/hostile.py`` (how long each takes and how much memory it needs).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

__all__ = ["CASES", "Case"]


def _event(root: Path, name: str = "01-hostile.md") -> Path:
    folder = root / "content" / "events" / "2024"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def billion_laughs(root: Path) -> None:
    """Nine levels of ten aliases each: 10**9 values if expanded."""
    lines = ["---", "id: laughs", 'lol0: &l0 "lol"']
    for level in range(1, 10):
        refs = ", ".join([f"*l{level - 1}"] * 10)
        lines.append(f"lol{level}: &l{level} [{refs}]")
    lines.append("---")
    _event(root).write_text("\n".join(lines) + "\n", encoding="utf-8")


def fifty_megabytes(root: Path) -> None:
    """A 50 MB Markdown file."""
    with _event(root).open("wb") as handle:
        handle.write(b"---\nid: huge\n---\n")
        block = b"All work and no play makes a very large file. " * 1024
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            handle.write(block)


def binary_file(root: Path) -> None:
    """A PNG header and random bytes under a record's name."""
    _event(root).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(4096))


def invalid_utf8(root: Path) -> None:
    """Latin-1 bytes in a front matter."""
    _event(root).write_bytes(b'---\nid: latin\ntitle: "Cr\xe8me br\xfbl\xe9e"\n---\n')


def symlink_outside(root: Path) -> None:
    """A record that is a link to a file outside the ledger."""
    target = root.parent / f"{root.name}-outside.md"
    target.write_text("---\nid: outside\n---\n", encoding="utf-8")
    _event(root).symlink_to(target)


def deep_nesting(root: Path) -> None:
    """10,000 nested flow lists."""
    _event(root).write_text(
        "---\nid: deep\nvalue: " + "[" * 10_000 + "]" * 10_000 + "\n---\n", encoding="utf-8"
    )


def deep_block_nesting(root: Path) -> None:
    """10,000 nested block mappings, one space of indent per level (50 MB of spaces)."""
    lines = ["---", "id: deep-block"]
    lines.extend(" " * depth + f"k{depth}:" for depth in range(10_000))
    lines.append("---")
    _event(root).write_text("\n".join(lines) + "\n", encoding="utf-8")


def empty_file(root: Path) -> None:
    """A record file with nothing in it."""
    _event(root).write_bytes(b"")


def only_front_matter(root: Path) -> None:
    """A complete event front matter and no body at all."""
    _event(root, "01-front-matter-only.md").write_text(
        '---\nid: front-matter-only\ntitle: "Only front matter here"\ndate: 2024-01-02\n'
        "category: models\nsources:\n  - url: https://news.example.org/a\n    title: A\n"
        "    type: secondary_reporting\n---\n",
        encoding="utf-8",
    )


def unclosed_front_matter(root: Path) -> None:
    """A front matter that is opened and never closed."""
    _event(root).write_text("---\nid: unclosed\ntitle: Never closed\n", encoding="utf-8")


Case = tuple[Callable[[Path], None], str]
"""A builder and the problem code it must produce."""

CASES: dict[str, Case] = {
    "billion-laughs": (billion_laughs, "Y003"),
    "50-MB-file": (fifty_megabytes, "F003"),
    "binary-file": (binary_file, "F002"),
    "invalid-utf8": (invalid_utf8, "F001"),
    "symlink-outside": (symlink_outside, "F004"),
    "10000-deep-flow": (deep_nesting, "Y004"),
    "10000-deep-block": (deep_block_nesting, "F003"),
    "empty-file": (empty_file, "F005"),
    "only-front-matter": (only_front_matter, "B001"),
    "unclosed-front-matter": (unclosed_front_matter, "F007"),
}
