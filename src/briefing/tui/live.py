"""Live reload in the reader: a file watcher in a worker, reloads handed to the screen.

The watcher (watchfiles, on the platform's file events) runs in an async worker of the reader
screen; each batch of changes is applied to the `LiveLibrary` in a thread, so loading never
blocks the screen, and the result is posted to the screen as a `LibraryReloaded` message.

watchfiles waits `STEP_MS` after a change for more, and at most `DEBOUNCE_MS` in all (its
default is 1.6 s), before it yields a batch: an editor's save (a temporary file, a rename)
arrives as one batch, and a change shows well within a second.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.screen import Screen

if TYPE_CHECKING:
    from briefing.library.reload import LiveCatalog, LiveLibrary, Reload

DEBOUNCE_MS = 300
STEP_MS = 50


class LibraryReloaded(Message):
    """The library changed on disk; `reload` says how."""

    def __init__(self, reload: Reload) -> None:
        super().__init__()
        self.reload = reload


class LiveReload:
    """Watches a library's files for a screen, and posts it `LibraryReloaded` on changes."""

    def __init__(self, live: LiveLibrary | LiveCatalog) -> None:
        self.live = live
        self._lock = asyncio.Lock()
        self._watching: tuple[tuple[Path, ...], tuple[Path, ...]] = ((), ())
        self._screen: Screen[object] | None = None
        self._stop: asyncio.Event | None = None
        self._starting = 0

    @property
    def ready(self) -> bool:
        """Whether every watcher is watching: changes from now on are seen."""
        return self._screen is not None and self._starting == 0

    def start(self, screen: Screen[object]) -> None:
        """Watch, in workers of `screen`, and tell it of every reload."""
        self._screen = screen
        self._restart()

    def stop(self) -> None:
        if self._stop is not None:
            # The watcher's thread looks at this every STEP_MS, so it ends promptly.
            self._stop.set()
            self._stop = None

    def _restart(self) -> None:
        """(Re)start the watchers on what the library needs watched now (sources can move)."""
        assert self._screen is not None
        watched = self.live.watched()
        if watched == self._watching and self._stop is not None:
            return
        self.stop()
        self._watching = watched
        self._stop = stop = asyncio.Event()
        trees, folders = watched
        for paths, recursive in ((trees, True), (folders, False)):
            if paths:
                self._starting += 1
                self._screen.run_worker(
                    self._watch(paths, recursive, stop),
                    name="live-reload",
                    group="live-reload",
                    exit_on_error=False,
                )

    async def _watch(self, paths: tuple[Path, ...], recursive: bool, stop: asyncio.Event) -> None:
        # Imported here: the reader paints its first screen before the watcher is needed.
        from watchfiles import awatch

        changes = awatch(
            *paths,
            debounce=DEBOUNCE_MS,
            step=STEP_MS,
            recursive=recursive,
            stop_event=stop,
            ignore_permission_denied=True,
        )
        waiting = asyncio.ensure_future(anext(changes))
        # One turn of the loop runs the watcher up to its first wait, by which time it has
        # registered every path: from here on, no change is missed.
        await asyncio.sleep(0)
        self._starting -= 1
        try:
            while True:
                try:
                    batch = await waiting
                except StopAsyncIteration:
                    return
                await self.changed([Path(path) for _, path in batch])
                waiting = asyncio.ensure_future(anext(changes))
        finally:
            waiting.cancel()

    async def changed(self, paths: list[Path]) -> None:
        """Apply changes at `paths` and tell the screen; one reload at a time."""
        async with self._lock:
            reload = await asyncio.to_thread(self.live.apply, paths)
        if reload is None or self._screen is None:
            return
        self._screen.post_message(LibraryReloaded(reload))
        self._restart()
