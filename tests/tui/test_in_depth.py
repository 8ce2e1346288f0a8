"""Reading in depth: links followed by keys and clicks, history, the matrix, the source, copying."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from msgspec.structs import replace
from textual.pilot import Pilot

from briefing.library import Library, bundled_content_dir, load_library
from briefing.links import Link, Relation
from briefing.model import Party, Quote, Section
from briefing.plain import item_plain_text
from briefing.tui.app import BriefingApp
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.items import ItemsPane
from briefing.tui.widgets.matrix import PositionsMatrix
from briefing.tui.widgets.navigator import Navigator
from briefing.tui.widgets.source_view import SourceView
from tests.tui.conftest import FIXTURES, detail_text, focused_pane, make_app, screen_text

pytestmark = pytest.mark.anyio
SIZE = (120, 40)
# harbour-talks and harbour-boats share Northland, Southland and Ana Reyes.
LINKED = [FIXTURES / "good" / "harbour-talks.yaml", FIXTURES / "links"]
TALKS, BOATS = 0, 1


@pytest.fixture(scope="module")
def linked() -> Library:
    return load_library(LINKED)


def detail(app: BriefingApp) -> DetailPane:
    return app.screen.query_one(DetailPane)


def picked(app: BriefingApp) -> Link | None:
    index = detail(app).link
    return None if index is None else app.screen._shown_links[index]


def highlighted_id(app: BriefingApp) -> str | None:
    items = app.screen.query_one(ItemsPane)
    row = items.rows[items.highlighted] if items.highlighted is not None else None
    return getattr(row, "id", None)


async def follow(pilot: Pilot, app: BriefingApp, wanted: Callable[[Link], bool]) -> Link:
    """Press down in the detail until the picked link is the one wanted, then enter."""
    assert focused_pane(app) == "detail"
    for _ in range(200):
        await pilot.press("down")
        link = picked(app)
        if link is not None and wanted(link):
            await pilot.press("enter")
            await pilot.pause()
            return link
    raise AssertionError("no such link in the detail: " + detail_text(app)[:400])


def to(target_id: str, relation: Relation | None = None) -> Callable[[Link], bool]:
    return lambda link: (
        link.target.id == target_id and (relation is None or link.relation is relation)
    )


async def test_links_are_followed_across_sections_and_briefings_and_back(linked: Library) -> None:
    app = make_app(linked, item_id="quote-frank-and-useful")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = app.screen.here()
        assert start.pane == "detail"
        await follow(pilot, app, to("ana-reyes", Relation.SPEAKER))
        assert (app.screen.section, highlighted_id(app)) == (Section.PARTIES, "ana-reyes")
        assert detail_text(app).startswith("Ana Reyes")
        await follow(pilot, app, to("southland", Relation.SPEAKS_FOR))
        assert highlighted_id(app) == "southland"
        link = await follow(pilot, app, lambda link: link.relation is Relation.ALSO_IN)
        assert link.briefing_id == "harbour-boats"
        assert app.screen.entry == BOATS
        assert app.screen.query_one(Navigator).cursor_node.data.entry == BOATS
        assert app.screen.title == "The return of the fishing boats"
        assert highlighted_id(app) == "southland"
        assert "a gesture, not a concession" in detail_text(app)

        for expected in ("southland", "ana-reyes", "quote-frank-and-useful"):
            await pilot.press("backspace")
            await pilot.pause()
            assert highlighted_id(app) == expected
        # As it was left: the speaker's link still picked.
        left = replace(start, link=0)
        assert app.screen.here() == left
        await pilot.press("alt+right")
        await pilot.pause()
        assert highlighted_id(app) == "ana-reyes"
        await pilot.press("alt+left")
        await pilot.pause()
        assert app.screen.here() == left


async def test_back_restores_the_scroll_and_the_picked_link(linked: Library) -> None:
    # The source's detail is long: its links are at the end.
    app = make_app(linked, item_id="harbour-article")
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        await pilot.press("end", "up")
        before = app.screen.here()
        assert before.scroll > 0 and before.link is not None
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.here().item != "harbour-article"
        await pilot.press("backspace")
        await pilot.pause()
        after = app.screen.here()
        assert after == before
        assert round(detail(app).scroll_offset.y) == before.scroll


async def test_back_to_a_source_restores_its_scroll(linked: Library) -> None:
    app = make_app(linked, item_id="pos-northland-falls-short")
    async with app.run_test(size=(120, 12)) as pilot:
        await pilot.pause()
        await pilot.press("s", "up", "up", "tab")
        view = app.screen.query_one(SourceView)
        await follow(pilot, app, lambda link: link.relation is Relation.CITED_BY)
        assert app.screen.view == "list"
        await pilot.press("backspace")
        await pilot.pause()
        assert app.screen.view == "source"
        assert round(view.scroll_offset.y) == app.screen.here().source_scroll
        # Two lines above where `s` put it, which was a third of the view above the span.
        third = view.scrollable_content_region.height // 3
        assert round(view.scroll_offset.y) == view.current_line() - third - 2
        cited = linked.by_id("harbour-boats").find("pos-northland-falls-short")[1].citations[0]
        assert (view.spans[view.current].start, view.spans[view.current].end) == (
            cited.start,
            cited.end,
        )


async def test_a_source_filled_while_hidden_shows_its_span_when_shown(linked: Library) -> None:
    # Two panes: with the detail open, the source view is hidden.
    app = make_app(linked, item_id="pos-southland-gesture")
    async with app.run_test(size=(100, 14)) as pilot:
        await pilot.pause()
        await pilot.press("s", "tab")
        view = app.screen.query_one(SourceView)
        second = linked.by_id("harbour-boats").find("pos-southland-gesture")[1].citations[1]
        await follow(
            pilot, app, lambda link: link.relation is Relation.CITATION and link.citation is second
        )
        await pilot.pause()
        assert view.display and view.has_focus
        line = view.current_line()
        top = round(view.scroll_offset.y)
        assert line is not None and top <= line < top + view.scrollable_content_region.height


async def test_links_follow_on_a_click(linked: Library) -> None:
    app = make_app(linked, item_id="pos-northland-boats-first")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = detail(app)
        places = pane._places[0]  # the first link: the party
        line, start, _ = places[0]
        region = pane.content_region
        await pilot.click(
            DetailPane,
            offset=(
                start + 1 + pane.gutter.left,
                line - round(pane.scroll_offset.y) + pane.gutter.top,
            ),
        )
        await pilot.pause()
        assert (app.screen.section, highlighted_id(app)) == (Section.PARTIES, "northland")
        assert region


async def test_an_issue_link_shows_the_issue_with_its_positions(linked: Library) -> None:
    app = make_app(linked, item_id="pos-northland-boats-first")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await follow(pilot, app, to("harbour-reopening", Relation.ISSUE))
        assert app.screen.section is Section.POSITIONS
        assert detail_text(app).startswith("Reopening the harbour")
        assert highlighted_id(app) == "pos-northland-boats-first"
        await follow(pilot, app, to("pos-southland-package"))
        assert highlighted_id(app) == "pos-southland-package"
        await pilot.press("backspace")
        await pilot.pause()
        assert detail_text(app).startswith("Reopening the harbour")


# --- the positions matrix ------------------------------------------------------------------------


async def test_the_matrix_moves_by_cell_and_shows_the_position_under_the_cursor(
    linked: Library,
) -> None:
    app = make_app(linked, briefing_id="harbour-boats", section=Section.POSITIONS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        matrix = app.screen.query_one(PositionsMatrix)
        assert matrix.display and not app.screen.query_one(ItemsPane).display
        assert focused_pane(app) == "items" and matrix.has_focus
        assert [p.id for p in matrix.parties] == ["southland", "northland"]
        assert [i.id for i in matrix.issues] == ["boat-return", "harbour-reopening"]
        assert detail_text(app).startswith("Southland on The return of the boats")

        await pilot.press("l")
        assert "reopen within weeks" in detail_text(app)
        await pilot.press("j")
        assert detail_text(app).startswith("Northland has no recorded position on Reopening")
        await pilot.press("left")
        assert "falls short" in detail_text(app)
        await pilot.press("k", "down", "h", "up")
        assert "gesture" in detail_text(app)
        assert tuple(matrix.cursor_coordinate) == (0, 0)

        await pilot.press("j", "escape")
        await pilot.pause()
        assert not matrix.display and app.screen.query_one(ItemsPane).display
        assert highlighted_id(app) == "pos-northland-falls-short"
        await pilot.press("m")
        await pilot.pause()
        assert tuple(matrix.cursor_coordinate) == (1, 0)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["two-panes", "one-pane"])
async def test_the_matrix_takes_the_lists_place_in_narrow_layouts(
    linked: Library, size: tuple[int, int]
) -> None:
    app = make_app(linked, briefing_id="harbour-boats", section=Section.POSITIONS)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        items = app.screen.query_one(ItemsPane)
        await pilot.press("m")
        await pilot.pause()
        matrix = app.screen.query_one(PositionsMatrix)
        assert matrix.display and matrix.region.width > 0 and not items.display
        await pilot.press("enter")
        await pilot.pause()
        assert focused_pane(app) == "detail"
        assert not matrix.display and detail(app).display
        await pilot.press("escape")
        await pilot.pause()
        assert matrix.has_focus and matrix.display and matrix.region.width > 0


async def test_the_matrix_and_the_source_view_are_made_when_first_opened(
    linked: Library,
) -> None:
    app = make_app(linked, briefing_id="harbour-boats", section=Section.POSITIONS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query(PositionsMatrix) and not app.screen.query(SourceView)
        await pilot.press("m")
        await pilot.pause()
        matrix = app.screen.query_one(PositionsMatrix)
        assert matrix.display and matrix.region.width > 0
        # In the middle pane, before the detail.
        panes = [child.id for child in app.screen.query_one("#panes").children]
        assert panes.index("matrix") < panes.index("detail")
        await pilot.press("m", "m")  # closed, and opened again: the same matrix
        await pilot.pause()
        assert app.screen.query_one(PositionsMatrix) is matrix and matrix.display
        assert not app.screen.query(SourceView)
        await pilot.press("escape", "s")
        await pilot.pause()
        assert app.screen.view == "source" and app.screen.query_one(SourceView).display
        assert len(app.screen.query(PositionsMatrix)) == 1 and not matrix.display


async def test_m_does_nothing_outside_positions(linked: Library) -> None:
    app = make_app(linked, briefing_id="harbour-boats", section=Section.QUOTES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.view == "list"


# --- the source ----------------------------------------------------------------------------------


async def test_s_opens_the_first_citation_scrolled_to_and_highlighted(linked: Library) -> None:
    # Northland's answer is in the source's last paragraph: out of view until scrolled to.
    app = make_app(linked, item_id="pos-northland-falls-short")
    async with app.run_test(size=(100, 12)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        view = app.screen.query_one(SourceView)
        assert view.display and view.has_focus
        position = linked.by_id("harbour-boats").find("pos-northland-falls-short")[1]
        first = position.citations[0]
        span = view.spans[view.current]
        assert (span.start, span.end) == (first.start, first.end)
        line = view.current_line()
        top = round(view.scroll_offset.y)
        assert top > 0
        assert top <= line < top + view.scrollable_content_region.height
        # The highlighted words are drawn in reverse video, between the marks.
        strip = view.render_line(line - top)
        highlighted = "".join(s.text for s in strip if s.style and s.style.reverse)
        assert highlighted.startswith("⟦Northland said")
        assert "Cited span" in detail_text(app)
        assert "Every citation of this position" in detail_text(app)


async def test_further_citations_of_the_item_are_links_in_the_detail(linked: Library) -> None:
    app = make_app(linked, item_id="pos-southland-gesture")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "tab")
        await pilot.pause()
        view = app.screen.query_one(SourceView)
        second = linked.by_id("harbour-boats").find("pos-southland-gesture")[1].citations[1]
        await follow(
            pilot,
            app,
            lambda link: link.relation is Relation.CITATION and link.citation is second,
        )
        span = view.spans[view.current]
        assert (span.start, span.end) == (second.start, second.end)


async def test_c_and_shift_c_move_through_the_cited_spans(linked: Library) -> None:
    app = make_app(linked, briefing_id="harbour-talks", section=Section.SOURCES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        view = app.screen.query_one(SourceView)
        assert view.current == 0
        assert "Cited by" in detail_text(app)
        await pilot.press("c", "c")
        assert view.current == 2
        words = view.source.text[view.spans[2].start : view.spans[2].end]
        assert " ".join(words.split()) in " ".join(detail_text(app).split())
        citers = {link.target.id for link in app.screen._shown_links}
        assert citers == {item.id for item in view.spans[2].citers}
        await pilot.press("C")
        assert view.current == 1
        await pilot.press("C", "C")
        assert view.current == len(view.spans) - 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.view == "list"
        assert highlighted_id(app) == "harbour-article"


async def test_a_click_on_a_cited_span_makes_it_current(linked: Library) -> None:
    app = make_app(linked, briefing_id="harbour-talks", section=Section.SOURCES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        view = app.screen.query_one(SourceView)
        assert view.current == 0
        # The last span: find its opening mark on screen from the text's meta.
        last = len(view.spans) - 1
        where = next(
            (y, start)
            for y, line in enumerate(view._lines)
            for start, _, style in line.spans
            if getattr(style, "_meta", None) and style.meta.get("span") == last
        )
        y, x = where
        await pilot.click(
            SourceView,
            offset=(x + 1 + view.gutter.left, y - round(view.scroll_offset.y) + view.gutter.top),
        )
        await pilot.pause()
        assert view.current == last
        assert f"Cited span {last + 1} of {len(view.spans)}" in detail_text(app)


async def test_timeline_dates_say_who_supplied_them(linked: Library) -> None:
    app = make_app(linked, item_id="ev-boats-returned")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "not stated in the source" in detail_text(app)
        assert "○ context" in detail_text(app)


# --- copying -------------------------------------------------------------------------------------


async def test_y_copies_the_item_as_plain_text(linked: Library, monkeypatch) -> None:
    app = make_app(linked, item_id="quote-frank-and-useful")
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        talks = linked.by_id("harbour-talks")
        assert copied == [item_plain_text(talks, talks.find("quote-frank-and-useful")[1])]
        assert copied[0].startswith("“frank and useful”\n— Ana Reyes, Southland")
        notices = list(app._notifications)
        assert notices and notices[-1].title == "Copied the quote"
        # In the source view, the cited words under the cursor (the quote's first citation).
        await pilot.press("s", "y")
        await pilot.pause()
        assert copied[-1] == (
            '“the talks were "frank and useful"”\nSource: Talks open on Portville harbour'
        )
        assert list(app._notifications)[-1].title == "Copied the cited words"


# --- keys ----------------------------------------------------------------------------------------


def test_every_binding_of_reading_in_depth_has_an_id_and_a_description() -> None:
    from briefing.tui.screens.in_depth import InDepthScreen

    for owner in (InDepthScreen, PositionsMatrix, SourceView):
        for binding in owner.BINDINGS:
            assert binding.id and binding.id.startswith("briefing."), binding
            assert binding.description, binding


async def test_the_help_lists_the_keys_of_reading_in_depth(linked: Library) -> None:
    app = make_app(linked)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for words in ("Positions matrix", "Open in the source", "Next cited span", "Copy as text"):
            assert words in text
        assert "Back in history" in text


# --- the journey ---------------------------------------------------------------------------------


async def test_from_a_quote_to_every_position_of_its_party_and_the_source_words_and_back() -> None:
    """On the bundled briefings: a quote, its speaker, the party the speaker speaks for, each of
    that party's positions in every briefing with the words of the source behind it, and back."""
    library = load_library([bundled_content_dir()])
    appears = {
        party.id: [b.id for b in library.appearances(party.id)]
        for b in library.briefings
        for party in b.parties
    }
    briefing, quote = next(
        (b, q)
        for b in library.briefings
        for q in b.quotes
        if q.speaker.part_of is not None and len(appears[q.speaker.part_of.id]) > 1
    )
    party = quote.speaker.part_of
    app = make_app(library, item_id=quote.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = app.screen.here()
        await follow(pilot, app, to(quote.speaker.id, Relation.SPEAKER))
        await follow(pilot, app, to(party.id, Relation.SPEAKS_FOR))
        seen: set[str] = set()
        depth = 2
        others = [b for b in appears[party.id] if b != briefing.id]
        for briefing_id in [briefing.id, *others]:
            if briefing_id != briefing.id:
                await follow(
                    pilot,
                    app,
                    lambda link, there=briefing_id: (
                        link.relation is Relation.ALSO_IN and link.briefing_id == there
                    ),
                )
                depth += 1
                assert app.screen._briefing().id == briefing_id
            positions = [p for p in library.by_id(briefing_id).positions if p.party.id == party.id]
            for position in positions:
                await follow(pilot, app, to(position.id, Relation.POSITION))
                await pilot.press("s")
                await pilot.pause()
                view = app.screen.query_one(SourceView)
                span = view.spans[view.current]
                cited = position.citations[0]
                assert (span.start, span.end) == (cited.start, cited.end)
                assert view.source.text[span.start : span.end] == cited.passage
                seen.add(position.id)
                await pilot.press("backspace", "backspace")
                await pilot.pause()
                assert highlighted_id(app) == party.id
                assert focused_pane(app) == "detail"
        every = {p.id for b in library.briefings for p in b.positions if p.party.id == party.id}
        assert seen == every
        for _ in range(depth):
            await pilot.press("backspace")
            await pilot.pause()
        back = app.screen.here()
        assert replace(back, link=None) == start
        assert picked(app).target is quote.speaker
        assert isinstance(quote, Quote) and isinstance(party, Party)


@pytest.mark.parametrize("size", [(120, 30), (80, 24), (60, 20)], ids=["three", "two", "one"])
async def test_escape_from_the_source_goes_back_to_the_item_it_was_opened_from(
    linked: Library, size: tuple[int, int]
) -> None:
    app = make_app(linked, item_id="pos-northland-falls-short")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        before = app.screen.here()
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.view == "source"
        await pilot.press("c", "escape")  # another span first: still back to the item
        await pilot.pause()
        assert app.screen.view == "list"
        assert highlighted_id(app) == "pos-northland-falls-short"
        assert app.screen.section is Section.POSITIONS
        assert app.screen.here() == before
        assert detail_text(app).startswith("Northland on")


async def test_escape_from_a_source_opened_from_the_sources_list_goes_back_to_it(
    linked: Library,
) -> None:
    app = make_app(linked, briefing_id="harbour-boats", section=Section.SOURCES)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.view == "source"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.view == "list" and app.screen.section is Section.SOURCES
        assert focused_pane(app) == "items"
