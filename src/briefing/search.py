"""Search across a library: an inverted index with word-prefix and typo-tolerant matching.

Every text field of every briefing becomes an *entry*: one per briefing (title, summary, tags),
party, issue, position, question, event, figure, quote and source, plus one per passage of each
source text, so that a hit in a long article points at the sentences that matched. Entries are
numbered in the order they are added; a briefing's entries are consecutive numbers.

The index maps each folded word (accents stripped, case folded) to the sorted entry numbers that
contain it, kept apart for three ranks of entry: headings (briefings, parties, issues, source
titles), items, and source passages. A query's words are each expanded against the vocabulary,
never against the text: the word itself, words it begins (the most frequent ones), and words
within one or two typos (rapidfuzz, over words of similar length). An entry matches when it
holds every word of the query; the best are found first, so a page costs little however large
the library is.

The entries' own text is kept compressed, one block per briefing, to show snippets of hits.

An index may be searched from one thread while another changes it (a catalog merges what it
loaded in the background while the reader searches): every public method holds the index's lock,
so a search sees the index either before or after a change, never half-way through one.
"""

from __future__ import annotations

import bisect
import enum
import functools
import heapq
import re
import sys
import threading
import unicodedata
import zlib
from array import array
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Concatenate, ParamSpec, TypeVar

import msgspec

from briefing.model import Briefing, Section
from briefing.text import sanitise

# Bumped whenever the serialised form or the way text is tokenised changes: an index saved by
# another version is rebuilt, never misread.
INDEX_VERSION = 1


class Kind(enum.StrEnum):
    BRIEFING = "briefing"
    PARTY = "party"
    ISSUE = "issue"
    POSITION = "position"
    QUESTION = "question"
    EVENT = "event"
    FIGURE = "figure"
    QUOTE = "quote"
    SOURCE = "source"

    @property
    def section(self) -> Section:
        """The section where an item of this kind is shown (issues head their positions)."""
        return _SECTIONS[self]


_SECTIONS = {
    Kind.BRIEFING: Section.OVERVIEW,
    Kind.PARTY: Section.PARTIES,
    Kind.ISSUE: Section.POSITIONS,
    Kind.POSITION: Section.POSITIONS,
    Kind.QUESTION: Section.QUESTIONS,
    Kind.EVENT: Section.TIMELINE,
    Kind.FIGURE: Section.FIGURES,
    Kind.QUOTE: Section.QUOTES,
    Kind.SOURCE: Section.SOURCES,
}
_KINDS = tuple(Kind)

# Ranks of entry, best first, and what each adds to a hit's score. A match's quality counts
# for more than its rank, so an exact word in a source passage beats a prefix in a title.
HEADING, ITEM, PASSAGE = 0, 1, 2
_RANK_BONUS = (3.0, 2.0, 0.0)
EXACT, PREFIX, FUZZY = 3.0, 2.0, 1.0
_FUZZY_PENALTY = 0.5  # per typo beyond the first
# Among equal matches, a short entry (a name, a title) is a more specific answer than a long one;
# under 1, so it never lifts an entry above one of a better rank. It orders the hits found, but
# the search does not read on through every equal match to find the shortest.
_BREVITY = 0.9


def _brevity_bonus(words: int) -> float:
    return _BREVITY / (1 + words / 10)


# Expansion limits: a short prefix can begin thousands of words; the most frequent are kept.
MAX_PREFIX_TERMS = 40
MAX_FUZZY_TERMS = 12
MIN_PREFIX = 2
MIN_FUZZY = 4

# Words too common to help find anything; they are neither indexed nor required in a query.
_STOPWORDS_TEXT = """
a an and are as at be been but by for from had has have he her his in into is it its of on or
our she so than that the their them then there these they this those to was we were which while
who will with would you your
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_TOKEN = re.compile(r"[^\W_]+")
# In text that is not folded yet: a word may carry combining marks (a decomposed "é").
_RAW_TOKEN = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f])*")
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Text for matching: compatibility-decomposed, accents removed, case folded.

    Straight and typographic quotes need nothing: neither is part of a word.
    """
    if text.isascii():
        return text.lower()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def _indexable(word: str) -> bool:
    return (len(word) > 1 or word.isdigit()) and word not in STOPWORDS


