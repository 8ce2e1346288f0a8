"""The reader screen: navigator, items and detail panes, and the hub for their messages.

The panes report what the reader did (messages up); this screen decides what each pane shows
and which pane is in view (attributes down). Narrow terminals show fewer panes: the screen's classes
`-one`, `-two`, `-three` come from the width; the pane in view is `-current`, and an opened
detail (`-open`) takes the place of the items pane (`-covered`) (see reader.tcss).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.command import Provider
from textual.containers import Horizontal
from textual.events import DescendantFocus, Resize
from textual.reactive import Reactive
from textual.widget import Widget

from briefing.findings import Finding
from briefing.library import Library, library_label
from briefing.loader import LoadResult
from briefing.model import Section
from briefing.render.findings import broken_summary, finding_detail
from briefing.render.overview import briefing_status, empty_library, overview
from briefing.state import StateStore
from briefing.text import show_path
from briefing.tui.compositor import reader_compositor
from briefing.tui.find import FindActions
from briefing.tui.keys import READER
from briefing.tui.reading import ReadingTracker
from briefing.tui.screens.in_depth import InDepthScreen
from briefing.tui.screens.reading_actions import MIN_HEIGHT, MIN_WIDTH, ReadingActions
from briefing.tui.start import PaneName, Start
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.items import ItemsPane, Row
from briefing.tui.widgets.key_hints import KeyHints
from briefing.tui.widgets.navigator import Navigator, Place
from briefing.tui.widgets.reload_banner import ReloadBanner
from briefing.tui.widgets.title_bar import TitleBar
from briefing.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from briefing.tui.widgets.matrix import PositionsMatrix
    from briefing.tui.widgets.source_view import SourceView

PANES: tuple[PaneName, ...] = ("navigator", "items", "detail")
# From this width, the three panes stand side by side.
THREE_PANES = 120


def go_to_provider() -> type[Provider]:
    """The palette's go-to targets: imported when the palette opens, not at start-up."""
    from briefing.tui.commands import GoToProvider

    return GoToProvider


