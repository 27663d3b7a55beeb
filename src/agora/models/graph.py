"""The link graph: what the checks between files need to know of each record, and no more.

A :class:`Node` is small (an id, the links the record declares, an actor's names, a
controversy's position ids), so a node made in a worker process costs little to send back,
and a graph of a 100,000-event ledger fits in memory many times over. Nodes can carry the
positions of their link fields, so problems found between files are placed without the
file's data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from agora.models.actor import Actor
from agora.models.controversy import Controversy, parse_claim, position_index
from agora.models.event import Event
from agora.models.kinds import CLAIM_KINDS, Kind
from agora.models.lifecycle import Challenge, Resolution, Revision
from agora.models.links import LinkRow, link_rows
from agora.models.problem import FieldPath
from agora.models.synthesis import Synthesis
from agora.models.validation import Validated

__all__ = ["Graph", "LifecycleRecord", "Node", "Place", "node_of"]

LifecycleRecord = Challenge | Resolution | Revision | Synthesis
"""Records whose state machine the lifecycle checks follow; few, small, carried whole."""

Place = tuple[int, int, int, int]
"""Where a field is: line, column, key line, key column."""


@dataclass(frozen=True, slots=True)
class Node:
    """One record as the graph sees it.

    Attributes:
        kind: the record's kind.
        id: the id the file declares (even when the record is invalid), or None.
        path: the file.
        valid: whether the record passed validation; only valid records declare links.
        links: the links it declares.
        names: an actor's name and aliases.
        positions: a controversy's position ids (None for a position without one).
        sources: ids of an event's sources.
        places: where some fields are, as ``(line, column, key line, key column)``.
        lifecycle: a challenge, resolution, revision or synthesis, whole (they are few).
    """

    kind: Kind
    id: str | None
    path: str
    valid: bool = False
    links: tuple[LinkRow, ...] = ()
    names: tuple[str, ...] = ()
    positions: tuple[str | None, ...] = ()
    sources: tuple[str, ...] = ()
    places: Mapping[FieldPath, Place] = field(default_factory=dict)
    lifecycle: LifecycleRecord | None = None

    def __reduce__(self) -> tuple[type[Node], tuple[object, ...]]:
        # Pickled as the constructor's arguments: nodes are sent back from worker processes.
        return (
            Node,
            (
                self.kind,
                self.id,
                self.path,
                self.valid,
                self.links,
                self.names,
                self.positions,
                self.sources,
                dict(self.places),
                self.lifecycle,
            ),
        )


def node_of(
    validated: Validated,
    places: Callable[[list[FieldPath]], Mapping[FieldPath, Place]] | None = None,
) -> Node:
    """The node of one validated document.

    ``places``, when given, finds where fields are in the file (the reader knows how); the
    node then records the places of its id, its link fields and an actor's names.
    """
    document, record = validated.document, validated.record
    if record is None:  # its id still counts, and I002 still points at it
        id_place = places([("id",)]) if places is not None else {}
        return Node(document.kind, document.raw_id, document.path, places=id_place)
    links = tuple(link_rows(record))
    names: tuple[str, ...] = record.names if isinstance(record, Actor) else ()
    positions: tuple[str | None, ...] = (
        tuple(position.id for position in record.positions)
        if isinstance(record, Controversy)
        else ()
    )
    sources: tuple[str, ...] = (
        tuple(source.id for source in record.sources if source.id)
        if isinstance(record, Event)
        else ()
    )
    lifecycle = record if isinstance(record, LifecycleRecord) else None
    found: Mapping[FieldPath, Place] = {}
    if places is not None:
        fields: list[FieldPath] = [("id",), *(link[0] for link in links)]
        if lifecycle is not None:
            fields += [(name,) for name in _LIFECYCLE_FIELDS]
        if names:
            fields += [("name",), *(("aliases", index) for index in range(len(names) - 1))]
        found = places(fields)
    return Node(
        document.kind,
        record.id,
        document.path,
        True,
        links,
        names,
        positions,
        sources,
        found,
        lifecycle,
    )


_LIFECYCLE_FIELDS = ("status", "disposition", "issued_at", "ratified_by", "fork_group")
"""Fields the lifecycle checks point at besides links (placed when a file has them)."""


class Graph:
    """Every node of a ledger, indexed by kind and id."""

    def __init__(self, nodes: Iterable[Node]) -> None:
        self.nodes: tuple[Node, ...] = tuple(sorted(nodes, key=lambda node: node.path))
        self._ids: dict[Kind, set[str]] = {kind: set() for kind in Kind}
        self._valid: dict[Kind, dict[str, Node]] = {kind: {} for kind in Kind}
        for node in self.nodes:
            if node.id is not None:
                self._ids[node.kind].add(node.id)
                if node.valid:
                    self._valid[node.kind].setdefault(node.id, node)
        self.source_ids = frozenset(s for node in self.nodes for s in node.sources)

    def has(self, kind: Kind, record_id: str) -> bool:
        """Whether any file of ``kind`` declares ``record_id``, valid or not."""
        return record_id in self._ids[kind]

    def ids(self, kind: Kind) -> AbstractSet[str]:
        """Every id declared by a file of ``kind`` (a read-only view)."""
        return self._ids[kind]

    def get(self, kind: Kind, record_id: str) -> Node | None:
        """The first valid node of ``kind`` with ``record_id``."""
        return self._valid[kind].get(record_id)

    def of_kind(self, kind: Kind) -> Iterable[Node]:
        """The valid nodes of ``kind``, in path order."""
        return (node for node in self.nodes if node.kind is kind and node.valid)

    def resolves_claim(self, ref: str) -> bool:
        """Whether a claim reference names a record (or a controversy's position)."""
        parsed = parse_claim(ref)
        if parsed is None:
            return False
        record_id, position = parsed
        if position is not None:
            controversy = self.get(Kind.CONTROVERSY, record_id)
            return (
                controversy is not None
                and position_index(controversy.positions, position) is not None
            )
        return any(self.get(kind, record_id) is not None for kind in CLAIM_KINDS)
