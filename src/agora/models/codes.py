"""The catalog of problem codes: one stable code, name, severity and default hint each.

Codes never change meaning once published; ``docs/errors.md`` has one section per code. The
letter says the family: F file, Y YAML, S schema, I ids, D dates, R references,
X reciprocity, U sources and URLs, A actors, B Markdown body, C controversies, L lifecycle
of cases and canon entries, E epistemic status, H history (reported by ``agora audit``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from agora.models.problem import Anchor, FieldPath, Problem, Severity

__all__ = ["AUDIT_CODES", "CODES", "Code", "problem"]

ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True, slots=True)
class Code:
    """One documented problem code."""

    code: str
    name: str
    severity: Severity
    title: str
    hint: str


_ALL = (
    # F: the file itself
    Code(
        "F001",
        "not-utf8",
        ERR,
        "File is not valid UTF-8",
        "Re-save the file as UTF-8 (most editors: File > Save with encoding > UTF-8).",
    ),
    Code(
        "F002",
        "binary-file",
        ERR,
        "File is binary, not text",
        "Content folders hold UTF-8 text only; move the file out of content/.",
    ),
    Code(
        "F003",
        "file-too-large",
        ERR,
        "File is larger than the size limit",
        "Split the record, or raise the limit with AGORA_MAX_FILE_BYTES.",
    ),
    Code(
        "F004",
        "symlink-outside",
        ERR,
        "Symbolic link points outside the ledger",
        "Replace the link by the file itself; links must stay inside the ledger folder.",
    ),
    Code(
        "F005", "empty-file", ERR, "File is empty", "Write the record's fields, or delete the file."
    ),
    Code(
        "F006",
        "no-front-matter",
        ERR,
        "Markdown record has no front matter",
        "Start the file with a line '---', the record's YAML fields, then another '---'.",
    ),
    Code(
        "F007",
        "front-matter-unclosed",
        ERR,
        "Front matter is never closed",
        "Add a line containing only '---' after the last YAML field.",
    ),
    Code("F008", "unreadable", ERR, "File cannot be read", "Check the file's permissions."),
    Code(
        "F009",
        "unexpected-file",
        INFO,
        "File or folder is not part of any record kind",
        "Move it into the folder of its kind with the right extension, or out of content/.",
    ),
    Code(
        "F010",
        "name-not-utf8",
        ERR,
        "File or folder name is not valid UTF-8",
        "Rename it in UTF-8; a record file is best named after its id "
        "(mv $'bad\\xffname.md' good-name.md).",
    ),
    # Y: YAML
    Code(
        "Y001",
        "yaml-syntax",
        ERR,
        "YAML syntax error",
        "Fix the YAML at the position shown; quote values that contain ': ' or start "
        "with a special character.",
    ),
    Code(
        "Y002",
        "duplicate-key",
        ERR,
        "A key appears twice in one mapping",
        "Keep one of the two entries; YAML would silently drop the first.",
    ),
    Code(
        "Y003",
        "alias-limit",
        ERR,
        "YAML aliases expand beyond the limit",
        "Write the values out instead of using '&anchor' / '*alias' repeatedly.",
    ),
    Code(
        "Y004",
        "too-deep",
        ERR,
        "YAML nesting is deeper than the limit",
        "Records nest a few levels at most; flatten the structure.",
    ),
    Code(
        "Y005",
        "yaml-tag",
        ERR,
        "Unsupported YAML tag",
        "Remove the '!tag'; records hold plain strings, numbers, lists and mappings.",
    ),
    Code(
        "Y006",
        "not-a-mapping",
        ERR,
        "Front matter is not a mapping of fields",
        "Write the record as 'field: value' lines.",
    ),
    Code(
        "Y007",
        "key-not-string",
        ERR,
        "A mapping key is not a string",
        "Field names are words such as 'title'; quote keys that look like numbers.",
    ),
    Code(
        "Y008",
        "multiple-documents",
        ERR,
        "File holds more than one YAML document",
        "Put one record per file; remove the extra '---' separator.",
    ),
    Code(
        "Y009",
        "merge-key",
        ERR,
        "YAML merge keys are not supported",
        "Write the fields out in full; '<<: *anchor' is not part of YAML 1.2.",
    ),
    # S: schema
    Code("S001", "missing-field", ERR, "A required field is missing", "Add the field."),
    Code(
        "S002",
        "wrong-type",
        ERR,
        "A field has the wrong type",
        "Change the value to the type shown.",
    ),
    Code(
        "S003",
        "value-not-allowed",
        ERR,
        "A field's value is not one of the allowed values",
        "Use one of the values listed.",
    ),
    Code(
        "S004",
        "bad-length",
        ERR,
        "A value is too short or too long",
        "Change the value to fit the length shown.",
    ),
    Code(
        "S005",
        "unknown-field",
        WARN,
        "Field is not part of the record kind",
        "Fix the spelling, or remove the field; unknown fields are ignored.",
    ),
    Code(
        "S006",
        "duplicate-item",
        WARN,
        "A list holds the same item twice",
        "Remove the repeated item.",
    ),
    # I: ids and file names
    Code(
        "I001",
        "bad-id",
        ERR,
        "Id is not kebab-case",
        "Use lowercase letters, digits and single hyphens, e.g. 'gpt-4-release'.",
    ),
    Code(
        "I002",
        "duplicate-id",
        ERR,
        "Two records of one kind share an id",
        "Give one of them a new id (and update references to it).",
    ),
    Code(
        "I003",
        "file-name-mismatch",
        WARN,
        "File name differs from the record's id",
        "Rename the file to match the id (events: NN-<id>.md), or change the id.",
    ),
    Code(
        "I004",
        "wrong-year-folder",
        WARN,
        "Event is in the folder of another year",
        "Move the file to events/<year of its date>/.",
    ),
    # D: dates
    Code(
        "D001",
        "bad-date",
        ERR,
        "Not a real calendar date",
        "Use an existing date in the form YYYY-MM-DD.",
    ),
    Code(
        "D002",
        "date-format",
        ERR,
        "Date is not written as YYYY-MM-DD",
        "Write the date as YYYY-MM-DD, e.g. 2024-07-23.",
    ),
    Code("D003", "date-order", ERR, "Dates are in the wrong order", "Swap or correct the dates."),
    Code(
        "D004",
        "future-date",
        ERR,
        "Date is in the future",
        "Correct the date; records describe what has happened. The grace period is set by "
        "AGORA_FUTURE_GRACE_DAYS.",
    ),
    # R: references
    Code(
        "R001",
        "unknown-thread",
        ERR,
        "Reference to a thread that does not exist",
        "Fix the id, or create the thread in content/threads/.",
    ),
    Code(
        "R002",
        "unknown-event",
        ERR,
        "Reference to an event that does not exist",
        "Fix the id, or create the event in content/events/<year>/.",
    ),
    Code(
        "R003",
        "unknown-actor",
        ERR,
        "Reference to an actor that does not exist",
        "Fix the id, or register the actor in content/actors/<id>.yml.",
    ),
    Code(
        "R004",
        "unknown-controversy",
        ERR,
        "Reference to a controversy that does not exist",
        "Fix the id, or create the controversy in content/controversies/.",
    ),
    Code(
        "R005",
        "unknown-challenge",
        ERR,
        "Reference to a challenge case that does not exist",
        "Fix the id, or file the challenge in content/challenges/.",
    ),
    Code(
        "R006",
        "unknown-target",
        ERR,
        "Reference to a record that does not exist",
        "Fix the id; a claim is '<event-id>', '<synthesis-id>' or "
        "'<controversy-id>#<position id or letter>'.",
    ),
    Code(
        "R007",
        "undeclared-label",
        WARN,
        "Proponent is neither an actor nor a declared group",
        "Register an actor with that id, or declare the group label in content/groups/<label>.yml.",
    ),
    Code(
        "R008",
        "self-reference",
        WARN,
        "Record refers to itself",
        "Remove its own id from the list.",
    ),
    # X: reciprocity
    Code(
        "X001",
        "thread-missing-event",
        WARN,
        "Event names a thread that does not list it",
        "Add the event to the thread's events: list; membership counts both sides.",
    ),
    Code(
        "X002",
        "event-missing-thread",
        WARN,
        "Thread lists an event that does not name it",
        "Add the thread to the event's threads: list; membership counts both sides.",
    ),
    Code(
        "X003",
        "one-way-related",
        INFO,
        "Related link goes one way only",
        "Add the reverse link to the other event's related: list.",
    ),
    Code(
        "X004",
        "controversy-thread-mismatch",
        WARN,
        "Controversy and thread do not name each other",
        "List the controversy in the thread's controversies: and set its thread:.",
    ),
    # U: sources and URLs
    Code(
        "U001",
        "bad-url",
        ERR,
        "URL is not a valid http(s) address",
        "Write an absolute address such as https://example.org/page.",
    ),
    Code(
        "U002",
        "duplicate-url",
        WARN,
        "Two sources of one record share a URL",
        "Merge the two sources, or correct one of the URLs.",
    ),
    Code(
        "U003",
        "archive-wildcard",
        WARN,
        "Archive URL is a wildcard search, not a snapshot",
        "Pin a snapshot: https://web.archive.org/web/<YYYYMMDDhhmmss>/<url>.",
    ),
    Code(
        "U004",
        "archive-unpinned",
        WARN,
        "Archive URL has no full snapshot timestamp",
        "Use the snapshot's full 14-digit timestamp: web/<YYYYMMDDhhmmss>/<url>.",
    ),
    Code(
        "U005",
        "archive-missing",
        WARN,
        "Primary or official source has no archive URL",
        "Save the page in an archive and add archive_url with the pinned snapshot.",
    ),
    Code(
        "U006",
        "archive-mismatch",
        WARN,
        "Archive URL archives a different address",
        "Point archive_url at a snapshot of the source's own url.",
    ),
    Code(
        "U007",
        "untyped-source",
        INFO,
        "Source has no type",
        "Add type: (e.g. primary_document, secondary_reporting) so evidence can be weighed.",
    ),
    # A: actors and groups
    Code(
        "A001",
        "alias-collision",
        WARN,
        "Two actors share a name or alias",
        "Make the alias specific to one actor, or merge the actors.",
    ),
    Code(
        "A002",
        "unreferenced-actor",
        INFO,
        "Actor is never referenced",
        "Reference it from an event or position, or remove it from the registry.",
    ),
    Code(
        "A003",
        "group-shadows-actor",
        WARN,
        "Group label has the id of an actor",
        "Rename the group label; proponent ids must name one thing.",
    ),
    # B: Markdown body
    Code(
        "B001",
        "empty-body",
        WARN,
        "Record has no body text",
        "Write the record's text below the front matter.",
    ),
    Code(
        "B002",
        "missing-section",
        WARN,
        "An expected section is missing",
        "Add the section heading and its text.",
    ),
    Code(
        "B003",
        "duplicate-section",
        WARN,
        "A section heading appears twice",
        "Merge the two sections or rename one.",
    ),
    Code(
        "B004",
        "empty-section",
        WARN,
        "Section has a heading but no text",
        "Write the section's text, or remove the heading.",
    ),
    # C: controversies
    Code(
        "C001",
        "duplicate-position",
        ERR,
        "Two positions share an id or the same claim",
        "Give each position its own id and claim.",
    ),
    # L: the lifecycle of challenge cases, resolutions, revisions and canon entries
    Code(
        "L001",
        "case-decided-without-resolution",
        ERR,
        "A challenge case is decided but no resolution note decides it",
        "Add the resolution note, or set the case back to under_review.",
    ),
    Code(
        "L002",
        "disposition-disagrees",
        ERR,
        "A resolution's disposition disagrees with the state of its case",
        "Make the case's status the one the disposition gives (see docs/epistemics.md).",
    ),
    Code(
        "L003",
        "resolution-before-case",
        ERR,
        "A resolution was issued before its case was opened",
        "Correct issued_at or the case's opened_at.",
    ),
    Code(
        "L004",
        "resolution-note-mismatch",
        ERR,
        "A case's resolution_note_id names a note that resolves another case",
        "Point resolution_note_id at the note whose case_id is this case.",
    ),
    Code(
        "L005",
        "revision-without-sustained-case",
        ERR,
        "A revision cites a challenge case that was not sustained",
        "Only a sustained or partially sustained case can trigger a revision.",
    ),
    Code(
        "L006",
        "ratified-without-quorum",
        ERR,
        "A canon entry is ratified by fewer than two of three reviewers",
        "List at least two reviewers other than the author in ratified_by.",
    ),
    Code(
        "L007",
        "fork-without-group",
        ERR,
        "A forked canon entry shares no fork group with another entry",
        "Give every fork of one reading the same fork_group.",
    ),
    Code(
        "L008",
        "supersession-without-change",
        ERR,
        "A canon entry supersedes another though no supporting claim changed",
        "Supersede only after a supporting claim changed; otherwise fork or revise.",
    ),
    # E: epistemic status
    Code(
        "E001",
        "confidence-overstated",
        WARN,
        "Typed confidence is higher than the sources support",
        "Add independent primary or reporting sources, or lower the confidence: high needs "
        "two independent sources, medium one (see docs/epistemics.md).",
    ),
    # H: history (agora audit)
    Code(
        "H001",
        "kernel-edited",
        ERR,
        "A published record's kernel was edited in place without a revision record",
        "Restore the published text and record the change as a summary revision (content/"
        "revisions/) or through a challenge and its resolution; see docs/epistemics.md.",
    ),
    Code(
        "H002",
        "enrichment-edited",
        WARN,
        "A published record's enrichment was edited in place",
        "Enrichment may grow, but say why: record significance changes in "
        "significance_history, and reinterpretations as memos.",
    ),
    Code(
        "H003",
        "metadata-edited",
        INFO,
        "A published record's metadata changed, or a recorded revision was applied",
        "Nothing to fix: listed so the audit trail is complete.",
    ),
)

AUDIT_CODES = frozenset({"H001", "H002", "H003"})
"""Codes only ``agora audit`` reports (they describe history, not the files as they are)."""

CODES: Mapping[str, Code] = {code.code: code for code in _ALL}
"""Every problem code, by code."""


def problem(
    code: str,
    path: str,
    message: str,
    *,
    hint: str | None = None,
    field: FieldPath = (),
    line: int = 0,
    column: int = 0,
    anchor: Anchor = "value",
) -> Problem:
    """Create a :class:`Problem` whose severity and default hint come from the catalog."""
    info = CODES[code]
    return Problem(
        code=code,
        severity=info.severity,
        path=path,
        message=message,
        hint=info.hint if hint is None else hint,
        line=line,
        column=column,
        field=field,
        anchor=anchor,
    )
