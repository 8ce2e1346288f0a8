"""One-line labels: for a briefing in a list, a section with its count, and an item in a section."""

from __future__ import annotations

from rich.text import Text

from briefing.findings import Finding
from briefing.loader import LoadResult
from briefing.model import (
    Event,
    Figure,
    Issue,
    Item,
    Party,
    Position,
    Question,
    Quote,
    Section,
    Source,
)
from briefing.render.styles import ERROR, HEADING, MUTED, WARNING
from briefing.text import show_path

BROKEN_MARK = "✗"
# Timeline dates: stated in the source, or supplied by the curator as context.
SOURCED_MARK = "●"
CONTEXT_MARK = "○"


def briefing_label(entry: LoadResult) -> Text:
    """A briefing by its title; a broken file by its name, marked in words as well as a sign."""
    if entry.briefing is None:
        text = Text()
        text.append(f"{BROKEN_MARK} ", style=ERROR)
        text.append(show_path(entry.path.name))
        text.append(" [broken]", style=MUTED)
        return text
    return Text(entry.briefing.title)


def section_label(section: Section, count: int | None) -> Text:
    """`Parties 4`; Overview has no count."""
    text = Text(section.title)
    if count is not None and section is not Section.OVERVIEW:
        text.append(f" {count}", style=MUTED)
    return text


def when_mark(event: Event) -> Text:
    """The date of an event with its basis, in a sign and a word."""
    text = Text()
    text.append(event.when.text, style=HEADING)
    if event.when_sourced:
        text.append(f" {SOURCED_MARK} sourced", style=MUTED)
    else:
        text.append(f" {CONTEXT_MARK} context", style=MUTED)
    return text


def item_label(item: Item) -> Text:
    """One line for an item in its section's list."""
    match item:
        case Party():
            text = Text().append(item.name, style=HEADING)
            text.append(f"  {item.kind}", style=MUTED)
            if item.part_of is not None:
                text.append(f", part of {item.part_of.name}", style=MUTED)
            return text
        case Position():
            text = Text().append(item.party.name, style=HEADING)
            text.append(": ")
            text.append(item.stance)
            return text
        case Question():
            return Text(item.question)
        case Event():
            text = when_mark(item)
            text.append("  ")
            text.append(item.event)
            return text
        case Figure():
            text = Text().append(item.value, style=HEADING)
            text.append(" ")
            text.append(item.label)
            if item.qualifier:
                text.append(f" ({item.qualifier})", style=MUTED)
            return text
        case Quote():
            text = Text().append(item.speaker.name, style=HEADING)
            text.append(": ")
            text.append(f"“{item.quote}”")
            return text
        case Source():
            text = Text().append(item.title, style=HEADING)
            if by := ", ".join(p for p in (item.publisher, item.published) if p):
                text.append(f"  {by}", style=MUTED)
            return text
        case Issue():
            return Text().append(item.title, style=HEADING)
    raise TypeError(f"not an item: {item!r}")


def issue_heading(issue: Issue) -> Text:
    """The heading above the positions taken on one issue."""
    return Text().append(issue.title, style=HEADING)


def finding_label(finding: Finding) -> Text:
    """`✗ 12:3 message` for an error, `! 12:3 message` for a warning."""
    text = Text()
    if finding.is_error:
        text.append(f"{BROKEN_MARK} error", style=ERROR)
    else:
        text.append("! warning", style=WARNING)
    if finding.location:
        text.append(f" {finding.location.line}:{finding.location.column}", style=MUTED)
    text.append(" ")
    text.append(finding.message)
    return text


def item_kind(item: Item) -> str:
    """What an item is, in a word or two, for a heading: `Party`, `Timeline event`."""
    return "Timeline event" if isinstance(item, Event) else type(item).__name__
