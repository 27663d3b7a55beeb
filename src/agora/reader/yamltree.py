"""Safe YAML for records: YAML 1.2 scalars, strict keys, bounded size, positions on demand.

The builder consumes libyaml's event stream (``CParser``) instead of PyYAML's constructor:

- dates stay strings (YAML 1.2 has no timestamp type) and ``NO``/``yes``/``on`` stay
  strings (YAML 1.2 booleans are ``true``/``false`` only);
- a key that appears twice in one mapping is an error, not a silent overwrite;
- nesting depth and alias expansion are bounded, so a hostile file cannot exhaust memory;
- arbitrary tags (``!!python/object`` and friends) are refused;
- every value's line and column can be recorded (only when asked: the hot path skips it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from agora.models import FieldPath

__all__ = [
    "Position",
    "YamlError",
    "YamlLimits",
    "load_yaml",
    "nearest_position",
    "resolve_plain",
    "yaml_positions",
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

    def __init__(self, code: str, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column


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
        return int(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if value in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value]
    return value


def _scalar(event: yaml.ScalarEvent, line_offset: int) -> Any:
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
        raise _error("Y005", f"value {event.value!r} is not a valid !!{kind}", event, line_offset)
    raise _error("Y005", f"unsupported YAML tag {tag!r}", event, line_offset)


def _error(code: str, message: str, event: Any, line_offset: int) -> YamlError:
    mark = event.start_mark
    return YamlError(code, message, mark.line + 1 + line_offset, mark.column + 1)


@dataclass(slots=True)
class _Frame:
    """A mapping or sequence under construction."""

    value: Any
    is_map: bool
    anchor: str | None
    path: FieldPath
    size: int = 1
    key: Any = None
    has_key: bool = False
    key_marks: dict[str, int] = field(default_factory=dict)
    key_mark: Any = None


class _Builder:
    """Builds Python values from libyaml events, enforcing the limits."""

    def __init__(self, limits: YamlLimits, line_offset: int, track: bool) -> None:
        self.limits = limits
        self.line_offset = line_offset
        self.track = track
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.positions: dict[FieldPath, Position] = {}
        self.root: Any = None
        self.documents = 0

    def run(self, parser: Any) -> Any:
        # The scalar branch is inlined: it handles nine events in ten.
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        document_start, stream_end = yaml.DocumentStartEvent, yaml.StreamEndEvent
        maybe_not_str = _MAYBE_NOT_STR
        max_nodes = self.limits.max_nodes
        stack = self.stack
        track = self.track
        get_event = parser.get_event
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                value = event.value
                if event.tag is not None:
                    value = _scalar(event, self.line_offset)
                elif event.implicit[0] and (not value or value[0] in maybe_not_str):
                    value = resolve_plain(value)
                self.nodes += 1
                if self.nodes > max_nodes:
                    self._count(0, event)
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
                if not stack:
                    self.root = value
                    continue
                top = stack[-1]
                if top.is_map:
                    if not top.has_key:
                        self._take_key(top, value, event)
                        continue
                    if track:
                        self._record((*top.path, top.key), event)
                    top.value[top.key] = value
                    top.has_key = False
                else:
                    if track:
                        self._record((*top.path, len(top.value)), event)
                    top.value.append(value)
                top.size += 1
            elif kind is mapping_start or kind is sequence_start:
                self._open(event, kind is mapping_start)
            elif kind is mapping_end or kind is sequence_end:
                self._close(event)
            elif kind is alias_event:
                self._alias(event)
            elif kind is document_start:
                self.documents += 1
                if self.documents > 1:
                    raise _error(
                        "Y008", "a second YAML document starts here", event, self.line_offset
                    )
            elif kind is stream_end:
                return self.root

    def _count(self, size: int, event: Any) -> None:
        self.nodes += size
        if self.nodes > self.limits.max_nodes:
            raise _error(
                "Y003",
                f"the YAML expands to more than {self.limits.max_nodes:,} values "
                "(alias expansion or an oversized structure)",
                event,
                self.line_offset,
            )

    def _path_of_child(self) -> FieldPath:
        parent = self.stack[-1] if self.stack else None
        if parent is None:
            return ()
        if parent.is_map:
            return (*parent.path, parent.key)
        return (*parent.path, len(parent.value))

    def _open(self, event: Any, is_map: bool) -> None:
        if event.tag is not None and _KNOWN_TAGS.get(event.tag) not in ("seq", "map", "str"):
            raise _error("Y005", f"unsupported YAML tag {event.tag!r}", event, self.line_offset)
        if self.stack and self.stack[-1].is_map and not self.stack[-1].has_key:
            raise _error(
                "Y007",
                "a mapping key is a list or mapping, not a field name",
                event,
                self.line_offset,
            )
        if len(self.stack) >= self.limits.max_depth:
            raise _error(
                "Y004",
                f"nesting is deeper than {self.limits.max_depth} levels",
                event,
                self.line_offset,
            )
        self._count(1, event)
        path = self._path_of_child()
        if self.track:
            self._record(path, event)
        self.stack.append(_Frame({} if is_map else [], is_map, event.anchor, path))

    def _close(self, event: Any) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.value, frame.size)
        self._attach(frame.value, frame.size, event)

    def _alias(self, event: Any) -> None:
        found = self.anchors.get(event.anchor)
        if found is None:
            raise _error(
                "Y001",
                f"alias *{event.anchor} refers to no anchor defined before it",
                event,
                self.line_offset,
            )
        value, size = found
        self._count(size, event)
        self._add(value, size, event, counted=True)

    def _add(self, value: Any, size: int, event: Any, *, counted: bool = False) -> None:
        if not counted:
            self._count(size, event)
        if self.stack:
            parent = self.stack[-1]
            if parent.is_map and not parent.has_key:
                self._take_key(parent, value, event)
                return
            if self.track:
                self._record(self._path_of_child(), event)
        self._attach(value, size, event)

    def _take_key(self, parent: _Frame, key: Any, event: Any) -> None:
        if not isinstance(key, str):
            raise _error(
                "Y007",
                f"key {key!r} is not a field name (quote it if it is one)",
                event,
                self.line_offset,
            )
        line = event.start_mark.line + 1 + self.line_offset
        first = parent.key_marks.get(key)
        if first is not None:
            raise _error(
                "Y002",
                f"key {key!r} appears twice in one mapping (first at line {first})",
                event,
                self.line_offset,
            )
        parent.key_marks[key] = line
        parent.key = key
        parent.has_key = True
        parent.key_mark = event.start_mark

    def _attach(self, value: Any, size: int, event: Any) -> None:
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

    def _record(self, path: FieldPath, event: Any) -> None:
        mark = event.start_mark
        parent = self.stack[-1] if self.stack else None
        key_mark = parent.key_mark if parent is not None and parent.is_map else mark
        self.positions[path] = Position(
            key_mark.line + 1 + self.line_offset,
            key_mark.column + 1,
            mark.line + 1 + self.line_offset,
            mark.column + 1,
        )


def _parse(text: str, limits: YamlLimits, line_offset: int, track: bool) -> _Builder:
    builder = _Builder(limits, line_offset, track)
    parser = yaml.CSafeLoader(text)
    try:
        builder.run(parser)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or "invalid YAML"
        if exc.context:
            message = f"{message} ({exc.context})"
        line = mark.line + 1 + line_offset if mark else 1 + line_offset
        column = mark.column + 1 if mark else 1
        raise YamlError("Y001", message, line, column) from None
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
    return _parse(text, limits, line_offset, track=False).root


def yaml_positions(
    text: str, limits: YamlLimits = YamlLimits(), line_offset: int = 0
) -> dict[FieldPath, Position]:
    """The position of every value in ``text``, by field path (the root is ``()``)."""
    return _parse(text, limits, line_offset, track=True).positions


def nearest_position(
    positions: dict[FieldPath, Position], path: Iterable[str | int]
) -> tuple[FieldPath, Position | None]:
    """The position of ``path``, or of its closest ancestor that exists."""
    current = tuple(path)
    while current:
        found = positions.get(current)
        if found is not None:
            return current, found
        current = current[:-1]
    return (), positions.get(())
