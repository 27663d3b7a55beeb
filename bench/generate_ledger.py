"""Generate a large synthetic ledger content tree for benchmarking Agora.

The output mirrors the shape of a real ledger repository: Markdown events,
threads and controversies with YAML front matter, plus YAML actor and group
records. Every id, title, name, URL and sentence is made up from small word
lists and a seeded random number generator, so two runs with the same
arguments produce byte-identical trees.

Field frequencies (categories, source types, actor roles, list lengths and so
on) follow distributions measured on a real ledger of 187 events, scaled to
the requested number of events.

A small, controllable share of events can be given a deliberate problem
(unknown references, malformed dates, duplicate source URLs, ...) so that a
validator has something to find. The problems drawn do not depend on the
rest of the tree: a ledger generated with ``--problems 0`` is the same ledger
as one generated with the default rate, minus the seeded problems.

Layout written under ``<out>/content/``::

    events/YYYY/NN-<id>.md   threads/<id>.md   controversies/<id>.md
    actors/<id>.yml          groups/<id>.yml
    challenges/ resolutions/ revisions/ memos/ syntheses/ perspectives/ posts/
    (empty, each holding a .gitkeep)

A summary is written to ``<out>/MANIFEST.json`` and printed as one line.

Usage::

    python bench/generate_ledger.py --events 100000 --out /tmp/ledger-100k
    python bench/generate_ledger.py --events 1000 --out /tmp/l1k --seed 7 --problems 0
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import gc
import itertools
import json
import math
import multiprocessing
import os
import random
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


def words(text: str) -> tuple[str, ...]:
    """Split a block of whitespace-separated words into a tuple."""
    return tuple(text.split())


# ---------------------------------------------------------------------------
# Measured distributions (value, weight)
# ---------------------------------------------------------------------------

BASE_YEAR_WEIGHTS: tuple[tuple[int, int], ...] = (
    (2023, 14),
    (2024, 29),
    (2025, 100),
    (2026, 48),
)
EARLIEST_YEAR = 1990
LAST_DATE = dt.date(2026, 10, 31)
EVENTS_PER_EXTRA_YEAR = 3000
SMALL_LEDGER_EVENTS = 1000

CATEGORY_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("industry", 53),
    ("policy", 43),
    ("models", 39),
    ("open-source", 17),
    ("research", 15),
    ("safety", 13),
    ("culture", 7),
)
SIGNIFICANCE_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("major", 98),
    ("landmark", 51),
    ("notable", 38),
)
CONFIDENCE_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("high", 171),
    ("", 9),
    ("medium", 7),
)
SOURCE_COUNT_WEIGHTS: tuple[tuple[int, int], ...] = (
    (3, 84),
    (2, 67),
    (4, 27),
    (1, 6),
    (5, 3),
)
SOURCE_TYPE_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("secondary_reporting", 157),
    ("official", 149),
    ("primary_document", 83),
    ("primary", 56),
    ("secondary", 46),
    ("expert_interpretation", 18),
    ("primary_recording", 3),
    ("commentary", 3),
)
SOURCE_DATE_SHARE = 0.69
SOURCE_PUBLISHER_SHARE = 0.56
SOURCE_ACCESSED_SHARE = 0.16
# 5% of sources are archived, mostly with a wildcard link. Official sources
# only ever get pinned snapshots (a wildcard there is a seeded problem), so
# they are archived less often to keep wildcards the majority.
OFFICIAL_ARCHIVE_SHARE = 0.01
OTHER_ARCHIVE_SHARE = 0.065
ARCHIVE_PINNED_SHARE = 0.05

ACTOR_COUNT_WEIGHTS: tuple[tuple[int, int], ...] = (
    (1, 75),
    (2, 59),
    (3, 21),
    (5, 14),
    (4, 12),
    (6, 3),
    (0, 2),
    (10, 1),
)
ROLE_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("subject", 164),
    ("developer", 33),
    ("partner", 25),
    ("executive", 25),
    ("counterparty", 21),
    ("related-party", 15),
    ("defendant", 15),
    ("participant", 11),
    ("regulator", 10),
    ("investor", 10),
)
TAG_COUNT_WEIGHTS: tuple[tuple[int, int], ...] = (
    (6, 61),
    (4, 51),
    (5, 39),
    (7, 21),
    (3, 8),
    (8, 7),
)
THREAD_COUNT_WEIGHTS: tuple[tuple[int, int], ...] = ((1, 144), (2, 28), (0, 15))
RELATED_COUNT_WEIGHTS: tuple[tuple[int, int], ...] = (
    (0, 133),
    (1, 34),
    (2, 18),
    (3, 2),
)
RELATED_TWO_WAY_SHARE = 0.8
RELATED_WINDOW = 40

# Measured: US 112, CN 15, EU 14, global 10, UK 9, SG 5 (weights x4), others rare.
REGION_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("US", 448),
    ("CN", 60),
    ("EU", 56),
    ("global", 40),
    ("UK", 36),
    ("SG", 20),
    ("JP", 6),
    ("FR", 6),
    ("DE", 4),
    ("IN", 3),
    ("KR", 3),
    ("CA", 3),
    ("AE", 3),
    ("IL", 2),
    ("BR", 2),
    ("AU", 2),
    ("CH", 1),
    ("SA", 1),
)
REGION_SHARE = 0.8
SECOND_REGION_SHARE = 0.12

ACTOR_TYPE_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("company", 58),
    ("government", 23),
    ("individual", 20),
    ("organization", 11),
    ("research-lab", 7),
)
ACTORS_PER_EVENT = 0.64
MIN_ACTORS = 20
MAX_ACTORS = 25_000
ACTOR_WEBSITE_SHARE = 0.7
ACTOR_FOUNDED_SHARE = 0.4 / (1 - 20 / 119)  # 40% overall; individuals (20 of 119) have none

EVENTS_PER_THREAD = 12
EVENTS_PER_CONTROVERSY = 37
LABELS_PER_CONTROVERSY = 11  # 54 labels over 5 controversies
LABEL_PROPONENT_SHARE = 0.78
DECLARED_LABEL_SHARE = 0.9
THREAD_MEMBER_LISTED_SHARE = 0.95
THREAD_DORMANT_SHARE = 0.2
THREAD_ZIPF = 0.6
ACTOR_ZIPF = 1.0
TAG_ZIPF = 1.0
TAG_VOCABULARY_SIZE = 360

PUBLISHED_SHARE = 0.15
END_DATE_SHARE = 0.02
BODY_MEDIAN_BYTES = 2600
BODY_SIGMA = 0.38
BODY_MIN_BYTES = 1000
BODY_MAX_BYTES = 7000

EMPTY_FOLDERS: tuple[str, ...] = (
    "challenges",
    "resolutions",
    "revisions",
    "memos",
    "syntheses",
    "perspectives",
    "posts",
)

PROBLEM_KINDS: tuple[str, ...] = (
    "unknown_thread",
    "unknown_actor",
    "unknown_related",
    "duplicate_source_url",
    "wildcard_archive_on_official",
    "end_date_before_date",
    "invalid_date",
    "unknown_field",
    "bad_category",
    "filename_id_mismatch",
)
BAD_CATEGORIES: tuple[str, ...] = ("economy", "Models", "misc", "law", "hardware")
UNKNOWN_FIELDS: tuple[str, ...] = ("sumary", "notes", "catgory", "regoins", "tagz")
INVALID_DAYS: tuple[str, ...] = ("02-30", "02-31", "04-31", "06-31", "09-31", "11-31")

# ---------------------------------------------------------------------------
# Synthetic vocabulary
# ---------------------------------------------------------------------------

NOUNS: tuple[str, ...] = words(
    """model policy regulator benchmark dataset framework market license lawsuit
    partnership chip cluster investment agreement standard audit evaluation
    deployment release platform assistant agent system network startup
    consortium ministry court ruling hearing proposal guideline threshold
    roadmap pipeline infrastructure datacenter budget valuation workforce
    union contract compliance disclosure transparency safeguard incident
    vulnerability capability architecture parameter inference training compute
    supply export tariff subsidy coalition initiative program pilot trial
    survey study paper report committee panel tribunal settlement appeal
    injunction filing complaint investor customer developer researcher
    engineer publisher creator artist newsroom archive repository library
    toolkit interface protocol ecosystem sector industry economy election
    campaign community forum debate consensus narrative strategy governance
    oversight accountability risk benefit tradeoff incentive precedent mandate
    moratorium exemption provision clause amendment statute treaty summit
    declaration commitment pledge grid factory laboratory classroom hospital
    copyright privacy liability labor energy memory reasoning robotics
    translation search advertising"""
)
PLURAL_NOUNS: tuple[str, ...] = words(
    """models regulators benchmarks datasets markets licenses lawsuits chips
    investments agreements standards audits platforms agents systems startups
    courts proposals guidelines contracts safeguards incidents capabilities
    subsidies coalitions programs studies reports investors customers
    developers researchers engineers publishers creators artists newsrooms
    repositories toolkits communities elections campaigns incentives
    exemptions treaties pledges workers students clinicians translators"""
)
ADJECTIVES: tuple[str, ...] = words(
    """open closed frontier regional national federal global sovereign voluntary
    binding provisional experimental multimodal agentic efficient distributed
    sparse dense autonomous synthetic independent public private commercial
    academic competitive strategic fragile durable ambitious cautious
    controversial unprecedented incremental rapid gradual secure transparent
    opaque accountable scalable modular proprietary collaborative bilateral
    multilateral domestic international emerging established contested
    disputed broad narrow early novel legacy hybrid specialized lightweight
    compact layered interim expanded revised unified fragmented costly
    affordable coordinated decentralized centralized"""
)
VERBS: tuple[tuple[str, str], ...] = tuple(
    (word, past)
    for word, past in (
        pair.split("/")
        for pair in words(
            """announce/announced release/released expand/expanded
        restrict/restricted challenge/challenged approve/approved
        delay/delayed finance/financed license/licensed
        publish/published question/questioned support/supported
        oppose/opposed accelerate/accelerated reshape/reshaped
        signal/signaled undermine/undermined strengthen/strengthened
        weaken/weakened clarify/clarified complicate/complicated
        reframe/reframed test/tested extend/extended limit/limited
        fund/funded audit/audited review/reviewed adopt/adopted
        reject/rejected revise/revised launch/launched acquire/acquired
        settle/settled investigate/investigated integrate/integrated
        open/opened pause/paused resume/resumed require/required"""
        )
    )
)
ADVERBS: tuple[str, ...] = words(
    """sharply quietly publicly gradually abruptly formally narrowly broadly
    repeatedly cautiously decisively partially largely briefly openly steadily
    unexpectedly"""
)
CONNECTORS: tuple[str, ...] = (
    "Meanwhile",
    "However",
    "In parallel",
    "At the same time",
    "By contrast",
    "In response",
    "As a result",
    "Notably",
    "Even so",
    "For now",
)
OBSERVERS: tuple[str, ...] = (
    "analysts",
    "critics",
    "supporters",
    "regulators",
    "investors",
    "researchers",
    "industry groups",
    "civil society groups",
    "legal scholars",
    "developers",
    "journalists",
    "economists",
)
PREPOSITIONS: tuple[str, ...] = (
    "across",
    "within",
    "beyond",
    "around",
    "against",
    "alongside",
    "under",
    "toward",
)
DETERMINERS: tuple[str, ...] = ("the", "a", "its", "one", "every", "that")
OUTCOMES: tuple[str, ...] = ("unclear", "contested", "an open question", "disputed")
TITLE_VERBS: dict[str, tuple[str, ...]] = {
    "models": ("Releases", "Unveils", "Launches", "Previews", "Ships"),
    "industry": ("Acquires", "Partners With", "Invests In", "Signs Deal With"),
    "policy": ("Adopts", "Proposes", "Delays", "Finalizes", "Drafts"),
    "open-source": ("Publishes", "Opens", "Relicenses", "Shares"),
    "research": ("Reports", "Publishes", "Measures", "Documents"),
    "safety": ("Discloses", "Reports", "Investigates", "Patches"),
    "culture": ("Sparks", "Faces", "Divides", "Reignites"),
}
TITLE_TAILS: dict[str, tuple[str, ...]] = {
    "models": ("Model", "Model Family", "Assistant", "Reasoning Model"),
    "industry": ("Expansion", "Venture", "Buildout", "Alliance"),
    "policy": ("Rules", "Framework", "Guidance", "Bill"),
    "open-source": ("Weights", "Toolkit", "Dataset", "Runtime"),
    "research": ("Findings", "Study", "Benchmark Results", "Survey"),
    "safety": ("Incident", "Evaluation", "Safeguards", "Red-Team Results"),
    "culture": ("Backlash", "Debate", "Campaign", "Controversy"),
}
ONSETS: tuple[str, ...] = words(
    "b br c cr d dr f fl g gr h j k kl l m n p pr qu r s sk st t tr v vr w z"
)
VOWELS: tuple[str, ...] = ("a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y")
CODAS: tuple[str, ...] = (*words("n r l x s th nd rk st m v"), "", "", "")
COMPANY_SUFFIXES: tuple[str, ...] = (
    "",
    " Labs",
    " AI",
    " Systems",
    " Robotics",
    " Capital",
    " Cloud",
    " Semiconductor",
    " Media",
    " Health",
)
GOVERNMENT_BODIES: tuple[str, ...] = (
    "Digital Ministry",
    "Data Protection Authority",
    "Trade Commission",
    "State Legislature",
    "AI Safety Institute",
    "Competition Bureau",
    "Science Council",
    "Copyright Office",
    "Parliament",
    "Attorney General",
)
ORGANIZATION_FORMS: tuple[str, ...] = (
    "{} Foundation",
    "{} Institute",
    "{} Alliance",
    "{} Writers Guild",
    "{} Policy Forum",
    "{} Press Association",
)
LAB_FORMS: tuple[str, ...] = (
    "{} Research",
    "{} Research Lab",
    "{} Institute for Machine Intelligence",
    "{} Computing Lab",
)
FIRST_NAMES: tuple[str, ...] = words(
    """Ada Bram Cela Dorin Esme Fenn Galia Hollis Ines Jory Kaito Lenna Milo
    Nadia Orrin Pia Quill Rosa Soren Talia Umar Vera Wren Yuki Zane Anouk
    Basil Corra Dax Elin Farah Gideon Halle Ivo Juno Kiri Lior Maren Niko
    Odile Pavel Rhea Silas Tamsin Ulla Viggo Willa Xan Yara Zeno"""
)
GROUP_QUALIFIERS: tuple[str, ...] = words(
    """independent regional open-data consumer academic industry labor creative
    civil-liberties national-security open-model safety-focused frontier-lab
    small-business rural disability-rights student investigative public-health
    climate privacy accessibility heritage"""
)
GROUP_NOUNS: tuple[str, ...] = words(
    """advocates researchers unions investors watchdogs scholars publishers
    developers coalitions networks economists clinicians educators
    technologists ethicists archivists"""
)
STATUS_WORDS: tuple[str, ...] = ("Debate", "Question", "Race", "Wars", "Era", "Shift")
MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
YAML_RESERVED: frozenset[str] = frozenset(words("y n yes no on off true false null"))
NAME_MARK = "\x00"
SENTENCE_POOL_MIN = 4000
SENTENCE_POOL_MAX = 60_000
PLAIN_SCALAR = re.compile(r"^[A-Za-z][A-Za-z0-9 .&'-]*[A-Za-z0-9.]$")

# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


@dataclass
class Actor:
    """One actor record (actors/<id>.yml)."""

    id: str
    name: str
    type: str
    aliases: list[str]
    website: str
    founded: int


@dataclass
class Source:
    """One entry of an event's ``sources`` list."""

    url: str
    title: str
    type: str
    publisher: str = ""
    date: str = ""
    accessed: str = ""
    archive_url: str = ""


