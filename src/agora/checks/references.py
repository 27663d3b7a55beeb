"""Reference problems: ids that name no record, undeclared group labels, self-references."""

from __future__ import annotations

from collections.abc import Iterator

from agora.checks._text import did_you_mean
from agora.models import Kind, Ledger, Problem, problem
from agora.models.links import CLAIM, PROPONENT, SUMMARY, Link, declared_links

__all__ = ["check_references"]

_SUGGEST_UP_TO = 2_000
"""Above this many candidate ids, skip 'did you mean' (it would cost more than it helps)."""

_CODE_BY_KIND = {
    Kind.THREAD: "R001",
    Kind.EVENT: "R002",
    Kind.ACTOR: "R003",
    Kind.CONTROVERSY: "R004",
    Kind.CHALLENGE: "R005",
}


def check_references(ledger: Ledger) -> Iterator[Problem]:
    """Unknown targets (R001–R006), undeclared labels (R007), self-references (R008)."""
    source_ids = {
        source.id for entry in ledger.events for source in entry.record.sources if source.id
    }
    for ref in declared_links(ledger):
        if ref.target == PROPONENT:
            yield from _proponent(ledger, ref)
            continue
        if (
            isinstance(ref.target, Kind)
            and ref.target is ref.source_kind
            and (ref.value == ref.source_id)
        ):
            yield problem(
                "R008",
                ref.path,
                f"{ref.source_kind.value} {ref.source_id!r} lists itself",
                field=ref.field,
            )
            continue
        if _exists(ledger, ref, source_ids):
            continue
        yield _unknown(ledger, ref)


def _exists(ledger: Ledger, ref: Link, source_ids: set[str]) -> bool:
    if isinstance(ref.target, Kind):
        return ledger.has(ref.target, ref.value)
    if ref.target == CLAIM:
        return ledger.resolve_claim(ref.value) is not None
    if ref.target == SUMMARY:
        return any(
            ledger.has(kind, ref.value)
            for kind in (Kind.SYNTHESIS, Kind.THREAD, Kind.EVENT, Kind.CONTROVERSY)
        )
    return ref.value in source_ids


def _unknown(ledger: Ledger, ref: Link) -> Problem:
    if isinstance(ref.target, Kind):
        what = ref.target.value
        candidates = ledger.ids(ref.target)
        code = _CODE_BY_KIND.get(ref.target, "R006")
    else:
        what = {CLAIM: "claim", SUMMARY: "record"}.get(ref.target, "source")
        candidates = frozenset()
        code = "R006"
    hint = None
    if len(candidates) <= _SUGGEST_UP_TO:
        suggestion = did_you_mean(ref.value, candidates).strip()
        if suggestion:
            hint = suggestion
    return problem(
        code,
        ref.path,
        f"{what} {ref.value!r} does not exist",
        hint=hint,
        field=ref.field,
    )


def _proponent(ledger: Ledger, ref: Link) -> Iterator[Problem]:
    if ledger.has(Kind.ACTOR, ref.value) or ledger.has(Kind.GROUP, ref.value):
        return
    label = ref.value
    name = label.replace("-", " ").capitalize()
    close = ""
    actors = ledger.ids(Kind.ACTOR)
    if len(actors) <= _SUGGEST_UP_TO:
        close = did_you_mean(label, actors).replace("?", "? (an actor)")
    yield problem(
        "R007",
        ref.path,
        f"proponent {label!r} is neither a registered actor nor a declared group label",
        hint=(
            f"{close.strip()} If it is a group, declare it in content/groups/{label}.yml:\n"
            f"  id: {label}\n  name: {name}\n  description: Who this label covers."
        ).strip(),
        field=ref.field,
    )
