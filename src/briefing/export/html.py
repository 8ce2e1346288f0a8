"""A briefing as one self-contained HTML page, for sharing and for the browser.

No scripts, no remote assets, inline CSS, light and dark. Each item has an anchor (its id; the
page's own ids contain `_`, which item ids cannot), items link to each other, and each citation
links to its words highlighted in the source text, which the page includes. Every string from
the briefing goes through `html.escape(…, quote=True)`; only http(s) URLs become links.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable

from briefing.export.shared import (
    CitationNumbers,
    clean,
    issue_positions,
    long_date,
    one_line,
    party_chain,
    party_mentions,
    positions_matrix,
    sections_with_items,
    web_url,
    when_details,
)
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
    Section,
    Source,
)
from briefing.text import shorten

STYLE = """
:root { color-scheme: light dark; --ink: #1f2328; --muted: #5f6670; --paper: #fdfcf9;
  --rule: #dedad2; --accent: #1d5f8a; --mark: #fbe9a6; --panel: #f4f1ea; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e6e3dc; --muted: #a5a19a; --paper: #17181a; --rule: #34363a;
    --accent: #8cc4ea; --mark: #5a4a12; --panel: #202225; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 1.0625rem/1.6 Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif; }
main, header { max-width: 44rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 2.5rem; }
h1, h2, h3, nav, .meta, table, .when, .value, .cites, .links, .back {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2.75rem 0 1rem; padding-bottom: .3rem;
  border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.75rem 0 .35rem; }
p { margin: .4rem 0; }
a { color: var(--accent); text-underline-offset: .15em; }
.meta, .links, .cites, .back { color: var(--muted); font-size: .875rem; }
.summary { font-size: 1.15rem; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .35rem 1rem; }
.item { scroll-margin-top: 1rem; }
:target { outline: 2px solid var(--accent); outline-offset: 4px; border-radius: 2px; }
.cites { list-style: none; padding-left: 0; margin: .35rem 0 0; }
.cites li { margin: .15rem 0; }
sup a { text-decoration: none; }
.table-wrap { overflow-x: auto; margin: 1rem 0; }
/* On a wide screen the positions table may spread past the text column, centred on it. */
@media (min-width: 64rem) {
  .table-wrap { width: 60rem; margin-left: calc((41.5rem - 60rem) / 2); }
}
table { border-collapse: collapse; font-size: .9rem; min-width: 100%; }
th, td { border: 1px solid var(--rule); padding: .45rem .6rem; text-align: left;
  vertical-align: top; }
thead th { background: var(--panel); }
.timeline { list-style: none; padding-left: 0; border-left: 2px solid var(--rule); }
.timeline > li { padding: 0 0 1rem 1rem; }
.when { font-weight: 600; }
.value { font-size: 1.4rem; font-weight: 700; margin-right: .35rem; }
blockquote { margin: 1.25rem 0; padding: .25rem 0 .25rem 1rem;
  border-left: 3px solid var(--accent); }
blockquote p.quote { font-size: 1.15rem; font-style: italic; }
.source-text { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--panel);
  padding: 1rem; border-radius: 6px; font-size: .95rem; }
