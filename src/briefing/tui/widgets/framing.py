"""A pane's lines framed once: its border and padding put around a line of content it drew before.

Textual frames every line a widget draws (border, padding, background) through its styles
cache, which keeps each framed line by its row on screen. Scrolling a pane moves every line to
another row, so every one is framed again: ~80 µs a line, 3 ms for a 36-line pane, paid on each
cursor move that scrolls the items list. Here a framed line is also kept by the line of content
it frames: a line scrolled to another row is framed already, and a new line is framed by joining
it to the pane's two edges, cut once from a line Textual framed.

The shortcut stands in for Textual's own framing only where it gives the same strips: a line of
content between the border and padding rows, in a pane without outline, hatch, tint or opacity.
Anything else, and any Textual it was not compared with (internals.py), is framed by Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.style import Style as RichStyle
from textual._styles_cache import StylesCache
from textual.color import Color
from textual.css.styles import StylesBase
from textual.geometry import Size, Spacing
from textual.strip import Strip

from briefing.tui import internals

# Framed lines kept by their content, a few screenfuls: lines scrolled out and back in.
KEEP = 256


class FramingCache(StylesCache):
    def __init__(self) -> None:
        super().__init__()
        # Checked once per pass over the pane's lines: its styles may change between passes.
        self._checked = False
        # What the edges were cut for, and the edges: Textual's framing of an empty line, less
        # its content (None while the pane's styles ask for more than border and padding).
        self._edges_key: tuple[Any, ...] | None = None
        self._edges: tuple[Strip, Strip] | None = None
        # The style of the blank that pads a content line to the content's width, and the
        # border and padding around the content (part of what the edges were cut for).
        self._inside_style: RichStyle | None = None
        self._gutter = Spacing()
        # Framed lines by the identity of their content (kept alive with it, so never reused).
        self._framed: dict[int, tuple[Strip, Strip]] = {}

    def render(self, *args: Any, **kwargs: Any) -> list[Strip]:
        self._checked = False
        return super().render(*args, **kwargs)

    def render_line(
        self,
        styles: StylesBase,
        y: int,
        size: Size,
        content_size: Size,
        padding: Spacing,
        base_background: Color,
        background: Color,
        render_content_line: Callable[[int], Strip],
        *rest: Any,
    ) -> Strip:
        if not self._checked:
            self._check(styles, size, content_size, padding, base_background, background, rest)
        gutter = self._gutter
        content_y = y - gutter.top
        if (
            self._edges is None
            or not 0 <= content_y < content_size.height
            or y >= size.height - gutter.bottom
        ):
            return super().render_line(
                styles,
                y,
                size,
                content_size,
                padding,
                base_background,
                background,
                render_content_line,
                *rest,
            )
        content = render_content_line(content_y)
        framed = self._framed.get(id(content))
        if framed is not None and framed[0] is content:
            return framed[1]
        left, right = self._edges
        inside = content.adjust_cell_length(content_size.width, self._inside_style)
        strip = Strip([*left, *inside, *right], size.width)
        if len(self._framed) >= KEEP:
            self._framed.clear()
        self._framed[id(content)] = (content, strip)
        return strip

    def _check(
        self,
        styles: StylesBase,
        size: Size,
        content_size: Size,
        padding: Spacing,
        base_background: Color,
        background: Color,
        rest: tuple[Any, ...],
    ) -> None:
        """Cut the edges again if what frames a line has changed since they were cut."""
        self._checked = True
        # After the callback: border title and subtitle (not on a content line), opacity, and
        # the ANSI theme and colours (which only tint and text opacity use).
        opacity = rest[2]
        plain = (
            opacity == 1.0
            and styles.text_opacity == 1.0
            and not styles.tint.a
            and not (styles.has_rule("hatch") and styles.hatch != "none")
            and not any(edge for edge, _ in styles.outline)
        )
        gutter = self._gutter = styles.gutter
        key = (plain, styles.border, gutter, size, content_size, padding)
        key += (base_background, background)
        if key == self._edges_key:
            return
        self._edges_key = key
        self._framed.clear()
        self._edges = None
        if not plain or content_size.height < 1 or size.height <= gutter.height:
            return
        # Textual's own framing of an empty line: content blank from `gutter.left`.
        empty = super().render_line(
            styles,
            gutter.top,
            size,
            content_size,
            padding,
            base_background,
            background,
            lambda _y: Strip([], 0),
            *rest,
        )
        start, end = gutter.left, gutter.left + content_size.width
        self._edges = (empty.crop(0, start), empty.crop(end, size.width))
        self._inside_style = self.get_inner_outer(base_background, background)[0].rich_style


def framing_cache() -> StylesCache:
    """A styles cache for a pane: one that keeps framed lines where Textual's was compared."""
    return FramingCache() if internals.checked() else StylesCache()
