"""Searching a library from the reader: the search index, which may arrive after the reader has
opened, and where each hit lands (the briefing, section, row and passage to show).

The reader asks for hits as the reader types; until an index is given (built in a background
thread, or read from the library cache) there are none, and `ready` says so. Searches may come
from more than one thread, so they take turns: the index keeps a cache of unpacked text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from briefing.catalog import CatalogEntries
from briefing.loader import LoadResult
from briefing.model import Briefing, Section
from briefing.search import Hit, Kind, SearchIndex

# Hits listed for one query: a page the reader can scan, and `n` can step through.
PAGE = 50


@dataclass(frozen=True, slots=True)
class Landing:
    """Where a hit is shown: a library entry, a section, the row to select and, for a passage of
    a source, the offset in the source's text of the first matched word."""

    entry: int
    section: Section
    item_id: str | None = None
    source_offset: int | None = None


@dataclass(frozen=True, slots=True)
class Found:
    hit: Hit
    landing: Landing


def landing(entry: int, hit: Hit, briefing: Callable[[], Briefing | None]) -> Landing:
    """The place in the reader that shows a hit of the briefing at `entry` in the library.

    `briefing` gives the briefing itself, read only for an issue (a large library loads its
    briefings on demand).
    """
    match hit.kind:
        case Kind.BRIEFING:
            return Landing(entry, Section.OVERVIEW)
        case Kind.ISSUE:
            # An issue heads its positions; the first of them is the row to land on.
            positions = getattr(briefing(), "positions", ())
            first = next((p.id for p in positions if p.issue.id == hit.item_id), None)
            return Landing(entry, Section.POSITIONS, first)
        case Kind.SOURCE:
            return Landing(entry, Section.SOURCES, hit.item_id, hit.source_offset)
    return Landing(entry, hit.section, hit.item_id)


class Finder:
    """A library's search, for the reader."""

    def __init__(self, entries: Sequence[LoadResult]) -> None:
        self.entries = entries
        # A catalog's entries load on demand: its records say where each briefing is, and its
        # saved index is the one to search.
        self.catalog = entries.catalog if isinstance(entries, CatalogEntries) else None
        self._positions: dict[str, int] | None = None
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self._index is not None

    def use(self, index: SearchIndex) -> None:
        """Search with this index from now on (one built, or read from the cache)."""
        self._index = index

    def build(self) -> SearchIndex:
        """Index every briefing of the library (or read a catalog's saved index) and use it:
        slow, for a background thread."""
        if self.catalog is not None:
            index = self.catalog.search_index()
        else:
            index = SearchIndex.build(e.briefing for e in self.entries if e.briefing is not None)
        self.use(index)
        return index

    def _briefing(self, position: int) -> Briefing | None:
        return self.entries[position].briefing

    def _position(self, briefing_id: str) -> int | None:
        if self._positions is None:
            if self.catalog is not None:
                metas = self.catalog.metas
                self._positions = {m.id: at for at, m in enumerate(metas) if m.ok and m.id}
            else:
                self._positions = {
                    entry.briefing.id: at
                    for at, entry in enumerate(self.entries)
                    if entry.briefing is not None
                }
        return self._positions.get(briefing_id)

    def search(self, query: str, limit: int = PAGE) -> list[Found] | None:
        """The hits for `query`, each with its landing; None while there is no index yet."""
        index = self._index
        if index is None:
            return None
        with self._lock:
            hits = index.search(query, limit)
        found = []
        for hit in hits:
            position = self._position(hit.briefing_id)
            if position is None:
                continue  # indexed, but not (or no longer) in the library the reader shows
            briefing = partial(self._briefing, position)
            found.append(Found(hit, landing(position, hit, briefing)))
        return found
