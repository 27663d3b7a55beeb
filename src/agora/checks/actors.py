"""Actor problems: shared names and aliases, actors nobody refers to, labels that shadow ids."""

from __future__ import annotations

from collections.abc import Iterator

from agora.models import Kind, Problem, problem
from agora.models.graph import Graph
from agora.models.links import PROPONENT

__all__ = ["check_actors"]

_REFERS_TO_ACTORS = {Kind.ACTOR.value, PROPONENT}


def check_actors(graph: Graph) -> Iterator[Problem]:
    """Alias collisions (A001), unreferenced actors (A002), groups shadowing actors (A003)."""
    owners: dict[str, str] = {}
    actors = list(graph.of_kind(Kind.ACTOR))
    for node in actors:
        for index, name in enumerate(node.names):
            key = " ".join(name.casefold().split())
            owner = owners.get(key)
            if owner is not None and owner != node.id:
                field = ("name",) if index == 0 else ("aliases", index - 1)
                yield problem(
                    "A001",
                    node.path,
                    f"{name!r} is also a name or alias of actor {owner!r}",
                    field=field,
                )
            else:
                owners.setdefault(key, node.id or "")
    referenced = {
        value
        for node in graph.nodes
        for _, target, value in node.links
        if target in _REFERS_TO_ACTORS
    }
    for node in actors:
        if node.id not in referenced:
            yield problem(
                "A002",
                node.path,
                f"actor {node.id!r} is not referenced by any event, position or group",
                field=("id",),
            )
    for group in graph.of_kind(Kind.GROUP):
        if graph.has(Kind.ACTOR, group.id or ""):
            yield problem(
                "A003",
                group.path,
                f"group label {group.id!r} is also the id of an actor",
                field=("id",),
            )
