"""The static build: every page in every language, feeds, JSON, search, assets, in a folder.

Deterministic: two builds of the same content write the same bytes. The build keeps a
manifest (``.agora-build.json``) of every file it wrote with a digest of its bytes, so a
later build rewrites only files whose bytes changed, removes files it wrote that are no
longer produced, and never touches anything else. The manifest also records the inputs'
fingerprint: when it is unchanged, a build stops before reading the ledger (see
:func:`up_to_date`).

On a large ledger the work runs in forked worker processes: one builds the search index,
one the machine files (feeds, the API's indexes, sitemaps, sources), and all render pages,
each record's with its JSON; each writes its own files and reports their digests.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, partial
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any

from agora.reader.documents import digest as content_digest
from agora.reader.parallel import map_batches
from agora.site.files import site_files
from agora.site.keys import (
    INDEXES,
    document_digests,
    feed_keys,
    page_keys,
    plan_rebuild,
    shared_key,
)
from agora.site.machine import machine_file
from agora.site.manifest import Manifest, begin, read_manifest, read_stamp, write_manifest
from agora.site.model import SiteModel
from agora.site.pages import PageSpec, site_pages
from agora.site.presence import looking_for
from agora.site.render import Renderer
from agora.site.search_update import Source, search_files
from agora.site.searchable import search_document, searched_entries
from agora.site.urls import LANGUAGES, file_for, url

__all__ = [
    "BuildReport",
    "Freshness",
    "Progress",
    "build_site",
    "site_fingerprint",
    "up_to_date",
]


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did."""

    pages: int
    files: int
    written: int
    removed: int
    skipped: bool = False
    """True when the inputs were unchanged and nothing was read or written."""
    left_out: tuple[str, ...] = ()
    """Record files that have no page because they could not be read or validated."""
    rendered: int = 0
    """Pages rendered (in every language); the others were kept from the last build."""


Progress = Callable[[int, int], None]
"""Told how many of the page files to render are done, and how many there are."""


