"""The briefing file format, version 1, as msgspec types.

These types say what a curator may write, exactly as written (references are ids). They give the
schema check, the JSON Schema editors use, and the JSON export. The resolved model that readers
navigate is in `briefing.model`.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
WHEN_PATTERN = r"^\d{4}-\d{2}(-\d{2})?$|^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$"

Slug = Annotated[
    str,
    Meta(
        pattern=SLUG_PATTERN,
        description="Lower-case letters and digits in words joined by hyphens, e.g. `hamas`.",
    ),
]
Text = Annotated[str, Meta(min_length=1)]

PartyKind = Literal[
    "state",
    "government",
    "office",
    "person",
    "armed-group",
    "intergovernmental",
    "ngo",
    "coalition",
    "population",
    "other",
]
PARTY_KINDS: tuple[str, ...] = PartyKind.__args__  # type: ignore[attr-defined]
Status = Literal["developing", "resolved", "archived"]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]
WhenBasis = Literal["source", "context"]


class _Item(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    pass


class CiteDoc(_Item, kw_only=True):
    """A citation: a verbatim span of a source text that supports the claim."""

    source: Annotated[
        Slug | None,
        Meta(description="The source's id; may be left out when the briefing has one source."),
    ] = None
    excerpt: Annotated[Text, Meta(description="Words copied exactly from the source text.")]


Cites = Annotated[list[CiteDoc], Meta(description="Citations supporting this item.")]


class SourceDoc(_Item, kw_only=True):
    id: Slug
    title: Text
    file: Annotated[Text, Meta(description="The source text's path, relative to the briefing.")]
    publisher: str | None = None
    author: str | None = None
    published: Annotated[str | None, Meta(description="When it was published, as known.")] = None
    url: str | None = None
    note: str | None = None


class PartyDoc(_Item, kw_only=True):
    id: Slug
    name: Text
    kind: PartyKind
    summary: str | None = None
    part_of: Annotated[
        Slug | None,
        Meta(description="The party this person or office speaks for (a party id)."),
    ] = None


class IssueDoc(_Item, kw_only=True):
    id: Slug
    title: Text
    summary: str | None = None


class PositionDoc(_Item, kw_only=True):
    id: Slug
    party: Slug
    issue: Slug
    stance: Annotated[Text, Meta(description="The party's stance, in the curator's words.")]
    cites: Cites = []


class QuestionDoc(_Item, kw_only=True):
    id: Slug
    question: Text
    why: Annotated[Text, Meta(description="Why the answer matters.")]
    parties: Annotated[list[Slug], Meta(description="Who decides (party ids).")] = []
    watch: Annotated[list[Text], Meta(description="Signals that would answer it.")] = []
    cites: Cites = []


class EventDoc(_Item, kw_only=True):
    id: Slug
    when: Annotated[
        str,
        Meta(
            pattern=WHEN_PATTERN,
            description="YYYY-MM-DD, YYYY-MM, or a range YYYY-MM-DD..YYYY-MM-DD.",
        ),
    ]
    when_basis: Annotated[
        WhenBasis,
        Meta(description="`source` if the source states the date; `context` if supplied."),
    ]
    label: Annotated[
        str | None, Meta(description="How the source puts the time, e.g. 'Wednesday'.")
    ] = None
    event: Text
    parties: list[Slug] = []
    cites: Cites = []


class FigureDoc(_Item, kw_only=True):
    id: Slug
    value: Annotated[Text, Meta(description="The number as the source gives it.")]
    label: Annotated[Text, Meta(description="What is counted.")]
    qualifier: Annotated[
        str | None, Meta(description="confirmed, estimated, claimed, approximate…")
    ] = None
    reported_by: Annotated[Slug | None, Meta(description="Who reported it (a party id).")] = None
    parties: list[Slug] = []
    cites: Cites = []


class QuoteDoc(_Item, kw_only=True):
    id: Slug
    speaker: Annotated[Slug, Meta(description="Who said it (a party id).")]
    quote: Annotated[Text, Meta(description="The words, verbatim as in the source.")]
    context: str | None = None
    cites: Cites = []


class BriefingDoc(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """One briefing file."""

    format: Annotated[Literal[1], Meta(description="The format version: 1.")]
    id: Slug
    title: Text
    as_of: Annotated[datetime.date, Meta(description="The date the briefing is current to.")]
    status: Status
    summary: Annotated[Text, Meta(description="The bottom line, in the curator's words.")]
    tags: list[Slug] = []
    sources: list[SourceDoc] = []
    parties: list[PartyDoc] = []
    issues: list[IssueDoc] = []
    positions: list[PositionDoc] = []
    questions: list[QuestionDoc] = []
    timeline: list[EventDoc] = []
    figures: list[FigureDoc] = []
    quotes: list[QuoteDoc] = []
    resolved: Annotated[
        dict[str, Any] | None,
        Meta(description="Derived data added by `briefing export --resolved`; ignored on load."),
    ] = None


# The lists of items, in reader order, with the type of each entry.
ITEM_LISTS: dict[str, type[_Item]] = {
    "sources": SourceDoc,
    "parties": PartyDoc,
    "issues": IssueDoc,
    "positions": PositionDoc,
    "questions": QuestionDoc,
    "timeline": EventDoc,
    "figures": FigureDoc,
    "quotes": QuoteDoc,
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a briefing file, for editors' YAML language servers."""
    schema = msgspec.json.schema(BriefingDoc)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Briefing, format 1"
    return schema
