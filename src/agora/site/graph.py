"""The graph of records and their links, for the graph page and its text fallback."""

from __future__ import annotations

from typing import Any

from agora.models import Kind
from agora.models.links import declared_links
from agora.site.model import SiteModel
from agora.site.urls import record_url

__all__ = ["graph_data"]

_KINDS = (Kind.THREAD, Kind.CONTROVERSY, Kind.EVENT, Kind.ACTOR, Kind.GROUP)
_MAX_EVENTS = 400
"""Beyond this many events the drawing shows the most recent ones; the text lists all."""


def graph_data(model: SiteModel) -> dict[str, Any]:
    """Nodes (threads, controversies, recent events, actors, groups) and the links between
    them, in a fixed order, and how many nodes of each kind are drawn (for the legend)."""
    shown_events = {e.id for e in model.events[:_MAX_EVENTS]}
    nodes: dict[tuple[str, str], dict[str, Any]] = {}
    for kind in _KINDS:
        for entry in model.ledger.entries(kind):
            if kind is Kind.EVENT and entry.id not in shown_events:
                continue
            title = getattr(entry.record, "title", None) or getattr(entry.record, "name", entry.id)
            nodes[(kind.value, entry.id)] = {
                "id": f"{kind.value}:{entry.id}",
                "kind": kind.value,
                "label": title,
                "path": record_url(kind, entry.id),
            }
    links = []
    for declared in declared_links(model.ledger):
        target_kind = declared.target.value if isinstance(declared.target, Kind) else None
        if declared.target == "proponent":
            target_kind = "actor" if model.actor(declared.value) else "group"
        source = (declared.source_kind.value, declared.source_id)
        target = (target_kind or "", declared.value)
        if source in nodes and target in nodes:
            links.append({"source": nodes[source]["id"], "target": nodes[target]["id"]})
    unique = sorted({(link["source"], link["target"]) for link in links})
    by_id = {node["id"]: node for node in nodes.values()}
    outgoing: dict[str, list[dict[str, Any]]] = {}
    for source_id, target_id in unique:
        outgoing.setdefault(source_id, []).append(by_id[target_id])
    ordered = sorted(nodes.values(), key=lambda n: n["id"])
    shown = [node["kind"] for node in ordered]
    return {
        "nodes": ordered,
        "kinds": [(kind.value, shown.count(kind.value)) for kind in _KINDS if kind.value in shown],
        "links": [{"source": s, "target": t} for s, t in unique],
        "outline": [(node, outgoing[node["id"]]) for node in ordered if node["id"] in outgoing],
        "events_shown": len(shown_events),
        "events_total": len(model.events),
    }
