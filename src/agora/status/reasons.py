"""The message of every reason a status can give, in English (the site translates them).

Codes are stable: pages, the JSON API and tests refer to them. ``{name}`` placeholders are
filled with the values the reason carries. A message whose wording follows a number is a
:class:`Plural`: its singular and plural forms, and the value that chooses between them.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["REASONS", "Plural"]


def N_(message: str) -> str:  # noqa: N802 - the conventional name for a deferred gettext marker
    """Mark ``message`` for translation without translating it here."""
    return message


class Plural(NamedTuple):
    """A message in two English forms; ``number`` names the value that chooses one."""

    singular: str
    plural: str
    number: str = "count"


def N_plural(singular: str, plural: str, number: str = "count") -> Plural:  # noqa: N802
    """Mark a :class:`Plural` for translation (``pybabel extract -k N_plural:1,2``)."""
    return Plural(singular, plural, number)


REASONS: dict[str, str | Plural] = {
    # publication
    "draft-state": N_("The record is marked as a draft."),
    "first-published": N_("First published on {date}, according to the ledger's history."),
    "published-undated": N_("Not found in the ledger's history; dated {date} by the record."),
    "published-unknown": N_("Not found in the ledger's history, and the record has no date."),
    "seventy-two-hours": N_plural(
        "Published {hours} hour after the event: early reports are often revised.",
        "Published {hours} hours after the event: early reports are often revised.",
        "hours",
    ),
    # contestation
    "case-open": N_("Challenge {case} is open."),
    "case-under-review": N_("Challenge {case} is under review."),
    "case-sustained": N_("Challenge {case} was sustained."),
    "case-partially-sustained": N_("Challenge {case} was partially sustained."),
    "case-dismissed": N_("Challenge {case} was dismissed."),
    "window-open": N_("The {days}-day challenge window is open until {until}."),
    "window-closed": N_("The {days}-day challenge window closed on {since} without a challenge."),
    "window-unknown": N_("Publication date unknown: no challenge window applies."),
    # evidence
    "no-sources": N_("No sources are given."),
    "correction-source": N_("A retraction or correction is among the sources: “{title}”."),
    "independent-sources": N_("{count} independent primary or reporting sources: {names}."),
    "one-independent-source": N_("Only one independent primary or reporting source: {names}."),
    "no-corroborating-source": N_("No primary or reporting source supports it."),
    "editorial-only": N_("Only editorial syntheses support it, and they never stand alone."),
    "same-group": N_("{count} sources from {names} count once: they are not independent."),
    "hearsay-capped": N_plural(
        "{count} unverified report cannot lift it above a single source.",
        "{count} unverified reports cannot lift it above a single source.",
    ),
    "editorial-not-sole": N_plural(
        "{count} editorial synthesis does not count as independent support.",
        "{count} editorial syntheses do not count as independent support.",
    ),
    "interpretation-capped": N_plural(
        "{count} interpretation cannot corroborate on its own.",
        "{count} interpretations cannot corroborate on their own.",
    ),
    "untyped-capped": N_plural(
        "{count} source has no type and cannot corroborate.",
        "{count} sources have no type and cannot corroborate.",
    ),
    "pooled": N_plural(
        "Sources pooled from the {count} event it covers.",
        "Sources pooled from the {count} events it covers.",
    ),
    # editorial
    "no-review": N_("No review is recorded."),
    "reviewed-on": N_("Reviewed on {date}."),
    "finalised-by": N_("Final text by {name}."),
    "controversy-updated": N_("Positions last curated on {date}."),
    "proposed": N_plural(
        "Proposed; {count} of the three reviewers has ratified it.",
        "Proposed; {count} of the three reviewers have ratified it.",
    ),
    "ratified": N_("Ratified by {count} reviewers: {names}."),
    "ratify-needs-two": N_plural(
        "Marked ratified, but only {count} reviewer signed: two are needed.",
        "Marked ratified, but only {count} reviewers signed: two are needed.",
    ),
    "deprecated": N_("Deprecated by the editors."),
    "summary-revised": N_("Its summary was revised by {revision} on {date}."),
    # consensus
    "consensus-established": N_(
        "{count} independent sources, editorial acceptance and no open challenge."
    ),
    "needs-three": N_("Consensus needs three independent sources; it has {count}."),
    "needs-acceptance": N_("Consensus needs editorial acceptance."),
    "open-challenge": N_("Challenge {case} is still open."),
    "evidence-under-review": N_("Its evidence is under review."),
    "not-current": N_("It no longer stands."),
    # temporal
    "current": N_("No decision has superseded or retracted it."),
    "superseded-by": N_("Superseded by {by} on {date}."),
    "retracted-by": N_("Retracted by {by} on {date}."),
    "typed-superseded": N_(
        "The record calls itself superseded, but only a resolution can supersede a claim."
    ),
}
