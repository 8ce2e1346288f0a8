"""The items pane: the items of one section, or the problems of a broken briefing.

An OptionList draws its rows itself, so a long section costs one widget, not one per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing.filters import ItemFilter
from briefing.findings import Finding
from briefing.loader import LoadResult
from briefing.model import Briefing, Item, Section
from briefing.render.labels import finding_label, issue_heading, item_label, section_label
from briefing.render.styles import MUTED
from briefing.tui.keys import pane_bindings
from briefing.tui.widgets.pane import TitledPane

# What a row stands for: an item, a finding of a broken file, or (in the overview) a section.
Row = Item | Finding | Section


class ItemsPane(OptionList, TitledPane):
    DEFAULT_CLASSES = "pane"
    PANE_NAME = "Items"
    BINDINGS = pane_bindings(down="cursor_down", up="cursor_up", first="first", last="last")

    @dataclass
    class Highlighted(Message):
        pane: ItemsPane
        row: Row

        @property
        def control(self) -> ItemsPane:
            return self.pane

    @dataclass
    class Opened(Message):
        pane: ItemsPane
        row: Row

        @property
        def control(self) -> ItemsPane:
            return self.pane

    @dataclass
    class Back(Message):
        pane: ItemsPane

        @property
        def control(self) -> ItemsPane:
            return self.pane

    def __init__(
        self, *, id: str | None = None, mark: Callable[[Row, Text], Text] | None = None
    ) -> None:
        super().__init__(id=id)
        # Parallel to the options: what each one stands for (None for a heading), and its label.
        self.rows: list[Row | None] = []
        self.labels: list[Text] = []
        # Adds reading marks (unread, bookmarked) to a row's label.
        self.mark = mark

    # --- attributes down -------------------------------------------------------------------------

    def show_entry(
        self,
        entry: LoadResult,
        section: Section,
        item_id: str | None = None,
        item_filter: ItemFilter | None = None,
    ) -> None:
        """List a section of a briefing (only the items `item_filter` keeps, if it is set), or
        the findings of a broken file."""
        if entry.briefing is None:
            self.pane_title = "Problems"
            rows = [(finding_label(f), f) for f in sorted(entry.findings, key=_errors_first)]
        else:
            briefing = entry.briefing
            count = "" if section is Section.OVERVIEW else f" ({briefing.count(section)})"
            rows = list(_rows(briefing, section))
            if item_filter is not None and item_filter.active:
                rows = filtered_rows(rows, item_filter)
                kept = sum(row is not None for _, row in rows)
                count = f" ({kept} of {briefing.count(section)}) · {item_filter.describe(briefing)}"
            self.pane_title = section.title + count
        if not rows:
            rows = [(Text().append("Nothing in this section.", style=MUTED), None)]
        self.rows = [row for _, row in rows]
        self.labels = [label for label, _ in rows]
        self.set_options(
            Option(self._marked(row, label), disabled=row is None) for label, row in rows
        )
        self.highlighted = self._index_of(item_id)

    def _marked(self, row: Row | None, label: Text) -> Text:
        return label if row is None or self.mark is None else self.mark(row, label)

    def refresh_marks(self, item_id: str | None = None) -> None:
        """Draw the reading marks again: of one item, or of every row."""
        for index, row in enumerate(self.rows):
            if row is not None and (item_id is None or getattr(row, "id", None) == item_id):
                self.replace_option_prompt_at_index(index, self._marked(row, self.labels[index]))

    def _index_of(self, item_id: str | None) -> int | None:
        enabled = [i for i, row in enumerate(self.rows) if row is not None]
        if not enabled:
            return None
        found = (i for i in enabled if getattr(self.rows[i], "id", None) == item_id)
        return next(found, enabled[0]) if item_id else enabled[0]

    # --- messages up -----------------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        row = self.rows[event.option_index]
        enabled = [r for r in self.rows if r is not None]
        if row is not None:
            self.border_subtitle = Text(f"{enabled.index(row) + 1} of {len(enabled)}")
            self.post_message(self.Highlighted(self, row))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Enter and clicks both arrive here.
        event.stop()
        row = self.rows[event.option_index]
        if row is not None:
            self.post_message(self.Opened(self, row))

    def action_open(self) -> None:
        self.action_select()

    def action_back(self) -> None:
        self.post_message(self.Back(self))


def filtered_rows(
    rows: list[tuple[Text, Row | None]], item_filter: ItemFilter
) -> list[tuple[Text, Row | None]]:
    """The rows a filter keeps, and the headings that still head one of them."""
    kept = [(label, row) for label, row in rows if row is None or item_filter.accepts(row)]
    return [
        (label, row)
        for at, (label, row) in enumerate(kept)
        if row is not None or (at + 1 < len(kept) and kept[at + 1][1] is not None)
    ]


def _errors_first(finding: Finding) -> tuple[bool, int]:
    line = finding.location.line if finding.location else 0
    return (not finding.is_error, line)


def _rows(briefing: Briefing, section: Section) -> Iterator[tuple[Text, Row | None]]:
    if section is Section.OVERVIEW:
        # The overview lists the sections, so the reader can see and open each at a glance.
        yield Text("About this briefing"), Section.OVERVIEW
        for other in Section:
            if other is not Section.OVERVIEW:
                yield section_label(other, briefing.count(other)), other
    elif section is Section.POSITIONS:
        for issue in briefing.issues:
            positions = [p for p in briefing.positions if p.issue.id == issue.id]
            if positions:
                yield issue_heading(issue), None
                for position in positions:
                    yield item_label(position), position
    else:
        for item in briefing.items(section):
            yield item_label(item), item
