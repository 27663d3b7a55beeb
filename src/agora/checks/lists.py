"""List problems: the same item twice in one list, the same position twice in a controversy."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from agora.models import Controversy, FieldPath, Kind, Problem, Validated, problem

__all__ = ["check_lists"]

_LISTS: dict[Kind, tuple[str, ...]] = {
    Kind.EVENT: ("threads", "related", "tags", "regions"),
    Kind.THREAD: ("events", "controversies"),
    Kind.ACTOR: ("aliases",),
    Kind.GROUP: ("members",),
    Kind.POST: ("tags", "threads", "controversies", "events"),
    Kind.SYNTHESIS: ("events_covered",),
}
"""The list fields of each kind in which an item should appear once."""


def check_lists(validated: Validated) -> Iterator[Problem]:
    """Repeated items (S006) and repeated positions (C001) in one record."""
    record, path = validated.record, validated.document.path
    if record is None:
        return
    for name in _LISTS.get(record.kind, ()):
        yield from _repeats(path, (name,), getattr(record, name))
    if isinstance(record, Controversy):
        yield from _check_positions(path, record)


def _check_positions(path: str, controversy: Controversy) -> Iterator[Problem]:
    claims: dict[str, int] = {}
    ids: dict[str, int] = {}
    for index, position in enumerate(controversy.positions):
        yield from _repeats(path, ("positions", index, "proponents"), position.proponents)
        claim = " ".join(position.claim.casefold().split())
        if claim in claims:
            yield problem(
                "C001",
                path,
                f"position {index + 1} repeats the claim of position {claims[claim] + 1}",
                field=("positions", index, "claim"),
            )
        claims.setdefault(claim, index)
        if position.id is not None:
            if position.id in ids:
                yield problem(
                    "C001",
                    path,
                    f"position id {position.id!r} is also the id of position "
                    f"{ids[position.id] + 1}",
                    field=("positions", index, "id"),
                )
            ids.setdefault(position.id, index)


def _repeats(path: str, field: FieldPath, items: Iterable[str]) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item in seen:
            yield problem("S006", path, f"{item!r} appears more than once", field=(*field, index))
        seen.add(item)
