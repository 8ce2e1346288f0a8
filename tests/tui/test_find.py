"""Finding things in the reader: the search box, n and N, the command palette, filters and order.

Searches run in a thread a moment after the last key: `settle` waits for them as a reader would.
"""

from __future__ import annotations

import gc
import threading

import pytest
from textual import events
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, SelectionList, Static

from briefing.filters import SortOrder
from briefing.finder import Finder
from briefing.library import Library
from briefing.model import Section
from briefing.render.hits import MATCH
from briefing.tui.app import BriefingApp
from briefing.tui.screens.filters import ItemFilterPicker, LibraryFilterPicker
from briefing.tui.screens.reader import ReaderScreen
from briefing.tui.screens.search import DEBOUNCE, SearchScreen
from briefing.tui.start import Start
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.items import ItemsPane
from briefing.tui.widgets.navigator import Navigator
from tests.tui.conftest import (
    BROKEN,
    HARBOUR,
    RIVER,
    detail_text,
    first_arguments,
    focused_pane,
    item_rows,
    region_text,
    screen_lines,
)

pytestmark = pytest.mark.anyio
SIZE = (120, 40)


async def settle(pilot, app: BriefingApp) -> None:
    await pilot.pause(DEBOUNCE + 0.05)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def search(pilot, app: BriefingApp, query: str) -> SearchScreen:
    """Open the search box and type `query` into it, as keys."""
    await settle(pilot, app)  # the index, built after the first paint
    await pilot.press("slash")
    await pilot.press(*["space" if char == " " else char for char in query])
    await settle(pilot, app)
    assert isinstance(app.screen, SearchScreen)
    return app.screen


def results(screen: SearchScreen) -> list[str]:
    return [str(option.prompt) for option in screen.query_one(OptionList).options]


