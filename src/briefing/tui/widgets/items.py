"""The items pane: the items of one section, or the problems of a broken briefing.

An OptionList draws its rows itself, so a long section costs one widget, not one per row. Moving
the cursor repaints the rows it leaves and reaches and the line with the count, not the list.
An item's reading marks stand in a column of their own: a long row wraps under its text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing.filters import ItemFilter
from briefing.findings import Finding
from briefing.loader import LoadResult
from briefing.model import Briefing, Item, Section
from briefing.render.labels import finding_label, issue_heading, item_label, section_label
from briefing.render.styles import MUTED
from briefing.tui import internals
from briefing.tui.keys import pane_bindings
from briefing.tui.widgets.framing import framing_cache
from briefing.tui.widgets.paging import SafePaging
from briefing.tui.widgets.pane import TitledPane
from briefing.tui.widgets.scrollbar import QuickScrollbars

# What a row stands for: an item, a finding of a broken file, or (in the overview) a section.
Row = Item | Finding | Section


class MarkedRow(Visual):
    """A row with its reading marks before it, its text wrapped under the text, not the marks."""

    def __init__(self, marks: Content, label: Content) -> None:
        self.marks = marks
        self.label = label

    def __str__(self) -> str:
        return self.marks.plain + self.label.plain

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.marks.cell_length + self.label.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.marks.cell_length + self.label.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return max(self.label.get_height(rules, max(width - self.marks.cell_length, 1)), 1)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        indent = self.marks.cell_length
        rows = self.label.render_strips(max(width - indent, 1), height, style, options) or [
            Strip([])
        ]
        # Drawn as they are, not wrapped: wrapping would drop the blank of a mark not shown.
        first = Strip(self.marks.render_segments(style), indent)
        under = Strip.blank(indent, style.rich_style)
        return [Strip.join([first if at == 0 else under, row]) for at, row in enumerate(rows)]


class ItemsPane(SafePaging, QuickScrollbars, OptionList, TitledPane):
    DEFAULT_CLASSES = "pane"
    PANE_NAME = "Items"
    BINDINGS = pane_bindings(down="cursor_down", up="cursor_up", first="first", last="last")

    # Not repainting the whole list: `watch_highlighted` repaints the rows that changed.
    highlighted: reactive[int | None] = reactive(None, repaint=False)
    # A new section's rows change only this list's scrolling: not a layout of the whole screen
    # (its size is set by the screen, not by its rows; a scrollbar that comes or goes still
    # lays the list out).
    virtual_size: reactive[Size] = reactive(Size(0, 0), layout=False)

    class Highlighted(Message):
        def __init__(self, pane: ItemsPane, row: Row) -> None:
            super().__init__()
            self.pane = pane
            self.row = row

        @property
        def control(self) -> ItemsPane:
            return self.pane

    class Opened(Message):
        def __init__(self, pane: ItemsPane, row: Row) -> None:
            super().__init__()
            self.pane = pane
            self.row = row

        @property
        def control(self) -> ItemsPane:
            return self.pane

    class Back(Message):
        def __init__(self, pane: ItemsPane) -> None:
            super().__init__()
            self.pane = pane

        @property
        def control(self) -> ItemsPane:
            return self.pane

    def __init__(
        self, *, id: str | None = None, mark: Callable[[Row, Text], Text] | None = None
    ) -> None:
        super().__init__(id=id)
        # A line scrolled to another row is not framed again (framing.py).
        self._styles_cache = framing_cache()
        # Parallel to the options: what each one stands for (None for a heading), and its label.
        self.rows: list[Row | None] = []
        self.labels: list[Text] = []
        # Adds reading marks (unread, bookmarked) to a row's label.
        self.mark = mark
        # By option: its place among the rows that are items (not headings), for "3 of 12".
        self._ordinals: dict[int, int] = {}
        self._position = ""
        # While the pane draws its lines: what they are drawn with (True until it is found).
        self._drawing: _Drawing | bool | None = None

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
                count = f" ({kept} of {briefing.count(section)} shown)"
                # The filter in full, above the rows: a title too narrow for it would cut it.
                rows.insert(0, (filter_line(item_filter.describe(briefing)), None))
            self.pane_title = section.title + count
        if not rows:
            rows = [(Text().append("Nothing in this section.", style=MUTED), None)]
        self.rows = [row for _, row in rows]
        self.labels = [label for label, _ in rows]
        enabled = [index for index, row in enumerate(self.rows) if row is not None]
        self._ordinals = {index: ordinal for ordinal, index in enumerate(enabled, 1)}
        self.set_options(
            Option(self._marked(row, label), disabled=row is None) for label, row in rows
        )
        self.highlighted = self._index_of(item_id)

    def show_nothing(self) -> None:
        """No briefing to list (the library is empty)."""
        self.pane_title = self.PANE_NAME
        self.rows, self.labels, self._ordinals = [None], [Text("No briefings.", style=MUTED)], {}
        self.set_options([Option(self.labels[0], disabled=True)])
        self.highlighted = None
        self._show_position("")

    def _marked(self, row: Row | None, label: Text) -> Text | MarkedRow:
        if row is None or self.mark is None:
            return label
        # The marks alone: what `mark` adds to an empty label.
        marks = self.mark(row, Text())
        if not marks.plain:
            return label
        console = self.app.console
        return MarkedRow(
            Content.from_rich_text(marks, console=console),
            Content.from_rich_text(label, console=console),
        )

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

    # --- drawing ---------------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # OptionList's `render_line` finds the list's lines, its width and padding and the row's
        # style again for each line (~25 µs a line, most of redrawing a scrolled list): a pass
        # over the pane finds them once. It reads OptionList's insides: only in a Textual whose
        # OptionList a test compared it with (internals.py).
        if not internals.checked():
            return super().render_lines(crop)
        # OptionList's `render_lines` brings the lines up to date before drawing any.
        self._drawing = True
        try:
            return super().render_lines(crop)
        finally:
            self._drawing = None

    def render_line(self, y: int) -> Strip:
        drawing = self._drawing
        if drawing is None:
            return super().render_line(y)
        if drawing is True:
            # Found at the first line the pass draws: most passes draw none (their lines kept).
            drawing = self._drawing = _Drawing(self)
        try:
            index, offset = drawing.lines[drawing.top + y]
        except IndexError:
            return super().render_line(y)
        option = self.options[index]
        if option.disabled:
            style = drawing.style("option-list--option-disabled")
        elif index == drawing.highlighted:
            style = drawing.style("option-list--option-highlighted")
        elif index == self._mouse_hovering_over:
            style = drawing.style("option-list--option-hover")
        else:
            style = drawing.style()
        strips = self._option_render_cache.get((option, style, drawing.padding))
        if strips is None:
            strips = self._get_option_render(option, style)
        return strips[offset] if offset < len(strips) else super().render_line(y)

    # --- messages up -----------------------------------------------------------------------------

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            if index is not None and 0 <= index < self.option_count:
                line = self._index_to_line.get(index)
                if line is not None:
                    self.refresh_lines(line, self._heights.get(index, 1))
        super().watch_highlighted(new)

    def _row_of(self, event: OptionList.OptionMessage) -> Row | None:
        """The row a message of the list is about; None if the list was filled anew since it
        was sent (keys come faster than a section is drawn)."""
        index = event.option_index
        if not 0 <= index < len(self.rows) or self.options[index] is not event.option:
            return None
        return self.rows[index]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        row = self._row_of(event)
        if row is not None:
            self._show_position(f"{self._ordinals[event.option_index]} of {len(self._ordinals)}")
            self.post_message(self.Highlighted(self, row))

    def _show_position(self, position: str) -> None:
        """Say in the bottom border which item of how many the cursor is on."""
        if position == self._position:
            return
        self._position = position
        # The border_subtitle property repaints the whole list; only the bottom border shows it.
        self._border_subtitle = Content(position)
        offset = self.content_offset
        width, height = self.outer_size
        self.refresh(Region(-offset.x, height - 1 - offset.y, width, 1))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Enter and clicks both arrive here.
        event.stop()
        row = self._row_of(event)
        if row is not None:
            self.post_message(self.Opened(self, row))

    def action_open(self) -> None:
        self.action_select()

    def action_back(self) -> None:
        self.post_message(self.Back(self))


class _Drawing:
    """What every line of one pass over the items pane is drawn with."""

    def __init__(self, pane: ItemsPane) -> None:
        self.pane = pane
        self.lines = pane._line_cache.lines
        self.top = pane.scroll_offset.y
        self.highlighted = pane.highlighted
        self.padding = pane.get_component_styles("option-list--option").padding
        self._styles: dict[tuple[str, ...], Style] = {}

    def style(self, *component_classes: str) -> Style:
        """The style of an option with these component classes too (none: a plain option)."""
        style = self._styles.get(component_classes)
        if style is None:
            style = self.pane.get_visual_style("option-list--option", *component_classes)
            self._styles[component_classes] = style
        return style


def filter_line(description: str) -> Text:
    """The line above a filtered list that says what it keeps, and how to see everything."""
    text = Text("Filtered to ", style=MUTED)
    text.append(description)
    text.append(" · F shows all", style=MUTED)
    return text


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
                heading = issue_heading(issue)
                heading.stylize("bold underline")
                yield heading, None
                for position in positions:
                    yield item_label(position), position
    else:
        for item in briefing.items(section):
            yield item_label(item), item
