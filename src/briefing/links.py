"""Cross-references: what each item of a briefing links to, and where a party appears elsewhere.

A briefing names its parties, issues and sources by id; this index turns those references around
(a party -> the positions, quotes, questions, events and figures that name it) so that a reader,
the command line or an export can go from any item to the items related to it, and from a party
to the same party in other briefings of the library.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Callable, Iterable

import msgspec

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
    Source,
)


class Relation(enum.Enum):
    """How a link's target relates to the item it is listed under, in the order they are listed."""

    SPEAKER = "speaker"
    SPEAKS_FOR = "speaks-for"
    REPORTED_BY = "reported-by"
    PARTY = "party"
    ISSUE = "issue"
    POSITION = "position"
    QUOTE = "quote"
    DECIDES = "decides"
    EVENT = "event"
    FIGURE = "figure"
    SPOKEN_FOR_BY = "spoken-for-by"
    ALSO_IN = "also-in"
    CITED_BY = "cited-by"
    CITATION = "citation"


_ORDER = {relation: index for index, relation in enumerate(Relation)}


class Link(msgspec.Struct, frozen=True, eq=False):
    """A target to go to: an item of a briefing (by the briefing's id), or a cited span.

    For a CITATION link the target is the source and `citation` the span of it that is cited.
    A link with `more` stands for the links of its relation left out of a long list.
    """

    relation: Relation
    briefing_id: str
    target: Item
    citation: Citation | None = None
    # Not listed: this many more links of the same relation, which following this one lists.
    more: int = 0


class CitedSpan(msgspec.Struct, frozen=True, eq=False):
    """A span of a source cited by one or more items, with the items that cite it."""

    start: int
    end: int
    citers: tuple[Item, ...]


class BriefingLinks:
    """The cross-references of one briefing, built once in a single pass over its items."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        referrers: dict[str, list[tuple[Relation, Item]]] = defaultdict(list)
        spans: dict[str, dict[tuple[int, int], list[Item]]] = defaultdict(dict)

        def refer(target_id: str, relation: Relation, item: Item) -> None:
            pairs = referrers[target_id]
            # By identity: items are resolved once, and comparing them field by field is slow.
            if not any(r is relation and i is item for r, i in pairs):
                pairs.append((relation, item))

        for party in briefing.parties:
            if party.part_of is not None:
                refer(party.part_of.id, Relation.SPOKEN_FOR_BY, party)
        for position in briefing.positions:
            refer(position.party.id, Relation.POSITION, position)
            refer(position.issue.id, Relation.POSITION, position)
        for question in briefing.questions:
            for party in question.parties:
                refer(party.id, Relation.DECIDES, question)
        for event in briefing.timeline:
            for party in event.parties:
                refer(party.id, Relation.EVENT, event)
        for figure in briefing.figures:
            for party in _figure_parties(figure):
                refer(party.id, Relation.FIGURE, figure)
        for quote in briefing.quotes:
            refer(quote.speaker.id, Relation.QUOTE, quote)

        for _, item in briefing.all_items():
            for citation in _cited(item):
                citers = spans[citation.source.id].setdefault((citation.start, citation.end), [])
                if not any(citer is item for citer in citers):
                    citers.append(item)
                refer(citation.source.id, Relation.CITED_BY, item)

        self._referrers = {
            key: sorted(pairs, key=lambda pair: _ORDER[pair[0]]) for key, pairs in referrers.items()
        }
        self._spans = {
            source_id: tuple(
                CitedSpan(start, end, tuple(citers))
                for (start, end), citers in sorted(by_span.items())
            )
            for source_id, by_span in spans.items()
        }

    def referrers(self, item_id: str) -> tuple[tuple[Relation, Item], ...]:
        """The items that refer to an item (a party, an issue, a source), by relation."""
        return tuple(self._referrers.get(item_id, ()))

    def spans(self, source_id: str) -> tuple[CitedSpan, ...]:
        """The cited spans of a source, in reading order (by start, then end)."""
        return self._spans.get(source_id, ())

    def links(self, item: Item) -> tuple[Link, ...]:
        """Everything an item links to within its briefing, in listing order."""
        own = self.briefing.id
        found: list[Link] = []

        def add(relation: Relation, target: Item | None) -> None:
            if target is not None:
                found.append(Link(relation, own, target))

        match item:
            case Party():
                add(Relation.SPEAKS_FOR, item.part_of)
                for relation, referrer in self.referrers(item.id):
                    add(relation, referrer)
            case Position():
                add(Relation.PARTY, item.party)
                add(Relation.ISSUE, item.issue)
            case Question() | Event():
                for party in item.parties:
                    add(Relation.PARTY, party)
            case Figure():
                add(Relation.REPORTED_BY, item.reported_by)
                for party in item.parties:
                    add(Relation.PARTY, party)
            case Quote():
                add(Relation.SPEAKER, item.speaker)
            case Issue():
                for relation, referrer in self.referrers(item.id):
                    add(relation, referrer)
            case Source():
                for relation, referrer in self.referrers(item.id):
                    add(relation, referrer)
        for citation in getattr(item, "citations", ()):
            found.append(Link(Relation.CITATION, own, citation.source, citation))
        return tuple(found)

    def issue(self, issue_id: str) -> Issue | None:
        return next((issue for issue in self.briefing.issues if issue.id == issue_id), None)


# What the party index needs of one briefing: its id, its title and its parties' ids.
Record = tuple[str, str, Iterable[str]]


class PartyAppearances:
    """Across a library: party id -> the ids of the briefings it appears in, in library order;
    and each briefing's title, to name it without loading it."""

    def __init__(self, briefings: Iterable[Briefing]) -> None:
        self._build((b.id, b.title, (p.id for p in b.parties)) for b in briefings)

    @classmethod
    def from_records(cls, records: Iterable[Record]) -> PartyAppearances:
        """From what a catalog keeps of each briefing, loading none."""
        appearances = cls.__new__(cls)
        appearances._build(records)
        return appearances

    def _build(self, records: Iterable[Record]) -> None:
        found: dict[str, list[str]] = defaultdict(list)
        self._titles: dict[str, str] = {}
        for briefing_id, title, party_ids in records:
            self._titles[briefing_id] = title
            for party_id in party_ids:
                found[party_id].append(briefing_id)
        self._by_party = {party_id: tuple(ids) for party_id, ids in found.items()}

    def briefings(self, party_id: str) -> tuple[str, ...]:
        return self._by_party.get(party_id, ())

    def elsewhere(self, party_id: str, briefing_id: str) -> tuple[str, ...]:
        """The other briefings a party appears in."""
        return tuple(other for other in self.briefings(party_id) if other != briefing_id)

    def title(self, briefing_id: str) -> str | None:
        return self._titles.get(briefing_id)


