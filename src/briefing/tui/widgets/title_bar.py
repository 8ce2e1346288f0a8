"""The top line: the screen's title and subtitle, the icon that opens the palette, and which
library is read.

It looks like Textual's Header, and draws the same line as one widget where Header is four (the
icon, the title, the clock's space and itself): every frame fetches the lines of each widget on
screen, and start-up composes and styles each one (the four took 10 ms of the first frame).
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Click
from textual.widget import Widget

ICON = "⭘"
# As in Header: the icon in the first columns (a click there opens the palette), the title
# centred between them and the clock's space on the right.
ICON_WIDTH = 8
CLOCK_WIDTH = 10


# At most this many columns for the library's name, on the right.
LIBRARY_WIDTH = 24


class TitleBar(Widget):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, library: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Which library is read (library.library_label), shown on the right.
        self.library = library

    def on_mount(self) -> None:
        for name in ("title", "sub_title"):
            self.watch(self.screen, name, self.refresh, init=False)

    def render(self) -> Content:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        # Plain text in, never markup: the title is a briefing's.
        text = app.format_title(title, sub_title)
        width = self.size.width
        # On the right, which library is read: in at most a quarter of the bar, cut with "…".
        library = Content(self.library).stylize("dim")
        right = CLOCK_WIDTH
        if library.cell_length:
            right = max(CLOCK_WIDTH, min(library.cell_length + 2, LIBRARY_WIDTH, width // 4))
            if library.cell_length > right - 2:
                library = library.truncate(max(right - 2, 1), ellipsis=True)
        room = max(width - ICON_WIDTH - right, 0)
        if text.cell_length > room:
            text = text.truncate(room, ellipsis=True)
        before = (room - text.cell_length) // 2
        icon = Content(f" {ICON}".ljust(ICON_WIDTH))
        line = Content.assemble(icon, " " * before, text)
        line = line.pad_right(max(width - right - line.cell_length, 0))
        margin = " " * max(right - 1 - library.cell_length, 0)
        return Content.assemble(line, margin, library, " ")

    async def on_click(self, event: Click) -> None:
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
