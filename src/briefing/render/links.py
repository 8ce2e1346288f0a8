"""An item's detail with its links: related items under headings, then its citations.

Each link's words carry `{"link": n}` in their style's meta, n being the link's place in the
list given, so a reader can find, mark and follow the links in the rendered text. Links differ
from the text around them in shape (an arrow before each) as well as style.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.style import Style
from rich.text import Text

from briefing.links import Link, Relation
from briefing.model import Briefing, Issue, Item, Party, Position
from briefing.render.detail import item_detail, passage_text
from briefing.render.labels import item_label
from briefing.render.styles import EMPHASIS, HEADING, MUTED

LINK_MARK = "→ "
LINK = Style(underline=True)

HEADINGS = {
    Relation.SPEAKER: "Speaker",
    Relation.SPEAKS_FOR: "Speaks for",
    Relation.REPORTED_BY: "Reported by",
    Relation.PARTY: "Parties",
    Relation.ISSUE: "Issue",
    Relation.POSITION: "Positions",
    Relation.QUOTE: "Quoted",
    Relation.DECIDES: "Questions it decides",
    Relation.EVENT: "In the timeline",
    Relation.FIGURE: "In the figures",
    Relation.SPOKEN_FOR_BY: "Speaking for it",
    Relation.ALSO_IN: "In other briefings",
    Relation.CITED_BY: "Cited by",
    Relation.CITATION: "Sources",
}


def link_style(index: int) -> Style:
    """The style of link `index`'s words: underlined, and marked with its index in the meta."""
    return LINK + Style(meta={"link": index})


def linked_detail(
    briefing: Briefing,
    item: Item,
    links: Sequence[Link],
    title_of: Callable[[str], str],
) -> Text:
    """An item in full, its links in place of plain lists; `title_of` names another briefing."""
    text = item_detail(briefing, item, citations=False, related=False)
    block = links_block(links, title_of, subject=item)
    if block.plain:
        text.append("\n\n")
        text.append_text(block)
    return text


def links_block(
    links: Sequence[Link],
    title_of: Callable[[str], str],
    start: int = 0,
    *,
    headings: bool = True,
    subject: Item | None = None,
) -> Text:
    """Links under a heading per relation; link n of `links` is marked `start + n`.

    Without `headings`, for a list the caller heads itself, the links follow one another. The
    `subject` is the item the links are listed under, which their labels need not repeat.
    """
    text = Text()
    previous: Relation | None = None
    for number, link in enumerate(links):
        citation = link.relation is Relation.CITATION and link.citation is not None
        if headings and link.relation is not previous:
            if previous is not None:
                text.append("\n\n")
            text.append(HEADINGS[link.relation], style=HEADING)
            text.append("\n")
        elif number:
            # Citations carry a passage each: a blank line keeps them apart.
            text.append("\n\n" if citation else "\n")
        previous = link.relation
        if citation:
            cited = sum(1 for other in links[: number + 1] if other.relation is Relation.CITATION)
            text.append(f"[{cited}] ", style=MUTED)
            text.append(LINK_MARK + link.target.title, style=link_style(start + number))
            text.append("\n")
            text.append_text(passage_text(link.citation))
        else:
            text.append(LINK_MARK)
            label = link_label(link, title_of, subject)
            label.stylize(link_style(start + number))
            text.append_text(label)
    return text


def link_label(link: Link, title_of: Callable[[str], str], subject: Item | None = None) -> Text:
    """One line for a link's target; what the `subject` it is listed under says goes unsaid."""
    target = link.target
    if link.more:
        return Text(f"and {link.more:,} more", style=MUTED)
    if link.relation is Relation.ALSO_IN:
        return Text(title_of(link.briefing_id), style=EMPHASIS)
    if isinstance(target, Position):
        # Under a party, the issue says what the position is about; under an issue, the party.
        text = Text()
        if not isinstance(subject, Issue):
            text.append(target.issue.title, style=HEADING)
        if subject is None:
            text.append(" · ", style=MUTED)
        if not isinstance(subject, Party):
            text.append(target.party.name, style=HEADING)
        text.append(": ")
        text.append(target.stance)
        return text
    if isinstance(target, Party):
        text = Text(target.name, style=HEADING)
        text.append(f"  {target.kind}", style=MUTED)
        return text
    return item_label(target)
