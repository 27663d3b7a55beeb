"""Run the checks: those of one document, those of the whole ledger, or both."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from agora.checks.actors import check_actors
from agora.checks.body import check_body
from agora.checks.dates import check_dates
from agora.checks.ids import check_duplicate_ids, check_file_name
from agora.checks.lifecycle import check_lifecycle
from agora.checks.lists import check_lists
from agora.checks.reciprocity import check_reciprocity
from agora.checks.references import check_references
from agora.checks.schema import check_schema
from agora.checks.sources import check_sources
from agora.models import Ledger, Problem, Validated
from agora.models.graph import Graph, node_of

__all__ = ["CheckOptions", "check", "check_document", "check_graph", "check_ledger"]


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What the checks need from outside: the date to compare with, and the grace."""

    today: date
    future_grace_days: int = 2


def check_document(validated: Validated, options: CheckOptions) -> Iterator[Problem]:
    """The problems one file has on its own: schema, file name, dates, sources, lists,
    body. They depend on that file alone, so they can run wherever the file is parsed."""
    yield from check_schema(validated)
    yield from check_file_name(validated)
    yield from check_dates(validated, options.today, options.future_grace_days)
    yield from check_sources(validated)
    yield from check_lists(validated)
    yield from check_body(validated.document)


def check_graph(graph: Graph) -> Iterator[Problem]:
    """The problems between files: duplicate ids, references, reciprocity, actors, the
    lifecycle of cases and canon entries."""
    yield from check_duplicate_ids(graph)
    yield from check_references(graph)
    yield from check_reciprocity(graph)
    yield from check_actors(graph)
    yield from check_lifecycle(graph)


def check_ledger(ledger: Ledger) -> Iterator[Problem]:
    """The problems between the files of ``ledger`` (see :func:`check_graph`)."""
    return check_graph(Graph(node_of(validated) for validated in ledger.validated))


def check(ledger: Ledger, options: CheckOptions) -> list[Problem]:
    """Every problem in ``ledger``: each document's own, then those between documents."""
    found = [item for v in ledger.validated for item in check_document(v, options)]
    found.extend(check_ledger(ledger))
    return found
