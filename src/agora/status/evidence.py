"""Evidence: how many independent typed sources support a claim.

Sources that are not independent of each other count once. Two sources are in one
independence group when they declare the same ``independence_group``; a source without one
shares a group with every source of the same publisher or the same registrable domain
(``news.example.co.uk`` and ``example.co.uk`` are one domain). Groups are closed under that
relation: a wire story carried by two outlets joins them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from agora.models import Source
from agora.status.dimensions import Dimension, Evidence, Reason, reason

__all__ = [
    "CORROBORATING",
    "SUPPORTING",
    "derive_evidence",
    "independence_keys",
    "independent_groups",
    "registrable_domain",
    "weigh",
]

CORROBORATING = frozenset({"primary", "secondary"})
"""Source families that can corroborate: primary documents and secondary reporting."""

SUPPORTING = frozenset({"primary", "secondary", "interpretation", "hearsay", "untyped"})
"""Families that can support a claim on their own (editorial syntheses never can)."""

_SECOND_LEVEL = frozenset(
    {"ac", "co", "com", "edu", "go", "gov", "gv", "ltd", "mil", "ne", "net", "nic", "or", "org"}
)
_PUNCTUATION = re.compile(r"[^\w]+")
_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^@/?#]*@)?([^:/?#]*)", re.IGNORECASE)


def family(source: Source) -> str:
    """The family a source's type belongs to; ``untyped`` when it has none."""
    return "untyped" if source.type is None else source.type.family


@lru_cache(maxsize=1 << 18)
def registrable_domain(url: str) -> str:
    """The domain a site registers: the last two labels of the host, or three under a
    country's second level (``bbc.co.uk``). '' when the address has no host."""
    match = _HOST.match(url.strip())
    host = match.group(1).casefold().rstrip(".") if match else ""
    labels = [label for label in host.split(".") if label]
    if len(labels) > 2 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _publisher_key(publisher: str) -> str:
    words = _PUNCTUATION.sub(" ", publisher.casefold()).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def independence_keys(source: Source) -> tuple[str, ...]:
    """What ties a source to others: its declared group, else its publisher and domain."""
    return _keys(source.independence_group, source.publisher, source.url)


@lru_cache(maxsize=1 << 18)
def _keys(group: str | None, publisher: str | None, url: str) -> tuple[str, ...]:
    if group and group.strip():
        return ("group:" + group.strip().casefold(),)
    keys = []
    name = _publisher_key(publisher) if publisher else ""
    if name:
        keys.append("publisher:" + name)
    domain = registrable_domain(url)
    if domain:
        keys.append("domain:" + domain)
    return tuple(keys) or ("url:" + url.strip(),)


def independent_groups(sources: Sequence[Source]) -> list[tuple[int, ...]]:
    """The sources (by index) partitioned into independence groups, in first-seen order."""
    parent = list(range(len(sources)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    first_with: dict[str, int] = {}
    for index, source in enumerate(sources):
        for key in independence_keys(source):
            seen = first_with.setdefault(key, index)
            a, b = root(seen), root(index)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for index in range(len(sources)):
        groups.setdefault(root(index), []).append(index)
    return [tuple(members) for members in groups.values()]


def derive_evidence(sources: Sequence[Source]) -> Dimension[Evidence]:
    """The evidence dimension of a claim with these sources (see :func:`weigh`)."""
    return weigh(sources)[0]


def weigh(sources: Sequence[Source]) -> tuple[Dimension[Evidence], int]:
    """The evidence dimension of a claim with these sources, and how many independent
    groups hold a primary or secondary-reporting source (none while under review).

    - a retraction or correction source puts the claim under review, whatever else;
    - no source: unsourced; only editorial syntheses: unsupported (never sole support);
    - two or more independent groups with a primary or secondary-reporting source:
      corroborated;
    - otherwise single-source: hearsay, interpretation and untyped sources never lift a
      claim above it.
    """
    corrections = [s for s in sources if family(s) == "correction"]
    if corrections:
        reasons = tuple(reason("correction-source", title=s.title) for s in corrections)
        return Dimension("evidence", Evidence.UNDER_REVIEW, reasons), 0
    if not sources:
        return Dimension("evidence", Evidence.UNSOURCED, (reason("no-sources"),)), 0
    groups = independent_groups(sources)
    strong = [g for g in groups if any(family(sources[i]) in CORROBORATING for i in g)]
    notes = _notes(sources, groups)
    if len(strong) >= 2:
        found = reason("independent-sources", count=len(strong), names=_names(sources, strong))
        return Dimension("evidence", Evidence.CORROBORATED, (found, *notes)), len(strong)
    if any(family(s) in SUPPORTING for s in sources):
        if strong:
            found = reason("one-independent-source", names=_names(sources, strong))
        else:
            found = reason("no-corroborating-source")
        return Dimension("evidence", Evidence.SINGLE_SOURCE, (found, *notes)), len(strong)
    return Dimension("evidence", Evidence.UNSUPPORTED, (reason("editorial-only"), *notes)), 0


def _names(sources: Sequence[Source], groups: Sequence[tuple[int, ...]]) -> str:
    """One name per group: the publisher, else the domain, of its first source."""
    names = []
    for group in groups:
        first = sources[group[0]]
        names.append(first.publisher or registrable_domain(first.url) or first.title)
    return ", ".join(names)


def _notes(sources: Sequence[Source], groups: Sequence[tuple[int, ...]]) -> tuple[Reason, ...]:
    """Reasons that explain what did not count: merged groups, hearsay, editorial."""
    notes = [
        reason("same-group", count=len(group), names=_names(sources, [group]))
        for group in groups
        if len(group) > 1
    ]
    for kind, code in (
        ("hearsay", "hearsay-capped"),
        ("editorial", "editorial-not-sole"),
        ("interpretation", "interpretation-capped"),
        ("untyped", "untyped-capped"),
    ):
        count = sum(1 for s in sources if family(s) == kind)
        if count:
            notes.append(reason(code, count=count))
    return tuple(notes)
