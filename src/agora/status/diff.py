"""Field-level differences between two versions of a record's data."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["FieldChange", "diff_data", "short"]

_WIDTH = 100


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One change: the field (``sources``, ``revision.final_author``), what it was and is."""

    field: str
    top: str
    before: str
    after: str

    def describe(self) -> str:
        """``field: before → after`` on one line; a list's items as ``+added −removed``."""
        if not self.before or not self.after:
            return f"{self.field}: {self.before or self.after}"
        return f"{self.field}: {self.before} → {self.after}"


def short(value: Any) -> str:
    """A value on one line, cut to a readable width ('—' for nothing)."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, Mapping):
        text = ", ".join(f"{k}={short(v)}" for k, v in value.items())
    elif isinstance(value, list | tuple):
        text = "[" + ", ".join(short(v) for v in value) + "]"
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= _WIDTH else text[: _WIDTH - 1] + "…"


def diff_data(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[FieldChange]:
    """Every changed field, top-level keys in the order the new version has them.

    Mappings are compared key by key (``revision.final_author``); lists of sources are
    matched by address, so a replaced source shows as one removed and one added; other
    lists show the items added and removed.
    """
    keys = [*after, *(k for k in before if k not in after)]
    return [
        change
        for key in keys
        for change in _values(str(key), str(key), before.get(key), after.get(key))
    ]


def _values(name: str, top: str, old: Any, new: Any) -> Iterator[FieldChange]:
    if old == new:
        return
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        for key in [*new, *(k for k in old if k not in new)]:
            yield from _values(f"{name}.{key}", top, old.get(key), new.get(key))
        return
    if _addressed(old) and _addressed(new):
        yield from _by_address(name, top, old, new)
        return
    if isinstance(old, list) and isinstance(new, list) and _scalars(old) and _scalars(new):
        removed = [v for v in old if v not in new]
        added = [v for v in new if v not in old]
        if not removed and not added:
            yield FieldChange(name, top, "order " + short(old), "order " + short(new))
            return
        yield FieldChange(
            name, top, "−" + short(removed) if removed else "", "+" + short(added) if added else ""
        )
        return
    yield FieldChange(name, top, short(old), short(new))


def _scalars(values: list[Any]) -> bool:
    return all(not isinstance(v, Mapping | list) for v in values)


def _addressed(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, Mapping) and "url" in v for v in value)


def _by_address(name: str, top: str, old: list[Any], new: list[Any]) -> Iterator[FieldChange]:
    before = {str(item["url"]): item for item in old}
    after = {str(item["url"]): item for item in new}
    for url, item in before.items():
        if url not in after:
            yield FieldChange(f"{name}[{url}]", top, "removed “" + _title(item, url) + "”", "")
    for url, item in after.items():
        if url not in before:
            yield FieldChange(f"{name}[{url}]", top, "", "added “" + _title(item, url) + "”")
        elif before[url] != item:
            yield from _values(f"{name}[{url}]", top, before[url], item)


def _title(item: Mapping[str, Any], url: str) -> str:
    return short(item.get("title") or url)
