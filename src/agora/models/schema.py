"""JSON Schema (draft 2020-12) for every record kind, generated from the models."""

from __future__ import annotations

from typing import Any

from agora.models.kinds import Kind
from agora.models.records import RECORD_TYPES

__all__ = ["SCHEMA_BASE_URL", "json_schema", "json_schemas"]

SCHEMA_BASE_URL = "https://agora-ledger.org/schema/"
"""Base of each schema's ``$id``."""


def json_schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of one record kind."""
    model = RECORD_TYPES[kind]
    schema = model.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URL}{kind.value}.schema.json",
        **schema,
    }


def json_schemas() -> dict[Kind, dict[str, Any]]:
    """The JSON Schema of every record kind."""
    return {kind: json_schema(kind) for kind in Kind}
