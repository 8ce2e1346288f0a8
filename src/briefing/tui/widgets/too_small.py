"""What the reader shows in a terminal too small for its panes: how much room it needs."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class TooSmall(Static):
    """Shown instead of the panes (see reader.tcss, `.-too-small`)."""

    def __init__(self, width: int, height: int, *, id: str | None = None) -> None:
        message = Text(f"Too small: the reader needs {width}×{height}. Enlarge the terminal.")
        super().__init__(message, id=id, markup=False)
