"""Findings: what validation reports, each located in a file."""

from __future__ import annotations

import enum
from pathlib import Path

import msgspec
from msgspec.structs import replace

from briefing.text import sanitise, show_path


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Location(msgspec.Struct, frozen=True, kw_only=True):
    """A 1-based line and column (columns count characters, not bytes)."""

    line: int
    column: int


class Finding(msgspec.Struct, frozen=True, kw_only=True):
    severity: Severity
    code: str
    message: str
    file: Path | None = None
    location: Location | None = None
    path: str = ""
    hint: str | None = None
    source_line: str | None = None
    # Where in `source_line` the caret goes (0-based characters).
    caret: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_error(self) -> Finding:
        return replace(self, severity=Severity.ERROR)

    def where(self) -> str:
        """`file:line:column`, as far as it is known."""
        parts = [show_path(self.file) if self.file else "<input>"]
        if self.location:
            parts += [str(self.location.line), str(self.location.column)]
        return ":".join(parts)

    def to_json(self) -> dict[str, object]:
        return {
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
            "file": str(self.file) if self.file else None,
            "line": self.location.line if self.location else None,
            "column": self.location.column if self.location else None,
            "path": self.path,
            "hint": self.hint,
            "source_line": self.source_line,
        }


_WINDOW = 100


def line_excerpt(text_lines: list[str], line: int, column: int) -> tuple[str | None, int | None]:
    """The offending line (1-based `line`, `column`), cut to a window around the column.

    A briefing may hold a 100 KB one-line quote: echoing it whole would bury the message.
    """
    if not 1 <= line <= len(text_lines):
        return None, None
    # Tabs would shift the caret; other unsafe characters are already gone.
    full = sanitise(text_lines[line - 1].replace("\t", " "))
    index = max(column - 1, 0)
    start = max(0, index - _WINDOW // 2)
    end = start + _WINDOW
    piece = full[start:end]
    caret = index - start
    if start > 0:
        piece, caret = "…" + piece, caret + 1
    if end < len(full):
        piece += "…"
    return piece, caret


class BriefingError(Exception):
    """The project's own error for input that cannot be read: always carries a finding."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(f"{finding.where()}: {finding.message}")
        self.finding = finding
