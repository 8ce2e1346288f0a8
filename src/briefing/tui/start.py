"""Where the reader opens: worked out from the library before any screen exists.

Kept free of Textual so the command line can check its arguments, and fail with a one-line
error, before paying for the user interface.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from briefing.library import Library
from briefing.model import Section
from briefing.text import did_you_mean

PaneName = Literal["navigator", "items", "detail"]


class Start(msgspec.Struct, frozen=True):
    entry: int = 0
    section: Section = Section.OVERVIEW
    item: str | None = None
    pane: PaneName = "navigator"


def locate(
    library: Library,
    *,
    briefing_id: str | None = None,
    section: Section | None = None,
    item_id: str | None = None,
) -> Start:
    """The start for a briefing id, a section and an item id; LookupError names what is unknown.

    Without a briefing id, an item is looked for in every briefing, in library order.
    """
    entries = library.entries
    candidates = list(range(len(entries)))
    if briefing_id is not None:
        ids = [e.briefing.id for e in entries if e.briefing is not None]
        if briefing_id not in ids:
            raise LookupError(_unknown("briefing", briefing_id, ids))
        candidates = [
            i for i, e in enumerate(entries) if e.briefing and e.briefing.id == briefing_id
        ]

    if item_id is not None:
        for index in candidates:
            briefing = entries[index].briefing
            found = briefing.find(item_id) if briefing else None
            if found is not None:
                found_section, _ = found
                if section is not None and section is not found_section:
                    raise LookupError(
                        f"item `{item_id}` is in {found_section.title}, not {section.title}"
                    )
                return Start(index, found_section, item_id, "detail")
        known = [
            item.id
            for index in candidates
            if (briefing := entries[index].briefing) is not None
            for _, item in briefing.all_items()
        ]
        raise LookupError(_unknown("item", item_id, known))

    first = next(iter(candidates), 0)
    if section is not None:
        return Start(first, section, None, "items")
    return Start(first, Section.OVERVIEW, None, "items" if briefing_id else "navigator")


def _unknown(what: str, name: str, known: list[str]) -> str:
    guess = did_you_mean(name, known)
    return f"no {what} with id `{name}`" + (f"; did you mean `{guess}`?" if guess else "")
