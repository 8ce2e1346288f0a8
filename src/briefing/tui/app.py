"""The reader app: holds the library it was given and opens the reader screen on it."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.screen import Screen

from briefing.library import Library
from briefing.tui.keys import APP
from briefing.tui.screens.reader import ReaderScreen
from briefing.tui.start import Start


def resume_collection() -> None:
    """Turn the cyclic garbage collector back on, if start-up turned it off (see `cli.read`).

    What start-up made is frozen first: it lives to the end, so later collections skip it.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


class BriefingApp(App[None]):
    TITLE = "briefing"
    CSS_PATH: ClassVar = ["styles/reader.tcss", "styles/in_depth.tcss", "styles/help.tcss"]
    BINDINGS = APP

    def __init__(self, library: Library, start: Start | None = None) -> None:
        super().__init__()
        self.library = library
        self.start = start or Start()

    def get_default_screen(self) -> ReaderScreen:
        return ReaderScreen(self.library, self.start)

    def on_mount(self) -> None:
        self.call_after_refresh(resume_collection)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # The palette's app commands: Textual's (theme, quit, ...) and the reader's help.
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key of the reader", self.action_help)

    def action_help(self) -> None:
        # Imported on first use: nothing that can wait is loaded before the first paint.
        from briefing.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen.active_bindings))