@dataclass
class Event:
    """One event record (events/YYYY/NN-<id>.md)."""

    date: dt.date
    category: str
    significance: str
    confidence: str
    actors: list[tuple[Actor, str]]
    body_seed: int
    id: str = ""
    title: str = ""
    date_text: str = ""
    end_date: str = ""
    regions: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    threads: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    revision: dict[str, str] = field(default_factory=dict)
    extra_fields: list[str] = field(default_factory=list)
    file_id: str = ""
    actor_refs: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Thread:
    """One thread record (threads/<id>.md)."""

    id: str
    title: str
    status: str
    curator: str
    body_seed: int
    members: list[Event] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)
    controversies: list[str] = field(default_factory=list)
    started: dt.date = LAST_DATE
    last_updated: dt.date = LAST_DATE


@dataclass
class Position:
    """One position inside a controversy."""

    claim: str
    proponents: list[str]
    sources: list[tuple[str, str]]
    confidence: str


@dataclass
class Controversy:
    """One controversy record (controversies/<id>.md)."""

    id: str
    title: str
    thread: Thread
    positions: list[Position]
    body_seed: int


@dataclass
class Group:
    """One group label record (groups/<id>.yml)."""

    id: str
    name: str
    description: str


@dataclass
class Ledger:
    """Everything generated, before rendering."""

    actors: list[Actor]
    events: list[Event]
    threads: list[Thread]
    controversies: list[Controversy]
    groups: list[Group]
    used_labels: list[str]
    editors: list[str]
    pool: list[str]
    problems: dict[str, list[str]] = field(default_factory=dict)


