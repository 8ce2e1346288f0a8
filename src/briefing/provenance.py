"""Provenance: finding a citation's excerpt, word for word, in its source text."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.text import normalise_for_matching, normalise_with_offsets, shorten

# Past this, a fuzzy alignment costs more than a suggestion is worth.
_MAX_SUGGESTION_NEEDLE = 2000


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets into the original source text."""

    start: int
    end: int


class SourceIndex:
    """A source text prepared for verbatim matching.

    Matching ignores differences of whitespace and of typographic versus straight quotes, and
    nothing else; a match is mapped back to the exact span of the original text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._normal, self._offsets = normalise_with_offsets(text)

    def locate(self, excerpt: str) -> Span | None:
        """The span of the first occurrence of `excerpt`, if the source holds it verbatim."""
        needle = normalise_for_matching(excerpt)
        if not needle:
            return None
        at = self._normal.find(needle)
        if at < 0:
            return None
        last = at + len(needle) - 1
        return Span(self._offsets[at], self._offsets[last] + 1)

    def nearest(self, excerpt: str, width: int = 160) -> str | None:
        """The passage of the source most like `excerpt`, to suggest when it is not found."""
        needle = normalise_for_matching(excerpt)
        if not needle or not self._normal or len(needle) > _MAX_SUGGESTION_NEEDLE:
            return None
        # Imported here: only a failed match pays for it, never start-up.
        from rapidfuzz import fuzz

        alignment = fuzz.partial_ratio_alignment(needle, self._normal)
        if alignment is None or alignment.score < 50:
            return None
        passage = self._normal[alignment.dest_start : alignment.dest_end]
        return shorten(passage, width)
