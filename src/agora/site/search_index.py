"""The static site's search index: every record as sharded JSON that ``search.js`` queries.

The index is an inverted index split by the first characters of each term, so a query
fetches only the shards of its own words (a few kilobytes each on a ledger of 100,000
events) and the page of records its best results sit in. A small index is split by each
term's first character (a few dozen files), a large one by its first two. It is made from
the site model rather than from the rendered pages: building it costs about as much as
reading the text once, and both languages share it (record text is the same; only paths
differ).

Files, under ``search/``:

- ``meta.json``: format version, document count, chunk size, how many characters make a
  shard key (``key``), the shard keys that exist;
- ``terms/<key>.json``: ``{term: [doc, weight, doc, weight, ...]}``, docs delta-encoded;
- ``docs/<n>.json``: ``[[path, kind, title, date, excerpt], ...]`` for documents
  ``n × chunk`` onward.

Terms are NFKC-normalised, lower-cased runs of letters and digits (the same rule as the
script's); a term's weight in a document adds 4 per occurrence in the title, 2 in tags,
aliases and id, 1 in the text. A shard key is the first one or two characters of the term
as hex code points joined by ``-``, so file names stay ASCII in every script.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from operator import sub

from agora.site.searchable import SearchDocument

__all__ = [
    "CHUNK",
    "FORMAT",
    "chunk_file",
    "dump",
    "encode",
    "encode_index",
    "index_files",
    "key_length",
    "meta",
    "row",
    "shard_file",
    "shard_key",
    "terms",
    "weights",
]

FORMAT = 2
"""The index layout version; ``search.js`` refuses any other."""
CHUNK = 100
"""Rows per ``docs/<n>.json`` file."""
_SMALL = 150_000
"""Up to this many postings (about a megabyte of index), shard keys are one character long:
a few dozen shards of tens of kilobytes rather than hundreds of tiny files."""
_TITLE, _KEYWORD, _TEXT = 4, 2, 1
_MAX_WEIGHT = 255
_TOKEN = re.compile(r"[^\W_]+")
_LONG_ENOUGH = re.compile(r"[^\W_]{2,}")
_STOP_WORDS_TEXT = (
    "a an and are as at be but by for from has have in is it its of on or that the this "
    "to was were which will with"
)
_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
"""English words so common that their postings would outweigh the rest of the index."""


def terms(text: str) -> list[str]:
    """The index terms of ``text``, in order, with repeats."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return [
        token
        for token in _TOKEN.findall(folded)
        if len(token) > 1 and len(token) <= 40 and token not in _STOP_WORDS
    ]


def _term_counts(text: str) -> Counter[str]:
    """How often each of :func:`terms` occurs in ``text`` (counted in C, filtered once per
    distinct word rather than once per word)."""
    counts = Counter(_LONG_ENOUGH.findall(unicodedata.normalize("NFKC", text).lower()))
    for word in [word for word in counts if len(word) > 40 or word in _STOP_WORDS]:
        del counts[word]
    return counts


def shard_key(term: str, length: int = 2) -> str:
    """The shard a term lives in, when keys are ``length`` characters long."""
    return "-".join(f"{ord(character):x}" for character in term[:length])


def index_files(documents: Iterable[SearchDocument]) -> Iterator[tuple[str, bytes]]:
    """The files of the index for ``documents`` (in their order, which fixes doc numbers)."""
    rows: list[list[str]] = []
    postings: dict[str, dict[int, int]] = defaultdict(dict)
    for number, document in enumerate(documents):
        rows.append(row(document))
        for term, weight in weights(document).items():
            postings[term][number] = weight
    yield from encode_index(rows, postings, key_length(sum(map(len, postings.values()))))


def row(document: SearchDocument) -> list[str]:
    """What a result shows of ``document``: its line in ``docs/<n>.json``."""
    return [document.path, document.kind.value, document.title, document.date, document.excerpt]


def weights(document: SearchDocument) -> dict[str, int]:
    """Each term of ``document`` and its weight there."""
    found = _term_counts(document.text)
    for weight, text in ((_TITLE, document.title), (_KEYWORD, document.keywords)):
        for term, count in _term_counts(text).items():
            found[term] += weight * count
    return {term: min(weight, _MAX_WEIGHT) for term, weight in found.items()}


def key_length(postings: int) -> int:
    """How many characters of a term name its shard, in an index of ``postings`` postings."""
    return 1 if postings <= _SMALL else 2


def encode_index(
    rows: list[list[str]], postings: dict[str, dict[int, int]], length: int
) -> Iterator[tuple[str, bytes]]:
    """The files of an index of ``rows`` (by doc number) and ``postings`` (term → doc →
    weight), with shard keys ``length`` characters long."""
    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for term in sorted(postings):
        shards[shard_key(term, length)][term] = encode(postings[term])
    yield "search/meta.json", meta(len(rows), length, shards)
    for key, shard in sorted(shards.items()):
        yield shard_file(key), dump(shard)
    for start in range(0, len(rows), CHUNK):
        yield chunk_file(start // CHUNK), dump(rows[start : start + CHUNK])


def meta(documents: int, length: int, shards: Iterable[str]) -> bytes:
    """``search/meta.json`` of an index of ``documents`` with these shard keys."""
    head = {"format": FORMAT, "documents": documents, "chunk": CHUNK, "key": length}
    return dump({**head, "shards": sorted(shards)})


def shard_file(key: str) -> str:
    """Where the shard with ``key`` lives."""
    return f"search/terms/{key}.json"


def chunk_file(number: int) -> str:
    """Where the rows of documents ``number × CHUNK`` onward live."""
    return f"search/docs/{number}.json"


def encode(found: Mapping[int, int]) -> list[int]:
    """``[doc, weight, ...]`` with each doc number stored as the gap from the previous."""
    numbers = sorted(found)
    flat = [0] * (2 * len(numbers))
    flat[::2] = map(sub, numbers, [0, *numbers])  # in C: a term may be in every document
    flat[1::2] = map(found.__getitem__, numbers)
    return flat


def dump(data: object) -> bytes:
    """``data`` as the index's compact JSON."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
