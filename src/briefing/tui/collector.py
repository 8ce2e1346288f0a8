"""The cyclic garbage collector in the reader: resumed once the first screen is drawn (start-up
pauses it), its full collections made while the reader is idle.

A full collection walks every object that lives long: the briefings held, the lines Textual and
the detail pane keep drawn. In the reader each took 15-30 ms, and Python makes one every ten
young collections, which is every few key presses: one key in ten or so waited for it. Here the
young collections stay as they are (a millisecond or two); a full one is made once the reader
has been idle for a moment (`IDLE` seconds without a young collection and with almost nothing
allocated), and, should it never be idle (a key held down for a long time), every `FULL_EVERY`
young ones, ten times as far apart as Python's default.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

# Seconds between looks at whether the reader is idle.
IDLE = 1.0
# Objects allocated (less those freed) between two looks that still count as idle: the look
# itself and a timer or two, not a key press (which makes thousands).
IDLE_ALLOCATIONS = 200
# Young (generation 1) collections between full ones when the reader is never idle.
FULL_EVERY = 100


class IdleCollector:
    """Resumes the collector and makes its full collections while idle; `start` on the first
    screen, `stop` at the end."""

    def __init__(self) -> None:
        self._threshold: tuple[int, int, int] | None = None
        self._last: tuple[int, int, int] = (0, 0, 0)
        self.collections = 0

    def start(self, app: App) -> None:
        if not gc.isenabled():
            # Start-up paused it (see `cli.main`). What start-up made lives to the end: frozen,
            # no collection walks it.
            gc.freeze()
            gc.enable()
        young, middle, _ = self._threshold = gc.get_threshold()
        gc.set_threshold(young, middle, FULL_EVERY)
        self._last = gc.get_count()
        app.set_interval(IDLE, self.look, name="idle collector")

    def stop(self) -> None:
        if self._threshold is not None:
            gc.set_threshold(*self._threshold)
            self._threshold = None

    def look(self) -> None:
        """Collect everything if the reader has been idle since the last look and a young
        collection has been made since the last full one (otherwise there is nothing new)."""
        now = gc.get_count()
        young, _, since_full = now
        before = self._last
        idle = now[1:] == before[1:] and young - before[0] < IDLE_ALLOCATIONS
        if idle and since_full > 0 and gc.isenabled():
            gc.collect()
            self.collections += 1
            now = gc.get_count()
        self._last = now
