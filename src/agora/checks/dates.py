"""Date problems: order of paired dates and dates in the future."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel

from agora.models import FieldPath, Ledger, Problem, format_field, problem

__all__ = ["check_dates"]

_PAIRS: tuple[tuple[str, str], ...] = (
    ("date", "end_date"),
    ("started", "last_updated"),
)


def check_dates(ledger: Ledger, today: date, grace_days: int) -> Iterator[Problem]:
    """Paired dates in order (D003) and no date after ``today`` + grace (D004)."""
    limit = today + timedelta(days=grace_days)
    for validated in ledger.validated:
        record = validated.record
        if record is None:
            continue
        path = validated.document.path
        for start, end in _PAIRS:
            first, last = getattr(record, start, None), getattr(record, end, None)
            if isinstance(first, date) and isinstance(last, date) and last < first:
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
                    f"{format_field(field)} {value.isoformat()} is after today "
                    f"({today.isoformat()})",
                    field=field,
                )


def _dates(model: BaseModel, path: FieldPath) -> Iterator[tuple[FieldPath, date]]:
    """Every date inside a record, with its field path."""
    for name, nested in _plan(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        alias = type(model).model_fields[name].alias or name
        if nested is None:
            yield (*path, alias), value
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                yield from _dates(item, (*path, alias, index))
        else:
            yield from _dates(value, (*path, alias))


_PLANS: dict[type[BaseModel], tuple[tuple[str, type[BaseModel] | None], ...]] = {}


def _plan(model: type[BaseModel]) -> tuple[tuple[str, type[BaseModel] | None], ...]:
    """The fields of ``model`` that are dates or hold models that may contain dates."""
    plan = _PLANS.get(model)
    if plan is None:
        steps: list[tuple[str, type[BaseModel] | None]] = []
        for name, info in model.model_fields.items():
            args = _flatten(info.annotation)
            if date in args:
                steps.append((name, None))
            for arg in args:
                if isinstance(arg, type) and issubclass(arg, BaseModel) and _plan(arg):
                    steps.append((name, arg))
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
