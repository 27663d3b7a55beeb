"""Display names of vocabulary values (categories, levels, types), marked for translation.

Values in records stay as written (``open-source``); pages show these names, translated.
"""

from __future__ import annotations

__all__ = ["LABELS", "N_"]


def N_(message: str) -> str:  # noqa: N802 - the conventional name for a deferred gettext marker
    """Mark ``message`` for the catalog without translating it here."""
    return message


LABELS: dict[str, dict[str, str]] = {
    "category": {
        "policy": N_("Policy"),
        "models": N_("Models"),
        "research": N_("Research"),
        "industry": N_("Industry"),
        "safety": N_("Safety"),
        "culture": N_("Culture"),
        "open-source": N_("Open Source"),
    },
    "significance": {
        "landmark": N_("Landmark"),
        "major": N_("Major"),
        "notable": N_("Notable"),
        "unset": N_("Not rated"),
    },
    "confidence": {
        "high": N_("High confidence"),
        "medium": N_("Medium confidence"),
        "low": N_("Low confidence"),
        "disputed": N_("Disputed"),
        "unset": N_("Confidence not stated"),
    },
    "contestation": {
        "uncontested": N_("Uncontested"),
        "contested": N_("Contested"),
        "superseded": N_("Superseded"),
        "unresolved": N_("Unresolved"),
        "not recorded": N_("Contestation not recorded"),
    },
    "source": {
        "primary": N_("Primary"),
        "secondary": N_("Secondary"),
        "commentary": N_("Commentary"),
        "official": N_("Official"),
        "primary_document": N_("Primary document"),
        "primary_recording": N_("Primary recording"),
        "primary_dataset": N_("Primary dataset"),
        "secondary_reporting": N_("Reporting"),
        "expert_interpretation": N_("Expert interpretation"),
        "editorial_synthesis": N_("Editorial synthesis"),
        "hearsay_unverified": N_("Unverified hearsay"),
        "retraction": N_("Retraction"),
        "correction": N_("Correction"),
        "untyped": N_("Untyped"),
    },
    "actor": {
        "company": N_("Company"),
        "government": N_("Government"),
        "research-lab": N_("Research lab"),
        "individual": N_("Person"),
        "organization": N_("Organization"),
    },
    "kind": {
        "event": N_("Event"),
        "thread": N_("Thread"),
        "controversy": N_("Controversy"),
        "actor": N_("Actor"),
        "group": N_("Group"),
        "challenge": N_("Challenge"),
        "resolution": N_("Resolution"),
        "revision": N_("Revision"),
        "memo": N_("Memo"),
        "synthesis": N_("Synthesis"),
        "perspective": N_("Perspective"),
        "post": N_("Post"),
    },
    "kinds": {
        "event": N_("Events"),
        "thread": N_("Threads"),
        "controversy": N_("Controversies"),
        "actor": N_("Actors"),
        "group": N_("Groups"),
        "challenge": N_("Challenges"),
        "resolution": N_("Resolutions"),
        "revision": N_("Revisions"),
        "memo": N_("Memos"),
        "synthesis": N_("Syntheses"),
        "perspective": N_("Perspectives"),
        "post": N_("Posts"),
    },
    "status": {
        "active": N_("Active"),
        "dormant": N_("Dormant"),
        "resolved": N_("Resolved"),
        "open": N_("Open"),
        "under_review": N_("Under review"),
        "sustained": N_("Sustained"),
        "dismissed": N_("Dismissed"),
        "partially_sustained": N_("Partially sustained"),
        "proposed": N_("Proposed"),
        "ratified": N_("Ratified"),
        "deprecated": N_("Deprecated"),
        "superseded": N_("Superseded"),
        "forked": N_("Forked"),
        "draft": N_("Draft"),
        "published": N_("Published"),
        "challenged": N_("Challenged"),
        "uncontested": N_("Uncontested"),
    },
    "polarity": {"binary": N_("Two-sided"), "multi-axis": N_("Multi-axis")},
    "link": {
        "actors": N_("as an actor"),
        "threads": N_("as one of its threads"),
        "thread": N_("as its thread"),
        "events": N_("as one of its events"),
        "related": N_("as related"),
        "related_events": N_("as a related event"),
        "positions": N_("as a proponent"),
        "controversies": N_("as one of its controversies"),
        "members": N_("as a member"),
        "target_claim_id": N_("as the claim it challenges"),
        "case_id": N_("as the challenge it resolves"),
        "target_summary_id": N_("as the summary it revises"),
    },
}
"""Display name of each value, by vocabulary."""
