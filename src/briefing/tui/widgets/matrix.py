"""The positions matrix: parties down, issues across, each cell a stance in a few words.

A DataTable with a cell cursor draws only the rows in view and moves between cells itself; this
adds the h/j/k/l keys, and reports the cell under the cursor (messages up) so the screen can show
the full position in the detail pane.
"""

from __future__ import annotations

import msgspec
from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from briefing.model import Briefing, Issue, Party, Position
from briefing.render.styles import HEADING, MUTED
from briefing.text import shorten
from briefing.tui.keys import MATRIX
from briefing.tui.widgets.pane import TitledPane
from briefing.tui.widgets.scrollbar import QuickScrollbars

# A cell's stance, cut to this many characters: enough to tell positions apart at a glance.
CELL_WIDTH = 18


class Cell(msgspec.Struct, frozen=True):
    party: Party
    issue: Issue
    positions: tuple[Position, ...]


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

        self.clear(columns=True)
        self.pane_title = "Positions matrix"
        for issue in self.issues:
            self.add_column(Text(shorten(issue.title, CELL_WIDTH), style=HEADING), key=issue.id)
        for party in self.parties:
            row = [self._cell_text(party, issue) for issue in self.issues]
            self.add_row(*row, key=party.id, label=Text(party.name, style=HEADING))
        self.go_to(at)

    def _cell_text(self, party: Party, issue: Issue) -> Text:
        positions = self._cells.get((party.id, issue.id), ())
        if not positions:
            return Text("")
        text = Text(shorten(positions[0].stance, CELL_WIDTH))
        if len(positions) > 1:
            text.append(f" +{len(positions) - 1}", style=MUTED)
        return text

    def go_to(self, at: tuple[str, str] | None) -> None:
        """Put the cursor on a party's cell for an issue; the first cell if there is none."""
        row = column = 0
        if at is not None:
            party_id, issue_id = at
            row = next((i for i, p in enumerate(self.parties) if p.id == party_id), 0)
            column = next((i for i, s in enumerate(self.issues) if s.id == issue_id), 0)
        if self.parties and self.issues:
            self.move_cursor(row=row, column=column, animate=False)
            self._report(row, column)

    def cell(self) -> Cell | None:
        """The cell under the cursor."""
        if not self.parties or not self.issues:
            return None
        row, column = self.cursor_coordinate
        party, issue = self.parties[row], self.issues[column]
        return Cell(party, issue, self._cells.get((party.id, issue.id), ()))

    def _report(self, row: int, column: int) -> None:
        cell = self.cell()
        if cell is not None:
            self.border_subtitle = Text(f"{cell.party.name} · {cell.issue.title}")
            self.post_message(self.Moved(self, cell))

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        self._report(event.coordinate.row, event.coordinate.column)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.post_message(self.Opened(self))

    def action_leave(self) -> None:
        self.post_message(self.Left(self))
