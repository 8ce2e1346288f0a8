"""Small pickers for the filters: positions and events by party and issue, briefings by tag,
status and as-of range. Each returns the filter chosen, or nothing when escaped.

Names, titles and tags come from briefing files: every label is a Text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from briefing.filters import (
    ItemFilter,
    LibraryFilter,
    Listing,
    issue_choices,
    parse_date_bound,
    party_choices,
    status_choices,
    tag_choices,
)
from briefing.model import Briefing, Section
from briefing.render.styles import MUTED
from briefing.tui.keys import FILTER_PICKER
from briefing.tui.widgets.key_hints import KeyHints


def _counted(name: str, count: int) -> Text:
    return Text(name).append(f"  {count}", style=MUTED)


def _heading(words: str) -> Label:
    return Label(Content(words), classes="picker-heading")


class _Picker(ModalScreen):
    BINDINGS = FILTER_PICKER
    DEFAULT_CSS = """
    _Picker {
        align: center middle;
        background: $background 60%;
    }
    #picker {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: heavy $accent;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    #picker SelectionList {
        height: auto;
        max-height: 10;
        border: none;
        padding: 0;
    }
    #picker .picker-heading {
        margin-top: 1;
        text-style: bold;
    }
    #picker-dates {
        height: auto;
    }
    #picker-dates Input {
        width: 1fr;
    }
    #picker-error {
        color: $text-error;
        height: auto;
    }
    """
    TITLE_TEXT = "Filter"

    def compose(self) -> ComposeResult:
        with Vertical(id="picker") as box:
            box.border_title = Content(self.TITLE_TEXT)
            box.border_subtitle = Content("space choose · ⏎ apply · esc cancel")
            yield from self.body()
        yield KeyHints()

    def body(self) -> ComposeResult:
        yield from ()

    def action_cancel(self) -> None:
        self.dismiss(None)


class ItemFilterPicker(_Picker):
    """Which parties and issues to keep in Positions or Timeline (any of those chosen)."""

    def __init__(self, briefing: Briefing, section: Section, current: ItemFilter) -> None:
        super().__init__()
        self.briefing = briefing
        self.section = section
        self.current = current
        self.TITLE_TEXT = f"Filter {section.title.lower()}"

    def body(self) -> ComposeResult:
        parties = party_choices(self.briefing, self.section)
        yield _heading("Parties")
        yield SelectionList[str](
            *(Selection(Text(p.name), p.id, p.id in self.current.parties) for p in parties),
            id="picker-parties",
        )
        issues = issue_choices(self.briefing, self.section)
        if issues:
            yield _heading("Issues")
            yield SelectionList[str](
                *(Selection(Text(i.title), i.id, i.id in self.current.issues) for i in issues),
                id="picker-issues",
            )

    def action_apply(self) -> None:
        parties = frozenset(self.query_one("#picker-parties", SelectionList).selected)
        issues = self.query("#picker-issues")
        chosen = frozenset(issues.first(SelectionList).selected) if issues else frozenset()
        self.dismiss(ItemFilter(parties, chosen))


class LibraryFilterPicker(_Picker):
    """Which briefings to list: by tag and status (any of those chosen) and as-of range."""

    TITLE_TEXT = "Filter the library"

    def __init__(self, briefings: Sequence[Listing], current: LibraryFilter) -> None:
        super().__init__()
        self.briefings = briefings
        self.current = current

    def body(self) -> ComposeResult:
        current = self.current
        yield _heading("Tags")
        yield SelectionList[str](
            *(
                Selection(_counted(tag, count), tag, tag in current.tags)
                for tag, count in tag_choices(self.briefings)
            ),
            id="picker-tags",
        )
        yield _heading("Status")
        yield SelectionList[str](
            *(
                Selection(_counted(status, count), status, status in current.statuses)
                for status, count in status_choices(self.briefings)
            ),
            id="picker-statuses",
        )
        yield _heading("As of (YYYY, YYYY-MM or YYYY-MM-DD)")
        with Horizontal(id="picker-dates"):
            since = current.since.isoformat() if current.since else ""
            until = current.until.isoformat() if current.until else ""
            yield Input(since, placeholder="from", id="picker-since")
            yield Input(until, placeholder="to", id="picker-until")
        yield Static(id="picker-error")

    def action_apply(self) -> None:
        try:
            since = parse_date_bound(self.query_one("#picker-since", Input).value, end=False)
            until = parse_date_bound(self.query_one("#picker-until", Input).value, end=True)
        except ValueError as error:
            self.query_one("#picker-error", Static).update(Content(str(error)))
            self.app.bell()
            return
        if since and until and until < since:
            self.query_one("#picker-error", Static).update(Content("“to” is before “from”"))
            self.app.bell()
            return
        self.dismiss(
            LibraryFilter(
                tags=frozenset(self.query_one("#picker-tags", SelectionList).selected),
                statuses=frozenset(self.query_one("#picker-statuses", SelectionList).selected),
                since=since,
                until=until,
            )
        )
