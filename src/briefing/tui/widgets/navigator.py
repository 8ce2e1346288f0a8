"""The navigator: the library as a tree of briefings, each with its sections and their counts.

Section nodes are added when a briefing is first expanded. A large library is listed in groups
of `GROUP_SIZE` briefings, whose nodes are added when the group is opened: start-up costs the
same for 300 briefings as for 10,000. A catalog's briefings are labelled from their records
(`briefing.library.catalog`), so listing them loads none.

The navigator keeps the library filter and order the reader chose (`list_by`) and applies them
again whenever it lists the library anew (a reload, files added or removed), so neither is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import msgspec
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import on
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from briefing.filters import LibraryFilter, SortOrder, arrange, listings
from briefing.library import Library
from briefing.library.catalog import BriefingMeta, Catalog, CatalogEntries, record_paths
from briefing.model import Section
from briefing.render.labels import BROKEN_MARK, briefing_label, section_label
from briefing.render.marks import section_with_unread
from briefing.render.styles import ERROR, MUTED
from briefing.text import show_path
from briefing.tui.keys import pane_bindings
from briefing.tui.widgets.framing import framing_cache
from briefing.tui.widgets.pane import TitledPane
from briefing.tui.widgets.scrollbar import QuickScrollbars

# Past this many briefings, the list is grouped; each group holds this many.
GROUP_OVER = 300
GROUP_SIZE = 100
# Lines kept drawn: a few screenfuls (see `Navigator.render_line`).
KEEP_LINES = 512


def meta_label(meta: BriefingMeta) -> Text:
    """A catalog record's label, like `briefing_label`: its title, or its file marked broken."""
    if meta.pending:
        return Text(show_path(meta.name), style=MUTED)
    if not meta.ok:
        text = Text()
        text.append(f"{BROKEN_MARK} ", style=ERROR)
        text.append(show_path(meta.name))
        text.append(" [broken]", style=MUTED)
        return text
    return Text(meta.title or show_path(meta.name))


class Place(msgspec.Struct, frozen=True):
    """A node of the navigator: a briefing (by its index in the library), or one of its sections."""

    entry: int
    section: Section | None = None


