"""Go-to targets: every briefing, section, party, question and quote of a library, matched by a
few typed letters for the reader's command palette.

A target is matched by its own words (a party by its name, a quote by its words); a section also
by its briefing's title, so "ceasefire questions" finds the Questions of the ceasefire briefing,
but only when a word names the section. Each word of the query counts for its best match among a
target's words: the same word, then a word it begins, then one within a typo or two. Case and
accents are folded as search folds them.

Words are looked up in a vocabulary, as search does, never by scanning every target: a library
of 10,000 briefings has some 400,000 targets, and the palette answers as the reader types.

A catalog (a large library, read on demand) does not hold its briefings, so `CatalogGoTo` takes
its briefings and sections from its records, and its parties, questions and quotes from the
library's search index, which has an entry for each with its kind and briefing: the index finds
the entries that hold the query's words, and each is then scored, as a target is, by its label
(a party's name, a question, a quote's words). Nothing is gathered per item in advance.
"""

from __future__ import annotations

import bisect
import enum
import heapq
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from rapidfuzz import process
from rapidfuzz.distance import OSA

from briefing.finder import Finder
from briefing.library.catalog import CatalogEntries
from briefing.loader import LoadResult
from briefing.model import Briefing, Section
from briefing.search import STOPWORDS, Kind, fold

DEFAULT_LIMIT = 40
# The score (0 to 100) a target needs: about half the query's words found.
SCORE_CUTOFF = 45.0
# Typos tolerated (OSA distance): one in a word of four to seven letters, two in a longer one.
MIN_TYPO = 4
LONG_WORD = 8
# A short prefix can begin thousands of words: the most frequent are kept.
MAX_PREFIX_TERMS = 50
MAX_TYPO_TERMS = 20

EXACT, PREFIX, TYPO = 1.0, 0.9, 0.8
_SECOND_TYPO = 0.15


class TargetKind(enum.Enum):
    """What a target is; the order breaks ties between equal matches."""

    BRIEFING = "briefing"
    SECTION = "section"
    PARTY = "party"
    QUESTION = "question"
    QUOTE = "quote"


@dataclass(frozen=True, slots=True)
class Target:
    kind: TargetKind
    # What the palette shows and matches: a title, a name, a question, a quote's words.
    label: str
    # The briefing it belongs to (its title), shown beside the label.
    briefing_title: str
    # Where it is: the library entry, its section and, for an item, the item's id.
    entry: int
    section: Section
    item_id: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    target: Target
    score: float
    # Spans of the label's words that match a word of the query, to highlight.
    spans: tuple[tuple[int, int], ...]


def targets(entries: Sequence[LoadResult]) -> Iterator[Target]:
    """Every target of a library, briefing by briefing, in reader order.

    A catalog (a large library, loaded on demand) gives its briefings and their sections, from
    its records: reading every file for its parties would take minutes.
    """
    if isinstance(entries, CatalogEntries):
        for entry, meta in enumerate(entries.catalog.metas):
            if meta.ok and meta.title is not None:
                yield from _heading_targets(entry, meta.title)
        return
    for entry, result in enumerate(entries):
        briefing = result.briefing
        if briefing is not None:
            yield from _briefing_targets(entry, briefing)


def _heading_targets(entry: int, title: str) -> Iterator[Target]:
    yield Target(TargetKind.BRIEFING, title, title, entry, Section.OVERVIEW)
    for section in Section:
        if section is not Section.OVERVIEW:
            yield Target(TargetKind.SECTION, section.title, title, entry, section)


def _briefing_targets(entry: int, briefing: Briefing) -> Iterator[Target]:
    title = briefing.title
    yield from _heading_targets(entry, title)
    for party in briefing.parties:
        yield Target(TargetKind.PARTY, party.name, title, entry, Section.PARTIES, party.id)
    for question in briefing.questions:
        yield Target(
            TargetKind.QUESTION, question.question, title, entry, Section.QUESTIONS, question.id
        )
    for quote in briefing.quotes:
        yield Target(TargetKind.QUOTE, quote.quote, title, entry, Section.QUOTES, quote.id)


_KIND_ORDER = {kind: order for order, kind in enumerate(TargetKind)}
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _wanted(query: str) -> list[str]:
    """The query's words to match: common words help only when there is nothing else."""
    words = list(dict.fromkeys(_words(query)))
    return [word for word in words if word not in STOPWORDS] or words


