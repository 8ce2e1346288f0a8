"""A whole briefing as one printable document: sections in reader order, citations as footnotes.

Used by `briefing show`; the reader shows the same items with the same renderers, one at a time.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text

from briefing.model import Briefing, Citation, Position, Section
from briefing.render.detail import item_detail
from briefing.render.labels import issue_heading
from briefing.render.overview import overview
from briefing.render.styles import EMPHASIS, EXCERPT, HEADING, MUTED


class Footnotes:
    """Numbers citations in the order they are met; one number per distinct excerpt."""

    def __init__(self) -> None:
        self._numbers: dict[tuple[str, int, int], int] = {}
        self.notes: list[Citation] = []

    def markers(self, citations: Iterable[Citation]) -> Text:
        text = Text()
        for citation in citations:
            key = (citation.source.id, citation.start, citation.end)
            if key not in self._numbers:
                self.notes.append(citation)
                self._numbers[key] = len(self.notes)
            text.append(f"[{self._numbers[key]}]", style=MUTED)
        return text

    def render(self) -> Text:
        text = Text()
        for number, citation in enumerate(self.notes, 1):
            if number > 1:
                text.append("\n")
            text.append(f"[{number}] ", style=MUTED)
            text.append(citation.source.title, style=EMPHASIS)
            text.append(": “")
            text.append(citation.passage, style=EXCERPT)
            text.append("”")
        return text


def briefing_document(
    briefing: Briefing, sections: Iterable[Section] = tuple(Section)
) -> list[RenderableType]:
    """The renderables of a briefing, section by section, footnotes at the end."""
    notes = Footnotes()
    parts: list[RenderableType] = []
    for section in sections:
        parts.append(Rule(Text(section.title, style=HEADING), align="left", style="dim"))
        parts.append(_section_body(briefing, section, notes))
    if notes.notes:
        parts.append(Rule(Text("Citations", style=HEADING), align="left", style="dim"))
        parts.append(notes.render())
    return parts


def _section_body(briefing: Briefing, section: Section, notes: Footnotes) -> RenderableType:
    if section is Section.OVERVIEW:
        return overview(briefing)
    items = briefing.items(section)
    if not items:
        return Text("Nothing in this section.", style=MUTED)
    blocks: list[RenderableType] = []
    issue = None
    for item in items:
        if isinstance(item, Position) and item.issue is not issue:
            issue = item.issue
            blocks.append(issue_heading(issue))
        body = item_detail(briefing, item, citations=False)
        citations = getattr(item, "citations", ())
        if citations:
            body.append(" ")
            body.append_text(notes.markers(citations))
        indent = 2 if isinstance(item, Position) else 0
        blocks.append(Padding(body, (0, 0, 1, indent), expand=False))
    return Group(*blocks)
