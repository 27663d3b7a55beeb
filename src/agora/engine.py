"""The whole flow in one place: read the files, build the ledger, check it, place problems."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jinja2 import __version__ as jinja_version

from agora import __version__
from agora.checks import CheckOptions, check
from agora.history import Chronicle, chronicle, ledger_as_of
from agora.models import Ledger, Problem, Severity, build_ledger
from agora.pipeline import (
    Output,
    Rendered,
    Report,
    ValidateOptions,
    validate_and_render,
    validate_ledger,
)
from agora.reader import (
    ContentFile,
    Corpus,
    Layout,
    ReadLimits,
    ReadMemo,
    ReadOptions,
    find_files,
    find_layout,
    locate,
    read_corpus,
)
from agora.reader.cache import source_fingerprint
from agora.reader.files import RACY_NS, printable_path
from agora.reader.history import head_commit
from agora.settings import Settings
from agora.site.build import BuildReport, Progress, build_site, site_fingerprint, up_to_date
from agora.site.model import AsOf, SiteModel, build_model
from agora.status import StatusOptions
from agora.status.memory import paused_gc
from agora.status.typed import typed_confidence_problems

__all__ = [
    "BuildReport",
    "Inspection",
    "Output",
    "Rendered",
    "Report",
    "build",
    "compiled_templates",
    "inspect",
    "left_out",
    "left_out_warning",
    "load",
    "site_model",
    "validate",
    "validate_rendered",
]


def validate(path: Path, settings: Settings) -> Report:
    """Check the ledger at ``path``: every problem, placed and sorted.

    Files are analysed in parallel and the result is cached (see :mod:`agora.pipeline`).
    """
    return validate_ledger(path, _validate_options(settings))


def validate_rendered(path: Path, settings: Settings, output: Output) -> Rendered:
    """Check the ledger at ``path`` and render the report with ``output``; an unchanged
    ledger replays the same rendering from the cache."""
    return validate_and_render(path, _validate_options(settings), output)


def _validate_options(settings: Settings) -> ValidateOptions:
    return ValidateOptions(
        _check_options(settings),
        ReadLimits(max_file_bytes=settings.max_file_bytes),
        None if settings.no_cache else settings.cache_dir,
        settings.workers,
    )


@dataclass(frozen=True, slots=True)
class Inspection:
    """A ledger read in full (bodies included), with its problems."""

    corpus: Corpus
    ledger: Ledger
    problems: tuple[Problem, ...]


@paused_gc()  # every record read stays alive: collecting would only re-scan them
def load(
    path: Path,
    settings: Settings,
    *,
    memo: ReadMemo | None = None,
    previous: Ledger | None = None,
    walked: tuple[list[ContentFile], list[Problem]] | None = None,
) -> tuple[Corpus, Ledger]:
    """Read every file of the ledger at ``path`` and validate its records.

    A process that reads the same ledger again and again (a live server) passes the same
    ``memo`` each time and the ``previous`` ledger: files unchanged since are neither read
    nor validated again. ``walked`` is a walk of the ledger's files just made (see
    :func:`read_corpus`).
    """
    corpus = read_corpus(path, _read_options(settings), memo, walked=walked)
    return corpus, build_ledger(corpus.documents, previous)


def inspect(path: Path, settings: Settings) -> Inspection:
    """Read the ledger at ``path`` in full and check it: for showing records and counts."""
    corpus, ledger = load(path, settings)
    typed = (item for each in ledger.validated for item in typed_confidence_problems(each))
    found = [*corpus.problems, *check(ledger, _check_options(settings)), *typed]
    placed = locate(corpus.documents, found)
    return Inspection(corpus, ledger, tuple(sorted(placed, key=Problem.sort_key)))


def build(
    path: Path,
    out: Path,
    settings: Settings,
    as_of: datetime | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Write the static site of the ledger at ``path`` into ``out``.

    Nothing is read when ``out`` was built from the same inputs: the same files (path,
    size, modification time), the same commit, the same Agora and the same settings.
    With ``as_of``, the site shows the ledger as it stood at that moment (from git).
    ``progress`` hears how the rendering of pages goes (see :func:`build_site`).
    """
    if as_of is not None:
        with ledger_as_of(path, as_of) as past:
            then = settings.model_copy(update={"today": past.moment.date(), "no_cache": True})
            moment = AsOf(past.moment.date().isoformat(), past.commit.sha)
            known = chronicle(path, then, past.history)
            compiled = compiled_templates(settings)
            return _build(past.root, out, then, known, moment, compiled=compiled, progress=progress)
    layout = find_layout(path)
    salt = _render_salt(settings)
    walked: list[tuple[list[ContentFile], list[Problem]]] = []

    def fingerprint() -> str:
        walked.append(find_files(layout))  # kept for the read that follows, if any
        return _build_inputs(layout, walked[-1][0], settings, salt)

    fresh = up_to_date(out, fingerprint)
    if fresh.done is not None:
        return fresh.done
    known = chronicle(path, settings)
    compiled = compiled_templates(settings)
    return _build(
        path,
        out,
        settings,
        known,
        None,
        inputs=fresh.inputs,
        salt=salt,
        compiled=compiled,
        progress=progress,
        walked=walked[-1] if walked else None,
        all_there=fresh.all_there,
    )


