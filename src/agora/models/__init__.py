"""Record types and the values that flow between reader, checks and status (pure, no IO)."""

from agora.models.actor import Actor, ActorType, Group
from agora.models.codes import CODES, Code, problem
from agora.models.controversy import Controversy, Position, position_letter
from agora.models.document import Document, Section
from agora.models.event import (
    ActorRole,
    Category,
    Confidence,
    Event,
    EventActor,
    Significance,
)
from agora.models.kinds import Kind
from agora.models.ledger import Entry, Ledger, build_ledger
from agora.models.lifecycle import Challenge, Memo, Resolution, Revision
from agora.models.post import Perspective, Post
from agora.models.problem import FieldPath, Problem, Severity, format_field
from agora.models.records import RECORD_TYPES, Record, title_of
from agora.models.schema import json_schema, json_schemas
from agora.models.source import Source, SourceType
from agora.models.synthesis import Synthesis
from agora.models.thread import Thread
from agora.models.validation import FieldError, Validated, validate_document

__all__ = [
    "CODES",
    "RECORD_TYPES",
    "Actor",
    "ActorRole",
    "ActorType",
    "Category",
    "Challenge",
    "Code",
    "Confidence",
    "Controversy",
    "Document",
    "Entry",
    "Event",
    "EventActor",
    "FieldError",
    "FieldPath",
    "Group",
    "Kind",
    "Ledger",
    "Memo",
    "Perspective",
    "Position",
    "Post",
    "Problem",
    "Record",
    "Resolution",
    "Revision",
    "Section",
    "Severity",
    "Significance",
    "Source",
    "SourceType",
    "Synthesis",
    "Thread",
    "Validated",
    "build_ledger",
    "format_field",
    "json_schema",
    "json_schemas",
    "position_letter",
    "problem",
    "title_of",
    "validate_document",
]
