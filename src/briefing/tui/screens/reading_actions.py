"""The reader screen's reading state, bookmarks, editor and live reload, mixed into the screen.

Kept apart from `reader.py`, the hub for the panes' messages, so each stays small: the screen
calls in here where the reader does something that matters to reading state (a section shown,
an item shown or opened), and this part answers the keys `b`, `B` and `e`, the reloads the live
watcher posts, and terminals too small to read in.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from rich.text import Text
from textual.events import Resize

from briefing.library import Library
from briefing.model import Briefing, Section
from briefing.render.marks import marked
from briefing.render.notices import findings_notice
from briefing.text import show_path
from briefing.tui.live import LibraryReloaded
from briefing.tui.reading import ReadingTracker
from briefing.tui.start import Start
from briefing.tui.widgets.items import ItemsPane, Row
from briefing.tui.widgets.navigator import Navigator, Place
from briefing.tui.widgets.reload_banner import ReloadBanner

if TYPE_CHECKING:
    from briefing.library.reload import Stale
    from briefing.tui.screens.bookmarks import Bookmark
    from briefing.tui.screens.reader import ReaderScreen

PANES = ("navigator", "items", "detail")
# Below this size the reader says it is too small rather than draw panes no one can read.
MIN_WIDTH, MIN_HEIGHT = 20, 6


class ReadingActions:
    """Mixed into `ReaderScreen` (first, so its handlers and actions are found)."""

    reading: ReadingTracker
    # Briefings shown at their last good version (after the latest reload), by path.
    stale: Mapping[Path, Stale] = MappingProxyType({})

    # --- where to start --------------------------------------------------------------------------

    def restored(self: ReaderScreen, start: Start) -> Start:
        """The start, or the place saved for its briefing when the start names none."""
        entries = self.library.entries
        if start.section is not Section.OVERVIEW or start.item or not entries:
            return start
        left = self.where_left(start.entry)
        if left is None:
            return start
        section, item = left
        return Start(start.entry, section, item, "items")

    def where_left(self: ReaderScreen, entry: int) -> tuple[Section, str | None] | None:
        """Where the reader left a briefing: the section, and the item if it is still there
        (else the section's first); None if it was never read past its overview."""
        briefing = self.library.entries[entry].briefing
        if briefing is None:
            return None
        saved = self.reading.state(briefing.id)
        if saved.section is None or saved.section is Section.OVERVIEW:
            return None
        found = briefing.find(saved.item) if saved.item else None
        item = saved.item if found is not None and found[0] is saved.section else None
        return saved.section, item

    def open_briefing(
        self: ReaderScreen, entry: int, default: Section = Section.OVERVIEW, *, focus: bool = True
    ) -> None:
        """Show a briefing where the reader left it (else at `default`), in the items pane and
        the navigator; the items pane takes the focus unless `focus` is False."""
        ok = self.library.entries[entry].briefing is not None
        section, item = self.where_left(entry) or (default if ok else Section.OVERVIEW, None)
        self.show(entry, section, item)
        self.query_one(Navigator).go_to(Place(entry, section if ok else None))
        if focus:
            self.focus_pane("items")

    # --- marks -----------------------------------------------------------------------------------

    def current_briefing(self: ReaderScreen) -> Briefing | None:
        if not 0 <= self.entry < len(self.library.entries):
            return None
        return self.library.entries[self.entry].briefing

    def mark_row(self: ReaderScreen, row: Row, label: Text) -> Text:
        """An item's label with its read and bookmark marks (for the items pane)."""
        briefing = self.current_briefing()
        item_id = getattr(row, "id", None)
        if briefing is None or item_id is None or isinstance(row, Section):
            return label
        state = self.reading.state(briefing.id)
        return marked(label, read=state.is_read(item_id), bookmarked=state.is_bookmarked(item_id))

    def unread(self: ReaderScreen, entry: int, section: Section) -> int:
        """How many items of a section are unread (for the navigator)."""
        briefing = self.library.entries[entry].briefing
        if briefing is None:
            return 0
        return self.reading.state(briefing.id).unread([i.id for i in briefing.items(section)])

    def marks_changed(self: ReaderScreen, briefing_id: str, item_id: str) -> None:
        # Items are read and bookmarked in the briefing shown (other entries are not looked
        # at: in a catalog, that would load them).
        briefing = self.current_briefing()
        if briefing is not None and briefing.id == briefing_id:
            self.query_one(Navigator).refresh_marks(self.entry)
            self.query_one(ItemsPane).refresh_marks(item_id)

    # --- told by the screen ----------------------------------------------------------------------

    def section_shown(self: ReaderScreen) -> None:
        briefing = self.current_briefing()
        if briefing is not None:
            self.reading.placed(briefing.id, self.section, None)
        self.query_one(ReloadBanner).show_stale(
            self.stale.get(self.library.entries[self.entry].path)
        )

    def row_shown(self: ReaderScreen, row: Row) -> None:
        briefing = self.current_briefing()
        item_id = getattr(row, "id", None)
        if briefing is None or item_id is None or isinstance(row, Section):
            self.reading.left()
            return
        self.reading.placed(briefing.id, self.section, item_id)
        detail = self.pane("detail")
        self.reading.shown(
            briefing.id,
            item_id,
            in_view=lambda: detail.display and detail.region.area > 0 and self.is_current,
        )

    def row_opened(self: ReaderScreen, row: Row) -> None:
        briefing = self.current_briefing()
        item_id = getattr(row, "id", None)
        if briefing is not None and item_id is not None and not isinstance(row, Section):
            self.reading.opened(briefing.id, item_id)

    # --- the keys b, B and e ---------------------------------------------------------------------

    def selected_item_id(self: ReaderScreen) -> str | None:
        items = self.query_one(ItemsPane)
        if self.current_briefing() is None or items.highlighted is None:
            return None
        row = items.rows[items.highlighted]
        return None if isinstance(row, Section) else getattr(row, "id", None)

    def action_bookmark(self: ReaderScreen) -> None:
        briefing, item_id = self.current_briefing(), self.selected_item_id()
        if briefing is None or item_id is None:
            self.app.bell()
            return
        on = self.reading.toggle_bookmark(briefing.id, item_id)
        self.notify("Bookmarked." if on else "Bookmark removed.", timeout=2, markup=False)

    def action_bookmarks(self: ReaderScreen) -> None:
        # Imported on first use, like help: nothing that can wait is loaded before the first paint.
        from briefing.tui.screens.bookmarks import BookmarksScreen, bookmarks

        found = bookmarks(self.library, self.reading.state)
        self.app.push_screen(BookmarksScreen(found), self._go_to_bookmark)

    def _go_to_bookmark(self: ReaderScreen, bookmark: Bookmark | None) -> None:
        if bookmark is None or bookmark.entry >= len(self.library.entries):
            return
        self.show(bookmark.entry, bookmark.section, bookmark.item_id)
        self.query_one(Navigator).go_to(Place(bookmark.entry, bookmark.section))
        self.focus_pane("items")

    def action_edit(self: ReaderScreen) -> None:
        from briefing.tui.editing import open_in_editor

        if not self.library.entries:
            self.app.bell()
            return
        entry = self.library.entries[self.entry]
        item_id = self.selected_item_id()
        where = entry.briefing.locations.get(item_id) if entry.briefing and item_id else None
        open_in_editor(self.app, entry.path, where.line if where else None)

    # --- live reload -----------------------------------------------------------------------------

    def on_library_reloaded(self: ReaderScreen, event: LibraryReloaded) -> None:
        reload = event.reload
        # A catalog's library has changed in place by now: `before` says which file was shown.
        before = reload.before
        old_path = before[self.entry] if 0 <= self.entry < len(before) else None
        entries = self.library.entries
        same = 0 <= self.entry < len(entries) and entries[self.entry].path == old_path
        old_id = ((b := self.current_briefing()) and b.id) if same else None
        item_id = self.selected_item_id()
        focused = self.focused_pane()
        newly_stale = [
            stale
            for path, stale in reload.stale.items()
            if path in reload.reloaded and stale.errors
        ]
        self.stale = reload.stale
        self.replace_library(reload.library, old_path, old_id, item_id)
        self.focus_pane(focused)
        for stale in newly_stale:
            if stale.path != old_path:
                self.notify(
                    findings_notice(stale.errors),
                    title=f"{show_path(stale.path.name)}: the last good version is kept",
                    severity="warning",
                    markup=False,
                )

    def replace_library(
        self: ReaderScreen,
        library: Library,
        path: Path | None,
        briefing_id: str | None,
        item_id: str | None,
    ) -> None:
        """Show another version of the library, at the same briefing, section and item."""
        self.library = library
        self.app.library = library
        entries = library.entries
        self.query_one(Navigator).set_library(library)
        if not entries:
            self.show_empty()
            return
        index = next((i for i, e in enumerate(entries) if e.path == path), None)
        if index is None and briefing_id is not None:
            index = next(
                (i for i, e in enumerate(entries) if e.briefing and e.briefing.id == briefing_id),
                None,
            )
        if index is None:
            index = min(max(self.entry, 0), len(entries) - 1)
        ok = entries[index].briefing is not None
        section = self.section if ok else Section.OVERVIEW
        self.entry = -1  # what is shown is out of date, even at the same place
        self.show(index, section, item_id)
        self.query_one(Navigator).go_to(Place(index, section if ok else None))

    # --- too small to read -----------------------------------------------------------------------

    def on_resize(self: ReaderScreen, event: Resize) -> None:
        width, height = event.size
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(too_small, "-too-small")
        if not too_small and self.focused is None:
            # Hidden panes lose the focus: give it back to the pane the reader was at.
            self.call_after_refresh(self._refocus)

    def _refocus(self: ReaderScreen) -> None:
        if self.focused is None and not self.has_class("-too-small"):
            at = next((name for name in PANES if self.pane(name).has_class("-current")), None)
            self.focus_pane(at or "navigator")