class GoTo:
    """The go-to targets of a library, with the index that matches them."""

    def __init__(
        self, entries: Sequence[LoadResult], found: Iterable[Target] | None = None
    ) -> None:
        """The targets of a library's entries, or those `found` (a benchmark's, a test's)."""
        self.targets = list(targets(entries) if found is None else found)
        self._postings: dict[str, array] = {}
        # Per target: its number of words, for preferring the target a query covers most of.
        self._lengths = array("H")
        self._kinds = bytearray()
        # Per target: the number of its briefing's own target. A section is indexed by its name
        # only, and borrows its briefing's matches for the other words of a query.
        self._briefing_of = array("I")
        briefing_number = 0
        for number, target in enumerate(self.targets):
            words = _words(target.label)
            if target.kind is TargetKind.BRIEFING:
                briefing_number = number
                title_length = len(words)
            length = len(words) + (title_length if target.kind is TargetKind.SECTION else 0)
            self._lengths.append(min(length, 65535))
            self._kinds.append(_KIND_ORDER[target.kind])
            self._briefing_of.append(briefing_number)
            for word in set(words):
                numbers = self._postings.get(word)
                if numbers is None:
                    numbers = self._postings[word] = array("I")
                numbers.append(number)
        self._vocabulary = sorted(self._postings)
        self._by_length: dict[int, list[str]] = {}
        for word in self._vocabulary:
            self._by_length.setdefault(len(word), []).append(word)

    def __len__(self) -> int:
        return len(self.targets)

    def match(
        self, query: str, limit: int = DEFAULT_LIMIT, *, prefer: int | None = None
    ) -> list[Match]:
        """The best targets for `query`, best first; none for a query without letters.

        Among equal matches, those of the library entry `prefer` (the briefing being read) come
        first: "timeline" means this briefing's timeline.
        """
        wanted = _wanted(query)
        if not wanted:
            return []
        # Per query word: target number -> the best quality of its match there.
        found = [self._matches(word) for word in wanted]
        self._lend_titles_to_sections(found)
        totals: dict[int, float] = {}
        for per_word in found:
            for number, quality in per_word.items():
                totals[number] = totals.get(number, 0.0) + quality
        needed = SCORE_CUTOFF / 100 * len(wanted)
        lengths, kinds, targets = self._lengths, self._kinds, self.targets
        candidates = []
        for number, total in totals.items():
            if total >= needed:
                matched = sum(number in per_word for per_word in found)
                elsewhere = targets[number].entry != prefer
                candidates.append(
                    (-total, -matched / lengths[number], elsewhere, kinds[number], number)
                )
        best = heapq.nsmallest(limit, candidates)
        return [
            Match(
                self.targets[number],
                100 * -total / len(wanted),
                word_spans(self.targets[number].label, wanted),
            )
            for total, _, _, _, number in best
        ]

    def _lend_titles_to_sections(self, found: list[dict[int, float]]) -> None:
        """Add to each named section's matches those of its briefing's title."""
        kinds, briefing_of = self._kinds, self._briefing_of
        section = _KIND_ORDER[TargetKind.SECTION]
        named = {n for per_word in found for n in per_word if kinds[n] == section}
        for number in named:
            briefing = briefing_of[number]
            for per_word in found:
                title = per_word.get(briefing)
                if title is not None and title > per_word.get(number, 0.0):
                    per_word[number] = title

    def _matches(self, word: str) -> dict[int, float]:
        best: dict[int, float] = {}
        # Worst first, so the best quality of each target is written last.
        for term, quality in sorted(self._expand(word).items(), key=lambda pair: pair[1]):
            best.update(dict.fromkeys(self._postings[term], quality))
        return best

    def _expand(self, word: str) -> dict[str, float]:
        """The vocabulary's words that `word` matches, with the quality of each match."""
        terms: dict[str, float] = {word: EXACT} if word in self._postings else {}
        low = bisect.bisect_left(self._vocabulary, word)
        high = bisect.bisect_left(self._vocabulary, word + "\U0010ffff", low)
        longer = list(islice(self._vocabulary, low, high))
        if len(longer) > MAX_PREFIX_TERMS:
            longer = sorted(longer, key=lambda t: len(self._postings[t]), reverse=True)
            longer = longer[:MAX_PREFIX_TERMS]
        for term in longer:
            terms.setdefault(term, PREFIX)
        if len(word) >= MIN_TYPO:
            typos = _typos_allowed(word)
            nearby = [
                term
                for length in range(len(word) - typos, len(word) + typos + 1)
                for term in self._by_length.get(length, ())
            ]
            for term, distance, _ in process.extract(
                word, nearby, scorer=OSA.distance, score_cutoff=typos, limit=MAX_TYPO_TERMS
            ):
                terms.setdefault(term, _typo_quality(distance))
        return terms