def build_site(
    model: SiteModel,
    out: Path,
    *,
    base_url: str,
    languages: tuple[str, ...] = LANGUAGES,
    content_root: Path | None = None,
    source_digests: Mapping[str, bytes] | None = None,
    workers: int = 1,
    inputs: str = "",
    left_out: tuple[str, ...] = (),
    salt: str = "",
    compiled: Path | None = None,
    progress: Progress | None = None,
    all_there: bool = False,
) -> BuildReport:
    """Write the site of ``model`` into ``out``.

    ``inputs`` is the fingerprint of everything the site is made from (see
    :func:`up_to_date`); it is stored in the manifest with ``left_out``, the record files
    that have no page. A page whose key (see :func:`page_keys`, with ``salt``) is the one
    it was last rendered from is not rendered again; so are the feeds (:func:`feed_keys`)
    and the API's indexes and sitemaps, which show front matter only (``shared``, see
    :func:`shared_key`). With ``content_root``, each record's source file is copied into
    the site, unless ``source_digests`` (content digests by path, as the reader found
    them) shows the copy there is of the same content. ``workers`` > 1 renders pages in
    that many processes where the platform can fork. ``compiled`` is a folder that keeps
    compiled templates across builds (see :class:`Renderer`). ``progress`` is told how many
    of the page files to render are done, now and then, and once all are. ``all_there``
    says that every file the last build wrote was just found in ``out`` (see
    :func:`up_to_date`): they are not looked for one by one again.

    Raises:
        TargetExistsError: ``out`` holds files that no earlier build wrote.
    """
    # The model lives until the build ends: the cyclic collector would only re-scan it, and
    # in forked workers its scans would write to (and so copy) every page of it.
    with _collector_frozen():
        previous = read_manifest(out)
        begin(out, previous)  # a build that stops half-way is never "up to date"
        specs = list(site_pages(model))
        salt = f"{salt}|{base_url}|{','.join(languages)}"
        by_document = document_digests(model.ledger.documents)
        shared = shared_key(salt, by_document)
        keys = page_keys(model, specs, shared, by_document)
        feed_key = feed_keys(model, shared, by_document)
        pages_made = [
            (list(_spec_files(spec, languages)), spec.path, key)
            for spec, key in zip(specs, keys, strict=True)
        ]
        sources = [d.path for d in model.ledger.documents] if content_root is not None else []
        plan = plan_rebuild(
            out, previous, pages_made, feed_key, shared, sources, source_digests or {}, all_there
        )
        digests = plan.kept
        renderer = Renderer(languages, compiled)
        job = _Job(
            model,
            renderer,
            languages,
            specs,
            out,
            previous.files,
            base_url,
            content_root,
            by_document,
            salt,
            plan.feeds,
            plan.indexes,
            plan.sources,
        )
        written = 0
        to_render = len(plan.pages) * len(languages)
        rendered = 0
        step = max(1, to_render // 200)
        for name, made, changed in _make(job, plan.pages, workers):
            digests[name] = made
            written += changed
            if progress is not None and name.endswith(".html"):
                rendered += 1
                if rendered % step == 0 or rendered == to_render:
                    progress(rendered, to_render)
        pages = len({spec.path for spec in specs}) * len(languages)  # two specs may share one
        removed = _remove_stale(out, previous.files, digests)
        page_key = {spec.path: key for spec, key in zip(specs, keys, strict=True) if key}
        page_key.update(feed_key)  # a feed's stem never starts with "/", as page paths do
        page_key[INDEXES] = shared
        write_manifest(out, Manifest(inputs, digests, left_out, page_key))
        return BuildReport(
            pages,
            len(digests),
            written,
            removed,
            left_out=left_out,
            rendered=to_render,
        )


@contextlib.contextmanager
def _collector_frozen() -> Iterator[None]:
    if gc.get_freeze_count():  # the host froze its heap already: leave it as it is
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@dataclass(frozen=True, slots=True)
class Freshness:
    """What :func:`up_to_date` found."""

    done: BuildReport | None
    """The report of a build with nothing to do, or None when there is work."""
    inputs: str
    """The fingerprint of the inputs now."""
    all_there: bool
    """Whether every file the last build wrote was found in the folder."""


def up_to_date(out: Path, fingerprint: Callable[[], str]) -> Freshness:
    """Whether ``out`` has nothing to do, the fingerprint of the inputs, and whether every
    file the last build wrote is still there.

    ``out`` has nothing to do when it was last built from inputs with the fingerprint
    ``fingerprint()`` gives now ('' never matches) and every file it wrote is still there.
    Only the manifest's first line and names are read; on a large site the files are
    looked for in a forked process while this one computes the fingerprint (each takes a
    second or two at 100,000 events), and a build that follows need not look again."""
    stamp = read_stamp(out)
    if stamp is None:
        return Freshness(None, fingerprint(), False)
    with looking_for(out, stamp.names, stamp.files) as all_there:
        inputs = fingerprint()
        found = all_there()
    if not (stamp.inputs and inputs == stamp.inputs and found):
        return Freshness(None, inputs, found)
    done = BuildReport(stamp.pages, stamp.files, 0, 0, skipped=True, left_out=stamp.left_out)
    return Freshness(done, inputs, found)


@cache
def site_fingerprint() -> str:
    """A digest of the templates, styles, scripts and catalogs, and of the libraries that
    render them: a change to any of them changes every page."""
    hasher = hashlib.blake2b(digest_size=16)
    for library in ("jinja2", "cmarkgfm", "babel", "markupsafe"):
        hasher.update(f"{library}={version(library)};".encode())
    root = resources.files("agora.site")
    for folder in ("templates", "static", "locale"):
        for name, data in sorted(_package_files(root / folder, folder)):
            hasher.update(f"{name}:{len(data)}:".encode())
            hasher.update(data)
    return hasher.hexdigest()


def _package_files(folder: Any, name: str) -> Iterator[tuple[str, bytes]]:
    for item in folder.iterdir():
        if item.is_dir():
            yield from _package_files(item, f"{name}/{item.name}")
        elif not item.name.startswith("."):
            yield f"{name}/{item.name}", item.read_bytes()


@dataclass(frozen=True, slots=True)
class _Job:
    model: SiteModel
    renderer: Renderer
    languages: tuple[str, ...]
    specs: Sequence[PageSpec]
    out: Path
    previous: dict[str, str]
    base_url: str
    content_root: Path | None
    digests: Mapping[str, tuple[bytes, str]]
    """Each document's digests, by path (:func:`document_digests`)."""
    salt: str
    """Everything else the site is made from."""
    feeds: frozenset[str]
    """The feeds to make (by stem); the others are kept from the last build."""
    indexes: bool
    """Whether to make the API's indexes and the sitemaps (else they are kept)."""
    sources: tuple[str, ...]
    """The records (by path) whose source file to copy into the site."""


_Work = int | str
"""A page (its index in the job's specs) or one of the tasks below."""
_MACHINE_FILES = "machine files"
_SEARCH_INDEX = "search index"


_PARALLEL_WORK = 200
"""From this much work on, working in worker processes pays for starting them: stale
pages, source files to copy, and every record when the API's indexes are made again.

The search index is not counted: it is made whole only when most pages are stale too (all
front matter goes into every page's key), and otherwise updated for the records whose
pages are stale. A forked worker is not free on a large ledger: each page of the model
that it or the parent writes to (reference counts) is copied; with a few pages to make at
100,000 events that cost more than the work itself."""
_SMALLEST_BATCH = 25

_job: _Job | None = None
"""The job forked workers render from (set before they start; they inherit it)."""


def _make(job: _Job, stale: Sequence[int], workers: int) -> Iterator[tuple[str, str, int]]:
    """Write the stale pages, the machine files and the search index; yield each file's
    name, digest and whether it was written.

    The two whole-site tasks go first, each in a batch of its own, so that on a large
    ledger one worker builds them while the other starts on the pages."""
    global _job
    work = len(stale) + len(job.sources) + (len(job.model.ledger.documents) if job.indexes else 0)
    parallel = (
        workers > 1 and work >= _PARALLEL_WORK and "fork" in multiprocessing.get_all_start_methods()
    )
    size = max(_SMALLEST_BATCH, -(-len(stale) // (workers * 8)))
    pages: list[list[_Work]] = [
        list(stale[start : start + size]) for start in range(0, len(stale), size)
    ]
    batches: list[list[_Work]] = [[_SEARCH_INDEX], [_MACHINE_FILES], *pages]
    _job = job
    try:
        if parallel and stale:
            job.renderer.compile_all()  # once here rather than once in every worker
        yield from map_batches(
            _make_batches, batches, workers if parallel else 1, None, parallel_from=1, batch=1
        )
    finally:
        _job = None


def _make_batches(batches: Sequence[Sequence[_Work]], _: object) -> list[tuple[str, str, int]]:
    job = _job
    if job is None:  # pragma: no cover - set by _make in this process or its parent
        raise RuntimeError("no build job")
    results = []
    for batch in batches:
        for work in batch:
            made: Iterable[tuple[str, bytes | None]]
            if work == _SEARCH_INDEX:
                made = _search_files(job)
            elif work == _MACHINE_FILES:
                paths = [spec.path for spec in job.specs]
                made = site_files(
                    job.model,
                    job.base_url,
                    job.languages,
                    paths,
                    job.content_root,
                    job.feeds,
                    indexes=job.indexes,
                    sources=job.sources,
                )
            else:
                made = _render_page(job, job.specs[int(work)])
            for name, data in made:
                if data is None:  # kept as the last build wrote it
                    results.append((name, job.previous[name], 0))
                    continue
                digest = _digest(data)
                changed = _write(job.out, name, data, digest, job.previous.get(name))
                results.append((name, digest, changed))
    return results


def _search_files(job: _Job) -> list[tuple[str, bytes | None]]:
    sources = [
        Source(
            entry.document.path,
            job.digests[entry.document.path][1],  # the whole file's
            partial(search_document, kind, entry),
        )
        for kind, entry in searched_entries(job.model)
    ]
    return search_files(sources, job.out, job.previous, _digest, job.salt)


def _render_page(job: _Job, spec: PageSpec) -> Iterator[tuple[str, bytes]]:
    context = spec.context(job.model)
    for language, name in _page_files(spec, job.languages):
        yield name, job.renderer.render(language, spec.template, context).encode()
    if spec.api is not None and (data := machine_file(job.model, spec.api)) is not None:
        yield spec.api, data


def _page_files(spec: PageSpec, languages: Sequence[str]) -> Iterator[tuple[str, str]]:
    """Each language and the file its version of the page is written to."""
    for language in languages:
        yield language, file_for(url(spec.path, language))


def _spec_files(spec: PageSpec, languages: Sequence[str]) -> Iterator[str]:
    """Every file written from ``spec``: its page in each language, and its record's JSON."""
    for _, name in _page_files(spec, languages):
        yield name
    if spec.api is not None:
        yield spec.api


def _digest(data: bytes) -> str:
    """A file's digest in the manifest: the reader's content digest, so that a record's
    source file in the site is known to be the same as the ledger's without reading it."""
    return content_digest(data).hex()


def _write(out: Path, name: str, data: bytes, digest: str, previous: str | None) -> int:
    """Write ``data`` to ``out/name`` unless the last build wrote these bytes there and the
    file is still there with their size; 1 if written."""
    target = os.path.join(out, name)
    if previous == digest:
        try:
            if os.stat(target).st_size == len(data):
                return 0
        except OSError:
            pass
    folder = os.path.dirname(target)
    if previous is None:  # a new file: nobody can be reading it yet
        try:
            handle = open(target, "wb")  # noqa: SIM115 - closed below
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
            handle = open(target, "wb")  # noqa: SIM115 - closed below
        with handle:
            handle.write(data)
        return 1
    os.makedirs(folder, exist_ok=True)
    temporary = os.path.join(folder, f".{os.path.basename(target)}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, target)  # readers of the old file never see half a new one
    return 1


def _remove_stale(out: Path, previous: Iterable[str], produced: dict[str, str]) -> int:
    removed = 0
    stale = sorted(set(previous) - produced.keys())
    for name in stale:
        target = out / name
        if target.is_file():
            target.unlink()
            removed += 1
    for folder in sorted({(out / name).parent for name in stale}, key=lambda p: -len(p.parts)):
        if folder != out and folder.is_dir() and not any(folder.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)
    return removed
