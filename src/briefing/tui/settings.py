"""Settings in the reader: the theme and keymap from the config file, checked against the reader.

Which theme? One named in the settings file wins, since it was written down on purpose; without
one, the theme last chosen in the reader (kept with the reading state); else Textual's default.
Every problem (a bad file, an unknown binding id or theme) is a notice, located in the file, and
leaves that setting at its default while the rest apply.

The theme and keymap are applied before the first screen is drawn, so it shows them; whether
every keymap entry names a real binding is checked after (see `check_keymap`).
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
    """Set the app's theme and keymap; a notice if the theme named does not exist.

    The whole keymap is set: an entry naming no binding changes nothing (Textual rebinds only
    the ids it finds), and is reported by `check_keymap`.
    """
    themes = set(app.available_themes)
    notices = check_names(settings, themes=themes)
    for theme in (settings.theme, remembered_theme):
        if theme in themes:
            app.theme = theme
            break
    if settings.keymap:
        app.set_keymap(dict(settings.keymap))
    return notices


def check_keymap(settings: Settings) -> tuple[Finding, ...]:
    """A notice for each keymap entry that names no binding of the reader.

    Knowing every id means importing every screen: worth it only when there is a keymap, and
    done once the first screen is drawn.
    """
    if not settings.keymap:
        return ()
    return check_names(settings, binding_ids=binding_ids())
