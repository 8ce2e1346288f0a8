"""The footer: the keys that work in the focused pane, drawn as one line of text.

Textual's Footer mounts a widget per key and mounts them all again on every change of focus;
measured here, that made each tab, enter or escape cost a quarter of a second in tests. This
draws the same hints (the shown bindings, groups merged) and repaints when they change. Each
hint is clickable: a click presses its key.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.content import Content
from textual.events import Click
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

# Where each hint is on the line, and the key a click on it presses.
Target = tuple[int, int, str]


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
        self._shown: tuple[tuple[str, str, str], ...] = ()

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

    def hints(self) -> Iterator[tuple[str, str, str]]:
        """(keys as shown, description, the key a click presses), in binding order."""
        seen: set[str] = set()
        pending_group = None
        group_keys: list[str] = []
        group_key = ""
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            group = binding.group
            if pending_group is not None and group is not pending_group:
                yield "".join(group_keys), pending_group.description, group_key
                pending_group = None
            if group is not None:
                if pending_group is None:
                    pending_group, group_keys, group_key = group, [], binding.key
                group_keys.append(self.app.get_key_display(binding))
                continue
            yield self.app.get_key_display(binding), binding.description, binding.key
        if pending_group is not None:
            yield "".join(group_keys), pending_group.description, group_key
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            yield self.app.get_key_display(palette.binding), "Palette", palette.binding.key

    def render(self) -> Content:
        key_style = Style.parse("bold $footer-key-foreground")
        parts: list[Content] = []
        self.targets = []
        x = 0
        self._shown = tuple(self.hints())
        for keys, description, key in self._shown:
            # Our own words and key names, never file content: still built without markup.
            hint = Content.assemble((f" {keys} ", key_style), f"{description} ")
            self.targets.append((x, x + hint.cell_length, key))
            x += hint.cell_length
            parts.append(hint)
        return Content("").join(parts)

    def on_click(self, event: Click) -> None:
        for start, end, key in self.targets:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
