"""A problem found in a ledger: what, where (file, line, column, field), how bad, how to fix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

__all__ = ["Anchor", "FieldPath", "Problem", "Severity", "format_field"]

FieldPath = tuple[str | int, ...]
"""Path to a value inside a record, e.g. ``("sources", 2, "url")``."""

Anchor = Literal["key", "value"]
"""Whether a problem points at a mapping key or at its value."""


class Severity(StrEnum):
    """How bad a problem is; ``error`` fails a run, ``--strict`` also fails on ``warning``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error: compare severities with this."""
        return _RANKS[self]


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one file.

    ``line`` and ``column`` are 1-based. A check that knows only the field sets ``field`` and
    leaves ``line`` at 0; the reader fills the position in afterwards (see
    :func:`agora.reader.locate`), so pure checks never need file positions.
    """

    code: str
    severity: Severity
    path: str
    message: str
    hint: str = ""
    line: int = 0
    column: int = 0
    field: FieldPath = ()
    anchor: Anchor = "value"

    def __reduce__(self) -> tuple[Callable[..., Problem], tuple[object, ...]]:
        # Pickled as the constructor's arguments, the severity as its text: compact and
        # fast, for the many problems sent back from worker processes.
        return (
            _unpickle,
            (
                self.code,
                self.severity.value,
                self.path,
                self.message,
                self.hint,
                self.line,
                self.column,
                self.field,
                self.anchor,
            ),
        )

    @property
    def field_name(self) -> str:
        """The field as a curator writes it: ``sources[2].url``."""
        return format_field(self.field)

    def at(self, line: int, column: int) -> Problem:
        """A copy of this problem placed at ``line``:``column``."""
        # Built directly: dataclasses.replace costs several times more, and every problem
        # of a large ledger passes through here.
        return Problem(
            self.code,
            self.severity,
            self.path,
            self.message,
            self.hint,
            line,
            column,
            self.field,
            self.anchor,
        )

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, then position, then code: the order every report uses."""
        return (self.path, self.line, self.column, self.code, self.message)


def _unpickle(
    code: str,
    severity: str,
    path: str,
    message: str,
    hint: str,
    line: int,
    column: int,
    field: FieldPath,
    anchor: Anchor,
) -> Problem:
    return Problem(code, _SEVERITIES[severity], path, message, hint, line, column, field, anchor)


_SEVERITIES = {severity.value: severity for severity in Severity}


def format_field(path: FieldPath) -> str:
    """Render a field path as ``positions[1].sources[0].url``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
