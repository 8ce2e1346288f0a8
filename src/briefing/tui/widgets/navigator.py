"""The navigator: the library as a tree of briefings, each with its sections and their counts.

Section nodes are added when a briefing is first expanded, so a large library costs one node per
briefing until the reader opens it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual import on
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from briefing.library import Library
from briefing.model import Section
from briefing.render.labels import briefing_label, section_label
from briefing.tui.keys import pane_bindings
from briefing.tui.widgets.pane import TitledPane


@dataclass(frozen=True, slots=True)
class Place:
    """A node of the navigator: a briefing (by its index in the library), or one of its sections."""

    entry: int
    section: Section | None = None


class Navigator(Tree[Place], TitledPane):
    DEFAULT_CLASSES = "pane"
    PANE_NAME = "Library"
    BINDINGS = pane_bindings(
        down="cursor_down", up="cursor_up", first="scroll_home", last="scroll_end"
    )

    @dataclass
    class Highlighted(Message):
        """The cursor is on a briefing (section None) or one of its sections."""

        navigator: Navigator
        place: Place

        @property
        def control(self) -> Navigator:
            return self.navigator

    @dataclass
    class Opened(Message):
        """The reader opened a section, or a briefing that has no sections (a broken one)."""

        navigator: Navigator
        place: Place

        @property
        def control(self) -> Navigator:
            return self.navigator

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__("Library", id=id)
        self.library = library
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 3
        # By library entry; None for an entry not listed (filtered out).
        self._briefing_nodes: list[TreeNode[Place] | None] = []

    def on_mount(self) -> None:
        self.arrange(range(len(self.library.entries)))

    def arrange(self, entries: Iterable[int]) -> None:
        """List these entries of the library, in this order (after a filter or a sort)."""
        self.clear()
        self._briefing_nodes = [None] * len(self.library.entries)
        for index in entries:
            entry = self.library.entries[index]
            self._briefing_nodes[index] = self.root.add(
                briefing_label(entry), data=Place(index), allow_expand=entry.briefing is not None
            )

    @property
    def listed(self) -> list[int]:
        """The entries listed, in their order."""
        return [node.data.entry for node in self.root.children if node.data is not None]

    # --- attributes down: the screen tells the navigator where to be ---------------------------

    def go_to(self, place: Place) -> None:
        """Put the cursor on a briefing or one of its sections, expanding it as needed."""
        node = self._briefing_nodes[place.entry] if self._briefing_nodes else None
        if node is None:
            return
        if place.section is not None and self._expand(node):
            node = next(c for c in node.children if c.data and c.data.section is place.section)
        self._move_to(node)

    def _move_to(self, node: TreeNode[Place]) -> None:
        # Reading `last_line` lays out the tree again, so a node just added has its line.
        if self.last_line >= 0:
            self.move_cursor(node, animate=False)

    def _expand(self, node: TreeNode[Place]) -> bool:
        """Expand a briefing's node, adding its sections the first time; False if it has none."""
        if not node.allow_expand:
            return False
        if not node.children:
            self._add_sections(node)
        node.expand()
        return True

    def _add_sections(self, node: TreeNode[Place]) -> None:
        assert node.data is not None
        briefing = self.library.entries[node.data.entry].briefing
        assert briefing is not None
        for section in Section:
            node.add_leaf(
                section_label(section, briefing.count(section)),
                data=Place(node.data.entry, section),
            )

    # --- messages up -----------------------------------------------------------------------------

    @on(Tree.NodeExpanded)
    def _sections_on_demand(self, event: Tree.NodeExpanded[Place]) -> None:
        event.stop()
        if not event.node.children and event.node.allow_expand:
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
        if node is None or node.data is None:
            return
        if node.data.section is None and self._expand(node):
            # Opening a briefing shows its sections, starting at the overview.
            self._move_to(node.children[0])
            return
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
