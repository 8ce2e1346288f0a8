"""Wrapped text with links: a cursor picks a link, enter or a click follows it.

Links are marked in the text by `{"link": n}` in their style's meta (see render/links.py). The
cursor moves from link to link while the next one is in view or one line from it, and scrolls a
line at a time otherwise, so up and down both read a long text and reach every link in it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable

from rich.style import Style as RichStyle
from rich.text import Text
from textual.content import Content
from textual.message import Message
from textual.strip import Strip
from textual.style import Style

from briefing.tui.widgets.text_view import TextView

# The picked link, in reverse video: a change of shape, not only of colour.
PICKED = Style(reverse=True, bold=True)


class LinkView(TextView):
    class Followed(Message):
        """The reader followed link `index` (enter on it, or a click)."""

        def __init__(self, view: LinkView, index: int) -> None:
            super().__init__()
            self.view = view
            self.index = index

        @property
        def control(self) -> LinkView:
            return self.view

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.link: int | None = None
        self.link_count = 0
        # Where each link stands once wrapped: link -> [(line, start, end)].
        self._places: dict[int, list[tuple[int, int, int]]] = {}

    def update(self, text: Text, key: Hashable | None = None) -> None:
        """Show this text from its first line, no link picked (see `TextView.update`)."""
        # Unpicked first, so the picked link's lines are repainted if the new text keeps them.
        self.pick(None)
        same = key is not None and key == self._key and text is self.text
        super().update(text, key)
        if same:
            return
        had_links, self.link_count = self.link_count > 0, len(set(_link_indexes(text).values()))
        if had_links != (self.link_count > 0):
            # Whether enter has a link to follow shows in the footer.
            self.refresh_bindings()

    def _convert(self, text: Text) -> Content:
        # Each link is clicked through its own action.
        clickable = text.copy()
        for span, index in _link_indexes(text).items():
            clickable.stylize(RichStyle(meta={"@click": f"follow({index})"}), span[0], span[1])
        return super()._convert(clickable)

    def _wrap(self) -> None:
        super()._wrap()
        places: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        for y, line in enumerate(self._lines):
            for start, end, style in line.spans:
                if isinstance(style, Style) and style._meta is not None and "link" in style.meta:
                    places[style.meta["link"]].append((y, start, end))
        self._places = dict(places)

    # --- the cursor ----------------------------------------------------------------------------

    def _first_line(self, index: int) -> int:
        return self._places[index][0][0]

    def _last_line(self, index: int) -> int:
        return self._places[index][-1][0]

    def _view(self) -> tuple[int, int]:
        top = round(self.scroll_offset.y)
        return top, top + max(self.scrollable_content_region.height, 1) - 1

    def pick(self, index: int | None) -> None:
        """Pick a link and bring it into view."""
        old, self.link = self.link, index if index in self._places else None
        if self.link is not None:
            top, bottom = self._view()
            first, last = self._first_line(self.link), self._last_line(self.link)
            if first < top:
                self.scroll_to(y=first, animate=False, force=True)
            elif last > bottom:
                self.scroll_to(y=min(first, last - (bottom - top)), animate=False, force=True)
        # Only the lines of the links picked and unpicked change (scrolling repaints the rest).
        for changed in {old, self.link} - {None}:
            for line, _, _ in self._places.get(changed, ()):
                self.refresh_line(line)

    def action_link_down(self) -> None:
        top, bottom = self._view()
        ahead = sorted(
            index
            for index in self._places
            if (index > self.link if self.link is not None else self._first_line(index) >= top)
        )
        if ahead and self._first_line(ahead[0]) <= bottom + 1:
            self.pick(ahead[0])
        else:
            self.scroll_relative(y=1, animate=False)

    def action_link_up(self) -> None:
        top, bottom = self._view()
        if self.link is not None:
            behind = sorted(index for index in self._places if index < self.link)
        else:
            behind = sorted(index for index in self._places if self._last_line(index) <= bottom)
        if behind and self._last_line(behind[-1]) >= top - 1:
            self.pick(behind[-1])
        else:
            self.scroll_relative(y=-1, animate=False)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        # A link scrolled out of view is no longer picked: enter never acts on what is unseen.
        if self.link is not None and self.link in self._places:
            top, bottom = self._view()
            if self._last_line(self.link) < top or self._first_line(self.link) > bottom:
                self.link = None

    def action_follow(self, index: int) -> None:
        if index in self._places:
            self.link = index
            self.refresh()
            self.post_message(self.Followed(self, index))

    def action_open(self) -> None:
        if self.link is None:
            self.app.bell()
            return
        self.post_message(self.Followed(self, self.link))

    # --- drawing --------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        if self.link is None or not 0 <= index < len(self._lines):
            return super().render_line(y)
        picked = [(s, e) for line, s, e in self._places.get(self.link, ()) if line == index]
        if not picked:
            return super().render_line(y)
        # The picked link's lines are drawn afresh each time, never kept.
        style = self.visual_style
        width = self.scrollable_content_region.width
        rich_style = style.rich_style
        line = self._lines[index]
        for start, end in picked:
            line = line.stylize(PICKED, start, end)
        strip = Strip(line.render_segments(style), line.cell_length)
        return strip.extend_cell_length(width, rich_style).apply_style(rich_style)


def _link_indexes(text: Text) -> dict[tuple[int, int], int]:
    """Where each link's words are in a text (start, end), and the link's index."""
    found = {}
    for span in text.spans:
        style = span.style
        if isinstance(style, RichStyle) and style._meta and "link" in style.meta:
            found[span.start, span.end] = style.meta["link"]
    return found
