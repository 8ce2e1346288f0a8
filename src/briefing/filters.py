"""Narrowing what the reader lists: positions and events by party or issue, briefings by tag,
status and as-of date, and the order briefings are listed in.

Plain data and functions over the domain model, so the reader and its tests share one meaning of
"filtered". An empty choice means "any": a filter with nothing chosen lets everything through.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import msgspec

from briefing.format import STATUSES
from briefing.library.catalog import BriefingMeta, CatalogEntries
from briefing.loader import LoadResult
from briefing.model import Briefing, Event, Issue, Item, Party, Position, Section
from briefing.text import show_path

# The sections whose items can be filtered by party and issue.
FILTERABLE = (Section.POSITIONS, Section.TIMELINE)


# --- positions and timeline events ---------------------------------------------------------------


class ItemFilter(msgspec.Struct, frozen=True):
    """Positions or timeline events by party and/or issue.

    A party counts for the people and offices that are part of it, so choosing a state keeps
    what its leader said. Events have no issue: an issue filter leaves them all out.
    """

    parties: frozenset[str] = frozenset()
    issues: frozenset[str] = frozenset()

    @property
    def active(self) -> bool:
        return bool(self.parties or self.issues)

    def accepts(self, item: Item) -> bool:
        match item:
            case Position():
                return self._party_ok((item.party,)) and (
                    not self.issues or item.issue.id in self.issues
                )
            case Event():
                return not self.issues and self._party_ok(item.parties)
        return True

    def _party_ok(self, parties: Iterable[Party]) -> bool:
        if not self.parties:
            return True
        return any(self.parties & _party_and_wholes(party) for party in parties)

    def describe(self, briefing: Briefing) -> str:
        """`party: Hamas, Israel · issue: Hostages`, names as the briefing gives them."""
        parts = []
        if self.parties:
            names = [p.name for p in briefing.parties if p.id in self.parties]
            parts.append("party: " + ", ".join(names or sorted(self.parties)))
        if self.issues:
            titles = [i.title for i in briefing.issues if i.id in self.issues]
            parts.append("issue: " + ", ".join(titles or sorted(self.issues)))
        return " · ".join(parts)


def _party_and_wholes(party: Party) -> set[str]:
    ids = set()
    seen: Party | None = party
    while seen is not None and seen.id not in ids:
        ids.add(seen.id)
        seen = seen.part_of
    return ids


def party_choices(briefing: Briefing, section: Section) -> list[Party]:
    """The parties that appear in a section's items, in the briefing's order."""
    ids: set[str] = set()
    for item in briefing.items(section):
        if isinstance(item, Position):
            ids.add(item.party.id)
        elif isinstance(item, Event):
            ids.update(party.id for party in item.parties)
    return [party for party in briefing.parties if party.id in ids]


def issue_choices(briefing: Briefing, section: Section) -> list[Issue]:
    """The issues a section can be filtered by: those with positions, for Positions only."""
    if section is not Section.POSITIONS:
        return []
    ids = {position.issue.id for position in briefing.positions}
    return [issue for issue in briefing.issues if issue.id in ids]


def filter_items(items: Iterable[Item], item_filter: ItemFilter) -> list[Item]:
    return [item for item in items if item_filter.accepts(item)]


# --- briefings in the library --------------------------------------------------------------------


class Listing(msgspec.Struct, frozen=True):
    """What filtering and sorting need of a library entry; a broken file has no title."""

    name: str
    title: str | None
    as_of: datetime.date | None
    status: str
    tags: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.title is not None


def listings(entries: Sequence[LoadResult]) -> list[Listing]:
    """Every entry of a library as a listing; a catalog's from its records, loading nothing."""
    if isinstance(entries, CatalogEntries):
        return [_meta_listing(meta) for meta in entries.catalog.metas]
    return [_listing(entry) for entry in entries]


def _listing(entry: LoadResult) -> Listing:
    b = entry.briefing
    if b is None:
        return Listing(show_path(entry.path.name), None, None, "", ())
    return Listing(show_path(entry.path.name), b.title, b.as_of, b.status, b.tags)


def _meta_listing(meta: BriefingMeta) -> Listing:
    if not meta.ok or meta.title is None:
        return Listing(show_path(meta.name), None, None, "", ())
    try:
        as_of = datetime.date.fromisoformat(meta.as_of)
    except ValueError:
        as_of = None
    return Listing(meta.name, meta.title, as_of, meta.status, tuple(meta.tags))