def _typos_allowed(word: str) -> int:
    return 1 if len(word) < LONG_WORD else 2


def _typo_quality(distance: int) -> float:
    return TYPO - _SECOND_TYPO * (distance - 1)


def _quality(word: str, candidate: str) -> float:
    """How well a target's word `candidate` matches the query's `word`, from 0 to 1."""
    if candidate == word:
        return EXACT
    if candidate.startswith(word):
        return PREFIX
    if len(word) >= MIN_TYPO:
        typos = _typos_allowed(word)
        distance = OSA.distance(word, candidate, score_cutoff=typos)
        if distance <= typos:
            return _typo_quality(distance)
    return 0.0


def word_spans(text: str, words: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """The spans of the words of `text` that match one of `words` (folded query words)."""
    return tuple(
        match.span()
        for match in _WORD.finditer(text)
        if any(_quality(word, fold(match.group())) for word in words)
    )


# --- a catalog: items from the search index ------------------------------------------------------

_ITEM_KINDS = {
    Kind.PARTY: TargetKind.PARTY,
    Kind.QUESTION: TargetKind.QUESTION,
    Kind.QUOTE: TargetKind.QUOTE,
}
# Index hits asked for per target listed: some hold the words beside their label only (a party's
# summary, a quote's context) and are left out.
ITEM_HITS_PER_TARGET = 3


def label_score(label: str, wanted: Sequence[str]) -> float:
    """How well a label matches the query's words, 0 to 100, as `GoTo.match` scores a target."""
    words = {fold(word) for word in _WORD.findall(label)}
    total = sum(max((_quality(w, word) for word in words), default=0.0) for w in wanted)
    return 100 * total / len(wanted)


def item_matches(
    finder: Finder, query: str, limit: int = DEFAULT_LIMIT, *, prefer: int | None = None
) -> list[Match] | None:
    """The parties, questions and quotes that best match `query`, from the library's search
    index; None while there is no index yet."""
    wanted = _wanted(query)
    if not wanted:
        return []
    found = finder.search(query, limit * ITEM_HITS_PER_TARGET, kinds=_ITEM_KINDS)
    if found is None:
        return None
    ranked = []
    for rank, each in enumerate(found):
        hit, landing = each.hit, each.landing
        score = label_score(hit.label, wanted)
        if score < SCORE_CUTOFF:
            continue
        kind = _ITEM_KINDS[hit.kind]
        target = Target(
            kind, hit.label, hit.briefing_title, landing.entry, landing.section, hit.item_id
        )
        match = Match(target, score, word_spans(hit.label, wanted))
        # Equal scores keep the index's order (its rank, and shorter entries first).
        ranked.append((-score, landing.entry != prefer, _KIND_ORDER[kind], rank, match))
    return [match for *_, match in heapq.nsmallest(limit, ranked)]


class CatalogGoTo:
    """The go-to targets of a catalog: briefings and sections from its records (`headings`, a
    `GoTo` of them), parties, questions and quotes from the search index of `finder`."""

    def __init__(self, headings: GoTo, finder: Finder) -> None:
        self.headings = headings
        self.finder = finder
        self._changes = _records_changes(finder)

    @property
    def stale(self) -> bool:
        """True once the catalog's records have changed (a refresh listed the files again, or
        filled in titles): the briefings and sections are to be gathered again."""
        return _records_changes(self.finder) != self._changes

    @property
    def targets(self) -> list[Target]:
        """The briefings and sections (the items are found, not listed)."""
        return self.headings.targets

    def items(
        self, query: str, limit: int = DEFAULT_LIMIT, *, prefer: int | None = None
    ) -> list[Match] | None:
        """The parties, questions and quotes for `query`; None while there is no index."""
        return item_matches(self.finder, query, limit, prefer=prefer)

    def match(
        self, query: str, limit: int = DEFAULT_LIMIT, *, prefer: int | None = None
    ) -> list[Match]:
        """The best targets of every kind, as `GoTo.match` gives them (items only once the
        index is there)."""
        found = self.headings.match(query, limit, prefer=prefer)
        found += self.items(query, limit, prefer=prefer) or []
        return sorted(found, key=lambda m: _match_order(m, prefer))[:limit]


def _records_changes(finder: Finder) -> int:
    """How many times the catalog's records have changed (see `Catalog.changes`)."""
    return finder.catalog.changes if finder.catalog is not None else 0


def _match_order(match: Match, prefer: int | None) -> tuple[float, bool, int]:
    return (-match.score, match.target.entry != prefer, _KIND_ORDER[match.target.kind])
