"""The footer at every width: help and quit always shown, no hint ever cut in half."""

from __future__ import annotations

import pytest

from briefing.library import Library
from briefing.tui.keys import HINT_RANKS
from briefing.tui.settings import reader_bindings
from briefing.tui.widgets.key_hints import Hint, KeyHints, fitting
from tests.tui.conftest import make_app, screen_lines

pytestmark = pytest.mark.anyio

WIDTHS = range(40, 161, 6)


def whole_hints(line: str, hints: list[Hint]) -> bool:
    """Whether the footer's line is some of the hints, each whole, in their order."""
    at = 0
    for hint in hints:
        part = f" {hint.keys} {hint.description} "
        if line.startswith(part, at):
            at += len(part)
    return line[at:].strip() == ""


@pytest.mark.parametrize(
    "keys", [(), ("3",), ("3", "tab"), ("3", "m")], ids=["navigator", "items", "detail", "matrix"]
)
async def test_help_and_quit_show_at_every_width(library: Library, keys: tuple[str, ...]) -> None:
    app = make_app(library, briefing_id="river-treaty")
    async with app.run_test(size=(WIDTHS[-1], 24)) as pilot:
        await pilot.press(*keys)
        for width in WIDTHS:
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            footer = screen_lines(app)[-1]
            hints = list(app.screen.query_one(KeyHints).hints())
            assert "? Help" in footer and "q Quit" in footer, (width, footer)
            assert whole_hints(footer, hints), (width, footer)
            if width >= 60:
                assert "^p Palette" in footer, (width, footer)


def test_the_least_important_hints_go_first() -> None:
    hints = [
        Hint("esc", "Back", "escape", 1),
        Hint("/", "Search", "slash", 3),
        Hint("b", "Bookmark", "b", 6),
        Hint("?", "Help", "question_mark", 0),
        Hint("q", "Quit", "q", 0),
    ]
    every = sum(hint.width for hint in hints)
    assert fitting(hints, every) == hints
    assert fitting(hints, every - 1) == [hints[0], hints[1], hints[3], hints[4]]
    assert fitting(hints, hints[3].width + hints[4].width) == [hints[3], hints[4]]


def test_every_hint_shown_has_a_rank() -> None:
    shown = {b.id for b in reader_bindings() if b.show and b.description and b.id}
    assert shown <= set(HINT_RANKS), shown - set(HINT_RANKS)
