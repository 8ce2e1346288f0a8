"""What a library cache entry holds, and the compact form of a load result inside it.

The resolved model is stored with its cross-references as indices (a position names its party
by its place in the briefing's list) and each citation as offsets into its source, so it comes
back by object construction alone: no YAML, no excerpt matching. Source texts are not stored:
they are read again from their files, whose stamps the entry carries (see `briefing.library.cache`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec

from briefing import model
from briefing.findings import BriefingError, Finding, Location, Severity
from briefing.loader import LoadResult
from briefing.text import sanitise
from briefing.textfile import MAX_SOURCE_BYTES, read_text_file


class Dependency(msgspec.Struct, array_like=True):
    """A file a load result depends on, as it was when the result was made."""

    path: str
    # (size, mtime_ns, ctime_ns, inode, device); () for a file that did not exist.
    stamp: tuple[int, ...]
    # The content's hash when the stamp was racy (see `briefing.library.cache`), else empty.
    digest: bytes = b""


class _Cite(msgspec.Struct, array_like=True):
    source: int
    excerpt: str
    start: int
    end: int


class _Source(msgspec.Struct, array_like=True):
    id: str
    title: str
    file: str
    publisher: str | None
    author: str | None
    published: str | None
    url: str | None
    note: str | None


class _Party(msgspec.Struct, array_like=True):
    id: str
    name: str
    kind: str
    summary: str | None
    part_of: int  # -1 for none


class _Issue(msgspec.Struct, array_like=True):
    id: str
    title: str
    summary: str | None


class _Position(msgspec.Struct, array_like=True):
    id: str
    party: int
    issue: int
    stance: str
    cites: list[_Cite]


class _Question(msgspec.Struct, array_like=True):
    id: str
    question: str
    why: str
    parties: list[int]
    watch: list[str]
    cites: list[_Cite]


class _Event(msgspec.Struct, array_like=True):
    id: str
    when: str
    when_sourced: bool
    label: str | None
    event: str
    parties: list[int]
    cites: list[_Cite]


class _Figure(msgspec.Struct, array_like=True):
    id: str
    value: str
    label: str
    qualifier: str | None
    reported_by: int  # -1 for none
    parties: list[int]
    cites: list[_Cite]


class _Quote(msgspec.Struct, array_like=True):
    id: str
    speaker: int
    quote: str
    context: str | None
    cites: list[_Cite]
    located: _Cite | None


class _Briefing(msgspec.Struct, array_like=True):
    id: str
    title: str
    as_of: datetime.date
    status: str
    summary: str
    tags: list[str]
    sources: list[_Source]
    parties: list[_Party]
    issues: list[_Issue]
    positions: list[_Position]
    questions: list[_Question]
    timeline: list[_Event]
    figures: list[_Figure]
    quotes: list[_Quote]
    # item id -> (line, column)
    locations: dict[str, tuple[int, int]]


class _Finding(msgspec.Struct, array_like=True):
    error: bool
    code: str
    message: str
    # None: the briefing file itself, however its path was given; else the path as recorded.
    file: str | None
    line: int  # 0 when unknown
    column: int
    path: str
    hint: str | None
    source_line: str | None
    caret: int | None


class Entry(msgspec.Struct, array_like=True):
    """One cache file: checked against the program and the files before its result is used."""

    fingerprint: str
    dependencies: list[Dependency]
    briefing: _Briefing | None
    findings: list[_Finding]
    # Indices into `dependencies` (after the briefing file itself) of the load's source files.
    depends_on: list[str]


_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(Entry)


def _encode_briefing(b: model.Briefing) -> _Briefing:
    sources = {id(s): i for i, s in enumerate(b.sources)}
    parties = {id(p): i for i, p in enumerate(b.parties)}
    issues = {id(s): i for i, s in enumerate(b.issues)}

    def cite(c: model.Citation) -> _Cite:
        return _Cite(sources[id(c.source)], c.excerpt, c.start, c.end)

    def cites(items: Sequence[model.Citation]) -> list[_Cite]:
        return [cite(c) for c in items]

    def refs(items: Sequence[model.Party]) -> list[int]:
        return [parties[id(p)] for p in items]

    return _Briefing(
        id=b.id,
        title=b.title,
        as_of=b.as_of,
        status=b.status,
        summary=b.summary,
        tags=list(b.tags),
        sources=[
            _Source(s.id, s.title, str(s.file), s.publisher, s.author, s.published, s.url, s.note)
            for s in b.sources
        ],
        parties=[
            _Party(p.id, p.name, p.kind, p.summary, parties[id(p.part_of)] if p.part_of else -1)
            for p in b.parties
        ],
        issues=[_Issue(i.id, i.title, i.summary) for i in b.issues],
        positions=[
            _Position(p.id, parties[id(p.party)], issues[id(p.issue)], p.stance, cites(p.citations))
            for p in b.positions
        ],
        questions=[
            _Question(q.id, q.question, q.why, refs(q.parties), list(q.watch), cites(q.citations))
            for q in b.questions
        ],
        timeline=[
            _Event(
                e.id,
                e.when.text,
                e.when_sourced,
                e.label,
                e.event,
                refs(e.parties),
                cites(e.citations),
            )
            for e in b.timeline
        ],
        figures=[
            _Figure(
                f.id,
                f.value,
                f.label,
                f.qualifier,
                parties[id(f.reported_by)] if f.reported_by else -1,
                refs(f.parties),
                cites(f.citations),
            )
            for f in b.figures
        ],
        quotes=[
            _Quote(
                q.id,
                parties[id(q.speaker)],
                q.quote,
                q.context,
                cites(q.citations),
                cite(q.located) if q.located else None,
            )
            for q in b.quotes
        ],
        locations={key: (at.line, at.column) for key, at in b.locations.items()},
    )


def _decode_briefing(r: _Briefing, path: Path) -> model.Briefing:
    r = neutralised(msgspec.structs.replace(r))
    sources = []
    for s in r.sources:
        # The text is read again: its stamp was checked with the entry's other dependencies.
        text = sanitise(read_text_file(Path(s.file), max_bytes=MAX_SOURCE_BYTES, what="source"))
        sources.append(
            model.Source(
                id=s.id,
                title=s.title,
                file=Path(s.file),
                text=text,
                publisher=s.publisher,
                author=s.author,
                published=s.published,
                url=s.url,
                note=s.note,
            )
        )
    parties: list[model.Party] = []

    def party(index: int) -> model.Party:
        # `part_of` may point later in the list: build parents first, as resolution does.
        while len(parties) <= index:
            parties.append(None)  # type: ignore[arg-type]
        if parties[index] is None:
            p = r.parties[index]
            parties[index] = model.Party(
                id=p.id,
                name=p.name,
                kind=p.kind,
                summary=p.summary,
                part_of=party(p.part_of) if p.part_of >= 0 else None,
            )
        return parties[index]

    every_party = tuple(party(i) for i in range(len(r.parties)))
    issues = tuple(model.Issue(id=i.id, title=i.title, summary=i.summary) for i in r.issues)

    def cite(c: _Cite) -> model.Citation:
        return model.Citation(source=sources[c.source], excerpt=c.excerpt, start=c.start, end=c.end)

    def cites(items: list[_Cite]) -> tuple[model.Citation, ...]:
        return tuple(cite(c) for c in items)

    def refs(items: list[int]) -> tuple[model.Party, ...]:
        return tuple(every_party[i] for i in items)

    return model.Briefing(
        id=r.id,
        title=r.title,
        as_of=r.as_of,
        status=r.status,
        summary=r.summary,
        path=path,
        tags=tuple(r.tags),
        sources=tuple(sources),
        parties=every_party,
        issues=issues,
        positions=tuple(
            model.Position(
                id=p.id,
                party=every_party[p.party],
                issue=issues[p.issue],
                stance=p.stance,
                citations=cites(p.cites),
            )
            for p in r.positions
        ),
        questions=tuple(
            model.Question(
                id=q.id,
                question=q.question,
                why=q.why,
                parties=refs(q.parties),
                watch=tuple(q.watch),
                citations=cites(q.cites),
            )
            for q in r.questions
        ),
        timeline=tuple(
            model.Event(
                id=e.id,
                when=model.When.parse(e.when),
                when_sourced=e.when_sourced,
                label=e.label,
                event=e.event,
                parties=refs(e.parties),
                citations=cites(e.cites),
            )
            for e in r.timeline
        ),
        figures=tuple(
            model.Figure(
                id=f.id,
                value=f.value,
                label=f.label,
                qualifier=f.qualifier,
                reported_by=every_party[f.reported_by] if f.reported_by >= 0 else None,
                parties=refs(f.parties),
                citations=cites(f.cites),
            )
            for f in r.figures
        ),
        quotes=tuple(
            model.Quote(
                id=q.id,
                speaker=every_party[q.speaker],
                quote=q.quote,
                context=q.context,
                citations=cites(q.cites),
                located=cite(q.located) if q.located else None,
            )
            for q in r.quotes
        ),
        locations={key: Location(line=at[0], column=at[1]) for key, at in r.locations.items()},
    )


def _encode_finding(f: Finding, own: Path) -> _Finding:
    return _Finding(
        f.is_error,
        f.code,
        f.message,
        None if f.file == own else (str(f.file) if f.file is not None else ""),
        f.location.line if f.location else 0,
        f.location.column if f.location else 0,
        f.path,
        f.hint,
        f.source_line,
        f.caret,
    )


def _decode_finding(f: _Finding, own: Path) -> Finding:
    f = neutralised(msgspec.structs.replace(f))
    return Finding(
        severity=Severity.ERROR if f.error else Severity.WARNING,
        code=f.code,
        message=f.message,
        file=own if f.file is None else (Path(f.file) if f.file else None),
        location=Location(line=f.line, column=f.column) if f.line else None,
        path=f.path,
        hint=f.hint,
        source_line=f.source_line,
        caret=f.caret,
    )


def encode_entry(result: LoadResult, dependencies: list[Dependency], fingerprint: str) -> bytes:
    """The cache file for a load result, with the files it depends on (the briefing first)."""
    return _ENCODER.encode(
        Entry(
            fingerprint=fingerprint,
            dependencies=dependencies,
            briefing=_encode_briefing(result.briefing) if result.briefing else None,
            findings=[_encode_finding(f, result.path) for f in result.findings],
            depends_on=[str(p) for p in result.depends_on],
        )
    )


def decode_entry(data: bytes | memoryview) -> Entry | None:
    """An entry, or None if the bytes are not one (damaged, truncated, another format)."""
    try:
        return _DECODER.decode(data)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        # RecursionError: nested deeper than any entry is, in a value that is skipped.
        return None


# Fields that name files, kept exactly: they are opened, and shown only through `show_path`.
_FILE_FIELDS = frozenset({(Dependency, "path"), (_Source, "file"), (_Finding, "file")})


def neutralised(value: Any) -> Any:
    """`value` with control and bidi-override characters removed from every text in it (the
    structs changed in place), as loading removes them (`text.sanitise`); file names kept.

    Text read back from the cache is no more trusted than text read from YAML: whoever can
    write the cache folder could put escape sequences in it. Done where an entry becomes what
    is shown (a briefing, findings, a catalog's record), not for every entry checked.
    """
    if isinstance(value, str):
        return sanitise(value)
    if isinstance(value, list):
        return [neutralised(item) for item in value]
    if isinstance(value, dict):
        return {neutralised(key): neutralised(item) for key, item in value.items()}
    if isinstance(value, msgspec.Struct):
        kind = type(value)
        for name in value.__struct_fields__:
            if (kind, name) not in _FILE_FIELDS and name != "depends_on":
                setattr(value, name, neutralised(getattr(value, name)))
    return value


def entry_result(entry: Entry, path: Path) -> LoadResult | None:
    """The load result an entry holds, for the briefing file at `path` (as the caller names it).

    None if the entry is inconsistent or a source can no longer be read: a miss, never an error.
    """
    try:
        briefing = _decode_briefing(entry.briefing, path) if entry.briefing else None
    except (BriefingError, IndexError, ValueError, TypeError, RecursionError):
        return None
    return LoadResult(
        path, briefing, entry_findings(entry, path), tuple(Path(p) for p in entry.depends_on)
    )


def entry_findings(entry: Entry, path: Path) -> tuple[Finding, ...]:
    return tuple(_decode_finding(f, path) for f in entry.findings)


def entry_locations(entry: Entry) -> dict[str, Location]:
    """Where each item starts in the briefing file (empty for a briefing that did not load)."""
    if entry.briefing is None:
        return {}
    return {key: Location(line=at[0], column=at[1]) for key, at in entry.briefing.locations.items()}
