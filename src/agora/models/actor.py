"""Actors (registered organisations and people) and group labels (collective proponents)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field, WithJsonSchema

from agora.models.fields import IdList, RecordId, RecordModel, Text
from agora.models.kinds import Kind

__all__ = ["Actor", "ActorType", "Group"]


class ActorType(StrEnum):
    """What an actor is."""

    COMPANY = "company"
    GOVERNMENT = "government"
    RESEARCH_LAB = "research-lab"
    INDIVIDUAL = "individual"
    ORGANIZATION = "organization"


def _year_as_text(value: Any) -> Any:
    # A bare year is read as an integer; keep one type for the field.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


_Founded = Annotated[
    str,
    BeforeValidator(_year_as_text),
    WithJsonSchema({"type": ["integer", "string"]}),
]


class Actor(RecordModel):
    """A registered entity that events and positions refer to by id."""

    kind: ClassVar[Kind] = Kind.ACTOR

    id: RecordId
    name: Text
    type: ActorType
    founded: _Founded | None = Field(default=None, description="Year founded, or a date.")
    website: str | None = Field(default=None, json_schema_extra={"format": "uri"})
    aliases: tuple[str, ...] = Field(default=(), description="Other names and abbreviations.")

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by every alias."""
        return (self.name, *self.aliases)


class Group(RecordModel):
    """A declared group label such as ``open-source-community``, used as a proponent.

    A label names a loose collective that is not one registered actor; declaring it gives
    it a name and a description and lets the checker tell a label from a typo.
    """

    kind: ClassVar[Kind] = Kind.GROUP

    id: RecordId
    name: Text
    description: str | None = None
    members: IdList = Field(default=(), description="Registered actors known to belong.")
