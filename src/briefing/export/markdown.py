"""A briefing as Markdown (CommonMark with GitHub's tables and footnotes), for wikis and email.

Every string from the briefing is escaped, so a title like `[x](javascript:…)` or `<script>`
comes out as the literal characters: content never becomes a link, a tag or a heading.
"""

from __future__ import annotations

import re

from briefing.export.shared import (
    CitationNumbers,
    clean,
    long_date,
    one_line,
    party_chain,
    positions_matrix,
    sections_with_items,
    web_url,
    when_details,
)
from briefing.model import Briefing, Citation, Party, Section

# Every ASCII punctuation character that can start or end inline syntax; CommonMark lets any
# ASCII punctuation be backslash-escaped, and an escaped `&` cannot start an entity.
_INLINE = re.compile(r"([\\`*_\[\]()<>|#~!&{}$])")
# What makes a line a block: a list item, a setext underline, an ordered list item.
_BLOCK_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def escape(text: str) -> str:
    """One line of inline text, safe anywhere: in a paragraph, a heading or a table cell."""
    line = _INLINE.sub(r"\\\1", one_line(text))
    return _BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", line)


def paragraphs(text: str) -> str:
    """Text with its blank-line paragraphs kept, each paragraph escaped as one line."""
    parts = re.split(r"\n\s*\n", clean(text).strip())
    return "\n\n".join(escape(part) for part in parts if part.strip())


def party_name(party: Party) -> str:
    """`Ana Reyes (Southland)`: a party with what it is part of."""
    chain = party_chain(party)
    name = escape(party.name)
    if len(chain) > 1:
        name += " (" + ", ".join(escape(p.name) for p in chain[1:]) + ")"
    return name


def to_markdown(briefing: Briefing) -> str:
    return _Writer(briefing).write()


class _Writer:
    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.notes = CitationNumbers.of(briefing)
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def refs(self, citations: tuple[Citation, ...]) -> str:
        numbers = dict.fromkeys(self.notes.number(c) for c in citations)
        # Apart, so that two read as two numbers, not one ("12").
        return ", ".join(f"[^{n}]" for n in numbers)

    def write(self) -> str:
        for section in sections_with_items(self.briefing):
            getattr(self, section.value)()
        self.footnotes()
        return "\n".join(self.lines).rstrip("\n") + "\n"

    def overview(self) -> None:
        b = self.briefing
        meta = [f"As of {long_date(b.as_of)}", escape(b.status)]
        if b.tags:
            meta.append("tags: " + ", ".join(escape(tag) for tag in b.tags))
        self.add(f"# {escape(b.title)}", "", "*" + " · ".join(meta) + "*", "")
        self.add(paragraphs(b.summary), "")

    def heading(self, section: Section) -> None:
        self.add(f"## {section.title}", "")

    def parties(self) -> None:
        self.heading(Section.PARTIES)
        for party in self.briefing.parties:
            line = f"- **{escape(party.name)}** ({escape(party.kind)}"
            if party.part_of is not None:
                line += f", part of {party_name(party.part_of)}"
            line += ")"
            if party.summary:
                line += f": {escape(party.summary)}"
            self.add(line)
        self.add("")

    def positions(self) -> None:
        self.heading(Section.POSITIONS)
        matrix = positions_matrix(self.briefing)
        self.add(
            "| Party | " + " | ".join(escape(issue.title) for issue in matrix.issues) + " |",
            "|---" * (len(matrix.issues) + 1) + "|",
        )
        for party in matrix.parties:
            cells = []
            for issue in matrix.issues:
                stances = [
                    escape(p.stance) + self.refs(p.citations) for p in matrix.cell(party, issue)
                ]
                cells.append(" · ".join(stances) or "—")
            self.add(f"| **{party_name(party)}** | " + " | ".join(cells) + " |")
        self.add("")
        described = [issue for issue in matrix.issues if issue.summary]
        for issue in described:
            self.add(f"- **{escape(issue.title)}**: {escape(issue.summary or '')}")
        if described:
            self.add("")

    def questions(self) -> None:
        self.heading(Section.QUESTIONS)
        for question in self.briefing.questions:
            self.add(f"### {escape(question.question)}", "")
            self.add(f"Why it matters: {escape(question.why)}{self.refs(question.citations)}", "")
            if question.parties:
                who = ", ".join(party_name(p) for p in question.parties)
                self.add(f"Who decides: {who}", "")
            if question.watch:
                self.add("Watch for:", "")
                self.add(*(f"- {escape(signal)}" for signal in question.watch))
                self.add("")

    def timeline(self) -> None:
        self.heading(Section.TIMELINE)
        for event in self.briefing.timeline:
            line = f"- **{escape(event.when.text)}** {escape(event.event)}"
            line += self.refs(event.citations)
            details = [escape(detail) for detail in when_details(event)]
            if event.parties:
                details.append(", ".join(party_name(p) for p in event.parties))
            self.add(line + " (" + "; ".join(details) + ")")
        self.add("")

    def figures(self) -> None:
        self.heading(Section.FIGURES)
        for figure in self.briefing.figures:
            line = f"- **{escape(figure.value)}** {escape(figure.label)}"
            details = []
            if figure.qualifier:
                details.append(escape(figure.qualifier))
            if figure.reported_by:
                details.append(f"reported by {party_name(figure.reported_by)}")
            if figure.parties:
                details.append("concerning " + ", ".join(party_name(p) for p in figure.parties))
            if details:
                line += " (" + "; ".join(details) + ")"
            self.add(line + self.refs(figure.citations))
        self.add("")

    def quotes(self) -> None:
        self.heading(Section.QUOTES)
        for quote in self.briefing.quotes:
            self.add(f"> “{escape(quote.quote)}”", ">")
            said = f"> — {party_name(quote.speaker)}"
            if quote.context:
                said += f", {escape(quote.context)}"
            self.add(said + self.refs(quote.citations), "")

    def sources(self) -> None:
        self.heading(Section.SOURCES)
        for source in self.briefing.sources:
            line = f"- **{escape(source.title)}**"
            details = [escape(x) for x in (source.publisher, source.author, source.published) if x]
            if details:
                line += ", " + ", ".join(details)
            if url := web_url(source.url):
                # An autolink: the URL is already known to be plain http(s) with no `<` or `>`.
                line += f" <{url}>"
            elif source.url:
                line += f" ({escape(source.url)})"
            if source.note:
                line += f". {escape(source.note)}"
            self.add(line)
        self.add("")

    def footnotes(self) -> None:
        # A blank line after each: a renderer without footnotes (CommonMark's own) would run
        # definitions on adjacent lines together into one paragraph.
        for number, citation in self.notes.numbered():
            self.add(f"[^{number}]: “{escape(citation.passage)}” ({escape(citation.source.title)})")
            self.add("")
