"""The reader app: holds the library it was given and opens the reader screen on it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from briefing.library import Library
from briefing.library.catalog import Catalog, CatalogEntries, Progress
from briefing.text import sanitise
from briefing.tui.collector import IdleCollector
from briefing.tui.keys import APP
from briefing.tui.options import ReaderOptions
from briefing.tui.screens.reader import ReaderScreen
from briefing.tui.session import Session
from briefing.tui.start import Start
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.navigator import Navigator

# Seconds between looks at whether the first screen is complete, and the longest wait for it.
FIRST_SCREEN_POLL = 0.05
FIRST_SCREEN_WAIT = 2.0
# Seconds from starting the watcher to checking a catalog against its files: the watcher is
# watching by then, so a change made meanwhile is seen by one or the other.
CATALOG_CHECK_DELAY = 0.1


class BriefingApp(App[None]):
    TITLE = "briefing"
    CSS_PATH: ClassVar = ["styles/reader.tcss", "styles/in_depth.tcss", "styles/help.tcss"]
    BINDINGS = APP

    def __init__(
        self, library: Library, start: Start | None = None, options: ReaderOptions | None = None
    ) -> None:
        super().__init__()
        self.library = library
        self.start = start or Start()
        # Reading state, settings and live reload (see session.py).
        self.session = Session(self, options or ReaderOptions())
        self.collector = IdleCollector()

    def get_default_screen(self) -> ReaderScreen:
        self.reader = ReaderScreen(
            self.library, self.start, self.session.reading, where=self.session.options.paths
        )
        return self.reader

    def on_mount(self) -> None:
        self.session.begin()
        self._await_first_screen(FIRST_SCREEN_WAIT)

    def _await_first_screen(self, patience: float) -> None:
        """Start what can wait once the first screen is complete: the first briefing's detail
        drawn (or after `patience` seconds, whatever the screen shows).

        Until then none of this competes with drawing it: the collector stays paused, the files
        are not watched and a catalog is not checked against them.
        """
        shown = any(detail.text.plain for detail in self.reader.query(DetailPane))
        if shown or patience <= 0:
            self.call_after_refresh(self._after_first_screen)
        else:
            left = patience - FIRST_SCREEN_POLL
            self.set_timer(FIRST_SCREEN_POLL, lambda: self._await_first_screen(left))

    def _after_first_screen(self) -> None:
        self.collector.start(self)
        self.session.watch()
        if isinstance(self.library.entries, CatalogEntries):
            # Check the records on screen against the files, and load what changed, on every
            # core, while the reader reads.
            catalog = self.library.entries.catalog
            self.set_timer(CATALOG_CHECK_DELAY, lambda: self._refresh_catalog(catalog))

    def _refresh_catalog(self, catalog: Catalog) -> None:
        def report(progress: Progress) -> None:
            self.call_from_thread(self._show_progress, progress)

        self.run_worker(
            lambda: catalog.refresh(on_progress=report),
            thread=True,
            group="catalog",
            exit_on_error=False,
        )

    def _show_progress(self, progress: Progress) -> None:
        navigator = self.reader.query_one(Navigator)
        if progress.relisted:
            # Files came or went since the index was saved: the reader finds its place again
            # as after a reload, by the file each entry was.
            from briefing.library.reload import Reload
            from briefing.tui.live import LibraryReloaded

            reload = Reload(self.library, stale=dict(self.reader.stale), before=navigator.files)
            self.reader.on_library_reloaded(LibraryReloaded(reload))
        else:
            navigator.relabel(progress.changed)
        navigator.show_progress(progress.done, progress.total)
        if progress.finished and isinstance(self.library.entries, CatalogEntries):
            self.reader.say_problems(self.library.entries.catalog.problems)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "catalog" and event.state is WorkerState.ERROR:
            # Indexing stopped: say why, rather than leave its count on screen for ever.
            navigator = self.reader.query_one(Navigator)
            navigator.show_progress(1, 1)
            self.notify(
                sanitise(f"Indexing the library stopped: {event.worker.error}"),
                title="Library",
                severity="error",
                timeout=30,
                markup=False,
            )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's app commands: Textual's (theme, quit, ...), the reader's help in place
        of Textual's "Keys" panel, and a screenshot saved where it can be."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Keys", "Screenshot"):
                yield command
        yield SystemCommand("Help", "Every key of the reader", self.action_help)
        yield SystemCommand(
            "Screenshot",
            "Save an SVG picture of the screen (in Downloads, else the current folder)",
            lambda: self.set_timer(0.1, self.save_screen_picture),
        )

    def save_screen_picture(self) -> None:
        """Save the screen as SVG and say where, or why it could not be."""
        from briefing.locations import screenshot_dir

        folder = screenshot_dir()
        try:
            path = self.save_screenshot(path=str(folder))
        except OSError as error:
            self.notify(
                sanitise(f"{folder}: {error.strerror or error}"),
                title="The screenshot could not be saved",
                severity="error",
                markup=False,
            )
            return
        self.notify(sanitise(path), title="Screenshot saved", timeout=10, markup=False)

    def action_command_palette(self) -> None:
        # Textual's palette, its paging made safe (palette.py).
        from briefing.tui.palette import PALETTE_ID, ReaderPalette

        if self.use_command_palette and not ReaderPalette.is_open(self):
            self.push_screen(ReaderPalette(id=PALETTE_ID))

    def on_unmount(self) -> None:
        self.collector.stop()
        self.session.end()

    def action_help(self) -> None:
        # Imported on first use: nothing that can wait is loaded before the first paint.
        from briefing.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen.active_bindings))
