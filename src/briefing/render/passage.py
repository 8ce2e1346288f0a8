"""The passage of a source around a cited excerpt: enough context to judge the citation."""

from __future__ import annotations

import re

import msgspec

from briefing.model import Citation

# How far the context may reach on each side of the excerpt, in characters.
REACH = 240
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+")


class Passage(msgspec.Struct, frozen=True):
    """The excerpt's exact words and the context either side, with flags for cut text."""

    before: str
    excerpt: str
    after: str
    cut_before: bool
    cut_after: bool


def passage_around(citation: Citation, reach: int = REACH) -> Passage:
    """The excerpt in its paragraph, cut to whole sentences (or words) within `reach`.

    Paragraphs end at line breaks, so the context never runs into a neighbouring paragraph.
    """
    text = citation.source.text
    start, end = citation.start, citation.end
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end)
    if paragraph_end == -1:
        paragraph_end = len(text)

    lo = max(paragraph_start, start - reach)
    hi = min(paragraph_end, end + reach)
    cut_before = lo > paragraph_start
    cut_after = hi < paragraph_end
    if cut_before:
        lo = _after_sentence_or_word(text, lo, start)
    if cut_after:
        hi = _sentence_or_word_end(text, end, hi)
    return Passage(
        before=_flat(text[lo:start]).lstrip(),
        excerpt=_flat(text[start:end]),
        after=_flat(text[end:hi]).rstrip(),
        cut_before=cut_before and lo > paragraph_start,
        cut_after=cut_after and hi < paragraph_end,
    )


def _after_sentence_or_word(text: str, lo: int, start: int) -> int:
    """The start of the first whole sentence in text[lo:start], else of the first whole word."""
    window = text[lo:start]
    sentence = _SENTENCE_END.search(window)
    if sentence:
        return lo + sentence.end()
    space = window.find(" ")
    return lo + space + 1 if space != -1 else start


def _sentence_or_word_end(text: str, end: int, hi: int) -> int:
    """The end of the last whole sentence in text[end:hi], else of the last whole word."""
    window = text[end:hi]
    ends = [match.end() for match in _SENTENCE_END.finditer(window + " ")]
    if ends:
        return end + min(ends[-1], len(window))
    space = window.rfind(" ")
    return end + space if space != -1 else end


def _flat(text: str) -> str:
    """Line breaks inside the passage read as spaces."""
    return " ".join(text.splitlines()) if "\n" in text else text
