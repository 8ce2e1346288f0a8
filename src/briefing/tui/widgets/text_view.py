"""Read-only wrapped text that draws only the lines in view.

A Static inside a scrolling container must be laid out again, with the whole screen, each time
its text changes; this draws its own lines, so showing another item repaints one pane.

Showing a text costs its conversion and its wrapping, and drawing it a strip per line: a text
shown under a `key` keeps both (the last `KEEP` texts, at each width they were shown at), so
going back to an item draws it from what was kept, and showing it again draws nothing anew.
`prepare` does the same work ahead, for a text likely to be shown next.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

from rich.segment import Segment
from rich.text import Text
from textual.content import Content
from textual.events import Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Style as VisualStyle

from briefing.tui.widgets.framing import framing_cache
from briefing.tui.widgets.scrollbar import QuickScrollbars

# Texts kept converted and wrapped: a screenful of items and then some.
KEEP = 64
# A text wrapped to a width: its lines, and those drawn so far by index.
Wrapped = tuple[list[Content], dict[int, Strip]]


class TextView(QuickScrollbars, ScrollView, can_focus=True):
    DEFAULT_CSS = """
    TextView {
        overflow-x: hidden;
        /* The scrollbar is always there: text wraps the same whatever its length, and a new
           text never lays the screen out again for a scrollbar that comes or goes. */
        overflow-y: scroll;
        scrollbar-background: $surface;
        scrollbar-background-hover: $surface;
        scrollbar-background-active: $surface;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        # A line scrolled to another row is not framed again (framing.py).
        self._styles_cache = framing_cache()
        self.text = Text()
        self._key: Hashable | None = None
        self._content = Content("")
        self._lines: list[Content] = []
        # Drawn lines by index, for the style they were drawn in.
        self._strips: dict[int, Strip] = {}
        self._strips_style: VisualStyle | None = None
        # The width the lines were wrapped to, and are drawn at.
        self._width = 0
        # By key: the text, its content, and by width its wrapped lines and those drawn.
        self._kept: OrderedDict[Hashable, tuple[Text, Content, dict[int, Wrapped]]]
        self._kept = OrderedDict()

    def update(self, text: Text, key: Hashable | None = None) -> None:
        """Show this text, from its first line.

        A `key` names what the text shows: the text shown again under the same key is only
        scrolled to its start, and one kept under its key is not converted or wrapped again
        (another text under a key replaces the one kept).
        """
        if key is not None and key == self._key and text is self.text:
            self.scroll_to(0, 0, animate=False)
            return
        kept = self._kept.get(key) if key is not None else None
        if kept is not None and kept[0] is text:
            self._kept.move_to_end(key)
        else:
            kept = (text, self._convert(text), {})
            if key is not None:
                self._keep(key, kept)
        self._key = key
        self.text, self._content = kept[0], kept[1]
        self._wrap()
        self.scroll_to(0, 0, animate=False)

    def prepare(self, text: Text, key: Hashable) -> None:
        """Convert, wrap and draw the first screenful of a text to be shown under `key`, as
        `update` would, without showing it: shown later, it is drawn from what was kept."""
        kept = self._kept.get(key)
        if kept is None or kept[0] is not text:
            kept = (text, self._convert(text), {})
            self._keep(key, kept, first_to_go=True)  # if it is never shown
        width = self.scrollable_content_region.width
        lines, strips = self._wrapped(kept, width)
        style = self.visual_style
        if style is self._strips_style:
            for index in range(self.scrollable_content_region.height):  # blank ones below too
                if index not in strips:
                    strips[index] = self._draw(lines, index, width, style)

    def _keep(
        self,
        key: Hashable,
        kept: tuple[Text, Content, dict[int, Wrapped]],
        *,
        first_to_go: bool = False,
    ) -> None:
        """Keep a text under its key, in place of any other, the oldest going past `KEEP`."""
        self._kept.pop(key, None)
        while len(self._kept) >= KEEP:
            self._kept.popitem(last=False)
        self._kept[key] = kept
        if first_to_go:
            self._kept.move_to_end(key, last=False)

    def _convert(self, text: Text) -> Content:
        return Content.from_rich_text(text, console=self.app.console)

    @staticmethod
    def _wrapped(kept: tuple[Text, Content, dict[int, Wrapped]], width: int) -> Wrapped:
        """A kept text's lines at a width, and those drawn so far (wrapped now if need be)."""
        found = kept[2].get(width)
        if found is None:
            found = kept[2][width] = (kept[1].wrap(width) if width > 0 else [], {})
        return found

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        kept = self._kept.get(self._key) if self._key is not None else None
        if kept is None or kept[0] is not self.text:
            kept = (self.text, self._content, {})
        lines, strips = self._wrapped(kept, width)
        self._width = width
        if lines is not self._lines:
            before = self._lines
            self._lines, self._strips = lines, strips
            self._refresh_changed(before)
        self._set_virtual_size(Size(width, len(lines)))

    def _refresh_changed(self, before: list[Content]) -> None:
        """Repaint the lines in view that differ from what they were (blank ones often don't),
        compared by their text and styles: the same line is drawn the same."""
        top = self.scroll_offset.y
        end = top + self.scrollable_content_region.height
        after = self._lines
        run_start = None  # the first of a run of changed lines, repainted together
        for index in range(top, end):
            old = before[index] if index < len(before) else None
            new = after[index] if index < len(after) else None
            if not _same_line(old, new):
                run_start = index if run_start is None else run_start
            elif run_start is not None:
                self.refresh_lines(run_start, index - run_start)
                run_start = None
        if run_start is not None:
            self.refresh_lines(run_start, end - run_start)

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
            # Restyled (focus, theme): every line kept was drawn in the old style.
            self._strips_style = style
            for _, _, wrapped in self._kept.values():
                for _, strips in wrapped.values():
                    strips.clear()
            self._strips.clear()
        index = self.scroll_offset.y + y
        strip = self._strips.get(index)
        if strip is None:
            strip = self._strips[index] = self._draw_line(index, style)
        return strip

    def _draw_line(self, index: int, style: VisualStyle) -> Strip:
        return self._draw(self._lines, index, self._width, style)

    def _draw(self, lines: list[Content], index: int, width: int, style: VisualStyle) -> Strip:
        rich_style = style.rich_style
        if not 0 <= index < len(lines):
            return Strip.blank(width or self.scrollable_content_region.width, rich_style)
        line = lines[index]
        # One strip, padded to the width, over the view's style (as `extend_cell_length` then
        # `apply_style` would make it, through two strips more).
        segments = list(line.render_segments(style))
        if line.cell_length < width:
            segments.append(Segment(" " * (width - line.cell_length)))
        return Strip(Segment.apply_style(segments, rich_style), max(width, line.cell_length))


def _same_line(one: Content | None, other: Content | None) -> bool:
    if one is None or other is None:
        return one is other
    return one is other or (one.plain == other.plain and one.spans == other.spans)
