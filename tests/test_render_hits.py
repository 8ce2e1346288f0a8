"""A search hit as a list row, and a hit in a source found again in the source's detail."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from briefing.model import Briefing, Source
from briefing.render.detail import item_detail
from briefing.render.hits import MATCH, hit_label, passage_in_detail
from briefing.search import Hit, Kind, Snippet


def hit(text: str, spans: tuple[tuple[int, int], ...], kind: Kind = Kind.PARTY) -> Hit:
    return Hit(kind, "b", "A [bold]briefing[/]", "p", Snippet(text, spans), 1.0)


def styled(label, style) -> list[str]:
    return [label.plain[span.start : span.end] for span in label.spans if span.style == style]


def test_a_hit_shows_its_kind_its_briefing_and_its_snippet() -> None:
    label = hit_label(hit("Ismail Haniyeh, Hamas leader", ((7, 14),)))
    first, second = label.plain.split("\n")
    assert first.split() == ["party", "A", "[bold]briefing[/]"]
    assert second.strip() == "Ismail Haniyeh, Hamas leader"


def test_the_matched_words_are_marked_and_nothing_else() -> None:
    label = hit_label(hit("Ismail Haniyeh, Hamas leader", ((7, 14), (16, 21))))
    assert styled(label, MATCH) == ["Haniyeh", "Hamas"]


def test_a_passage_says_so() -> None:
    label = hit_label(hit("text", ((0, 4),), Kind.SOURCE), passage=True)
    assert label.plain.startswith("passage")


def test_markup_in_a_snippet_is_text() -> None:
    label = hit_label(hit("[@click=app.quit]x[/] [red]y", ((0, 4),)))
    assert "[@click=app.quit]x[/] [red]y" in label.plain


# --- a passage in a source's detail --------------------------------------------------------------

SOURCE = "  Talks opened on Monday.\n\nThe port stays shut.  \nTalks opened again on Friday.\n"


def detail_of(source: str) -> str:
    item = Source(id="s", title="Talks opened on Monday.", file=Path("s.txt"), text=source)
    briefing = Briefing(
        id="b",
        title="b",
        as_of=datetime.date(2024, 1, 1),
        status="developing",
        summary="s",
        path=Path("b.yaml"),
        sources=(item,),
    )
    return item_detail(briefing, item).plain


@pytest.mark.parametrize("word", ["Monday", "port", "Friday", "again", "Talks"])
def test_a_word_of_a_source_is_found_in_its_detail(word: str) -> None:
    shown = detail_of(SOURCE)
    offset = SOURCE.index(word)
    span = passage_in_detail(shown, SOURCE, offset)
    assert span is not None
    assert shown[span[0] : span[1]] == word
    # The body's occurrence, not the title's: it comes after the "Text" heading.
    assert span[0] > shown.index("Text")


def test_the_second_occurrence_of_a_line_maps_to_the_second() -> None:
    source = "Same line.\nOther.\nSame line.\n"
    shown = detail_of(source)
    first = passage_in_detail(shown, source, 0)
    second = passage_in_detail(shown, source, source.rindex("Same"))
    assert first and second and first[0] < second[0]
    assert shown[second[0] : second[1]] == "Same"


def test_a_word_not_shown_gives_none() -> None:
    assert passage_in_detail("nothing here", SOURCE, SOURCE.index("Monday")) is None
    assert passage_in_detail("anything", "   \n", 1) is None