def status(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-status", Static).content)


def place(app: BriefingApp) -> tuple:
    """Where the reader is: entry, section, the navigator's node, the row, focus, the detail."""
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    node = screen.query_one(Navigator).cursor_node
    items = screen.query_one(ItemsPane)
    row = items.rows[items.highlighted] if items.highlighted is not None else None
    return (
        screen.entry,
        screen.section,
        (node.data.entry, node.data.section) if node and node.data else None,
        getattr(row, "id", row),
        focused_pane(app),
        detail_text(app),
    )


# --- the search box ------------------------------------------------------------------------------


async def test_slash_opens_the_search_box_and_results_follow_the_typing(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await search(pilot, app, "westmark")
        many = results(screen)
        assert len(many) > 3
        assert status(screen) == f"{len(many)} hits"
        assert "westmark" in many[0].lower()
        await pilot.press("space", *"farmers")
        await settle(pilot, app)
        fewer = results(screen)
        assert 0 < len(fewer) < len(many)
        assert "westmark" in fewer[0].lower() and "farmers" in fewer[0].lower()
        # Each row says what the hit is and in which briefing.
        assert fewer[0].split()[0] in {"party", "position", "quote", "passage", "figure"}
        assert "The Silver River treaty" in fewer[0]


async def test_the_index_is_frozen_out_of_the_collectors_walks_once_built(
    app: BriefingApp,
) -> None:
    frozen = gc.get_freeze_count()
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, app, "westmark")
        assert gc.get_freeze_count() > frozen
    gc.unfreeze()  # as the test process was


async def test_an_index_that_cannot_be_built_says_why_and_is_tried_again(
    app: BriefingApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = Finder.build
    failures = []

    def broken_build(self, *args, **kwargs):
        if not failures:
            failures.append(1)
            raise OSError("[b]cache[/b] unreadable")
        return build(self, *args, **kwargs)

    monkeypatch.setattr(Finder, "build", broken_build)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(60):  # the index is asked for shortly after the first screen
            await pilot.pause(0.05)
            notices = [n for n in app._notifications if n.title == "Search"]
            if notices:
                break
        assert len(notices) == 1 and "[b]cache[/b] unreadable" in notices[0].message
        screen = await search(pilot, app, "westmark")  # asks again, and this time it is built
        assert results(screen)


async def test_a_hit_shows_its_matched_words_marked(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await search(pilot, app, "okafor")
        prompt = screen.query_one(OptionList).get_option_at_index(0).prompt
        marked = [prompt.plain[s.start : s.end] for s in prompt.spans if s.style == MATCH]
        assert marked == ["Okafor"]


async def test_no_hits_says_so(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await search(pilot, app, "zzxqv")
        assert results(screen) == []
        assert status(screen) == "no hits"


async def test_the_box_says_indexing_until_the_index_arrives(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    allowed = threading.Event()
    build = Finder.build

    def slow_build(self: Finder, **kwargs):
        allowed.wait(10)
        return build(self, **kwargs)

    monkeypatch.setattr(Finder, "build", slow_build)
    app = BriefingApp(library, Start())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"okafor")
        await pilot.pause(DEBOUNCE + 0.05)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert status(screen) == "indexing the library…"
        assert results(screen) == []
        allowed.set()
        await settle(pilot, app)
        assert results(screen)[0].startswith("party")


async def test_letters_typed_at_once_after_slash_are_not_lost(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        # As a terminal delivers a fast typist's keys: all queued before any is handled.
        for key, character in [("slash", "/"), *((c, c) for c in "okafor")]:
            app.post_message(events.Key(key, character))
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.query_one(Input).value == "okafor"
        assert results(screen)[0].startswith("party")


async def test_enter_lands_on_the_item_as_if_navigated_there(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, app, "okafor")
        await pilot.press("enter")
        await pilot.pause()
        entry, section, node, row, focus, detail = place(app)
        assert (entry, section, node) == (RIVER, Section.PARTIES, (RIVER, Section.PARTIES))
        assert row == "lena-okafor"
        assert focus == "detail"
        assert detail.startswith("Lena Okafor")


async def test_down_chooses_another_hit_before_enter(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await search(pilot, app, "okafor")
        second = screen.found[1].landing
        await pilot.press("down", "enter")
        await pilot.pause()
        assert place(app)[:4] == (
            second.entry,
            second.section,
            (second.entry, second.section),
            second.item_id,
        )


async def test_escape_returns_to_where_the_reader_was(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "down", "tab")  # Parties of the harbour talks, the second party
        await pilot.pause()
        before = place(app)
        await search(pilot, app, "treaty")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert place(app) == before
        assert before[3] == "southland"


async def test_a_passage_hit_opens_the_source_at_the_passage(library: Library) -> None:
    app = BriefingApp(library, Start())
    async with app.run_test(size=(120, 16)) as pilot:
        screen = await search(pilot, app, "negotiator called")
        assert results(screen)[0].startswith("passage")
        await pilot.press("enter")
        await settle(pilot, app)
        entry, section, _, row, focus, detail = place(app)
        assert (entry, section, row, focus) == (RIVER, Section.SOURCES, "river-article", "detail")
        pane = app.screen.query_one(DetailPane)
        marked = [detail[s.start : s.end] for s in pane.text.spans if s.style == MATCH]
        assert marked == ["negotiator"]
        assert pane.scroll_y > 0  # the passage is brought into view


@pytest.mark.parametrize(
    ("typed", "item"),
    [
        ("OKAFÖR", "lena-okafor"),  # case and accents
        ("Westmark’s parliament approve", "q-westmark-vote"),  # a typographic apostrophe
        ("Westmark's parliament approve", "q-westmark-vote"),  # a straight one
        ("“first step”", "pos-westmark-first-step"),
    ],
)
async def test_case_accents_and_quote_styles_do_not_matter(
    app: BriefingApp, typed: str, item: str
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await search(pilot, app, "")
        screen.query_one(Input).value = typed
        await settle(pilot, app)
        assert item in [found.hit.item_id for found in screen.found]


# --- n and N -------------------------------------------------------------------------------------


async def test_n_and_n_step_through_the_hits_of_the_last_search(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await search(pilot, app, "westmark")
        found = screen.found
        assert len(found) >= 3
        await pilot.press("enter")
        await pilot.pause()

        def at() -> tuple:
            entry, section, node, row, _, _ = place(app)
            return entry, section, node, row

        def expected(index: int) -> tuple:
            landing = found[index].landing
            return (
                landing.entry,
                landing.section,
                (landing.entry, landing.section),
                (
                    landing.item_id
                    or (Section.OVERVIEW if landing.section is Section.OVERVIEW else None)
                ),
            )

        assert at()[:2] == expected(0)[:2]
        await pilot.press("n")
        await pilot.pause()
        assert at()[:3] == expected(1)[:3]
        await pilot.press("n")
        await pilot.pause()
        assert at()[:3] == expected(2)[:3]
        await pilot.press("N", "N")
        await pilot.pause()
        assert at()[:3] == expected(0)[:3]
        await pilot.press("N")  # before the first: round to the last
        await pilot.pause()
        assert at()[:3] == expected(len(found) - 1)[:3]
        assert focused_pane(app) == "detail"  # n and N keep the reader in the same pane


async def test_n_after_escape_goes_to_the_first_hit(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await search(pilot, app, "okafor")
        first = screen.found[0].landing
        await pilot.press("escape", "n")
        await pilot.pause()
        assert place(app)[:4] == (
            first.entry,
            first.section,
            (first.entry, first.section),
            first.item_id,
        )


async def test_n_without_a_search_changes_nothing(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = place(app)
        await pilot.press("n", "N")
        await pilot.pause()
        assert place(app) == before


# --- the command palette -------------------------------------------------------------------------


async def palette(pilot, app: BriefingApp, query: str) -> None:
    await pilot.press("ctrl+p")
    assert CommandPalette.is_open(app)
    await pilot.press(*["space" if char == " " else char for char in query])
    await pilot.pause(0.5)
    await app.workers.wait_for_complete()
    await pilot.pause(0.3)


async def test_the_palette_finds_a_party_and_goes_there(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, app, "okafr")  # a typo
        listed = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert listed[0].startswith("Lena Okafor")
        assert "party · The Silver River treaty" in listed[0]
        await pilot.press("enter")
        await pilot.pause()
        entry, section, node, row, _, detail = place(app)
        assert (entry, section, node, row) == (
            RIVER,
            Section.PARTIES,
            (RIVER, Section.PARTIES),
            "lena-okafor",
        )
        assert detail.startswith("Lena Okafor")


async def test_the_palette_goes_to_a_section_of_a_briefing(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, app, "river questions")
        await pilot.press("enter")
        await pilot.pause()
        entry, section, node, _, focus, _ = place(app)
        assert (entry, section, node, focus) == (
            RIVER,
            Section.QUESTIONS,
            (RIVER, Section.QUESTIONS),
            "items",
        )


async def test_the_palette_lists_the_apps_commands(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, app, "help")
        listed = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert listed[0].startswith("Help")
        await pilot.press("escape")
        await palette(pilot, app, "theme")
        listed = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert listed[0].startswith("Theme")
        await pilot.press("escape")
        await palette(pilot, app, "quit")
        listed = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert listed[0].startswith("Quit")


# --- filters -------------------------------------------------------------------------------------


async def test_filtering_positions_by_party_shows_in_the_title_and_f_clears_it(
    app: BriefingApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket", "3")  # the river treaty's positions
        await pilot.pause()
        everything = item_rows(app)
        await pilot.press("f")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ItemFilterPicker)
        parties = picker.query_one("#picker-parties", SelectionList)
        assert [str(o.prompt) for o in parties.options] == [
            "Eastmark",
            "Westmark",
            "Westmark farmers' groups",
        ]
        await pilot.press("space", "enter")  # Eastmark
        await pilot.pause()
        items = app.screen.query_one(ItemsPane)
        assert str(items.border_title) == "▶ Positions (1 of 3 shown)"
        assert item_rows(app) == [
            "Filtered to party: Eastmark · F shows all",
            "The summer flow downstream",
            everything[1],
        ]
        assert detail_text(app).startswith("Eastmark on The summer flow")
        await pilot.press("F")
        await pilot.pause()
        assert str(items.border_title) == "▶ Positions (3)"
        assert item_rows(app) == everything


async def test_filtering_positions_by_issue(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket", "3", "f")
        await pilot.pause()
        await pilot.press("tab", "down", "space", "enter")  # the second issue: ratification
        await pilot.pause()
        title = str(app.screen.query_one(ItemsPane).border_title)
        assert title == "▶ Positions (1 of 3 shown)"
        assert item_rows(app)[0] == "Filtered to issue: Approval by the parliaments · F shows all"
        assert len(item_rows(app)) == 3


async def test_filtering_the_timeline_by_party(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket", "5", "f")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ItemFilterPicker)
        assert not picker.query("#picker-issues")  # events have no issue
        await pilot.press("down", "space", "enter")  # Westmark
        await pilot.pause()
        title = str(app.screen.query_one(ItemsPane).border_title)
        assert title == "▶ Timeline (2 of 2 shown)"
        assert item_rows(app)[0] == "Filtered to party: Westmark · F shows all"
        await pilot.press("f", "space", "down", "space", "enter")  # Eastmark only
        await pilot.pause()
        assert str(app.screen.query_one(ItemsPane).border_title).startswith(
            "▶ Timeline (1 of 2 shown)"
        )


async def test_escape_in_a_picker_changes_nothing(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket", "3", "f", "space", "escape")
        await pilot.pause()
        assert str(app.screen.query_one(ItemsPane).border_title) == "▶ Positions (3)"


async def test_f_where_nothing_can_be_filtered_opens_no_picker(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "f")  # Questions
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_a_hit_hidden_by_a_filter_clears_it(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket", "3", "f", "space", "enter")  # Eastmark only
        await pilot.pause()
        await search(pilot, app, "farmers dry years")
        hit = next(i for i, f in enumerate(app.screen.found) if f.hit.kind.value == "position")
        for _ in range(hit):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert place(app)[3] == "pos-farmers-too-low"
        assert str(app.screen.query_one(ItemsPane).border_title) == "Positions (3)"


async def test_filtering_the_library_by_tag_and_clearing_it(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, LibraryFilterPicker)
        tags = picker.query_one("#picker-tags", SelectionList)
        water = [str(o.prompt).split()[0] for o in tags.options].index("water")
        for _ in range(water):
            await pilot.press("down")
        await pilot.press("space", "enter")
        await pilot.pause()
        navigator = app.screen.query_one(Navigator)
        assert navigator.listed == [RIVER]
        assert str(navigator.border_title) == "▶ Library (1 of 3) · tag: water"
        assert navigator.listed == [RIVER]
        assert app.screen.entry == RIVER  # the reader follows to what is listed
        await pilot.press("F")
        await pilot.pause()
        assert navigator.listed == [HARBOUR, RIVER, BROKEN]
        assert str(navigator.border_title) == "▶ Library"


async def test_a_long_filter_is_read_whole(app: BriefingApp, monkeypatch) -> None:
    """However narrow the pane, the filter is on screen in full: above the items it keeps, and
    for the library (whose title cuts it) in a notice."""
    said = first_arguments(app, "notify", monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right_square_bracket", "3", "f")
        await pilot.pause()
        await pilot.press("space", "down", "space", "down", "space", "enter")  # every party
        await pilot.pause()
        pane = app.screen.query_one(ItemsPane)
        shown = " ".join(" ".join(region_text(app, pane.scrollable_content_region)).split())
        assert (
            "Filtered to party: Eastmark, Westmark, Westmark farmers' groups · F shows all" in shown
        )
        await pilot.press("shift+tab", "f")
        await pilot.pause()
        await pilot.press("space", "tab", "space", "enter")  # a tag and a status
        await pilot.pause()
        navigator = app.screen.query_one(Navigator)
        description = navigator.library_filter.describe()
        assert description.startswith("tag: ") and "status: " in description
        # Too narrow for the title: cut with …, and said whole in a notice.
        assert description not in screen_lines(app)[1] and "…" in screen_lines(app)[1]
        assert any(description in message for message in said)


async def test_filtering_the_library_by_as_of_range(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#picker-since", Input).value = "2024-04"
        await pilot.press("enter")
        await pilot.pause()
        navigator = app.screen.query_one(Navigator)
        assert navigator.listed == [RIVER]
        assert "as of 2024-04-01 to …" in str(navigator.border_title)


async def test_a_bad_date_keeps_the_picker_open_and_says_why(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#picker-until", Input).value = "May 2024"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryFilterPicker)
        assert "YYYY-MM" in str(app.screen.query_one("#picker-error", Static).content)


async def test_o_sorts_the_library_and_brackets_follow_the_order(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        navigator = screen.query_one(Navigator)
        await pilot.press("o")
        assert screen.order is SortOrder.TITLE
        assert navigator.listed == [HARBOUR, RIVER, BROKEN]
        await pilot.press("o")
        await pilot.pause()
        assert screen.order is SortOrder.AS_OF
        assert navigator.listed == [RIVER, HARBOUR, BROKEN]  # the newest first
        assert str(navigator.border_title).endswith("by as-of date, newest first")
        await pilot.press("home")
        await pilot.pause()
        assert screen.entry == RIVER
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.entry == HARBOUR
        await pilot.press("o")
        assert navigator.listed == [HARBOUR, RIVER, BROKEN]


async def test_backspace_after_a_jump_comes_back(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "down", "tab")
        await pilot.pause()
        before = place(app)
        await search(pilot, app, "okafor")
        await pilot.press("enter")
        await pilot.pause()
        assert place(app)[0] == RIVER
        await pilot.press("backspace")
        await pilot.pause()
        assert place(app) == before


# --- a live reload -------------------------------------------------------------------------------


async def test_after_a_live_reload_search_finds_the_new_text(tmp_path) -> None:
    import shutil

    from briefing.library import load_library
    from tests.tui.conftest import FIXTURES

    shutil.copytree(FIXTURES / "good" / "sources", tmp_path / "sources")
    path = tmp_path / "harbour-talks.yaml"
    text = (FIXTURES / "good" / "harbour-talks.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    app = BriefingApp(load_library([path]), Start())
    async with app.run_test(size=SIZE) as pilot:
        screen = await search(pilot, app, "quokka")
        assert status(screen) == "no hits"
        await pilot.press("escape")
        # As live reload hands the reader a new version of the library: a new title.
        title = "title: The Portville harbour talks"
        path.write_text(text.replace(title, "title: The Quokka harbour talks"), encoding="utf-8")
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        indexed = reader.finder._index
        reader.replace_library(load_library([path]), path, "harbour-talks", None)
        box = await search(pilot, app, "quokka")
        assert results(box)[0].startswith("briefing  The Quokka harbour talks")
        assert reader.finder._index is indexed  # changed, not built again


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["three", "two"])
async def test_indexing_progress_is_never_cut(app: BriefingApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        navigator = app.screen.query_one(Navigator)
        navigator.show_progress(1234, 10000)
        await pilot.pause()
        bottom = screen_lines(app)[navigator.region.bottom - 1]
        assert "indexing 1,234 of 10,000" in bottom or "indexing 12%" in bottom, bottom
        assert "…" not in bottom
        assert "Library" in screen_lines(app)[navigator.region.y]
        navigator.show_progress(10000, 10000)
        await pilot.pause()
        assert "indexing" not in screen_lines(app)[navigator.region.bottom - 1]
