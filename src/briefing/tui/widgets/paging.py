"""Paging an option list safely.

Textual's OptionList pages by the lines it has laid out; asked to page before it has any (not
yet drawn, or squeezed to nothing in a tiny terminal), it looks up a line that is not there and
the app crashes. A list pages here only once it has rows and room to show them.
"""

from __future__ import annotations

from textual.widgets import OptionList


def page(options: OptionList, direction: int) -> None:
    """Move the highlight a page down (1) or up (-1), if the list can show a page."""
    if not options.option_count or options.scrollable_content_region.height <= 0:
        return
    if direction > 0:
        OptionList.action_page_down(options)
    else:
        OptionList.action_page_up(options)


class SafePaging:
    """Mixed into an OptionList (before it): its page keys page only when it can (`page`)."""

    def action_page_down(self) -> None:
        assert isinstance(self, OptionList)
        page(self, 1)

    def action_page_up(self) -> None:
        assert isinstance(self, OptionList)
        page(self, -1)
