"""Field types shared by the record models: ids, calendar dates, the frozen base model."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

__all__ = [
    "CUSTOM_ERROR_CODES",
    "ID_PATTERN",
    "ID_RE",
    "IdList",
    "IsoDate",
    "RecordId",
    "RecordModel",
    "Text",
    "parse_iso_date",
]

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""Kebab-case; use ``ID_RE.fullmatch`` (``$`` would also accept a trailing newline)."""
_DATE_SHAPE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")

CUSTOM_ERROR_CODES = {"bad_id": "I001", "bad_date": "D001", "date_format": "D002"}
"""Problem code of each custom validation error raised by these types."""


class RecordModel(BaseModel):
    """Base of every record and nested value: frozen, unknown fields rejected.

    Unknown fields are reported as warnings (S005) and then dropped before a second
    validation, so a typo never makes a record disappear.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


def _check_id(value: str) -> str:
    if not ID_RE.fullmatch(value):
        raise PydanticCustomError(
            "bad_id",
            "id {value} is not kebab-case (lowercase letters, digits, single hyphens)",
            {"value": repr(value)},
        )
    return value


def parse_iso_date(value: Any) -> date:
    """Turn ``YYYY-MM-DD`` text into a date, with an error that says which rule failed."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError(
            "date_format", "expected a date written YYYY-MM-DD, got {value}", {"value": repr(value)}
        )
    match = _DATE_SHAPE.fullmatch(value.strip())
    if not match:
        raise PydanticCustomError(
            "date_format", "date {value} is not written YYYY-MM-DD", {"value": repr(value)}
        )
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise PydanticCustomError(
            "bad_date", "{value} is not a calendar date", {"value": repr(value)}
        ) from None


RecordId = Annotated[
    str,
    AfterValidator(_check_id),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
]
"""A record's own id: kebab-case."""

IsoDate = Annotated[
    date,
    BeforeValidator(parse_iso_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]
"""A calendar date written ``YYYY-MM-DD`` in the file."""

Text = Annotated[str, Field(min_length=1)]
"""A non-empty string."""

IdList = tuple[str, ...]
"""A list of ids referring to other records; checked by the reference checks."""
