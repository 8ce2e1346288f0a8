"""The positions matrix: parties down, issues across, each cell a stance in a few lines.

A DataTable with a cell cursor draws only the rows in view and moves between cells itself; this
adds the h/j/k/l keys, and reports the cell under the cursor (messages up) so the screen can show
the full position in the detail pane.

Nothing in it is cut where a reader cannot tell: the issues shown are the whole columns that fit
the pane (never a column scrolled half out of view), the title says which of how many they are,
and moving past the last one brings in the next. Each cell wraps its stance over a few lines and
ends with "…" at a word if there is more, which the detail beside it shows in full.
"""

from __future__ import annotations

import textwrap

import msgspec
from rich.text import Text
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable

from briefing.model import Briefing, Issue, Party, Position
from briefing.render.styles import HEADING, MUTED
from briefing.tui.keys import MATRIX
from briefing.tui.widgets.pane import TitledPane
from briefing.tui.widgets.scrollbar import QuickScrollbars

# A column's width in cells: at least this, to be read; at most this, not to sprawl.
MIN_CELL = 14
MAX_CELL = 36
# Lines of a stance in a cell, and of an issue's title in the header.
CELL_LINES = 4
HEADER_LINES = 2
# A party's name as a row's label, cut past this width (the detail has it whole).
LABEL_WIDTH = 22


class Cell(msgspec.Struct, frozen=True):
    party: Party
    issue: Issue
    positions: tuple[Position, ...]


def fit_lines(text: str, width: int, lines: int) -> list[str]:
    """`text` wrapped to `width`, at most `lines` lines, the last ending in "…" at a word if
    some was left out."""
    wrapped = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(wrapped) <= lines:
        return wrapped
    kept = wrapped[:lines]
    last = kept[-1]
    while last and len(last) + 1 > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[: width - 1]
    kept[-1] = last.rstrip(" ,;:") + "…"
    return kept


