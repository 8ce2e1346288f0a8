"""A search hit in a list: what it is and where, then the words around the match, marked.

Built from Text parts with styles from the hit's spans, never from markup: a snippet is a
briefing's own words.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from briefing.render.styles import MUTED
from briefing.search import Hit, Kind

# The matched words: reversed and bold, so they stand out without colour as well.
MATCH = Style(bold=True, reverse=True)
KIND = Style(bold=True)
KIND_WIDTH = max(len(kind.value) for kind in Kind)


def hit_label(hit: Hit, *, passage: bool = False) -> Text:
    """`party     Gaza ceasefire talks`, then the snippet on a second line.

    `passage` says the hit is in a source's text rather than its title or note.
    """
    text = Text(no_wrap=True, overflow="ellipsis")
    kind = "passage" if passage else hit.kind.value
    text.append(kind.ljust(KIND_WIDTH), style=KIND)
    text.append("  ")
    text.append(hit.briefing_title, style=MUTED)
    text.append("\n")
    text.append(" " * (KIND_WIDTH + 2))
    text.append_text(snippet_text(hit))
    return text


def snippet_text(hit: Hit) -> Text:
    snippet = Text(hit.snippet.text)
    for start, end in hit.snippet.spans:
        snippet.stylize(MATCH, start, end)
    return snippet
