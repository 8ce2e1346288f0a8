"""Every key binding of the reader, pressed as a reader would."""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.command import CommandPalette

from briefing.library import Library
from briefing.model import Section
from briefing.tui.app import BriefingApp
from briefing.tui.keys import (
    APP,
    HELP,
    IN_DEPTH,
    MATRIX,
    READER,
    move_bindings,
    pane_bindings,
)
from briefing.tui.screens.help import HelpScreen
from briefing.tui.screens.reader import ReaderScreen
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.items import ItemsPane
from briefing.tui.widgets.navigator import Navigator
from tests.tui.conftest import HARBOUR, RIVER, detail_text, focused_pane, item_rows, make_app

pytestmark = pytest.mark.anyio
SIZE = (120, 40)


def ours() -> list[Binding]:
    return [*APP, *READER, *IN_DEPTH, *MATRIX, *HELP, *pane_bindings(), *move_bindings()]


def test_every_binding_has_an_id_and_a_description() -> None:
    for owner in (BriefingApp, ReaderScreen, Navigator, ItemsPane, DetailPane, HelpScreen):
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding)
            assert binding.id and binding.id.startswith("briefing."), binding
            assert binding.description, binding


def test_the_reading_keys_are_bound_once() -> None:
    keys = [key for binding in ours() for key in binding.key.split(",")]
    assert [keys.count(key) for key in "bBe"] == [1, 1, 1]


# --- panes ---------------------------------------------------------------------------------------


