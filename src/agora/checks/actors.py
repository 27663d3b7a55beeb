"""Actor problems: shared names and aliases, actors nobody refers to, labels that shadow ids."""

from __future__ import annotations

from collections.abc import Iterator

from agora.models import Kind, Ledger, Problem, problem

__all__ = ["check_actors"]


def check_actors(ledger: Ledger) -> Iterator[Problem]:
    """Alias collisions (A001), unreferenced actors (A002), groups shadowing actors (A003)."""
    owners: dict[str, str] = {}
    for entry in ledger.actors:
        actor = entry.record
        for index, name in enumerate(actor.names):
            key = " ".join(name.casefold().split())
            owner = owners.get(key)
            if owner is not None and owner != actor.id:
                field = ("name",) if index == 0 else ("aliases", index - 1)
                yield problem(
                    "A001",
                    entry.path,
                    f"{name!r} is also a name or alias of actor {owner!r}",
                    field=field,
                )
            else:
                owners.setdefault(key, actor.id)
    referenced = {actor.id for event in ledger.events for actor in event.record.actors}
    referenced.update(
        proponent
        for controversy in ledger.controversies
        for position in controversy.record.positions
        for proponent in position.proponents
    )
    referenced.update(member for group in ledger.groups for member in group.record.members)
    for entry in ledger.actors:
        if entry.id not in referenced:
            yield problem(
                "A002",
                entry.path,
                f"actor {entry.id!r} is not referenced by any event, position or group",
                field=("id",),
            )
    for group in ledger.groups:
        if ledger.has(Kind.ACTOR, group.id):
            yield problem(
                "A003",
                group.path,
                f"group label {group.id!r} is also the id of an actor",
                field=("id",),
            )
