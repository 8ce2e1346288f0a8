"""The checks across a library: what no briefing file shows alone (an id used twice, a party
named two ways), made from an outline of each briefing rather than the whole model."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

import msgspec

from briefing.findings import Finding, Location, Severity, line_excerpt
from briefing.model import Briefing
from briefing.text import show_path


class Outline(msgspec.Struct, frozen=True):
    """What the checks across a library need of one briefing that loaded."""

    path: Path
    id: str
    # (id, name) of each party.
    party_names: tuple[tuple[str, str], ...]
    # Where each item starts in the file, by item id ("" for the briefing's own id).
    locations: Mapping[str, Location]

    @classmethod
    def of(cls, briefing: Briefing, path: Path) -> Outline:
        return cls(
            path, briefing.id, tuple((p.id, p.name) for p in briefing.parties), briefing.locations
        )


def cross_check(outlines: Sequence[Outline]) -> tuple[dict[Path, list[Finding]], set[Path]]:
    """The findings across briefings, by file, and the files they make unusable."""
    extra: dict[Path, list[Finding]] = defaultdict(list)
    broken: set[Path] = set()

    by_id: dict[str, list[Outline]] = defaultdict(list)
    for outline in outlines:
        by_id[outline.id].append(outline)
    for briefing_id, same in by_id.items():
        if len(same) < 2:
            continue
        for outline in same:
            others = ", ".join(show_path(o.path) for o in same if o is not outline)
            extra[outline.path].append(
                _finding_in(
                    outline,
                    "",
                    Severity.ERROR,
                    "duplicate-briefing-id",
                    f"briefing id `{briefing_id}` is also used by {others}",
                    "each briefing in a library needs its own id",
                )
            )
            broken.add(outline.path)

    names: dict[str, dict[str, Outline]] = defaultdict(dict)
    for outline in outlines:
        for party_id, name in outline.party_names:
            names[party_id].setdefault(name, outline)
    for party_id, by_name in names.items():
        if len(by_name) < 2:
            continue
        for name, outline in by_name.items():
            others = "; ".join(
                f"`{other}` in {show_path(o.path.name)}"
                for other, o in by_name.items()
                if other != name
            )
            extra[outline.path].append(
                _finding_in(
                    outline,
                    party_id,
                    Severity.WARNING,
                    "party-name-differs",
                    f"party `{party_id}` is named `{name}` here but {others}",
                    "a party shared across briefings should have one name",
                )
            )
    return extra, broken


def _finding_in(
    entry: Outline, item_id: str, severity: Severity, code: str, message: str, hint: str
) -> Finding:
    where: Location | None = entry.locations.get(item_id)
    line = caret = None
    if where:
        try:
            text_lines = entry.path.read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            text_lines = []
        line, caret = line_excerpt(text_lines, where.line, where.column)
    return Finding(
        severity=severity,
        code=code,
        message=message,
        file=entry.path,
        location=where,
        path="id" if not item_id else f"id `{item_id}`",
        hint=hint,
        source_line=line,
        caret=caret,
    )
