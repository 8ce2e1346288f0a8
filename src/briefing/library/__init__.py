"""A library: the briefings found under one or more paths, loaded and checked together.

The package holds what a library is made of: finding its files (`discovery`), the checks across
them (`checks`), loading many at once (`bulk`), the on-disk cache of loaded briefings (`cache`,
`entries`), the catalog a large library is read through (`catalog`) and reloading while it is
read (`reload`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from msgspec.structs import replace

from briefing.findings import Finding
from briefing.library.checks import Outline, cross_check
from briefing.library.discovery import (
    BRIEFING_SUFFIXES,
    bundled_content_dir,
    default_library,
    describe_library,
    discover,
    holds_briefings,
    library_label,
)
from briefing.loader import LoadResult, load_briefing
from briefing.model import Briefing

if TYPE_CHECKING:
    from briefing.library.cache import LibraryCache

__all__ = [
    "BRIEFING_SUFFIXES",
    "Library",
    "Outline",
    "bundled_content_dir",
    "check_library",
    "cross_check",
    "default_library",
    "describe_library",
    "discover",
    "holds_briefings",
    "library_label",
    "load_library",
]


class Library(msgspec.Struct, frozen=True):
    entries: tuple[LoadResult, ...]
    # Problems that belong to no single briefing file (an unreadable directory).
    problems: tuple[Finding, ...] = ()

    @property
    def briefings(self) -> tuple[Briefing, ...]:
        return tuple(entry.briefing for entry in self.entries if entry.briefing is not None)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.problems + tuple(f for entry in self.entries for f in entry.findings)

    def by_id(self, briefing_id: str) -> Briefing | None:
        return next((b for b in self.briefings if b.id == briefing_id), None)

    def appearances(self, party_id: str) -> tuple[Briefing, ...]:
        """Every briefing in which a party with this id appears."""
        return tuple(b for b in self.briefings if b.party(party_id) is not None)


def load_library(
    paths: Sequence[Path], *, cache: LibraryCache | None = None, jobs: int = 1
) -> Library:
    """Load every briefing under `paths`: through the on-disk `cache` if given, and with `jobs`
    processes when there are many files (see `briefing.library.bulk`)."""
    files, problems = discover(paths)
    if cache is None and jobs == 1:
        return check_library([load_briefing(path) for path in files], problems)
    from briefing.library.bulk import load_results

    return check_library(load_results(files, cache, jobs=jobs), problems)


def check_library(entries: Sequence[LoadResult], problems: Sequence[Finding] = ()) -> Library:
    """Add the findings that need the whole library: shared ids and party names."""
    extra, broken = cross_check([Outline.of(e.briefing, e.path) for e in entries if e.briefing])
    checked = tuple(
        replace(
            entry,
            findings=entry.findings + tuple(extra.get(entry.path, ())),
            briefing=None if entry.path in broken else entry.briefing,
        )
        if entry.path in extra
        else entry
        for entry in entries
    )
    return Library(checked, tuple(problems))
