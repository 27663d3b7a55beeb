"""JSON Schema: published in schema/, generated from the models, and agreeing with them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from agora.models import Kind, json_schema
from agora.reader import read_corpus

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"


@pytest.mark.parametrize("kind", list(Kind))
def test_published_schema_matches_the_models(kind: Kind) -> None:
    published = json.loads((SCHEMA_DIR / f"{kind.value}.schema.json").read_text("utf-8"))

    assert published == json_schema(kind), "regenerate with: agora schema -o schema"


def test_no_stale_schema_files() -> None:
    assert {path.name for path in SCHEMA_DIR.glob("*.json")} == {
        f"{kind.value}.schema.json" for kind in Kind
    }


@pytest.mark.parametrize("kind", list(Kind))
def test_schema_is_valid_draft_2020_12(kind: Kind) -> None:
    schema = json_schema(kind)

    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def _validators() -> dict[Kind, Any]:
    return {
        kind: jsonschema.Draft202012Validator(
            json_schema(kind), format_checker=jsonschema.FormatChecker()
        )
        for kind in Kind
    }


def test_every_sample_record_satisfies_its_schema(sample: Path) -> None:
    validators = _validators()
    for document in read_corpus(sample).documents:
        errors = list(validators[document.kind].iter_errors(dict(document.data)))
        assert not errors, (document.path, errors[0].message)


def test_every_real_record_satisfies_its_schema(corpus: Path) -> None:
    validators = _validators()
    for document in read_corpus(corpus).documents:
        errors = list(validators[document.kind].iter_errors(dict(document.data)))
        assert not errors, (document.path, errors[0].message)
