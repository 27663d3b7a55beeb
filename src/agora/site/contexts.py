"""What each template is given: one function per page type, from the site model."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from agora.models import (
    Actor,
    Controversy,
    Entry,
    Event,
    Group,
    Kind,
    Post,
    Thread,
    position_letter,
    title_of,
)
from agora.models.controversy import position_index
from agora.models.lifecycle import Action, MemoSubject
from agora.models.links import link_rows
from agora.models.source import ARCHIVE_REQUIRED
from agora.site import jsonld
from agora.site.anchors import Anchors, position_anchors
from agora.site.graph import graph_data
from agora.site.markdown import strip_markdown
from agora.site.model import SiteModel, contestation
from agora.site.urls import record_url
from agora.status.derive import claim_key
from agora.status.timeline import timeline

__all__ = ["Pager", "facet_index", "facet_list", "home", "record", "simple"]

_WORDS_PER_MINUTE = 200
_EXPECTED_FIRST = {
    Kind.EVENT: "Summary",
    Kind.THREAD: "Canonical Synthesis",
    Kind.CONTROVERSY: "Context",
}


@dataclass(frozen=True, slots=True)
class Incoming:
    """A record that links to the page's record, as the page lists it."""

    kind: Kind
    id: str
    title: str
    fields: tuple[str, ...]
    """The fields the links are written in, without positions (``positions.proponents``),
    in the order they were first found."""


def _linked_from(model: SiteModel, kind: Kind, record_id: str) -> list[Incoming]:
    """Each record that links here, once, with every field it links from."""
    fields: dict[tuple[Kind, str], dict[str, None]] = {}
    for link in model.links.backlinks(kind, record_id):
        fields.setdefault((link.kind, link.id), {})[_FIELD_INDEX.sub("", link.field)] = None
    found = []
    for (source_kind, source_id), named in fields.items():
        source = model.ledger.get(source_kind, source_id)
        title = _readable_title(source) if source is not None else source_id
        found.append(Incoming(source_kind, source_id, title, tuple(named)))
    return found


