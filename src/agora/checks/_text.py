"""How checks quote values and suggest fixes in messages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

__all__ = ["describe", "did_you_mean", "show"]

_LIMIT = 80


def show(value: Any) -> str:
    """A short, safe rendering of a user value: quoted, control characters escaped."""
    if isinstance(value, str):
        text = value if len(value) <= _LIMIT else value[: _LIMIT - 1] + "…"
        return repr(text)
    text = repr(value)
    return text if len(text) <= _LIMIT else text[: _LIMIT - 1] + "…"


def describe(value: Any) -> str:
    """What a value is, in a curator's words: 'the number 2024', 'a list', 'nothing'."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {show(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """' Did you mean 'x'?' for the closest choice, or ''."""
    matches = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.75)
    return f" Did you mean {matches[0]!r}?" if matches else ""
