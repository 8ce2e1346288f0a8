"""Read-only wrapped text that draws only the lines in view.

A Static inside a scrolling container must be laid out again, with the whole screen, each time
its text changes; this draws its own lines, so showing another item repaints one pane.

Showing a text costs its conversion and its wrapping, and drawing it a strip per line: a text
shown under a `key` keeps both (the last `KEEP` texts, at each width they were shown at), so
going back to an item draws it from what was kept, and showing the same key again does nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

from rich.text import Text
from textual.content import Content
from textual.events import Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Style as VisualStyle

# Texts kept converted and wrapped: a screenful of items and then some.
KEEP = 64


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
        self._key: Hashable | None = None
        self._content = Content("")
        self._lines: list[Content] = []
        # Drawn lines by index, for the style they were drawn in.
        self._strips: dict[int, Strip] = {}
        self._strips_style: VisualStyle | None = None
        # By key: the text, its content, and its wrapped lines by width.
        self._kept: OrderedDict[Hashable, tuple[Text, Content, dict[int, list[Content]]]]
        self._kept = OrderedDict()

    def update(self, text: Text, key: Hashable | None = None) -> None:
        """Show this text, from its first line.

        A `key` names what the text shows (the same key, the same text): the text shown under
        the same key again is only scrolled to its start, and one kept under its key is not
        converted or wrapped again.
        """
        if key is not None and key == self._key:
            self.scroll_to(0, 0, animate=False)
            return
        kept = self._kept.get(key) if key is not None else None
        if kept is not None and kept[0] is text:
            self._kept.move_to_end(key)
        else:
            kept = (text, self._convert(text), {})
            if key is not None:
                self._kept[key] = kept
                while len(self._kept) > KEEP:
                    self._kept.popitem(last=False)
        self._key = key
        self.text, self._content = kept[0], kept[1]
        self._wrap()
        self.scroll_to(0, 0, animate=False)

    def kept(self, key: Hashable) -> Text | None:
        """The text kept under `key`, if it still is."""
        found = self._kept.get(key)
        return found[0] if found is not None else None

    def forget(self) -> None:
        """Keep nothing shown so far (what the keys name has changed: a reload)."""
        self._kept.clear()
        self._key = None

    def _convert(self, text: Text) -> Content:
        return Content.from_rich_text(text, console=self.app.console)

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        wrapped = self._kept[self._key][2] if self._key in self._kept else {}
        lines = wrapped.get(width)
        if lines is None:
            lines = self._content.wrap(width) if width > 0 else []
            wrapped[width] = lines
        if lines is not self._lines:
            self._lines = lines
            self._strips = {}
            self.refresh()
        self._set_virtual_size(Size(width, len(lines)))

    def _set_virtual_size(self, size: Size) -> None:
        if size == self.virtual_size:
            return
        # Set without its reactive, which would lay out the whole screen again: only this
        # widget's scrolling and scrollbars depend on it, and they are updated here.
        self.set_reactive(TextView.virtual_size, size)
        self._scroll_update(size)

    def on_resize(self, event: Resize) -> None:
        self._wrap()

    def render_line(self, y: int) -> Strip:
        style = self.visual_style
        if style is not self._strips_style:
            self._strips, self._strips_style = {}, style
        index = self.scroll_offset.y + y
        strip = self._strips.get(index)
        if strip is None:
            strip = self._strips[index] = self._draw_line(index, style)
        return strip

    def _draw_line(self, index: int, style: VisualStyle) -> Strip:
        width = self.scrollable_content_region.width
        rich_style = style.rich_style
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, rich_style)
        line = self._lines[index]
        strip = Strip(line.render_segments(style), line.cell_length)
        return strip.extend_cell_length(width, rich_style).apply_style(rich_style)
