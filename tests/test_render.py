"""The renderers: model objects to Rich Text, with the cited words marked and nothing parsed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rich.text import Text

from briefing.library import load_library
from briefing.loader import load_briefing
from briefing.model import Briefing, Citation, Event, Section, Source
from briefing.render.detail import item_detail, passage_text
from briefing.render.findings import broken_summary, finding_detail
from briefing.render.labels import (
    BROKEN_MARK,
    briefing_label,
    finding_label,
    item_kind,
    item_label,
    section_label,
)
from briefing.render.overview import briefing_status, empty_library, overview
from briefing.render.passage import passage_around
from briefing.render.styles import EXCERPT

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def harbour() -> Briefing:
    briefing = load_briefing(FIXTURES / "good" / "harbour-talks.yaml").briefing
    assert briefing is not None
    return briefing


@pytest.fixture(scope="module")
def river() -> Briefing:
    briefing = load_briefing(FIXTURES / "reader" / "river-treaty.yaml").briefing
    assert briefing is not None
    return briefing


def excerpt_spans(text: Text) -> list[str]:
    """The parts of `text` styled as a cited excerpt."""
    return [text.plain[span.start : span.end] for span in text.spans if span.style == EXCERPT]


def citation_in(text: str, start: int, end: int) -> Citation:
    source = Source(id="s", title="S", file=Path("s.txt"), text=text)
    return Citation(source=source, excerpt=text[start:end], start=start, end=end)


# --- passages ------------------------------------------------------------------------------------


def test_a_passage_holds_the_exact_words_of_the_citation(river: Briefing) -> None:
    for _, item in river.all_items():
        for citation in getattr(item, "citations", ()):
            passage = passage_around(citation)
            assert passage.excerpt == " ".join(citation.passage.splitlines())


def test_a_passage_stays_within_its_paragraph() -> None:
    text = "First paragraph ends here.\nThe cited words are here. More.\nNext paragraph."
    start = text.index("cited")
    passage = passage_around(citation_in(text, start, start + len("cited words")))
    assert passage.before == "The "
    assert passage.after == " are here. More."
    assert not passage.cut_before and not passage.cut_after


def test_a_long_paragraph_is_cut_at_sentence_boundaries_and_marked() -> None:
    before = " ".join(f"Sentence number {n} is filler." for n in range(40))
    after = " ".join(f"Later sentence {n} follows." for n in range(40))
    text = f"{before} The claim is here. {after}"
    start = text.index("claim")
    passage = passage_around(citation_in(text, start, start + 5), reach=100)
    assert passage.cut_before and passage.cut_after
    assert passage.before.startswith("Sentence number")
    assert passage.after.endswith("follows.")
    assert len(passage.before) <= 100 and len(passage.after) <= 100


def test_a_cut_without_sentence_ends_falls_back_to_whole_words() -> None:
    text = "word " * 200 + "TARGET " + "word " * 200
    start = text.index("TARGET")
    passage = passage_around(citation_in(text, start, start + 6), reach=50)
    assert passage.before.split() == ["word"] * len(passage.before.split())
    assert not passage.after.strip().endswith("wor")
    assert passage_text(citation_in(text, start, start + 6)).plain.startswith("…")


def test_the_excerpt_is_highlighted_in_its_passage(harbour: Briefing) -> None:
    position = harbour.positions[0]
    text = passage_text(position.citations[0])
    assert excerpt_spans(text) == [position.citations[0].passage]
    # Not by colour alone: the excerpt is bold and underlined too.
    assert EXCERPT.bold and EXCERPT.underline


# --- labels --------------------------------------------------------------------------------------


def test_item_labels_say_what_each_section_needs(harbour: Briefing) -> None:
    party = item_label(harbour.parties[2]).plain
    assert party == "Ana Reyes  person, part of Southland"
    assert item_label(harbour.figures[0]).plain == (
        "nearly 40 days the harbour has been closed (approximate)"
    )
    assert item_label(harbour.quotes[0]).plain == "Ana Reyes: “frank and useful”"
    assert item_label(harbour.positions[0]).plain.startswith("Northland: Northland wants")
    assert item_label(harbour.questions[0]).plain == harbour.questions[0].question


def test_timeline_dates_are_marked_sourced_or_context_in_words(river: Briefing) -> None:
    labels = {event.id: item_label(event).plain for event in river.timeline}
    assert labels["ev-signed"].startswith("2024-05-14 ○ context")
    assert labels["ev-westmark-vote"].startswith("2024-06 ● sourced")


def test_a_broken_briefing_is_marked_by_sign_and_word() -> None:
    entry = load_briefing(FIXTURES / "reader" / "zz-broken.yaml")
    assert entry.briefing is None
    assert briefing_label(entry).plain == f"{BROKEN_MARK} zz-broken.yaml [broken]"
    label = finding_label(entry.errors[0]).plain
    assert label.startswith(f"{BROKEN_MARK} error 4:8 ")


def test_section_labels_count_items_except_the_overview() -> None:
    assert section_label(Section.PARTIES, 4).plain == "Parties 4"
    assert section_label(Section.OVERVIEW, 0).plain == "Overview"


def test_item_kinds_name_what_an_item_is(harbour: Briefing) -> None:
    assert item_kind(harbour.timeline[0]) == "Timeline event"
    assert item_kind(harbour.questions[0]) == "Question"


# --- details -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "section",
    [s for s in Section if s is not Section.OVERVIEW],
    ids=lambda s: s.value,
)
def test_every_item_shows_each_citation_with_its_words_highlighted(
    river: Briefing, section: Section
) -> None:
    for item in river.items(section):
        text = item_detail(river, item)
        citations = getattr(item, "citations", ())
        for number, citation in enumerate(citations, 1):
            assert f"[{number}] {citation.source.title}" in text.plain
        located = getattr(item, "located", None)
        expected = [c.passage for c in ((located,) if located else ()) + tuple(citations)]
        assert excerpt_spans(text) == [" ".join(p.splitlines()) for p in expected]


def test_an_event_detail_says_where_its_date_comes_from(river: Briefing) -> None:
    signed, vote = river.timeline
    assert isinstance(signed, Event) and not signed.when_sourced
    assert "not stated in the source" in item_detail(river, signed).plain
    assert "“Tuesday”" in item_detail(river, signed).plain
    assert "The source states this date." in item_detail(river, vote).plain


def test_a_party_detail_gathers_its_positions_and_quotes(river: Briefing) -> None:
    eastmark = river.party("eastmark")
    okafor = river.party("lena-okafor")
    assert eastmark is not None and okafor is not None
    assert "at least 30 per cent" in item_detail(river, eastmark).plain
    assert "“This is a fair deal for farmers on both banks”" in item_detail(river, okafor).plain


def test_a_source_detail_shows_the_whole_text(river: Briefing) -> None:
    source = river.sources[0]
    plain = item_detail(river, source).plain
    paragraphs = source.text.strip().splitlines()
    assert "\n\n".join(paragraphs) in plain
    assert "The Valdora Courier" in plain


def test_the_overview_has_summary_key_figures_and_counts(river: Briefing) -> None:
    plain = overview(river).plain
    assert river.summary in plain
    assert "Key figures" in plain and "about 2 million people supplied by the river" in plain
    assert "   6  parties" in plain and "   2  timeline events" in plain
    assert briefing_status(river) == "as of 2024-05-14 · developing"


def test_a_finding_detail_shows_where_what_and_how_to_fix() -> None:
    entry = load_briefing(FIXTURES / "reader" / "zz-broken.yaml")
    unknown = next(f for f in entry.errors if "nickname" in f.message)
    plain = finding_detail(unknown).plain
    assert f"{entry.path}:12:5" in plain
    assert "hint: did you mean `name`?" in plain
    assert "12 │     nickname: Sam" in plain
    assert "2 errors" in broken_summary("zz-broken.yaml", entry.findings).plain


def test_an_empty_library_says_so_and_where_it_looked() -> None:
    assert "No briefings were found." in empty_library(load_library([])).plain
    said = empty_library(load_library([]), [Path("my-briefings")]).plain
    assert said.startswith("No briefings in my-briefings.")
    assert "One saved there is read at once." in said


def test_hostile_text_is_kept_literally_never_parsed() -> None:
    entry = load_briefing(FIXTURES / "hostile" / "hostile.yaml")
    assert entry.briefing is not None
    briefing = entry.briefing
    scripter = briefing.party("scripter")
    assert scripter is not None
    assert (
        "[@click=app.quit]Quit[/] and [bold red]markup[/]" in item_detail(briefing, scripter).plain
    )
    assert "[@click=app.quit]x[/]" in overview(briefing).plain
    for _, item in briefing.all_items():
        # Every rendered piece is Text: no string ever went through markup.
        assert isinstance(item_label(item), Text)
        assert isinstance(item_detail(briefing, item), Text)


def test_the_renderers_do_not_import_textual() -> None:
    code = (
        "import sys, briefing.render.detail, briefing.render.labels, briefing.render.overview,"
        " briefing.render.findings, briefing.tui.start\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual']\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_labels_style_their_parts_not_the_whole(harbour: Briefing) -> None:
    # A base style would run into every appended part: a stance would read as a heading.
    for _, item in harbour.all_items():
        label = item_label(item)
        assert not label.style, item
        assert not item_detail(harbour, item).style, item
