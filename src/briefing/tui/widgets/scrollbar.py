"""A vertical scrollbar drawn straight to strips.

Textual draws a scrollbar through Rich and its styles cache: about 1.7 ms for 36 lines, paid
each time a pane's content changes length, on most key presses. The same bar (the same glyphs,
colours and mouse actions) drawn here as one strip per line, and kept until it changes, costs a
tenth of that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip

if TYPE_CHECKING:
    from textual.app import App


class QuickScrollBar(ScrollBar):
    """Textual's vertical scrollbar, drawn without Rich (a horizontal one is drawn by Textual)."""

    def __init__(self, vertical: bool = True, name: str | None = None, *, thickness: int = 1):
        super().__init__(vertical, name, thickness=thickness)
        self._drawn: tuple[tuple[object, ...], list[Strip]] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        bar = self.render()
        if not self.vertical or type(bar) is not ScrollBarRender:
            return super().render_lines(crop)
        width, height = self.size
        base = self.visual_style.rich_style
        key = (width, height, bar.virtual_size, bar.window_size, bar.position, bar.style, base)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, self._draw(bar, width, height, base))
        strips = self._drawn[1][crop.y : crop.bottom]
        if crop.x or crop.right < width:
            strips = [strip.crop(crop.x, crop.right) for strip in strips]
        # As Textual's drawing does, on every draw: a strip keeps what each filter made of it.
        background = self.background_colors[1]
        for line_filter in self.get_line_filters():
            strips = [strip.apply_filter(line_filter, background) for strip in strips]
        return strips

    def _draw(self, bar: ScrollBarRender, width: int, height: int, base: Style) -> list[Strip]:
        style = bar.style
        # `ScrollBar.render` makes the style from two colours.
        assert isinstance(style, Style) and style.bgcolor and style.color
        segments = ScrollBarRender.render_bar(
            size=height,
            virtual_size=bar.virtual_size,
            window_size=bar.window_size,
            position=bar.position,
            thickness=width,
            vertical=True,
            back_color=style.bgcolor,
            bar_color=style.color,
        ).segments
        # Over the scrollbar's own style, as Textual's drawing puts it.
        return [Strip([segment], width) for segment in Segment.apply_style(segments, base)]


class QuickScrollbars:
    """Mixed into a widget (before its Textual class): its vertical scrollbar is a
    `QuickScrollBar`. Not a widget class itself, which would hide the CSS classes and
    component classes of the widget it is mixed into."""

    _vertical_scrollbar: ScrollBar | None
    scrollbar_size_vertical: int
    app: App

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        if self._vertical_scrollbar is None:
            bar = QuickScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)  # type: ignore[arg-type]
        return self._vertical_scrollbar
