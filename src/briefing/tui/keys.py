"""The reader's key bindings, as data.

Every binding has an id (`briefing.*`) so a keymap (`App.set_keymap`) can rebind it, and a
description, from which the help screen and the footer are generated. Panes share the same ids
for the same intent ("down" moves the cursor in a list and scrolls the detail), so one keymap
entry rebinds it everywhere.

Reading in depth (`IN_DEPTH`) takes m s c C y backspace alt+left alt+right; finding things
(`FIND`) takes / n N f F o; reading state and editing (`READING`) take b B e.
"""

from __future__ import annotations

from textual.binding import Binding

from briefing.model import Section

# How much each hint in the footer matters, by binding id: 0 most. A footer too narrow for every
# hint leaves out the highest ranks first (the later of two equal ones first), so the keys for
# help and quitting show at any width. A shown binding without a rank ranks last.
HINT_RANKS: dict[str, int] = {}
LAST_RANK = 9
# The command palette's key is Textual's own binding, not one of these.
PALETTE_RANK = 1


def ranked(rank: int, binding: Binding) -> Binding:
    """A binding whose footer hint has this rank (see `HINT_RANKS`)."""
    assert binding.id is not None, "a ranked binding needs an id"
    HINT_RANKS[binding.id] = rank
    return binding


def move_bindings(
    *,
    down: str = "scroll_down",
    up: str = "scroll_up",
    first: str = "scroll_home",
    last: str = "scroll_end",
    page_down: str = "page_down",
    page_up: str = "page_up",
) -> list[Binding]:
    """Moving within a pane, mapped onto the pane's own actions (scrolling, by default)."""
    return [
        Binding("down,j", down, "Down", show=False, id="briefing.down"),
        Binding("up,k", up, "Up", show=False, id="briefing.up"),
        Binding("home,g", first, "First", show=False, id="briefing.first"),
        Binding("end,G", last, "Last", show=False, id="briefing.last"),
        Binding("pagedown", page_down, "Page down", show=False, id="briefing.page-down"),
        Binding("pageup", page_up, "Page up", show=False, id="briefing.page-up"),
    ]


def pane_bindings(**moves: str) -> list[Binding]:
    """Moving, opening and going back: the keys every pane answers to."""
    return [
        *move_bindings(**moves),
        ranked(2, Binding("enter,l,right", "open", "Open", key_display="⏎", id="briefing.open")),
        ranked(1, Binding("escape,h,left", "back", "Back", key_display="esc", id="briefing.back")),
    ]


_MATCHES = Binding.Group("Hit", compact=True)

# Finding things (see find.py): the search box, its hits, filters and the library's order.
FIND = [
    ranked(
        3,
        Binding("slash", "search", "Search", key_display="/", priority=True, id="briefing.search"),
    ),
    Binding("n", "next_match(1)", "Next hit", show=False, group=_MATCHES, id="briefing.next-hit"),
    Binding(
        "N",
        "next_match(-1)",
        "Previous hit",
        show=False,
        group=_MATCHES,
        id="briefing.previous-hit",
    ),
    Binding("f", "filter", "Filter", show=False, id="briefing.filter"),
    Binding("F", "clear_filter", "Clear filter", show=False, id="briefing.clear-filter"),
    Binding("o", "sort", "Sort briefings", show=False, id="briefing.sort"),
]

# In the search box: keys that move through the hits while the query is being typed.
SEARCH = [
    ranked(
        1,
        Binding(
            "escape", "close", "Back to the reader", key_display="esc", id="briefing.close-search"
        ),
    ),
    Binding("down", "cursor(1)", "Next hit", show=False, id="briefing.search-down"),
    Binding("up", "cursor(-1)", "Previous hit", show=False, id="briefing.search-up"),
    Binding("pagedown", "page(1)", "Page down", show=False, id="briefing.search-page-down"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="briefing.search-page-up"),
]

# In a filter picker: space chooses (the list's own key); enter applies wherever focus is.
FILTER_PICKER = [
    ranked(
        2,
        Binding(
            "enter", "apply", "Apply", key_display="⏎", priority=True, id="briefing.apply-filter"
        ),
    ),
    ranked(
        1, Binding("escape", "cancel", "Cancel", key_display="esc", id="briefing.cancel-filter")
    ),
]

