"""What each output of a static build is made from, and which of the last build's files
can stay.

Every page has a key (:func:`page_keys`): all front matter, which any page may show, and
for a record's page its own whole file and last commit. Feeds have keys of their own
(:func:`feed_keys`); the API's indexes and the sitemaps show front matter only and share
the key of all of it; a record's source file stays while its content digest is the one
the manifest has for the copy. :func:`plan_rebuild` compares all of them with the last build's
manifest.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from agora.models import Document
from agora.site.feeds import FEED_FORMATS, feed_events, feed_stems
from agora.site.files import source_file
from agora.site.machine import is_index_file
from agora.site.manifest import Manifest
from agora.site.model import SiteModel
from agora.site.pages import PageSpec
from agora.site.presence import presence

__all__ = [
    "INDEXES",
    "Plan",
    "document_digests",
    "feed_keys",
    "page_keys",
    "plan_rebuild",
    "shared_key",
]

INDEXES = "api+sitemaps"
"""Where the manifest keeps the key the API's indexes and sitemaps were made from (a
page's path starts with "/" and a feed's stem with "feeds/")."""


def document_digests(documents: Sequence[Document]) -> dict[str, tuple[bytes, str]]:
    """Per document (by path), a digest of its path and front matter, and one of all of it."""
    digests = {}
    for document in documents:
        front = hashlib.blake2b(
            pickle.dumps((document.path, document.data), protocol=5), digest_size=16
        ).digest()
        whole = hashlib.blake2b(front, digest_size=16)
        whole.update(document.body.encode("utf-8", "surrogatepass"))
        digests[document.path] = front, whole.hexdigest()
    return digests


def shared_key(salt: str, digests: Mapping[str, tuple[bytes, str]]) -> str:
    """The part of every key that covers all front matter (of ``digests``, the documents'
    :func:`document_digests`) and ``salt``: everything else a page is made from
    (templates, code, settings)."""
    fronts = hashlib.blake2b(salt.encode(), digest_size=16)
    fronts.update(b"".join(front for front, _ in digests.values()))
    return fronts.hexdigest()


def page_keys(
    model: SiteModel,
    specs: Sequence[PageSpec],
    shared: str,
    digests: Mapping[str, tuple[bytes, str]],
) -> list[str]:
    """A key per page that changes whenever what the page shows may have changed ('' for a
    page that is always rendered).

    Every page may show any record's front matter (titles, dates, links, positions), so
    every key starts from ``shared`` (:func:`shared_key`; lifecycle records and status are
    made of front matter too); a record page's key also covers its own document in full
    and the last commit that touched it.
    """
    keys = []
    for spec in specs:
        if spec.reads_bodies:
            keys.append("")
            continue
        found = digests.get(spec.source) if spec.source else None
        if found is None:
            keys.append(shared)
            continue
        commits = model.commits.get(spec.source or "", ())
        last = commits[-1].sha if commits else ""
        own = f"{shared}{found[1]}\0{last}".encode()
        keys.append(hashlib.blake2b(own, digest_size=16).hexdigest())
    return keys


def feed_keys(
    model: SiteModel, shared: str, digests: Mapping[str, tuple[bytes, str]]
) -> dict[str, str]:
    """A key per feed, by its stem: ``shared`` (which events it lists, in which order, and
    their titles and dates are front matter) and the whole file of each event it lists (its
    summary is body text)."""
    keys = {}
    for stem in feed_stems(model):
        events = feed_events(model, stem) or []
        listed = "".join(digests[entry.document.path][1] for entry in events)
        keys[stem] = hashlib.blake2b(f"{shared}{listed}".encode(), digest_size=16).hexdigest()
    return keys


@dataclass(frozen=True, slots=True)
class Plan:
    """What a build keeps from the last one and what it makes again."""

    kept: dict[str, str]
    """The files kept as they are, with their digests."""
    pages: list[int]
    """The pages to render (their indexes in the build's specs)."""
    feeds: frozenset[str]
    """The feeds to make (by stem)."""
    indexes: bool
    """Whether to make the API's indexes and the sitemaps."""
    sources: tuple[str, ...]
    """The records (by path in the ledger) whose source file to copy into the site."""


def plan_rebuild(
    out: Path,
    previous: Manifest,
    pages: Sequence[tuple[list[str], str, str]],
    feeds: Mapping[str, str],
    shared: str,
    sources: Sequence[str],
    source_digests: Mapping[str, bytes],
    all_there: bool,
) -> Plan:
    """Which files of the last build in ``out`` (``previous``) can stay: each page's
    (``pages``: its files, path and key), each feed's (by stem, with its key), the API's
    indexes and sitemaps (made from ``shared``) and the source file of each record in
    ``sources`` that ``source_digests`` shows unchanged. Each must still be in ``out``,
    unless ``all_there`` says all are."""
    kept: dict[str, str] = {}
    stale: list[int] = []
    stale_feeds = set()
    stale_sources = []
    with presence(out) as looked_for:
        there = _anything if all_there else looked_for
        for index, (names, path, key) in enumerate(pages):
            found = _kept(there, names, key, previous.pages.get(path), previous)
            if found is None:
                stale.append(index)
            else:
                kept.update(found)
        for stem, key in feeds.items():
            names = [stem + suffix for suffix in FEED_FORMATS]
            found = _kept(there, names, key, previous.pages.get(stem), previous)
            if found is None:
                stale_feeds.add(stem)
            else:
                kept.update(found)
        names = [name for name in previous.files if is_index_file(name)]
        indexes = _kept(there, names, shared, previous.pages.get(INDEXES), previous)
        kept.update(indexes or {})
        for path in sources:
            name = source_file(path)
            content = source_digests.get(path)
            if content is not None and previous.files.get(name) == content.hex() and there(name):
                kept[name] = content.hex()
            else:
                stale_sources.append(path)
    return Plan(kept, stale, frozenset(stale_feeds), not indexes, tuple(stale_sources))


def _anything(name: str) -> bool:
    return True


def _kept(
    there: Callable[[str], bool],
    names: Sequence[str],
    key: str,
    previous_key: str | None,
    previous: Manifest,
) -> dict[str, str] | None:
    """The files at ``names``, made from ``key``, as the last build wrote them from the same
    key, if all are still there."""
    if not key or previous_key != key:
        return None
    kept = {}
    for name in names:
        digest = previous.files.get(name)
        if digest is None or not there(name):
            return None
        kept[name] = digest
    return kept
