"""Reading marks: which items are unread or bookmarked, and how many are unread in a section.

Each mark is a shape as well as a style, so it reads without colour: `•` unread, `★` bookmarked.
Marks come before the label, in columns of their own, so labels stay aligned.
"""

from __future__ import annotations

from rich.text import Text

from briefing.model import Section
from briefing.render.styles import HEADING, MUTED

UNREAD_MARK = "•"
BOOKMARK_MARK = "★"


def item_marks(*, read: bool, bookmarked: bool) -> Text:
    """Two columns and a space: `•` if unread, then `★` if bookmarked."""
    text = Text()
    text.append(" " if read else UNREAD_MARK, style=HEADING)
    text.append(BOOKMARK_MARK if bookmarked else " ", style=HEADING)
    text.append(" ")
    return text


def marked(label: Text, *, read: bool, bookmarked: bool) -> Text:
    """An item's label after its marks."""
    return item_marks(read=read, bookmarked=bookmarked).append_text(label)


def unread_count(unread: int) -> Text:
    """` •3` after a label when 3 are unread; nothing when all are read."""
    text = Text()
    if unread:
        text.append(f" {UNREAD_MARK}{unread}", style=HEADING)
    return text


def section_with_unread(section: Section, count: int | None, unread: int) -> Text:
    """`Questions 4 •2`: the section, its item count and how many of them are unread."""
    text = Text(section.title)
    if count is not None and section is not Section.OVERVIEW:
        text.append(f" {count}", style=MUTED)
    return text.append_text(unread_count(unread))
