"""Random use: random keys and terminal sizes never crash the reader or leave it inconsistent."""

from __future__ import annotations

import asyncio
import functools

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from textual import events
from textual.pilot import Pilot

from briefing.library import Library, load_library
from briefing.tui.app import BriefingApp
from briefing.tui.options import ReaderOptions
from briefing.tui.screens.reader import ReaderScreen
from briefing.tui.start import Start
from tests.tui.conftest import LIBRARY


class Burst(tuple[str, ...]):
    """Keys posted to the app all at once."""

    def __new__(cls, keys: list[str]) -> Burst:
        return super().__new__(cls, keys)

    def post(self, app: BriefingApp) -> None:
        for key in self:
            character = " " if key == "space" else key if len(key) == 1 else None
            app.post_message(events.Key(key, character))


# Every key the reader binds, and some it does not; `q` and ctrl+c would end the run early.
KEYS = [
    *"jkhlgG[]?bBe123456789xz",
    *["tab", "shift+tab", "enter", "escape", "left", "right", "up", "down"],
    *["home", "end", "pageup", "pagedown", "f1", "space", "backspace"],
]
SIZES = st.tuples(st.integers(1, 300), st.integers(1, 100))
# Keys that come in a burst, as a terminal delivers a held key or a paste: posted one after
# another with no pause to draw between them. The palette is one of them.
BURST_KEYS = [*KEYS, "ctrl+p"]
BURSTS = st.lists(st.sampled_from(BURST_KEYS), min_size=2, max_size=12).map(Burst)
# Pauses of 50 ms a screen may take to settle after a key or a resize.
SETTLE_TRIES = 20
ACTIONS = st.lists(
    st.one_of(st.sampled_from(KEYS), SIZES | st.sampled_from([(1, 1), (4, 4), (300, 100)]), BURSTS),
    min_size=1,
    max_size=14,
)


def inconsistency(app: BriefingApp) -> str | None:
    """What is wrong with the screen, or None."""
    screen = app.screen
    if not isinstance(screen, ReaderScreen):
        return None  # help or bookmarks: modal, over the reader
    entries = app.library.entries
    if entries:
        entry = entries[screen.entry]
        expected = entry.briefing.title if entry.briefing else entry.path.name
        if screen.title != expected:
            return f"the header shows {screen.title!r}, not {expected!r}"
    if screen.has_class("-too-small"):
        return None if screen.query_one("#too-small").display else "too small, and silent"
    focused = app.focused
    if focused is None:
        return "nothing has the focus"
    if focused.region.area == 0 or not screen.region.contains_region(focused.region):
        return f"{focused} has the focus but is not in view at {focused.region}"
    return None


async def settled(pilot: Pilot, app: BriefingApp) -> str | None:
    """The screen's inconsistency once it has had time to settle (focus moves a frame late)."""
    for _ in range(SETTLE_TRIES):
        problem = inconsistency(app)
        if problem is None:
            return None
        await pilot.pause(0.05)
    return problem


@functools.cache
def reader_library() -> Library:
    # Loaded once, not a fixture: Hypothesis would print it with every failing example.
    return load_library(LIBRARY)


async def scenario(library: Library, actions: list[str | tuple[int, int] | Burst]) -> None:
    app = BriefingApp(library, Start(), ReaderOptions())
    async with app.run_test(size=(100, 30)) as pilot:
        for done, action in enumerate(actions, 1):
            if isinstance(action, Burst):
                action.post(app)
            elif isinstance(action, tuple):
                await pilot.resize_terminal(*action)
            else:
                await pilot.press(action)
            await pilot.pause()
            problem = await settled(pilot, app)
            assert problem is None, f"after {actions[:done]}: {problem}"
    assert app.return_code in (None, 0)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(actions=ACTIONS)
@example(actions=["B", (1, 1)])  # the bookmarks list, squeezed to one cell, once crashed
# The palette's list paged before it was laid out once crashed (Textual's OptionList).
@example(actions=[Burst(["ctrl+p", "pagedown", "pageup", "end"]), "escape"])
# A burst of keys moved the list on before its highlighted row was reported.
@example(actions=["j", (9, 92), (296, 68), Burst(["j", "j"])])
# Paging a list squeezed to nothing once crashed (Textual's OptionList).
@example(actions=[(1, 1), "2", "pageup"])
# The palette squeezed to four columns once crashed (Textual's wrapping at width 0).
@example(actions=["shift+tab", "j", Burst(["ctrl+p", "left"]), "j", (4, 4), "escape"])
def test_random_keys_and_sizes_never_crash_or_confuse_the_reader(
    actions: list[str | tuple[int, int] | Burst],
) -> None:
    asyncio.run(scenario(reader_library(), actions))
