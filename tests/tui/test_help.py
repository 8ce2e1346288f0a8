"""The help screen is generated from the live bindings, so it lists each and follows a keymap."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from briefing.tui.app import BriefingApp
from briefing.tui.screens.help import HelpScreen
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.items import ItemsPane
from briefing.tui.widgets.navigator import Navigator

pytestmark = pytest.mark.anyio
SIZE = (120, 50)


async def help_text(app: BriefingApp, pilot) -> str:
    await pilot.press("f1")
    assert isinstance(app.screen, HelpScreen)
    return str(app.screen.query_one("#help-body", Static).content)


@pytest.mark.parametrize(
    ("tabs", "pane"), [(0, Navigator), (1, ItemsPane), (2, DetailPane)], ids=lambda p: str(p)
)
async def test_help_lists_every_binding_of_the_focused_pane_and_the_reader(
    app: BriefingApp, tabs: int, pane: type
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["tab"] * tabs)
        expected = [
            b
            for owner in (pane, type(app.screen), BriefingApp)
            for b in owner.BINDINGS
            if app.screen.check_action(b.action, ()) is not False
            and (owner is not pane or app.screen.query_one(pane).check_action(b.action, ()))
        ]
        text = await help_text(app, pilot)
        for binding in expected:
            assert binding.id in text, binding
            assert binding.description in text, binding


async def test_help_shows_each_key_of_a_binding(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        lines = (await help_text(app, pilot)).splitlines()
        down = next(line for line in lines if line.rstrip().endswith("briefing.down"))
        assert "↓" in down and "j" in down
        back = next(line for line in lines if line.rstrip().endswith("briefing.back"))
        assert all(key in back for key in ("esc", "h", "←"))
        quit_ = next(line for line in lines if line.rstrip().endswith("briefing.quit"))
        assert quit_.split()[0] == "q"


async def test_help_follows_a_keymap(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.set_keymap({"briefing.next-pane": "ctrl+n"})
        lines = (await help_text(app, pilot)).splitlines()
        line = next(line for line in lines if line.rstrip().endswith("briefing.next-pane"))
        assert line.split()[0] == "^n"


async def test_help_is_grouped_by_where_keys_work(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        text = await help_text(app, pilot)
        titles = [line for line in text.splitlines() if line and not line.startswith(" ")]
        assert titles == ["In the Items pane", "In the reader", "Everywhere"]
