"""Reference problems: ids that name no record, undeclared group labels, self-references."""

from __future__ import annotations

from collections.abc import Iterator

from agora.checks._text import did_you_mean
from agora.models import Kind, Problem, problem
from agora.models.graph import Graph, Node
from agora.models.kinds import SUMMARY_KINDS
from agora.models.links import CLAIM, PROPONENT, SOURCE, SUMMARY

__all__ = ["check_references"]

_SUGGEST_UP_TO = 2_000
"""Above this many candidate ids, skip 'did you mean' (it would cost more than it helps)."""

_CODE_BY_KIND = {
    Kind.THREAD: "R001",
    Kind.EVENT: "R002",
    Kind.ACTOR: "R003",
    Kind.CONTROVERSY: "R004",
    Kind.CHALLENGE: "R005",
}


def check_references(graph: Graph) -> Iterator[Problem]:
    """Unknown targets (R001–R006), undeclared labels (R007), self-references (R008)."""
    for node in graph.nodes:
        own_kind = node.kind.value
        for field, target, value in node.links:
            if target == PROPONENT:
                yield from _proponent(graph, node, field, value)
            elif target == own_kind and value == node.id:
                yield problem(
                    "R008", node.path, f"{node.kind.value} {value!r} lists itself", field=field
                )
            elif not _exists(graph, target, value):
                yield _unknown(graph, node, field, target, value)


def _exists(graph: Graph, target: str, value: str) -> bool:
    kind = Kind.named(target)
    if kind is not None:
        return graph.has(kind, value)
    if target == CLAIM:
        return graph.resolves_claim(value)
    if target == SUMMARY:
        return any(graph.has(kind, value) for kind in SUMMARY_KINDS)
    return target == SOURCE and value in graph.source_ids


def _unknown(
    graph: Graph, node: Node, field: tuple[str | int, ...], target: str, value: str
) -> Problem:
    kind = Kind.named(target)
    if kind is not None:
        what, code, candidates = kind.value, _CODE_BY_KIND.get(kind, "R006"), graph.ids(kind)
    else:
        what = {CLAIM: "claim", SUMMARY: "record"}.get(target, "source")
        code, candidates = "R006", set()
    hint = None
    if len(candidates) <= _SUGGEST_UP_TO:
        hint = did_you_mean(value, candidates).strip() or None
    return problem(code, node.path, f"{what} {value!r} does not exist", hint=hint, field=field)


def _proponent(
    graph: Graph, node: Node, field: tuple[str | int, ...], label: str
) -> Iterator[Problem]:
    if graph.has(Kind.ACTOR, label) or graph.has(Kind.GROUP, label):
        return
    name = label.replace("-", " ").capitalize()
    close = ""
    actors = graph.ids(Kind.ACTOR)
    if len(actors) <= _SUGGEST_UP_TO:
        close = did_you_mean(label, actors).replace("?", "? (an actor)")
    yield problem(
        "R007",
        node.path,
        f"proponent {label!r} is neither a registered actor nor a declared group label",
        hint=(
            f"{close.strip()} If it is a group, declare it in content/groups/{label}.yml:\n"
            f"  id: {label}\n  name: {name}\n  description: Who this label covers."
        ).strip(),
        field=field,
    )
