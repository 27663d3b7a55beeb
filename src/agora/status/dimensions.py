"""The six dimensions of a claim's status, their values, and the reasons behind each value."""

from __future__ import annotations

from enum import StrEnum
from typing import Generic, NamedTuple, TypeVar

from agora.status.reasons import REASONS, Plural

__all__ = [
    "Consensus",
    "Contestation",
    "Dimension",
    "Editorial",
    "Evidence",
    "Publication",
    "Reason",
    "Temporal",
]


class Publication(StrEnum):
    """Whether the claim is out: a draft, or published (and since when)."""

    DRAFT = "draft"
    PUBLISHED = "published"


class Contestation(StrEnum):
    """Where the claim stands with challenges (precedence: challenged, sustained, then the
    window)."""

    WINDOW_OPEN = "window_open"
    UNCONTESTED = "uncontested"
    CHALLENGED = "challenged"
    SUSTAINED = "sustained"


class Evidence(StrEnum):
    """How well independent typed sources support the claim."""

    UNSOURCED = "unsourced"
    UNSUPPORTED = "unsupported"
    SINGLE_SOURCE = "single_source"
    CORROBORATED = "corroborated"
    UNDER_REVIEW = "under_review"

    @property
    def rank(self) -> int:
        """Order of support: unsourced 0 … corroborated 3; under review sits apart (-1)."""
        return _EVIDENCE_RANKS[self]


_EVIDENCE_RANKS = {
    Evidence.UNDER_REVIEW: -1,
    Evidence.UNSOURCED: 0,
    Evidence.UNSUPPORTED: 1,
    Evidence.SINGLE_SOURCE: 2,
    Evidence.CORROBORATED: 3,
}


class Editorial(StrEnum):
    """What the editors have done with the claim."""

    DRAFT = "draft"
    UNREVIEWED = "unreviewed"
    REVIEWED = "reviewed"
    PROPOSED = "proposed"
    RATIFIED = "ratified"
    DEPRECATED = "deprecated"

    @property
    def accepted(self) -> bool:
        """Editorial acceptance, as consensus needs it: reviewed or ratified."""
        return self in (Editorial.REVIEWED, Editorial.RATIFIED)


class Consensus(StrEnum):
    """Whether the claim is settled knowledge."""

    ABSENT = "absent"
    EMERGING = "emerging"
    ESTABLISHED = "established"


class Temporal(StrEnum):
    """Whether the claim still stands; superseded or retracted only through a decision."""

    CURRENT = "current"
    SUPERSEDED = "superseded"
    RETRACTED = "retracted"


class Reason(NamedTuple):
    """Why a dimension has its value: a stable code and the values its message names.

    A named tuple, not a dataclass: a large ledger makes a million of them, and the values
    become text only when a message is shown."""

    code: str
    params: tuple[tuple[str, object], ...] = ()

    @property
    def template(self) -> str | Plural:
        """The English message, with ``{name}`` placeholders (translated by the site); a
        :class:`Plural` when its wording follows one of the values."""
        return REASONS[self.code]

    @property
    def number(self) -> int:
        """The value a :class:`Plural` message follows (1 for any other message)."""
        template = self.template
        if not isinstance(template, Plural):
            return 1
        value = dict(self.params)[template.number]
        assert isinstance(value, int)  # checked by reason()
        return value

    def message(self, template: str | None = None) -> str:
        """The message with its values filled in (``template`` replaces the English one)."""
        if template is None:
            english = self.template
            if isinstance(english, Plural):
                template = english.singular if self.number == 1 else english.plural
            else:
                template = english
        return template.format_map(dict(self.params))


def reason(code: str, **params: object) -> Reason:
    """A :class:`Reason`; unknown codes, and a plural message without its whole number,
    fail at once (every code has a message, and the number chooses its form)."""
    template = REASONS.get(code)
    if template is None:
        raise KeyError(f"no message for reason {code!r}")
    if isinstance(template, Plural):
        number = params.get(template.number)
        if not isinstance(number, int) or isinstance(number, bool):
            raise TypeError(f"reason {code!r} needs a whole number {template.number}=")
    return Reason(code, tuple(params.items()))


V = TypeVar("V", bound=StrEnum)


class Dimension(NamedTuple, Generic[V]):
    """One dimension of a status: its value and the reasons that produced it."""

    name: str
    value: V
    reasons: tuple[Reason, ...]
