"""The static search index: terms, shards, and queries answered from the written files."""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from agora.engine import build, load
from agora.models import Kind
from agora.scaffold import init_ledger
from agora.settings import Settings
from agora.site.search_index import index_files, shard_key, terms
from agora.site.search_update import STATE, Source, search_files
from agora.site.searchable import SearchDocument


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("search")
    ledger = root / "ledger"
    init_ledger(ledger)
    build(ledger, root / "site", Settings(no_cache=True, workers=1))
    return root / "site" / "search"


def _query(index: Path, query: str) -> list[list[str]]:
    """The documents the index ranks for ``query``, best first, as search.js ranks them."""
    meta = json.loads((index / "meta.json").read_text("utf-8"))
    words = terms(query)
    scores: dict[int, float] | None = None
    for position, word in enumerate(words):
        shard_file = index / "terms" / f"{shard_key(word, meta['key'])}.json"
        shard = json.loads(shard_file.read_text("utf-8")) if shard_file.exists() else {}
        found: dict[int, float] = {}
        for candidate, flat in shard.items():
            last = position == len(words) - 1
            if candidate != word and not (last and candidate.startswith(word)):
                continue
            idf = math.log(1 + meta["documents"] / (len(flat) / 2))
            doc = 0
            for gap, weight in zip(flat[::2], flat[1::2], strict=True):
                doc += gap
                found[doc] = max(found.get(doc, 0.0), idf * weight / (weight + 2))
        scores = (
            found if scores is None else {d: s + found[d] for d, s in scores.items() if d in found}
        )
    ranked = sorted((scores or {}).items(), key=lambda item: (-item[1], item[0]))
    rows = []
    for doc, _ in ranked:
        chunk = json.loads((index / "docs" / f"{doc // meta['chunk']}.json").read_text("utf-8"))
        rows.append(chunk[doc % meta["chunk"]])
    return rows


def test_terms_fold_width_and_case_and_drop_stop_words() -> None:
    assert terms("The Ｌｌａｍａ-2 release, of Meta's models") == [
        "llama",
        "release",
        "meta",
        "models",
    ]


def test_shard_keys_are_ascii_in_every_script() -> None:
    assert shard_key("model") == "6d-6f"
    assert shard_key("model", 1) == "6d"
    assert shard_key("모델").isascii()


def test_a_small_index_has_one_character_keys_and_a_large_one_two() -> None:
    def documents(count: int) -> list[SearchDocument]:
        return [
            SearchDocument(
                Kind.EVENT, f"e{n}", f"/events/e{n}/", f"Event {n}", "", f"w{n} x{n}", "2024-01-01"
            )
            for n in range(count)
        ]

    small = dict(index_files(documents(10)))
    large = dict(index_files(documents(80_000)))  # about 320,000 postings

    assert json.loads(small["search/meta.json"])["key"] == 1
    assert "search/terms/77.json" in small  # "w…" terms
    meta = json.loads(large["search/meta.json"])
    assert meta["key"] == 2
    assert all(len(key.split("-")) == 2 for key in meta["shards"])


def test_a_title_word_finds_its_record_first(index: Path) -> None:
    found = _query(index, "DeepSeek")

    assert found[0][0] == "/events/deepseek-r1-release/"
    assert found[0][1] == "event"


def test_every_word_must_match_and_the_last_is_a_prefix(index: Path) -> None:
    both = _query(index, "llama scou")

    assert [row[0] for row in both] == ["/events/meta-llama-4-release/"]
    assert _query(index, "llama zebra") == []


