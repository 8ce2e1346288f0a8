"""Loading one briefing file: parse, check against the format, resolve, verify citations.

`load_briefing` never raises for anything a file contains: it returns the briefing (or None when
it has errors) with every finding, each located at a file, line and column.
"""

from __future__ import annotations

from pathlib import Path

import msgspec

from briefing import model
from briefing.findings import BriefingError, Finding, Severity


class LoadResult(msgspec.Struct, frozen=True):
    path: Path
    briefing: model.Briefing | None
    findings: tuple[Finding, ...]
    # The source files the result depends on besides `path` (see `Resolver.source_files`).
    depends_on: tuple[Path, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.is_error)

    @property
    def ok(self) -> bool:
        return self.briefing is not None


def load_briefing(path: Path) -> LoadResult:
    """Load and check one briefing file."""
    # Imported here: what only holds load results (the cache, the reader) needs no YAML parser.
    from briefing.format_check import check_format
    from briefing.resolve import Resolver
    from briefing.text import describe_character
    from briefing.yamlsafe import read_yaml_file

    path = Path(path)
    try:
        document = read_yaml_file(path)
    except BriefingError as error:
        return LoadResult(path, None, (error.finding,))
    findings: list[Finding] = [
        document.finding(
            where,
            "removed "
            + ", ".join(describe_character(c) for c in chars)
            + " (control or bidi-override characters are not shown)",
            code="control-characters",
            severity=Severity.WARNING,
        )
        for where, _, chars in document.removals
    ]
    doc = check_format(document, findings)
    briefing = None
    depends_on: tuple[Path, ...] = ()
    if doc is not None:
        # Items that failed the format check are left out, but references to them are not
        # reported again as unknown: one mistake, one error.
        resolver = Resolver(document, doc, findings)
        briefing = resolver.resolve()
        depends_on = tuple(resolver.source_files)
    if any(f.is_error for f in findings):
        briefing = None
    return LoadResult(path, briefing, tuple(findings), depends_on)
