"""A strict, safe YAML reader for briefings.

PyYAML (with libyaml when present) produces the event stream; this module builds plain data from
it without recursion, so it can refuse what a briefing never needs and a hostile file might use:
tags, anchors and aliases, duplicate keys, several documents, deep nesting. Every scalar stays a
string (or None when empty): types come from the schema, not from YAML 1.1's guessing, so `NO`,
`0755` and `12:30` are kept as written.

Every failure is a `BriefingError` with a line and column; nothing else escapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefing.findings import BriefingError, Finding, Location, Severity, line_excerpt
from briefing.text import sanitise, unsafe_characters
from briefing.textfile import read_text_file

try:  # libyaml's parser is about eight times faster than the pure-Python one.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64

DataPath = tuple[str | int, ...]
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass(slots=True)
class YamlDocument:
    """Plain data from one YAML file, with where each value and key was written."""

    data: dict[str, Any]
    lines: list[str]
    file: Path | None = None
    value_marks: dict[DataPath, Location] = field(default_factory=dict)
    key_marks: dict[DataPath, Location] = field(default_factory=dict)
    # (path, location, removed characters) for every scalar that was sanitised.
    removals: list[tuple[DataPath, Location, list[str]]] = field(default_factory=list)

    def location(self, path: DataPath, *, key: bool = False) -> Location | None:
        """Where `path` was written: its key if asked and known, else its value, else a parent."""
        if key and path in self.key_marks:
            return self.key_marks[path]
        while True:
            if path in self.value_marks:
                return self.value_marks[path]
            if path in self.key_marks:
                return self.key_marks[path]
            if not path:
                return None
            path = path[:-1]

    def finding(
        self,
        path: DataPath,
        message: str,
        *,
        code: str,
        severity: Severity = Severity.ERROR,
        hint: str | None = None,
        key: bool = False,
    ) -> Finding:
        where = self.location(path, key=key)
        line, caret = (None, None)
        if where:
            line, caret = line_excerpt(self.lines, where.line, where.column)
        return Finding(
            severity=severity,
            code=code,
            message=message,
            file=self.file,
            location=where,
            path=format_path(path),
            hint=hint,
            source_line=line,
            caret=caret,
        )


def format_path(path: DataPath) -> str:
    """`('positions', 3, 'party')` as `positions[3].party`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def read_yaml_file(path: Path, *, max_bytes: int = MAX_BYTES) -> YamlDocument:
    """Read and parse a briefing file; refuse anything that is not a readable regular file."""
    text = read_text_file(path, max_bytes=max_bytes, what="briefing")
    return read_yaml(text, path)


def read_yaml(text: str, file: Path | None = None, *, max_depth: int = MAX_DEPTH) -> YamlDocument:
    """Parse one YAML document of `text` into plain data. Raises only `BriefingError`."""
    lines = text.split("\n")
    builder = _Builder(lines, file, max_depth)
    try:
        builder.run(yaml.parse(text, Loader=_Loader))
    except BriefingError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(filter(None, [error.problem, _context(error)])) or "invalid YAML"
        where = Location(line=mark.line + 1, column=mark.column + 1) if mark else None
        raise builder.error(message, where, code="yaml-syntax") from None
    except yaml.reader.ReaderError as error:
        where = _location_of_byte(text, error.position)
        char = (
            f"U+{error.character:04X}"
            if isinstance(error.character, int)
            else repr(error.character)
        )
        raise builder.error(
            f"character {char} is not allowed in YAML", where, code="yaml-syntax"
        ) from None
    except yaml.YAMLError as error:
        raise builder.error(f"invalid YAML: {error}", None, code="yaml-syntax") from None
    except (RecursionError, MemoryError, ValueError, OverflowError) as error:
        raise builder.error(f"the YAML cannot be read: {error}", None, code="yaml-syntax") from None
    assert builder.document is not None
    return YamlDocument(
        data=builder.document,
        lines=lines,
        file=file,
        value_marks=builder.value_marks,
        key_marks=builder.key_marks,
        removals=builder.removals,
    )


def _context(error: yaml.MarkedYAMLError) -> str | None:
    context, problem = error.context_mark, error.problem_mark
    if (
        error.context
        and context
        and problem
        and (context.line, context.column)
        != (
            problem.line,
            problem.column,
        )
    ):
        return f"({error.context} at line {context.line + 1})"
    return None


def _location_of_byte(text: str, position: int) -> Location:
    # libyaml reports reader errors as an offset into the UTF-8 encoding of the text.
    before = text.encode("utf-8")[:position].decode("utf-8", errors="ignore")
    line = before.count("\n") + 1
    return Location(line=line, column=len(before) - (before.rfind("\n") + 1) + 1)


def _mark(event: yaml.Event) -> Location:
    return Location(line=event.start_mark.line + 1, column=event.start_mark.column + 1)


class _Frame:
    __slots__ = ("container", "key", "key_location", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: DataPath) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.key_location: Location | None = None


