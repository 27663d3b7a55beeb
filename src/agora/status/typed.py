"""Hand-typed values checked against what the sources show (one file at a time)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from agora.models import Controversy, Event, Problem, Validated
from agora.models.codes import problem
from agora.models.event import Confidence
from agora.models.problem import FieldPath
from agora.models.source import Source
from agora.status.dimensions import Evidence
from agora.status.evidence import derive_evidence

__all__ = ["NEEDED", "typed_confidence_problems"]

NEEDED = {Confidence.HIGH: Evidence.CORROBORATED, Confidence.MEDIUM: Evidence.SINGLE_SOURCE}
"""The evidence a typed confidence needs: high two independent sources, medium one."""


def typed_confidence_problems(validated: Validated) -> Iterator[Problem]:
    """E001 for each confidence that the claim's own sources do not bear out."""
    record, path = validated.record, validated.document.path
    if isinstance(record, Event):
        yield from _check(path, record.id, record.confidence, record.sources, ())
    elif isinstance(record, Controversy):
        for index, position in enumerate(record.positions):
            label = f"position {index + 1}"
            field: FieldPath = ("positions", index)
            yield from _check(path, label, position.confidence, position.sources, field)


def _check(
    path: str,
    label: str,
    typed: Confidence | None,
    sources: Sequence[Source],
    at: FieldPath,
) -> Iterator[Problem]:
    needed = NEEDED.get(typed) if typed is not None else None
    if needed is None:
        return
    evidence = derive_evidence(sources)
    value = evidence.value
    if value.rank < needed.rank:
        yield problem(
            "E001",
            path,
            f"{label}: confidence is '{typed}' but the sources make it "
            f"{value.replace('_', '-')}: " + " ".join(r.message() for r in evidence.reasons),
            field=(*at, "confidence"),
        )
