"""The palette's app commands: one help, and a screenshot that is saved and says where."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from briefing.library import Library
from briefing.tui.app import BriefingApp
from briefing.tui.screens.help import HelpScreen
from briefing.tui.start import Start
from tests.tui.conftest import FIXTURES
from tests.tui.terminal import BRIEFING, TMUX, Terminal

pytestmark = pytest.mark.anyio


def commands(app: BriefingApp) -> dict[str, object]:
    return {command.title: command for command in app.get_system_commands(app.screen)}


async def test_help_is_offered_once_and_textuals_keys_panel_not(library: Library) -> None:
    app = BriefingApp(library, Start())
    async with app.run_test(size=(100, 30)) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles.count("Help") == 1 and "Keys" not in titles
        await pilot.press("ctrl+p", *"help")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.skipif(TMUX is None or not BRIEFING.exists(), reason="needs tmux and `briefing`")
@pytest.mark.parametrize("downloads", [True, False], ids=["downloads", "no-downloads"])
def test_a_screenshot_is_saved_where_a_folder_exists_and_says_where(
    tmp_path: Path, downloads: bool
) -> None:
    home, here = tmp_path / "home", tmp_path / "here"
    home.mkdir()
    here.mkdir()
    if downloads:
        (home / "Downloads").mkdir()
    terminal = Terminal(f"briefing-shot-{os.getpid()}-{downloads}")
    terminal.start(
        f"cd {here} && HOME={home} XDG_CONFIG_HOME={home}/.config {BRIEFING} --no-state"
        f" --library {FIXTURES / 'good'}; sleep 30",
        100,
        30,
    )
    try:
        terminal.wait_for(lambda screen: "Library" in screen)
        terminal.tmux("send-keys", "-t", terminal.name, "C-p")
        terminal.keys("screenshot")
        time.sleep(0.5)
        terminal.tmux("send-keys", "-t", terminal.name, "Enter")
        screen = terminal.wait_for(lambda screen: "Screenshot saved" in screen)
        folder = home / "Downloads" if downloads else here
        (saved,) = folder.glob("*.svg")
        assert saved.read_text(encoding="utf-8").startswith("<svg")
        # The notice names the file, over as many of the toast's lines as it takes.
        assert saved.name in "".join(c for c in screen if c.isalnum() or c in "_-.:")
    finally:
        terminal.close()
