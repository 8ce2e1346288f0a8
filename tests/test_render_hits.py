"""A search hit as a list row: kind, briefing, and the snippet with its matches marked."""

from __future__ import annotations

from briefing.render.hits import MATCH, hit_label
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
