"""The detail pane: one item in full, scrolled by the same keys that move the other panes."""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text
from textual.message import Message

from briefing.tui.keys import pane_bindings
from briefing.tui.widgets.link_view import LinkView
from briefing.tui.widgets.pane import TitledPane


class DetailPane(LinkView, TitledPane):
    DEFAULT_CLASSES = "pane"
    PANE_NAME = "Detail"
    # Up and down pick the links in view, and scroll where there are none (link_view.py).
    BINDINGS = pane_bindings(down="link_down", up="link_up")

    class Back(Message):
        def __init__(self, pane: DetailPane) -> None:
            super().__init__()
            self.pane = pane

        @property
        def control(self) -> DetailPane:
            return self.pane

    def show(self, title: str, body: Text, key: Hashable | None = None) -> None:
        """Show a text under a title; `key` names what it shows (see `TextView.update`)."""
        self.pane_title = title
        self.update(body, key)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Enter follows the picked link: keep "open" out of the footer while there is none.
        return action != "open" or self.link_count > 0

    def action_back(self) -> None:
        self.post_message(self.Back(self))
