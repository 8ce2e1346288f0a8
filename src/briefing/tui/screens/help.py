"""The help screen: every key binding active where help was asked for, read from the bindings.

Nothing here is written by hand: keys, descriptions and ids come from the live bindings (after
any keymap), grouped by where they are defined, so the help cannot drift from the keys.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from briefing.render.styles import HEADING, MUTED
from briefing.tui.keys import HELP, move_bindings


@dataclass
class HelpRow:
    keys: list[str]
    description: str
    binding_id: str | None


@dataclass
class HelpGroup:
    title: str
    rows: list[HelpRow] = field(default_factory=list)


def help_groups(app: App[object], bindings: Mapping[str, ActiveBinding]) -> list[HelpGroup]:
    """The bindings grouped by the node that defines them, the most specific first.

    A binding with several keys (`down,j`) is one row listing each key.
    """
    groups: dict[int, HelpGroup] = {}
    rows: dict[tuple[int, str, str, str | None], HelpRow] = {}
    for active in bindings.values():
        binding, node = active.binding, active.node
        if binding.system:
            continue
        group = groups.setdefault(id(node), HelpGroup(_place(node)))
        description = binding.description or binding.action.replace("_", " ")
        # Show each key as itself, not the footer's shorthand for the group.
        key = app.get_key_display(dataclasses.replace(binding, key_display=None))
        same = (id(node), binding.action, description, binding.id)
        if (row := rows.get(same)) is None:
            row = rows[same] = HelpRow([], description, binding.id)
            group.rows.append(row)
        if key not in row.keys:
            row.keys.append(key)
    return list(groups.values())


def _place(node: DOMNode) -> str:
    if isinstance(node, App):
        return "Everywhere"
    if isinstance(node, Screen):
        return "In the reader"
    name = getattr(node, "PANE_NAME", type(node).__name__)
    return f"In the {name} pane"


def help_text(groups: list[HelpGroup]) -> Text:
    rows = [row for group in groups for row in group.rows]
    width = max((len(", ".join(row.keys)) for row in rows), default=0) + 2
    said = max((len(row.description) for row in rows), default=0) + 2
    text = Text()
    for number, group in enumerate(groups):
        if number:
            text.append("\n\n")
        text.append(group.title, style=HEADING)
        for row in group.rows:
            text.append("\n  ")
            text.append(", ".join(row.keys).ljust(width), style=HEADING)
            if row.binding_id:
                text.append(row.description.ljust(said))
                text.append(row.binding_id, style=MUTED)
            else:
                text.append(row.description)
    return text


class HelpBody(VerticalScroll):
    BINDINGS = move_bindings()


class HelpScreen(ModalScreen[None]):
    BINDINGS = HELP

    def __init__(self, bindings: Mapping[str, ActiveBinding]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        with HelpBody(id="help") as scroll:
            scroll.border_title = Content("Keys")
            scroll.border_subtitle = Content("esc closes")
            yield Static(help_text(help_groups(self.app, self.bindings)), id="help-body")

    def action_close(self) -> None:
        self.dismiss()
