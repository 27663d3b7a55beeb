"""Write new ledgers and new records: ``agora init`` and ``agora new``."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from agora.checks.schema import check_schema
from agora.errors import TargetExistsError, UsageError
from agora.models import Kind, Severity, validate_document
from agora.models.fields import ID_RE
from agora.reader import ReadLimits, find_layout, parse_text, read_corpus
from agora.reader.yamltree import resolve_plain

__all__ = ["NewRecord", "init_ledger", "new_record", "slugify"]

_NUMBER = re.compile(r"([0-9]+)-")
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def init_ledger(destination: Path, *, force: bool = False) -> list[Path]:
    """Copy the bundled sample ledger into ``destination``.

    Raises:
        TargetExistsError: ``destination`` holds files and ``force`` is false.
    """
    if destination.exists() and not destination.is_dir():
        raise TargetExistsError(
            f"{destination} exists and is not a folder",
            hint="Choose a new folder name.",
        )
    if (
        destination.exists()
        and any(child.name != ".git" for child in destination.iterdir())
        and not force
    ):
        raise TargetExistsError(
            f"{destination} is not empty",
            hint="Choose an empty or new folder, or pass --force to write the sample over it.",
        )
    written: list[Path] = []
    sample = resources.files("agora") / "sample" / "ledger"
    with resources.as_file(sample) as source:
        for path in sorted(Path(source).rglob("*")):
            if path.is_dir() or "__pycache__" in path.parts:
                continue
            target = destination / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written.append(target)
    return written


@dataclass(frozen=True)
class NewRecord:
    """What ``agora new`` should write.

    Attributes:
        kind: event, thread, controversy, actor or post.
        title: the title (for actors: the name).
        fields: front matter fields beyond id and title, in file order.
        record_id: the id to use; derived from the title when empty.
        sections: body sections to scaffold, each with a comment saying what goes there.
    """

    kind: Kind
    title: str
    fields: dict[str, Any] = field(default_factory=dict)
    record_id: str = ""
    sections: Sequence[tuple[str, str]] = ()


def new_record(ledger: Path, spec: NewRecord) -> Path:
    """Write a new record file into the ledger at ``ledger`` and return its path.

    The file is parsed and validated before it is written: ``agora new`` never leaves a
    record that does not validate.

    Raises:
        UsageError: the id is not kebab-case, an argument is not text, or the record
            would not be valid (a title too short, say).
        TargetExistsError: a record of that kind already has the id.
    """
    layout = find_layout(ledger)
    record_id = spec.record_id or slugify(spec.title)
    if not ID_RE.fullmatch(record_id):
        raise UsageError(
            f"id {record_id!r} is not kebab-case",
            hint="Pass --id with lowercase letters, digits and single hyphens.",
        )
    _refuse_taken_id(ledger, spec.kind, record_id)
    folder = layout.content / spec.kind.folder
    if spec.kind is Kind.EVENT:
        folder = folder / str(spec.fields["date"].year)
        name = f"{_next_number(folder)}-{record_id}.md"
    elif spec.kind in (Kind.ACTOR, Kind.GROUP):
        name = f"{record_id}.yml"
    else:
        name = f"{record_id}.md"
    target = folder / name
    text = _record_text(spec, record_id, name)
    _refuse_invalid(spec.kind, f"{spec.kind.folder}/{name}", text)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8") as out:  # never overwrite
            out.write(text)
    except FileExistsError:
        raise TargetExistsError(
            f"{target} exists", hint="Pass --id to choose another id."
        ) from None
    return target


def _record_text(spec: NewRecord, record_id: str, name: str) -> str:
    title_key = "name" if spec.kind in (Kind.ACTOR, Kind.GROUP) else "title"
    front = {"id": record_id, title_key: spec.title, **spec.fields}
    _refuse_non_text(front)
    text = _front_matter(front)
    if name.endswith(".md"):
        body = "\n".join(f"## {title}\n\n<!-- {guide} -->\n" for title, guide in spec.sections)
        text = f"---\n{text}---\n\n{body}"
    return text


def _refuse_taken_id(ledger: Path, kind: Kind, record_id: str) -> None:
    """A record of ``kind`` that declares ``record_id`` (whatever its file is called)."""
    for document in read_corpus(ledger).documents:
        if document.kind is kind and document.raw_id == record_id:
            raise TargetExistsError(
                f"{_article(kind.value)} {kind.value} with id {record_id!r} exists: "
                f"{document.path}",
                hint="Pass --id to choose another id.",
            )


def _refuse_invalid(kind: Kind, path: str, text: str) -> None:
    """Parse and validate the text about to be written; refuse it if it has an error."""
    result = parse_text(path, kind, text, ReadLimits())
    problems = list(result.problems)
    if result.document is not None:
        problems += check_schema(validate_document(result.document))
    errors = [item for item in problems if item.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        field = (
            f"{first.field_name}: "
            if first.field_name and first.field_name not in (first.message.split(":")[0],)
            else ""
        )
        raise UsageError(
            f"the new {kind.value} would not be valid: {field}{first.message}",
            hint=first.hint or "Check the values given on the command line.",
        )


def _refuse_non_text(values: dict[str, Any]) -> None:
    for key, value in values.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            texts = item.values() if isinstance(item, dict) else [item]
            for text in texts:
                if isinstance(text, str) and _SURROGATE.search(text):
                    raise UsageError(
                        f"the value given for {key!r} is not valid UTF-8 text",
                        hint="Pass the value as UTF-8 (check the terminal's encoding).",
                    )


def slugify(title: str) -> str:
    """A kebab-case id from a title: 'OpenAI Releases GPT-4' → 'openai-releases-gpt-4'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return re.sub(r"-{2,}", "-", slug)[:80].rstrip("-")


def _next_number(folder: Path) -> str:
    numbers = []
    width = 2
    if folder.is_dir():
        for path in folder.iterdir():
            match = _NUMBER.match(path.name)
            if match:
                numbers.append(int(match.group(1)))
                width = max(width, len(match.group(1)))
    return str(max(numbers, default=0) + 1).zfill(width)


def _front_matter(values: dict[str, Any]) -> str:
    lines: list[str] = []
    for key, value in values.items():
        if value is None:
            continue
        lines.extend(_yaml_field(key, value, ""))
    return "\n".join(lines) + "\n"


def _yaml_field(key: str, value: Any, indent: str) -> list[str]:
    if isinstance(value, (list, tuple)):
        if not value or all(isinstance(item, str) for item in value):
            return [f"{indent}{key}: [{', '.join(_scalar(item) for item in value)}]"]
        lines = [f"{indent}{key}:"]
        for item in value:
            entries = list(item.items())
            first_key, first_value = entries[0]
            lines.append(f"{indent}  - {first_key}: {_scalar(first_value)}")
            lines.extend(f"{indent}    {k}: {_scalar(v)}" for k, v in entries[1:])
        return lines
    return [f"{indent}{key}: {_scalar(value)}"]


def _scalar(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if ID_RE.fullmatch(text) and resolve_plain(text) == text:
        return text
    # A JSON string is a valid YAML double-quoted scalar; the characters YAML does not allow
    # as they are (DEL, C1 controls, line separators) are written as \u escapes.
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"
