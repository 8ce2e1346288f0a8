"""A briefing at a glance: what it is about, its key figures, and what each section holds."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text

from briefing.library import Library
from briefing.model import Briefing, Section
from briefing.render.styles import HEADING, MUTED
from briefing.text import show_path


def briefing_status(briefing: Briefing) -> str:
    """`as of 2024-03-04 · developing`: for headers and subtitles."""
    return f"as of {briefing.as_of.isoformat()} · {briefing.status}"


def overview(briefing: Briefing) -> Text:
    text = Text()
    text.append(briefing.title, style=HEADING)
    text.append("\n")
    text.append(briefing_status(briefing), style=MUTED)
    if briefing.tags:
        text.append("\ntags: " + ", ".join(briefing.tags), style=MUTED)
    text.append("\n\n")
    text.append(briefing.summary)
    if briefing.figures:
        text.append("\n\nKey figures", style=HEADING)
        for figure in briefing.figures:
            text.append("\n• ")
            text.append(figure.value, style=HEADING)
            text.append(" ")
            text.append(figure.label)
            if figure.qualifier:
                text.append(f" ({figure.qualifier})", style=MUTED)
    text.append("\n\nIn this briefing", style=HEADING)
    for section in Section:
        if section is Section.OVERVIEW:
            continue
        count = briefing.count(section)
        text.append(f"\n{count:>4}  ", style=HEADING)
        text.append(_counted(section, count))
    return text


def _counted(section: Section, count: int) -> str:
    """`parties`, `party`, `timeline events`: the word for `count` items of a section."""
    if section is Section.TIMELINE:
        return "timeline event" if count == 1 else "timeline events"
    if count != 1:
        return section.title.lower()
    return "party" if section is Section.PARTIES else section.title.lower().removesuffix("s")


def empty_library(library: Library, where: Sequence[Path] = ()) -> Text:
    """What the reader says when it finds nothing to read: where it looked, why (if it knows),
    and what would be read."""
    places = ", ".join(show_path(path) for path in where)
    text = Text().append("No briefings", style=HEADING)
    text.append(f" in {places}." if places else " were found.", style=HEADING)
    for problem in library.problems:
        text.append("\n")
        text.append(problem.where(), style=MUTED)
        text.append(": ")
        text.append(problem.message)
    text.append(
        "\n\nA briefing is a YAML file (.yaml or .yml); docs/format.md shows how to write one."
    )
    if where:
        text.append(" One saved there is read at once.")
    return text
