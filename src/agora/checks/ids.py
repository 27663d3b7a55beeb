"""Id problems: duplicates within a kind, file names that differ from ids, year folders."""

from __future__ import annotations

import re
from collections.abc import Iterator

from agora.models import Event, Kind, Problem, Validated, problem
from agora.models.fields import ID_RE
from agora.models.graph import Graph

__all__ = ["check_duplicate_ids", "check_file_name"]

_NUMBERED = re.compile(r"[0-9]+-(.+)")
_YEAR = re.compile(r"[0-9]{4}")


def check_file_name(validated: Validated) -> Iterator[Problem]:
    """File name vs id (I003) and an event's year folder (I004)."""
    document = validated.document
    record_id = document.raw_id
    # A malformed id is reported as I001; comparing it with the file name is noise.
    if record_id is not None and ID_RE.fullmatch(record_id):
        stem = document.stem
        if document.kind is Kind.EVENT:
            match = _NUMBERED.fullmatch(stem)
            stem = match.group(1) if match else stem
        if stem != record_id:
            expected = f"NN-{record_id}.md" if document.kind is Kind.EVENT else f"{record_id}.*"
            yield problem(
                "I003",
                document.path,
                f"file name {document.path.rsplit('/', 1)[-1]!r} does not match id "
                f"{record_id!r} (expected {expected})",
                field=("id",),
            )
    record = validated.record
    if isinstance(record, Event):
        folder = document.path.rsplit("/", 2)[-2]
        year = str(record.date.year)
        if _YEAR.fullmatch(folder) and folder != year:
            yield problem(
                "I004",
                document.path,
                f"event dated {record.date.isoformat()} is in the folder for {folder}",
                hint=f"Move the file to events/{year}/ (and renumber it there).",
                field=("date",),
            )
        elif not _YEAR.fullmatch(folder):
            yield problem(
                "I004",
                document.path,
                f"event is not in a year folder (events/{year}/)",
                hint=f"Move the file to events/{year}/.",
                field=("date",),
            )


def check_duplicate_ids(graph: Graph) -> Iterator[Problem]:
    """Two files of one kind that declare the same id (I002), reported on the later one."""
    first_seen: dict[tuple[Kind, str], str] = {}
    for node in graph.nodes:
        if node.id is None:
            continue
        key = (node.kind, node.id)
        if key in first_seen:
            yield problem(
                "I002",
                node.path,
                f"{node.kind.value} id {node.id!r} is already used by {first_seen[key]}",
                field=("id",),
            )
        else:
            first_seen[key] = node.path
