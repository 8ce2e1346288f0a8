"""Read-only wrapped text that draws only the lines in view.

A Static inside a scrolling container must be laid out again, with the whole screen, each time
its text changes; this draws its own lines, so showing another item repaints one pane.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.events import Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class TextView(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    TextView {
        overflow-x: hidden;
        /* Room for the scrollbar is kept, so text wraps the same with or without one. */
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = Text()
        self._content = Content("")
        self._lines: list[Content] = []

    def update(self, text: Text) -> None:
        """Show this text, from its first line."""
        self.text = text
        self._content = Content.from_rich_text(text, console=self.app.console)
        self._wrap()
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        self._lines = self._content.wrap(width) if width > 0 else []
        self.virtual_size = Size(width, len(self._lines))

    def on_resize(self, event: Resize) -> None:
        self._wrap()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        style = self.rich_style
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, style)
        line = self._lines[index]
        strip = Strip(line.render_segments(self.visual_style), line.cell_length)
        return strip.extend_cell_length(width, style).apply_style(style)