def compiled_templates(settings: Settings) -> Path | None:
    """Where the site's compiled templates are kept across runs (None with no cache), as
    Python keeps its bytecode: a folder per Jinja version, Agora source, and templates and
    catalogs (Jinja compiles constant labels into the code, so a changed catalog needs new
    code even where a template's own text did not change)."""
    if settings.no_cache:
        return None
    version = hashlib.blake2b(
        f"{jinja_version}|{source_fingerprint()}|{site_fingerprint()}".encode(), digest_size=8
    )
    return settings.cache_dir / "templates" / version.hexdigest()


def left_out(corpus: Corpus, ledger: Ledger) -> tuple[str, ...]:
    """Record files that get no page: they could not be read, or their record is invalid."""
    unreadable = {p.path for p in corpus.problems if p.severity is Severity.ERROR}
    invalid = {item.document.path for item in ledger.validated if item.record is None}
    return tuple(sorted(unreadable | invalid))


def left_out_warning(files: tuple[str, ...], path: Path) -> str:
    """What ``agora build`` and ``agora serve`` say of record files that get no page: the
    first five, and how to see why."""
    shown = ", ".join(files[:5]) + (" …" if len(files) > 5 else "")
    these = "record file has" if len(files) == 1 else "record files have"
    return (
        f"warning: {len(files):,} {these} errors and no page: {shown}\n"
        f"  hint: run 'agora validate {printable_path(str(path))}' to see each error and how "
        "to fix it."
    )


def site_model(
    ledger: Ledger,
    settings: Settings,
    known: Chronicle,
    as_of: AsOf | None = None,
    *,
    previous: SiteModel | None = None,
) -> SiteModel:
    """The site model of ``ledger``: its pages' arrangement, every claim's status as of
    ``settings``' today, and what git knows of each file (``known``). ``previous``, a model
    of the same ledger read earlier through the same memo, lends what did not change."""
    options = StatusOptions(
        settings.current_date(), settings.challenge_window_days, known.published
    )
    return build_model(
        ledger,
        as_of,
        status=options,
        commits=known.commits,
        edits=known.edits,
        previous=previous,
    )


# Everything read and built lives until the build ends: the cyclic collector would only
# re-scan it, again and again as it grows (a third of a rebuild of 10,000 events).
@paused_gc()
def _build(
    path: Path,
    out: Path,
    settings: Settings,
    known: Chronicle,
    moment: AsOf | None,
    *,
    inputs: str = "",
    salt: str = "",
    compiled: Path | None = None,
    progress: Progress | None = None,
    walked: tuple[list[ContentFile], list[Problem]] | None = None,
    all_there: bool = False,
) -> BuildReport:
    corpus, ledger = load(path, settings, walked=walked)
    model = site_model(ledger, settings, known, moment)
    return build_site(
        model,
        out,
        base_url=settings.base_url,
        content_root=corpus.layout.root,
        source_digests=corpus.digests,
        workers=settings.workers,
        inputs=inputs,
        left_out=left_out(corpus, ledger),
        salt=salt or _render_salt(settings),
        compiled=compiled,
        progress=progress,
        all_there=all_there,
    )


def _render_salt(settings: Settings) -> str:
    """What every page depends on besides the ledger: Agora's code and templates, today and
    the challenge window (statuses are part of the pages)."""
    return (
        f"{__version__}|{source_fingerprint()}|{site_fingerprint()}|{settings.current_date()}|"
        f"{settings.challenge_window_days}"
    )


def _build_inputs(
    layout: Layout, files: Sequence[ContentFile], settings: Settings, salt: str
) -> str:
    """The fingerprint of everything a build reads, ``files`` among it ('' when it cannot
    be trusted)."""
    if files and (
        min(f.size for f in files) < 0 or time.time_ns() - max(f.mtime_ns for f in files) < RACY_NS
    ):
        return ""
    hasher = hashlib.blake2b(digest_size=16)
    # Paths as the bytes they are on disk (os.fsencode): a folder's name need not be UTF-8.
    hasher.update(
        os.fsencode(
            f"{salt}|{head_commit(layout.root)}|{settings.base_url}|{settings.max_file_bytes}|"
            f"{settings.future_grace_days}|{layout.root.resolve()}\n"
        )
    )
    # One string for all files: at 100,000 events, 160,915 updates cost a third of a second.
    hasher.update(os.fsencode("".join([f"{f.path}\0{f.size}\0{f.mtime_ns}\n" for f in files])))
    return hasher.hexdigest()


def _check_options(settings: Settings) -> CheckOptions:
    return CheckOptions(settings.current_date(), settings.future_grace_days)


def _read_options(settings: Settings) -> ReadOptions:
    return ReadOptions(
        limits=ReadLimits(max_file_bytes=settings.max_file_bytes),
        cache_dir=None if settings.no_cache else settings.cache_dir,
        workers=settings.workers,
    )
