"""The ledger: every validated record with its document, indexed by kind and id."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Generic, TypeVar

from agora.models.actor import Actor, Group
from agora.models.controversy import Controversy, parse_claim
from agora.models.document import Document
from agora.models.event import Event
from agora.models.kinds import CLAIM_KINDS, Kind
from agora.models.lifecycle import Challenge, Memo, Resolution, Revision
from agora.models.post import Perspective, Post
from agora.models.records import Record
from agora.models.synthesis import Synthesis
from agora.models.thread import Thread
from agora.models.validation import Validated, validate_document

__all__ = ["Entry", "Ledger", "build_ledger", "positions"]

R = TypeVar("R", bound=Record)


@dataclass(frozen=True, slots=True)
class Entry(Generic[R]):
    """A record together with the document it was read from."""

    record: R
    document: Document

    @property
    def id(self) -> str:
        """The record's id."""
        return self.record.id

    @property
    def path(self) -> str:
        """The document's path relative to the ledger root."""
        return self.document.path


class Ledger:
    """All records of one ledger.

    ``validated`` keeps every document's validation outcome (records that failed included),
    so checks can report schema errors and still know which ids exist.
    """

    def __init__(self, validated: Iterable[Validated]) -> None:
        self.validated: tuple[Validated, ...] = tuple(
            sorted(validated, key=lambda item: item.document.path)
        )
        entries: dict[Kind, list[Entry[Any]]] = {kind: [] for kind in Kind}
        known: dict[Kind, set[str]] = {kind: set() for kind in Kind}
        for item in self.validated:
            kind = item.document.kind
            if item.record is not None:
                entries[kind].append(Entry(item.record, item.document))
            raw_id = item.document.raw_id
            if raw_id is not None:
                known[kind].add(raw_id)
        self._entries = {kind: tuple(items) for kind, items in entries.items()}
        self._known = {kind: frozenset(ids) for kind, ids in known.items()}
        self._by_id: dict[Kind, dict[str, Entry[Any]]] = {}
        for kind, items in self._entries.items():
            index: dict[str, Entry[Any]] = {}
            for entry in items:
                index.setdefault(entry.id, entry)
            self._by_id[kind] = index

    def with_documents(self, documents: Iterable[Document]) -> Ledger:
        """This ledger with each of ``documents`` in place of the document at its path.

        Each replaces a document of the same kind and the same front matter (``data``), so
        it keeps that document's validation and record: only its body, and how its front
        matter is written, may differ. Entries of unchanged documents stay the same
        objects.

        Raises:
            ValueError: a document's path is not in this ledger, or its kind or front
                matter differs from the document it would replace.
        """
        validated = list(self.validated)
        swapped: dict[int, Document] = {}
        for document in documents:
            at = self._at(document.path)
            if at is None:
                raise ValueError(f"{document.path}: not a document of this ledger")
            was = validated[at]
            if was.document.kind is not document.kind or was.document.data != document.data:
                raise ValueError(f"{document.path}: its front matter changed")
            validated[at] = Validated(document, was.record, was.errors)
            swapped[id(was.document)] = document
        ledger = Ledger(())
        ledger.validated = tuple(validated)
        ledger._known = self._known
        ledger._entries = dict(self._entries)
        ledger._by_id = dict(self._by_id)
        for kind in {document.kind for document in swapped.values()}:
            items = self._entries[kind]
            fresh = list(items)
            index = dict(self._by_id[kind])
            for at in positions(map(id, map(_DOCUMENT, items)), swapped):
                before = items[at]
                fresh[at] = Entry(before.record, swapped[id(before.document)])
                if index.get(before.id) is before:
                    index[before.id] = fresh[at]
            ledger._entries[kind], ledger._by_id[kind] = tuple(fresh), index
        return ledger

    def document(self, path: str) -> Document | None:
        """The document read from ``path``, valid or not."""
        at = self._at(path)
        return None if at is None else self.validated[at].document

    def _at(self, path: str) -> int | None:
        """Where the document read from ``path`` is in :attr:`validated` (sorted by path)."""
        at = bisect_left(self.validated, path, key=lambda item: item.document.path)
        found = at < len(self.validated) and self.validated[at].document.path == path
        return at if found else None

    def entries(self, kind: Kind) -> tuple[Entry[Any], ...]:
        """Valid records of ``kind`` in path order."""
        return self._entries[kind]

    def get(self, kind: Kind, record_id: str) -> Entry[Any] | None:
        """The first valid record of ``kind`` with ``record_id``."""
        return self._by_id[kind].get(record_id)

    def has(self, kind: Kind, record_id: str) -> bool:
        """Whether any file of ``kind`` declares ``record_id``, valid or not."""
        return record_id in self._known[kind]

    def ids(self, kind: Kind) -> frozenset[str]:
        """Every id declared by a file of ``kind``, valid or not."""
        return self._known[kind]

    def find(self, record_id: str) -> Iterator[Entry[Any]]:
        """Every valid record of any kind whose id is ``record_id``."""
        for kind in Kind:
            entry = self._by_id[kind].get(record_id)
            if entry is not None:
                yield entry

    def resolve_claim(self, ref: str) -> Entry[Any] | None:
        """The record a claim reference names, or None.

        A claim is an event, synthesis, thread or controversy id, or a position written
        ``<controversy-id>#<position id or letter>`` (the record returned is then the
        controversy, and only if the position exists).
        """
        parsed = parse_claim(ref)
        if parsed is None:
            return None
        record_id, position = parsed
        if position is not None:
            entry = self.get(Kind.CONTROVERSY, record_id)
            if entry is None or entry.record.find_position(position) is None:
                return None
            return entry
        for kind in CLAIM_KINDS:
            entry = self.get(kind, record_id)
            if entry is not None:
                return entry
        return None

    def __len__(self) -> int:
        return sum(len(items) for items in self._entries.values())

    @property
    def documents(self) -> tuple[Document, ...]:
        """Every document read, valid or not, in path order."""
        return tuple(item.document for item in self.validated)

    @property
    def events(self) -> tuple[Entry[Event], ...]:
        """Valid events."""
        return self._entries[Kind.EVENT]

    @property
    def threads(self) -> tuple[Entry[Thread], ...]:
        """Valid threads."""
        return self._entries[Kind.THREAD]

    @property
    def controversies(self) -> tuple[Entry[Controversy], ...]:
        """Valid controversies."""
        return self._entries[Kind.CONTROVERSY]

    @property
    def actors(self) -> tuple[Entry[Actor], ...]:
        """Valid actors."""
        return self._entries[Kind.ACTOR]

    @property
    def groups(self) -> tuple[Entry[Group], ...]:
        """Valid group labels."""
        return self._entries[Kind.GROUP]

    @property
    def challenges(self) -> tuple[Entry[Challenge], ...]:
        """Valid challenge cases."""
        return self._entries[Kind.CHALLENGE]

    @property
    def resolutions(self) -> tuple[Entry[Resolution], ...]:
        """Valid resolution notes."""
        return self._entries[Kind.RESOLUTION]

    @property
    def revisions(self) -> tuple[Entry[Revision], ...]:
        """Valid summary revisions."""
        return self._entries[Kind.REVISION]

    @property
    def memos(self) -> tuple[Entry[Memo], ...]:
        """Valid interpretive memos."""
        return self._entries[Kind.MEMO]

    @property
    def syntheses(self) -> tuple[Entry[Synthesis], ...]:
        """Valid syntheses."""
        return self._entries[Kind.SYNTHESIS]

    @property
    def perspectives(self) -> tuple[Entry[Perspective], ...]:
        """Valid perspectives."""
        return self._entries[Kind.PERSPECTIVE]

    @property
    def posts(self) -> tuple[Entry[Post], ...]:
        """Valid posts."""
        return self._entries[Kind.POST]

    def counts(self) -> Mapping[Kind, int]:
        """Number of valid records per kind."""
        return {kind: len(items) for kind, items in self._entries.items()}


_DOCUMENT = attrgetter("document")


def positions(keys: Iterable[int], wanted: Collection[int]) -> list[int]:
    """Where in ``keys`` (object ids, say) each of the few ``wanted`` is, in order: the
    search runs in C, so a list of 100,000 costs about a millisecond."""
    found = list(keys)
    at = []
    for key in wanted:
        start = 0
        while True:
            try:
                start = found.index(key, start)
            except ValueError:
                break
            at.append(start)
            start += 1
    return sorted(at)


def build_ledger(documents: Iterable[Document], previous: Ledger | None = None) -> Ledger:
    """Validate every document and assemble the :class:`Ledger`.

    A document that ``previous`` holds, the very same object (a reader that remembers
    what it read hands back unchanged files so), keeps the validation it had there.
    """
    if previous is None:
        return Ledger(validate_document(document) for document in documents)
    # By identity: every object ``previous`` holds is alive, so no other can share its id.
    known = {id(item.document): item for item in previous.validated}
    return Ledger(known.get(id(document)) or validate_document(document) for document in documents)
