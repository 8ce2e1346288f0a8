"""The cross-reference index: links in a briefing, spans of a source, parties across briefings."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.library import Library, load_library
from briefing.links import BriefingLinks, LibraryLinks, PartyAppearances, Relation
from briefing.model import Briefing, Party, Position, Quote

FIXTURES = Path(__file__).parent / "fixtures"
# harbour-talks and harbour-boats share Northland, Southland and Ana Reyes.
LINKED = [FIXTURES / "good" / "harbour-talks.yaml", FIXTURES / "links"]


@pytest.fixture(scope="module")
def library() -> Library:
    loaded = load_library(LINKED)
    assert not [f for f in loaded.findings if f.is_error]
    return loaded


@pytest.fixture(scope="module")
def talks(library: Library) -> Briefing:
    briefing = library.by_id("harbour-talks")
    assert briefing is not None
    return briefing


def item(briefing: Briefing, item_id: str):
    found = briefing.find(item_id)
    assert found is not None, item_id
    return found[1]


def described(links) -> list[tuple[str, str, str]]:
    return [(link.relation.value, link.briefing_id, link.target.id) for link in links]


def test_a_party_links_to_everything_that_names_it(talks: Briefing) -> None:
    links = BriefingLinks(talks).links(item(talks, "southland"))
    assert described(links) == [
        ("position", "harbour-talks", "pos-southland-package"),
        ("decides", "harbour-talks", "q-second-round"),
        ("event", "harbour-talks", "ev-talks-open"),
        ("spoken-for-by", "harbour-talks", "ana-reyes"),
    ]


def test_a_person_links_to_the_party_it_speaks_for_and_its_quotes(talks: Briefing) -> None:
    links = BriefingLinks(talks).links(item(talks, "ana-reyes"))
    assert described(links) == [
        ("speaks-for", "harbour-talks", "southland"),
        ("quote", "harbour-talks", "quote-frank-and-useful"),
    ]


def test_an_office_links_to_the_figures_it_reports(talks: Briefing) -> None:
    links = BriefingLinks(talks).links(item(talks, "port-authority"))
    assert [link.target.id for link in links] == ["fig-days-closed", "fig-jobs-lost"]
    assert {link.relation for link in links} == {Relation.FIGURE}


def test_items_link_to_their_parties_issue_and_citations(talks: Briefing) -> None:
    index = BriefingLinks(talks)
    position = item(talks, "pos-northland-boats-first")
    assert described(index.links(position)) == [
        ("party", "harbour-talks", "northland"),
        ("issue", "harbour-talks", "harbour-reopening"),
        ("citation", "harbour-talks", "harbour-article"),
    ]
    citation = index.links(position)[-1].citation
    assert citation is position.citations[0]

    quote = item(talks, "quote-frank-and-useful")
    assert described(index.links(quote))[0] == ("speaker", "harbour-talks", "ana-reyes")
    figure = item(talks, "fig-jobs-lost")
    assert described(index.links(figure))[0] == ("reported-by", "harbour-talks", "port-authority")
    question = item(talks, "q-second-round")
    parties = [link.target.id for link in index.links(question) if link.relation is Relation.PARTY]
    assert parties == ["northland", "southland"]


def test_an_issue_links_to_every_position_on_it(talks: Briefing) -> None:
    index = BriefingLinks(talks)
    issue = index.issue("harbour-reopening")
    assert issue is not None
    assert [link.target.id for link in index.links(issue)] == [
        "pos-northland-boats-first",
        "pos-southland-package",
    ]


def test_a_source_lists_its_cited_spans_in_reading_order_with_who_cites_them(
    talks: Briefing,
) -> None:
    source = talks.sources[0]
    spans = BriefingLinks(talks).spans(source.id)
    starts = [span.start for span in spans]
    assert starts == sorted(starts)
    assert len(spans) >= 6
    for span in spans:
        assert span.citers
        words = source.text[span.start : span.end]
        for citer in span.citers:
            cited = list(getattr(citer, "citations", ()))
            if isinstance(citer, Quote) and citer.located:
                cited.append(citer.located)
            assert words in [c.passage for c in cited]
    # The quote's own words are a span of their own, inside the span its citation covers.
    quote = item(talks, "quote-frank-and-useful")
    own = [s for s in spans if quote in s.citers and s.end - s.start == len("frank and useful")]
    assert len(own) == 1


def test_parties_across_briefings(library: Library, talks: Briefing) -> None:
    appearances = PartyAppearances(library.briefings)
    assert appearances.briefings("southland") == ("harbour-talks", "harbour-boats")
    assert appearances.elsewhere("southland", "harbour-talks") == ("harbour-boats",)
    assert appearances.elsewhere("port-authority", "harbour-talks") == ()
    # The same answer as the library's own (slower) scan.
    for party in talks.parties:
        assert appearances.briefings(party.id) == tuple(b.id for b in library.appearances(party.id))


def test_a_party_links_to_itself_in_other_briefings(library: Library, talks: Briefing) -> None:
    links = LibraryLinks(library.briefings)
    southland = links.links(talks, item(talks, "southland"))
    elsewhere = [link for link in southland if link.relation is Relation.ALSO_IN]
    assert len(elsewhere) == 1
    assert elsewhere[0].briefing_id == "harbour-boats"
    assert isinstance(elsewhere[0].target, Party)
    assert elsewhere[0].target is library.by_id("harbour-boats").party("southland")
    # And from there, every position of Southland in that briefing.
    boats = library.by_id("harbour-boats")
    there = links.links(boats, elsewhere[0].target)
    positions = [link.target for link in there if link.relation is Relation.POSITION]
    assert [p.id for p in positions] == ["pos-southland-gesture", "pos-southland-weeks"]
    assert all(isinstance(p, Position) and p.party.id == "southland" for p in positions)
    # Not a party: no links to other briefings.
    quote = item(talks, "quote-frank-and-useful")
    assert all(link.relation is not Relation.ALSO_IN for link in links.links(talks, quote))


def test_the_index_of_a_briefing_is_built_once(library: Library, talks: Briefing) -> None:
    links = LibraryLinks(library.briefings)
    assert links.of(talks) is links.of(talks)


def test_the_whole_library_is_read_only_for_a_partys_links(
    library: Library, talks: Briefing
) -> None:
    calls = []

    def every_briefing():
        calls.append(1)
        return library.briefings

    links = LibraryLinks(every_briefing)
    links.links(talks, item(talks, "quote-frank-and-useful"))
    links.links(talks, item(talks, "pos-northland-boats-first"))
    assert links.briefing("harbour-talks") is talks
    assert calls == []
    links.links(talks, item(talks, "southland"))
    links.links(talks, item(talks, "northland"))
    assert calls == [1]


def test_a_partys_other_briefings_can_be_capped(library: Library, talks: Briefing) -> None:
    links = LibraryLinks(library.briefings)
    southland = item(talks, "southland")
    every = [link for link in links.links(talks, southland) if link.relation is Relation.ALSO_IN]
    capped = links.links(talks, southland, elsewhere=0)
    assert every and all(link.relation is not Relation.ALSO_IN for link in capped)
    assert links.elsewhere(talks, southland) == ("harbour-boats",)


def test_a_library_with_records_is_never_loaded_whole(library: Library, talks: Briefing) -> None:
    """A catalog names each briefing and its parties: titles and party links come from that,
    and only a briefing followed to is loaded."""
    loaded: list[str] = []

    def load(briefing_id: str) -> Briefing | None:
        loaded.append(briefing_id)
        return library.by_id(briefing_id)

    def every_briefing():
        raise AssertionError("the whole library was read")

    records = [(b.id, b.title, [p.id for p in b.parties]) for b in library.briefings]
    links = LibraryLinks(every_briefing, records=lambda: records, load=load)
    southland = item(talks, "southland")
    elsewhere = [
        link for link in links.links(talks, southland) if link.relation is Relation.ALSO_IN
    ]
    assert [link.briefing_id for link in elsewhere] == ["harbour-boats"]
    # The party by its id: the other briefing is not loaded to list the link.
    assert elsewhere[0].target.id == "southland"
    assert links.title("harbour-boats") == "The return of the fishing boats"
    assert loaded == []
    assert links.briefing("harbour-boats") is library.by_id("harbour-boats")
    assert loaded == ["harbour-boats"]


def test_party_appearances_from_records_match_those_from_briefings(library: Library) -> None:
    records = [(b.id, b.title, [p.id for p in b.parties]) for b in library.briefings]
    from_records = PartyAppearances.from_records(records)
    from_briefings = PartyAppearances(library.briefings)
    for briefing in library.briefings:
        assert from_records.title(briefing.id) == briefing.title
        for party in briefing.parties:
            assert from_records.briefings(party.id) == from_briefings.briefings(party.id)
