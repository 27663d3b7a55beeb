"""The whole flow in one place: read the files, build the ledger, check it, place problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from agora.checks import CheckOptions, check
from agora.models import Ledger, Problem, build_ledger
from agora.reader import Corpus, ReadLimits, ReadOptions, locate, read_corpus
from agora.settings import Settings

__all__ = ["Validation", "load", "validate"]


@dataclass(frozen=True, slots=True)
class Validation:
    """A checked ledger: what was read, the records, and every problem in report order."""

    corpus: Corpus
    ledger: Ledger
    problems: tuple[Problem, ...]


def load(path: Path, settings: Settings) -> tuple[Corpus, Ledger]:
    """Read the ledger at ``path`` and validate its records."""
    corpus = read_corpus(path, _read_options(settings))
    return corpus, build_ledger(corpus.documents)


def validate(path: Path, settings: Settings) -> Validation:
    """Read, build and check the ledger at ``path``; every problem is placed and sorted."""
    corpus, ledger = load(path, settings)
    options = CheckOptions(settings.current_date(), settings.future_grace_days)
    found = [*corpus.problems, *check(ledger, options)]
    placed = locate(corpus.documents, found)
    return Validation(corpus, ledger, tuple(sorted(placed, key=Problem.sort_key)))


def _read_options(settings: Settings) -> ReadOptions:
    return ReadOptions(
        limits=ReadLimits(max_file_bytes=settings.max_file_bytes),
        cache_dir=None if settings.no_cache else settings.cache_dir,
        workers=settings.workers,
    )
