"""Where the reader has been: places to go back and forward to, as a browser keeps them.

A place is immutable and names everything needed to stand there again: the briefing, section
and item, which view the middle pane shows (the list, the positions matrix or a source), the
cursor within that view, the focused pane, and how far the panes were scrolled.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from briefing.model import Section
from briefing.tui.start import PaneName

View = Literal["list", "matrix", "source"]


class Place(msgspec.Struct, frozen=True):
    entry: int
    section: Section
    # The item under the list's cursor, and the one the detail shows when that differs (an issue,
    # shown with the list on its first position).
    item: str | None = None
    detail: str | None = None
    pane: PaneName = "items"
    view: View = "list"
    # The matrix's cursor: a party id and an issue id.
    cell: tuple[str, str] | None = None
    # The source view: which source, which cited span, and the item whose citations it lists.
    source: str | None = None
    span: int | None = None
    trail: str | None = None
    # Rows scrolled in the detail, and the link picked there.
    scroll: int = 0
    link: int | None = None
    # Rows scrolled in the source view; None brings the current span into view.
    source_scroll: int | None = None


class History:
    """Back and forward stacks of places; a new visit forgets the places ahead."""

    def __init__(self, limit: int = 500) -> None:
        self.limit = limit
        self._back: list[Place] = []
        self._forward: list[Place] = []

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def visit(self, here: Place) -> None:
        """Leave `here` for somewhere new."""
        if not self._back or self._back[-1] != here:
            self._back.append(here)
            del self._back[: -self.limit]
        self._forward.clear()

    def back(self, here: Place) -> Place | None:
        """The place before `here`, which becomes the place ahead."""
        if not self._back:
            return None
        self._forward.append(here)
        return self._back.pop()

    def forward(self, here: Place) -> Place | None:
        if not self._forward:
            return None
        self._back.append(here)
        return self._forward.pop()