mark { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: 2px; }
footer { max-width: 44rem; margin: 3rem auto 2rem; padding: 0 1.25rem; }
"""


def esc(text: str) -> str:
    return html.escape(clean(text), quote=True)


def to_html(briefing: Briefing) -> str:
    return _Page(briefing).write()


def label(item: Item) -> str:
    """A short name for an item, for the text of a link to it."""
    match item:
        case Party():
            return item.name
        case Issue():
            return item.title
        case Position():
            return f"{item.party.name} on {item.issue.title}"
        case Question():
            return shorten(item.question, 80)
        case Event():
            return f"{item.when.text}: {shorten(item.event, 60)}"
        case Figure():
            return shorten(f"{item.value} {item.label}", 80)
        case Quote():
            return f"“{shorten(item.quote, 70)}”"
        case Source():
            return item.title


def link(item: Item, text: str | None = None) -> str:
    return f'<a href="#{esc(item.id)}">{esc(label(item) if text is None else text)}</a>'


class _Page:
    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.notes = CitationNumbers.of(briefing)
        self.mentions = party_mentions(briefing)
        self.out: list[str] = []

    def add(self, *parts: str) -> None:
        self.out.extend(parts)

    def write(self) -> str:
        b = self.briefing
        self.add(
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="color-scheme" content="light dark">',
            # Belt and braces: even if something slipped through, the page can run nothing and
            # fetch nothing.
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">",
            '<meta name="referrer" content="no-referrer">',
            f"<title>{esc(one_line(b.title))}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
        )
        sections = sections_with_items(b)
        for section in sections:
            getattr(self, section.value)(sections)
        self.add("</main>", "</body>", "</html>")
        return "\n".join(self.out) + "\n"

    # pieces

    def cite_marks(self, citations: tuple[Citation, ...]) -> str:
        numbers = dict.fromkeys(self.notes.number(c) for c in citations)
        if not numbers:
            return ""
        # One superscript, the numbers apart: adjacent ones would read as one number ("12").
        links = ", ".join(f'<a href="#_c{n}">{n}</a>' for n in numbers)
        return f"<sup>{links}</sup>"

    def cite_list(self, citations: tuple[Citation, ...]) -> None:
        if not citations:
            return
        self.add('<ul class="cites">')
        for citation in citations:
            n = self.notes.number(citation)
            self.add(
                f'<li><a href="#_c{n}">[{n}]</a> “{esc(one_line(citation.passage))}” '
                f"({esc(citation.source.title)})</li>"
            )
        self.add("</ul>")

    def party_links(self, parties: Iterable[Party]) -> str:
        return ", ".join(link(party) for party in parties)

    def links_line(self, name: str, items: Iterable[Item]) -> None:
        items = list(items)
        if items:
            self.add(f'<p class="links">{name}: ' + ", ".join(link(i) for i in items) + "</p>")

    def heading(self, section: Section) -> None:
        self.add(f'<section id="_{section.value}">', f"<h2>{section.title}</h2>")

    # sections

    def overview(self, sections: list[Section]) -> None:
        b = self.briefing
        meta = [f"As of {long_date(b.as_of)}", esc(b.status)]
        if b.tags:
            meta.append("tags: " + ", ".join(esc(tag) for tag in b.tags))
        self.add(
            '<header id="_overview">',
            f"<h1>{esc(one_line(b.title))}</h1>",
            f'<p class="meta">{" · ".join(meta)}</p>',
        )
        for paragraph in clean(b.summary).split("\n\n"):
            if paragraph.strip():
                self.add(f'<p class="summary">{esc(one_line(paragraph))}</p>')
        self.add('<nav aria-label="Sections"><ul>')
        for section in sections[1:]:
            count = b.count(section)
            self.add(f'<li><a href="#_{section.value}">{section.title}</a> ({count})</li>')
        self.add("</ul></nav>", "</header>", "<main>")

    def parties(self, _: list[Section]) -> None:
        self.heading(Section.PARTIES)
        for party in self.briefing.parties:
            meta = esc(party.kind)
            if len(chain := party_chain(party)) > 1:
                meta += " · part of " + " › ".join(link(p) for p in chain[1:])
            self.add(
                f'<article class="item party" id="{esc(party.id)}">',
                f"<h3>{esc(party.name)}</h3>",
                f'<p class="meta">{meta}</p>',
            )
            if party.summary:
                self.add(f"<p>{esc(party.summary)}</p>")
            mentions = self.mentions[party.id]
            self.links_line("Members", mentions.members)
            self.links_line("Positions", mentions.positions)
            self.links_line("Quotes", mentions.quotes)
            self.links_line("Questions", mentions.questions)
            self.links_line("Timeline", mentions.events)
            self.links_line("Figures", mentions.figures)
            self.add("</article>")
        self.add("</section>")

    def positions(self, _: list[Section]) -> None:
        self.heading(Section.POSITIONS)
        matrix = positions_matrix(self.briefing)
        self.add('<div class="table-wrap"><table>', "<thead><tr><th>Party</th>")
        self.add(*(f'<th scope="col">{link(issue)}</th>' for issue in matrix.issues))
        self.add("</tr></thead>", "<tbody>")
        for party in matrix.parties:
            self.add(f'<tr><th scope="row">{link(party)}</th>')
            for issue in matrix.issues:
                stances = [
                    link(position, shorten(position.stance, 70))
                    for position in matrix.cell(party, issue)
                ]
                self.add(f"<td>{'<br>'.join(stances) or '—'}</td>")
            self.add("</tr>")
        self.add("</tbody></table></div>")
        for issue in matrix.issues:
            self.add(
                f'<div class="item issue" id="{esc(issue.id)}">', f"<h3>{esc(issue.title)}</h3>"
            )
            if issue.summary:
                self.add(f"<p>{esc(issue.summary)}</p>")
            for position in issue_positions(self.briefing, issue):
                self.add(
                    f'<article class="item position" id="{esc(position.id)}">',
                    f"<p><strong>{link(position.party)}</strong>: {esc(position.stance)}"
                    f"{self.cite_marks(position.citations)}</p>",
                )
                self.cite_list(position.citations)
                self.add("</article>")
            self.add("</div>")
        self.add("</section>")

    def questions(self, _: list[Section]) -> None:
        self.heading(Section.QUESTIONS)
        for question in self.briefing.questions:
            self.add(
                f'<article class="item question" id="{esc(question.id)}">',
                f"<h3>{esc(question.question)}</h3>",
                f"<p>Why it matters: {esc(question.why)}{self.cite_marks(question.citations)}</p>",
            )
            if question.parties:
                self.add(f'<p class="links">Who decides: {self.party_links(question.parties)}</p>')
            if question.watch:
                self.add("<p>Watch for:</p>", "<ul>")
                self.add(*(f"<li>{esc(signal)}</li>" for signal in question.watch))
                self.add("</ul>")
            self.cite_list(question.citations)
            self.add("</article>")
        self.add("</section>")

    def timeline(self, _: list[Section]) -> None:
        self.heading(Section.TIMELINE)
        self.add('<ol class="timeline">')
        for event in self.briefing.timeline:
            details = ", ".join(esc(detail) for detail in when_details(event))
            self.add(
                f'<li class="item event" id="{esc(event.id)}">',
                f'<p><span class="when">{esc(event.when.text)}</span> '
                f'<span class="meta">({details})</span></p>',
                f"<p>{esc(event.event)}{self.cite_marks(event.citations)}</p>",
            )
            if event.parties:
                self.add(f'<p class="links">Parties: {self.party_links(event.parties)}</p>')
            self.cite_list(event.citations)
            self.add("</li>")
        self.add("</ol>", "</section>")

    def figures(self, _: list[Section]) -> None:
        self.heading(Section.FIGURES)
        for figure in self.briefing.figures:
            self.add(
                f'<article class="item figure" id="{esc(figure.id)}">',
                f'<p><span class="value">{esc(figure.value)}</span> {esc(figure.label)}'
                f"{self.cite_marks(figure.citations)}</p>",
            )
            meta = [esc(figure.qualifier)] if figure.qualifier else []
            if figure.reported_by:
                meta.append(f"reported by {link(figure.reported_by)}")
            if figure.parties:
                meta.append(f"concerning {self.party_links(figure.parties)}")
            if meta:
                self.add(f'<p class="meta">{" · ".join(meta)}</p>')
            self.cite_list(figure.citations)
            self.add("</article>")
        self.add("</section>")

    def quotes(self, _: list[Section]) -> None:
        self.heading(Section.QUOTES)
        for quote in self.briefing.quotes:
            speaker = link(quote.speaker)
            if len(chain := party_chain(quote.speaker)) > 1:
                speaker += " (" + " › ".join(link(p) for p in chain[1:]) + ")"
            said = f"— {speaker}" + (f", {esc(quote.context)}" if quote.context else "")
            self.add(
                f'<blockquote class="item quote" id="{esc(quote.id)}">',
                f'<p class="quote">“{esc(quote.quote)}”{self.cite_marks(quote.citations)}</p>',
                f'<p class="meta">{said}</p>',
            )
            self.cite_list(quote.citations)
            self.add("</blockquote>")
        self.add("</section>")

    def sources(self, _: list[Section]) -> None:
        self.heading(Section.SOURCES)
        for source in self.briefing.sources:
            meta = [esc(x) for x in (source.publisher, source.author, source.published) if x]
            if url := web_url(source.url):
                meta.append(
                    f'<a href="{esc(url)}" rel="noopener noreferrer nofollow">{esc(url)}</a>'
                )
            elif source.url:
                meta.append(esc(source.url))
            self.add(
                f'<article class="item source" id="{esc(source.id)}">',
                f"<h3>{esc(source.title)}</h3>",
            )
            if meta:
                self.add(f'<p class="meta">{" · ".join(meta)}</p>')
            if source.note:
                self.add(f"<p>{esc(source.note)}</p>")
            self.add(
                f'<div class="source-text" id="_text-{esc(source.id)}">'
                + self.source_text(source)
                + "</div>",
                "</article>",
            )
        self.add("</section>")

    def source_text(self, source: Source) -> str:
        """The source text with each cited span in a `<mark>` that its citations link to.

        Spans may overlap, and marks cannot: the text is cut at every span's start and end,
        and each piece inside a span is marked. A span's anchor is on its first piece, and its
        links back to the citing items follow its last.
        """
        spans = sorted(
            {(c.start, c.end, n) for n, c in self.notes.numbered() if c.source.id == source.id}
        )
        text = clean(source.text)
        if len(text) != len(source.text):
            # Offsets no longer fit the cleaned text; show it without marks rather than wrongly.
            return esc(text)
        cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
        parts: list[str] = []
        for a, b in itertools.pairwise(cuts):
            starting = [n for s, _, n in spans if s == a]
            covered = any(s <= a and b <= e for s, e, _ in spans)
            for n in starting[1:]:
                parts.append(f'<span id="_c{n}"></span>')
            piece = html.escape(text[a:b], quote=True)
            if covered:
                anchor = f' id="_c{starting[0]}"' if starting else ""
                parts.append(f"<mark{anchor}>{piece}</mark>")
            else:
                parts.append(piece)
            for _, _, n in (span for span in spans if span[1] == b):
                back = "".join(
                    f'<a href="#{esc(item_id)}" title="{esc(item_id)}">↩</a>'
                    for item_id in self.notes.cited_by[n]
                )
                parts.append(f'<sup class="back">{n}&#8239;{back}</sup>')
        return "".join(parts)
