"""Responsive layout, every size down to 20x6, the mouse, and marks that do not need colour."""

from __future__ import annotations

import pytest

from briefing.library import Library
from briefing.model import Section
from briefing.tui.app import BriefingApp
from briefing.tui.screens.help import HelpScreen
from briefing.tui.widgets.pane import FOCUS_MARK
from tests.tui.conftest import RIVER, detail_text, focused_pane, make_app, screen_text

pytestmark = pytest.mark.anyio
PANES = ("navigator", "items", "detail")


def shown(app: BriefingApp) -> list[str]:
    """The panes on screen, left to right."""
    return [name for name in PANES if app.screen.query_one(f"#{name}").display]


async def test_three_panes_from_120_columns(app: BriefingApp) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        assert shown(app) == ["navigator", "items", "detail"]
        await pilot.press("tab", "tab")
        assert shown(app) == ["navigator", "items", "detail"]


@pytest.mark.parametrize("width", [60, 100, 140])
async def test_the_panes_are_styled_for_the_terminals_width_once_before_the_first_frame(
    library: Library, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    """The layout's class is on the screen before its panes are styled: set once they were, it
    styled every pane a second time before the first frame."""
    from textual.css.stylesheet import Stylesheet

    from briefing.tui.screens.reader import ReaderScreen
    from briefing.tui.widgets.navigator import Navigator

    styled: list[bool] = []
    update_nodes = Stylesheet.update_nodes

    def counted(self: Stylesheet, nodes, animate: bool = False) -> None:
        nodes = list(nodes)
        # The whole screen restyled, panes included (a change of focus restyles one pane).
        kinds = {type(node) for node in nodes}
        styled.append(ReaderScreen in kinds and Navigator in kinds)
        update_nodes(self, nodes, animate=animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", counted)
    app = make_app(library)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        expected = "-three" if width >= 120 else "-two" if width >= 80 else "-one"
        assert app.screen.has_class(expected)
        # Textual styles the screen's widgets once when it is shown; nothing more.
        assert styled.count(True) == 1


async def test_two_panes_below_120_the_detail_taking_the_items_place(app: BriefingApp) -> None:
    async with app.run_test(size=(119, 30)) as pilot:
        assert shown(app) == ["navigator", "items"]
        await pilot.press("enter")  # the overview's first row
        assert shown(app) == ["navigator", "items"]
        await pilot.press("enter")
        assert shown(app) == ["navigator", "detail"]
        assert focused_pane(app) == "detail"
        await pilot.press("escape")
        assert shown(app) == ["navigator", "items"]
        assert focused_pane(app) == "items"


async def test_one_pane_below_80_columns(app: BriefingApp) -> None:
    async with app.run_test(size=(79, 24)) as pilot:
        assert shown(app) == ["navigator"]
        await pilot.press("tab")
        assert shown(app) == ["items"]
        await pilot.press("tab")
        assert shown(app) == ["detail"]
        await pilot.press("escape", "escape")
        assert shown(app) == ["navigator"]
        await pilot.press("5")
        assert shown(app) == ["items"]


async def test_resizing_moves_between_layouts(app: BriefingApp) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("tab", "tab")
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        assert shown(app) == ["navigator", "detail"]
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert shown(app) == ["detail"]
        await pilot.resize_terminal(130, 30)
        await pilot.pause()
        assert shown(app) == list(PANES)


@pytest.mark.parametrize(
    "size", [(20, 6), (21, 7), (30, 8), (50, 12), (79, 24), (80, 6), (80, 24), (120, 6), (200, 60)]
)
async def test_every_size_renders_and_answers_every_key(library: Library, size) -> None:
    app = make_app(library)
    async with app.run_test(size=size) as pilot:
        for keys in (
            ["tab", "j", "enter", "G", "pagedown", "h"],
            ["4", "enter", "down", "end", "escape", "escape"],
            ["right_square_bracket", "right_square_bracket", "enter", "j", "enter"],
            ["left_square_bracket", "1", "question_mark", "j", "G", "escape"],
        ):
            await pilot.press(*keys)
            await pilot.pause()
        # It still works: nothing raised, and the reader is where the keys took it.
        assert app.is_running
        assert app.screen.entry == RIVER


async def test_the_focused_pane_is_marked_in_its_title_not_by_colour_alone(
    app: BriefingApp,
) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        navigator, items = (app.screen.query_one(f"#{n}") for n in ("navigator", "items"))
        assert navigator.border_title.startswith(FOCUS_MARK)
        assert not items.border_title.startswith(FOCUS_MARK)
        await pilot.press("tab")
        assert items.border_title.startswith(FOCUS_MARK)
        assert not navigator.border_title.startswith(FOCUS_MARK)
        # And the border changes shape, heavy for focus.
        assert items.styles.border_top[0] == "heavy"
        assert navigator.styles.border_top[0] == "round"


async def test_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch, library: Library) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(library)
    async with app.run_test(size=(120, 30)) as pilot:
        assert app.no_color
        await pilot.press("5")
        text = screen_text(app)
        # Marks are signs and words, so they survive without colour.
        assert "✗ zz-broken.yaml [broken]" in text
        assert "2024-03-04 ○ context" in text
        assert f"{FOCUS_MARK}Timeline (1)" in text


# --- the mouse -----------------------------------------------------------------------------------


async def test_everything_is_reachable_by_mouse(app: BriefingApp) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        # Click the Questions section in the navigator: the items pane opens on it.
        await pilot.click("#navigator", offset=(5, 5))
        assert app.screen.section is Section.QUESTIONS
        assert focused_pane(app) == "items"
        # Click an item: its detail opens.
        await pilot.click("#items", offset=(5, 1))
        assert focused_pane(app) == "detail"
        assert detail_text(app).startswith("Will the second round")
        # The footer's keys are buttons: help, and back.
        await pilot.click("KeyHints", offset=(2, 0))  # esc Back
        assert focused_pane(app) == "items"


async def test_in_one_pane_the_footer_leads_back_by_mouse(app: BriefingApp) -> None:
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.click("#navigator", offset=(5, 5))
        assert shown(app) == ["items"]
        await pilot.click("KeyHints", offset=(2, 0))
        assert shown(app) == ["navigator"]


async def test_help_is_shown_at_every_size(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(20, 6)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
