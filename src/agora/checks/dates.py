"""Date problems: order of paired dates and dates in the future."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel

from agora.models import FieldPath, Kind, Problem, Validated, format_field, problem

__all__ = ["check_dates"]

_PAIRS: dict[Kind, tuple[tuple[str, str], ...]] = {
    Kind.EVENT: (("date", "end_date"),),
    Kind.THREAD: (("started", "last_updated"),),
}
"""Fields of each kind whose second date may not come before the first."""


def check_dates(validated: Validated, today: date, grace_days: int) -> Iterator[Problem]:
    """Paired dates in order (D003) and no date after ``today`` + grace (D004)."""
    record = validated.record
    if record is None:
        return
    limit = today + timedelta(days=grace_days)
    path = validated.document.path
    for start, end in _PAIRS.get(record.kind, ()):
        first, last = getattr(record, start), getattr(record, end)
        if first is not None and last is not None and last < first:
            yield problem(
                "D003",
                path,
                f"{end} {last.isoformat()} is before {start} {first.isoformat()}",
                field=(end,),
            )
    for field, value in _dates(record, ()):
        if value > limit:
            yield problem(
                "D004",
                path,
                f"{format_field(field)} {value.isoformat()} is after today ({today.isoformat()})",
                field=field,
            )


def _dates(model: BaseModel, path: FieldPath) -> Iterator[tuple[FieldPath, date]]:
    """Every date inside a record, with its field path."""
    values = model.__dict__
    for name, alias, nested in _plan(type(model)):
        value = values[name]
        if value is None:
            continue
        if nested is None:
            yield (*path, alias), value
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                yield from _dates(item, (*path, alias, index))
        else:
            yield from _dates(value, (*path, alias))


_Plan = tuple[tuple[str, str, type[BaseModel] | None], ...]
_PLANS: dict[type[BaseModel], _Plan] = {}


def _plan(model: type[BaseModel]) -> _Plan:
    """The fields of ``model`` (name, alias, nested model) that are dates or hold models
    that may contain dates."""
    plan = _PLANS.get(model)
    if plan is None:
        steps: list[tuple[str, str, type[BaseModel] | None]] = []
        for name, info in model.model_fields.items():
            args = _flatten(info.annotation)
            if date in args:
                steps.append((name, info.alias or name, None))
            for arg in args:
                if isinstance(arg, type) and issubclass(arg, BaseModel) and _plan(arg):
                    steps.append((name, info.alias or name, arg))
        plan = _PLANS[model] = tuple(steps)
    return plan


def _flatten(annotation: Any) -> set[Any]:
    args = typing.get_args(annotation)
    if not args:
        return {annotation}
    found: set[Any] = set()
    for arg in args:
        found |= _flatten(arg) if arg is not Ellipsis else set()
    if typing.get_origin(annotation) is typing.Annotated:
        found = _flatten(args[0])
    return found