class LibraryFilter(msgspec.Struct, frozen=True):
    """Briefings by tag (any of those chosen), status (any of those chosen) and as-of range."""

    tags: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    since: datetime.date | None = None
    until: datetime.date | None = None

    @property
    def active(self) -> bool:
        return bool(self.tags or self.statuses or self.since or self.until)

    def accepts(self, briefing: Briefing | Listing | None) -> bool:
        """A broken file has no tags, status or date: any active filter leaves it out."""
        if not self.active:
            return True
        if briefing is None or briefing.as_of is None:
            return False
        if self.tags and not self.tags.intersection(briefing.tags):
            return False
        if self.statuses and briefing.status not in self.statuses:
            return False
        if self.since and briefing.as_of < self.since:
            return False
        return not (self.until and briefing.as_of > self.until)

    def describe(self) -> str:
        """`tag: water · status: developing · as of 2024-01-01 to 2024-06-30`."""
        parts = []
        if self.tags:
            parts.append("tag: " + ", ".join(sorted(self.tags)))
        if self.statuses:
            parts.append("status: " + ", ".join(sorted(self.statuses)))
        if self.since or self.until:
            since = self.since.isoformat() if self.since else "…"
            until = self.until.isoformat() if self.until else "…"
            parts.append(f"as of {since} to {until}")
        return " · ".join(parts)


class SortOrder(enum.Enum):
    """How the navigator lists briefings; `LIBRARY` keeps the order they were found in."""

    LIBRARY = "library"
    TITLE = "title"
    AS_OF = "as-of"

    @property
    def label(self) -> str:
        return _SORT_LABELS[self]

    def next(self) -> SortOrder:
        orders = list(SortOrder)
        return orders[(orders.index(self) + 1) % len(orders)]


_SORT_LABELS = {
    SortOrder.LIBRARY: "in library order",
    SortOrder.TITLE: "by title",
    SortOrder.AS_OF: "by as-of date, newest first",
}


def arrange(
    listed: Sequence[Listing],
    library_filter: LibraryFilter | None = None,
    order: SortOrder = SortOrder.LIBRARY,
) -> list[int]:
    """The indices of the entries to list (see `listings`), in the order to list them.

    Broken files, which have neither title nor date, go last in either sorted order, by name.
    """
    library_filter = library_filter or LibraryFilter()
    shown = [
        i
        for i, listing in enumerate(listed)
        if library_filter.accepts(listing if listing.ok else None)
    ]
    if order is SortOrder.LIBRARY:
        return shown

    def key(index: int) -> tuple:
        listing = listed[index]
        if listing.title is None:
            return (1, listing.name.casefold(), 0)
        if order is SortOrder.TITLE or listing.as_of is None:
            return (0, listing.title.casefold(), index)
        return (0, -listing.as_of.toordinal(), listing.title.casefold(), index)

    return sorted(shown, key=key)


def tag_choices(briefings: Iterable[Briefing | Listing]) -> list[tuple[str, int]]:
    """Every tag with the number of briefings that carry it, most used first."""
    counts = Counter(tag for briefing in briefings for tag in set(briefing.tags))
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def status_choices(briefings: Iterable[Briefing | Listing]) -> list[tuple[str, int]]:
    """Every status in use with its number of briefings, in the format's order."""
    counts = Counter(briefing.status for briefing in briefings if briefing.status)
    return [(status, counts[status]) for status in STATUSES if counts[status]]


_BOUND = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


def parse_date_bound(text: str, *, end: bool) -> datetime.date | None:
    """A date typed as `2024`, `2024-05` or `2024-05-14`; None for an empty field.

    A year or month stands for its first day as a start and its last day as an end, so
    "2023 to 2023" means the whole year. ValueError says what is wrong with anything else.
    """
    if not text.strip():
        return None
    match = _BOUND.match(text)
    if match is None:
        raise ValueError("write a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    try:
        if day is not None:
            return datetime.date(int(year), int(month), int(day))
        if month is not None:
            first = datetime.date(int(year), int(month), 1)
            if not end:
                return first
            following = datetime.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return following - datetime.timedelta(days=1)
        return datetime.date(int(year), 12, 31) if end else datetime.date(int(year), 1, 1)
    except ValueError as error:
        raise ValueError(f"no such date: {error}") from None
