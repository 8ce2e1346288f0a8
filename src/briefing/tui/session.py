"""A reading session around the screens: reading state, settings and live reload, begun and ended.

The app owns one; it begins when the app is mounted and ends when the app closes (the watcher
stopped, the reading state saved one last time). What the first screen shows is settled before
it is drawn: the reading state (places, read marks) is read when the session is made, and the
theme and keymap are applied as it begins. What it does not show waits until that screen is
drawn: checking the keymap's binding ids, and watching the files (`watch`, which the app calls
once the first screen is complete).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.theme import Theme

from briefing.config import Settings
from briefing.findings import Finding
from briefing.library import Library
from briefing.library.catalog import CatalogEntries
from briefing.render.notices import finding_notice
from briefing.state import StateStore
from briefing.tui.options import ReaderOptions
from briefing.tui.reading import ReadingTracker
from briefing.tui.settings import apply_settings, check_keymap, read_settings

if TYPE_CHECKING:
    from briefing.library.reload import LiveCatalog, LiveLibrary
    from briefing.tui.live import LiveReload

# Seconds a notice about settings or saved state stays: long enough to read a file's path.
NOTICE_SECONDS = 12


class Session:
    def __init__(self, app: App[object], options: ReaderOptions) -> None:
        self.app = app
        store, self._notices = StateStore.open(options.state_file)
        self.reading = ReadingTracker(store)
        self.options = options
        # Made by `watch`, after the first screen: nothing of live reload is loaded before.
        self.live: LiveReload | None = None

    def begin(self) -> None:
        app = self.app
        settings, problems = read_settings(self.options.config_file)
        problems += apply_settings(app, settings, self.reading.store.theme)
        self._notify_settings(problems)
        for notice in self._notices:
            app.notify(
                notice,
                title="Reading state",
                severity="warning",
                timeout=NOTICE_SECONDS,
                markup=False,
            )
        # Subscribed after the settings' theme is set: only a theme the reader picks is saved.
        app.theme_changed_signal.subscribe(app, self._theme_changed)
        self.reading.attach(app)
        if settings.keymap:
            app.call_after_refresh(self._check_keymap, settings)

    def _check_keymap(self, settings: Settings) -> None:
        self._notify_settings(check_keymap(settings))

    def _notify_settings(self, problems: tuple[Finding, ...]) -> None:
        for problem in problems:
            self.app.notify(
                finding_notice(problem),
                title="Settings",
                severity="warning",
                timeout=NOTICE_SECONDS,
                markup=False,
            )

    def watch(self) -> None:
        """Watch the library's files, for the reader screen (which reloads what changed).

        Started once the first screen is drawn: starting the watcher (a thread, and the modules
        it needs) would only have delayed it.
        """
        if not self.options.paths or not self.app.is_running:
            return
        if self.live is None:
            from briefing.tui.live import LiveReload

            self.live = LiveReload(_live(self.options, self.app.library))  # type: ignore[attr-defined]
        self.live.start(self.app.screen_stack[0])

    @property
    def watching(self) -> bool:
        """Whether the library's files are watched: changes from now on are seen."""
        return self.live is not None and self.live.ready

    def _theme_changed(self, theme: Theme) -> None:
        self.reading.set_theme(theme.name)

    def end(self) -> None:
        if self.live is not None:
            self.live.stop()
        self.reading.flush()


def _live(options: ReaderOptions, library: Library) -> LiveLibrary | LiveCatalog:
    # A catalog loads briefings on demand: its own refresh reloads, without loading them all.
    from briefing.library.reload import LiveCatalog, LiveLibrary

    if isinstance(library.entries, CatalogEntries):
        return LiveCatalog(library.entries.catalog, library)
    return LiveLibrary(options.paths, library)
