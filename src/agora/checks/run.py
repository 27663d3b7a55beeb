"""Run every check over a ledger and return the problems in report order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from agora.checks.actors import check_actors
from agora.checks.body import check_bodies
from agora.checks.dates import check_dates
from agora.checks.ids import check_ids
from agora.checks.lists import check_lists
from agora.checks.reciprocity import check_reciprocity
from agora.checks.references import check_references
from agora.checks.schema import check_schema
from agora.checks.sources import check_sources
from agora.models import Ledger, Problem

__all__ = ["CheckOptions", "check"]


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What the checks need from outside: the date to compare with, and the grace."""

    today: date
    future_grace_days: int = 2


def check(ledger: Ledger, options: CheckOptions) -> list[Problem]:
    """Every problem in ``ledger``: schema, ids, dates, references, reciprocity, sources,
    actors, lists and bodies."""
    found: list[Iterable[Problem]] = [
        check_schema(ledger),
        check_ids(ledger),
        check_dates(ledger, options.today, options.future_grace_days),
        check_references(ledger),
        check_reciprocity(ledger),
        check_sources(ledger),
        check_actors(ledger),
        check_lists(ledger),
        check_bodies(ledger),
    ]
    return [item for group in found for item in group]
