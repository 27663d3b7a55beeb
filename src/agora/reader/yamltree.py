"""Safe YAML for records: YAML 1.2 scalars, strict keys, bounded size, positions on demand.

The builder consumes libyaml's event stream (``CParser``) instead of PyYAML's constructor:

- dates stay strings (YAML 1.2 has no timestamp type) and ``NO``/``yes``/``on`` stay
  strings (YAML 1.2 booleans are ``true``/``false`` only);
- a key that appears twice in one mapping is an error, not a silent overwrite;
- nesting depth and alias expansion are bounded, so a hostile file cannot exhaust memory;
- arbitrary tags (``!!python/object`` and friends) are refused;
- every value's line and column is recorded compactly, for problems found later.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml

from agora.models import FieldPath

__all__ = [
    "Position",
    "YamlError",
    "YamlLimits",
    "load_yaml",
    "load_yaml_marked",
    "position_of",
    "positions_of",
    "resolve_plain",
]


@dataclass(frozen=True, slots=True)
class YamlLimits:
    """Bounds on one YAML document."""

    max_depth: int = 32
    max_nodes: int = 100_000


@dataclass(frozen=True, slots=True)
class Position:
    """Where a key and its value start (1-based lines and columns)."""

    key_line: int
    key_column: int
    line: int
    column: int


class YamlError(Exception):
    """A YAML problem with its code and 1-based position."""

    def __init__(
        self, code: str, message: str, line: int, column: int, hint: str | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint


_STR = "tag:yaml.org,2002:str"
_KNOWN_TAGS = {
    _STR: "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:seq": "seq",
    "tag:yaml.org,2002:map": "map",
    "!": "str",
}
_TAG_TYPES: dict[str, Any] = {
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOATS = {
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_MAYBE_NOT_STR = frozenset("0123456789+-.~nNtTfF")
_MAX_DIGITS = 1_000


def resolve_plain(value: str) -> Any:
    """The YAML 1.2 core-schema value of a plain (unquoted) scalar."""
    if not value:
        return None
    if value[0] not in _MAYBE_NOT_STR:
        return value
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT.match(value):
        # Python refuses to convert more than 4,300 digits; such a value is kept as text
        # (and a field that wants a number says so), rather than stopping the run.
        return int(value) if len(value) <= _MAX_DIGITS else value
    if _OCT.match(value) and len(value) <= _MAX_DIGITS:
        return int(value[2:], 8)
    if _HEX.match(value) and len(value) <= _MAX_DIGITS:
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if value in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value]
    return value


def _scalar(event: yaml.ScalarEvent, line_offset: int, lines: _Lines | None) -> Any:
    tag = event.tag
    if tag is None:
        if event.implicit[0]:  # plain: resolve by the core schema
            return resolve_plain(event.value)
        return event.value
    kind = _KNOWN_TAGS.get(tag)
    if kind == "str":
        return event.value
    if kind in ("int", "float", "bool", "null"):
        value = resolve_plain(event.value)
        if _TAG_TYPES[kind](value):
            return float(value) if kind == "float" else value
        message = f"value {event.value!r} is not a valid !!{kind}"
        raise _error("Y005", message, event, line_offset, lines)
    raise _error("Y005", f"unsupported YAML tag {tag!r}", event, line_offset, lines)


def _error(
    code: str, message: str, event: Any, line_offset: int, lines: _Lines | None = None
) -> YamlError:
    mark = event.start_mark
    if lines is not None:
        line, column = lines.at(mark.index)
        return YamlError(code, message, line + line_offset, column)
    return YamlError(code, message, mark.line + 1 + line_offset, mark.column + 1)


@dataclass(slots=True)
class _Frame:
    """A mapping or sequence under construction."""

    value: Any
    is_map: bool
    anchor: str | None
    node: int
    size: int = 1
    key: Any = None
    has_key: bool = False
    key_mark: int = 0


_COLUMN_BITS = 20
_MAX_COLUMN = (1 << _COLUMN_BITS) - 1
_UNUSUAL_BREAKS = re.compile("[\u2028\u2029\x85]")


class _Lines:
    """Line and column of a character, counting only newlines as line breaks.

    libyaml also breaks lines at U+2028, U+2029 and U+0085; editors and the rest of Agora
    do not. Used only for texts that hold one of those characters.
    """

    def __init__(self, text: str) -> None:
        self.starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def at(self, index: int) -> tuple[int, int]:
        """1-based line and column of the character at ``index``."""
        line = bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


def _pack(mark: Any, line_offset: int, lines: _Lines | None = None) -> int:
    """A position as one integer: the 1-based line, then 20 bits of 1-based column."""
    line: int
    column: int
    if lines is None:
        line, column = mark.line + 1, mark.column + 1
    else:
        line, column = lines.at(mark.index)
    return (line + line_offset) << _COLUMN_BITS | min(column, _MAX_COLUMN)


_COLLECTION_TAGS = ("seq", "map", "str")


def _line_of_key(marks: list[int], frame: _Frame, key: str) -> int:
    """The line of ``key`` in the mapping ``frame`` (for the duplicate-key message)."""
    index = frame.node + 1
    for name in frame.value:
        if name == key:
            return marks[3 * index + 1] >> _COLUMN_BITS
        index += marks[3 * index + 2]
    return 0


class _Builder:
    """Builds Python values from libyaml events, enforcing the limits.

    Alongside the values it records ``marks``: for every value, in document (pre-)order,
    three integers: the packed position of the value, that of its key (for list items and
    the root, the value's again), and the number of values in its subtree. Walking the
    built data in the same order finds any field's position without parsing again, and the
    sizes let the walk skip whole subtrees (see :func:`position_of`).
    """

    def __init__(self, limits: YamlLimits, line_offset: int, text: str) -> None:
        self.limits = limits
        self.line_offset = line_offset
        self.lines = _Lines(text) if _UNUSUAL_BREAKS.search(text) else None
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.nodes = 0
        self.marks: list[int] = []
        self.root: Any = None
        self.documents = 0

    def run(self, parser: Any) -> Any:
        # Scalars, keys and collections are handled inline: this loop runs once per YAML
        # value of every file, and method calls would double its cost.
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        document_start, stream_end = yaml.DocumentStartEvent, yaml.StreamEndEvent
        maybe_not_str = _MAYBE_NOT_STR
        max_nodes, max_depth = self.limits.max_nodes, self.limits.max_depth
        stack = self.stack
        marks = self.marks
        offset = self.line_offset + 1
        get_event = parser.get_event
        lines = self.lines
        column_bits, max_column = _COLUMN_BITS, _MAX_COLUMN
        top: _Frame | None = None
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                value = event.value
                if event.tag is not None:
                    value = _scalar(event, self.line_offset, lines)
                elif event.implicit[0] and (not value or value[0] in maybe_not_str):
                    value = resolve_plain(value)
                mark = event.start_mark
                if lines is None:
                    column = mark.column + 1
                    # _pack, inlined for the common case (no unusual line breaks).
                    packed = (mark.line + offset) << column_bits | (
                        column if column < max_column else max_column
                    )
                else:
                    packed = _pack(mark, offset - 1, lines)
                if top is None:
                    self.root = value
                    marks.extend((packed, packed, 1))
                    continue
                if top.is_map:
                    if not top.has_key:
                        if type(value) is not str or value in top.value or value == "<<":
                            self._bad_key(top, value, event)
                        top.key = value
                        top.has_key = True
                        top.key_mark = packed
                        if event.anchor:  # an anchored key: an alias may repeat its text
                            self.anchors[event.anchor] = (value, 1, -1)
                        continue
                    marks.extend((packed, top.key_mark, 1))
                    top.value[top.key] = value
                    top.has_key = False
                else:
                    marks.extend((packed, packed, 1))
                    top.value.append(value)
                top.size += 1
                self.nodes += 1
                if self.nodes > max_nodes:
                    self._count(0, event)
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1, len(marks) // 3 - 1)
            elif kind is mapping_start or kind is sequence_start:
                if event.tag is not None and _KNOWN_TAGS.get(event.tag) not in _COLLECTION_TAGS:
                    raise _error(
                        "Y005", f"unsupported YAML tag {event.tag!r}", event, offset - 1, lines
                    )
                if top is not None and top.is_map and not top.has_key:
                    raise _error(
                        "Y007",
                        "a mapping key is a list or mapping, not a field name",
                        event,
                        offset - 1,
                    )
                if len(stack) >= max_depth:
                    raise _error(
                        "Y004",
                        f"nesting is deeper than {max_depth} levels",
                        event,
                        offset - 1,
                        lines,
                    )
                self._count(1, event)
                packed = _pack(event.start_mark, offset - 1, lines)
                marks.extend(
                    (packed, top.key_mark if top is not None and top.is_map else packed, 0)
                )
                top = _Frame(
                    {} if kind is mapping_start else [],
                    kind is mapping_start,
                    event.anchor,
                    len(marks) // 3 - 1,
                )
                stack.append(top)
            elif kind is mapping_end or kind is sequence_end:
                frame = stack.pop()
                top = stack[-1] if stack else None
                marks[3 * frame.node + 2] = frame.size
                if frame.anchor:
                    self.anchors[frame.anchor] = (frame.value, frame.size, frame.node)
                self._attach(frame.value, frame.size)
            elif kind is alias_event:
                self._alias(event)
            elif kind is document_start:
                self.documents += 1
                if self.documents > 1:
                    raise _error(
                        "Y008", "a second YAML document starts here", event, offset - 1, lines
                    )
            elif kind is stream_end:
                return self.root

    def _bad_key(self, parent: _Frame, key: Any, event: Any) -> None:
        """Raise the problem with ``key``, if it has one (a quoted '<<' has none)."""
        if key == "<<" and event.implicit[0]:
            raise _error(
                "Y009", "'<<' merge keys are not supported", event, self.line_offset, self.lines
            )
        if not isinstance(key, str):
            raise _error(
                "Y007",
                f"key {key!r} is not a field name (quote it if it is one)",
                event,
                self.line_offset,
                self.lines,
            )
        if key in parent.value:
            first = _line_of_key(self.marks, parent, key)
            raise _error(
                "Y002",
                f"key {key!r} appears twice in one mapping (first at line {first})",
                event,
                self.line_offset,
                self.lines,
            )

    def _count(self, size: int, event: Any) -> None:
        self.nodes += size
        if self.nodes > self.limits.max_nodes:
            raise _error(
                "Y003",
                f"the YAML expands to more than {self.limits.max_nodes:,} values "
                "(alias expansion or an oversized structure)",
                event,
                self.line_offset,
                self.lines,
            )

    def _key_mark_for_child(self, packed: int) -> int:
        parent = self.stack[-1] if self.stack else None
        return parent.key_mark if parent is not None and parent.is_map else packed

    def _alias(self, event: Any) -> None:
        found = self.anchors.get(event.anchor)
        if found is None:
            raise _error(
                "Y001",
                f"alias *{event.anchor} refers to no anchor defined before it",
                event,
                self.line_offset,
                self.lines,
            )
        value, size, first = found
        self._count(size, event)
        packed = _pack(event.start_mark, self.line_offset, self.lines)
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.is_map and not parent.has_key:
            if type(value) is not str or value in parent.value:
                self._bad_key(parent, value, event)
            parent.key, parent.has_key, parent.key_mark = value, True, packed
            return
        # The alias stands for the anchored value's whole subtree: repeat its marks (the
        # alias's own position first) so the marks stay in step with the data.
        copied = self.marks[3 * (first + 1) : 3 * (first + size)]
        self.marks.extend((packed, self._key_mark_for_child(packed), size))
        self.marks.extend(copied)
        self._attach(value, size)

    def _attach(self, value: Any, size: int) -> None:
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        parent.size += size
        if parent.is_map:
            parent.value[parent.key] = value
            parent.has_key = False
        else:
            parent.value.append(value)


def _parse(text: str, limits: YamlLimits, line_offset: int) -> _Builder:
    builder = _Builder(limits, line_offset, text)
    parser = yaml.CSafeLoader(text)
    try:
        builder.run(parser)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or "invalid YAML"
        if exc.context:
            message = f"{message} ({exc.context})"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if mark and builder.lines is not None:
            line, column = builder.lines.at(mark.index)
        hint = None
        if mark and 0 <= mark.index < len(text) and text[mark.index] == "\t":
            message = "a tab is used here; YAML indents and separates with spaces only"
            hint = "Replace the tab with spaces (most editors: convert indentation to spaces)."
        raise YamlError("Y001", message, line + line_offset, column, hint) from None
    except yaml.reader.ReaderError as exc:
        before = text[: max(exc.position, 0)]
        line = before.count("\n") + 1 + line_offset
        column = len(before) - (before.rfind("\n") + 1) + 1
        char = chr(exc.character) if isinstance(exc.character, int) else exc.character
        raise YamlError(
            "Y001", f"character {char!r} is not allowed in YAML", line, column
        ) from None
    finally:
        parser.dispose()
    return builder


def load_yaml(text: str, limits: YamlLimits = YamlLimits(), line_offset: int = 0) -> Any:
    """Parse one YAML document; raise :class:`YamlError` with a code and a position.

    ``line_offset`` is added to every line number (front matter starts below ``---``).
    """
    return _parse(text, limits, line_offset).root


def load_yaml_marked(
    text: str, limits: YamlLimits = YamlLimits(), line_offset: int = 0
) -> tuple[Any, bytes]:
    """Like :func:`load_yaml`, and also the packed positions :func:`position_of` reads."""
    builder = _parse(text, limits, line_offset)
    return builder.root, array("Q", builder.marks).tobytes()


def position_of(data: Any, marks: bytes, path: FieldPath) -> tuple[bool, Position | None]:
    """Where ``path`` is, from the marks recorded when ``data`` was parsed.

    Returns whether the path exists, and the position of the path or, if it does not
    exist, of its closest existing ancestor (None when there are no marks).
    """
    packed = array("Q")
    packed.frombytes(marks)
    if not packed:
        return False, None
    index, node, exact = 0, data, True
    for part in path:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            index += 1
            for key in node:
                if key == part:
                    break
                index += packed[3 * index + 2]
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            index += 1
            for _ in range(part):
                index += packed[3 * index + 2]
            node = node[part]
        else:
            exact = False
            break
    return exact, _position(packed, index)


def positions_of(data: Any, marks: bytes, paths: Iterable[FieldPath]) -> dict[FieldPath, Position]:
    """The positions of every one of ``paths`` that exists, in one walk of ``data``.

    Subtrees that hold none of the paths are skipped by their recorded size.
    """
    packed = array("Q")
    packed.frombytes(marks)
    wanted = set(paths)
    below = {path[:depth] for path in wanted for depth in range(len(path))}
    found: dict[FieldPath, Position] = {}
    index = 0
    stack: list[tuple[FieldPath, Any]] = [((), data)]
    while stack and 3 * index + 2 < len(packed):
        path, node = stack.pop()
        if path in wanted:
            position = _position(packed, index)
            if position is not None:
                found[path] = position
        if path not in below:
            index += packed[3 * index + 2]
            continue
        index += 1
        if isinstance(node, dict):
            children = [((*path, key), value) for key, value in node.items()]
        elif isinstance(node, list):
            children = [((*path, number), value) for number, value in enumerate(node)]
        else:
            continue
        stack.extend(reversed(children))
    return found


def _position(packed: array[int], index: int) -> Position | None:
    if 3 * index + 1 >= len(packed):
        return None
    value, key = packed[3 * index], packed[3 * index + 1]
    return Position(
        key >> _COLUMN_BITS, key & _MAX_COLUMN, value >> _COLUMN_BITS, value & _MAX_COLUMN
    )
