"""The static search index, made whole or updated in place from the last build's.

Beside the index, the build keeps what it was made from (``.agora-search`` in the site
folder): each document's name and digest, how many postings it has and which shards its
terms are in. A later build of the same documents in the same order, a few of them changed,
reads only the shards and rows those few touch and returns every other file as kept. Any
other change (a document added or removed, shard keys growing a character, an index file
missing or not what the state says) makes the index whole again, and so does a damaged
state. Both ways give the same bytes as :func:`agora.site.search_index.index_files`.

The state is a line of JSON (documents, shard names, the files' digests) and then each
document's shard numbers, packed as 16-bit integers (32-bit past 65,535 shards); it holds
no code to run.
"""

from __future__ import annotations

import json
import os
import re
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from agora.site.search_index import (
    CHUNK,
    chunk_file,
    dump,
    encode,
    encode_index,
    key_length,
    meta,
    row,
    shard_file,
    shard_key,
    weights,
)
from agora.site.searchable import SearchDocument

__all__ = ["STATE", "Source", "search_files"]

STATE = ".agora-search"
_FORMAT = 1
_SHORT = 65_535
"""Up to this many shards, the state stores shard numbers in 16 bits."""
_MOST_CHANGED = 0.05
"""Beyond this share of documents changed, making the index whole costs about as much."""

Made = tuple[str, bytes | None]
"""A file of the index and its bytes, or None when the last build's file stays as it is."""


@dataclass(frozen=True, slots=True)
class Source:
    """A document to index: a name that stays with it, a digest of everything it is made
    from, and how to make it."""

    name: str
    digest: str
    make: Callable[[], SearchDocument]


@dataclass(frozen=True, slots=True)
class _State:
    salt: str
    """What else the index was made with (Agora's code): another salt, another index."""
    length: int
    names: list[str]
    digests: list[str]
    counts: list[int]
    """Postings per document."""
    shard_names: list[str]
    """Every shard key by number (added at the end, never reordered)."""
    shards: list[array[int]]
    """Per document, the numbers of the shards its terms are in."""
    files: dict[str, str]
    """Every file of the index → the digest of its bytes."""


def search_files(
    sources: Sequence[Source],
    out: Path,
    previous: Mapping[str, str],
    digest: Callable[[bytes], str],
    salt: str,
) -> list[Made]:
    """The index of ``sources``, updated from the one in ``out`` when it can be.

    ``previous`` maps each file the last build wrote to the digest (by ``digest``) of its
    bytes; ``salt`` stands for everything else the index is made with. The new state is
    written to ``out`` (before the files: it names them with their digests, so a build that
    stops before writing them leaves a state the next build does not trust)."""
    state = _read_state(out)
    made = None
    if state is not None and _matches(state, sources, out, previous, salt):
        made = _update(state, sources, out, previous, digest)
    if made is None:
        made = _whole(sources, digest, salt)
    files, new = made
    if new is not state:
        _write_state(out, new)
    return files


def _matches(
    state: _State,
    sources: Sequence[Source],
    out: Path,
    previous: Mapping[str, str],
    salt: str,
) -> bool:
    """Whether ``state`` describes the index the last build left in ``out``, of the same
    documents in the same order, made the same way."""
    return (
        state.salt == salt
        and state.names == [source.name for source in sources]
        and all(previous.get(name) == found for name, found in state.files.items())
        and all(os.path.isfile(out / name) for name in state.files)
    )


def _whole(
    sources: Sequence[Source], digest: Callable[[bytes], str], salt: str
) -> tuple[list[Made], _State]:
    rows: list[list[str]] = []
    postings: dict[str, dict[int, int]] = defaultdict(dict)
    prefixes: dict[str, int] = {}  # a term's first two characters → a number
    per_document: list[array[int]] = []  # a set of 80 numbers takes ten times the bytes
    counts = []
    for number, source in enumerate(sources):
        document = source.make()
        rows.append(row(document))
        found = weights(document)
        for term, weight in found.items():
            postings[term][number] = weight
        numbers = {prefixes.setdefault(term[:2], len(prefixes)) for term in found}
        per_document.append(array("I", numbers))
        counts.append(len(found))
    length = key_length(sum(counts))
    files = list(encode_index(rows, postings, length))
    shard_names: list[str] = []
    number_of: dict[str, int] = {}
    # A prefix's number → its shard's.
    by_prefix = [_numbered(shard_key(p, length), number_of, shard_names) for p in prefixes]
    shards = [array("I", sorted({by_prefix[p] for p in found})) for found in per_document]
    state = _State(
        salt,
        length,
        [source.name for source in sources],
        [source.digest for source in sources],
        counts,
        shard_names,
        shards,
        {name: digest(data) for name, data in files},
    )
    made: list[Made] = list(files)
    return made, state


