"""Resolution: from the checked format to the model, verifying ids, references and citations."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from briefing import format as fmt
from briefing import model
from briefing.findings import BriefingError, Finding, Severity
from briefing.provenance import SourceIndex
from briefing.text import did_you_mean, sanitise, unsafe_characters
from briefing.textfile import MAX_SOURCE_BYTES, read_text_file
from briefing.yamlsafe import DataPath, YamlDocument, format_path

LONG_EXCERPT = 200


def _raw_ids(data: dict[str, Any]) -> set[str]:
    return {
        entry["id"]
        for key in fmt.ITEM_LISTS
        if isinstance(data.get(key), list)
        for entry in data[key]
        if isinstance(entry, dict) and isinstance(entry.get("id"), str)
    }


class Resolver:
    """Builds the resolved model, checking ids, references and citations."""

    def __init__(
        self, document: YamlDocument, doc: fmt.BriefingDoc, findings: list[Finding]
    ) -> None:
        self.document = document
        self.doc = doc
        self.findings = findings
        self.path = document.file or Path("briefing.yaml")
        self.sources: dict[str, tuple[model.Source, SourceIndex]] = {}
        self.parties: dict[str, model.Party] = {}
        self.issues: dict[str, model.Issue] = {}
        self.referenced_parties: set[str] = set()
        self.referenced_issues: set[str] = set()
        # Every source file this briefing's checks depend on, read or not: a cache of the result
        # must be invalidated when any of them appears, changes or goes.
        self.source_files: list[Path] = []
        # Ids of items that failed the format check, already reported.
        self.failed_ids = _raw_ids(document.data) - {
            item.id for key in fmt.ITEM_LISTS for item in getattr(doc, key)
        }

    def error(self, path: DataPath, message: str, *, code: str, hint: str | None = None) -> None:
        self.findings.append(self.document.finding(path, message, code=code, hint=hint))

    def warn(self, path: DataPath, message: str, *, code: str, hint: str | None = None) -> None:
        self.findings.append(
            self.document.finding(path, message, code=code, hint=hint, severity=Severity.WARNING)
        )

    def resolve(self) -> model.Briefing:
        doc = self.doc
        self._check_unique_ids()
        self._resolve_sources()
        self._resolve_parties()
        self.issues = {
            issue.id: model.Issue(id=issue.id, title=issue.title, summary=issue.summary)
            for issue in doc.issues
        }
        positions = self._each("positions", doc.positions, self._position)
        questions = self._each("questions", doc.questions, self._question)
        timeline = self._each("timeline", doc.timeline, self._event)
        figures = self._each("figures", doc.figures, self._figure)
        quotes = self._each("quotes", doc.quotes, self._quote)
        self._warn_unused()
        locations = {}
        if where := self.document.location(("id",)):
            locations[""] = where
        for key in fmt.ITEM_LISTS:
            for index, item in enumerate(getattr(doc, key)):
                if where := self.document.location((key, index)):
                    locations.setdefault(item.id, where)
        return model.Briefing(
            id=doc.id,
            title=doc.title,
            as_of=doc.as_of,
            status=doc.status,
            summary=doc.summary,
            path=self.path,
            tags=tuple(doc.tags),
            sources=tuple(source for source, _ in self.sources.values()),
            parties=tuple(self.parties.values()),
            issues=tuple(self.issues.values()),
            positions=positions,
            questions=questions,
            timeline=tuple(sorted(timeline, key=lambda event: event.when.start)),
            figures=figures,
            quotes=quotes,
            locations=locations,
        )

    def _each(self, key: str, entries: Iterable[Any], build: Callable[..., Any]) -> tuple:
        built = (build((key, index), entry) for index, entry in enumerate(entries))
        return tuple(item for item in built if item is not None)

    # ids

    def _check_unique_ids(self) -> None:
        seen: dict[str, DataPath] = {}
        for key in fmt.ITEM_LISTS:
            for index, item in enumerate(getattr(self.doc, key)):
                path: DataPath = (key, index, "id")
                if item.id in seen:
                    first = self.document.location(seen[item.id])
                    self.error(
                        path,
                        f"duplicate id `{item.id}`: ids must be unique within a briefing",
                        code="duplicate-id",
                        hint=f"first used at line {first.line}" if first else None,
                    )
                else:
                    seen[item.id] = path

    # sources

    def _resolve_sources(self) -> None:
        folder = self.path.parent
        for index, source in enumerate(self.doc.sources):
            path: DataPath = ("sources", index, "file")
            relative = Path(source.file)
            target = (folder / relative).resolve()
            self.source_files.append(folder / relative)
            if relative.is_absolute() or not target.is_relative_to(folder.resolve()):
                self.error(
                    path,
                    f"source file `{source.file}` is outside the briefing's folder",
                    code="source-outside",
                    hint="keep source texts in the briefing's folder, e.g. sources/",
                )
                continue
            if target == self.path.resolve() or target.suffix.lower() in (".yaml", ".yml"):
                # Excerpts checked against a briefing's own words would all "verify".
                self.error(
                    path,
                    f"source file `{source.file}` is a briefing file, not a source text",
                    code="source-is-briefing",
                    hint="a source is the text the briefing is written from, e.g. sources/x.txt",
                )
                continue
            try:
                raw = read_text_file(target, max_bytes=MAX_SOURCE_BYTES, what="source")
            except BriefingError as error:
                self.error(path, f"{error.finding.message}: {source.file}", code="source-file")
                continue
            if removed := unsafe_characters(raw):
                self.warn(
                    path,
                    f"removed {len(removed)} control or bidi-override characters from the "
                    "source text",
                    code="control-characters",
                )
            text = sanitise(raw)
            resolved = model.Source(
                id=source.id,
                title=source.title,
                file=target,
                text=text,
                publisher=source.publisher,
                author=source.author,
                published=source.published,
                url=source.url,
                note=source.note,
            )
            self.sources[source.id] = (resolved, SourceIndex(text))

    # references

    def _ref(self, path: DataPath, party_id: str | None) -> model.Party | None:
        if party_id is None:
            return None
        self.referenced_parties.add(party_id)
        party = self.parties.get(party_id)
        if party is None and party_id not in self.failed_ids:
            guess = did_you_mean(party_id, list(self.parties))
            self.error(
                path,
                f"unknown party `{party_id}`",
                code="unknown-reference",
                hint=f"did you mean `{guess}`?" if guess else self._known("parties", self.parties),
            )
        return party

    def _refs(self, path: DataPath, party_ids: list[str]) -> tuple[model.Party, ...] | None:
        parties = [self._ref((*path, index), pid) for index, pid in enumerate(party_ids)]
        if any(party is None for party in parties):
            return None
        return tuple(parties)  # type: ignore[arg-type]

    @staticmethod
    def _known(what: str, names: Iterable[str]) -> str:
        listed = ", ".join(sorted(names)[:12])
        return f"known {what}: {listed}" if listed else f"this briefing has no {what}"

    def _resolve_parties(self) -> None:
        docs = {party.id: (index, party) for index, party in enumerate(self.doc.parties)}
        building: list[str] = []  # the chain of `part_of` being followed

        def build(party_id: str) -> model.Party | None:
            if party_id in self.parties:
                return self.parties[party_id]
            index, party = docs[party_id]
            parent = None
            if party.part_of is not None:
                path: DataPath = ("parties", index, "part_of")
                self.referenced_parties.add(party.part_of)
                if party.part_of not in docs:
                    guess = did_you_mean(party.part_of, list(docs))
                    self.error(
                        path,
                        f"unknown party `{party.part_of}`",
                        code="unknown-reference",
                        hint=f"did you mean `{guess}`?" if guess else None,
                    )
                elif party.part_of in building or party.part_of == party_id:
                    start = (
                        building.index(party.part_of)
                        if party.part_of in building
                        else len(building)
                    )
                    loop = [*building[start:], party_id, party.part_of]
                    self.error(
                        path,
                        "`part_of` makes a loop: " + " → ".join(loop),
                        code="part-of-loop",
                    )
                else:
                    building.append(party_id)
                    parent = build(party.part_of)
                    building.pop()
            built = model.Party(
                id=party.id,
                name=party.name,
                kind=party.kind,
                summary=party.summary,
                part_of=parent,
            )
            self.parties[party_id] = built
            return built

        for party_id in docs:
            build(party_id)
        # Keep the file's order.
        self.parties = {party_id: self.parties[party_id] for party_id in docs}

    # citations

    def _citations(self, path: DataPath, cites: list[fmt.CiteDoc]) -> tuple[model.Citation, ...]:
        if not cites:
            self.error(
                (*path, "cites") if (*path, "cites") in self.document.value_marks else path,
                "this item has no citation: every claim cites the source it comes from",
                code="missing-citation",
                hint='add `cites: [{excerpt: "…the supporting words…"}]`',
            )
            return ()
        citations: list[model.Citation] = []
        # Where in `cites` each passage was first cited, by source and span.
        first: dict[tuple[str, int, int], int] = {}
        for index, cite in enumerate(cites):
            where: DataPath = (*path, "cites", index)
            citation = self._citation(where, cite)
            if citation is None:
                continue
            span = (citation.source.id, citation.start, citation.end)
            if span in first:
                # One passage, one citation: shown, copied and exported once.
                self.warn(
                    where,
                    f"this excerpt cites the same words of `{citation.source.id}` as "
                    f"`{format_path((*path, 'cites', first[span]))}`; it is shown once",
                    code="duplicate-citation",
                    hint="remove one of the two",
                )
                continue
            first[span] = index
            citations.append(citation)
        return tuple(citations)

    def _source_for(self, path: DataPath, source_id: str | None) -> tuple | None:
        if source_id is None:
            if len(self.doc.sources) == 1:
                return self.sources.get(self.doc.sources[0].id)
            self.error(
                path,
                "name the `source`: this briefing has "
                + ("no sources" if not self.doc.sources else "several sources"),
                code="unknown-source",
            )
            return None
        if source_id not in self.sources:
            if source_id not in {source.id for source in self.doc.sources}:
                guess = did_you_mean(source_id, [s.id for s in self.doc.sources])
                self.error(
                    (*path, "source"),
                    f"unknown source `{source_id}`",
                    code="unknown-reference",
                    hint=f"did you mean `{guess}`?" if guess else None,
                )
            return None  # a known source whose file failed is reported once, at the source
        return self.sources[source_id]

    def _citation(self, path: DataPath, cite: fmt.CiteDoc) -> model.Citation | None:
        found = self._source_for(path, cite.source)
        if found is None:
            return None
        source, index = found
        span = index.locate(cite.excerpt)
        if span is None:
            nearest = index.nearest(cite.excerpt)
            self.error(
                (*path, "excerpt"),
                f"excerpt not found in `{source.id}`: it must be copied word for word",
                code="excerpt-not-found",
                hint=f"nearest passage: “{nearest}”" if nearest else None,
            )
            return None
        if len(cite.excerpt) > LONG_EXCERPT:
            self.warn(
                (*path, "excerpt"),
                f"excerpt of {len(cite.excerpt)} characters: over {LONG_EXCERPT}, it no longer "
                "pinpoints a claim",
                code="long-excerpt",
                hint="cite the shortest span that supports the claim",
            )
        return model.Citation(source=source, excerpt=cite.excerpt, start=span.start, end=span.end)

    # items

    def _position(self, path: DataPath, doc: fmt.PositionDoc) -> model.Position | None:
        party = self._ref((*path, "party"), doc.party)
        self.referenced_issues.add(doc.issue)
        issue = self.issues.get(doc.issue)
        if issue is None and doc.issue not in self.failed_ids:
            guess = did_you_mean(doc.issue, list(self.issues))
            self.error(
                (*path, "issue"),
                f"unknown issue `{doc.issue}`",
                code="unknown-reference",
                hint=f"did you mean `{guess}`?" if guess else self._known("issues", self.issues),
            )
        citations = self._citations(path, doc.cites)
        if party is None or issue is None:
            return None
        return model.Position(
            id=doc.id, party=party, issue=issue, stance=doc.stance, citations=citations
        )

    def _question(self, path: DataPath, doc: fmt.QuestionDoc) -> model.Question | None:
        parties = self._refs((*path, "parties"), doc.parties)
        citations = self._citations(path, doc.cites)
        if parties is None:
            return None
        return model.Question(
            id=doc.id,
            question=doc.question,
            why=doc.why,
            parties=parties,
            watch=tuple(doc.watch),
            citations=citations,
        )

    def _event(self, path: DataPath, doc: fmt.EventDoc) -> model.Event | None:
        try:
            when = model.When.parse(doc.when)
        except ValueError as error:
            self.error(
                (*path, "when"), f"`when`: impossible date `{doc.when}` ({error})", code="bad-date"
            )
            when = None
        parties = self._refs((*path, "parties"), doc.parties)
        citations = self._citations(path, doc.cites)
        if when is None or parties is None:
            return None
        return model.Event(
            id=doc.id,
            when=when,
            when_sourced=doc.when_basis == "source",
            label=doc.label,
            event=doc.event,
            parties=parties,
            citations=citations,
        )

    def _figure(self, path: DataPath, doc: fmt.FigureDoc) -> model.Figure | None:
        reported_by = self._ref((*path, "reported_by"), doc.reported_by)
        parties = self._refs((*path, "parties"), doc.parties)
        citations = self._citations(path, doc.cites)
        if parties is None or (doc.reported_by and reported_by is None):
            return None
        return model.Figure(
            id=doc.id,
            value=doc.value,
            label=doc.label,
            qualifier=doc.qualifier,
            reported_by=reported_by,
            parties=parties,
            citations=citations,
        )

    def _quote(self, path: DataPath, doc: fmt.QuoteDoc) -> model.Quote | None:
        speaker = self._ref((*path, "speaker"), doc.speaker)
        citations = self._citations(path, doc.cites)
        located = None
        cited_sources = [c.source.id for c in citations] or list(self.sources)
        for source_id in dict.fromkeys(cited_sources):
            source, index = self.sources[source_id]
            span = index.locate(doc.quote)
            if span:
                located = model.Citation(
                    source=source, excerpt=doc.quote, start=span.start, end=span.end
                )
                break
        if located is None and cited_sources:
            nearest = self.sources[cited_sources[0]][1].nearest(doc.quote)
            self.error(
                (*path, "quote"),
                "quote not found verbatim in its source: quotes are copied exactly",
                code="quote-not-found",
                hint=f"nearest passage: “{nearest}”" if nearest else None,
            )
        if speaker is None or located is None:
            return None
        return model.Quote(
            id=doc.id,
            speaker=speaker,
            quote=doc.quote,
            context=doc.context,
            citations=citations,
            located=located,
        )

    def _warn_unused(self) -> None:
        for index, party in enumerate(self.doc.parties):
            if party.id not in self.referenced_parties:
                self.warn(
                    ("parties", index, "id"),
                    f"party `{party.id}` is not referenced by any item",
                    code="unused-party",
                    hint="cite it in a position, quote, question, event or figure, or remove it",
                )
        for index, issue in enumerate(self.doc.issues):
            if issue.id not in self.referenced_issues:
                self.warn(
                    ("issues", index, "id"),
                    f"issue `{issue.id}` has no position",
                    code="unused-issue",
                )