class Navigator(QuickScrollbars, Tree[Place], TitledPane):
    DEFAULT_CLASSES = "pane"
    PANE_NAME = "Library"
    # Nodes are being added in a batch, and the tree has changed since it began (see `_batch`;
    # set on the class: Tree invalidates itself before `__init__` is done).
    _batching = False
    _changed_in_batch = False
    BINDINGS = pane_bindings(
        down="cursor_down", up="cursor_up", first="scroll_home", last="scroll_end"
    )

    class Highlighted(Message):
        """The cursor is on a briefing (section None) or one of its sections."""

        def __init__(self, navigator: Navigator, place: Place) -> None:
            super().__init__()
            self.navigator = navigator
            self.place = place

        @property
        def control(self) -> Navigator:
            return self.navigator

    class Opened(Message):
        """The reader opened a section, or a briefing (its sections are listed by then)."""

        def __init__(self, navigator: Navigator, place: Place) -> None:
            super().__init__()
            self.navigator = navigator
            self.place = place

        @property
        def control(self) -> Navigator:
            return self.navigator

    def __init__(
        self,
        library: Library,
        *,
        id: str | None = None,
        unread: Callable[[int, Section], int] | None = None,
    ) -> None:
        # A Text, not a string: a string is parsed as markup, which loads Rich's emoji table.
        super().__init__(Text("Library"), id=id)
        # A line scrolled to another row is not framed again (framing.py).
        self._styles_cache = framing_cache()
        self.library = library
        # How many items of a section are unread, for its label.
        self.unread = unread
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 3
        # By library entry; None for an entry not listed (filtered out) or not added yet.
        self._briefing_nodes: list[TreeNode[Place] | None] = []
        self._listed: list[int] = []
        # In a grouped list: the group nodes, in order, and each group's entries (by node id).
        # An entry's group is found from its place in `_listed`, not kept per entry.
        self._groups: list[TreeNode[Place]] = []
        self._members: dict[int, list[int]] = {}
        self._files: list[str] = []
        # Which briefings to list, and in what order: kept across reloads.
        self.library_filter = LibraryFilter()
        self.order = SortOrder.LIBRARY
        # (done, total) while a catalog is being indexed.
        self.indexing: tuple[int, int] | None = None
        # Lines drawn, by what they show (see `render_line`).
        self._drawn: dict[tuple[object, ...], Strip] = {}
        # The widget's style while its lines are drawn (see `render_lines`).
        self._drawing_style: Style | None = None

    def notify_style_update(self) -> None:
        """A change of style (focus, theme) changes how the lines look, not how many or how wide
        they are: repaint them. (Tree lays the whole screen out again here, which made every
        pane switch to or from the navigator repaint every pane.)"""
        Widget.notify_style_update(self)
        self._line_cache.clear()
        self.refresh()

    def process_label(self, label: str | Text) -> Text:
        # Labels are one line (titles are sanitised): not copied and split again, as Tree does
        # for each of the hundreds of nodes a large library lists at start-up.
        if isinstance(label, Text) and "\n" not in label.plain:
            return label
        return super().process_label(label)

    def render_label(self, node: TreeNode[Place], base_style: Style, style: Style) -> Text:
        """A node's label, cut with "…" where the pane is too narrow for it (a title's whole
        text is in the title bar and the overview)."""
        label = super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth
        if label.cell_len > room > 1:
            label.truncate(room, overflow="ellipsis")
        return label

    def get_label_width(self, node: TreeNode[Place]) -> int:
        # Measured, not drawn as Tree does, for every line each time the lines are rebuilt.
        icon = (
            (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE)
            if node.allow_expand
            else ""
        )
        return cell_len(icon) + node.label.cell_len

    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's style is worked out from every ancestor's; Tree did it for each line (and
        # `render_line` here once more): once for all the lines of a repaint instead.
        self._drawing_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._drawing_style = None

    def render_line(self, y: int) -> Strip:
        """A line as Tree draws it, kept while what it shows is the same.

        Tree draws every line again when focus comes or goes (0.3 ms a line): only the cursor's
        line and the guides under it look different then, so only they are drawn again here.
        """
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        lines = self._tree_lines
        if index >= len(lines):
            return super().render_line(y)
        style = self._drawing_style or self.rich_style
        width = self.size.width
        line = lines[index]
        path = line.path
        focus_shows = index == self.cursor_line or any(node._selected for node in path)
        key = (
            index,
            scroll_x,
            width,
            self._updates,
            tuple(map(id, path)),
            tuple(node._updates for node in path),
            line.last,
            self.hover_line == index,
            any(node._hover for node in path),
            index == self.cursor_line,
            focus_shows and self.has_focus,
            style,
            self.app.theme,
        )
        strip = self._drawn.get(key)
        if strip is None:
            if len(self._drawn) > KEEP_LINES:
                self._drawn.clear()
            # As Tree.render_line draws it, with the style already worked out.
            strip = self._render_line(index, scroll_x, scroll_x + width, style)
            self._drawn[key] = strip
        return strip

    @contextmanager
    def _batch(self) -> Iterator[None]:
        """Add nodes, expand them, with one refresh and layout at the end.

        Tree refreshes the widget and asks for a layout for each node added or expanded: a
        hundred times when a group of a large library is listed.
        """
        if self._batching:
            yield
            return
        self._batching, self._changed_in_batch = True, False
        try:
            yield
        finally:
            self._batching = False
            if self._changed_in_batch:
                # Lines built since the last change (to move the cursor) are still right: keep
                # them rather than build them again (a large library lists hundreds).
                built = self._tree_lines_cached
                super()._invalidate()
                self._tree_lines_cached = built

    def _invalidate(self) -> None:
        if self._batching:
            # The lines are built again when next read, within the batch too.
            self._clear_line_cache()
            self._changed_in_batch = True
            return
        super()._invalidate()

    def on_mount(self) -> None:
        self.arrange(range(len(self.library.entries)))

    def list_by(self, library_filter: LibraryFilter, order: SortOrder) -> list[int]:
        """List the briefings this filter keeps, in this order (and again after each reload)."""
        self.library_filter, self.order = library_filter, order
        return self.relist()

    def relist(self) -> list[int]:
        """List the library again, by the filter and order chosen; returns the entries listed."""
        if self.library_filter.active or self.order is not SortOrder.LIBRARY:
            shown = arrange(listings(self.library.entries), self.library_filter, self.order)
        else:
            shown = list(range(len(self.library.entries)))
        self.arrange(shown)
        self._title_listing()
        return shown

    def show_progress(self, done: int, total: int) -> None:
        """Say in the title how far indexing has got (nothing once it is done)."""
        self.indexing = None if done >= total else (done, total)
        self._title_listing()

    def _title_listing(self) -> None:
        """The title says what is listed: how many of how many, by which filter and order; the
        bottom border how far indexing has got. (Cut with "…" where the border is too narrow:
        the filter picker, `f`, shows the whole filter.)"""
        title = "Library"
        if self.library_filter.active:
            title += f" ({len(self._listed)} of {len(self.library.entries)})"
            title += " · " + self.library_filter.describe()
        if self.order is not SortOrder.LIBRARY:
            title += " · " + self.order.label
        self.pane_title = title
        progress = ""
        if self.indexing is not None:
            done, total = self.indexing
            progress = f"indexing {done:,} of {total:,}"
            if cell_len(progress) > self.size.width - 4:  # the border's corners and spaces
                progress = f"indexing {done * 100 // max(total, 1)}%"
        self.border_subtitle = Content(progress)

    def arrange(self, entries: Iterable[int]) -> None:
        """List these entries of the library, in this order (after a filter or a sort)."""
        with self._batch():
            self.clear()
            self._listed = list(entries)
            self._briefing_nodes = [None] * len(self.library.entries)
            # Each entry's file as listed: a catalog's records can change place before the next
            # listing, and the briefings open then are found again by their files.
            self._files = self._paths()
            self._groups, self._members = [], {}
            if len(self._listed) <= GROUP_OVER:
                for index in self._listed:
                    self._add_briefing(self.root, index)
                return
            for start in range(0, len(self._listed), GROUP_SIZE):
                members = self._listed[start : start + GROUP_SIZE]
                group = self.root.add(self._group_label(start, members), allow_expand=True)
                self._members[group.id] = members
                self._groups.append(group)

    def _add_briefing(self, parent: TreeNode[Place], index: int) -> TreeNode[Place]:
        catalog = self._catalog()
        if catalog is not None:
            meta = catalog.metas[index]
            label, expandable = meta_label(meta), meta.ok or meta.pending
        else:
            entry = self.library.entries[index]
            label, expandable = briefing_label(entry), entry.briefing is not None
        node = parent.add(label, data=Place(index), allow_expand=expandable)
        self._briefing_nodes[index] = node
        return node

    def _catalog(self) -> Catalog | None:
        entries = self.library.entries
        return entries.catalog if isinstance(entries, CatalogEntries) else None

    def _group_label(self, start: int, members: list[int]) -> Text:
        """`1–100  first title … last title`, like the guide words of a dictionary's page."""

        def name(index: int) -> str:
            catalog = self._catalog()
            if catalog is not None:
                meta = catalog.metas[index]
                return meta.title or show_path(meta.name)
            entry = self.library.entries[index]
            return entry.briefing.title if entry.briefing else show_path(entry.path.name)

        text = Text(f"{start + 1}–{start + len(members)}  ", style=MUTED)
        text.append(name(members[0]))
        text.append(" … ", style=MUTED)
        text.append(name(members[-1]))
        return text

    def _fill_group(self, group: TreeNode[Place]) -> None:
        if group.children:
            return
        with self._batch():
            for index in self._members.get(group.id, ()):
                self._add_briefing(group, index)

    def relabel(self, entries: Iterable[int]) -> None:
        """Show the records of these entries again (a catalog loaded or reloaded them)."""
        catalog = self._catalog()
        if catalog is None:
            return
        if self.library_filter.active or self.order is not SortOrder.LIBRARY:
            # A record's tags, status, date or title decide where it is listed, if at all.
            self._relist_in_place()
            return
        for index in entries:
            node = self._briefing_nodes[index] if index < len(self._briefing_nodes) else None
            if node is not None:
                meta = catalog.metas[index]
                node.set_label(meta_label(meta))
                node.allow_expand = meta.ok or meta.pending

    @property
    def files(self) -> tuple[Path, ...]:
        """Each entry's file, as of the last listing (a catalog's records move on before)."""
        return tuple(map(Path, self._files))

    @property
    def listed(self) -> list[int]:
        """The entries listed, in their order."""
        return list(self._listed)

    def set_library(self, library: Library) -> None:
        """List another version of the library (reloaded), by the same filter and order;
        briefings open before stay open."""
        expanded = self._expanded_paths()
        self.library = library
        self.relist()
        self._expand_paths(expanded)

    def _relist_in_place(self) -> None:
        """List the library again where it is, the cursor and open briefings as they were."""
        expanded = self._expanded_paths()
        cursor = self.cursor_node.data if self.cursor_node is not None else None
        self.relist()
        self._expand_paths(expanded)
        if cursor is not None and cursor.entry in self._listed:
            self.go_to(cursor)

    def _expanded_paths(self) -> set[str]:
        return {
            self._files[node.data.entry]
            for node in self._briefing_nodes
            if node is not None and node.data is not None and node.is_expanded
        }

    def _expand_paths(self, paths: set[str]) -> None:
        for path, node in zip(self._paths(), self._briefing_nodes, strict=False):
            if node is not None and path in paths:
                self._expand(node)

    def _paths(self) -> list[str]:
        """Each entry's file, from a catalog's records rather than by loading the briefings."""
        catalog = self._catalog()
        if catalog is not None:
            return record_paths(catalog.metas)
        return [str(entry.path) for entry in self.library.entries]

    def _group_for(self, entry: int) -> TreeNode[Place] | None:
        """The group node an entry is listed in; None if the list is not grouped or the entry
        is not listed."""
        if not self._groups:
            return None
        try:
            position = self._listed.index(entry)
        except ValueError:
            return None
        return self._groups[position // GROUP_SIZE]

    def refresh_marks(self, entry: int) -> None:
        """Label a briefing's sections again, with their unread counts."""
        node = self._briefing_nodes[entry] if entry < len(self._briefing_nodes) else None
        for child in node.children if node is not None else ():
            if child.data is not None and child.data.section is not None:
                child.set_label(self._section_label(entry, child.data.section))

    def _section_label(self, entry: int, section: Section) -> Text:
        briefing = self.library.entries[entry].briefing
        count = briefing.count(section) if briefing is not None else None
        if self.unread is None:
            return section_label(section, count)
        return section_with_unread(section, count, self.unread(entry, section))

    # --- attributes down: the screen tells the navigator where to be ---------------------------

    def go_to(self, place: Place) -> None:
        """Put the cursor on a briefing or one of its sections, expanding it as needed."""
        with self._batch():
            node = self._briefing_nodes[place.entry] if self._briefing_nodes else None
            group = self._group_for(place.entry) if node is None else None
            if group is not None:
                self._fill_group(group)
                if not group.is_expanded:
                    group.expand()
                node = self._briefing_nodes[place.entry]
            if node is None:
                return
            if place.section is not None and self._expand(node):
                node = next(c for c in node.children if c.data and c.data.section is place.section)
            self._move_to(node)

    def _move_to(self, node: TreeNode[Place]) -> None:
        # Reading `last_line` lays out the tree again, so a node just added has its line.
        if self.last_line >= 0:
            self.move_cursor(node, animate=False)
            self.call_after_refresh(self._reveal_above, node)

    def _reveal_above(self, node: TreeNode[Place]) -> None:
        """Bring the lines above a node into view with it (its briefing and group), where they
        fit: the cursor on a section with its briefing scrolled away says nothing."""
        top = node
        while top.parent is not None and top.parent is not self.root:
            top = top.parent
        if top.line < 0 or node.line < 0 or node is not self.cursor_node:
            return
        fits = node.line - top.line < self.scrollable_content_region.height
        if fits and top.line < self.scroll_offset.y:
            self.scroll_to(y=top.line, animate=False)

    def _expand(self, node: TreeNode[Place]) -> bool:
        """Expand a briefing's node, adding its sections the first time; False if it has none."""
        if not node.allow_expand:
            return False
        if not node.children:
            self._add_sections(node)
            if not node.children:
                return False
        if not node.is_expanded:
            # Expanding lays out and repaints the whole tree, even a node already expanded.
            node.expand()
        return True

    def _add_sections(self, node: TreeNode[Place]) -> None:
        with self._batch():
            assert node.data is not None
            briefing = self.library.entries[node.data.entry].briefing
            if briefing is None:  # a catalog's pending record that turned out broken
                node.allow_expand = False
                return
            for section in Section:
                node.add_leaf(
                    self._section_label(node.data.entry, section),
                    data=Place(node.data.entry, section),
                )

    # --- messages up -----------------------------------------------------------------------------

    @on(Tree.NodeExpanded)
    def _sections_on_demand(self, event: Tree.NodeExpanded[Place]) -> None:
        event.stop()
        if event.node.id in self._members:
            self._fill_group(event.node)
        elif not event.node.children and event.node.allow_expand:
            self._add_sections(event.node)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[Place]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.Highlighted(self, event.node.data))

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[Place]) -> None:
        # A click: open what was clicked, as enter would.
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        node = self.cursor_node
        if node is not None and node.id in self._members:
            self._fill_group(node)
            node.toggle()
            return
        if node is None or node.data is None:
            return
        if node.data.section is None:
            # Opening a briefing lists its sections; the screen puts the cursor on the one the
            # reader left it at.
            self._expand(node)
        self.post_message(self.Opened(self, node.data))

    def action_back(self) -> None:
        """Up the tree: from a section to its briefing, from an open briefing to closed."""
        node = self.cursor_node
        if node is None or node.data is None:
            return
        if node.data.section is not None and node.parent is not None:
            self._move_to(node.parent)
        elif node.is_expanded:
            node.collapse()
