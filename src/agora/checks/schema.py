"""Schema problems: turn field validation errors into problems with codes and hints."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from agora.checks._text import describe, did_you_mean, show
from agora.models import FieldError, Problem, Validated, format_field, problem
from agora.models.fields import CUSTOM_ERROR_CODES
from agora.models.validation import allowed_fields

__all__ = ["check_schema"]

_TYPE_NAMES = {
    "string_type": "text",
    "string_sub_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "date_type": "a date written YYYY-MM-DD",
    "none_required": "nothing",
}
_LENGTH = {"string_too_short", "string_too_long", "too_short", "too_long"}


def check_schema(validated: Validated) -> Iterator[Problem]:
    """Every validation error of one document, as a problem at its field.

    A list reported too short only because one of its items is invalid is not reported
    again: the item's own error says what to fix.
    """
    locations = [error.loc for error in validated.errors]
    for error in validated.errors:
        if error.type == "too_short" and any(
            len(loc) > len(error.loc) and loc[: len(error.loc)] == error.loc for loc in locations
        ):
            continue
        yield _problem(validated, error)


def _problem(validated: Validated, error: FieldError) -> Problem:
    path = validated.document.path
    field = error.loc
    name = format_field(field) or "the record"
    leaf = str(field[-1]) if field else name
    kind = error.type
    if kind in CUSTOM_ERROR_CODES:
        return problem(CUSTOM_ERROR_CODES[kind], path, error.message, field=field)
    if kind == "missing":
        return problem(
            "S001",
            path,
            f"required field {leaf!r} is missing"
            + (f" in {format_field(field[:-1])}" if len(field) > 1 else ""),
            hint=f"Add '{leaf}:' with a value.",
            field=field,
        )
    if kind == "extra_forbidden":
        allowed = allowed_fields(validated.document, field)
        return problem(
            "S005",
            path,
            f"unknown field {leaf!r}; it is ignored",
            hint=(did_you_mean(leaf, allowed).strip() or "Remove it.")
            + (f" Fields here: {', '.join(allowed)}." if allowed else ""),
            field=field,
            anchor="key",
        )
    if kind in ("enum", "literal_error"):
        allowed_values = _expected(error)
        return problem(
            "S003",
            path,
            f"{name}: {show(error.input)} is not an allowed value",
            hint=(
                did_you_mean(str(error.input), allowed_values)
                + f" Allowed: {', '.join(allowed_values)}."
            ).strip(),
            field=field,
        )
    if kind == "string_pattern_mismatch":
        return problem(
            "S003",
            path,
            f"{name}: {show(error.input)} does not have the expected form",
            hint=f"The value must match {error.context.get('pattern', '')}.",
            field=field,
        )
    if kind in _LENGTH:
        return problem("S004", path, f"{name}: {_length_message(error)}", field=field)
    expected = _TYPE_NAMES.get(kind)
    if expected is not None:
        quote = " Quote it to make it text." if expected == "text" and error.input else ""
        return problem(
            "S002",
            path,
            f"{name}: expected {expected}, got {describe(error.input)}",
            hint=f"Change the value to {expected}.{quote}",
            field=field,
        )
    return problem("S002", path, f"{name}: {error.message}", field=field)


def _expected(error: FieldError) -> list[str]:
    text = str(error.context.get("expected", ""))
    return [part.strip(" '\"") for part in text.replace(" or ", ", ").split(",") if part.strip()]


def _length_message(error: FieldError) -> str:
    context: dict[str, Any] = dict(error.context)
    value = error.input
    if error.type.startswith("string"):
        size = len(value) if isinstance(value, str) else 0
        if error.type == "string_too_short":
            return (
                f"text is {_count(size, 'character')}; at least {context.get('min_length')} needed"
            )
        return f"text is {_count(size, 'character')}; at most {context.get('max_length')} allowed"
    size = len(value) if isinstance(value, (list, tuple)) else 0
    if error.type == "too_short":
        return f"list has {_count(size, 'item')}; at least {context.get('min_length')} needed"
    return f"list has {_count(size, 'item')}; at most {context.get('max_length')} allowed"


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")