class Picker(Generic[T]):
    """Draws items with fixed weights using a cumulative table."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1]
        self.last = len(self.items) - 1

    def pick(self, rng: random.Random) -> T:
        """Return one item."""
        x = rng.random() * self.total
        return self.items[bisect.bisect_right(self.cumulative, x, 0, self.last)]

    def pick_distinct(self, rng: random.Random, count: int) -> list[T]:
        """Return up to ``count`` different items, most likely first."""
        count = min(count, len(self.items))
        chosen: list[T] = []
        seen: set[int] = set()
        attempts = 0
        while len(chosen) < count and attempts < count * 20:
            attempts += 1
            x = rng.random() * self.total
            index = bisect.bisect_right(self.cumulative, x, 0, self.last)
            if index not in seen:
                seen.add(index)
                chosen.append(self.items[index])
        for index, item in enumerate(self.items):
            if len(chosen) >= count:
                break
            if index not in seen:
                seen.add(index)
                chosen.append(item)
        return chosen


def make_picker(table: Sequence[tuple[T, int]]) -> Picker[T]:
    """Build a picker from a (value, weight) table."""
    return Picker([value for value, _ in table], [weight for _, weight in table])


def make_zipf_picker(items: Sequence[T], exponent: float) -> Picker[T]:
    """Build a picker whose i-th item has weight 1 / (i + 1) ** exponent."""
    return Picker(items, [1.0 / (rank + 1) ** exponent for rank in range(len(items))])


# ---------------------------------------------------------------------------
# Small text helpers
# ---------------------------------------------------------------------------


def pick_one(rng: random.Random, items: Sequence[T]) -> T:
    """Return a random item (a cheaper rng.choice)."""
    return items[int(rng.random() * len(items))]


def pick_int(rng: random.Random, low: int, high: int) -> int:
    """Return a random integer from ``low`` to ``high`` inclusive."""
    return low + int(rng.random() * (high - low + 1))


def slugify(text: str, max_words: int = 8) -> str:
    """Turn text into a kebab-case id of at most ``max_words`` words."""
    parts = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(parts[:max_words])


def claim_unique(base: str, taken: set[str]) -> str:
    """Return ``base`` or ``base-N`` so that the result is not in ``taken``."""
    candidate = base
    suffix = 2
    while candidate in taken:
        candidate = f"{base}-{suffix}"
        suffix += 1
    taken.add(candidate)
    return candidate


def yaml_text(value: str) -> str:
    """Render a name as a plain YAML scalar when safe, else double-quoted."""
    if PLAIN_SCALAR.match(value) and value.lower() not in YAML_RESERVED:
        return value
    return f'"{value}"'


def capitalize_words(text: str) -> str:
    """Capitalize every word, keeping hyphenated parts readable."""
    return " ".join(word[:1].upper() + word[1:] for word in text.split())


def format_long_date(day: dt.date) -> str:
    """Format a date the way prose does: March 4, 2025."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def add_days(day: dt.date, days: int) -> dt.date:
    """Add days to a date without going past the last allowed date."""
    return min(day + dt.timedelta(days=days), LAST_DATE)


def make_word(rng: random.Random, syllables: int) -> str:
    """Invent a pronounceable capitalized word."""
    parts = [pick_one(rng, ONSETS) + pick_one(rng, VOWELS) for _ in range(syllables)]
    return ("".join(parts) + pick_one(rng, CODAS)).capitalize()


def with_article(phrase: str) -> str:
    """Prefix a noun phrase with a or an."""
    return f"an {phrase}" if phrase[:1] in "aeiou" else f"a {phrase}"


# ---------------------------------------------------------------------------
# Prose
# ---------------------------------------------------------------------------


class Prose:
    """Writes synthetic English-looking sentences from the word lists."""

    def __init__(self, rng: random.Random, names: Sequence[str], pool: Sequence[str] = ()) -> None:
        self.rng = rng
        self.random = rng.random
        self.names = list(names) or ["the group"]
        self.pool = pool
        self.templates: tuple[Callable[[], str], ...] = (
            self.sentence_plain,
            self.sentence_claim,
            self.sentence_observers,
            self.sentence_by_then,
            self.sentence_contrast,
            self.sentence_figure,
            self.sentence_whether,
            self.sentence_pair,
        )

    def pick(self, items: Sequence[T]) -> T:
        """Return a random item (a cheaper rng.choice)."""
        return items[int(self.random() * len(items))]

    def number(self, low: int, high: int) -> int:
        """Return a random integer from ``low`` to ``high`` inclusive."""
        return low + int(self.random() * (high - low + 1))

    def noun(self) -> str:
        """Return a noun."""
        return NOUNS[int(self.random() * len(NOUNS))]

    def nouns(self) -> str:
        """Return a plural noun."""
        return PLURAL_NOUNS[int(self.random() * len(PLURAL_NOUNS))]

    def adjective(self) -> str:
        """Return an adjective."""
        return ADJECTIVES[int(self.random() * len(ADJECTIVES))]

    def past(self) -> str:
        """Return a past-tense verb."""
        return VERBS[int(self.random() * len(VERBS))][1]

    def verb(self) -> str:
        """Return a verb in its base form."""
        return VERBS[int(self.random() * len(VERBS))][0]

    def phrase(self) -> str:
        """Return a determiner, an adjective and a noun."""
        determiner = self.pick(DETERMINERS)
        adjective = self.adjective()
        if determiner == "a":
            return f"{with_article(adjective)} {self.noun()}"
        return f"{determiner} {adjective} {self.noun()}"

    def name(self) -> str:
        """Return one of the names the text is about."""
        return self.pick(self.names)

    def sentence_plain(self) -> str:
        """Write a plain subject-verb-object sentence."""
        return (
            f"The {self.adjective()} {self.noun()} {self.past()} "
            f"{self.phrase()} {self.pick(PREPOSITIONS)} the "
            f"{self.noun()} {self.noun()}."
        )

    def sentence_claim(self) -> str:
        """Write a reported claim."""
        return (
            f"{self.name()} {self.past()} that the {self.noun()} would "
            f"{self.verb()} {self.phrase()}."
        )

    def sentence_observers(self) -> str:
        """Write a sentence about how observers saw things."""
        return (
            f"{self.pick(OBSERVERS).capitalize()} {self.past()} the "
            f"{self.noun()} as {self.pick(ADVERBS)} {self.adjective()}, "
            f"and the {self.noun()} {self.past()} "
            f"{self.pick(PREPOSITIONS)} {self.nouns()}."
        )

    def sentence_by_then(self) -> str:
        """Write a sentence anchored in time."""
        return (
            f"By {self.pick(MONTHS)} {self.number(2019, 2026)}, the "
            f"{self.noun()} of {self.nouns()} had {self.past()} "
            f"{self.pick(ADVERBS)}."
        )

    def sentence_contrast(self) -> str:
        """Write a two-sided sentence."""
        return (
            f"Critics argued that {self.noun()} {self.nouns()} "
            f"{self.past()} {self.adjective()} {self.nouns()}, "
            f"while supporters {self.past()} the {self.noun()} "
            f"{self.pick(PREPOSITIONS)} {self.name()}."
        )

    def sentence_figure(self) -> str:
        """Write a sentence with a number in it."""
        return (
            f"{self.pick(CONNECTORS)}, the {self.noun()} "
            f"{self.past()} {self.number(2, 97)} percent of "
            f"{self.adjective()} {self.nouns()}."
        )

    def sentence_whether(self) -> str:
        """Write an open-ended sentence."""
        return (
            f"Whether the {self.noun()} {self.past()} the {self.adjective()} "
            f"{self.noun()} remained {self.pick(OUTCOMES)}."
        )

    def sentence_pair(self) -> str:
        """Write a sentence joining two noun phrases."""
        return (
            f"The {self.noun()} {self.pick(PREPOSITIONS)} {self.name()} "
            f"{self.past()} {with_article(self.adjective())} {self.noun()} and "
            f"{with_article(self.adjective())} {self.noun()}."
        )

    def sentence(self) -> str:
        """Write one sentence, from the pool when there is one."""
        if not self.pool:
            return self.pick(self.templates)()
        text = self.pool[int(self.random() * len(self.pool))]
        if NAME_MARK in text:
            return text.replace(NAME_MARK, self.name())
        return text

    def paragraph(self, low: int = 3, high: int = 6) -> str:
        """Write a paragraph of ``low`` to ``high`` sentences."""
        return " ".join(self.sentence() for _ in range(self.number(low, high)))

    def paragraphs_until(self, budget: int, low: int = 1, high: int = 6) -> list[str]:
        """Write ``low`` to ``high`` paragraphs of about ``budget`` chars in all."""
        paragraphs: list[str] = []
        used = 0
        while len(paragraphs) < low or (used < budget and len(paragraphs) < high):
            sentences: list[str] = []
            for _ in range(self.number(3, 6)):
                sentence = self.sentence()
                sentences.append(sentence)
                used += len(sentence) + 1
                if used >= budget and len(paragraphs) + 1 >= low:
                    break
            paragraphs.append(" ".join(sentences))
        return paragraphs

    def question(self) -> str:
        """Write an open question."""
        return (
            f"Will the {self.adjective()} {self.noun()} {self.verb()} "
            f"the {self.noun()} {self.pick(PREPOSITIONS)} "
            f"{self.nouns()}, or will {self.nouns()} {self.verb()} it first?"
        )


