"""The detail pane: one item in full, scrolled by the same keys that move the other panes."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message

from briefing.tui.keys import pane_bindings
from briefing.tui.widgets.pane import TitledPane
from briefing.tui.widgets.text_view import TextView


class DetailPane(TextView, TitledPane):
    DEFAULT_CLASSES = "pane"
    PANE_NAME = "Detail"
    BINDINGS = pane_bindings()

    @dataclass
    class Back(Message):
        pane: DetailPane

        @property
        def control(self) -> DetailPane:
            return self.pane

    def show(self, title: str, body: Text) -> None:
        self.pane_title = title
        self.update(body)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Nothing opens from here: keep "open" out of the footer while this pane has focus.
        return action != "open"

    def action_back(self) -> None:
        self.post_message(self.Back(self))
