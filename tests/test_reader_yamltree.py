"""YAML for records: 1.2 scalars, strict keys, limits, positions."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agora.reader.yamltree import YamlError, YamlLimits, load_yaml, yaml_positions


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2023-03-14", "2023-03-14"),  # dates stay strings
        ("NO", "NO"),  # YAML 1.1 booleans stay strings
        ("yes", "yes"),
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("0o17", 15),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("1_000", "1_000"),
        ("'42'", "42"),
        ('"true"', "true"),
        ("12:30", "12:30"),  # no sexagesimal numbers
        ("!!str 42", "42"),
        ("!!int '42'", 42),
    ],
)
def test_scalars_follow_the_yaml_1_2_core_schema(text: str, value: Any) -> None:
    assert load_yaml(f"key: {text}\n") == {"key": value}


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a: 1\nb: 2\na: 3\n", "Y002", 3),
        ("a: !!python/object:os.system x\n", "Y005", 1),
        ("a: !!int nope\n", "Y005", 1),
        ("a: [1, 2\nb: 3\n", "Y001", 2),
        ("a: *missing\n", "Y001", 1),
        ("? [a, b]\n: c\n", "Y007", 1),
        ("1: x\n", "Y007", 1),
        ("a: 1\n---\nb: 2\n", "Y008", 2),
        ("a: \x07\n", "Y001", 1),
    ],
)
def test_bad_yaml_raises_a_coded_error_at_its_line(text: str, code: str, line: int) -> None:
    with pytest.raises(YamlError) as raised:
        load_yaml(text)

    assert (raised.value.code, raised.value.line) == (code, line)


def test_duplicate_key_names_the_first_line() -> None:
    with pytest.raises(
        YamlError, match=r"key 'a' appears twice in one mapping \(first at line 1\)"
    ):
        load_yaml("a: 1\nb:\n  c: 2\na: 3\n")


def test_same_key_in_sibling_mappings_is_fine() -> None:
    assert load_yaml("x: {a: 1}\ny: {a: 2}\n") == {"x": {"a": 1}, "y": {"a": 2}}


def test_depth_limit() -> None:
    text = "a: " + "[" * 5 + "]" * 5
    assert load_yaml(text, YamlLimits(max_depth=6)) == {"a": [[[[[]]]]]}
    with pytest.raises(YamlError) as raised:
        load_yaml(text, YamlLimits(max_depth=5))
    assert raised.value.code == "Y004"


def test_aliases_share_values_within_the_node_budget() -> None:
    data = load_yaml("a: &x [1, 2]\nb: *x\n", YamlLimits(max_nodes=10))

    assert data == {"a": [1, 2], "b": [1, 2]}
    with pytest.raises(YamlError) as raised:
        load_yaml("a: &x [1, 2]\nb: [*x, *x, *x, *x]\n", YamlLimits(max_nodes=10))
    assert raised.value.code == "Y003"


def test_line_offset_shifts_every_position() -> None:
    with pytest.raises(YamlError) as raised:
        load_yaml("a: 1\na: 2\n", line_offset=1)

    assert raised.value.line == 3


def test_positions_of_keys_and_values() -> None:
    positions = yaml_positions(
        "id: x\nsources:\n  - url: u\n    title: t\ntags: [a, b]\n", line_offset=1
    )

    assert (positions[("id",)].line, positions[("id",)].column) == (2, 5)
    url = positions[("sources", 0, "url")]
    assert (url.key_line, url.key_column, url.line, url.column) == (4, 5, 4, 10)
    assert (positions[("tags", 1)].line, positions[("tags", 1)].column) == (6, 11)


_plain_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=40
)


@given(_plain_text)
def test_any_double_quoted_text_round_trips(value: str) -> None:
    import json

    assert load_yaml(f"k: {json.dumps(value, ensure_ascii=False)}\n") == {"k": value}
