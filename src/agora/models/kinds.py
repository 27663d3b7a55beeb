"""The record kinds a ledger holds and the content folder of each."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["CLAIM_KINDS", "SUMMARY_KINDS", "Kind"]


class Kind(StrEnum):
    """A record kind; its value is the singular name used in messages and URLs."""

    EVENT = "event"
    THREAD = "thread"
    CONTROVERSY = "controversy"
    ACTOR = "actor"
    GROUP = "group"
    CHALLENGE = "challenge"
    RESOLUTION = "resolution"
    REVISION = "revision"
    MEMO = "memo"
    SYNTHESIS = "synthesis"
    PERSPECTIVE = "perspective"
    POST = "post"

    @property
    def folder(self) -> str:
        """The folder under ``content/`` that holds records of this kind."""
        return _FOLDERS[self]

    @property
    def plural(self) -> str:
        """Plural name, for counts and headings."""
        return _PLURALS.get(self, self.value + "s")

    @classmethod
    def from_folder(cls, folder: str) -> Kind | None:
        """The kind whose folder is ``folder``, or None."""
        return _BY_FOLDER.get(folder)

    @classmethod
    def named(cls, value: str) -> Kind | None:
        """The kind whose value is ``value`` (``"event"``), or None."""
        return _BY_VALUE.get(value)


_PLURALS = {
    Kind.CONTROVERSY: "controversies",
    Kind.SYNTHESIS: "syntheses",
}
_FOLDERS = {kind: _PLURALS.get(kind, kind.value + "s") for kind in Kind}
_BY_FOLDER = {folder: kind for kind, folder in _FOLDERS.items()}
_BY_VALUE = {kind.value: kind for kind in Kind}

CLAIM_KINDS = (Kind.EVENT, Kind.SYNTHESIS, Kind.CONTROVERSY, Kind.THREAD)
"""Kinds a claim reference may name by id (a controversy's position is named with '#')."""

SUMMARY_KINDS = (Kind.SYNTHESIS, Kind.THREAD, Kind.EVENT, Kind.CONTROVERSY)
"""Kinds whose canonical summary a revision may replace."""
