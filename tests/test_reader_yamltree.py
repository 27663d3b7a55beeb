"""YAML for records: 1.2 scalars, strict keys, limits, positions."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agora.reader.yamltree import (
    YamlError,
    YamlLimits,
    load_yaml,
    load_yaml_marked,
    position_of,
    positions_of,
)


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


def _where(text: str, path: tuple[str | int, ...], offset: int = 0) -> tuple[int, ...]:
    data, marks = load_yaml_marked(text, line_offset=offset)
    exact, found = position_of(data, marks, path)
    assert found is not None
    return (int(exact), found.key_line, found.key_column, found.line, found.column)


def test_positions_of_keys_and_values() -> None:
    text = "id: x\nsources:\n  - url: u\n    title: t\ntags: [a, b]\n"

    assert _where(text, ("id",), 1) == (1, 2, 1, 2, 5)
    assert _where(text, ("sources", 0, "url"), 1) == (1, 4, 5, 4, 10)
    assert _where(text, ("tags", 1), 1) == (1, 6, 11, 6, 11)  # a list item is its own key
    assert _where(text, (), 1) == (1, 2, 1, 2, 1)


def test_a_missing_field_is_placed_at_its_closest_ancestor() -> None:
    text = "id: x\nsources:\n  - url: u\n"

    assert _where(text, ("sources", 0, "title")) == (0, 3, 5, 3, 5)
    assert _where(text, ("sources", 3)) == (0, 2, 1, 3, 3)
    assert _where(text, ("title",)) == (0, 1, 1, 1, 1)


def test_marks_stay_in_step_after_an_alias() -> None:
    text = "a: &x {p: 1, q: [2, 3]}\nb: *x\nc: [after, alias]\n"

    assert _where(text, ("b",)) == (1, 2, 1, 2, 4)
    assert _where(text, ("b", "q", 1)) == (1, 1, 21, 1, 21)  # written at the anchor
    assert _where(text, ("c", 1)) == (1, 3, 12, 3, 12)


_plain_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=40
)


@given(_plain_text)
def test_any_double_quoted_text_round_trips(value: str) -> None:
    import json

    assert load_yaml(f"k: {json.dumps(value, ensure_ascii=False)}\n") == {"k": value}


def test_positions_of_many_paths_in_one_walk_agree_with_one_at_a_time() -> None:
    text = (
        "id: x\ntitle: T\nactors:\n  - {id: a, role: r}\n  - id: b\n    role: s\n"
        "sources:\n  - url: u\n    title: t\nthreads: [p, q]\nrelated: [z]\n"
    )
    data, marks = load_yaml_marked(text)
    paths: list[tuple[str | int, ...]] = [
        ("id",),
        ("actors", 1, "id"),
        ("threads", 0),
        ("threads", 1),
        ("related", 0),
        ("nope",),
    ]

    together = positions_of(data, marks, paths)

    assert set(together) == set(paths) - {("nope",)}
    for path, found in together.items():
        assert position_of(data, marks, path) == (True, found)


def test_a_number_too_long_to_convert_stays_text() -> None:
    digits = "9" * 5_000

    assert load_yaml(f"a: {digits}\n") == {"a": digits}


@pytest.mark.parametrize("value", ["nl-actor\n", "x-\n", "ｉｄ"])
def test_ids_must_be_kebab_case_to_the_last_character(value: str) -> None:
    from agora.models.fields import ID_RE

    assert ID_RE.fullmatch(value) is None


def test_unusual_line_breaks_do_not_shift_later_lines() -> None:
    text = 'title: "a\u2028b"\nbogus: 1\n'

    assert _where(text, ("bogus",)) == (1, 2, 1, 2, 8)
    with pytest.raises(YamlError) as raised:
        load_yaml('title: "a\u2029b"\nx: 1\nx: 2\n')
    assert raised.value.line == 3


def test_columns_far_to_the_right_are_exact() -> None:
    text = "k: [" + "a, " * 2000 + "last]\n"

    assert _where(text, ("k", 2000)) == (1, 1, 6005, 1, 6005)


def test_a_tab_is_named_in_the_message() -> None:
    with pytest.raises(YamlError) as raised:
        load_yaml("a:\n\tb: 1\n")

    assert raised.value.message.startswith("a tab is used here")
    assert raised.value.hint is not None


def test_an_anchored_key_can_be_repeated_as_a_value() -> None:
    assert load_yaml("&k name: x\nother: *k\n") == {"name": "x", "other": "name"}


def test_merge_keys_are_refused() -> None:
    with pytest.raises(YamlError) as raised:
        load_yaml("base: &b {a: 1}\n<<: *b\n")

    assert (raised.value.code, raised.value.line) == ("Y009", 2)


def test_a_quoted_double_less_than_is_an_ordinary_key() -> None:
    assert load_yaml("'<<': 1\n") == {"<<": 1}