def index_terms(text: str) -> set[str]:
    """The distinct words of `text` that the index records."""
    return _terms_and_length(text)[0]


def _terms_and_length(text: str) -> tuple[set[str], int]:
    all_words = _TOKEN.findall(fold(text))
    words = set(all_words)
    words -= STOPWORDS
    return {word for word in words if len(word) > 1 or word.isdigit()}, len(all_words)


def trailing_prefix(query: str) -> str | None:
    """A common word still being typed at the end of the query, to match as a word's start.

    "She" may be the start of "Shenia": a last word is dropped as common only once a space
    or a mark after it says that it is complete.
    """
    words = _TOKEN.findall(fold(query))
    if words and words[-1] in STOPWORDS and fold(query).endswith(words[-1]):
        return words[-1]
    return None


def query_words(query: str) -> list[str]:
    """The words a query asks for, in order, without repeats or stop words."""
    words = [w for w in dict.fromkeys(_TOKEN.findall(fold(query))) if _indexable(w)]
    return words


# --- results -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Snippet:
    """A line of an entry's text around the match, with the matched words' spans in it."""

    text: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Hit:
    kind: Kind
    briefing_id: str
    briefing_title: str
    # The item's id; "" for the briefing itself. For a source passage, the source's id.
    item_id: str
    snippet: Snippet
    score: float
    # For a source passage: the offset in the source text of the first matched word.
    source_offset: int | None = None
    # The entry's first field: a briefing's title, a party's name, a question, a quote's words.
    label: str = ""

    @property
    def section(self) -> Section:
        return self.kind.section

    def to_json(self) -> dict[str, object]:
        return {
            "kind": str(self.kind),
            "briefing": self.briefing_id,
            "briefing_title": self.briefing_title,
            "item": self.item_id or None,
            "section": self.section.value,
            "score": round(self.score, 3),
            "snippet": self.snippet.text,
            "spans": [list(span) for span in self.snippet.spans],
            "source_offset": self.source_offset,
        }