class PositionsMatrix(QuickScrollbars, DataTable[Text], TitledPane):
    # Shelved (hidden) until the screen puts it in the middle pane.
    DEFAULT_CLASSES = "pane -shelved"
    PANE_NAME = "Positions matrix"
    BINDINGS = MATRIX

    class Moved(Message):
        """The cursor is on a cell."""

        def __init__(self, matrix: PositionsMatrix, cell: Cell) -> None:
            super().__init__()
            self.matrix = matrix
            self.cell = cell

        @property
        def control(self) -> PositionsMatrix:
            return self.matrix

    class Opened(Message):
        """Enter on a cell: read its position in the detail."""

        def __init__(self, matrix: PositionsMatrix) -> None:
            super().__init__()
            self.matrix = matrix

        @property
        def control(self) -> PositionsMatrix:
            return self.matrix

    class Left(Message):
        def __init__(self, matrix: PositionsMatrix) -> None:
            super().__init__()
            self.matrix = matrix

        @property
        def control(self) -> PositionsMatrix:
            return self.matrix

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True)
        self.parties: list[Party] = []
        self.issues: list[Issue] = []
        self._cells: dict[tuple[str, str], tuple[Position, ...]] = {}
        # The issues shown: `shown` columns from `first`, as many as fit the pane.
        self.first = 0
        self.shown = 0
        self._width = 0

    def show(self, briefing: Briefing, at: tuple[str, str] | None = None) -> None:
        """The positions of a briefing, the cursor on (party id, issue id) or the first cell."""
        cells: dict[tuple[str, str], list[Position]] = {}
        for position in briefing.positions:
            cells.setdefault((position.party.id, position.issue.id), []).append(position)
        self._cells = {key: tuple(found) for key, found in cells.items()}
        taken = {party_id for party_id, _ in cells}
        self.parties = [party for party in briefing.parties if party.id in taken]
        covered = {issue_id for _, issue_id in cells}
        self.issues = [issue for issue in briefing.issues if issue.id in covered]
        self.first = 0
        self.go_to(at)

    # --- the columns that fit --------------------------------------------------------------------

    def _layout(self) -> tuple[int, int]:
        """How many issue columns fit the pane, and each one's width (without its padding)."""
        pad = 2 * self.cell_padding
        names = max((len(party.name) for party in self.parties), default=0)
        room = self.scrollable_content_region.width - min(names, LABEL_WIDTH) - pad
        fit = max(1, min(len(self.issues), room // (MIN_CELL + pad)))
        width = max(1, min(MAX_CELL, room // fit - pad)) if room > 0 else MIN_CELL
        return fit, width

    def _build(self, row: int, issue: int) -> None:
        """Fill the table with the columns that fit, the cursor on a party's row and an issue."""
        self._width = self.scrollable_content_region.width
        fit, width = self._layout()
        if not self.first <= issue < self.first + fit:
            self.first = issue if issue < self.first else issue - fit + 1
        self.first = max(0, min(self.first, len(self.issues) - fit))
        self.shown = min(fit, len(self.issues))
        columns = self.issues[self.first : self.first + self.shown]
        headers = [fit_lines(issue.title, width, HEADER_LINES) for issue in columns]

        self.clear(columns=True)
        self.header_height = max((len(lines) for lines in headers), default=1)
        for column, lines in zip(columns, headers, strict=True):
            self.add_column(Text("\n".join(lines), style=HEADING), width=width, key=column.id)
        for party in self.parties:
            label = fit_lines(party.name, LABEL_WIDTH, 1)[0]
            row_cells = [self._cell_text(party, issue, width) for issue in columns]
            self.add_row(*row_cells, key=party.id, label=Text(label, style=HEADING), height=None)
        self._title()
        if self.parties and self.issues:
            self.move_cursor(row=row, column=issue - self.first, animate=False)
            self._report()

    def _title(self) -> None:
        title = "Positions matrix"
        if self.shown < len(self.issues):
            last = self.first + self.shown
            which = f" {last}" if self.shown == 1 else f"s {self.first + 1}–{last}"
            title += f" · issue{which} of {len(self.issues)}"
            title += (" ←" if self.first else "") + (" →" if last < len(self.issues) else "")
        self.pane_title = title

    def _cell_text(self, party: Party, issue: Issue, width: int) -> Text:
        positions = self._cells.get((party.id, issue.id), ())
        if not positions:
            return Text("")
        more = f" +{len(positions) - 1}" if len(positions) > 1 else ""
        lines = fit_lines(positions[0].stance, width, CELL_LINES)
        if more and len(lines[-1]) + len(more) > width:
            lines.append("")
        text = Text("\n".join(lines))
        if more:
            text.append(more, style=MUTED)
        return text

    def on_resize(self, event: Resize) -> None:
        if self.parties and self.issues and self.scrollable_content_region.width != self._width:
            row, column = self.cursor_coordinate
            self._build(row, self.first + column)

    # --- the cursor ------------------------------------------------------------------------------

    def go_to(self, at: tuple[str, str] | None) -> None:
        """Put the cursor on a party's cell for an issue; the first cell if there is none."""
        row = issue = 0
        if at is not None:
            party_id, issue_id = at
            row = next((i for i, p in enumerate(self.parties) if p.id == party_id), 0)
            issue = next((i for i, s in enumerate(self.issues) if s.id == issue_id), 0)
        self._build(row, issue)

    def action_cursor_right(self) -> None:
        row, column = self.cursor_coordinate
        if column == self.shown - 1 and self.first + self.shown < len(self.issues):
            self._build(row, self.first + column + 1)  # the next issue comes into the columns
        else:
            super().action_cursor_right()

    def action_cursor_left(self) -> None:
        row, column = self.cursor_coordinate
        if column == 0 and self.first > 0:
            self._build(row, self.first - 1)
        else:
            super().action_cursor_left()

    def cell(self) -> Cell | None:
        """The cell under the cursor."""
        if not self.parties or not self.issues or not self.shown:
            return None
        row, column = self.cursor_coordinate
        party, issue = self.parties[row], self.issues[self.first + column]
        return Cell(party, issue, self._cells.get((party.id, issue.id), ()))

    def _report(self) -> None:
        cell = self.cell()
        if cell is not None:
            self.border_subtitle = Text(f"{cell.party.name} · {cell.issue.title}")
            self.post_message(self.Moved(self, cell))

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        self._report()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.post_message(self.Opened(self))

    def action_leave(self) -> None:
        self.post_message(self.Left(self))
