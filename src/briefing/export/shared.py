"""What the export formats share: clean text, safe links, citation numbers, cross-references.

Every export reads the resolved model (`briefing.model`) and is a pure function of it, so the
same briefing always gives the same bytes: no dates of export, no machine paths.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from briefing.model import (
    Briefing,
    Citation,
    Event,
    Figure,
    Issue,
    Item,
    Party,
    Position,
    Question,
    Quote,
    Section,
)
from briefing.text import sanitise

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """Text with control and bidi-override characters removed.

    The loader already removed them; exports remove them again so that a model built some other
    way still cannot put an escape sequence into a file or a terminal.
    """
    return sanitise(text)


def one_line(text: str) -> str:
    """Clean text with every run of whitespace, newlines included, as one space."""
    return _SPACE.sub(" ", clean(text)).strip()


def web_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL safe to link to; otherwise None.

    Anything else (`javascript:`, `data:`, relative paths) stays text.
    """
    if not url:
        return None
    url = url.strip()
    if url != clean(url) or any(c.isspace() for c in url) or any(c in url for c in "<>\"'`"):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def long_date(date: datetime.date) -> str:
    """`4 March 2024`, the same in every locale."""
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def when_details(event: Event) -> list[str]:
    """How the source puts the event's time, and where its date comes from."""
    details = [f"“{one_line(event.label)}”"] if event.label else []
    details.append("dated by the source" if event.when_sourced else "date from context")
    return details


def party_chain(party: Party) -> list[Party]:
    """The party and the parties it is part of, innermost first."""
    chain = [party]
    while chain[-1].part_of is not None and len(chain) < 32:
        chain.append(chain[-1].part_of)  # type: ignore[arg-type]
    return chain


def citations_of(item: Item) -> tuple[Citation, ...]:
    return getattr(item, "citations", ())


CiteKey = tuple[str, int, int]


def cite_key(citation: Citation) -> CiteKey:
    return (citation.source.id, citation.start, citation.end)


@dataclass
class CitationNumbers:
    """Footnote numbers for the distinct cited spans, in reader order.

    Two items citing the same words share a number; each number knows the items that cite it.
    """

    numbers: dict[CiteKey, int] = field(default_factory=dict)
    citations: list[Citation] = field(default_factory=list)
    cited_by: dict[int, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, briefing: Briefing) -> CitationNumbers:
        numbers = cls()
        for _, item in briefing.all_items():
            for citation in citations_of(item):
                number = numbers.numbers.setdefault(cite_key(citation), len(numbers.numbers) + 1)
                if number > len(numbers.citations):
                    numbers.citations.append(citation)
                cited = numbers.cited_by.setdefault(number, [])
                if item.id not in cited:
                    cited.append(item.id)
        return numbers

    def number(self, citation: Citation) -> int:
        return self.numbers[cite_key(citation)]

    def numbered(self) -> Iterator[tuple[int, Citation]]:
        return enumerate(self.citations, start=1)


@dataclass
class Matrix:
    """Positions as a table: parties down, issues across, the positions in each cell."""

    parties: list[Party]
    issues: list[Issue]
    cells: dict[tuple[str, str], list[Position]]

    def cell(self, party: Party, issue: Issue) -> list[Position]:
        return self.cells.get((party.id, issue.id), [])


def positions_matrix(briefing: Briefing) -> Matrix:
    cells: dict[tuple[str, str], list[Position]] = {}
    for position in briefing.positions:
        cells.setdefault((position.party.id, position.issue.id), []).append(position)
    party_ids = {position.party.id for position in briefing.positions}
    issue_ids = {position.issue.id for position in briefing.positions}
    return Matrix(
        parties=[p for p in briefing.parties if p.id in party_ids],
        issues=[i for i in briefing.issues if i.id in issue_ids],
        cells=cells,
    )


@dataclass
class Mentions:
    """For one party, the items that involve it, by what they are."""

    members: list[Party] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


def party_mentions(briefing: Briefing) -> dict[str, Mentions]:
    """Back-references from each party to the items that name it."""
    mentions = {party.id: Mentions() for party in briefing.parties}

    def add(party: Party | None, what: str, item: Item) -> None:
        if party is not None and party.id in mentions:
            bucket = getattr(mentions[party.id], what)
            if item not in bucket:
                bucket.append(item)

    for party in briefing.parties:
        add(party.part_of, "members", party)
    for position in briefing.positions:
        add(position.party, "positions", position)
    for quote in briefing.quotes:
        add(quote.speaker, "quotes", quote)
    for question in briefing.questions:
        for party in question.parties:
            add(party, "questions", question)
    for event in briefing.timeline:
        for party in event.parties:
            add(party, "events", event)
    for figure in briefing.figures:
        add(figure.reported_by, "figures", figure)
        for party in figure.parties:
            add(party, "figures", figure)
    return mentions


def issue_positions(briefing: Briefing, issue: Issue) -> list[Position]:
    return [position for position in briefing.positions if position.issue.id == issue.id]


def sections_with_items(briefing: Briefing) -> list[Section]:
    """The sections worth a heading: the overview and every section that has items."""
    return [s for s in Section if s is Section.OVERVIEW or briefing.count(s)]
