"""Items as plain text to copy: attribution and citation included, nothing a terminal acts on."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.library import load_library
from briefing.model import Briefing
from briefing.plain import item_plain_text
from briefing.text import unsafe_characters
from tests.hostile import hostile_library

GOOD = Path(__file__).parent / "fixtures" / "good" / "harbour-talks.yaml"


@pytest.fixture(scope="module")
def talks() -> Briefing:
    briefing = load_library([GOOD]).briefings[0]
    return briefing


def plain(briefing: Briefing, item_id: str) -> str:
    found = briefing.find(item_id)
    assert found is not None
    return item_plain_text(briefing, found[1])


def test_a_quote_has_its_words_speaker_and_source(talks: Briefing) -> None:
    assert plain(talks, "quote-frank-and-useful") == (
        "“frank and useful”\n"
        "— Ana Reyes, Southland\n"
        "On the first day of talks.\n"
        "\n"
        "Source: Talks open on Portville harbour\n"
        '“the talks were "frank and useful"”\n'
        "\n"
        "From the briefing “The Portville harbour talks”, as of 2024-03-04."
    )


def test_a_position_names_party_and_issue_and_quotes_the_source(talks: Briefing) -> None:
    text = plain(talks, "pos-northland-boats-first")
    assert text.splitlines()[0] == (
        "Northland on Reopening the harbour: Northland wants the harbour kept closed until every"
        " fishing boat is returned."
    )
    assert (
        "“Northland insists the harbour stays closed until all fishing boats are returned”" in text
    )


def test_a_timeline_date_says_who_supplied_it(talks: Briefing) -> None:
    assert plain(talks, "ev-talks-open").startswith(
        "2024-03-04 (date supplied by the curator): Northland and Southland officials meet"
    )


def test_a_figure_keeps_its_qualifier_and_reporter(talks: Briefing) -> None:
    lines = plain(talks, "fig-jobs-lost").splitlines()
    assert lines[:2] == [
        "about 1,200 workers who have lost their jobs (estimated)",
        "Reported by Portville port authority",
    ]


def test_every_item_of_every_briefing_copies(talks: Briefing) -> None:
    for _, item in talks.all_items():
        text = item_plain_text(talks, item)
        assert text.endswith("as of 2024-03-04.")
        assert text.splitlines()[0].strip()


def test_hostile_text_leaves_no_control_characters(tmp_path: Path) -> None:
    library = load_library([hostile_library(tmp_path)])
    briefings = library.briefings
    assert briefings
    for briefing in briefings:
        for _, item in briefing.all_items():
            text = item_plain_text(briefing, item)
            assert unsafe_characters(text) == [], (item.id, text)
            assert "\x1b" not in text


def test_a_cited_span_copies_with_its_source(talks: Briefing) -> None:
    from briefing.plain import passage_plain_text

    source = talks.sources[0]
    start = source.text.index("closed for nearly")
    text = passage_plain_text(source, start, start + len("closed for nearly 40 days"))
    assert text == "“closed for nearly 40 days”\nSource: Talks open on Portville harbour"