@dataclass(frozen=True, slots=True)
class Expansion:
    """What a query's words matched in the vocabulary: per word, (term, quality), best first."""

    words: tuple[str, ...]
    terms: tuple[tuple[tuple[str, float], ...], ...]

    @property
    def matched(self) -> frozenset[str]:
        return frozenset(term for word_terms in self.terms for term, _ in word_terms)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the matched words occur in `text` (any text: a pane can step through them)."""
        return match_spans(text, self.matched)


def match_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    wanted = terms if isinstance(terms, (set, frozenset)) else set(terms)
    return [
        match.span() for match in _RAW_TOKEN.finditer(text) if _fold_word(match.group()) in wanted
    ]


_FOLDED: dict[str, str] = {}


def _fold_word(word: str) -> str:
    folded = _FOLDED.get(word)
    if folded is None:
        if len(_FOLDED) > 100_000:
            _FOLDED.clear()
        folded = _FOLDED[word] = fold(word)
    return folded


# --- what is indexed ---------------------------------------------------------------------------

_JOIN = " · "
PASSAGE_TARGET = 320  # characters: a few sentences, so a hit points somewhere useful
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_LINE = re.compile(r"[^\n]+")


def passages(text: str) -> Iterator[tuple[int, str]]:
    """A source text in passages of a few sentences, each with its offset; none spans lines."""
    for line in _LINE.finditer(text):
        start, body = line.start(), line.group()
        if not body.strip():
            continue
        cut = 0
        for end in _SENTENCE_END.finditer(body):
            if end.end() - cut >= PASSAGE_TARGET:
                yield start + cut, body[cut : end.end()].rstrip()
                cut = end.end()
        if body[cut:].strip():
            yield start + cut, body[cut:]


def _fields(*parts: str | None) -> str:
    return _JOIN.join(part for part in parts if part)


def entries(briefing: Briefing) -> Iterator[tuple[Kind, int, str, str, int]]:
    """Every searchable entry of a briefing: (kind, rank, item id, text, offset in source)."""
    tags = " ".join(tag.replace("-", " ") for tag in briefing.tags)
    yield Kind.BRIEFING, HEADING, "", _fields(briefing.title, briefing.summary, tags), 0
    for party in briefing.parties:
        yield Kind.PARTY, HEADING, party.id, _fields(party.name, party.summary), 0
    for issue in briefing.issues:
        yield Kind.ISSUE, HEADING, issue.id, _fields(issue.title, issue.summary), 0
    for position in briefing.positions:
        who = f"{position.party.name} on {position.issue.title}"
        yield Kind.POSITION, ITEM, position.id, _fields(position.stance, who), 0
    for question in briefing.questions:
        text = _fields(question.question, question.why, *question.watch)
        yield Kind.QUESTION, ITEM, question.id, text, 0
    for event in briefing.timeline:
        text = _fields(event.event, event.label, event.when.text)
        yield Kind.EVENT, ITEM, event.id, text, 0
    for figure in briefing.figures:
        reported = figure.reported_by.name if figure.reported_by else None
        text = _fields(f"{figure.value} {figure.label}", figure.qualifier, reported)
        yield Kind.FIGURE, ITEM, figure.id, text, 0
    for quote in briefing.quotes:
        text = _fields(quote.quote, quote.speaker.name, quote.context)
        yield Kind.QUOTE, ITEM, quote.id, text, 0
    for source in briefing.sources:
        about = _fields(source.title, source.publisher, source.author, source.note)
        yield Kind.SOURCE, HEADING, source.id, about, 0
        for offset, passage in passages(source.text):
            yield Kind.SOURCE, PASSAGE, source.id, passage, offset


# --- the index ---------------------------------------------------------------------------------


# A posting list: the sorted numbers of the entries that hold a word, as unsigned 32-bit ints.
Numbers = array | memoryview


class IndexFormatError(ValueError):
    """Serialised index data that cannot be read by this version: rebuild the index."""


@dataclass(slots=True)
class _Doc:
    id: str
    title: str
    start: int
    # Per entry: its kind's number times 4 plus its rank.
    kinds: bytes
    # Per entry: its number of words, up to 255.
    lengths: bytes
    # zlib-compressed msgpack of (texts, item ids, offsets).
    blob: bytes

    @property
    def end(self) -> int:
        return self.start + len(self.kinds)


class _DocState(msgspec.Struct, array_like=True):
    id: str
    title: str
    start: int
    kinds: bytes
    lengths: bytes
    blob: bytes


class _Version(msgspec.Struct, array_like=True):
    """The first field of any version's state: read before trusting the rest."""

    version: int


class _IndexState(msgspec.Struct, array_like=True):
    version: int
    next_entry: int
    docs: list[_DocState]
    # Per rank: term -> entry numbers, as little-endian unsigned 32-bit integers.
    postings: list[dict[str, bytes]]


def _pack_entries(texts: list[str], items: list[str], offsets: list[int]) -> bytes:
    return zlib.compress(msgspec.msgpack.encode((texts, items, offsets)), 6)


