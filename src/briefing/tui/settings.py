"""Settings in the reader: the theme and keymap from the config file, checked against the reader.

Which theme? One named in the settings file wins, since it was written down on purpose; without
one, the theme last chosen in the reader (kept with the reading state); else Textual's default.
Every problem (a bad file, an unknown binding id or theme) is a notice, located in the file, and
leaves that setting at its default while the rest apply.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode

import briefing.tui
from briefing.config import Settings, check_names, load_settings
from briefing.findings import Finding


def read_settings(path: Path | None) -> tuple[Settings, tuple[Finding, ...]]:
    """The settings in `path`, or the defaults without one."""
    if path is None:
        return Settings(), ()
    return load_settings(path)


def reader_bindings() -> Iterator[Binding]:
    """Every binding the reader's screens and widgets declare, whether loaded yet or not."""
    package = briefing.tui
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == module.__name__:
                for binding in cls.__dict__.get("BINDINGS", ()):
                    if isinstance(binding, Binding):
                        yield binding


def binding_ids() -> set[str]:
    return {binding.id for binding in reader_bindings() if binding.id}


def apply_settings(
    app: App[object], settings: Settings, remembered_theme: str | None = None
) -> tuple[Finding, ...]:
    """Set the app's theme and keymap; a notice for each setting that could not be applied."""
    themes = set(app.available_themes)
    # Knowing every id means importing every screen: only worth it when there is a keymap.
    ids = binding_ids() if settings.keymap else set()
    notices = check_names(settings, binding_ids=ids, themes=themes)
    for theme in (settings.theme, remembered_theme):
        if theme in themes:
            app.theme = theme
            break
    keymap = {binding_id: keys for binding_id, keys in settings.keymap.items() if binding_id in ids}
    if keymap:
        app.set_keymap(keymap)
    return notices
