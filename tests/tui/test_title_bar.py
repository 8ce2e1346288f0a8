"""The top line: the screen's title and subtitle, as Textual's Header showed them."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.screen import Screen

from briefing.tui.widgets.title_bar import ICON, ICON_WIDTH, TitleBar

pytestmark = pytest.mark.anyio


class Titled(Screen[None]):
    def compose(self) -> ComposeResult:
        yield TitleBar()


class TitledApp(App[None]):
    def get_default_screen(self) -> Screen[None]:
        return Titled()


def line(app: App[None]) -> str:
    return app.screen.query_one(TitleBar).render().plain


async def test_the_title_and_subtitle_are_centred_after_the_icon_and_follow_the_screen() -> None:
    app = TitledApp()
    async with app.run_test(size=(60, 5)) as pilot:
        app.screen.title, app.screen.sub_title = "Harbour talks", "developing"
        await pilot.pause()
        shown = line(app)
        assert len(shown) == 60
        assert shown[:ICON_WIDTH].strip() == ICON
        text = "Harbour talks — developing"
        start = shown.index(text)
        # Centred between the icon's columns and the clock's (10) on the right.
        assert abs((start - ICON_WIDTH) - (60 - 10 - start - len(text))) <= 1
        app.screen.title = "[bold]not markup[/]"
        await pilot.pause()
        assert "[bold]not markup[/] — developing" in line(app)


async def test_a_long_title_is_cut_with_an_ellipsis() -> None:
    app = TitledApp()
    async with app.run_test(size=(40, 5)) as pilot:
        app.screen.title, app.screen.sub_title = "A very long title " * 5, ""
        await pilot.pause()
        shown = line(app)
        assert len(shown) == 40
        assert "…" in shown


async def test_a_click_on_the_icon_opens_the_palette() -> None:
    app = TitledApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
