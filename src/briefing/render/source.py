"""A source text in full with every cited span marked, and what the reader learns about a span.

A cited span is underlined and set between `⟦` and `⟧`, so it shows without colour; the span
under the reader's cursor is also in reverse video. Each span's characters carry `{"span": n}`
in their style's meta (the innermost span where spans overlap), and the current span's
`{"current": True}` too, so a reader can find where it landed once the text is wrapped.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from briefing.links import CitedSpan
from briefing.model import Source
from briefing.render.styles import EXCERPT, HEADING, MUTED

OPEN_MARK = "⟦"
CLOSE_MARK = "⟧"
CITED = Style(underline=True)
CURRENT = EXCERPT + Style(reverse=True)


def marked_source(source: Source, spans: Sequence[CitedSpan], current: int | None) -> Text:
    """The source's text, paragraphs apart, with its cited spans marked; `current` highlighted."""
    text = source.text
    # Boundaries: where spans open and close. Closing sorts before opening at the same offset, so
    # a span that ends where the next begins reads `⟧⟦`.
    bounds = sorted(
        [(span.start, 1, index) for index, span in enumerate(spans)]
        + [(span.end, 0, index) for index, span in enumerate(spans)]
    )
    out = Text()
    active: list[int] = []
    offset = 0
    for at, opens, index in bounds:
        _append_run(out, text[offset:at], active, current)
        offset = at
        if opens:
            active.append(index)
            out.append(OPEN_MARK, style=_mark_style(index, current))
        else:
            active.remove(index)
            out.append(CLOSE_MARK, style=_mark_style(index, current))
    _append_run(out, text[offset:], active, current)
    return out


def _append_run(out: Text, run: str, active: list[int], current: int | None) -> None:
    """A stretch between boundaries; a line break in the source starts a new paragraph."""
    if not run:
        return
    run = run.replace("\n", "\n\n") if "\n" in run else run
    if not active:
        out.append(run)
        return
    style = CURRENT if current in active else CITED
    out.append(run, style=style + Style(meta=_meta(active[-1], current)))


def _mark_style(index: int, current: int | None) -> Style:
    base = CURRENT if index == current else MUTED
    return base + Style(meta=_meta(index, current))


def _meta(index: int, current: int | None) -> dict[str, object]:
    meta: dict[str, object] = {"span": index}
    if index == current:
        meta["current"] = True
    return meta


def span_heading(source: Source, spans: Sequence[CitedSpan], index: int) -> Text:
    """`Cited span 2 of 9` and the span's exact words."""
    span = spans[index]
    text = Text()
    text.append(f"Cited span {index + 1} of {len(spans)}", style=HEADING)
    text.append(" in ", style=MUTED)
    text.append(source.title)
    text.append("\n\n“")
    text.append(" ".join(source.text[span.start : span.end].split()), style=EXCERPT)
    text.append("”")
    return text
