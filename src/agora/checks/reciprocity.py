"""Reciprocity: links that one side declares and the other does not.

Thread membership may be declared on either side (the event's ``threads:`` or the
thread's ``events:``); the ledger treats membership as the union, and these checks point at
each gap so the two sides can be brought back in line.
"""

from __future__ import annotations

from collections.abc import Iterator

from agora.models import Kind, Ledger, Problem, problem

__all__ = ["check_reciprocity"]


def check_reciprocity(ledger: Ledger) -> Iterator[Problem]:
    """Thread ↔ event (X001, X002), related (X003), controversy ↔ thread (X004)."""
    threads = {entry.id: entry for entry in ledger.threads}
    events = {entry.id: entry for entry in ledger.events}
    thread_events = {entry.id: set(entry.record.events) for entry in ledger.threads}
    event_threads = {entry.id: set(entry.record.threads) for entry in ledger.events}
    for entry in ledger.events:
        for index, thread_id in enumerate(entry.record.threads):
            if thread_id in threads and entry.id not in thread_events[thread_id]:
                yield problem(
                    "X001",
                    entry.path,
                    f"event names thread {thread_id!r}, which does not list it in events:",
                    hint=f"Add '- {entry.id}' to events: in {threads[thread_id].path}; "
                    "membership counts both sides.",
                    field=("threads", index),
                )
        for index, other in enumerate(entry.record.related):
            target = events.get(other)
            if target is not None and other != entry.id and entry.id not in target.record.related:
                yield problem(
                    "X003",
                    entry.path,
                    f"related event {other!r} does not list {entry.id!r} back",
                    hint=f"Add '{entry.id}' to related: in {target.path}.",
                    field=("related", index),
                )
    for thread in ledger.threads:
        for index, event_id in enumerate(thread.record.events):
            if event_id in events and thread.id not in event_threads[event_id]:
                yield problem(
                    "X002",
                    thread.path,
                    f"thread lists event {event_id!r}, which does not name it in threads:",
                    hint=f"Add '{thread.id}' to threads: in {events[event_id].path}; "
                    "membership counts both sides.",
                    field=("events", index),
                )
        for index, controversy_id in enumerate(thread.record.controversies):
            listed = ledger.get(Kind.CONTROVERSY, controversy_id)
            if listed is not None and listed.record.thread != thread.id:
                yield problem(
                    "X004",
                    thread.path,
                    f"thread lists controversy {controversy_id!r}, whose thread is "
                    f"{listed.record.thread!r}",
                    hint=f"Set thread: {thread.id} in {listed.path}, or remove it here.",
                    field=("controversies", index),
                )
    for controversy in ledger.controversies:
        parent = threads.get(controversy.record.thread)
        if parent is not None and controversy.id not in parent.record.controversies:
            yield problem(
                "X004",
                controversy.path,
                f"controversy names thread {controversy.record.thread!r}, which does not list it "
                "in controversies:",
                hint=f"Add '- {controversy.id}' to controversies: in {parent.path}.",
                field=("thread",),
            )