def test_every_record_of_every_kind_is_in_the_index(index: Path, tmp_path: Path) -> None:
    meta = json.loads((index / "meta.json").read_text("utf-8"))
    paths: set[str] = set()
    for number in range(-(-meta["documents"] // meta["chunk"])):
        rows = json.loads((index / "docs" / f"{number}.json").read_text("utf-8"))
        paths.update(row[0] for row in rows)
    _, ledger = load(index.parent.parent / "ledger", Settings(no_cache=True))

    expected = {f"/{kind.folder}/{entry.id}/" for kind in Kind for entry in ledger.entries(kind)}
    assert paths == expected
    assert meta["shards"] == sorted(p.stem for p in (index / "terms").iterdir())


def _document(number: int, text: str) -> SearchDocument:
    return SearchDocument(
        Kind.EVENT, f"e{number}", f"/events/e{number}/", f"Event {number}", "", text, "2024-01-01"
    )


class _Folder:
    """A site folder holding what ``search_files`` made, as the build writes it."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.digests: dict[str, str] = {}
        out.mkdir()

    def index(self, texts: list[str], salt: str = "s") -> dict[str, bytes | None]:
        sources = [
            Source(f"content/events/e{n}.md", _digest(text.encode()), _maker(n, text))
            for n, text in enumerate(texts)
        ]
        made = dict(search_files(sources, self.out, self.digests, _digest, salt))
        digests = {}
        for name, data in made.items():
            if data is None:
                digests[name] = self.digests[name]
                continue
            (self.out / name).parent.mkdir(parents=True, exist_ok=True)
            (self.out / name).write_bytes(data)
            digests[name] = _digest(data)
        for name in set(self.digests) - set(made):
            (self.out / name).unlink()
        self.digests = digests
        return made

    def files(self) -> dict[str, bytes]:
        return {name: (self.out / name).read_bytes() for name in self.digests}


def _maker(number: int, text: str) -> Callable[[], SearchDocument]:
    return lambda: _document(number, text)


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=12).hexdigest()


_TEXTS = [f"common words alpha{n % 7} beta{n % 3} 모델{n % 2}" for n in range(250)]


def test_an_index_updated_in_place_equals_one_made_whole(tmp_path: Path) -> None:
    folder = _Folder(tmp_path / "site")
    folder.index(_TEXTS)
    texts = list(_TEXTS)
    texts[5] = "common zebra quagga"  # new terms in new shards; its old ones leave
    texts[240] = "모델1 ending alpha3"  # in another chunk of rows

    made = folder.index(texts)

    whole = dict(index_files(_document(n, text) for n, text in enumerate(texts)))
    assert folder.files() == whole
    rewritten = sorted(name for name, data in made.items() if data is not None)
    assert "search/docs/0.json" in rewritten
    assert "search/docs/2.json" in rewritten
    assert "search/docs/1.json" not in rewritten  # no changed document's rows are there
    assert "search/terms/7a.json" in rewritten  # "zebra": a shard that is new
    assert "search/terms/33.json" not in rewritten  # "3…" (titles' numbers): not touched
    assert folder.index(texts) == dict.fromkeys(whole)  # nothing changed: every file kept


def test_rounds_of_random_edits_keep_the_updated_index_equal_to_one_made_whole(
    tmp_path: Path,
) -> None:
    words = ["alpha", "alps", "beta", "모델", "모두", "zeta", "ai", "an", "x1", "x12", "ünï"]
    chance = random.Random(7)

    def text() -> str:
        return " ".join(chance.choice(words) for _ in range(chance.randint(0, 12)))

    folder = _Folder(tmp_path / "site")
    texts = [text() for _ in range(300)]
    folder.index(texts)
    for _ in range(12):
        for number in chance.sample(range(len(texts)), chance.randint(1, 6)):
            texts[number] = text()

        made = folder.index(texts)

        assert folder.files() == dict(index_files(_document(n, t) for n, t in enumerate(texts)))
        assert None in made.values()  # updated in place, not made whole


def test_a_shard_left_empty_is_removed_and_meta_follows(tmp_path: Path) -> None:
    folder = _Folder(tmp_path / "site")
    texts = ["alpha beta", "alpha gamma", "alpha quagga"]
    folder.index(texts)
    texts[2] = "alpha beta"  # the only "q…" term goes

    folder.index(texts)

    whole = dict(index_files(_document(n, text) for n, text in enumerate(texts)))
    assert folder.files() == whole
    assert "search/terms/71.json" not in folder.files()


@pytest.mark.parametrize("damage", ["state", "shard", "missing shard", "salt", "added"])
def test_an_index_that_cannot_be_trusted_is_made_whole(tmp_path: Path, damage: str) -> None:
    folder = _Folder(tmp_path / "site")
    folder.index(_TEXTS)
    texts = list(_TEXTS)
    texts[5] = "common zebra quagga"
    salt = "s"
    shard = folder.out / "search" / "terms" / "61.json"  # "alpha…", which texts[5] leaves
    if damage == "state":
        state = folder.out / STATE
        state.write_bytes(state.read_bytes()[:-3])
    elif damage == "shard":
        shard.write_bytes(shard.read_bytes().replace(b"alpha", b"ALPHA"))
    elif damage == "missing shard":
        shard.unlink()
    elif damage == "salt":
        salt = "another version"
    else:  # a document more: every later one's number changes
        texts.insert(0, "a new first document")

    made = folder.index(texts, salt)

    assert None not in made.values()  # every file made anew
    assert folder.files() == dict(index_files(_document(n, t) for n, t in enumerate(texts)))
