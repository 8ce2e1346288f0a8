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
    _shown_title: str | None = None
    has_focus: bool
    border_title: object

    @property
    def pane_title(self) -> str:
        return self._pane_title

    @pane_title.setter
    def pane_title(self, title: str) -> None:
        self._pane_title = title
        self._draw_pane_title()

    def _draw_pane_title(self) -> None:
        title = (FOCUS_MARK if self.has_focus else "") + self._pane_title
        if title != self._shown_title:
            # Setting the border's title repaints the whole pane: only when it changes.
            self._shown_title = title
            # Content, not a str: a str border title would be read as markup.
            self.border_title = Content(title)

    def on_focus(self) -> None:
        self._draw_pane_title()

    def on_blur(self) -> None:
        self._draw_pane_title()
