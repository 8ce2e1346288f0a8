"""A banner above the panes while the briefing shown is not the one on disk.

After an edit with errors the reader keeps the last good version; this says so, with the errors
and their places, until an edit fixes them. After the file is deleted, it says that instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from briefing.render.labels import BROKEN_MARK
from briefing.render.styles import ERROR, HEADING, MUTED
from briefing.text import show_path

if TYPE_CHECKING:
    from briefing.library.reload import Stale

# Past this many, the errors are counted: the items pane lists none of them, and this is a banner.
MAX_SHOWN = 3


def stale_text(stale: Stale) -> Text:
    name = show_path(stale.path.name)
    text = Text()
    if stale.deleted:
        text.append(f"{BROKEN_MARK} {name} was deleted", style=ERROR)
        text.append(": showing the last version read.", style=HEADING)
        return text
    errors = stale.errors
    count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
    text.append(f"{BROKEN_MARK} {name} has {count}", style=ERROR)
    text.append(": showing the last good version until they are fixed.", style=HEADING)
    for error in errors[:MAX_SHOWN]:
        text.append("\n  ")
        where = f"{error.location.line}:{error.location.column}" if error.location else name
        text.append(where, style=HEADING)
        text.append(" ")
        text.append(error.message)
    if len(errors) > MAX_SHOWN:
        text.append(f"\n  … and {len(errors) - MAX_SHOWN} more", style=MUTED)
    return text


class ReloadBanner(Static):
    DEFAULT_CSS = """
    ReloadBanner {
        height: auto;
        max-height: 5;
        display: none;
        padding: 0 1;
        background: $error 15%;
        border-left: thick $error;
    }
    ReloadBanner.-shown {
        display: block;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.stale: Stale | None = None

    def show_stale(self, stale: Stale | None) -> None:
        if stale is None and self.stale is None:
            # Nothing shown and nothing to show: an update would lay out the screen again.
            return
        self.stale = stale
        self.set_class(stale is not None, "-shown")
        self.update(stale_text(stale) if stale is not None else Text())