class LibraryLinks:
    """Links across a library, each part built when first asked for.

    A briefing's own index needs that briefing only; the party index, and with it the links to
    other briefings, needs every briefing of the library, so `briefings` may be a function that
    is called (once) only when a party's links are first asked for: a library whose briefings
    load on demand is not loaded whole to show a position or a quote.

    A library that keeps a record of each briefing (a catalog) gives `records`, a function
    returning each briefing's id, title and parties' ids, and `load`, which loads one briefing
    by its id: then no question loads the library whole. Its links to a party in other briefings
    go to the party by its id there, the other briefing loaded only when a link is followed.
    """

    def __init__(
        self,
        briefings: Iterable[Briefing] | Callable[[], Iterable[Briefing]],
        *,
        records: Callable[[], Iterable[Record]] | None = None,
        load: Callable[[str], Briefing | None] | None = None,
    ) -> None:
        self._source = briefings
        self._records = records
        self._load = load
        self._briefings: dict[str, Briefing] | None = None
        self._appearances: PartyAppearances | None = None
        self._indexes: dict[str, BriefingLinks] = {}

    def _all(self) -> dict[str, Briefing]:
        if self._briefings is None:
            source = self._source
            found = source() if callable(source) else source
            self._briefings = {briefing.id: briefing for briefing in found}
        return self._briefings

    @property
    def appearances(self) -> PartyAppearances:
        if self._appearances is None:
            if self._records is not None:
                self._appearances = PartyAppearances.from_records(self._records())
            else:
                self._appearances = PartyAppearances(self._all().values())
        return self._appearances

    def briefing(self, briefing_id: str) -> Briefing | None:
        index = self._indexes.get(briefing_id)
        if index is not None:
            return index.briefing
        if self._load is not None:
            return self._load(briefing_id)
        return self._all().get(briefing_id)

    def title(self, briefing_id: str) -> str | None:
        """A briefing's title, loading it only if the library keeps no record of it."""
        index = self._indexes.get(briefing_id)
        if index is not None:
            return index.briefing.title
        if self._records is not None:
            return self.appearances.title(briefing_id)
        briefing = self.briefing(briefing_id)
        return briefing.title if briefing is not None else None

    def of(self, briefing: Briefing) -> BriefingLinks:
        index = self._indexes.get(briefing.id)
        if index is None or index.briefing is not briefing:
            index = self._indexes[briefing.id] = BriefingLinks(briefing)
        return index

    def elsewhere(self, briefing: Briefing, party: Party) -> tuple[str, ...]:
        """The other briefings a party of this briefing appears in, in library order."""
        return self.appearances.elsewhere(party.id, briefing.id)

    def links(
        self, briefing: Briefing, item: Item, *, elsewhere: int | None = None
    ) -> tuple[Link, ...]:
        """An item's links in its briefing; for a party, then the same party in other briefings
        (the first `elsewhere` of them, if given: a party may appear in hundreds)."""
        links = self.of(briefing).links(item)
        if not isinstance(item, Party):
            return links
        found = []
        for other_id in self.elsewhere(briefing, item)[:elsewhere]:
            if self._load is not None:
                found.append(Link(Relation.ALSO_IN, other_id, item))
                continue
            party = self._all()[other_id].party(item.id)
            if party is not None:
                found.append(Link(Relation.ALSO_IN, other_id, party))
        if not found:
            return links
        # Before the citations, which close every list of links.
        cut = next((i for i, link in enumerate(links) if link.relation is Relation.CITATION), None)
        cut = len(links) if cut is None else cut
        return (*links[:cut], *found, *links[cut:])


def _figure_parties(figure: Figure) -> list[Party]:
    parties = list(figure.parties)
    if figure.reported_by is not None and all(p is not figure.reported_by for p in parties):
        parties.append(figure.reported_by)
    return parties


def _cited(item: Item) -> list[Citation]:
    """An item's citations, and for a quote where its exact words stand in the source."""
    cited = list(getattr(item, "citations", ()))
    if isinstance(item, Quote) and item.located is not None:
        cited.append(item.located)
    return cited
