"""The resolved domain model: what readers navigate.

Immutable objects with references resolved: a position holds its `Party` and `Issue`, a citation
its `Source` and the located span of its excerpt. Built by `briefing.loader` from the file format
(`briefing.format`) once every reference has been checked.

The items are msgspec Structs rather than dataclasses: they behave alike (frozen, compared and
hashed by their fields), and a Struct class is made in a fiftieth of the time, which the reader's
start-up pays for every class it imports.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from briefing.findings import Location


class Section(enum.Enum):
    """The sections of a briefing, in reader order. The value is the section's key."""

    OVERVIEW = "overview"
    PARTIES = "parties"
    POSITIONS = "positions"
    QUESTIONS = "questions"
    TIMELINE = "timeline"
    FIGURES = "figures"
    QUOTES = "quotes"
    SOURCES = "sources"

    @property
    def title(self) -> str:
        return self.value.capitalize()

    @classmethod
    def parse(cls, name: str) -> Section:
        """A section from its key or title, case-insensitively."""
        return cls(name.strip().lower())


class Source(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    title: str
    file: Path
    text: str
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    note: str | None = None


class Citation(msgspec.Struct, frozen=True, kw_only=True):
    source: Source
    excerpt: str
    # Character offsets of the excerpt in `source.text`.
    start: int
    end: int

    @property
    def passage(self) -> str:
        """The exact words of the source that the excerpt matched."""
        return self.source.text[self.start : self.end]


class Party(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str
    kind: str
    summary: str | None = None
    part_of: Party | None = None


class Issue(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    title: str
    summary: str | None = None


class Position(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    party: Party
    issue: Issue
    stance: str
    citations: tuple[Citation, ...]


class Question(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    question: str
    why: str
    parties: tuple[Party, ...]
    watch: tuple[str, ...]
    citations: tuple[Citation, ...]


class When(msgspec.Struct, frozen=True, kw_only=True):
    """A date, a month, or a range, as written: `2023-12-20`, `2023-12`, `a..b`."""

    text: str
    start: datetime.date
    end: datetime.date

    @classmethod
    def parse(cls, text: str) -> When:
        """Raises ValueError for an impossible date or a range that ends before it starts."""
        if ".." in text:
            first, last = text.split("..", 1)
            start, end = datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
            if end < start:
                raise ValueError("the range ends before it starts")
        elif len(text) == 7:
            year, month = int(text[:4]), int(text[5:])
            start = datetime.date(year, month, 1)
            following = datetime.date(year + month // 12, month % 12 + 1, 1)
            end = following - datetime.timedelta(days=1)
        else:
            start = end = datetime.date.fromisoformat(text)
        return cls(text=text, start=start, end=end)


class Event(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    when: When
    # True when the source states the date; False when the curator supplied it as context.
    when_sourced: bool
    label: str | None
    event: str
    parties: tuple[Party, ...]
    citations: tuple[Citation, ...]


class Figure(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    value: str
    label: str
    qualifier: str | None
    reported_by: Party | None
    parties: tuple[Party, ...]
    citations: tuple[Citation, ...]


class Quote(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    speaker: Party
    quote: str
    context: str | None
    citations: tuple[Citation, ...]
    # Where the quoted words stand in their source, when found.
    located: Citation | None = None


Item = Source | Party | Issue | Position | Question | Event | Figure | Quote


# A dataclass, not a Struct like the items: two briefings are equal whatever the places of their
# items in their files, and a Struct compares every field.
@dataclass(frozen=True, slots=True, kw_only=True)
class Briefing:
    id: str
    title: str
    as_of: datetime.date
    status: str
    summary: str
    path: Path
    tags: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    parties: tuple[Party, ...] = ()
    issues: tuple[Issue, ...] = ()
    positions: tuple[Position, ...] = ()
    questions: tuple[Question, ...] = ()
    timeline: tuple[Event, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    # Where each item's entry starts in the file, by item id ("" for the briefing's own id):
    # for opening an editor at an item and for locating findings about it.
    locations: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)

    def items(self, section: Section) -> tuple[Item, ...]:
        """The items of a section; Overview has none of its own."""
        if section is Section.OVERVIEW:
            return ()
        return getattr(self, section.value)

    def count(self, section: Section) -> int:
        return len(self.items(section))

    def all_items(self) -> Iterator[tuple[Section, Item]]:
        for section in Section:
            for item in self.items(section):
                yield section, item

    def find(self, item_id: str) -> tuple[Section, Item] | None:
        """The section and item with this id."""
        for section, item in self.all_items():
            if item.id == item_id:
                return section, item
        return None

    def party(self, party_id: str) -> Party | None:
        return next((party for party in self.parties if party.id == party_id), None)
