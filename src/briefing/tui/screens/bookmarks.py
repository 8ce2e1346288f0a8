"""The bookmarks: every bookmarked item of the library, in one list; enter goes there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing.library import Library
from briefing.library.catalog import CatalogEntries
from briefing.model import Section
from briefing.render.labels import item_label
from briefing.render.marks import BOOKMARK_MARK
from briefing.render.styles import HEADING, MUTED
from briefing.state import ReadingState
from briefing.tui.keys import BOOKMARK_LIST, BOOKMARKS
from briefing.tui.widgets.paging import SafePaging


@dataclass(frozen=True, slots=True)
class Bookmark:
    entry: int
    section: Section
    item_id: str


def bookmarks(
    library: Library, state: Callable[[str], ReadingState]
) -> list[tuple[Text, Bookmark]]:
    """Each bookmark still found in the library, with its label, briefing by briefing."""
    found = []
    for index, briefing_id in enumerate(_ids(library)):
        if briefing_id is None or not state(briefing_id).bookmarks:
            continue
        briefing = library.entries[index].briefing
        if briefing is None:
            continue
        for item_id in state(briefing.id).bookmarks:
            hit = briefing.find(item_id)
            if hit is None:
                continue  # bookmarked in a version of the briefing that had this item
            section, item = hit
            label = Text().append(f"{BOOKMARK_MARK} ", style=HEADING)
            label.append(briefing.title, style=MUTED)
            label.append(f" · {section.title}\n  ", style=MUTED)
            label.append_text(item_label(item))
            found.append((label, Bookmark(index, section, item_id)))
    return found


class BookmarkList(SafePaging, OptionList):
    BINDINGS = BOOKMARK_LIST


class BookmarksScreen(ModalScreen[Bookmark | None]):
    # A minimum width: an OptionList squeezed to a few cells cannot wrap its rows.
    DEFAULT_CSS = """
    BookmarksScreen {
        align: center middle;
    }
    BookmarksScreen > BookmarkList {
        width: 80%;
        min-width: 24;
        max-width: 100;
        height: auto;
        max-height: 80%;
        border: round $accent;
        padding: 0 1;
    }
    """
    BINDINGS = BOOKMARKS

    def __init__(self, found: list[tuple[Text, Bookmark]]) -> None:
        super().__init__()
        self.found = found

    def compose(self) -> ComposeResult:
        options = BookmarkList(id="bookmarks")
        options.border_title = Content("Bookmarks")
        options.border_subtitle = Content("⏎ goes there · esc closes")
        yield options

    def on_mount(self) -> None:
        options = self.query_one(BookmarkList)
        if self.found:
            options.set_options(Option(label) for label, _ in self.found)
            options.highlighted = 0
        else:
            empty = Text("No bookmarks yet: press b on an item to bookmark it.", style=MUTED)
            options.set_options([Option(empty, disabled=True)])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.found[event.option_index][1])

    def action_close(self) -> None:
        self.dismiss(None)


def _ids(library: Library) -> list[str | None]:
    """Each entry's briefing id; a catalog's from its records, so no briefing is loaded."""
    entries = library.entries
    if isinstance(entries, CatalogEntries):
        return [meta.id or None for meta in entries.catalog.metas]
    return [entry.briefing.id if entry.briefing else None for entry in entries]
