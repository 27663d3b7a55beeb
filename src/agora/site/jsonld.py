"""Structured data for search engines (schema.org JSON-LD), one object per record page."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from agora.models import Controversy, Entry, Event, Kind, Post, Thread, position_letter
from agora.site.markdown import strip_markdown

__all__ = ["for_record", "script"]

_RATINGS = {"high": 4, "medium": 3, "low": 2, "disputed": 1}
"""Confidence as a ClaimReview rating, 1 (worst) to 4 (best)."""


def for_record(model: Any, entry: Entry[Any]) -> dict[str, Any] | None:
    """The JSON-LD of one record's page, or None for kinds without a fitting type."""
    record = entry.record
    if isinstance(record, Event):
        summary = entry.document.section("Summary")
        return {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": record.title,
            "startDate": record.date.isoformat(),
            **({"endDate": record.end_date.isoformat()} if record.end_date else {}),
            "description": strip_markdown(summary.text if summary else "", 300),
            "eventStatus": "https://schema.org/EventScheduled",
            "location": {"@type": "VirtualLocation", "name": ", ".join(record.regions) or "global"},
            "subjectOf": [
                {"@type": "CreativeWork", "url": s.url, "name": s.title} for s in record.sources
            ],
        }
    if isinstance(record, Controversy):
        return {
            "@context": "https://schema.org",
            "@graph": [
                _claim_review(record, index)
                for index in range(len(record.positions))
                if record.positions[index].confidence
            ],
        }
    if isinstance(record, Thread):
        return {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": record.title,
            "about": record.core_question,
            "author": {"@type": "Person", "name": record.curator},
        }
    if isinstance(record, Post):
        return {
            "@context": "https://schema.org",
            "@type": "BlogPosting",
            "headline": record.title,
            "datePublished": record.date.isoformat(),
            "author": {"@type": "Person", "name": record.author},
            "inLanguage": record.language,
            "keywords": ", ".join(record.tags),
        }
    if entry.record.kind is Kind.ACTOR:
        actor_type = "Person" if record.type.value == "individual" else "Organization"
        return {
            "@context": "https://schema.org",
            "@type": actor_type,
            "name": record.name,
            **({"url": record.website} if record.website else {}),
        }
    return None


def _claim_review(controversy: Controversy, index: int) -> dict[str, Any]:
    position = controversy.positions[index]
    confidence = position.confidence.value if position.confidence else ""
    return {
        "@type": "ClaimReview",
        "name": f"{controversy.title or controversy.id} — position {position_letter(index)}",
        "claimReviewed": position.claim,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": _RATINGS[confidence],
            "bestRating": 4,
            "worstRating": 1,
            "alternateName": f"{confidence} confidence",
        },
        "itemReviewed": {
            "@type": "Claim",
            "appearance": [
                {"@type": "CreativeWork", "url": s.url, "name": s.title} for s in position.sources
            ],
        },
    }


def script(data: dict[str, Any] | None) -> Markup:
    """A ``<script type="application/ld+json">`` element, safe inside HTML."""
    if not data:
        return Markup("")
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    return Markup(f'<script type="application/ld+json">{text}</script>')
