"""The static build: every page in every language, feeds, JSON, assets, written to a folder.

Deterministic: two builds of the same content write the same bytes. Only files whose bytes
changed are rewritten, and files an earlier build wrote that are no longer produced are
removed (the build keeps a manifest of what it wrote; it never removes anything else).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from agora.errors import TargetExistsError
from agora.site import feeds, machine
from agora.site.model import SiteModel
from agora.site.pages import site_pages
from agora.site.render import Renderer
from agora.site.urls import LANGUAGES, file_for, url

__all__ = ["BuildReport", "build_site", "index_search", "site_files"]

_MANIFEST = ".agora-build.json"


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did."""

    pages: int
    files: int
    written: int
    removed: int


def build_site(
    model: SiteModel,
    out: Path,
    *,
    base_url: str,
    languages: tuple[str, ...] = LANGUAGES,
    content_root: Path | None = None,
) -> BuildReport:
    """Write the site of ``model`` into ``out``.

    Raises:
        TargetExistsError: ``out`` holds files that no earlier build wrote.
    """
    previous = _previous_manifest(out)
    renderer = Renderer(languages)
    written = 0
    produced: list[str] = []
    pages = 0
    for name, data in _outputs(model, renderer, languages, content_root, base_url):
        produced.append(name)
        pages += name.endswith(".html")
        written += _write(out / name, data)
    removed = _remove_stale(out, previous, set(produced))
    _write(out / _MANIFEST, json.dumps(sorted(produced), indent=0).encode())
    if written or removed or not (out / "pagefind").is_dir():
        index_search(out)
    return BuildReport(pages, len(produced), written, removed)


def index_search(out: Path) -> None:
    """Index the built pages for static search (Pagefind writes ``out/pagefind/``).

    Pages mark what is searchable with ``data-pagefind-body``; each language gets its own
    index from the pages' ``lang``. The index is rebuilt whole: Pagefind is fast, and its
    output is the same for the same pages.
    """
    shutil.rmtree(out / "pagefind", ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(out), "--silent"],
        check=True,
        capture_output=True,
    )
    _sort_entry(out / "pagefind" / "pagefind-entry.json")


def _sort_entry(entry: Path) -> None:
    """Pagefind lists languages in hash-map order; sort them so builds are byte-identical."""
    data = json.loads(entry.read_text("utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _outputs(
    model: SiteModel,
    renderer: Renderer,
    languages: tuple[str, ...],
    content_root: Path | None,
    base_url: str,
) -> Iterator[tuple[str, bytes]]:
    specs = list(site_pages(model))
    for spec in specs:
        context = spec.context()
        for language in languages:
            html = renderer.render(language, spec.template, context)
            yield file_for(url(spec.path, language)), html.encode()
    yield from site_files(model, base_url, languages, [spec.path for spec in specs], content_root)


def site_files(
    model: SiteModel,
    base_url: str,
    languages: tuple[str, ...],
    paths: list[str],
    content_root: Path | None,
) -> Iterator[tuple[str, bytes]]:
    """Every file of the site that is not a page: assets, feeds, JSON, sitemaps, sources."""
    yield from _assets()
    yield from feeds.feed_files(model, base_url)
    yield from machine.machine_files(model, paths, languages, base_url)
    if content_root is not None:
        yield from _sources(model, content_root)


def _assets() -> Iterator[tuple[str, bytes]]:
    folder = resources.files("agora.site") / "static"
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.is_file() and not item.name.startswith("."):
            yield f"static/{item.name}", item.read_bytes()


def _sources(model: SiteModel, root: Path) -> Iterator[tuple[str, bytes]]:
    """Each record's source file, as it is in the ledger, for the 'view source' links."""
    for document in model.ledger.documents:
        try:
            yield f"source/{document.path}", (root / document.path).read_bytes()
        except OSError:
            continue


def _write(target: Path, data: bytes) -> int:
    """Write ``data`` unless ``target`` already holds exactly it; 1 if written."""
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return 0
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)
    return 1


def _previous_manifest(out: Path) -> set[str]:
    manifest = out / _MANIFEST
    if manifest.is_file():
        try:
            return set(json.loads(manifest.read_text("utf-8")))
        except (OSError, ValueError):
            return set()
    if out.exists() and any(out.iterdir()):
        raise TargetExistsError(
            f"{out} holds files that no Agora build wrote",
            hint="Build into a new or empty folder; later builds update it in place.",
        )
    return set()


def _remove_stale(out: Path, previous: Iterable[str], produced: set[str]) -> int:
    removed = 0
    for name in sorted(set(previous) - produced):
        target = out / name
        if target.is_file():
            target.unlink()
            removed += 1
    for folder in sorted({(out / name).parent for name in previous}, key=lambda p: -len(p.parts)):
        if folder != out and folder.is_dir() and not any(folder.iterdir()):
            shutil.rmtree(folder, ignore_errors=True)
    return removed
