"""Hostile content (markup, links, escapes in every field) is shown as the words it is."""

from __future__ import annotations

import pytest

from briefing.library import load_library
from briefing.model import Section
from briefing.tui.app import BriefingApp
from briefing.tui.start import Start
from tests.tui.conftest import FIXTURES, detail_text, item_rows, screen_text

pytestmark = pytest.mark.anyio
TITLE = '<script>alert("title")</script> [@click=app.quit]x[/] &#27;[2J'


@pytest.fixture
def app() -> BriefingApp:
    library = load_library([FIXTURES / "hostile"])
    assert library.briefings, library.findings
    return BriefingApp(library, Start())


async def test_every_section_and_item_shows_hostile_text_literally(app: BriefingApp) -> None:
    async with app.run_test(size=(160, 50)) as pilot:
        assert app.screen.title == TITLE
        assert TITLE in screen_text(app)
        briefing = app.library.briefings[0]
        for number, section in enumerate(Section, 1):
            await pilot.press(str(number))
            for _ in range(max(briefing.count(section), 1)):
                await pilot.press("down")
                await pilot.pause()
            assert app.is_running, section
        await pilot.press("2")
        assert "[@click=app.quit]Quit[/] and [bold red]markup[/]" in detail_text(app)
        assert item_rows(app)[0].startswith('<script>alert("party")</script>')


async def test_the_palette_shows_hostile_titles_literally(app: BriefingApp) -> None:
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("ctrl+p", *"click")
        await pilot.pause(0.3)
        assert "[@click=app.quit]x[/]" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
