"""Searching a library from the reader: the search index, which may arrive after the reader has
opened, and where each hit lands (the briefing, section, row and passage to show).

The reader asks for hits as the reader types; until an index is given (built in a background
thread, or read from the library cache) there are none, and `ready` says so, and `progress_text`
how far it has got. The index itself is safe to search from any thread (see `briefing.search`).

A catalog's files may be listed again while the reader reads (files added or removed), so a hit's
place in the library is looked up in the current records each time, never assumed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import partial

from briefing.library.catalog import CatalogEntries
from briefing.loader import LoadResult
from briefing.model import Briefing, Section
from briefing.search import Hit, Kind, SearchIndex

# Hits listed for one query: a page the reader can scan, and `n` can step through.
PAGE = 50
# A build's progress is reported every so many briefings, and told for libraries this large.
PROGRESS_EVERY = 100
PROGRESS_FROM = 500
# From this many briefings, a library read as a list is indexed by worker processes, from its
# files (through the library cache): indexing in a thread of the reader would hold the
# interpreter's lock for most of a minute with 10,000, and keys would wait seconds for it.
IN_PROCESSES_FROM = 96


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
        self._positions: dict[str, int] = {}
        self._index: SearchIndex | None = None
        self._arrived = threading.Event()
        # How far `build` has got: briefings indexed, of how many (0 of 0: not started).
        self.indexed = (0, 0)

    @property
    def ready(self) -> bool:
        return self._index is not None

    def use(self, index: SearchIndex) -> None:
        """Search with this index from now on (one built, or read from the cache)."""
        self._index = index
        self._arrived.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the index (from another thread than the one building it); True if it came."""
        return self._arrived.wait(timeout)

    def build(
        self,
        on_progress: Callable[[int, int], None] | None = None,
        *,
        previous: Finder | None = None,
    ) -> SearchIndex:
        """Index every briefing of the library (or read a catalog's saved index) and use it:
        slow, for a background thread. `on_progress(done, total)` follows a build.

        `previous` is the finder of the library's last version (before a live reload): its
        index is taken and changed for the briefings that changed, not built again.
        """
        if self.catalog is not None:
            index = self.catalog.search_index()
        elif previous is not None and previous._index is not None:
            index = previous._index
            _follow(index, previous.entries, self.entries)
        elif len(self.entries) >= IN_PROCESSES_FROM:
            index = self._build_in_processes(on_progress)
        else:
            index = SearchIndex()
            total = len(self.entries)
            for done, entry in enumerate(self.entries, 1):
                if entry.briefing is not None:
                    index.add(entry.briefing)
                self.indexed = (done, total)
                if on_progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
                    on_progress(done, total)
                # Let the reader's own thread in between briefings: it keeps answering keys.
                time.sleep(0)
        self.use(index)
        return index

    def _build_in_processes(self, on_progress: Callable[[int, int], None] | None) -> SearchIndex:
        """Index the library's good files in worker processes (see `bulk.search_index_of`)."""
        from briefing.library.bulk import search_index_of
        from briefing.library.cache import LibraryCache

        paths = [entry.path for entry in self.entries if entry.briefing is not None]
        total = len(paths)
        self.indexed = (0, total)

        def progress(done: int, total: int) -> None:
            self.indexed = (done, total)
            if on_progress is not None:
                on_progress(done, total)

        index = search_index_of(paths, LibraryCache(), progress)
        self.indexed = (total, total)
        return index

    def progress_text(self) -> str:
        """What to say while there is no index yet."""
        if self.catalog is not None:
            return "loading the search index…"
        done, total = self.indexed
        if total < PROGRESS_FROM:
            return "indexing the library…"
        return f"indexing the library… {done:,} of {total:,} briefings"

    def _briefing(self, position: int) -> Briefing | None:
        return self.entries[position].briefing

    def _position(self, briefing_id: str, relist: bool) -> int | None:
        """Where a briefing is in the library now: the positions are remembered, and listed
        again (if `relist`) when one turns out wrong or missing."""
        at = self._positions.get(briefing_id)
        if at is not None and self._id_at(at) == briefing_id:
            return at
        if relist:
            self._positions = self._list_positions()
            return self._positions.get(briefing_id)
        return None

    def _id_at(self, at: int) -> str | None:
        if self.catalog is not None:
            metas = self.catalog.metas
            meta = metas[at] if at < len(metas) else None
            return meta.id if meta is not None and meta.ok else None
        briefing = self.entries[at].briefing if at < len(self.entries) else None
        return briefing.id if briefing is not None else None

    def _list_positions(self) -> dict[str, int]:
        if self.catalog is not None:
            return {m.id: at for at, m in enumerate(self.catalog.metas) if m.ok and m.id}
        return {
            entry.briefing.id: at
            for at, entry in enumerate(self.entries)
            if entry.briefing is not None
        }

    def search(
        self, query: str, limit: int = PAGE, *, kinds: Collection[Kind] | None = None
    ) -> list[Found] | None:
        """The hits for `query` (of `kinds`, if given), each with its landing; None while there
        is no index yet."""
        index = self._index
        if index is None:
            return None
        hits = index.search(query, limit, kinds=kinds)
        found = []
        relist = True  # once a search at most: a briefing the library does not show is no reason
        for hit in hits:
            listed = self._positions
            position = self._position(hit.briefing_id, relist)
            relist = relist and self._positions is listed
            if position is None:
                continue  # indexed, but not (or no longer) in the library the reader shows
            briefing = partial(self._briefing, position)
            found.append(Found(hit, landing(position, hit, briefing)))
        return found


def _follow(index: SearchIndex, before: Sequence[LoadResult], after: Sequence[LoadResult]) -> None:
    """Change `index` of the briefings `before` into one of those `after`: a reload keeps the
    load results of the files that did not change, so only new objects are indexed again."""
    kept = {id(entry.briefing) for entry in before if entry.briefing is not None}
    now = [entry.briefing for entry in after if entry.briefing is not None]
    ids = {briefing.id for briefing in now}
    for entry in before:
        if entry.briefing is not None and entry.briefing.id not in ids:
            index.remove(entry.briefing.id)
    for briefing in now:
        if id(briefing) not in kept:
            index.add(briefing)  # in place of the old version, if there was one
