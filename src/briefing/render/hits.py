"""A search hit in a list: what it is and where, then the words around the match, marked.

Built from Text parts with styles from the hit's spans, never from markup: a snippet is a
briefing's own words.
"""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text

from briefing.render.styles import MUTED
from briefing.search import Hit, Kind

# The matched words: reversed and bold, so they stand out without colour as well.
MATCH = Style(bold=True, reverse=True)
KIND = Style(bold=True)
KIND_WIDTH = max(len(kind.value) for kind in Kind)
_WORD = re.compile(r"[^\W_]+")


def hit_label(hit: Hit, *, passage: bool = False) -> Text:
    """`party     Gaza ceasefire talks`, then the snippet on a second line.

    `passage` says the hit is in a source's text rather than its title or note.
    """
    text = Text()
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


def passage_in_detail(shown: str, source: str, offset: int) -> tuple[int, int] | None:
    """The span, in the text of a source's detail, of the word at `offset` of the source.

    The detail shows the source's lines as paragraphs (stripped, blank lines between), so the
    word and the rest of its line are looked for. Where they occur more than once, the detail's
    last occurrences are the source's own (its headings come first); None if it is not shown.
    """
    line_end = source.find("\n", offset)
    fragment = source[offset : line_end if line_end != -1 else len(source)].rstrip()
    word = _WORD.match(fragment)
    if word is None:
        return None
    in_shown = _positions(shown, fragment)
    in_source = _positions(source, fragment)
    index = len(in_shown) - len(in_source) + sum(at < offset for at in in_source)
    if not 0 <= index < len(in_shown):
        return None
    start = in_shown[index]
    return start, start + word.end()


def _positions(text: str, fragment: str) -> list[int]:
    found = []
    at = text.find(fragment)
    while at != -1:
        found.append(at)
        at = text.find(fragment, at + 1)
    return found
