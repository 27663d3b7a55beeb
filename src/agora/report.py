"""Problem reports for people (grouped by file, colour), for tools (JSON) and for CI (GitHub)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from agora.models import CODES, Kind, Problem, Severity
from agora.status.audit import Finding

__all__ = [
    "clean",
    "format_audit_json",
    "format_github",
    "format_human",
    "format_json",
    "severity_counts",
    "summary_line",
]

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_STYLES = {Severity.ERROR: "1;31", Severity.WARNING: "33", Severity.INFO: "36"}


def clean(text: str) -> str:
    """Escape control characters (newlines and tabs included) and bidi overrides, so user
    text cannot start a new line, move the cursor or reorder a terminal line."""
    return _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _display_path(prefix: str, path: str) -> str:
    return clean(f"{prefix.rstrip('/')}/{path}" if prefix and prefix != "." else path)


def format_human(
    problems: Sequence[Problem], prefix: str, *, hints: bool = True, color: bool = False
) -> str:
    """Compiler-style lines ``path:line:col: CODE severity: message``, grouped by file.

    Written as plain text (ANSI colours when ``color``), not through a rich renderer: a
    large ledger has hundreds of thousands of lines to print.
    """
    paint = _paint if color else _plain
    lines: list[str] = []
    previous = None
    for item in problems:
        if previous is not None and item.path != previous:
            lines.append("")
        previous = item.path
        style = _STYLES[item.severity]
        where = paint(f"{_display_path(prefix, item.path)}:{item.line}:{item.column}:", _BOLD)
        line = (
            f"{where} {paint(f'{item.code} {item.severity.value}:', style)} {clean(item.message)}"
        )
        if item.field:
            line += " " + paint(f"[{clean(item.field_name)}]", _DIM)
        lines.append(line)
        if hints and item.hint:
            hint = "\n        ".join(clean(part) for part in item.hint.splitlines())
            lines.append(paint(f"  hint: {hint}", _DIM))
    return "\n".join(lines) + ("\n" if lines else "")


_BOLD, _DIM = "1", "2"


def _paint(text: str, style: str) -> str:
    return f"\x1b[{style}m{text}\x1b[0m"


def _plain(text: str, style: str) -> str:
    return text


def severity_counts(problems: Iterable[Problem]) -> str:
    """``0 errors, 3 warnings, 1 info``."""
    by_severity = Counter(item.severity for item in problems)
    return ", ".join(
        [
            _plural(by_severity[Severity.ERROR], "error"),
            _plural(by_severity[Severity.WARNING], "warning"),
            f"{by_severity[Severity.INFO]} info",
        ]
    )


def summary_line(problems: Iterable[Problem], files: int, counts: Mapping[Kind, int]) -> str:
    """``0 errors, 3 warnings, 1 info in 12 files (5 events, 1 thread, …)``."""
    records = ", ".join(
        f"{count} {kind.value if count == 1 else kind.plural}"
        for kind, count in counts.items()
        if count
    )
    tail = f" ({records})" if records else ""
    return f"{severity_counts(problems)} in {_plural(files, 'file')}{tail}"


def format_json(
    problems: Sequence[Problem], root: str, files: int, counts: Mapping[Kind, int]
) -> str:
    """A stable JSON document: ``version``, ``root``, ``summary`` and ``problems``.

    One problem per line, so that large reports stay readable with ``grep`` and cheap to
    write.
    """
    head = {
        "version": 1,
        "root": root,
        "summary": {
            "files": files,
            "records": {kind.value: count for kind, count in counts.items()},
            **_by_severity(problems),
        },
    }
    encode = _JSON.encode
    rows = ",\n".join(
        encode(
            {
                "code": item.code,
                "name": CODES[item.code].name,
                "severity": item.severity.value,
                "path": item.path,
                "line": item.line,
                "column": item.column,
                "field": item.field_name or None,
                "message": item.message,
                "hint": item.hint,
            }
        )
        for item in problems
    )
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    return f'{opening}, "problems": [\n{rows}\n]}}' if rows else f'{opening}, "problems": []}}'


def format_audit_json(findings: Sequence[Finding], root: str, commits: int) -> str:
    """The audit as JSON: ``version``, ``root``, ``summary`` and one row per finding with
    its commit and its field-level changes."""
    rows = [
        {
            "code": finding.problem.code,
            "name": CODES[finding.problem.code].name,
            "severity": finding.problem.severity.value,
            "path": finding.problem.path,
            "line": finding.problem.line,
            "record": {"kind": finding.kind.value, "id": finding.record_id},
            "commit": {
                "sha": finding.commit,
                "author": finding.author,
                "date": finding.when.isoformat(),
                "subject": finding.subject,
            },
            "revision": finding.revision or None,
            "changes": [
                {"field": c.field, "before": c.before, "after": c.after} for c in finding.changes
            ],
            "message": finding.problem.message,
        }
        for finding in findings
    ]
    document = {
        "version": 1,
        "root": root,
        "summary": {
            "commits": commits,
            **_by_severity(finding.problem for finding in findings),
        },
        "findings": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def _by_severity(problems: Iterable[Problem]) -> dict[str, int]:
    """``{"error": n, "warning": n, "info": n}`` for a JSON summary."""
    counted = Counter(item.severity.value for item in problems)
    return {severity.value: counted.get(severity.value, 0) for severity in reversed(Severity)}


_JSON = json.JSONEncoder(ensure_ascii=False)
"""One encoder for every row: ``json.dumps`` with options builds a new one per call."""

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def format_github(problems: Sequence[Problem], prefix: str) -> str:
    """GitHub Actions workflow commands: one ``::error file=…,line=…::message`` per problem."""
    lines = []
    for item in problems:
        properties = ",".join(
            f"{key}={_escape_property(value)}"
            for key, value in (
                ("file", _display_path(prefix, item.path)),
                ("line", str(item.line)),
                ("col", str(item.column)),
                ("title", f"{item.code} {CODES[item.code].name}"),
            )
        )
        body = "\n".join(clean(line) for line in [item.message, *item.hint.splitlines()])
        lines.append(f"::{_GITHUB_LEVEL[item.severity]} {properties}::{_escape_data(body)}")
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")
