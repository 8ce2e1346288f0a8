"""An item as plain text to copy elsewhere: what it says, who says it, and the source behind it.

The text goes to a clipboard and from there into mail, notes or documents, so it carries its own
attribution and citations, and nothing that a terminal or another program could act on.
"""

from __future__ import annotations

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
from briefing.text import sanitise


def item_plain_text(briefing: Briefing, item: Item) -> str:
    """The item, then each distinct source passage it rests on, then the briefing it is from."""
    lines = _body(item)
    cited = _citations(item)
    if cited:
        lines.append("")
        for citation in cited:
            lines.append(f"Source: {_source_line(citation.source)}")
            lines.append(f"“{_one_line(citation.passage)}”")
    lines.append("")
    lines.append(f"From the briefing “{briefing.title}”, as of {briefing.as_of.isoformat()}.")
    return sanitise("\n".join(lines))


def passage_plain_text(source: Source, start: int, end: int) -> str:
    """A span of a source in quotation marks, with the source it is from."""
    words = _one_line(source.text[start:end])
    return sanitise(f"“{words}”\nSource: {_source_line(source)}")


def _body(item: Item) -> list[str]:
    match item:
        case Quote():
            lines = [f"“{item.quote}”", f"— {_party_name(item.speaker)}"]
            if item.context:
                lines.append(item.context)
            return lines
        case Position():
            return [f"{item.party.name} on {item.issue.title}: {item.stance}"]
        case Question():
            lines = [item.question, f"Why it matters: {item.why}"]
            if item.parties:
                lines.append("Parties: " + ", ".join(p.name for p in item.parties))
            return lines
        case Event():
            basis = "stated in the source" if item.when_sourced else "supplied by the curator"
            lines = [f"{item.when.text} (date {basis}): {item.event}"]
            if item.parties:
                lines.append("Parties: " + ", ".join(p.name for p in item.parties))
            return lines
        case Figure():
            line = f"{item.value} {item.label}"
            if item.qualifier:
                line += f" ({item.qualifier})"
            lines = [line]
            if item.reported_by is not None:
                lines.append(f"Reported by {item.reported_by.name}")
            return lines
        case Party():
            lines = [f"{_party_name(item)} ({item.kind})"]
            if item.summary:
                lines.append(item.summary)
            return lines
        case Issue():
            return [item.title] + ([item.summary] if item.summary else [])
        case Source():
            lines = [_source_line(item)]
            if item.url:
                lines.append(item.url)
            return lines
    raise TypeError(f"not an item: {item!r}")


def _party_name(party: Party) -> str:
    """`Ana Reyes, Southland`: a person or office with the party it speaks for."""
    return party.name if party.part_of is None else f"{party.name}, {party.part_of.name}"


def _source_line(source: Source) -> str:
    """`Title, Publisher, 2024-03-04`: as much of the attribution as the source gives."""
    return ", ".join(part for part in (source.title, source.publisher, source.published) if part)


def _citations(item: Item) -> list[Citation]:
    """Each cited span once; a quote's own words in the source count as a citation."""
    cited: list[Citation] = list(getattr(item, "citations", ()))
    if isinstance(item, Quote) and item.located is not None and not cited:
        cited.append(item.located)
    seen: set[tuple[str, int, int]] = set()
    distinct = []
    for citation in cited:
        key = (citation.source.id, citation.start, citation.end)
        if key not in seen:
            seen.add(key)
            distinct.append(citation)
    return distinct


def _one_line(text: str) -> str:
    return " ".join(text.split())
