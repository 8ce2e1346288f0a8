"""The footer: the keys that work in the focused pane, drawn as one line of text.

Textual's Footer mounts a widget per key and mounts them all again on every change of focus;
measured here, that made each tab, enter or escape cost a quarter of a second in tests. This
draws the same hints (the shown bindings, groups merged) and repaints when they change. Each
hint is clickable: a click presses its key.

A line too narrow for every hint leaves out the least important first, by the ranks declared
with the bindings (keys.py): never a hint cut in half, and help and quit shown at any width.
"""

from __future__ import annotations

from collections.abc import Iterator

import msgspec
from rich.cells import cell_len
from textual.content import Content
from textual.events import Click
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

from briefing.tui.keys import HINT_RANKS, LAST_RANK, PALETTE_RANK

# Where each hint is on the line, and the key a click on it presses.
Target = tuple[int, int, str]


class Hint(msgspec.Struct, frozen=True):
    keys: str
    description: str
    # The key a click presses, and how much the hint matters (0 most).
    key: str
    rank: int

    @property
    def width(self) -> int:
        return cell_len(f" {self.keys} {self.description} ")

    def content(self, key_style: Style) -> Content:
        # Our own words and key names, never file content: still built without markup.
        return Content.assemble((f" {self.keys} ", key_style), f"{self.description} ")


def fitting(hints: list[Hint], width: int) -> list[Hint]:
    """The hints that fit in `width` cells, leaving out the highest ranks first (of two equal,
    the later), in their own order."""
    kept = list(hints)
    total = sum(hint.width for hint in kept)
    for hint in sorted(reversed(hints), key=lambda h: -h.rank):
        if total <= width:
            break
        kept.remove(hint)
        total -= hint.width
    return kept


class KeyHints(Widget):
    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.targets: list[Target] = []
        # The hints last drawn.
        self._shown: tuple[Hint, ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # Moving between panes often leaves the same keys: then there is nothing to repaint.
        hints = tuple(self.hints())
        if hints != self._shown:
            self._shown = hints
            self.refresh()

    def hints(self) -> Iterator[Hint]:
        """Every hint of the keys that work here, in binding order."""
        seen: set[str] = set()
        pending_group = None
        group_keys: list[str] = []
        group_key = ""
        group_rank = LAST_RANK
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            rank = HINT_RANKS.get(binding.id or "", LAST_RANK)
            group = binding.group
            if pending_group is not None and group is not pending_group:
                yield Hint("".join(group_keys), pending_group.description, group_key, group_rank)
                pending_group = None
            if group is not None:
                if pending_group is None:
                    pending_group, group_keys, group_key = group, [], binding.key
                    group_rank = rank
                group_keys.append(self.app.get_key_display(binding))
                group_rank = min(group_rank, rank)
                continue
            yield Hint(self.app.get_key_display(binding), binding.description, binding.key, rank)
        if pending_group is not None:
            yield Hint("".join(group_keys), pending_group.description, group_key, group_rank)
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            keys = self.app.get_key_display(palette.binding)
            yield Hint(keys, "Palette", palette.binding.key, PALETTE_RANK)

    def render(self) -> Content:
        key_style = Style.parse("bold $footer-key-foreground")
        self._shown = tuple(self.hints())
        width = self.size.width
        parts: list[Content] = []
        self.targets = []
        x = 0
        for hint in fitting(list(self._shown), width):
            part = hint.content(key_style)
            self.targets.append((x, x + part.cell_length, hint.key))
            x += part.cell_length
            parts.append(part)
        line = Content("").join(parts)
        # Narrower than even the first hints: cut, and say so.
        return line.truncate(width, ellipsis=True) if line.cell_length > width else line

    def on_click(self, event: Click) -> None:
        for start, end, key in self.targets:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
