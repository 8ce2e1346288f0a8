"""Finding things from the reader: the search box, stepping through its hits, filters and order.

Mixed into the reader screen, whose panes it sets as a reader would by navigating: a hit lands
with its section selected in the navigator, its row in the items pane and its detail shown (a
passage of a source scrolled into view, its first matched word marked).

`n` and `N` step through the hits of the last search, in their ranked order, across the whole
library: the same list the search box showed, so the reader can go through it without opening
the box again. They wrap around at either end, and say so.

The search index is built in a background thread, or read from where a catalog saved it (156 MB
for 10,000 briefings), once the first briefing's screen is complete and the reader is idle: a
moment after the first paint (`INDEX_DELAY`), or at the first `/` or palette search if that comes
sooner. The search box says "loading…" or "indexing…" (with a count) until it is there.

A library read as a plain list rather than through its catalog (a file, a briefing or item named
on the command line: see `cli/read.py`) may still be a folder of thousands of briefings. Its
index is built by worker processes from the files (`Finder.build`), so the reader's own thread
keeps answering keys, and the search box counts the briefings indexed.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from textual import work
from textual.content import Content

from briefing.filters import (
    FILTERABLE,
    ItemFilter,
    LibraryFilter,
    SortOrder,
    listings,
)
from briefing.model import Section, Source
from briefing.text import sanitise
from briefing.tui.history import Place as Visit
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.items import ItemsPane
from briefing.tui.widgets.navigator import Navigator, Place

# Seconds after the first paint before the search index is loaded or built: the first briefing's
# screen is complete by then, and a catalog's check against its files (app.py) has begun.
INDEX_DELAY = 0.8

if TYPE_CHECKING:
    from briefing.finder import Finder, Landing
    from briefing.goto import CatalogGoTo, GoTo
    from briefing.tui.screens.reader import ReaderScreen
    from briefing.tui.screens.search import SearchResult
    from briefing.tui.start import PaneName


class FindActions:
    """The reader screen's actions for `/`, `n`, `N`, `f`, `F` and `o` (see keys.py)."""

    def setup_finding(self: ReaderScreen) -> None:
        # Made when first wanted (`finder`): the search engine loads after the first screen.
        self._finder: Finder | None = None
        # True while the search index is being loaded or built (False again if that failed).
        self.indexing = False
        # After a live reload: the finder of the library's last version, whose index is reused.
        self._previous_finder: Finder | None = None
        # The palette's targets, gathered when first asked for.
        self.goto: GoTo | CatalogGoTo | None = None
        self.last_search: SearchResult | None = None
        self.match_at = -1
        self.item_filters: dict[tuple[str, Section], ItemFilter] = {}
        self.library_filter = LibraryFilter()
        self.order = SortOrder.LIBRARY
        # A passage to scroll to once the detail shows its source.
        self._pending_passage: Landing | None = None

    @property
    def finder(self: ReaderScreen) -> Finder:
        """What `/` searches (see `follow_library`)."""
        if self._finder is None:
            from briefing.finder import Finder

            self._finder = Finder(self.library.entries)
        return self._finder

    # Textual calls the on_mount of every class the screen is made of, this one too.
    def on_mount(self: ReaderScreen) -> None:
        # Indexing waits for the first screen: the reader shows content before anything else.
        self.call_after_refresh(self.set_timer, INDEX_DELAY, self._index_when_idle)

    def _index_when_idle(self: ReaderScreen) -> None:
        # Once whatever the reader is doing now has been drawn.
        self.call_after_refresh(self.start_indexing)

    def start_indexing(self: ReaderScreen) -> None:
        """Load or build the search index, in a thread, unless that has begun."""
        self.follow_library()
        if self.indexing or self.finder.ready:
            return
        self.indexing = True
        self._index_library(self.finder, self._previous_finder)

    def follow_library(self: ReaderScreen) -> None:
        """Search the library shown. A live reload of a library read as a list gives the reader
        new entries: their index is the last one, changed for what changed (in a thread, when
        next asked for). A catalog's entries stay, and its index is changed in place."""
        if self.goto is not None:  # the palette has been opened (and imported goto)
            from briefing.goto import CatalogGoTo

            if isinstance(self.goto, CatalogGoTo) and self.goto.stale:
                self.goto = None  # a catalog's records changed: its targets are gathered again
        if self.finder.entries is self.library.entries:
            return
        from briefing.finder import Finder
        from briefing.tui.screens.search import SearchResult

        previous = self.finder
        self._finder = Finder(self.library.entries)
        self._previous_finder = previous if previous.ready else None
        self.indexing = False
        self.goto = None
        if self.last_search is not None:
            # Its hits' places may have moved: the query is kept, for `/` to search again.
            self.last_search = SearchResult(self.last_search.query, (), None)
            self.match_at = -1

    @work(thread=True, group="search-index", exit_on_error=False)
    def _index_library(self: ReaderScreen, finder: Finder, previous: Finder | None) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._tell_search_boxes, ready=False)

        if not finder.ready:
            try:
                finder.build(on_progress=progress, previous=previous)
            except Exception as error:  # the thread's edge: said, and tried again at the next /
                self.app.call_from_thread(self._indexing_failed, error)
                return
            if previous is None:
                # The first index lives as long as the reader: frozen, it is not walked by every
                # full collection, which with 10,000 briefings took 80-100 ms in the middle of
                # key presses. (Only the first: a freeze also keeps the cyclic garbage of the
                # moment for good, and reloads would pile it up.)
                gc.freeze()
        self.app.call_from_thread(self._tell_search_boxes, ready=True)

    def _indexing_failed(self: ReaderScreen, error: Exception) -> None:
        self.indexing = False
        self.app.notify(
            sanitise(f"The search index could not be built: {error}"),
            title="Search",
            severity="error",
            timeout=30,
            markup=False,
        )

    def _tell_search_boxes(self: ReaderScreen, *, ready: bool) -> None:
        """Tell an open search box that the index has arrived, or how far it has got."""
        from briefing.tui.screens.search import SearchScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, SearchScreen):
                news = SearchScreen.IndexReady() if ready else SearchScreen.IndexProgress()
                screen.post_message(news)

    # --- the search box --------------------------------------------------------------------------

    def action_search(self: ReaderScreen) -> None:
        from briefing.tui.screens.search import SearchScreen

        self.start_indexing()
        query = self.last_search.query if self.last_search else ""
        self.app.push_screen(SearchScreen(self.finder, query), self._searched)

    def _searched(self: ReaderScreen, result: SearchResult | None) -> None:
        if result is None:
            return
        self.last_search = result
        self.match_at = -1 if result.chosen is None else result.chosen
        if result.chosen is not None:
            self.land(result.found[result.chosen].landing, focus="detail")

    def action_next_match(self: ReaderScreen, step: int = 1) -> None:
        self.follow_library()
        found = self.last_search.found if self.last_search else ()
        if not found:
            self.app.bell()
            self.notify("No search to step through: press / to search.", markup=False)
            return
        at = self.match_at + step
        said = f"Hit {(at % len(found)) + 1} of {len(found)}"
        if not 0 <= at < len(found):
            said += ", from the top" if step > 0 else ", from the bottom"
        self.match_at = at % len(found)
        self.land(found[self.match_at].landing, focus=self.focused_pane())
        self.notify(said, markup=False, timeout=2)

    # --- landing on a place ----------------------------------------------------------------------

    def land(self: ReaderScreen, landing: Landing, *, focus: PaneName = "detail") -> None:
        """Set the panes as if the reader had navigated to `landing`."""
        result = self.library.entries[landing.entry]
        if self.library_filter.active and not self.library_filter.accepts(result.briefing):
            self.library_filter = LibraryFilter()
            self._arrange_library()
            self.notify("Library filter cleared, to show the hit.", markup=False, timeout=3)
        if result.briefing is not None:
            key = (result.briefing.id, landing.section)
            if key in self.item_filters and landing.item_id is not None:
                found = result.briefing.find(landing.item_id)
                if found and not self.item_filters[key].accepts(found[1]):
                    del self.item_filters[key]
                    self.notify("Filter cleared, to show the hit.", markup=False, timeout=3)
        self._pending_passage = landing if landing.source_offset is not None else None
        # A jump like following a link: backspace comes back to where the reader was.
        self.history.visit(self.here())
        self.go(Visit(landing.entry, landing.section, item=landing.item_id, pane=focus))
        # The list was just filled: its row can be scrolled to once it has been laid out.
        self.call_after_refresh(self.query_one(ItemsPane).scroll_to_highlight)

    def on_items_pane_highlighted(self: ReaderScreen, event) -> None:
        # After the reader has shown the row's detail: a passage to scroll to is due now.
        pending = self._pending_passage
        if pending is None or not isinstance(event.row, Source):
            return
        if event.row.id == pending.item_id:
            self._pending_passage = None
            self.call_after_refresh(self._show_passage, event.row, pending.source_offset)

    def _show_passage(self: ReaderScreen, source: Source, offset: int) -> None:
        from briefing.render.hits import MATCH, passage_in_detail

        detail = self.query_one(DetailPane)
        at = passage_in_detail(detail.text.plain, source.text, offset)
        if at is None:
            return
        start, end = at
        text = detail.text.copy()
        text.stylize(MATCH, start, end)
        detail.update(text)
        width = detail.scrollable_content_region.width
        if width > 0:
            lines = Content.from_rich_text(text[:end]).wrap(width)
            detail.scroll_to(y=max(0, len(lines) - 3), animate=False)

    # --- filters ---------------------------------------------------------------------------------

    def item_filter(self: ReaderScreen, entry: int, section: Section) -> ItemFilter | None:
        """The filter on a section of a briefing, if one is set."""
        briefing = self.library.entries[entry].briefing
        if briefing is None:
            return None
        return self.item_filters.get((briefing.id, section))

    def action_filter(self: ReaderScreen) -> None:
        from briefing.tui.screens.filters import ItemFilterPicker, LibraryFilterPicker

        if self.focused_pane() == "navigator":
            listed = [listing for listing in listings(self.library.entries) if listing.ok]
            picker = LibraryFilterPicker(listed, self.library_filter)
            self.app.push_screen(picker, self._library_filtered)
            return
        briefing = self.library.entries[self.entry].briefing if self.library.entries else None
        if briefing is None or self.section not in FILTERABLE:
            self.app.bell()
            self.notify(
                "Filters are for Positions, Timeline and the library.", markup=False, timeout=3
            )
            return
        current = self.item_filters.get((briefing.id, self.section), ItemFilter())
        picker = ItemFilterPicker(briefing, self.section, current)
        self.app.push_screen(picker, self._items_filtered)

    def _items_filtered(self: ReaderScreen, chosen: ItemFilter | None) -> None:
        briefing = self.library.entries[self.entry].briefing
        if chosen is None or briefing is None:
            return
        key = (briefing.id, self.section)
        if chosen.active:
            self.item_filters[key] = chosen
        else:
            self.item_filters.pop(key, None)
        self._refresh_items()

    def _refresh_items(self: ReaderScreen) -> None:
        items = self.query_one(ItemsPane)
        row = items.rows[items.highlighted] if items.highlighted is not None else None
        self.show(self.entry, self.section, getattr(row, "id", None) or "")

    def _library_filtered(self: ReaderScreen, chosen: LibraryFilter | None) -> None:
        if chosen is None:
            return
        self.library_filter = chosen
        self._arrange_library()
        if chosen.active:
            # The whole filter, which the navigator's title may be too narrow for.
            listed = len(self.query_one(Navigator).listed)
            self.notify(
                f"{listed} of {len(self.library.entries)} briefings: {chosen.describe()}. "
                "F shows all.",
                title="Library filtered",
                markup=False,
                timeout=8,
            )

    def action_clear_filter(self: ReaderScreen) -> None:
        if self.focused_pane() == "navigator":
            if not self.library_filter.active:
                self.app.bell()
                return
            self.library_filter = LibraryFilter()
            self._arrange_library()
            return
        briefing = self.library.entries[self.entry].briefing if self.library.entries else None
        if briefing is None or self.item_filters.pop((briefing.id, self.section), None) is None:
            self.app.bell()
            return
        self._refresh_items()

    def action_sort(self: ReaderScreen) -> None:
        self.order = self.order.next()
        self._arrange_library()
        self.notify(f"Briefings {self.order.label}.", markup=False, timeout=2)

    def _arrange_library(self: ReaderScreen) -> None:
        navigator = self.query_one(Navigator)
        # The navigator keeps the filter and order, and lists by them again after a reload.
        shown = navigator.list_by(self.library_filter, self.order)
        # Keep the cursor on the briefing being read, if it is still listed; else the first.
        if shown:
            entry = self.entry if self.entry in shown else shown[0]
            ok = self.library.entries[entry].briefing is not None
            self.show(entry, self.section if ok else Section.OVERVIEW)
            navigator.go_to(Place(entry, self.section if ok else None))