def make_sentence_pool(rng: random.Random, events: int) -> list[str]:
    """Write the shared sentences that bodies are assembled from."""
    prose = Prose(rng, [NAME_MARK])
    size = min(max(events * 4, SENTENCE_POOL_MIN), SENTENCE_POOL_MAX)
    return [prose.sentence() for _ in range(size)]


def pick_body_size(rng: random.Random) -> int:
    """Draw an event body size in bytes from a clamped log-normal."""
    size = rng.lognormvariate(math.log(BODY_MEDIAN_BYTES), BODY_SIGMA)
    return int(min(max(size, BODY_MIN_BYTES), BODY_MAX_BYTES))


def write_event_body(event: Event, pool: Sequence[str]) -> str:
    """Write the Markdown body of an event."""
    rng = random.Random(event.body_seed)
    prose = Prose(rng, [actor.name for actor, _ in event.actors], pool)
    target = pick_body_size(rng)
    lead = (
        f"On {format_long_date(event.date)}, {prose.name()} {prose.past()} "
        f"the {prose.adjective()} {prose.noun()}. {prose.paragraph(2, 4)}"
    )
    remaining = max(target - len(lead), 300)
    happened = prose.paragraphs_until(remaining * 3 // 5, 1, 8)
    matters = prose.paragraphs_until(remaining * 2 // 5, 1, 5)
    return (
        f"## Summary\n\n{lead}\n\n## What Happened\n\n"
        + "\n\n".join(happened)
        + "\n\n## Why It Matters\n\n"
        + "\n\n".join(matters)
        + "\n"
    )


def write_thread_body(thread: Thread, pool: Sequence[str]) -> str:
    """Write the Markdown body of a thread."""
    rng = random.Random(thread.body_seed)
    names = [actor.name for event in thread.members[:6] for actor, _ in event.actors]
    prose = Prose(rng, names, pool)
    synthesis = prose.paragraphs_until(pick_int(rng, 1200, 2600), 2, 5)
    years = sorted({event.date.year for event in thread.members}) or [thread.started.year]
    arc = [
        f"**{year}: {capitalize_words(prose.adjective() + ' ' + prose.noun())}.** "
        + prose.paragraph()
        for year in years[:4]
    ]
    readings: list[str] = []
    for _ in range(pick_int(rng, 2, 4)):
        heading = f"{prose.adjective().capitalize()}-{prose.noun()} reading"
        backers = ", ".join(pick_one(rng, OBSERVERS) for _ in range(3))
        readings.append(f"### {heading}\n\n{prose.paragraph()}\n\n**Proponents:** {backers}.")
    questions = "\n".join(f"- {prose.question()}" for _ in range(pick_int(rng, 3, 5)))
    return (
        f"## Canonical Synthesis\n\n**Author:** {thread.curator} | "
        f"**Last updated:** {thread.last_updated.isoformat()}\n\n"
        + "\n\n".join(synthesis)
        + "\n\n## The Arc\n\n"
        + "\n\n".join(arc)
        + "\n\n## Interpretations\n\n"
        + "\n\n".join(readings)
        + f"\n\n## Open Questions\n\n{questions}\n"
    )


def write_controversy_body(controversy: Controversy, pool: Sequence[str]) -> str:
    """Write the Markdown body of a controversy."""
    rng = random.Random(controversy.body_seed)
    prose = Prose(rng, [controversy.thread.title], pool)
    context = prose.paragraphs_until(pick_int(rng, 400, 900), 1, 2)
    tensions = [
        f"**{capitalize_words(prose.noun())} vs. {prose.noun()}:** {prose.paragraph()}"
        for _ in range(pick_int(rng, 2, 4))
    ]
    return (
        "## Context\n\n"
        + "\n\n".join(context)
        + "\n\n## Key Tensions\n\n"
        + "\n\n".join(tensions)
        + f"\n\n## Status\n\n{prose.paragraph(2, 4)}\n"
    )


# ---------------------------------------------------------------------------
# Actors, editors and group labels
# ---------------------------------------------------------------------------


def count_actors(events: int) -> int:
    """Scale the number of actors to the number of events."""
    return min(max(round(events * ACTORS_PER_EVENT), MIN_ACTORS), MAX_ACTORS)


def make_actor_name(rng: random.Random, kind: str) -> str:
    """Invent a name for an actor of the given type."""
    if kind == "company":
        return make_word(rng, pick_int(rng, 2, 3)) + pick_one(rng, COMPANY_SUFFIXES)
    if kind == "government":
        return f"{make_word(rng, 3)} {pick_one(rng, GOVERNMENT_BODIES)}"
    if kind == "individual":
        return f"{pick_one(rng, FIRST_NAMES)} {make_word(rng, pick_int(rng, 2, 3))}"
    if kind == "organization":
        return pick_one(rng, ORGANIZATION_FORMS).format(make_word(rng, 2))
    return pick_one(rng, LAB_FORMS).format(make_word(rng, 2))


def make_aliases(rng: random.Random, name: str, kind: str, names: set[str]) -> list[str]:
    """Invent one to three aliases that no other actor uses as a name or alias."""
    parts = name.split()
    candidates = [
        "".join(part[0] for part in parts).upper() if len(parts) > 1 else "",
        f"{parts[0][0]}. {parts[-1]}" if kind == "individual" else f"{parts[0]} Group",
        f"{name} Inc" if kind == "company" else f"The {name}",
        f"{make_word(rng, 2)} {parts[-1]}",
    ]
    wanted = pick_int(rng, 1, 3)
    aliases: list[str] = []
    for alias in candidates:
        if len(aliases) < wanted and len(alias) > 1 and alias.lower() not in names:
            aliases.append(alias)
            names.add(alias.lower())
    if not aliases:
        aliases.append(f"{name} ({kind})")
        names.add(aliases[0].lower())
    return aliases


def make_actor(rng: random.Random, kind: str, taken: set[str], names: set[str]) -> Actor:
    """Invent one actor of the given type with a name no other actor uses."""
    name = make_actor_name(rng, kind)
    while name.lower() in names:
        name = make_actor_name(rng, kind)
    names.add(name.lower())
    actor_id = claim_unique(slugify(name), taken)
    website = ""
    if rng.random() < ACTOR_WEBSITE_SHARE:
        host = actor_id.replace("-", "")[:24]
        website = f"https://{host}.example.com"
    founded = 0
    if kind != "individual" and rng.random() < ACTOR_FOUNDED_SHARE:
        founded = pick_int(rng, 1950, 2024)
    aliases = make_aliases(rng, name, kind, names)
    return Actor(actor_id, name, kind, aliases, website, founded)


def make_actors(rng: random.Random, count: int) -> list[Actor]:
    """Invent ``count`` actors with the measured type mix."""
    kinds = make_picker(ACTOR_TYPE_WEIGHTS)
    taken: set[str] = set()
    names: set[str] = set()
    return [make_actor(rng, kinds.pick(rng), taken, names) for _ in range(count)]


def make_editors(rng: random.Random, taken: set[str]) -> list[str]:
    """Invent the handles of the people who curate and review records."""
    return [
        claim_unique(slugify(f"{pick_one(rng, FIRST_NAMES)} {make_word(rng, 2)}"), taken)
        for _ in range(4)
    ]


def make_label_pool(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """Invent ``count`` group label ids that do not clash with other ids."""
    labels: list[str] = []
    for _ in range(count):
        base = f"{pick_one(rng, GROUP_QUALIFIERS)}-{pick_one(rng, GROUP_NOUNS)}"
        if base in taken:
            base = f"{base}-of-{make_word(rng, 2).lower()}"
        labels.append(claim_unique(base, taken))
    return labels


def describe_group(rng: random.Random, label: str) -> Group:
    """Write the group record for one label."""
    name = capitalize_words(label.replace("-", " "))
    prose = Prose(rng, [name])
    description = (
        f"{name} who {prose.past()} {prose.phrase()} and "
        f"{prose.past()} the {prose.adjective()} {prose.noun()}."
    )
    return Group(label, name, description)


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------


def make_year_picker(events: int) -> Picker[int]:
    """Spread events over 2023-2026, or over more years for big ledgers."""
    table = list(BASE_YEAR_WEIGHTS)
    if events > SMALL_LEDGER_EVENTS:
        extra = min(events // EVENTS_PER_EXTRA_YEAR, 2023 - EARLIEST_YEAR)
        first_weight = BASE_YEAR_WEIGHTS[0][1]
        table = [(2022 - offset, first_weight) for offset in range(extra)][::-1] + table
    return make_picker(table)


def pick_date(rng: random.Random, year: int) -> dt.date:
    """Pick a valid calendar date in ``year`` not after the last date."""
    start = dt.date(year, 1, 1)
    end = min(dt.date(year, 12, 31), LAST_DATE)
    return start + dt.timedelta(days=pick_int(rng, 0, (end - start).days))


class ActorChooser:
    """Chooses actors for event roles, favouring a few very active ones."""

    def __init__(self, actors: list[Actor]) -> None:
        self.all = make_zipf_picker(actors, ACTOR_ZIPF)
        self.roles = make_picker(ROLE_WEIGHTS)
        self.by_type = {
            kind: make_zipf_picker(members, ACTOR_ZIPF)
            for kind in ("government", "individual")
            if (members := [actor for actor in actors if actor.type == kind])
        }

    def choose(self, rng: random.Random, role: str) -> Actor:
        """Pick an actor suited to ``role``."""
        if role == "regulator" and "government" in self.by_type:
            return self.by_type["government"].pick(rng)
        if role == "executive" and "individual" in self.by_type:
            return self.by_type["individual"].pick(rng)
        return self.all.pick(rng)


def make_event_actors(
    rng: random.Random, chooser: ActorChooser, count: int
) -> list[tuple[Actor, str]]:
    """Pick ``count`` distinct actors, each with a role."""
    chosen: list[tuple[Actor, str]] = []
    seen: set[str] = set()
    attempts = 0
    while len(chosen) < count and attempts < count * 10:
        attempts += 1
        role = chooser.roles.pick(rng)
        actor = chooser.choose(rng, role)
        if actor.id not in seen:
            seen.add(actor.id)
            chosen.append((actor, role))
    return chosen


def make_event_skeletons(rng: random.Random, count: int, actors: list[Actor]) -> list[Event]:
    """Draw dates, labels and actors for ``count`` events, sorted by date."""
    years = make_year_picker(count)
    categories = make_picker(CATEGORY_WEIGHTS)
    significances = make_picker(SIGNIFICANCE_WEIGHTS)
    confidences = make_picker(CONFIDENCE_WEIGHTS)
    actor_counts = make_picker(ACTOR_COUNT_WEIGHTS)
    chooser = ActorChooser(actors)
    events = [
        Event(
            date=pick_date(rng, years.pick(rng)),
            category=categories.pick(rng),
            significance=significances.pick(rng),
            confidence=confidences.pick(rng),
            actors=make_event_actors(rng, chooser, actor_counts.pick(rng)),
            body_seed=rng.getrandbits(64),
        )
        for _ in range(count)
    ]
    events.sort(key=lambda event: event.date)
    return events


def make_event_title(rng: random.Random, event: Event) -> str:
    """Invent a headline for an event."""
    subject = event.actors[0][0].name if event.actors else make_word(rng, 2) + " Coalition"
    verb = pick_one(rng, TITLE_VERBS[event.category])
    tail = pick_one(rng, TITLE_TAILS[event.category])
    adjective = pick_one(rng, ADJECTIVES).capitalize()
    if event.category == "industry" and len(event.actors) > 1:
        return f"{subject} {verb} {event.actors[1][0].name} in {adjective} {tail}"
    if event.category in ("models", "open-source"):
        product = f"{make_word(rng, 2)}-{pick_int(rng, 1, 9)}"
        return f"{subject} {verb} {product} {adjective} {tail}"
    return f"{subject} {verb} {adjective} {capitalize_words(pick_one(rng, NOUNS))} {tail}"


def name_events(rng: random.Random, events: list[Event], taken: set[str]) -> None:
    """Give every event a title, a unique id and its date text."""
    for event in events:
        event.title = make_event_title(rng, event)
        event.id = claim_unique(slugify(event.title), taken)
        event.file_id = event.id
        event.date_text = event.date.isoformat()
        event.actor_refs = [(actor.id, role) for actor, role in event.actors]


def make_tag_vocabulary(rng: random.Random) -> list[str]:
    """Invent a few hundred kebab-case tags, most common first."""
    taken: set[str] = set()
    tags: list[str] = []
    while len(tags) < TAG_VOCABULARY_SIZE:
        shape = rng.random()
        if shape < 0.3:
            tag = pick_one(rng, NOUNS)
        elif shape < 0.8:
            tag = f"{pick_one(rng, ADJECTIVES)}-{pick_one(rng, NOUNS)}"
        else:
            tag = f"{pick_one(rng, NOUNS)}-{pick_one(rng, PLURAL_NOUNS)}"
        if tag not in taken:
            taken.add(tag)
            tags.append(tag)
    return tags


def pick_regions(rng: random.Random, regions: Picker[str]) -> list[str]:
    """Pick zero, one or two regions."""
    if rng.random() >= REGION_SHARE:
        return []
    first = regions.pick(rng)
    if rng.random() < SECOND_REGION_SHARE:
        second = regions.pick(rng)
        if second != first:
            return [first, second]
    return [first]


def make_source_url(rng: random.Random, event: Event, kind: str, index: int) -> str:
    """Invent a URL on a synthetic host suited to the source type."""
    slug = f"{event.id}-{index}" if index else event.id
    day = event.date
    if kind == "official":
        owner = event.actors[0][0].id if event.actors else "press"
        return f"https://{owner.replace('-', '')[:24]}.example.com/news/{slug}"
    if kind in ("secondary_reporting", "secondary"):
        return (
            f"https://news-{pick_int(rng, 1, 60)}.example/"
            f"{day.year}/{day.month:02d}/{day.day:02d}/{slug}"
        )
    if kind == "primary_document":
        return f"https://docs-{pick_int(rng, 1, 30)}.example.org/filings/{slug}.pdf"
    if kind == "primary_recording":
        return f"https://media-{pick_int(rng, 1, 10)}.example.net/watch/{slug}"
    if kind in ("expert_interpretation", "commentary"):
        return f"https://analysis-{pick_int(rng, 1, 25)}.example.org/{day.year}/{slug}"
    return f"https://lab-{pick_int(rng, 1, 40)}.example.org/{slug}"


def make_publisher(url: str, kind: str, event: Event) -> str:
    """Name the publisher behind a source URL."""
    if kind == "official" and event.actors:
        return event.actors[0][0].name
    host = url.split("/")[2].split(".")[0]
    return capitalize_words(host.replace("-", " "))


def make_archive_url(rng: random.Random, url: str, kind: str, day: dt.date) -> str:
    """Return a web archive link; official sources only get pinned ones."""
    if kind != "official" and rng.random() >= ARCHIVE_PINNED_SHARE:
        return f"https://web.archive.org/web/*/{url}"
    stamp = (
        f"{day.year:04d}{day.month:02d}{day.day:02d}"
        f"{pick_int(rng, 0, 23):02d}{pick_int(rng, 0, 59):02d}{pick_int(rng, 0, 59):02d}"
    )
    return f"https://web.archive.org/web/{stamp}/{url}"


def make_source(prose: Prose, event: Event, kind: str, index: int) -> Source:
    """Invent one source of an event."""
    rng = prose.rng
    url = make_source_url(rng, event, kind, index)
    title = (
        f"{prose.name()} {prose.past().capitalize()} "
        f"{prose.adjective().capitalize()} {prose.noun().capitalize()}"
    )
    source = Source(url=url, title=title, type=kind)
    if rng.random() < SOURCE_PUBLISHER_SHARE:
        source.publisher = make_publisher(url, kind, event)
    if rng.random() < SOURCE_DATE_SHARE:
        source.date = add_days(event.date, pick_one(rng, (0, 0, 0, 1, 2, 5))).isoformat()
    if rng.random() < SOURCE_ACCESSED_SHARE:
        source.accessed = add_days(event.date, pick_int(rng, 0, 400)).isoformat()
    archive_share = OFFICIAL_ARCHIVE_SHARE if kind == "official" else OTHER_ARCHIVE_SHARE
    if rng.random() < archive_share:
        captured = add_days(event.date, pick_int(rng, 0, 400))
        source.archive_url = make_archive_url(rng, url, kind, captured)
    return source


def make_revision(rng: random.Random, event: Event, editors: list[str]) -> dict[str, str]:
    """Invent the review record of a published event."""
    created = add_days(event.date, pick_int(rng, 0, 400))
    reviewed = add_days(created, pick_int(rng, 0, 90))
    return {
        "created": created.isoformat(),
        "last_reviewed": reviewed.isoformat(),
        "draft_assistance": "ai-assisted",
        "final_author": pick_one(rng, editors),
    }


def fill_event_details(rng: random.Random, events: list[Event], editors: list[str]) -> None:
    """Add regions, tags, sources, end dates and revisions to every event."""
    tags = make_zipf_picker(make_tag_vocabulary(rng), TAG_ZIPF)
    tag_counts = make_picker(TAG_COUNT_WEIGHTS)
    regions = make_picker(REGION_WEIGHTS)
    source_counts = make_picker(SOURCE_COUNT_WEIGHTS)
    source_types = make_picker(SOURCE_TYPE_WEIGHTS)
    prose = Prose(rng, [])
    for event in events:
        event.regions = pick_regions(rng, regions)
        event.tags = tags.pick_distinct(rng, tag_counts.pick(rng))
        prose.names = [actor.name for actor, _ in event.actors] or ["the group"]
        event.sources = [
            make_source(prose, event, source_types.pick(rng), index)
            for index in range(source_counts.pick(rng))
        ]
        if rng.random() < END_DATE_SHARE and event.date < LAST_DATE:
            event.end_date = add_days(event.date, pick_int(rng, 1, 9)).isoformat()
        if rng.random() < PUBLISHED_SHARE:
            event.revision = make_revision(rng, event, editors)


# ---------------------------------------------------------------------------
# Threads, related links and controversies
# ---------------------------------------------------------------------------


def make_thread_title(rng: random.Random) -> str:
    """Invent a thread title."""
    shape = rng.random()
    if shape < 0.4:
        return (
            f"The {pick_one(rng, ADJECTIVES).capitalize()} "
            f"{pick_one(rng, NOUNS).capitalize()} {pick_one(rng, STATUS_WORDS)}"
        )
    if shape < 0.7:
        return (
            f"{pick_one(rng, NOUNS).capitalize()} and the "
            f"{pick_one(rng, ADJECTIVES).capitalize()} {pick_one(rng, NOUNS).capitalize()}"
        )
    return (
        f"{pick_one(rng, ADJECTIVES).capitalize()} "
        f"{pick_one(rng, PLURAL_NOUNS).capitalize()} and "
        f"{pick_one(rng, NOUNS).capitalize()} {pick_one(rng, STATUS_WORDS)}"
    )


def make_threads(
    rng: random.Random, count: int, editors: list[str], taken: set[str]
) -> list[Thread]:
    """Invent ``count`` empty threads."""
    threads: list[Thread] = []
    for _ in range(count):
        title = make_thread_title(rng)
        threads.append(
            Thread(
                id=claim_unique(slugify(title), taken),
                title=title,
                status="dormant" if rng.random() < THREAD_DORMANT_SHARE else "active",
                curator=pick_one(rng, editors),
                body_seed=rng.getrandbits(64),
            )
        )
    return threads


def assign_threads(rng: random.Random, events: list[Event], threads: list[Thread]) -> None:
    """Put events into threads; a few memberships stay unlisted by the thread."""
    picker = make_zipf_picker(threads, THREAD_ZIPF)
    counts = make_picker(THREAD_COUNT_WEIGHTS)
    for event in events:
        for thread in picker.pick_distinct(rng, counts.pick(rng)):
            event.threads.append(thread.id)
            thread.members.append(event)
    adopt_orphan_threads(rng, events, threads)
    for thread in threads:
        thread.listed = [
            event.id for event in thread.members if rng.random() < THREAD_MEMBER_LISTED_SHARE
        ] or [thread.members[0].id]
        dates = [event.date for event in thread.members]
        thread.started = min(dates)
        thread.last_updated = add_days(max(dates), pick_int(rng, 0, 30))


def adopt_orphan_threads(rng: random.Random, events: list[Event], threads: list[Thread]) -> None:
    """Give every thread without members at least one event."""
    for thread in threads:
        if thread.members:
            continue
        event = pick_one(rng, events)
        event.threads.append(thread.id)
        thread.members.append(event)
    for thread in threads:
        thread.members.sort(key=lambda event: event.date)


def link_related(rng: random.Random, events: list[Event]) -> None:
    """Link events to nearby events, mostly in both directions."""
    counts = make_picker(RELATED_COUNT_WEIGHTS)
    wanted = [counts.pick(rng) for _ in events]
    for index, event in enumerate(events):
        while wanted[index] > 0:
            partner = find_partner(rng, events, wanted, index)
            wanted[index] -= 1
            if partner < 0:
                continue
            event.related.append(events[partner].id)
            if wanted[partner] > 0 and rng.random() < RELATED_TWO_WAY_SHARE:
                events[partner].related.append(event.id)
                wanted[partner] -= 1


def find_partner(rng: random.Random, events: list[Event], wanted: list[int], index: int) -> int:
    """Find a nearby event to link to, preferring one that wants links."""
    linked = set(events[index].related)
    start = index + 1
    for other in range(start, min(start + RELATED_WINDOW, len(events))):
        if wanted[other] > 0 and events[other].id not in linked:
            return other
    low = max(0, index - RELATED_WINDOW)
    high = min(len(events) - 1, index + RELATED_WINDOW)
    for _ in range(5):
        other = pick_int(rng, low, high)
        if other != index and events[other].id not in linked:
            return other
    return -1


def make_reference(prose: Prose) -> tuple[str, str]:
    """Invent the URL and title of a source backing a position."""
    site = prose.pick(("policy", "journal", "news", "forum"))
    slug = f"{prose.noun()}-{prose.noun()}-{prose.number(100, 999)}"
    url = f"https://{site}-{prose.number(1, 40)}.example.org/{slug}"
    title = capitalize_words(f"{prose.adjective()} {prose.noun()} {prose.noun()}")
    return url, title


def make_position(
    rng: random.Random,
    prose: Prose,
    deck: list[str],
    labels: Sequence[str],
    all_labels: Sequence[str],
    actors: Picker[Actor],
) -> Position:
    """Invent one position; labels come from ``deck`` first, then reused."""
    proponents: list[str] = []
    for _ in range(pick_int(rng, 2, 7)):
        if rng.random() < LABEL_PROPONENT_SHARE:
            if rng.random() < 0.1:
                candidate = pick_one(rng, all_labels)
            elif deck:
                candidate = deck.pop()
            else:
                candidate = pick_one(rng, labels)
        else:
            candidate = actors.pick(rng).id
        if candidate not in proponents:
            proponents.append(candidate)
    sources = [make_reference(prose) for _ in range(pick_int(rng, 1, 2))]
    claim = prose.sentence().rstrip(".")
    confidence = pick_one(rng, ("medium", "medium", "medium", "high", "low"))
    return Position(claim, proponents, sources, confidence)


def make_controversies(
    rng: random.Random,
    count: int,
    threads: list[Thread],
    labels: list[str],
    actors: list[Actor],
    taken: set[str],
) -> list[Controversy]:
    """Attach ``count`` controversies to the biggest threads."""
    biggest = sorted(threads, key=lambda thread: -len(thread.members))[:count]
    actor_picker = make_zipf_picker(actors, ACTOR_ZIPF)
    share = max(1, len(labels) // max(count, 1))
    controversies: list[Controversy] = []
    for index, thread in enumerate(biggest):
        local = labels[index * share : (index + 1) * share] or labels
        deck = list(local)
        rng.shuffle(deck)
        prose = Prose(rng, [thread.title])
        noun_a, noun_b = pick_one(rng, NOUNS), pick_one(rng, NOUNS)
        title = (
            f"{capitalize_words(prose.adjective() + ' ' + noun_a)}: "
            f"{capitalize_words(prose.adjective())} {noun_b.capitalize()} "
            f"or {capitalize_words(prose.adjective())} Risk?"
        )
        positions = [
            make_position(rng, prose, deck, local, labels, actor_picker)
            for _ in range(pick_int(rng, 3, 5))
        ]
        controversy = Controversy(
            claim_unique(slugify(title), taken),
            title,
            thread,
            positions,
            rng.getrandbits(64),
        )
        thread.controversies.append(controversy.id)
        controversies.append(controversy)
    return controversies


def declare_groups(
    rng: random.Random, controversies: list[Controversy], labels: set[str]
) -> tuple[list[str], list[Group]]:
    """Collect labels used by proponents and declare most of them."""
    used = sorted(
        {
            name
            for controversy in controversies
            for position in controversy.positions
            for name in position.proponents
            if name in labels
        }
    )
    undeclared = set(rng.sample(used, round(len(used) * (1 - DECLARED_LABEL_SHARE))))
    groups = [describe_group(rng, label) for label in used if label not in undeclared]
    return used, groups


# ---------------------------------------------------------------------------
# Seeded problems
# ---------------------------------------------------------------------------


def make_bogus_id(rng: random.Random, taken: set[str], suffix: str) -> str:
    """Invent an id that names no record."""
    while True:
        candidate = f"{pick_one(rng, ADJECTIVES)}-{pick_one(rng, NOUNS)}-{suffix}"
        if candidate not in taken:
            return candidate


def seed_problem(rng: random.Random, kind: str, event: Event, taken: set[str]) -> None:
    """Break one event in the way named by ``kind``."""
    if kind == "unknown_thread":
        event.threads.append(make_bogus_id(rng, taken, "saga"))
    elif kind == "unknown_actor":
        event.actor_refs.append((make_bogus_id(rng, taken, "holdings"), "partner"))
    elif kind == "unknown_related":
        event.related.append(make_bogus_id(rng, taken, "announcement"))
    elif kind == "duplicate_source_url":
        duplicate_source_url(event)
    elif kind == "wildcard_archive_on_official":
        archive_official_source(event)
    elif kind == "end_date_before_date":
        event.end_date = (event.date - dt.timedelta(days=pick_int(rng, 1, 9))).isoformat()
    elif kind == "invalid_date":
        event.date_text = f"{event.date.year}-{pick_one(rng, INVALID_DAYS)}"
    elif kind == "unknown_field":
        event.extra_fields.append(f'{pick_one(rng, UNKNOWN_FIELDS)}: "{event.title}"')
    elif kind == "bad_category":
        event.category = pick_one(rng, BAD_CATEGORIES)
    elif kind == "filename_id_mismatch":
        event.file_id = make_bogus_id(rng, taken, event.id.split("-")[0])


def duplicate_source_url(event: Event) -> None:
    """Make two sources of an event share one URL."""
    first = event.sources[0]
    if len(event.sources) < 2:
        event.sources.append(Source(first.url, first.title + " Update", first.type))
        return
    second = event.sources[1]
    second.archive_url = second.archive_url.replace(second.url, first.url)
    second.url = first.url


def archive_official_source(event: Event) -> None:
    """Give an official source a wildcard archive link."""
    official = [source for source in event.sources if source.type == "official"]
    target = official[0] if official else event.sources[0]
    target.type = "official"
    target.archive_url = f"https://web.archive.org/web/*/{target.url}"


def seed_problems(
    seed: int, rate: float, events: list[Event], taken: set[str]
) -> dict[str, list[str]]:
    """Break about ``rate`` of the events, one problem each."""
    rng = random.Random(f"problems:{seed}")
    seeded: dict[str, list[str]] = {kind: [] for kind in PROBLEM_KINDS}
    for event in events:
        roll = rng.random()
        kind = pick_one(rng, PROBLEM_KINDS)
        if roll < rate:
            seed_problem(rng, kind, event, taken)
            seeded[kind].append(event.id)
    return seeded


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------


def render_sources(sources: list[Source]) -> list[str]:
    """Render an event's ``sources`` block."""
    lines = ["sources:"]
    for source in sources:
        lines.append(f"  - url: {source.url}")
        lines.append(f'    title: "{source.title}"')
        lines.append(f"    type: {source.type}")
        if source.publisher:
            lines.append(f"    publisher: {yaml_text(source.publisher)}")
        if source.date:
            lines.append(f"    date: {source.date}")
        if source.accessed:
            lines.append(f"    accessed: {source.accessed}")
        if source.archive_url:
            lines.append(f"    archive_url: {source.archive_url}")
    return lines


def render_event_lists(event: Event, published: bool) -> list[str]:
    """Render actors, regions, tags, threads and related of an event."""
    lines: list[str] = []
    if event.actor_refs:
        lines.append("actors:")
        for actor_id, role in event.actor_refs:
            lines.append(f"  - id: {actor_id}")
            lines.append(f"    role: {role}")
    if event.regions:
        lines.append(f"regions: [{', '.join(event.regions)}]")
    lines.append(f"tags: [{', '.join(event.tags)}]")
    lines.extend(event.extra_fields)
    lines.append(f"threads: [{', '.join(event.threads)}]")
    if event.related or published:
        lines.append(f"related: [{', '.join(event.related)}]")
    return lines


def render_event(event: Event, pool: Sequence[str]) -> str:
    """Render an event file."""
    published = bool(event.revision)
    lines = ["---", f"id: {event.id}", f'title: "{event.title}"', f"date: {event.date_text}"]
    if event.end_date:
        lines.append(f"end_date: {event.end_date}")
    lines.append(f"category: {event.category}")
    lines.append(f"significance: {event.significance}")
    if event.confidence:
        lines.append(f"confidence: {event.confidence}")
    if published:
        lines.extend(render_sources(event.sources))
        lines.extend(render_event_lists(event, published))
        lines.append("state: published")
        lines.append("revision:")
        lines.extend(f"  {key}: {value}" for key, value in event.revision.items())
    else:
        lines.extend(render_event_lists(event, published))
        lines.extend(render_sources(event.sources))
    lines.append("---")
    return "\n".join(lines) + "\n\n" + write_event_body(event, pool)


def render_thread(thread: Thread, pool: Sequence[str]) -> str:
    """Render a thread file."""
    prose = Prose(random.Random(thread.body_seed ^ 0x5EED), [thread.title])
    question = prose.question()
    lines = [
        "---",
        f"id: {thread.id}",
        f'title: "{thread.title}"',
        f"status: {thread.status}",
        f"started: {thread.started.isoformat()}",
        f'core_question: "{question}"',
        f"curator: {thread.curator}",
        "curator_scope: initial-synthesis",
        "contestation:",
        "  status: contested",
        "  challenge_window: open",
        f"last_updated: {thread.last_updated.isoformat()}",
        "events:" if thread.listed else "events: []",
        *(f"  - {event_id}" for event_id in thread.listed),
    ]
    if thread.controversies:
        lines.append("controversies:")
        lines.extend(f"  - {controversy}" for controversy in thread.controversies)
    lines.append("---")
    return "\n".join(lines) + "\n\n" + write_thread_body(thread, pool)


def render_controversy(controversy: Controversy, pool: Sequence[str]) -> str:
    """Render a controversy file."""
    lines = [
        "---",
        f"id: {controversy.id}",
        f'title: "{controversy.title}"',
        f"thread: {controversy.thread.id}",
        "status: active",
        "polarity: multi-axis",
        f"last_updated: {controversy.thread.last_updated.isoformat()}",
        "positions:",
    ]
    for position in controversy.positions:
        lines.append(f'  - claim: "{position.claim}"')
        lines.append(f"    proponents: [{', '.join(position.proponents)}]")
        lines.append("    sources:")
        for url, title in position.sources:
            lines.append(f"      - url: {url}")
            lines.append(f'        title: "{title}"')
        lines.append(f"    confidence: {position.confidence}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + write_controversy_body(controversy, pool)


def render_actor(actor: Actor) -> str:
    """Render an actor file."""
    lines = [f"id: {actor.id}", f"name: {yaml_text(actor.name)}", f"type: {actor.type}"]
    if actor.founded:
        lines.append(f"founded: {actor.founded}")
    if actor.website:
        lines.append(f"website: {actor.website}")
    lines.append("aliases:")
    lines.extend(f"  - {yaml_text(alias)}" for alias in actor.aliases)
    return "\n".join(lines) + "\n"


def render_group(group: Group) -> str:
    """Render a group file."""
    return f'id: {group.id}\nname: {yaml_text(group.name)}\ndescription: "{group.description}"\n'


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


CHUNK_SIZE = 250


@dataclass
class WriteJob:
    """What the writer processes share; they inherit it through fork."""

    ledger: Ledger
    content: Path
    event_paths: list[str]
    tasks: list[tuple[str, int]]


FORKED: dict[str, WriteJob] = {}


def number_events(events: list[Event]) -> list[str]:
    """Number events per year folder in date order and return their paths."""
    per_year: dict[int, int] = {}
    for event in events:
        per_year[event.date.year] = per_year.get(event.date.year, 0) + 1
    seen: dict[int, int] = {}
    paths: list[str] = []
    for event in events:
        year = event.date.year
        seen[year] = seen.get(year, 0) + 1
        width = max(2, len(str(per_year[year])))
        paths.append(f"events/{year}/{seen[year]:0{width}d}-{event.file_id}.md")
    return paths


def list_tasks(ledger: Ledger) -> list[tuple[str, int]]:
    """List every file to write as a (kind, index) pair."""
    sizes = {
        "event": len(ledger.events),
        "thread": len(ledger.threads),
        "controversy": len(ledger.controversies),
        "actor": len(ledger.actors),
        "group": len(ledger.groups),
        "gitkeep": len(EMPTY_FOLDERS),
    }
    return [(kind, index) for kind, size in sizes.items() for index in range(size)]


def render_task(job: WriteJob, kind: str, index: int) -> tuple[str, str]:
    """Render one file; return its path relative to content/ and its text."""
    ledger = job.ledger
    if kind == "event":
        return job.event_paths[index], render_event(ledger.events[index], ledger.pool)
    if kind == "thread":
        thread = ledger.threads[index]
        return f"threads/{thread.id}.md", render_thread(thread, ledger.pool)
    if kind == "controversy":
        item = ledger.controversies[index]
        return f"controversies/{item.id}.md", render_controversy(item, ledger.pool)
    if kind == "actor":
        actor = ledger.actors[index]
        return f"actors/{actor.id}.yml", render_actor(actor)
    if kind == "group":
        group = ledger.groups[index]
        return f"groups/{group.id}.yml", render_group(group)
    return f"{EMPTY_FOLDERS[index]}/.gitkeep", ""


def write_chunk(bounds: tuple[int, int]) -> int:
    """Render and write one slice of the task list; return the bytes written."""
    job = FORKED["job"]
    folder = f"{job.content}/"
    written = 0
    for kind, index in job.tasks[bounds[0] : bounds[1]]:
        relative, text = render_task(job, kind, index)
        written += write_file(folder + relative, text.encode("utf-8"))
    return written


def write_file(path: str, data: bytes) -> int:
    """Create or replace one file with as few system calls as possible."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)
    return len(data)


def make_folders(content: Path, event_paths: list[str]) -> None:
    """Create every folder the ledger needs before writing starts."""
    folders = {"threads", "controversies", "actors", "groups", *EMPTY_FOLDERS}
    folders.update(path.rsplit("/", 1)[0] for path in event_paths)
    for folder in sorted(folders):
        (content / folder).mkdir(parents=True, exist_ok=True)


def write_ledger(ledger: Ledger, content: Path, jobs: int) -> int:
    """Render and write every record with ``jobs`` processes; return bytes.

    Each file depends only on the finished ledger, so the split between
    processes cannot change what is written.
    """
    job = WriteJob(ledger, content, number_events(ledger.events), list_tasks(ledger))
    make_folders(content, job.event_paths)
    chunks = [
        (start, min(start + CHUNK_SIZE, len(job.tasks)))
        for start in range(0, len(job.tasks), CHUNK_SIZE)
    ]
    FORKED["job"] = job
    try:
        if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            return sum(write_chunk(chunk) for chunk in chunks)
        with multiprocessing.get_context("fork").Pool(jobs) as workers:
            return sum(workers.imap_unordered(write_chunk, chunks))
    finally:
        FORKED.clear()


# ---------------------------------------------------------------------------
# Orchestration
# ---------------------------------------------------------------------------


def build_ledger(events: int, seed: int, rate: float) -> Ledger:
    """Generate every record of a ledger with ``events`` events."""
    rng = random.Random(seed)
    taken: set[str] = set()
    actors = make_actors(rng, count_actors(events))
    taken.update(actor.id for actor in actors)
    editors = make_editors(rng, taken)
    skeletons = make_event_skeletons(rng, events, actors)
    name_events(rng, skeletons, taken)
    fill_event_details(rng, skeletons, editors)
    threads = make_threads(rng, max(1, round(events / EVENTS_PER_THREAD)), editors, taken)
    assign_threads(rng, skeletons, threads)
    link_related(rng, skeletons)
    controversy_count = min(len(threads), max(1, round(events / EVENTS_PER_CONTROVERSY)))
    labels = make_label_pool(rng, max(3, controversy_count * LABELS_PER_CONTROVERSY), taken)
    controversies = make_controversies(rng, controversy_count, threads, labels, actors, taken)
    used, groups = declare_groups(rng, controversies, set(labels))
    pool = make_sentence_pool(rng, events)
    ledger = Ledger(actors, skeletons, threads, controversies, groups, used, editors, pool)
    ledger.problems = seed_problems(seed, rate, skeletons, taken)
    return ledger


def summarize(ledger: Ledger, written: int, args: argparse.Namespace) -> dict[str, object]:
    """Build the manifest contents."""
    unlisted = sum(len(thread.members) - len(thread.listed) for thread in ledger.threads)
    return {
        "parameters": {"events": args.events, "seed": args.seed, "problems": args.problems},
        "counts": {
            "events": len(ledger.events),
            "threads": len(ledger.threads),
            "controversies": len(ledger.controversies),
            "actors": len(ledger.actors),
            "groups": len(ledger.groups),
            "gitkeep": len(EMPTY_FOLDERS),
        },
        "total_bytes": written,
        "natural_gaps": {
            "thread_memberships_not_listed_by_thread": unlisted,
            "group_labels_used_but_not_declared": len(ledger.used_labels) - len(ledger.groups),
        },
        "problems": {kind: len(ids) for kind, ids in ledger.problems.items()},
        "problem_events": ledger.problems,
    }


def format_summary(manifest: dict[str, object]) -> str:
    """Format the one-line summary printed at the end."""
    counts = manifest["counts"]
    problems = manifest["problems"]
    assert isinstance(counts, dict)
    assert isinstance(problems, dict)
    parts = [f"{kind}={number}" for kind, number in counts.items()]
    seeded = [f"{kind}={number}" for kind, number in problems.items()]
    total = sum(problems.values())
    return (
        " ".join(parts)
        + f" bytes={manifest['total_bytes']}"
        + f" problems={total} ({', '.join(seeded)})"
    )


def prepare_output(out: Path, force: bool) -> Path:
    """Check the output folder and clear old content when forced."""
    if out.exists() and not out.is_dir():
        raise SystemExit(f"error: {out} exists and is not a directory")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            raise SystemExit(f"error: {out} is not empty (use --force to replace its content/)")
        content = out / "content"
        if content.is_dir():
            shutil.rmtree(content)
        manifest = out / "MANIFEST.json"
        if manifest.is_file():
            manifest.unlink()
    out.mkdir(parents=True, exist_ok=True)
    return out / "content"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse command-line arguments."""
    parser = argparse.ArgumentParser(
        description="Write a synthetic ledger content tree for benchmarks.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "example:\n"
            "  python bench/generate_ledger.py --events 100000 --out /tmp/ledger-100k\n"
            "  python bench/generate_ledger.py --events 1000 --out /tmp/l1k "
            "--seed 7 --problems 0 --force"
        ),
    )
    parser.add_argument("--events", type=int, required=True, help="number of events")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--problems",
        type=float,
        default=0.01,
        help="share of events given one seeded problem (default 0.01)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=2,
        help="processes that render and write files (default 2; output is identical)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace content/ in a non-empty output folder",
    )
    args = parser.parse_args(argv)
    if args.events < 1:
        parser.error("--events must be at least 1")
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if not 0.0 <= args.problems <= 1.0:
        parser.error("--problems must be between 0 and 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the ledger described by the command line."""
    args = parse_args(argv)
    # Millions of small long-lived objects and no reference cycles worth
    # collecting: the cyclic collector would only slow generation down.
    gc.disable()
    content = prepare_output(args.out, args.force)
    ledger = build_ledger(args.events, args.seed, args.problems)
    written = write_ledger(ledger, content, args.jobs)
    manifest = summarize(ledger, written, args)
    (args.out / "MANIFEST.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(format_summary(manifest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
