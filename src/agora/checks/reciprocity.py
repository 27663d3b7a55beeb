"""Reciprocity: links that one side declares and the other does not.

Thread membership may be declared on either side (the event's ``threads:`` or the
thread's ``events:``); the ledger treats membership as the union, and these checks point at
each gap so the two sides can be brought back in line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from agora.models import Kind, Problem, problem
from agora.models.graph import Graph, Node

__all__ = ["check_reciprocity"]


def _targets(node: Node, name: str) -> list[tuple[int, str]]:
    """The ids a node lists in its list field ``name``, with their indexes."""
    return [
        (int(field[1]), value)
        for field, _, value in node.links
        if field[0] == name and len(field) == 2
    ]


def check_reciprocity(graph: Graph) -> Iterator[Problem]:
    """Thread ↔ event (X001, X002), related (X003), controversy ↔ thread (X004)."""
    events = {node.id: node for node in graph.of_kind(Kind.EVENT)}
    threads = {node.id: node for node in graph.of_kind(Kind.THREAD)}
    listed: dict[str, set[str]] = defaultdict(set)  # thread -> events it lists
    named: dict[str, set[str]] = defaultdict(set)  # event -> threads it names
    related: dict[str, set[str]] = defaultdict(set)
    for node in events.values():
        named[node.id or ""] = {value for _, value in _targets(node, "threads")}
        related[node.id or ""] = {value for _, value in _targets(node, "related")}
    for node in threads.values():
        listed[node.id or ""] = {value for _, value in _targets(node, "events")}
    for node in events.values():
        for index, thread_id in _targets(node, "threads"):
            if thread_id in threads and node.id not in listed[thread_id]:
                yield problem(
                    "X001",
                    node.path,
                    f"event names thread {thread_id!r}, which does not list it in events:",
                    hint=f"Add '- {node.id}' to events: in {threads[thread_id].path}; "
                    "membership counts both sides.",
                    field=("threads", index),
                )
        for index, other in _targets(node, "related"):
            target = events.get(other)
            if target is not None and other != node.id and node.id not in related[other]:
                yield problem(
                    "X003",
                    node.path,
                    f"related event {other!r} does not list {node.id!r} back",
                    hint=f"Add '{node.id}' to related: in {target.path}.",
                    field=("related", index),
                )
    for node in threads.values():
        for index, event_id in _targets(node, "events"):
            if event_id in events and node.id not in named[event_id]:
                yield problem(
                    "X002",
                    node.path,
                    f"thread lists event {event_id!r}, which does not name it in threads:",
                    hint=f"Add '{node.id}' to threads: in {events[event_id].path}; "
                    "membership counts both sides.",
                    field=("events", index),
                )
    yield from _controversy_threads(graph, threads)


def _controversy_threads(graph: Graph, threads: dict[str | None, Node]) -> Iterator[Problem]:
    parent_of = {
        node.id: value
        for node in graph.of_kind(Kind.CONTROVERSY)
        for field, _, value in node.links
        if field == ("thread",)
    }
    for thread in threads.values():
        for index, controversy_id in _targets(thread, "controversies"):
            listed = graph.get(Kind.CONTROVERSY, controversy_id)
            if listed is not None and parent_of.get(controversy_id) != thread.id:
                yield problem(
                    "X004",
                    thread.path,
                    f"thread lists controversy {controversy_id!r}, whose thread is "
                    f"{parent_of.get(controversy_id)!r}",
                    hint=f"Set thread: {thread.id} in {listed.path}, or remove it here.",
                    field=("controversies", index),
                )
    for node in graph.of_kind(Kind.CONTROVERSY):
        thread_id = parent_of.get(node.id)
        parent = threads.get(thread_id)
        if parent is not None and node.id not in {v for _, v in _targets(parent, "controversies")}:
            yield problem(
                "X004",
                node.path,
                f"controversy names thread {thread_id!r}, which does not list it in controversies:",
                hint=f"Add '- {node.id}' to controversies: in {parent.path}.",
                field=("thread",),
            )