def _update(
    state: _State,
    sources: Sequence[Source],
    out: Path,
    previous: Mapping[str, str],
    digest: Callable[[bytes], str],
) -> tuple[list[Made], _State] | None:
    """The index with the changed documents indexed again, or None when it must be made
    whole."""
    changed = [n for n, source in enumerate(sources) if source.digest != state.digests[n]]
    gone = set(changed)  # documents whose old postings leave
    if not changed:
        return [(name, None) for name in state.files], state
    if len(changed) > max(1, len(sources) * _MOST_CHANGED):
        return None
    documents = {n: sources[n].make() for n in changed}
    found = {n: weights(document) for n, document in documents.items()}
    counts = list(state.counts)
    for n in changed:
        counts[n] = len(found[n])
    if key_length(sum(counts)) != state.length:
        return None

    def read(name: str) -> bytes | None:
        """The last build's file, if it is still what that build wrote."""
        try:
            data = (out / name).read_bytes()
        except OSError:
            return None
        return data if digest(data) == previous.get(name) else None

    shard_names = list(state.shard_names)
    number_of = {key: number for number, key in enumerate(shard_names)}
    # Per shard the changed documents touch: its terms' new postings from them.
    touched: dict[str, dict[str, dict[int, int]]] = {}
    shards = list(state.shards)
    for n in changed:
        for number in state.shards[n]:
            touched.setdefault(shard_names[number], {})
        numbers = set()
        for term, weight in found[n].items():
            key = shard_key(term, state.length)
            touched.setdefault(key, {}).setdefault(term, {})[n] = weight
            numbers.add(_numbered(key, number_of, shard_names))
        shards[n] = array("I", sorted(numbers))
    files: dict[str, bytes | None] = dict.fromkeys(state.files)
    for key, added in touched.items():
        name = shard_file(key)
        entries: dict[str, bytes] = {}
        if name in state.files:
            data = read(name)
            if data is None:
                return None
            edited = _edited(data, gone, added)
            if edited is None:
                return None
            entries = edited
        for term, postings in added.items():
            if term not in entries:
                entries[term] = _entry(term.encode(), ",".join(map(str, encode(postings))).encode())
        if entries:
            body = b",".join(entries[term] for term in sorted(entries))
            files[name] = b"{" + body + b"}"
        else:
            files.pop(name, None)
    for chunk in sorted({n // CHUNK for n in changed}):
        name = chunk_file(chunk)
        data = read(name)
        if data is None:
            return None
        rows = json.loads(data)
        for n in changed:
            if n // CHUNK == chunk:
                rows[n - chunk * CHUNK] = row(documents[n])
        files[name] = dump(rows)
    present = [key for key in shard_names if shard_file(key) in files]
    if present != [key for key in state.shard_names if shard_file(key) in state.files]:
        files["search/meta.json"] = meta(len(sources), state.length, present)
    digests = list(state.digests)
    for n in changed:
        digests[n] = sources[n].digest
    new = _State(
        state.salt,
        state.length,
        state.names,
        digests,
        counts,
        shard_names,
        shards,
        {name: state.files[name] if data is None else digest(data) for name, data in files.items()},
    )
    return list(files.items()), new


_ENTRY = re.compile(rb'"([^"\\]*)":\[([0-9,]*)\]')
"""One term of a shard as :func:`~agora.site.search_index.dump` writes it (terms are runs of
letters and digits: JSON never escapes them)."""


def _edited(
    data: bytes, gone: set[int], added: Mapping[str, Mapping[int, int]]
) -> dict[str, bytes] | None:
    """The entries of the shard ``data`` (each term's ``"term":[...]`` text, by term) with
    the documents in ``gone`` taken out of every term and the postings ``added`` (term →
    document → weight) put in; None when the shard is not what the index writes.

    Only the terms a changed document is in are written again: every other entry is kept
    as the bytes it was, where loading and dumping the whole shard cost seconds for the
    shards of common words at 100,000 documents."""
    shard = json.loads(data)
    matches = list(_ENTRY.finditer(data))
    if not isinstance(shard, dict) or len(matches) != len(shard):
        return None
    entries = {}
    for (term, flat), match in zip(shard.items(), matches, strict=True):
        if match.group(1) != term.encode():
            return None
        # Only a term with a changed document in it is edited (the sums run in C).
        if term not in added and gone.isdisjoint(accumulate(flat[::2])):
            entries[term] = match.group(0)
            continue
        postings = _Postings(list(accumulate(flat[::2])), match.group(2).split(b","))
        for number in gone:
            postings.remove(number)
        for number, weight in sorted(added.get(term, {}).items()):
            postings.insert(number, weight)
        if postings.numbers:
            entries[term] = _entry(match.group(1), postings.text())
    return entries


class _Postings:
    """One term's postings as the text of the numbers :func:`encode` gives, edited where
    documents leave or come: a common word is in most documents, and writing hundreds of
    thousands of numbers as text again costs more than all the rest of an update."""

    def __init__(self, numbers: list[int], tokens: list[bytes]) -> None:
        self.numbers = numbers
        """The documents, in order."""
        self._gaps = tokens[0::2]
        self._weights = tokens[1::2]

    def remove(self, number: int) -> None:
        at = bisect_left(self.numbers, number)
        if at == len(self.numbers) or self.numbers[at] != number:
            return
        del self.numbers[at], self._gaps[at], self._weights[at]
        self._gap(at)

    def insert(self, number: int, weight: int) -> None:
        at = bisect_left(self.numbers, number)
        self.numbers.insert(at, number)
        self._gaps.insert(at, b"")
        self._weights.insert(at, b"%d" % weight)
        self._gap(at)
        self._gap(at + 1)

    def _gap(self, at: int) -> None:
        if at < len(self.numbers):
            self._gaps[at] = b"%d" % (self.numbers[at] - (self.numbers[at - 1] if at else 0))

    def text(self) -> bytes:
        tokens = [b""] * (2 * len(self.numbers))
        tokens[0::2] = self._gaps
        tokens[1::2] = self._weights
        return b",".join(tokens)


def _entry(term: bytes, numbers: bytes) -> bytes:
    """A term's entry in its shard (``numbers``: its postings as comma-separated text), as
    :func:`~agora.site.search_index.dump` writes it: a term is letters and digits, which
    JSON never escapes."""
    return b'"%s":[%s]' % (term, numbers)


def _numbered(key: str, number_of: dict[str, int], shard_names: list[str]) -> int:
    """The number of the shard ``key``, given the next one if it has none yet."""
    if key not in number_of:
        number_of[key] = len(shard_names)
        shard_names.append(key)
    return number_of[key]


def _write_state(out: Path, state: _State) -> None:
    packed = array("H" if len(state.shard_names) <= _SHORT else "I")
    for numbers in state.shards:
        packed.extend(numbers.tolist())
    head = {
        "format": _FORMAT,
        "salt": state.salt,
        "typecode": packed.typecode,
        "length": state.length,
        "names": state.names,
        "digests": state.digests,
        "counts": state.counts,
        "shard_names": state.shard_names,
        "sizes": [len(numbers) for numbers in state.shards],
        "files": state.files,
    }
    temporary = out / f"{STATE}.tmp"
    with open(temporary, "wb") as handle:
        handle.write(json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode())
        handle.write(b"\n")
        handle.write(packed.tobytes())
    os.replace(temporary, out / STATE)


def _read_state(out: Path) -> _State | None:
    """The state in ``out``; None when there is none or it cannot be trusted."""
    try:
        data = (out / STATE).read_bytes()
        line, _, rest = data.partition(b"\n")
        head = json.loads(line)
        if not isinstance(head, dict) or head.get("format") != _FORMAT:
            return None
        packed = array(head["typecode"])
        packed.frombytes(rest)
        sizes, names = head["sizes"], head["names"]
        columns = (head["digests"], head["counts"], sizes)
        if any(len(column) != len(names) for column in columns) or sum(sizes) != len(packed):
            return None
        if packed and max(packed) >= len(head["shard_names"]):
            return None
        shards, start = [], 0
        for size in sizes:
            shards.append(array("I", packed[start : start + size]))
            start += size
        return _State(
            head["salt"],
            head["length"],
            head["names"],
            head["digests"],
            head["counts"],
            head["shard_names"],
            shards,
            head["files"],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
