"""Id problems: duplicates within a kind, file names that differ from ids, year folders."""

from __future__ import annotations

import re
from collections.abc import Iterator

from agora.models import Kind, Ledger, Problem, problem
from agora.models.fields import ID_PATTERN

__all__ = ["check_ids"]

_NUMBERED = re.compile(r"^\d+-(.+)$")
_YEAR = re.compile(r"^\d{4}$")
_KEBAB = re.compile(ID_PATTERN)


def check_ids(ledger: Ledger) -> Iterator[Problem]:
    """Duplicate ids (I002), file name vs id (I003), event year folders (I004)."""
    first_seen: dict[tuple[Kind, str], str] = {}
    for document in ledger.documents:
        record_id = document.raw_id
        if record_id is None:
            continue
        key = (document.kind, record_id)
        if key in first_seen:
            yield problem(
                "I002",
                document.path,
                f"{document.kind.value} id {record_id!r} is already used by {first_seen[key]}",
                field=("id",),
            )
        else:
            first_seen[key] = document.path
        if not _KEBAB.match(record_id):
            continue  # reported as I001; comparing a malformed id with the file name is noise
        stem = document.stem
        if document.kind is Kind.EVENT:
            match = _NUMBERED.match(stem)
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
    for entry in ledger.events:
        folder = entry.path.rsplit("/", 2)[-2]
        year = str(entry.record.date.year)
        if _YEAR.match(folder) and folder != year:
            yield problem(
                "I004",
                entry.path,
                f"event dated {entry.record.date.isoformat()} is in the folder for {folder}",
                hint=f"Move the file to events/{year}/ (and renumber it there).",
                field=("date",),
            )
        elif not _YEAR.match(folder):
            yield problem(
                "I004",
                entry.path,
                f"event is not in a year folder (events/{year}/)",
                hint=f"Move the file to events/{year}/.",
                field=("date",),
            )
