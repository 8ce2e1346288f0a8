"""The full detail of an item: its fields, then each citation with its passage in the source."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from briefing.model import (
    Briefing,
    Citation,
    Event,
    Figure,
    Issue,
    Item,
    Party,
    Position,
    Question,
    Quote,
    Source,
)
from briefing.render.labels import when_mark
from briefing.render.passage import passage_around
from briefing.render.styles import EMPHASIS, EXCERPT, HEADING, MUTED


def item_detail(
    briefing: Briefing, item: Item, *, citations: bool = True, related: bool = True
) -> Text:
    """Everything about an item, for reading it in full.

    Without `citations`, the item's own fields only: a printed document cites in footnotes.
    Without `related`, a party's positions and quotes are left out, for a reader that lists them
    as links of its own.
    """
    text = Text()
    match item:
        case Party():
            _party(text, briefing, item, related=related)
        case Position():
            _position(text, item)
        case Question():
            _question(text, item)
        case Event():
            _event(text, item)
        case Figure():
            _figure(text, item)
        case Quote():
            _quote(text, item)
        case Source():
            _source(text, item)
        case Issue():
            text.append(item.title, style=HEADING)
            _paragraph(text, item.summary)
        case _:
            raise TypeError(f"not an item: {item!r}")
    cited = getattr(item, "citations", ())
    if cited and citations:
        text.append("\n\n")
        text.append_text(citations_block(cited))
    return text


def citations_block(citations: Iterable[Citation]) -> Text:
    """Each citation: `[1] Source title`, then the passage with the cited words highlighted."""
    text = Text()
    text.append("Sources", style=HEADING)
    for number, citation in enumerate(citations, 1):
        text.append(f"\n\n[{number}] ", style=MUTED)
        text.append(citation.source.title, style=EMPHASIS)
        text.append("\n")
        text.append_text(passage_text(citation))
    return text


def passage_text(citation: Citation) -> Text:
    """The passage around a citation, the cited words bold and underlined."""
    passage = passage_around(citation)
    text = Text()
    if passage.cut_before:
        text.append("… ")
    text.append(passage.before)
    text.append(passage.excerpt, style=EXCERPT)
    text.append(passage.after)
    if passage.cut_after:
        text.append(" …")
    return text


def _paragraph(text: Text, body: str | None, *, label: str | None = None) -> None:
    if not body:
        return
    text.append("\n\n")
    if label:
        text.append(f"{label}: ", style=HEADING)
    text.append(body)


def _field(text: Text, label: str, value: str | None) -> None:
    if value:
        text.append(f"\n{label}: ", style=MUTED)
        text.append(value)


def _names(parties: Iterable[Party]) -> str:
    return ", ".join(party.name for party in parties)


def _party(text: Text, briefing: Briefing, party: Party, *, related: bool) -> None:
    text.append(party.name, style=HEADING)
    _field(text, "Kind", party.kind)
    _field(text, "Part of", party.part_of.name if party.part_of else None)
    _paragraph(text, party.summary)
    if not related:
        return
    positions = [p for p in briefing.positions if p.party.id == party.id]
    if positions:
        text.append("\n\nPositions", style=HEADING)
        for position in positions:
            text.append("\n• ")
            text.append(position.issue.title, style=EMPHASIS)
            text.append(": ")
            text.append(position.stance)
    quotes = [q for q in briefing.quotes if q.speaker.id == party.id]
    if quotes:
        text.append("\n\nQuoted", style=HEADING)
        for quote in quotes:
            text.append(f"\n• “{quote.quote}”")


def _position(text: Text, position: Position) -> None:
    text.append(position.party.name, style=HEADING)
    text.append(" on ", style=MUTED)
    text.append(position.issue.title, style=HEADING)
    _paragraph(text, position.stance)
    if position.issue.summary:
        text.append("\n\nThe issue: ", style=MUTED)
        text.append(position.issue.summary)


def _question(text: Text, question: Question) -> None:
    text.append(question.question, style=HEADING)
    _paragraph(text, question.why, label="Why it matters")
    _field(text, "Parties", _names(question.parties))
    if question.watch:
        text.append("\n\nWhat to watch", style=HEADING)
        for sign in question.watch:
            text.append("\n• ")
            text.append(sign)


def _event(text: Text, event: Event) -> None:
    text.append_text(when_mark(event))
    if event.when_sourced:
        text.append("\nThe source states this date.", style=MUTED)
    else:
        text.append(
            "\nThe date is context from the curator, not stated in the source.", style=MUTED
        )
    if event.label:
        text.append("\nThe source says: ", style=MUTED)
        text.append(f"“{event.label}”")
    _paragraph(text, event.event)
    _field(text, "Parties", _names(event.parties))


def _figure(text: Text, figure: Figure) -> None:
    text.append(figure.value, style=HEADING)
    text.append(" ")
    text.append(figure.label)
    _field(text, "Qualifier", figure.qualifier)
    _field(text, "Reported by", figure.reported_by.name if figure.reported_by else None)
    _field(text, "Parties", _names(figure.parties))


def _quote(text: Text, quote: Quote) -> None:
    text.append(f"“{quote.quote}”", style=EMPHASIS)
    text.append("\n— ")
    text.append(quote.speaker.name, style=HEADING)
    _paragraph(text, quote.context)
    if quote.located is not None:
        text.append("\n\nIn the source", style=HEADING)
        text.append("\n")
        text.append_text(passage_text(quote.located))


def _source(text: Text, source: Source) -> None:
    text.append(source.title, style=HEADING)
    _field(text, "Publisher", source.publisher)
    _field(text, "Author", source.author)
    _field(text, "Published", source.published)
    _field(text, "Address", source.url)
    _field(text, "File", source.file.name)
    _paragraph(text, source.note, label="Note")
    text.append("\n\nText", style=HEADING)
    # Each line of a source text is a paragraph: blank lines between them read better.
    paragraphs = [line.strip() for line in source.text.splitlines() if line.strip()]
    text.append("\n")
    text.append("\n\n".join(paragraphs))
