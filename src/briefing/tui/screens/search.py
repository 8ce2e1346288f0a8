"""The search box: a query over the whole library, its hits listed as it is typed.

The hits come from a background thread, a moment after the last key (so a fast typist does not
queue a search per letter), and only the newest query's hits are shown. Until the library's
index is ready the box says so (with how far indexing has got), and searches as soon as it is.
The screen returns the chosen hit; escape returns nothing, and the reader stays as it was.

Listing hits is what a key costs, not finding them, so a key changes as little as it can: once
there are hits the box keeps one size (a new list is not a new layout of the screen), the status
line keeps its one line, and a hit listed for a recent query keeps its row (its prompt is not
converted again). The list draws only the rows in view. (Listing a screenful first and the rest a
frame later was measured, and cost more: two frames a key instead of one.)
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from briefing.finder import Finder, Found
from briefing.render.hits import hit_label
from briefing.search import Hit
from briefing.tui.keys import SEARCH

# Seconds after the last key before searching: short enough to feel immediate.
DEBOUNCE = 0.05
# Rows kept from earlier queries, so a hit found again is not laid out again.
KEPT_ROWS = 200


@dataclass(frozen=True, slots=True)
class SearchResult:
    """What the search box returns: the query, its hits, and the one chosen."""

    query: str
    found: tuple[Found, ...]
    chosen: int | None


class SearchScreen(ModalScreen[SearchResult | None]):
    BINDINGS = SEARCH
    DEFAULT_CSS = """
    SearchScreen {
        align: center top;
        background: $background 60%;
    }
    #search {
        width: 100%;
        max-width: 120;
        height: auto;
        max-height: 100%;
        margin: 1 2;
        border: heavy $accent;
        border-title-style: bold;
        background: $surface;
    }
    #search-input {
        border: none;
        height: 1;
        padding: 0 1;
    }
    #search-status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    #search-results {
        display: none;
        height: 1fr;
        border: none;
        padding: 0;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SearchScreen.-hits #search {
        height: 1fr;
    }
    SearchScreen.-hits #search-results {
        display: block;
    }
    """

    class IndexReady(Message):
        """The library's index has arrived: search for what is typed."""

    class IndexProgress(Message):
        """The library's index is on its way: say how far it has got."""

    def __init__(self, finder: Finder, query: str = "") -> None:
        super().__init__()
        self.finder = finder
        self.initial = query
        # The query whose hits are listed, and the hits.
        self.searched = ""
        self.found: tuple[Found, ...] = ()
        self._timer = None
        self._rows: OrderedDict[tuple, Option] = OrderedDict()
        # Whether letters came before the box had the focus (see `on_key`).
        self._typed_early = False

    def compose(self) -> ComposeResult:
        with Vertical(id="search") as box:
            box.border_title = Content("Search the library")
            box.border_subtitle = Content("⏎ open · ↑↓ choose · esc back")
            yield Input(self.initial, placeholder="Words to find…", id="search-input")
            yield Static(id="search-status")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self.query_one(OptionList).can_focus = False
        self._search_now()

    def on_key(self, event: events.Key) -> None:
        # Letters typed at once after `/` (a priority binding, so they follow it here) can come
        # before the box has the focus: they are the words to find and, as the focus would,
        # they replace the last query.
        if self.focused is not None or not (event.is_printable and event.character):
            return
        event.stop()
        event.prevent_default()
        box = self.query_one(Input)
        box.value = (box.value if self._typed_early else "") + event.character
        box.cursor_position = len(box.value)
        self._typed_early = True

    # --- searching -------------------------------------------------------------------------------

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self._search_now)

    def on_search_screen_index_ready(self) -> None:
        self._search_now()

    def on_search_screen_index_progress(self) -> None:
        if not self.finder.ready and self.query_one(Input).value.strip():
            self._status(self.finder.progress_text())

    def _search_now(self) -> None:
        query = self.query_one(Input).value
        if not query.strip():
            self._show(query, [])
            return
        if not self.finder.ready:
            self._status(self.finder.progress_text())
            return
        self._search(query)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        found = self.finder.search(query)
        if not get_current_worker().is_cancelled and found is not None:
            self.app.call_from_thread(self._show, query, found)

    def _show(self, query: str, found: list[Found]) -> None:
        if query != self.query_one(Input).value:
            return  # typed on since: newer hits are on their way
        self.searched, self.found = query, tuple(found)
        results = self.query_one(OptionList)
        self.set_class(bool(found), "-hits")
        rows: list[Option] = []
        for f in found:
            row = self._row(f)
            # The same words twice in one source are two hits: each needs a row of its own.
            rows.append(row if row not in rows else Option(row.prompt))
        results.set_options(rows)
        results.highlighted = 0 if found else None
        if not query.strip():
            self._status("")
        elif not found:
            self._status("no hits")
        else:
            self._status(f"{len(found)} hit{'s' if len(found) != 1 else ''}")

    def _row(self, found: Found) -> Option:
        passage = found.landing.source_offset is not None
        key = _row_key(found.hit, passage)
        row = self._rows.get(key)
        if row is None:
            row = self._rows[key] = Option(hit_label(found.hit, passage=passage))
            if len(self._rows) > KEPT_ROWS:
                self._rows.popitem(last=False)
        else:
            self._rows.move_to_end(key)
        return row

    def _status(self, words: str) -> None:
        # One line high whatever it says: no new layout.
        self.query_one("#search-status", Static).update(Content(words), layout=False)

    # --- choosing --------------------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        results = self.query_one(OptionList)
        if not self.found:
            return
        at = results.highlighted if results.highlighted is not None else -1
        results.highlighted = max(0, min(len(self.found) - 1, at + step))

    def action_page(self, step: int) -> None:
        self.action_cursor(step * max(1, self.query_one(OptionList).size.height // 2))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._choose(self.query_one(OptionList).highlighted)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _choose(self, index: int | None) -> None:
        if index is None or not self.found:
            self.app.bell()
            return
        self.dismiss(SearchResult(self.searched, self.found, index))

    def action_close(self) -> None:
        # Nothing chosen, but the hits are kept for n and N.
        self.dismiss(SearchResult(self.searched, self.found, None) if self.found else None)


def _row_key(hit: Hit, passage: bool) -> tuple:
    """What a hit's row shows: the same for the same hit of another query, spans included."""
    return (hit.kind, hit.briefing_id, hit.briefing_title, hit.item_id, hit.snippet, passage)