_SECTIONS = Binding.Group("Section", compact=True)
_BRIEFINGS = Binding.Group("Briefing", compact=True)

# Reading state and editing: bookmarks, and the briefing in the curator's editor.
READING = [
    ranked(6, Binding("b", "bookmark", "Bookmark", id="briefing.bookmark")),
    Binding("B", "bookmarks", "Bookmarks", show=False, id="briefing.bookmarks"),
    Binding("e", "edit", "Edit in $EDITOR", show=False, id="briefing.edit"),
]

# The bookmarks list: move, and go to the bookmarked item.
BOOKMARK_LIST = [
    *move_bindings(down="cursor_down", up="cursor_up", first="first", last="last"),
    ranked(2, Binding("enter,l,right", "select", "Go there", key_display="⏎", id="briefing.open")),
]

BOOKMARKS = [
    ranked(
        1,
        Binding(
            "escape,q,B",
            "close",
            "Close bookmarks",
            key_display="esc",
            id="briefing.close-bookmarks",
        ),
    ),
]

READER = [
    ranked(3, Binding("tab", "next_pane", "Next pane", key_display="⇥", id="briefing.next-pane")),
    Binding("shift+tab", "previous_pane", "Previous pane", show=False, id="briefing.previous-pane"),
    *(
        ranked(
            4,
            Binding(
                str(number),
                f"section('{section.value}')",
                f"Go to {section.title}",
                group=_SECTIONS,
                id=f"briefing.section-{section.value}",
            ),
        )
        for number, section in enumerate(Section, 1)
    ),
    ranked(
        5,
        Binding(
            "[",
            "briefing(-1)",
            "Previous briefing",
            group=_BRIEFINGS,
            id="briefing.previous-briefing",
        ),
    ),
    ranked(
        5,
        Binding("]", "briefing(1)", "Next briefing", group=_BRIEFINGS, id="briefing.next-briefing"),
    ),
    *FIND,
    *READING,
]

_HISTORY = Binding.Group("History", compact=True)

# Reading in depth: links, history, the positions matrix, the source view, copying.
IN_DEPTH = [
    Binding("m", "matrix", "Positions matrix", show=False, id="briefing.matrix"),
    Binding("s", "open_source", "Open in the source", show=False, id="briefing.open-source"),
    Binding("c", "cited_span(1)", "Next cited span", show=False, id="briefing.next-cited-span"),
    Binding(
        "C", "cited_span(-1)", "Previous cited span", show=False, id="briefing.previous-cited-span"
    ),
    Binding("y", "copy", "Copy as text", show=False, id="briefing.copy"),
    Binding(
        "backspace,alt+left",
        "history_back",
        "Back in history",
        key_display="⌫",
        show=False,
        group=_HISTORY,
        id="briefing.history-back",
    ),
    Binding(
        "alt+right",
        "history_forward",
        "Forward in history",
        show=False,
        group=_HISTORY,
        id="briefing.history-forward",
    ),
]

# The positions matrix: the arrows (the table's own keys) and h/j/k/l move between cells.
MATRIX = [
    Binding("j", "cursor_down", "Down", show=False, id="briefing.matrix-down"),
    Binding("k", "cursor_up", "Up", show=False, id="briefing.matrix-up"),
    Binding("h", "cursor_left", "Left", show=False, id="briefing.matrix-left"),
    Binding("l", "cursor_right", "Right", show=False, id="briefing.matrix-right"),
    ranked(
        1,
        Binding(
            "escape", "leave", "Leave the matrix", key_display="esc", id="briefing.leave-matrix"
        ),
    ),
]

APP = [
    ranked(0, Binding("question_mark,f1", "help", "Help", key_display="?", id="briefing.help")),
    ranked(0, Binding("q", "quit", "Quit", id="briefing.quit")),
]

HELP = [
    ranked(
        1, Binding("escape,q,question_mark,f1", "close", "Close help", id="briefing.close-help")
    ),
]