class _Builder:
    """Turns the event stream into dicts, lists, strings and None, iteratively."""

    def __init__(self, lines: list[str], file: Path | None, max_depth: int) -> None:
        self.lines = lines
        self.file = file
        self.max_depth = max_depth
        self.stack: list[_Frame] = []
        self.document: Any = None
        self.documents = 0
        self.value_marks: dict[DataPath, Location] = {}
        self.key_marks: dict[DataPath, Location] = {}
        self.removals: list[tuple[DataPath, Location, list[str]]] = []

    def error(self, message: str, where: Location | None, *, code: str, hint: str | None = None):
        line, caret = line_excerpt(self.lines, where.line, where.column) if where else (None, None)
        return BriefingError(
            Finding(
                severity=Severity.ERROR,
                code=code,
                message=message,
                file=self.file,
                location=where,
                hint=hint,
                source_line=line,
                caret=caret,
            )
        )

    def run(self, events: Any) -> None:
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise self.error(
                        "a briefing file holds one YAML document; found a second",
                        _mark(event),
                        code="yaml-multiple-documents",
                        hint="remove the `---` line, or split the file",
                    )
            elif isinstance(event, yaml.AliasEvent):
                raise self.error(
                    "aliases (*name) are not allowed in a briefing",
                    _mark(event),
                    code="yaml-alias",
                    hint="write the value out in full",
                )
            elif isinstance(event, yaml.NodeEvent):
                self._node(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                self.stack.pop()
        if self.documents == 0 or self.document is None:
            raise self.error(
                "the file is empty: a briefing is a YAML mapping of keys such as `id` and `title`",
                Location(line=1, column=1),
                code="yaml-empty",
            )
        if not isinstance(self.document, dict):
            kind = "a list" if isinstance(self.document, list) else "a single value"
            raise self.error(
                f"a briefing must be a mapping of keys (such as `id:` and `title:`), not {kind}",
                self.value_marks.get((), Location(line=1, column=1)),
                code="yaml-not-mapping",
            )

    def _node(self, event: yaml.NodeEvent) -> None:
        where = _mark(event)
        if event.anchor is not None:
            raise self.error(
                f"anchors (&{sanitise(event.anchor)}) are not allowed in a briefing",
                where,
                code="yaml-anchor",
                hint="write the value out in full",
            )
        if getattr(event, "tag", None) is not None:
            raise self.error(
                f"tags ({sanitise(event.tag)}) are not allowed in a briefing",
                where,
                code="yaml-tag",
                hint="remove the tag; values are typed by the format",
            )
        parent = self.stack[-1] if self.stack else None
        is_key = (
            isinstance(parent, _Frame)
            and isinstance(parent.container, dict)
            and (parent.key is None)
        )
        if isinstance(event, yaml.ScalarEvent):
            value = self._scalar(event, where)
        elif is_key:
            raise self.error(
                "a key must be plain text, not a list or mapping",
                where,
                code="yaml-complex-key",
            )
        elif isinstance(event, yaml.MappingStartEvent):
            value = {}
        else:
            value = []

        if parent is None:
            path: DataPath = ()
            self.document = value
        elif isinstance(parent.container, list):
            path = (*parent.path, len(parent.container))
            parent.container.append(value)
        elif is_key:
            key = "" if value is None else value
            if key in parent.container:
                raise self.error(
                    f"duplicate key `{key}`",
                    where,
                    code="yaml-duplicate-key",
                    hint=f"`{key}` is already set at line "
                    f"{self.key_marks[(*parent.path, key)].line}",
                )
            parent.key, parent.key_location = key, where
            self.key_marks[(*parent.path, key)] = where
            return
        else:
            assert parent.key is not None
            path = (*parent.path, parent.key)
            parent.container[parent.key] = value
            parent.key = None
        self.value_marks[path] = where
        if isinstance(event, yaml.CollectionStartEvent):
            if len(self.stack) >= self.max_depth:
                raise self.error(
                    f"nesting is deeper than {self.max_depth} levels",
                    where,
                    code="yaml-too-deep",
                )
            self.stack.append(_Frame(value, path))
        elif isinstance(value, str) and (removed := unsafe_characters(value)):
            parent_path = path
            self.removals.append((parent_path, where, [char for _, char in removed]))
            self._replace(path, sanitise(value))

    def _scalar(self, event: yaml.ScalarEvent, where: Location) -> str | None:
        if event.style is None and event.value in _NULLS:
            return None
        value = event.value
        frame = self.stack[-1] if self.stack else None
        is_key = frame is not None and isinstance(frame.container, dict) and frame.key is None
        # Keys are sanitised at once: they are looked up and echoed in messages.
        if is_key and (removed := unsafe_characters(value)):
            value = sanitise(value)
            self.removals.append(((*frame.path, value), where, [char for _, char in removed]))
        return value

    def _replace(self, path: DataPath, value: str) -> None:
        container = self.stack[-1].container if self.stack else None
        if container is None:
            self.document = value
        elif isinstance(container, list):
            container[-1] = value
        else:
            container[path[-1]] = value
