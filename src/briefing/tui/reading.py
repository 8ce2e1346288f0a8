"""Reading state in the reader: where each briefing was left, what was read, bookmarks.

The store (`briefing.state`) keeps and saves the state; this module decides when the reader's
actions change it, and flushes it on a timer and on exit.

When is an item read? When the reader opens it (enter or a click: the detail takes the focus),
or when it stays in a visible detail pane for `READ_AFTER` seconds. Moving the cursor through a
list on the way to something else, or to a narrow layout's hidden detail, reads nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.timer import Timer

from briefing.model import Section
from briefing.state import ReadingState, StateStore

# Seconds between saves of queued changes (places and read items).
FLUSH_EVERY = 1.0
# Seconds an item must stay in view before it counts as read.
READ_AFTER = 2.0


class ReadingTracker:
    """The reader's reading state: asked by the panes for marks, told what the reader did."""

    def __init__(self, store: StateStore) -> None:
        self.store = store
        # Called with a briefing's id and an item's when its marks change (read, bookmarked).
        self.on_change: Callable[[str, str], None] = lambda briefing_id, item_id: None
        self.read_after = READ_AFTER
        self._app: App[object] | None = None
        self._dwell: Timer | None = None

    def attach(self, app: App[object]) -> None:
        """Start saving on a timer, in the store's own thread (a save that waits on another
        reader's lock never holds up a key); notices go to the app."""
        self._app = app
        self.store.in_background = True
        app.set_interval(FLUSH_EVERY, self.save_soon, name="reading-state-save")

    # --- asked ----------------------------------------------------------------------------------

    def state(self, briefing_id: str) -> ReadingState:
        return self.store.briefing(briefing_id)

    # --- told -----------------------------------------------------------------------------------

    def placed(self, briefing_id: str, section: Section, item_id: str | None) -> None:
        """The reader is at this section (and item) of a briefing: remembered for next time."""
        self.store.remember_place(briefing_id, section, item_id)

    def shown(self, briefing_id: str, item_id: str, in_view: Callable[[], bool]) -> None:
        """An item is in the detail pane: read if it is still there, in view, after a while."""
        self._cancel_dwell()
        if self._app is None or self.state(briefing_id).is_read(item_id):
            return

        def dwell() -> None:
            self._dwell = None
            if in_view():
                self.mark_read(briefing_id, item_id)

        self._dwell = self._app.set_timer(self.read_after, dwell, name="read-after")

    def left(self) -> None:
        """Nothing is in the detail any more (another section, a finding, the overview)."""
        self._cancel_dwell()

    def opened(self, briefing_id: str, item_id: str) -> None:
        """The reader opened an item: it is read."""
        self._cancel_dwell()
        self.mark_read(briefing_id, item_id)

    def mark_read(self, briefing_id: str, item_id: str) -> None:
        if not self.state(briefing_id).is_read(item_id):
            self.store.mark_read(briefing_id, item_id)
            self.on_change(briefing_id, item_id)

    def toggle_bookmark(self, briefing_id: str, item_id: str) -> bool:
        on = self.store.toggle_bookmark(briefing_id, item_id)
        self.on_change(briefing_id, item_id)
        self._show_notices()
        return on

    def set_theme(self, name: str) -> None:
        self.store.set_theme(name)
        self._show_notices()

    # --- saving ---------------------------------------------------------------------------------

    def save_soon(self) -> None:
        """Save what changed, without waiting for it; say what went wrong with earlier saves."""
        self.store.save_soon()
        self._show_notices()

    def flush(self) -> None:
        """Save what changed, and wait for it (the reader is closing)."""
        self.store.flush()
        self._show_notices()

    def _show_notices(self) -> None:
        notices = self.store.take_notices()
        if self._app is not None:
            for notice in notices:
                self._app.notify(notice, title="Reading state", severity="warning", markup=False)

    def _cancel_dwell(self) -> None:
        if self._dwell is not None:
            self._dwell.stop()
            self._dwell = None