_UNPACK = msgspec.msgpack.Decoder(tuple[list[str], list[str], list[int]])


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _locked(
    method: Callable[Concatenate[SearchIndex, _P], _R],
) -> Callable[Concatenate[SearchIndex, _P], _R]:
    """Run a method of the index holding its lock (see the module's docstring)."""

    @functools.wraps(method)
    def locked(self: SearchIndex, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self._lock:
            return method(self, *args, **kwargs)

    return locked


class SearchIndex:
    """The search index of a set of briefings, built and changed one briefing at a time."""

    def __init__(self) -> None:
        # Reentrant: a method may call another (search calls expand, add calls remove).
        self._lock = threading.RLock()
        self._postings: tuple[dict[str, Numbers], ...] = ({}, {}, {})
        self._docs: dict[str, _Doc] = {}
        # The documents in entry order, with their first entry numbers, to find an entry's doc.
        self._order: list[_Doc] = []
        self._starts = array("I")
        self._next = 0
        # Every entry's number of words (up to 255), and its kind and rank, by entry number.
        self._lengths = bytearray()
        self._kinds = bytearray()
        self._sorted_terms: list[str] = []
        self._by_length: dict[int, list[str]] = {}
        self._unpacked: OrderedDict[str, tuple[list[str], list[str], list[int]]] = OrderedDict()

    @classmethod
    def build(cls, briefings: Iterable[Briefing]) -> SearchIndex:
        index = cls()
        for briefing in briefings:
            index.add(briefing)
        return index

    @_locked
    def __len__(self) -> int:
        return len(self._docs)

    @_locked
    def __contains__(self, briefing_id: object) -> bool:
        return briefing_id in self._docs

    @_locked
    def briefing_ids(self) -> list[str]:
        return [doc.id for doc in self._order]

    @_locked
    def titles(self) -> list[tuple[str, str]]:
        """Every briefing indexed: its id and title, in the order they were added."""
        return [(doc.id, doc.title) for doc in self._order]

    @property
    def vocabulary_size(self) -> int:
        with self._lock:
            return len(self._sorted_terms)

    # building

    @_locked
    def add(self, briefing: Briefing) -> None:
        """Index a briefing, replacing the one with the same id if there is one."""
        if briefing.id in self._docs:
            self.remove(briefing.id)
        start = self._next
        kinds = bytearray()
        lengths = bytearray()
        texts: list[str] = []
        items: list[str] = []
        offsets: list[int] = []
        for number, (kind, rank, item_id, text, offset) in enumerate(entries(briefing), start):
            postings = self._postings[rank]
            terms, length = _terms_and_length(text)
            lengths.append(min(length, 255))
            for term in terms:
                numbers = postings.get(term)
                if numbers is None:
                    numbers = postings[term] = array("I")
                    self._new_term(term, rank)
                elif not isinstance(numbers, array):
                    numbers = _writable(postings, term)
                numbers.append(number)
            kinds.append(_KINDS.index(kind) * 4 + rank)
            texts.append(text)
            items.append(item_id)
            offsets.append(offset)
        doc = _Doc(briefing.id, briefing.title, start, bytes(kinds), bytes(lengths), b"")
        doc.blob = _pack_entries(texts, items, offsets)
        self._next = start + len(kinds)
        self._lengths += lengths
        self._kinds += kinds
        self._docs[doc.id] = doc
        self._order.append(doc)
        self._starts.append(start)

    @_locked
    def remove(self, briefing_id: str) -> bool:
        """Forget a briefing; False if it was not indexed."""
        doc = self._docs.pop(briefing_id, None)
        if doc is None:
            return False
        self._unpacked.pop(doc.id, None)
        texts, _, _ = self._unpack(doc)
        for rank in range(3):
            terms = set().union(
                *(index_terms(t) for t, k in zip(texts, doc.kinds, strict=True) if k & 3 == rank)
            )
            postings = self._postings[rank]
            for term in terms:
                numbers = _writable(postings, term)
                # A document's entries are consecutive, so they are one slice of each list.
                low = bisect.bisect_left(numbers, doc.start)
                high = bisect.bisect_left(numbers, doc.end, low)
                del numbers[low:high]
                if not numbers:
                    del postings[term]
                    if not any(term in other for other in self._postings):
                        self._forget_term(term)
        at = bisect.bisect_left(self._starts, doc.start)
        del self._starts[at]
        del self._order[at]
        self._unpacked.pop(doc.id, None)
        return True

    def _new_term(self, term: str, rank: int) -> None:
        if any(term in self._postings[other] for other in range(3) if other != rank):
            return
        bisect.insort(self._sorted_terms, term)
        self._by_length.setdefault(len(term), []).append(term)

    def _forget_term(self, term: str) -> None:
        at = bisect.bisect_left(self._sorted_terms, term)
        if at < len(self._sorted_terms) and self._sorted_terms[at] == term:
            del self._sorted_terms[at]
        self._by_length[len(term)].remove(term)

    @_locked
    def merge(self, other: SearchIndex) -> None:
        """Take in every briefing of `other` (built elsewhere, e.g. in another process).

        Its entries are renumbered after this index's own, so every posting list stays sorted;
        a briefing indexed in both is replaced by `other`'s.
        """
        for briefing_id in other._docs:
            self.remove(briefing_id)
        if not other._order:
            return
        shift = self._next - other._order[0].start
        for rank, postings in enumerate(other._postings):
            target = self._postings[rank]
            for term, numbers in postings.items():
                moved = array("I", [number + shift for number in numbers]) if shift else numbers
                if term not in target:
                    target[term] = array("I", moved)
                    self._new_term(term, rank)
                else:
                    _writable(target, term).extend(moved)
        self._next = other._next + shift
        # The new entries come after every old one: the per-entry arrays grow at their end.
        grown = self._next - len(self._lengths)
        self._lengths.extend(bytes(grown))
        self._kinds.extend(bytes(grown))
        for doc in other._order:
            moved = _Doc(doc.id, doc.title, doc.start + shift, doc.kinds, doc.lengths, doc.blob)
            self._docs[doc.id] = moved
            self._order.append(moved)
            self._starts.append(moved.start)
            self._lengths[moved.start : moved.end] = doc.lengths
            self._kinds[moved.start : moved.end] = doc.kinds

    # serialising

    @_locked
    def to_bytes(self) -> bytes:
        """A compact binary form of the index (msgpack), for the library cache."""
        swap = sys.byteorder != "little"

        def raw(numbers: Numbers) -> bytes:
            if swap:  # pragma: no cover - big-endian machines
                numbers = array("I", numbers)
                numbers.byteswap()
            return numbers.tobytes()

        state = _IndexState(
            version=INDEX_VERSION,
            next_entry=self._next,
            docs=[
                _DocState(d.id, d.title, d.start, d.kinds, d.lengths, d.blob) for d in self._order
            ],
            postings=[{term: raw(n) for term, n in p.items()} for p in self._postings],
        )
        return msgspec.msgpack.encode(state)

    @classmethod
    def from_bytes(cls, data: bytes) -> SearchIndex:
        """An index from `to_bytes`; IndexFormatError if it is from another version or damaged."""
        try:
            version = msgspec.msgpack.decode(data, type=_Version).version
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError) as error:
            raise IndexFormatError(f"not a search index: {error}") from None
        if version != INDEX_VERSION:
            raise IndexFormatError(f"search index version {version}, expected {INDEX_VERSION}")
        try:
            state = msgspec.msgpack.decode(data, type=_IndexState)
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError) as error:
            raise IndexFormatError(f"damaged search index: {error}") from None
        if len(state.postings) != 3:
            raise IndexFormatError("damaged search index: expected three ranks of postings")
        index = cls()
        index._next = state.next_entry
        for d in state.docs:
            if len(d.lengths) != len(d.kinds) or d.start + len(d.kinds) > state.next_entry:
                raise IndexFormatError("damaged search index: entries do not add up")
            doc = _Doc(sanitise(d.id), sanitise(d.title), d.start, d.kinds, d.lengths, d.blob)
            index._docs[doc.id] = doc
            index._order.append(doc)
            index._starts.append(doc.start)
        index._lengths, index._kinds = _per_entry(index._order, index._next)
        swap = sys.byteorder != "little"
        terms: set[str] = set()
        for rank, postings in enumerate(state.postings):
            target = index._postings[rank]
            for term, raw in postings.items():
                if len(raw) % 4:
                    raise IndexFormatError("damaged search index: a posting list is cut short")
                if swap:  # pragma: no cover - big-endian machines
                    numbers = array("I")
                    numbers.frombytes(raw)
                    numbers.byteswap()
                    target[term] = numbers
                else:
                    # A view of the decoded bytes: loading copies nothing, and a list becomes an
                    # array only when a change touches it.
                    target[term] = memoryview(raw).cast("I")
            terms.update(postings)
        index._sorted_terms = sorted(terms)
        for term in index._sorted_terms:
            index._by_length.setdefault(len(term), []).append(term)
        return index

    # searching

    def _frequency(self, term: str) -> int:
        return sum(len(postings.get(term, ())) for postings in self._postings)

    def _expand_word(self, word: str) -> list[tuple[str, float]]:
        found: dict[str, float] = {}
        if self._frequency(word):
            found[word] = EXACT
        if len(word) >= MIN_PREFIX:
            low = bisect.bisect_left(self._sorted_terms, word)
            high = bisect.bisect_left(self._sorted_terms, word + "\U0010ffff", low)
            longer = [t for t in islice(self._sorted_terms, low, high) if t != word]
            if len(longer) > MAX_PREFIX_TERMS:
                longer = sorted(longer, key=self._frequency, reverse=True)[:MAX_PREFIX_TERMS]
            for term in longer:
                # Shorter completions first: "cypr" is nearer "cyprus" than "cypriots".
                found[term] = PREFIX - 0.05 * min(len(term) - len(word), 10)
        if len(word) >= MIN_FUZZY:
            # Imported at the first fuzzy lookup: the reader starts without it (~10 ms).
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            typos = 1 if len(word) < 8 else 2
            candidates = [
                term
                for length in range(len(word) - typos, len(word) + typos + 1)
                for term in self._by_length.get(length, ())
            ]
            for term, distance, _ in process.extract(
                word, candidates, scorer=OSA.distance, score_cutoff=typos, limit=MAX_FUZZY_TERMS
            ):
                if term not in found and distance > 0:
                    found[term] = FUZZY - _FUZZY_PENALTY * (distance - 1)
        return sorted(found.items(), key=lambda pair: -pair[1])

    @_locked
    def expand(self, query: str, *, complete: bool = False) -> Expansion:
        """The query's words and the vocabulary terms each one matches.

        A query being typed (`complete` False) may end in a common word still being typed: it
        is matched as the start of a longer word. A complete one (the command line) is taken
        as it is.
        """
        words = query_words(query)
        expanded = [tuple(self._expand_word(word)) for word in words]
        typing = None if complete else trailing_prefix(query)
        if typing is not None and typing not in words:
            words.append(typing)
            # Common words are not indexed: only the longer words it begins can match.
            expanded.append(tuple(self._expand_word(typing)))
        return Expansion(tuple(words), tuple(expanded))

    @_locked
    def search(
        self,
        query: str,
        limit: int = 20,
        *,
        kinds: Collection[Kind] | None = None,
        complete: bool = False,
    ) -> list[Hit]:
        """The best `limit` hits for `query`, best first; only of `kinds`, if given (`complete`:
        see `expand`)."""
        expansion = self.expand(query, complete=complete)
        if not expansion.words or not all(expansion.terms) or limit <= 0:
            return []
        accept = None if kinds is None else _accepting(kinds)
        ranked = _Ranker(
            self._postings, self._lengths, expansion.terms, limit, self._kinds, accept
        ).run()
        matched = expansion.matched
        return [self._hit(number, score, matched) for score, number in ranked]

    def _locate(self, number: int) -> tuple[_Doc, int]:
        doc = self._order[bisect.bisect_right(self._starts, number) - 1]
        return doc, number - doc.start

    def _unpack(self, doc: _Doc) -> tuple[list[str], list[str], list[int]]:
        unpacked = self._unpacked.get(doc.id)
        if unpacked is None:
            texts, items, offsets = _UNPACK.decode(zlib.decompress(doc.blob))
            # An index read back from the cache is no more trusted than YAML: neutralised.
            unpacked = ([sanitise(t) for t in texts], [sanitise(i) for i in items], offsets)
            self._unpacked[doc.id] = unpacked
            if len(self._unpacked) > 64:
                self._unpacked.popitem(last=False)
        else:
            self._unpacked.move_to_end(doc.id)
        return unpacked

    def _hit(self, number: int, score: float, matched: frozenset[str]) -> Hit:
        doc, local = self._locate(number)
        texts, items, offsets = self._unpack(doc)
        text = texts[local]
        spans = match_spans(text, matched)
        kind = _KINDS[doc.kinds[local] >> 2]
        passage = doc.kinds[local] & 3 == PASSAGE
        return Hit(
            kind=kind,
            briefing_id=doc.id,
            briefing_title=doc.title,
            item_id=items[local],
            snippet=make_snippet(text, spans),
            score=score,
            source_offset=offsets[local] + spans[0][0] if passage and spans else None,
            label=text.split(_JOIN, 1)[0],
        )