async def test_tab_and_shift_tab_cycle_through_the_panes(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        assert focused_pane(app) == "navigator"
        seen = []
        for _ in range(3):
            await pilot.press("tab")
            seen.append(focused_pane(app))
        assert seen == ["items", "detail", "navigator"]
        await pilot.press("shift+tab")
        assert focused_pane(app) == "detail"
        await pilot.press("shift+tab")
        assert focused_pane(app) == "items"


@pytest.mark.parametrize("key", ["enter", "l", "right"])
async def test_open_goes_from_briefing_to_section_to_items_to_detail(
    library: Library, key: str
) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        navigator = app.screen.query_one(Navigator)
        await pilot.press("end", "up")  # the Silver River treaty, still closed
        assert navigator.cursor_node.data.entry == RIVER
        assert not navigator.cursor_node.is_expanded
        await pilot.press(key)
        assert navigator.cursor_node.parent.is_expanded
        assert navigator.cursor_node.data.section is Section.OVERVIEW
        await pilot.press("down", "down", "down", key)  # Questions
        assert focused_pane(app) == "items"
        assert item_rows(app)[0].startswith("Will Westmark's parliament approve")
        await pilot.press(key)
        assert focused_pane(app) == "detail"
        assert "What to watch" in detail_text(app)


@pytest.mark.parametrize("key", ["escape", "h", "left"])
async def test_back_goes_from_detail_to_items_to_navigator_and_up_the_tree(
    library: Library, key: str
) -> None:
    app = make_app(library, item_id="q-second-round")
    async with app.run_test(size=SIZE) as pilot:
        assert focused_pane(app) == "detail"
        await pilot.press(key)
        assert focused_pane(app) == "items"
        await pilot.press(key)
        assert focused_pane(app) == "navigator"
        navigator = app.screen.query_one(Navigator)
        assert navigator.cursor_node.data.section is Section.QUESTIONS
        await pilot.press(key)
        assert navigator.cursor_node.data.section is None
        assert navigator.cursor_node.is_expanded
        await pilot.press(key)
        assert not navigator.cursor_node.is_expanded


# --- moving within a pane ------------------------------------------------------------------------


@pytest.mark.parametrize(("down", "up"), [("down", "up"), ("j", "k")])
async def test_down_and_up_move_the_cursor_in_the_navigator(
    app: BriefingApp, down: str, up: str
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        navigator = app.screen.query_one(Navigator)
        await pilot.press(down)
        assert navigator.cursor_node.data.section is Section.PARTIES
        assert item_rows(app)[0].startswith("Northland")
        await pilot.press(up)
        assert navigator.cursor_node.data.section is Section.OVERVIEW


@pytest.mark.parametrize(("down", "up"), [("down", "up"), ("j", "k")])
async def test_down_and_up_move_through_the_items_and_show_each(
    library: Library, down: str, up: str
) -> None:
    app = make_app(library, section=Section.PARTIES)
    async with app.run_test(size=SIZE) as pilot:
        assert focused_pane(app) == "items"
        assert detail_text(app).startswith("Northland")
        await pilot.press(down)
        assert detail_text(app).startswith("Southland")
        await pilot.press(up)
        assert detail_text(app).startswith("Northland")


@pytest.mark.parametrize(("first", "last"), [("home", "end"), ("g", "G")])
async def test_first_and_last_jump_to_the_ends_of_the_items(
    library: Library, first: str, last: str
) -> None:
    app = make_app(library, section=Section.PARTIES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(last)
        assert detail_text(app).startswith("Portville port authority")
        await pilot.press(first)
        assert detail_text(app).startswith("Northland")


@pytest.mark.parametrize(("first", "last"), [("home", "end"), ("g", "G")])
async def test_first_and_last_jump_to_the_ends_of_the_navigator(
    app: BriefingApp, first: str, last: str
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        navigator = app.screen.query_one(Navigator)
        await pilot.press(last)
        assert navigator.cursor_node.label.plain.endswith("[broken]")
        await pilot.press(first)
        assert navigator.cursor_node.label.plain == "The Portville harbour talks"


async def test_page_keys_move_a_page_through_the_navigator(app: BriefingApp) -> None:
    async with app.run_test(size=(120, 8)) as pilot:
        navigator = app.screen.query_one(Navigator)
        await pilot.pause()
        start = navigator.cursor_line
        await pilot.press("pagedown")
        assert navigator.cursor_line > start + 1
        await pilot.press("pageup")
        assert navigator.cursor_line == start


async def test_page_keys_move_a_page_through_the_items(library: Library) -> None:
    app = make_app(library, briefing_id="river-treaty", section=Section.PARTIES)
    async with app.run_test(size=(120, 8)) as pilot:
        items = app.screen.query_one(ItemsPane)
        await pilot.pause()
        await pilot.press("pagedown")
        assert items.highlighted > 1
        await pilot.press("pageup")
        assert items.highlighted == 0


@pytest.mark.parametrize(
    ("down", "up", "first", "last"), [("down", "up", "home", "end"), ("j", "k", "g", "G")]
)
async def test_moving_keys_scroll_the_detail(
    library: Library, down: str, up: str, first: str, last: str
) -> None:
    app = make_app(library, item_id="river-article")
    async with app.run_test(size=(120, 12)) as pilot:
        detail = app.screen.query_one(DetailPane)
        assert focused_pane(app) == "detail"
        await pilot.pause()
        assert detail.max_scroll_y > 2

        async def press(key: str) -> float:
            await pilot.press(key)
            await pilot.wait_for_scheduled_animations()
            return detail.scroll_y

        assert await press(down) == 1
        assert await press(down) == 2
        assert await press(up) == 1
        assert await press(last) == detail.max_scroll_y > 2
        assert await press(first) == 0
        assert await press("pagedown") > 2
        assert await press("pageup") == 0


# --- sections and briefings ----------------------------------------------------------------------


@pytest.mark.parametrize(("number", "section"), list(enumerate(Section, 1)))
async def test_number_keys_jump_to_their_section(
    app: BriefingApp, number: int, section: Section
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(str(number))
        screen = app.screen
        assert screen.section is section
        assert focused_pane(app) == "items"
        assert screen.query_one(Navigator).cursor_node.data.section is section
        assert screen.query_one(ItemsPane).border_title.startswith(f"▶ {section.title}")


async def test_brackets_go_to_the_previous_and_next_briefing_at_the_same_section(
    app: BriefingApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "right_square_bracket")
        assert (app.screen.entry, app.screen.section) == (RIVER, Section.QUESTIONS)
        assert app.screen.title == "The Silver River treaty"
        assert item_rows(app)[1] == "When will Eastmark's parliament vote?"
        await pilot.press("left_square_bracket")
        assert (app.screen.entry, app.screen.section) == (HARBOUR, Section.QUESTIONS)
        await pilot.press("left_square_bracket")  # already the first: stays
        assert app.screen.entry == HARBOUR


# --- help, palette, quit -------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_opens_and_closes(app: BriefingApp, key: str) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press(key)
        await pilot.press(key)
        assert isinstance(app.screen, ReaderScreen)


async def test_ctrl_p_opens_the_command_palette(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert CommandPalette.is_open(app)


async def test_q_quits(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_a_keymap_rebinds_by_id(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.set_keymap({"briefing.next-pane": "ctrl+n", "briefing.down": "ctrl+j"})
        await pilot.press("ctrl+n")
        assert focused_pane(app) == "items"
        await pilot.press("ctrl+j")
        assert app.screen.query_one(ItemsPane).highlighted == 1


async def test_the_palette_goes_to_a_briefing_or_a_section(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"silver river")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.entry == RIVER
        assert app.screen.section is Section.OVERVIEW
        await pilot.press("ctrl+p")
        await pilot.press(*"timeline")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert (app.screen.entry, app.screen.section) == (RIVER, Section.TIMELINE)


async def test_the_footer_hints_follow_the_focused_pane_and_the_keymap(app: BriefingApp) -> None:
    from briefing.tui.widgets.key_hints import KeyHints

    async with app.run_test(size=SIZE) as pilot:
        hints = app.screen.query_one(KeyHints)
        described = [hint.description for hint in hints.hints()]
        assert described[:3] == ["Back", "Open", "Next pane"]
        assert ("12345678", "Section", "1") in [
            (h.keys, h.description, h.key) for h in hints.hints()
        ]
        await pilot.press("tab", "tab")  # the detail: nothing to open there
        assert "Open" not in [hint.description for hint in hints.hints()]
        app.set_keymap({"briefing.help": "f2"})
        await pilot.pause()
        assert ("f2", "Help", "f2") in [(h.keys, h.description, h.key) for h in hints.hints()]
        # A click on a hint presses its key.
        start = next(s for s, _, key in hints.targets if key == "f2")
        await pilot.click(KeyHints, offset=(start + 1, 0))
        assert isinstance(app.screen, HelpScreen)
