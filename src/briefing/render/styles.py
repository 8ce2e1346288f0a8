"""The few text styles the renderers use.

Each mark also differs in shape or wording, so nothing depends on colour alone (NO_COLOR).
"""

from __future__ import annotations

from rich.style import Style

HEADING = Style(bold=True)
MUTED = Style(dim=True)
EMPHASIS = Style(italic=True)
# The cited words inside their passage: bold and underlined, and coloured where colour is on.
EXCERPT = Style(bold=True, underline=True, color="yellow")
ERROR = Style(bold=True, color="red")
WARNING = Style(bold=True, color="yellow")
