"""The lifecycle state machine: challenge cases, their resolutions, revisions and canon entries.

A case goes open → under review → sustained, dismissed or partially sustained, and only a
resolution note decides it; the note's disposition must agree with the state the case file
declares, and cannot be issued before the case was opened. A summary revision that cites a
case needs that case sustained. A canon entry (synthesis) is ratified by at least two of its
three reviewers, forks share a fork group with another entry of the same thread, and one entry
supersedes another only when a supporting claim changed in between.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import TypeVar

from agora.models import Kind, Problem, problem
from agora.models.graph import Graph, Node
from agora.models.lifecycle import (
    DECIDED,
    OUTCOME,
    ActionType,
    Challenge,
    ChallengeStatus,
    Resolution,
    Revision,
)
from agora.models.synthesis import Synthesis, SynthesisStatus

__all__ = ["QUORUM", "check_lifecycle"]

QUORUM = 2
"""Reviewers, besides the author, who must ratify a canon entry (two of three)."""

_CLAIM_ACTIONS = frozenset(
    {
        ActionType.CLAIM_STATUS_CHANGED,
        ActionType.SUMMARY_REVISION_CREATED,
        ActionType.EVENT_STATE_CHANGED,
    }
)


T = TypeVar("T")


def _records(graph: Graph, kind: Kind, model: type[T]) -> list[tuple[Node, T]]:
    return [
        (node, node.lifecycle) for node in graph.of_kind(kind) if isinstance(node.lifecycle, model)
    ]


def check_lifecycle(graph: Graph) -> Iterator[Problem]:
    """Cases and resolutions (L001–L004), revisions (L005), canon entries (L006–L008)."""
    challenges = {
        record.id: (node, record) for node, record in _records(graph, Kind.CHALLENGE, Challenge)
    }
    resolutions = _records(graph, Kind.RESOLUTION, Resolution)
    revisions = _records(graph, Kind.REVISION, Revision)
    yield from _check_cases(challenges, resolutions)
    yield from _check_revisions(challenges, revisions)
    yield from _check_canon(_records(graph, Kind.SYNTHESIS, Synthesis), revisions, resolutions)


def _check_cases(
    challenges: dict[str, tuple[Node, Challenge]],
    resolutions: list[tuple[Node, Resolution]],
) -> Iterator[Problem]:
    by_id = {resolution.id: resolution for _, resolution in resolutions}
    latest: dict[str, tuple[Node, Resolution]] = {}
    for node, resolution in sorted(resolutions, key=lambda found: _issued(found[1])):
        latest[resolution.case_id] = (node, resolution)  # the last note decides the case
    for node, resolution in resolutions:
        found = challenges.get(resolution.case_id)
        if found is None:
            continue  # R-codes report the dangling reference
        case_node, case = found
        outcome = OUTCOME[resolution.disposition]
        # Only the last note decides: an earlier one (a deferral, say) may disagree.
        if latest[resolution.case_id][1] is resolution and case.status is not outcome:
            yield problem(
                "L002",
                node.path,
                f"disposition {resolution.disposition.value!r} puts case {case.id!r} in "
                f"{outcome.value!r}, but the case says {case.status.value!r}",
                hint=f"Set status: {outcome.value} in {case_node.path}, or correct the "
                "disposition.",
                field=("disposition",),
            )
        if (
            resolution.issued_at is not None
            and case.opened_at is not None
            and resolution.issued_at < case.opened_at
        ):
            yield problem(
                "L003",
                node.path,
                f"issued {resolution.issued_at} but case {case.id!r} was opened {case.opened_at}",
                hint="A case is decided after it is opened: correct issued_at or the case's "
                "opened_at.",
                field=("issued_at",),
            )
    for case_id, (node, case) in sorted(challenges.items()):
        if case.status in DECIDED and case_id not in latest:
            yield problem(
                "L001",
                node.path,
                f"case is {case.status.value!r} but no resolution note decides it",
                hint=f"Add a resolution in content/resolutions/ with case_id: {case_id}, "
                "or set status: under_review until it is decided.",
                field=("status",),
            )
        named = by_id.get(case.resolution_note_id or "")
        if named is not None and named.case_id != case_id:
            yield problem(
                "L004",
                node.path,
                f"resolution_note_id {named.id!r} resolves case {named.case_id!r}, not this one",
                hint="Point resolution_note_id at the note whose case_id is this case.",
                field=("resolution_note_id",),
            )


def _issued(resolution: Resolution) -> tuple[date, str]:
    """The order notes of one case take effect in (undated first, then by id)."""
    return (resolution.issued_at or date.min, resolution.id)


def _check_revisions(
    challenges: dict[str, tuple[Node, Challenge]], revisions: list[tuple[Node, Revision]]
) -> Iterator[Problem]:
    upheld = {ChallengeStatus.SUSTAINED, ChallengeStatus.PARTIALLY_SUSTAINED}
    for node, revision in revisions:
        found = challenges.get(revision.triggered_by_case_id or "")
        if found is not None and found[1].status not in upheld:
            yield problem(
                "L005",
                node.path,
                f"revision cites case {found[1].id!r}, which is "
                f"{found[1].status.value!r}, not sustained",
                hint="Only a sustained or partially sustained case can trigger a revision; "
                "drop triggered_by_case_id and give the reason, or wait for the resolution.",
                field=("triggered_by_case_id",),
            )


def _changed_claims(
    revisions: list[tuple[Node, Revision]],
    resolutions: list[tuple[Node, Resolution]],
    after: date,
    until: date,
) -> set[str]:
    """Records whose claims a revision or resolution action changed after ``after`` and by
    ``until`` (an undated change counts: nothing says when it came)."""

    def between(day: date | None) -> bool:
        return day is None or after < day <= until

    changed: set[str] = set()
    for _, revision in revisions:
        if between(revision.created_at):
            changed.add(revision.target_summary_id)
            changed.update(revision.changed_claim_ids)
    for _, resolution in resolutions:
        if between(resolution.issued_at):
            changed.update(
                action.claim_id
                for action in resolution.actions
                if action.type in _CLAIM_ACTIONS and action.claim_id
            )
    return {claim.partition("#")[0] for claim in changed}


def _check_canon(
    entries: list[tuple[Node, Synthesis]],
    revisions: list[tuple[Node, Revision]],
    resolutions: list[tuple[Node, Resolution]],
) -> Iterator[Problem]:
    by_id = {synthesis.id: synthesis for _, synthesis in entries}
    groups: dict[tuple[str, str], int] = defaultdict(int)
    for _, synthesis in entries:
        if synthesis.fork_group:
            groups[synthesis.thread, synthesis.fork_group] += 1
    for node, synthesis in entries:
        reviewers = set(synthesis.ratified_by) - {synthesis.author}
        if synthesis.status is SynthesisStatus.RATIFIED and len(reviewers) < QUORUM:
            yield problem(
                "L006",
                node.path,
                f"ratified_by names {len(reviewers)} reviewer"
                f"{'' if len(reviewers) == 1 else 's'} besides the author; ratification "
                f"needs {QUORUM} of 3",
                hint="List at least two reviewers (not the author) in ratified_by, or set "
                "status: proposed.",
                field=("ratified_by",),
            )
        if synthesis.status is SynthesisStatus.FORKED and (
            not synthesis.fork_group or groups[synthesis.thread, synthesis.fork_group] < 2
        ):
            yield problem(
                "L007",
                node.path,
                "forked entry shares no fork_group with another entry of thread "
                f"{synthesis.thread!r}",
                hint="Give every fork of one reading the same fork_group.",
                field=("fork_group",) if synthesis.fork_group else ("status",),
            )
        older = by_id.get(synthesis.supersedes or "")
        if older is None:
            continue
        changed = _changed_claims(revisions, resolutions, older.date, synthesis.date)
        covered = set(synthesis.events_covered) | set(older.events_covered)
        same_events = set(synthesis.events_covered) == set(older.events_covered)
        if same_events and not (covered | {older.id, synthesis.thread}) & changed:
            yield problem(
                "L008",
                node.path,
                f"supersedes {older.id!r} though no supporting claim changed: it covers the "
                "same events, and no revision or resolution touched them between"
                f" {older.date} and {synthesis.date}",
                hint="Supersede only after a supporting claim changed; otherwise propose a "
                "fork (fork_group) or revise the entry.",
                field=("supersedes",),
            )