class ReaderScreen(ReadingActions, FindActions, InDepthScreen):
    BINDINGS = READER
    COMMANDS: ClassVar = {go_to_provider}
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-one"), (80, "-two"), (THREE_PANES, "-three")]

    # A change of focus repaints the two panes it concerns (their borders say which has it), not
    # the whole screen, as Textual's screen would.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(
        self,
        library: Library,
        start: Start,
        reading: ReadingTracker | None = None,
        where: tuple[Path, ...] = (),
    ) -> None:
        super().__init__()
        # Where the library was read from, to say so when it has nothing to read.
        self.where = where
        # The problems with the library already said (see `say_problems`).
        self._said: set[Finding] = set()
        # Draws only the widgets a partial update touches (see compositor.py).
        self._compositor = reader_compositor()
        self.library = library
        self.start = start
        self.reading = reading or ReadingTracker(StateStore.in_memory())
        # What the items pane shows: an entry of the library and one of its sections.
        self.entry = -1
        self.section = Section.OVERVIEW
        self.setup_finding()
        if library.entries:
            # The pane to start in has the focus from the first frame: otherwise Textual focuses
            # the first pane as the screen shows, and on_mount's focus moves only after that frame.
            self.AUTO_FOCUS = f"#{self.restored(start).pane}"
        # The pane in view, and whether the detail was opened last (see `_reveal`).
        self._current_pane: PaneName = "navigator"
        self._detail_open = False

    def compose(self) -> ComposeResult:
        # The layout for the terminal's width from the first frame, set before the panes are
        # styled: Textual sets the breakpoint class at the first resize, after that frame, and
        # each change of the screen's classes styles every pane again (a tenth of a second with
        # a large library's navigator; set once the panes were mounted, 10 ms on any library).
        width = self.app.size.width
        fits = [name for least, name in self.HORIZONTAL_BREAKPOINTS if least <= width][-1]
        self.update_classes({name: name == fits for _, name in self.HORIZONTAL_BREAKPOINTS})
        yield TitleBar(library_label(self.where))
        yield ReloadBanner(id="reload-banner")
        yield TooSmall(MIN_WIDTH, MIN_HEIGHT, id="too-small")
        with Horizontal(id="panes"):
            yield Navigator(self.library, id="navigator", unread=self.unread)
            yield ItemsPane(id="items", mark=self.mark_row)
            yield DetailPane(id="detail")
        yield KeyHints()

    def on_mount(self) -> None:
        self.pane("navigator").pane_title = "Library"
        self.say_problems(self.library.problems)
        if not self.library.entries:
            self.show_empty()
            return
        self.reading.on_change = self.marks_changed
        start = self.restored(self.start)
        self.show(start.entry, start.section, start.item)
        self.query_one(Navigator).go_to(Place(start.entry, start.section))
        self.focus_pane(start.pane)

    # --- what the panes show ---------------------------------------------------------------------

    def say_problems(self, problems: Sequence[Finding]) -> None:
        """Say what kept files out of the library (an unreadable folder, a name that is not
        text, a link out of it), once each: the navigator cannot list them."""
        new = [problem for problem in problems if problem not in self._said]
        self._said.update(new)
        if new:
            lines = [f"{problem.where()}: {problem.message}" for problem in new[:3]]
            if len(new) > 3:
                lines.append(f"… and {len(new) - 3} more: `briefing validate` lists them")
            self.notify(
                "\n".join(lines),
                title="Left out of the library",
                severity="warning",
                timeout=15,
                markup=False,
            )

    def show_empty(self) -> None:
        """Nothing to read (an empty folder, or its last briefing deleted): say where the reader
        looked; every key finds nothing to act on (see `current_briefing`)."""
        self.entry = -1
        self.title, self.sub_title = "No briefings", ""
        self._set_view("list")
        self.query_one(ItemsPane).show_nothing()
        self.query_one(ReloadBanner).show_stale(None)
        self.query_one(DetailPane).show("Nothing to read", empty_library(self.library, self.where))
        self.reading.left()

    def show(self, entry: int, section: Section, item_id: str | None = None) -> None:
        """Show a section of a library entry in the items pane (nothing to do if it already is)."""
        if (entry, section) == (self.entry, self.section) and item_id is None:
            return
        self.entry, self.section = entry, section
        result = self.library.entries[entry]
        self._set_titles(result)
        items = self.query_one(ItemsPane)
        items.show_entry(result, section, item_id, self.item_filter(entry, section))
        self.section_shown()

    def _set_titles(self, result: LoadResult) -> None:
        if result.briefing is None:
            self.title = show_path(result.path.name)
            self.sub_title = "could not be loaded"
        else:
            self.title = result.briefing.title
            self.sub_title = briefing_status(result.briefing)

    def _show_row(self, row: Row) -> None:
        self.row_shown(row)
        detail = self.query_one(DetailPane)
        result = self.library.entries[self.entry]
        if isinstance(row, Finding):
            detail.show("Problem", finding_detail(row))
        elif result.briefing is None:
            detail.show("Problems", broken_summary(show_path(result.path.name), result.findings))
        elif isinstance(row, Section):
            detail.show("Overview", overview(result.briefing))
        else:
            self.show_item_detail(result.briefing, row)

    # --- which pane is in view and focused -------------------------------------------------------

    def pane(
        self, name: PaneName
    ) -> Navigator | ItemsPane | PositionsMatrix | SourceView | DetailPane:
        if name == "items":
            # The middle pane: the items list, the positions matrix or a source (in_depth.py).
            return self.middle()
        return self.query_one(f"#{name}", (Navigator, DetailPane))

    def focused_pane(self) -> PaneName:
        for name in PANES:
            if self.pane(name).has_focus:
                return name
        return "navigator"

    def focus_pane(self, name: PaneName) -> None:
        self._reveal(name)
        self.pane(name).focus()

    def _reveal(self, name: PaneName) -> None:
        """Bring a pane into view before it takes focus (narrow layouts hide some panes).

        The classes go on the panes, not the screen: a class changed on the screen would
        restyle every widget in it, a tenth of a second or more for each change of focus. Three
        panes side by side depend on none of them, so there they are set only when the screen
        narrows: each change restyles a pane, which a change of focus does anyway.
        """
        self._current_pane = name
        if name in ("items", "detail"):
            # In two panes, the detail takes the items pane's place once opened.
            self._detail_open = name == "detail"
        if self.size.width < THREE_PANES:
            self._show_current()

    def _show_current(self) -> None:
        for other in PANES:
            self.pane(other).set_class(other == self._current_pane, "-current")
        self.pane("detail").set_class(self._detail_open, "-open")
        self.pane("items").set_class(self._detail_open, "-covered")

    def on_resize(self, event: Resize) -> None:
        # (Textual calls each class's handler: the mixins' own `on_resize` runs as well.)
        if event.size.width < THREE_PANES:
            self._show_current()

    @on(DescendantFocus)
    def _follow_focus(self, event: DescendantFocus) -> None:
        # Focus can also move by mouse: keep the layout in step with it.
        for name in PANES:
            if event.widget is self.pane(name):
                self._reveal(name)

    # --- messages up from the panes --------------------------------------------------------------

    @on(Navigator.Highlighted)
    def _navigator_moved(self, event: Navigator.Highlighted) -> None:
        place = event.place
        if place.section is not None:
            self.show(place.entry, place.section)
        elif self.library.entries[place.entry].briefing is None:
            # A broken briefing has no sections: keep the section for the next good one.
            self.show(place.entry, self.section)
        elif place.entry != self.entry:
            # A briefing's own line: the items show where it was left.
            section, item = self.where_left(place.entry) or (Section.OVERVIEW, None)
            self.show(place.entry, section, item)

    @on(Navigator.Opened)
    def _navigator_opened(self, event: Navigator.Opened) -> None:
        place = event.place
        if place.section is None and self.library.entries[place.entry].briefing is not None:
            # A briefing opened: its sections listed, the cursor on the one it was left at.
            self.open_briefing(place.entry, focus=False)
            return
        self.show(place.entry, place.section or Section.OVERVIEW)
        self.focus_pane("items")

    @on(ItemsPane.Highlighted)
    def _item_highlighted(self, event: ItemsPane.Highlighted) -> None:
        items = event.pane
        if items.highlighted is None or items.rows[items.highlighted] is not event.row:
            # The cursor has moved on since (a key held down): the detail shows where it stops.
            return
        self._show_row(event.row)

    @on(ItemsPane.Opened)
    def _item_opened(self, event: ItemsPane.Opened) -> None:
        row = event.row
        if isinstance(row, Section) and row is not Section.OVERVIEW:
            # In the overview, each section is listed: opening one goes there.
            self.action_section(row.value)
        else:
            self._show_row(row)
            self.row_opened(row)
            self.focus_pane("detail")

    @on(ItemsPane.Back)
    def _items_back(self) -> None:
        self.focus_pane("navigator")

    @on(DetailPane.Back)
    def _detail_back(self) -> None:
        self.focus_pane("items")

    # --- actions of the screen's own bindings ----------------------------------------------------

    def action_next_pane(self) -> None:
        index = PANES.index(self.focused_pane())
        self.focus_pane(PANES[(index + 1) % len(PANES)])

    def action_previous_pane(self) -> None:
        index = PANES.index(self.focused_pane())
        self.focus_pane(PANES[(index - 1) % len(PANES)])

    def action_section(self, name: str) -> None:
        if not self.library.entries or self.library.entries[self.entry].briefing is None:
            self.app.bell()
            return
        section = Section(name)
        self.show(self.entry, section)
        self.query_one(Navigator).go_to(Place(self.entry, section))
        self.focus_pane("items")

    def action_briefing(self, step: int) -> None:
        """The previous or next briefing the navigator lists, where it was left (never read:
        at the same section)."""
        listed = self.query_one(Navigator).listed
        at = listed.index(self.entry) + step if self.entry in listed else -1
        if not 0 <= at < len(listed):
            self.app.bell()
            return
        self.open_briefing(listed[at], self.section, focus=False)
