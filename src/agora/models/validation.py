"""Turn a document's data into a record, keeping every validation error as plain data.

Unknown fields never make a record disappear: they are reported, dropped, and the record is
validated again without them.
"""

from __future__ import annotations

import copy
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from agora.models.document import Document
from agora.models.problem import FieldPath
from agora.models.records import RECORD_TYPES, Record

__all__ = ["FieldError", "Validated", "allowed_fields", "validate_document"]


@dataclass(frozen=True, slots=True)
class FieldError:
    """One validation error: where (``loc``), which rule (``type``), and its details.

    ``type`` is pydantic's error type (``missing``, ``enum``, ``string_type``, …) or one of
    Agora's own (``bad_id``, ``bad_date``, ``date_format``).
    """

    loc: FieldPath
    type: str
    message: str
    input: Any = None
    context: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Validated:
    """The outcome of validating one document: a record unless a field error prevents it."""

    document: Document
    record: Record | None
    errors: tuple[FieldError, ...]


def validate_document(document: Document) -> Validated:
    """Validate ``document`` against the model of its kind."""
    model = RECORD_TYPES[document.kind]
    try:
        return Validated(document, model.model_validate(document.data), ())
    except ValidationError as exc:
        errors = tuple(_field_error(item) for item in exc.errors())
    unknown = [error for error in errors if error.type == "extra_forbidden"]
    if not unknown:
        return Validated(document, None, errors)
    # Validate again without the unknown fields: what remains are the real errors (an
    # unknown field can also cause knock-on errors, such as a list left too short).
    try:
        record = model.model_validate(_without(document.data, [e.loc for e in unknown]))
    except ValidationError as exc:
        return Validated(document, None, (*unknown, *(_field_error(item) for item in exc.errors())))
    return Validated(document, record, tuple(unknown))


def allowed_fields(document: Document, loc: FieldPath) -> tuple[str, ...]:
    """The field names a record of this document's kind accepts at ``loc``'s parent."""
    target: Any = RECORD_TYPES[document.kind]
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(target, type) and issubclass(target, BaseModel)):
            return ()
        info = target.model_fields.get(part)
        if info is None:
            return ()
        target = _nested_model(info.annotation)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return tuple(info.alias or name for name, info in target.model_fields.items())
    return ()


def _nested_model(annotation: Any) -> Any:
    """The model class inside ``X | None``, ``tuple[X, ...]`` or ``X``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (tuple, list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _nested_model(arg)
            if found is not None:
                return found
    return None


def _field_error(item: Any) -> FieldError:
    return FieldError(
        loc=tuple(item["loc"]),
        type=item["type"],
        message=item["msg"],
        input=item.get("input"),
        context=dict(item.get("ctx") or {}),
    )


def _without(data: Mapping[str, Any], locs: list[FieldPath]) -> Any:
    """A deep copy of ``data`` with the keys at ``locs`` removed."""
    pruned: Any = copy.deepcopy(dict(data))
    for loc in locs:
        parent = pruned
        for part in loc[:-1]:
            parent = parent[part]
        parent.pop(loc[-1], None)
    return pruned