def _writable(postings: dict[str, Numbers], term: str) -> array:
    numbers = postings[term]
    if not isinstance(numbers, array):
        copy = array("I")
        copy.frombytes(numbers.cast("B"))
        numbers = postings[term] = copy
    return numbers


def _per_entry(docs: Iterable[_Doc], size: int) -> tuple[bytearray, bytearray]:
    """Every entry's number of words and its kind, by entry number."""
    lengths = bytearray(size)
    kinds = bytearray(size)
    for doc in docs:
        lengths[doc.start : doc.end] = doc.lengths
        kinds[doc.start : doc.end] = doc.kinds
    return lengths, kinds


def _accepting(kinds: Collection[Kind]) -> bytes:
    """A table by entry kind byte (kind number * 4 + rank): 1 for the kinds wanted."""
    wanted = {_KINDS.index(kind) for kind in kinds}
    return bytes(int(code >> 2 in wanted) for code in range(256))


class _Ranker:
    """Finds the best entries holding every word, best-first, stopping as soon as it can.

    For each rank, the word with the fewest postings drives: its terms' lists are streams, each
    with an upper bound on the score of any entry it yields. Streams are taken in order of that
    bound, and the search stops when the page is full of hits no remaining stream can beat.
    The other words are checked per entry, in a set when their lists are small enough to gather,
    else by binary search in each term's list.
    """

    CHUNK = 256

    def __init__(
        self,
        postings: Sequence[dict[str, Numbers]],
        lengths: bytearray,
        terms: Sequence[Sequence[tuple[str, float]]],
        limit: int,
        kinds: bytearray | None = None,
        accept: bytes | None = None,
    ) -> None:
        self.postings = postings
        self.lengths = lengths
        self.terms = terms
        self.limit = limit
        self.words = len(terms)
        # Only entries whose kind byte `accept` marks, if given.
        self.kinds = kinds
        self.accept = accept

    def run(self) -> list[tuple[float, int]]:
        streams: list[tuple[float, int, int, float, array]] = []
        checks: dict[int, list] = {}
        for rank in range(3):
            if self.accept is not None and not any(self.accept[rank::4]):
                continue  # no entry of this rank is of a kind wanted
            postings = self.postings[rank]
            sizes = [sum(len(postings.get(t, ())) for t, _ in word) for word in self.terms]
            if min(sizes) == 0:
                continue
            driver = sizes.index(min(sizes))
            others = [i for i in range(self.words) if i != driver]
            best_rest = sum(self.terms[i][0][1] for i in others)
            checks[rank] = [self._checker(postings, i, sizes[driver]) for i in others]
            for order, (term, quality) in enumerate(self.terms[driver]):
                numbers = postings.get(term)
                if numbers:
                    bound = self._score(quality + best_rest, rank)
                    streams.append((-bound, rank, order, quality, numbers))
        streams.sort(key=lambda s: s[:3])
        best: list[tuple[float, int]] = []  # a min-heap of (score, -number)
        seen: set[int] = set()
        kinds, accept = self.kinds, self.accept
        for negative_bound, rank, _, quality, numbers in streams:
            if len(best) >= self.limit and best[0][0] >= -negative_bound:
                break
            rank_checks = checks[rank]
            for at in range(0, len(numbers), self.CHUNK):
                if len(best) >= self.limit and best[0][0] >= -negative_bound:
                    break
                for number in numbers[at : at + self.CHUNK]:
                    if number in seen:
                        continue
                    seen.add(number)
                    if accept is not None and not accept[kinds[number]]:
                        continue
                    total = quality
                    for check in rank_checks:
                        found = check(number)
                        if found is None:
                            break
                        total += found
                    else:
                        score = self._score(total, rank) + _brevity_bonus(self.lengths[number])
                        item = (score, -number)
                        if len(best) < self.limit:
                            heapq.heappush(best, item)
                        elif item > best[0]:
                            heapq.heapreplace(best, item)
        return [(score, -negative) for score, negative in sorted(best, reverse=True)]

    def _score(self, qualities: float, rank: int) -> float:
        return 10 * qualities / self.words + _RANK_BONUS[rank]

    def _checker(self, postings: dict[str, Numbers], word: int, driver_size: int):
        """A function giving the best quality with which `word` occurs in an entry, or None."""
        lists = [(postings[t], q) for t, q in self.terms[word] if t in postings]
        size = sum(len(numbers) for numbers, _ in lists)
        if size <= max(4 * driver_size, 20_000):
            qualities: dict[int, float] = {}
            for numbers, quality in reversed(lists):  # the best quality is written last
                qualities.update(dict.fromkeys(numbers, quality))
            return qualities.get

        def search(number: int) -> float | None:
            for numbers, quality in lists:
                at = bisect.bisect_left(numbers, number)
                if at < len(numbers) and numbers[at] == number:
                    return quality
            return None

        return search


