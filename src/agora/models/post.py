"""Authored writing: community posts and signed perspectives."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from agora.models.event import Category
from agora.models.fields import IdList, IsoDate, RecordId, RecordModel, Text
from agora.models.kinds import Kind

__all__ = ["LANGUAGE_PATTERN", "Perspective", "Post"]

LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
"""A BCP 47 language tag such as ``en``, ``ko`` or ``pt-BR``."""


class Post(RecordModel):
    """A community article about a debate (category, tags, author, language, body)."""

    kind: ClassVar[Kind] = Kind.POST

    id: RecordId
    title: str = Field(min_length=5, max_length=200)
    date: IsoDate
    author: Text = Field(description="Contributor handle or actor id.")
    category: Category
    tags: tuple[str, ...] = ()
    language: str = Field(
        default="en",
        pattern=LANGUAGE_PATTERN,
        description="BCP 47 language tag, e.g. 'en' or 'ko'.",
    )
    summary: str | None = None
    controversies: IdList = ()
    threads: IdList = ()
    events: IdList = ()


class Perspective(RecordModel):
    """A signed first-person viewpoint on a thread, controversy, position or event."""

    kind: ClassVar[Kind] = Kind.PERSPECTIVE

    id: RecordId
    title: str = Field(min_length=5, max_length=200)
    author: Text
    date: IsoDate
    about: Text = Field(
        description="What it argues about: a record id, or '<controversy-id>#<position>'."
    )
    affiliation: str | None = None
    language: str = Field(default="en", pattern=LANGUAGE_PATTERN)
