"""What the three panes share: a titled border that says in words and shape which has focus."""

from __future__ import annotations

from textual.content import Content

# The focused pane's title starts with this mark; its border is heavier too (see reader.tcss).
FOCUS_MARK = "▶ "


class TitledPane:
    """A mixin for a pane widget: `pane_title` is shown in the border, marked while focused.

    Listed after the widget class, so Textual's styles and component classes come from the
    widget. Each pane sets `DEFAULT_CLASSES = "pane"` for the shared styles.
    """

    # What the help calls the pane, whatever its title says at the moment.
    PANE_NAME = "Pane"
    _pane_title: str = ""
    has_focus: bool
    border_title: object

    @property
    def pane_title(self) -> str:
        return self._pane_title

    @pane_title.setter
    def pane_title(self, title: str) -> None:
        self._pane_title = title
        self._show_title()

    def _show_title(self) -> None:
        mark = FOCUS_MARK if self.has_focus else ""
        # Content, not a str: a str border title would be read as markup.
        self.border_title = Content(mark + self._pane_title)

    def on_focus(self) -> None:
        self._show_title()

    def on_blur(self) -> None:
        self._show_title()