_FIELD_INDEX = re.compile(r"\[\d+\]")


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a page sits in a paginated list.

    A list filtered by a query (on the live server) pages with ``?…&page=N`` instead of
    ``page/N/``.
    """

    base: str
    number: int
    pages: int
    total: int
    query: str = ""

    def path(self, number: int) -> str:
        """The path of page ``number``."""
        if self.query:
            return f"{self.base}?{self.query}" + (f"&page={number}" if number > 1 else "")
        return self.base if number == 1 else f"{self.base}page/{number}/"

    @property
    def previous(self) -> str | None:
        """The previous page's path."""
        return self.path(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        """The next page's path."""
        return self.path(self.number + 1) if self.number < self.pages else None


def _page(title: str, path: str, section: str, **extra: Any) -> dict[str, Any]:
    """What the base template needs of a page. ``title`` and ``description`` are a record's
    own text; an interface page leaves them empty and gives its title (and the home page its
    description) in its template's ``title`` block, in the page's language."""
    return {"title": title, "path": path, "section": section, "description": "", **extra}


def home(model: SiteModel) -> dict[str, Any]:
    """The main page: what the ledger is, counts, featured and recent entries, threads."""
    counts = model.ledger.counts()
    return {
        "page": _page("", "/", "home"),
        "counts": counts,
        "featured": model.featured(),
        "recent": model.events[:10],
        "threads": model.active_threads()[:6],
        "controversies": model.active_controversies()[:6],
        "categories": model.facets().get("category", []),
        "model": model,
    }


def explorer(
    model: SiteModel,
    chunk: list[Entry[Event]],
    pager: Pager,
    selected: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """The timeline: every event (or those the filters in ``selected`` keep), newest first."""
    return {
        "page": _page("", "/events/", "events"),
        "events": chunk,
        "pager": pager,
        "facets": model.facets(),
        "model": model,
        "selected": selected or {},
    }


_INDEXES = {
    "category": ("/categories/", ("category",)),
    "tag": ("/tags/", ("tag",)),
    "year": ("/years/", ("year",)),
    "browse": ("/browse/", ("significance", "confidence", "contestation", "region")),
}
"""Each index of facet values: its path and the facets it lists."""


def facet_index(model: SiteModel, name: str) -> dict[str, Any]:
    """Every value of one facet (or, for ``browse``, of the facets without an index of
    their own) with its count of events."""
    path, facets = _INDEXES[name]
    found = model.facets()
    return {
        "page": _page("", path, "events"),
        "index": name,
        "groups": [(facet, found.get(facet, [])) for facet in facets],
        "model": model,
    }


def facet_list(
    model: SiteModel, facet: str, value: str, chunk: list[Entry[Event]], pager: Pager
) -> dict[str, Any]:
    """The events with one value of one facet."""
    return {
        "page": _page("", pager.path(pager.number), "events"),
        "facet": facet,
        "value": value,
        "events": chunk,
        "pager": pager,
        "model": model,
    }


def simple(model: SiteModel, name: str) -> dict[str, Any]:
    """About, search and the 404 page."""
    path = {"404": "/404.html"}.get(name, f"/{name}/")
    return {"page": _page("", path, name), "model": model, "counts": model.ledger.counts()}


def graph(model: SiteModel) -> dict[str, Any]:
    """The graph page: nodes and links, drawn by script, listed as text without it."""
    return {"page": _page("", "/graph/", "graph"), "graph": graph_data(model), "model": model}


def kind_index(model: SiteModel, kind: Kind) -> dict[str, Any]:
    """Every record of one kind."""
    entries = list(model.ledger.entries(kind))
    if kind is Kind.POST:
        entries = model.posts
    else:
        entries.sort(key=lambda e: title_of(e.record).casefold())
    return {
        "page": _page("", f"/{kind.folder}/", kind.folder),
        "kind": kind,
        "entries": entries,
        "model": model,
    }


def record(model: SiteModel, kind: Kind, record_id: str) -> dict[str, Any]:
    """The page of one record."""
    entry = model.ledger.get(kind, record_id)
    if entry is None:  # pragma: no cover - pages are listed from the ledger itself
        raise KeyError(record_id)
    document = entry.document
    first_title = _EXPECTED_FIRST.get(kind)
    first = document.section(first_title) if first_title else None
    context: dict[str, Any] = {
        "page": _page(
            _readable_title(entry),
            f"/{kind.folder}/{record_id}/",
            kind.folder,
            description=strip_markdown(first.text if first else document.preamble, 200),
        ),
        "entry": entry,
        "record": entry.record,
        "kind": kind,
        "lead": first,
        "sections": [s for s in document.sections if s is not first],
        "preamble": document.preamble,
        "backlinks": _linked_from(model, kind, record_id),
        "source_path": f"/source/{document.path}",
        "last_changed": model.last_changed(document.path),
        "model": model,
    }
    extra = _EXTRA.get(kind)
    if extra is not None:
        context.update(extra(model, entry))
        shown = {(e.document.kind, e.id) for e in _listed(kind, context) if e is not None}
        # "Linked from" names only what the page does not list already.
        context["backlinks"] = [b for b in context["backlinks"] if (b.kind, b.id) not in shown]
    context.update(_epistemics(model, kind, entry, first))
    positions = context.get("positions", ())
    anchors = Anchors(p["anchor"] + end for p in positions for end in ("", "-title"))
    context["anchors"] = anchors.sections(context["sections"])
    # The id of a controversy's "Status" section when only a revision gives it one.
    context["status_anchor"] = anchors.claim("status")
    context["json_ld"] = jsonld.for_record(model, entry)
    return context


def _listed(kind: Kind, context: dict[str, Any]) -> list[Entry[Any] | None]:
    """The records a page of ``kind`` lists in sections of its own (see :data:`_EXTRA`)."""
    if kind is Kind.EVENT:
        return [*context["related"], *context["threads"]]
    if kind is Kind.THREAD:
        return [*context["events"], *context["controversies"]]
    if kind is Kind.CONTROVERSY:
        return [*context["related_events"], context["thread"]]
    if kind is Kind.ACTOR:
        years = [i.event for _, involvements in context["by_year"] for i in involvements]
        return [*years, *(h.controversy for h in context["holdings"]), *context["groups"]]
    if kind is Kind.GROUP:
        return [h.controversy for h in context["holdings"]]
    return []


_SUMMARY = {
    Kind.EVENT: "Summary",
    Kind.THREAD: "Canonical Synthesis",
    Kind.CONTROVERSY: "Status",
}
"""The section a summary revision replaces on each kind's page."""


def _claim_keys(kind: Kind, entry: Entry[Any]) -> list[str]:
    if kind is Kind.CONTROVERSY:
        return [f"{entry.id}#{position_letter(i)}" for i in range(len(entry.record.positions))]
    return [entry.id] if kind in (Kind.EVENT, Kind.SYNTHESIS) else []


def _epistemics(model: SiteModel, kind: Kind, entry: Entry[Any], lead: Any) -> dict[str, Any]:
    """The canonical layer and the three reading modes: the badge (reader), the six
    dimensions with their reasons (analyst), commits, field-level edits and lifecycle
    records (auditor), and the timeline."""
    statuses = [s for key in _claim_keys(kind, entry) if (s := model.statuses.get(key))]
    canonical = model.canonical.get(entry.id)
    commits = model.commits.get(entry.path, ())
    edits = model.edits.get(entry.path, ())
    current = canonical.current if canonical else None
    title = _SUMMARY.get(kind)
    original = entry.document.section(title) if title and current else None
    if current is not None and title is None:
        current = None  # a kind without a summary section shows its revisions in the auditor view
    options = model.status_options
    moments = []
    if options is not None and kind in (Kind.EVENT, Kind.CONTROVERSY, Kind.SYNTHESIS):
        first = options.published.get(entry.path)  # as the status has it
        published = first.date() if first else None
        moments = timeline(
            entry.record,
            statuses,
            edits,
            published,
            options.challenge_window_days,
            options.today,
            lambda ref: claim_key(model.ledger, ref),
        )
    return {
        "statuses": statuses,
        "badge_status": statuses[0] if len(statuses) == 1 else None,
        "canonical": canonical,
        "revised": (
            {"title": title, "revision": current, "original": original} if current else None
        ),
        "revised_lead": current is not None and (original is None or original is lead),
        "commits": list(reversed(commits)),
        "edits": list(reversed(edits)),
        "lifecycle": _lifecycle_records(model, canonical),
        "timeline": moments,
        "case_claims": {c.challenge.id: s.claim.key for s in statuses for c in s.cases},
        "modes": bool(statuses or canonical or commits),
    }


def _lifecycle_records(model: SiteModel, canonical: Any) -> list[Entry[Any]]:
    """Every lifecycle record bearing on a record: its cases, their resolutions, its
    revisions and the memos that read it, in that order, each once."""
    if canonical is None:
        return []
    found: list[Entry[Any] | None] = []
    for case in canonical.cases:
        found.append(model.ledger.get(Kind.CHALLENGE, case.challenge.id))
        if case.resolution is not None:
            found.append(model.ledger.get(Kind.RESOLUTION, case.resolution.id))
    found.extend(canonical.revisions)
    found.extend(canonical.memos)
    unique = {(e.document.kind, e.id): e for e in found if e is not None}
    return list(unique.values())


_MATES = 6
"""Thread-mates shown on an event's page."""


def _event(model: SiteModel, entry: Entry[Event]) -> dict[str, Any]:
    event = entry.record
    related = model.related.get(entry.id, [])
    listed = {other.id for other in related}
    # The closest in date, shown once (not again when related) and newest first, as
    # every list of events is.
    mates = [m for m in model.thread_mates(entry, _MATES + len(listed)) if m.id not in listed]
    return {
        "threads": model.event_threads.get(entry.id, []),
        "actors": [(model.actor(a.id), a) for a in event.actors],
        "related": related,
        "mates": _newest_first(mates[:_MATES]),
        "sisters": _newest_first(model.sister_entries(entry)),
        "contestation": contestation(event),
        "sources": [_source(s) for s in event.sources],
    }


def _newest_first(events: list[Entry[Event]]) -> list[Entry[Event]]:
    return sorted(events, key=lambda e: (e.record.date, e.id), reverse=True)


def _thread(model: SiteModel, entry: Entry[Thread]) -> dict[str, Any]:
    events = model.thread_events.get(entry.id, [])
    return {
        "events": events,
        "controversies": model.thread_controversies.get(entry.id, []),
        "curator_actor": model.actor(entry.record.curator),
        "span": (events[0].record.date, events[-1].record.date) if events else None,
    }


def _controversy(model: SiteModel, entry: Entry[Controversy]) -> dict[str, Any]:
    controversy = entry.record
    positions = []
    anchors = position_anchors(controversy.positions)
    for index, position in enumerate(controversy.positions):
        positions.append(
            {
                "letter": position_letter(index),
                "position": position,
                "anchor": anchors[index],
                "proponents": [proponent(model, p) for p in dict.fromkeys(position.proponents)],
                "sources": [_source(s) for s in position.sources],
                "status": model.statuses.get(f"{entry.id}#{position_letter(index)}"),
            }
        )
    everyone = list(dict.fromkeys(p for pos in controversy.positions for p in pos.proponents))
    matrix = [
        (proponent(model, who), [who in pos.proponents for pos in controversy.positions])
        for who in everyone
    ]
    related = [e for e in (model.event(i) for i in controversy.related_events) if e is not None]
    return {
        "positions": positions,
        "matrix": matrix,
        "thread": model.thread(controversy.thread),
        "related_events": sorted(related, key=lambda e: (e.record.date, e.id), reverse=True),
    }


def _actor(model: SiteModel, entry: Entry[Actor]) -> dict[str, Any]:
    involvements = model.involvements.get(entry.id, [])
    by_year: dict[int, list[Any]] = defaultdict(list)
    for involvement in involvements:
        by_year[involvement.event.record.date.year].append(involvement)
    return {
        "holdings": model.holdings.get(entry.id, []),
        "by_year": sorted(by_year.items(), reverse=True),
        "roles": Counter(i.role for i in involvements).most_common(),
        "groups": [g for g in model.ledger.groups if entry.id in g.record.members],
    }


def _group(model: SiteModel, entry: Entry[Group]) -> dict[str, Any]:
    return {
        "holdings": model.holdings.get(entry.id, []),
        "members": [(m, model.actor(m)) for m in entry.record.members],
    }


def _post(model: SiteModel, entry: Entry[Post]) -> dict[str, Any]:
    words = len(entry.document.body.split())
    return {
        "reading_minutes": max(1, round(words / _WORDS_PER_MINUTE)),
        "controversies": [
            c
            for c in (model.ledger.get(Kind.CONTROVERSY, i) for i in entry.record.controversies)
            if c
        ],
        "threads": [t for t in (model.thread(i) for i in entry.record.threads) if t],
        "author_actor": model.actor(entry.record.author),
    }


_LONG_FIELDS = frozenset({"reason", "prior_version", "new_version", "findings"})
"""Fields shown as text in the page's body, not in its metadata box."""
_PEOPLE_FIELDS = frozenset({"opened_by", "decided_by", "author", "ratified_by"})


def _lifecycle(model: SiteModel, entry: Entry[Any]) -> dict[str, Any]:
    """A lifecycle record's fields as a reader sees them: labelled, dates as dates, people
    and records by name with a link, actions as sentences, long texts in the body."""
    record_ = entry.record
    linked: dict[tuple[str, str], Entry[Any] | None] = {}
    for field, target, value in link_rows(record_):
        linked[str(field[0]), value] = _resolve(model, target, value)
    fields: list[tuple[str, list[dict[str, Any]]]] = []
    texts: list[tuple[str, tuple[str, ...]]] = []
    for name, info in type(record_).model_fields.items():
        value = getattr(record_, name)
        if name == "id" or value is None or value in ((), "") or value == info.default:
            continue
        items = value if isinstance(value, tuple) else (value,)
        if name in _LONG_FIELDS:
            texts.append((name, tuple(str(item) for item in items)))
        else:
            fields.append((name, [_shown(model, name, item, linked) for item in items]))
    return {"fields": fields, "texts": texts}


def _shown(
    model: SiteModel, name: str, value: Any, linked: dict[tuple[str, str], Entry[Any] | None]
) -> dict[str, Any]:
    """One value of a lifecycle record's field, as the template shows it."""
    if isinstance(value, Action):
        changes = [
            (key, (value.from_ or {}).get(key), (value.to or {}).get(key))
            for key in dict.fromkeys([*(value.from_ or {}), *(value.to or {})])
        ]
        claim = _shown(model, "actions", value.claim_id, linked) if value.claim_id else None
        made = None
        for kind, made_id in (
            (Kind.REVISION, value.summary_revision_id),
            (Kind.MEMO, value.memo_id),
        ):
            found = model.ledger.get(kind, made_id) if made_id else None
            if found is not None:
                made = _link(found)
        return {
            "shown": "action",
            "type": value.type.value,
            "claim": claim,
            "changes": changes,
            "made": made,
        }
    if isinstance(value, MemoSubject):
        return _shown(model, "subject", value.id, linked)
    if isinstance(value, date):
        return {"shown": "date", "value": value}
    if isinstance(value, StrEnum):
        vocabulary = "allegation" if name == "allegations" else name
        return {"shown": "label", "value": value.value, "vocabulary": vocabulary}
    text = str(value)
    if (name, text) in linked:
        found = linked[name, text]
        if found is None:
            return {"shown": "missing", "value": text}
        if "#" in text and found.document.kind is Kind.CONTROVERSY:  # a position's anchor
            positions = found.record.positions
            index = position_index([p.id for p in positions], text.rpartition("#")[2])
            if index is not None:
                return _link(found, position_anchors(positions)[index], position_letter(index))
        return _link(found)
    if name in _PEOPLE_FIELDS:
        actor = model.actor(text)
        if actor is not None:
            return _link(actor)
    return {"shown": "text", "value": text}


def _link(entry: Entry[Any], anchor: str = "", letter: str = "") -> dict[str, Any]:
    """A record shown as a link to its page (to a position's ``anchor`` on it)."""
    href = record_url(entry.document.kind, entry.id) + (f"#{anchor}" if anchor else "")
    shown = {"shown": "link", "href": href, "text": _readable_title(entry)}
    return {**shown, "letter": letter} if letter else shown


def _readable_title(entry: Entry[Any]) -> str:
    """What a record is called on a page: its title, name, claim or thesis, else its id
    in words (``governance-position-overstated`` → "Governance position overstated")."""
    title = title_of(entry.record)
    return title.replace("-", " ").capitalize() if title == entry.id else title


_EXTRA: dict[Kind, Callable[[SiteModel, Any], dict[str, Any]]] = {
    Kind.EVENT: _event,
    Kind.THREAD: _thread,
    Kind.CONTROVERSY: _controversy,
    Kind.ACTOR: _actor,
    Kind.GROUP: _group,
    Kind.POST: _post,
    Kind.CHALLENGE: _lifecycle,
    Kind.RESOLUTION: _lifecycle,
    Kind.REVISION: _lifecycle,
    Kind.MEMO: _lifecycle,
    Kind.SYNTHESIS: _lifecycle,
    Kind.PERSPECTIVE: _lifecycle,
}


def proponent(model: SiteModel, who: str) -> dict[str, Any]:
    """A proponent as shown: a registered actor (linked), a declared group label (linked to
    its page) or an undeclared label (shown in words, never linked: it has no page)."""
    actor = model.actor(who)
    if actor is not None:
        return {
            "kind": "actor",
            "id": who,
            "name": actor.record.name,
            "path": record_url(Kind.ACTOR, who),
        }
    group = model.group(who)
    if group is not None:
        return {
            "kind": "group",
            "id": who,
            "name": group.record.name,
            "path": record_url(Kind.GROUP, who),
        }
    return {"kind": "label", "id": who, "name": label_name(who, model.name_words), "path": None}


_SPELLED = {
    "ai": "AI",
    "agi": "AGI",
    "asi": "ASI",
    "ml": "ML",
    "llm": "LLM",
    "llms": "LLMs",
    "nlp": "NLP",
    "rl": "RL",
    "uk": "UK",
    "eu": "EU",
    "un": "UN",
}
"""Words a label spells in lower case that are written otherwise."""
_MINOR = frozenset(
    {"a", "an", "and", "at", "by", "for", "in", "like", "of", "on", "or", "the", "to", "vs", "with"}
)


def label_name(label: str, spellings: Mapping[str, str]) -> str:
    """An undeclared group label in words, as a name: ``gary-marcus`` → "Gary Marcus",
    ``ai-skeptics`` → "AI Skeptics", ``openai-leadership`` → "OpenAI Leadership" when
    ``spellings`` (lower case → as written) knows ``OpenAI``. A label with capitals or
    spaces is kept as written."""
    if label != label.lower() or " " in label:
        return label
    words = [w for w in re.split(r"[-_]+", label) if w]
    if not words:
        return label
    shown = []
    for index, word in enumerate(words):
        if word in spellings:
            shown.append(spellings[word])
        elif word in _SPELLED:
            shown.append(_SPELLED[word])
        elif index and word in _MINOR:
            shown.append(word)
        else:
            shown.append(word[:1].upper() + word[1:])
    return " ".join(shown)


def _source(source: Any) -> dict[str, Any]:
    kind = source.type.value if source.type else "untyped"
    return {
        "source": source,
        "type": kind,
        "family": source.type.family if source.type else "untyped",
        "needs_archive": source.type in ARCHIVE_REQUIRED and not source.archive_url,
    }


def _resolve(model: SiteModel, target: str, value: str) -> Entry[Any] | None:
    kind = Kind.named(target)
    if kind is not None:
        return model.ledger.get(kind, value)
    if target in ("claim", "summary"):
        return model.ledger.resolve_claim(value)
    if target == "proponent":
        return model.actor(value) or model.group(value)
    return None
