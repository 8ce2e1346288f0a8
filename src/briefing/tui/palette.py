"""The command palette: Textual's, made safe where Textual's would crash the reader.

- Textual's palette pages its list of commands with PageDown and PageUp; pressed before the
  list has been laid out (at once after ctrl+p), its OptionList looks up a line it has not made
  yet. Here a page key does nothing until the list has a size to page through.
- In a terminal a few columns wide, the list is laid out with no room for its text, which
  Textual's wrapping cannot do (zero columns). Here the palette keeps a least width: a
  terminal narrower than that shows its left part.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette

from briefing.tui.widgets.paging import page

PALETTE_ID = "--command-palette"


class ReaderPalette(CommandPalette):
    DEFAULT_CSS = """
    ReaderPalette > Vertical {
        min-width: 24;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "page(1)", "Next page", show=False),
        Binding("pageup", "page(-1)", "Previous page", show=False),
    ]

    def action_page(self, direction: int) -> None:
        page(self.query_one(CommandList), direction)
