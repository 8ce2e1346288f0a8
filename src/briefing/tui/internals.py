"""The Textual versions the reader's drawing shortcuts were checked with.

The compositor (compositor.py) and the panes' framing (widgets/framing.py) stand in for parts of
Textual that are not its public API. Tests compare what each draws with what Textual draws; with
a version of Textual they were not compared with, the reader uses Textual's own.
"""

from __future__ import annotations

import functools
import os

import textual

# The versions the tests compared the shortcuts with, output for output.
CHECKED_WITH = frozenset({"8.2.8"})


@functools.cache
def textual_version() -> str | None:
    """The installed Textual's version, from its distribution's folder (importlib.metadata takes
    80 ms to say); None if it cannot be told."""
    site = os.path.dirname(os.path.dirname(textual.__file__))
    try:
        names = os.listdir(site)
    except OSError:
        return None
    found = [name for name in names if name.startswith("textual-") and name.endswith(".dist-info")]
    return found[0][len("textual-") : -len(".dist-info")] if len(found) == 1 else None


def checked() -> bool:
    """Whether the installed Textual is one the shortcuts were compared with."""
    return textual_version() in CHECKED_WITH