# --- snippets ----------------------------------------------------------------------------------

SNIPPET_WIDTH = 160
_SPACES = re.compile(r"\s+")


def make_snippet(
    text: str, spans: Sequence[tuple[int, int]], width: int = SNIPPET_WIDTH
) -> Snippet:
    """One line of at most about `width` characters around the first match, spans adjusted."""
    first = spans[0][0] if spans else 0
    start = 0 if first < width // 3 else _word_start(text, first - width // 3)
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start + width // 2, end)
        end = space if space > 0 else end
    # Whitespace runs become one space; map the spans through the change.
    pieces: list[str] = []
    mapping: dict[int, int] = {}
    out = 1 if start > 0 else 0
    at = start
    for match in _SPACES.finditer(text, start, end):
        for position in range(at, match.start() + 1):
            mapping[position] = out + position - at
        pieces.append(text[at : match.start()])
        out += match.start() - at
        pieces.append(" ")
        out += 1
        at = match.end()
    for position in range(at, end + 1):
        mapping[position] = out + position - at
    pieces.append(text[at:end])
    body = "".join(pieces)
    line = ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
    shown = tuple(
        (mapping[s], mapping[e]) for s, e in spans if s >= start and e <= end and s in mapping
    )
    return Snippet(line, shown)


def _word_start(text: str, at: int) -> int:
    space = text.rfind(" ", 0, at)
    return space + 1 if space >= 0 else 0
