"""The record kinds a ledger holds and the content folder of each."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Kind"]


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


_PLURALS = {
    Kind.CONTROVERSY: "controversies",
    Kind.SYNTHESIS: "syntheses",
}
_FOLDERS = {kind: _PLURALS.get(kind, kind.value + "s") for kind in Kind}
_BY_FOLDER = {folder: kind for kind, folder in _FOLDERS.items()}
