"""A library catalog: what a reader needs of a large library, without loading it.

A library of 10,000 briefings takes minutes to parse, and about a gigabyte as models. The
catalog keeps instead, in one file of the cache (the *metadata index*), one small record per
briefing file (its id, title, date, status, tags, counts per section, errors and warnings) so a
navigator can list every briefing at once; the search index beside it; and full briefings only
on demand, the last few kept in memory.

`Catalog.open` reads the metadata index and nothing else, so it costs the same for any library
whose index is warm; it never looks at the briefing files. `refresh` (slow, for a background
thread) then finds the files, checks every record against them, loads what changed with every
core, and saves the index again: the records and the search index are updated in place, a
chunk at a time, so a reader can show them filling in.

Across briefings, the catalog checks that ids are unique (a shared id makes both unusable, as in
`load_library`); differing party names are left to `briefing validate`, which reads everything.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, overload

import msgspec

from briefing.cache import (
    LibraryCache,
    dependency_fresh,
    program_fingerprint,
    read_bytes,
    seal,
    unseal,
    write_atomically,
)
from briefing.cache_entry import Dependency, Entry, decode_entry
from briefing.findings import Finding
from briefing.library import Library, Outline, cross_check, discover
from briefing.loader import LoadResult
from briefing.model import Briefing, Section

if TYPE_CHECKING:
    from briefing.search import SearchIndex

# The sections that have items, in the order of `BriefingMeta.counts`.
COUNTED = tuple(section for section in Section if section is not Section.OVERVIEW)
CATALOG_FORMAT = 1
# Full briefings kept in memory: enough to go back and forth, far fewer than a library.
KEEP = 16


class BriefingMeta(msgspec.Struct, array_like=True):
    """One briefing file, as the navigator lists it."""

    path: str
    id: str | None
    title: str | None
    as_of: str
    status: str
    tags: list[str]
    counts: list[int]
    errors: int
    warnings: int
    # The files its entry depends on; decoded only when checked, not when the index is opened.
    dependencies: msgspec.Raw = msgspec.Raw(b"\x90")
    # True until the file has been loaded (a cold catalog lists the files it found first).
    pending: bool = False

    @property
    def ok(self) -> bool:
        return self.id is not None and self.errors == 0

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    def count(self, section: Section) -> int:
        if section is Section.OVERVIEW or not self.counts:
            return 0
        return self.counts[COUNTED.index(section)]


def pending_meta(path: Path | str) -> BriefingMeta:
    return BriefingMeta(str(path), None, None, "", "", [], [], 0, 0, pending=True)


def entry_meta(path: Path | str, entry: Entry) -> BriefingMeta:
    """The record of a briefing file from its cache entry."""
    errors = sum(f.error for f in entry.findings)
    warnings = len(entry.findings) - errors
    dependencies = msgspec.Raw(msgspec.msgpack.encode(entry.dependencies))
    record = entry.briefing
    if record is None or errors:
        return BriefingMeta(str(path), None, None, "", "", [], [], errors, warnings, dependencies)
    counts = [len(getattr(record, section.value)) for section in COUNTED]
    return BriefingMeta(
        str(path),
        record.id,
        record.title,
        record.as_of.isoformat(),
        record.status,
        list(record.tags),
        counts,
        errors,
        warnings,
        dependencies,
    )


class _Index(msgspec.Struct, array_like=True):
    format: int
    fingerprint: str
    roots: list[str]
    # Ties the search index file to this one: they are saved as a pair.
    token: str
    metas: list[BriefingMeta]


_INDEX = msgspec.msgpack.Decoder(_Index)
_DEPENDENCIES = msgspec.msgpack.Decoder(list[Dependency])


def meta_fresh(meta: BriefingMeta) -> bool:
    """True if none of the files behind a record changed since it was made."""
    if meta.pending:
        return False
    try:
        dependencies = _DEPENDENCIES.decode(meta.dependencies)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return False
    if not dependencies or dependencies[0].path != os.path.abspath(meta.path):
        return False
    return all(dependency_fresh(d) for d in dependencies)


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a refresh has got: `done` of `total` files checked or loaded."""

    done: int
    total: int
    # Positions in `Catalog.metas` whose records changed since the last report.
    changed: tuple[int, ...] = ()
    # True when the list of files itself changed (files added or removed).
    relisted: bool = False

    @property
    def finished(self) -> bool:
        return self.done >= self.total


def catalog_name(roots: Sequence[Path]) -> str:
    """The file name of a library's metadata index: a hash of its root paths."""
    key = "\n".join(os.path.abspath(root) for root in roots)
    return hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()


class Catalog:
    """The briefings under `roots`: every file's record, full briefings on demand."""

    def __init__(
        self,
        roots: Sequence[Path],
        cache: LibraryCache | None = None,
        *,
        keep: int = KEEP,
    ) -> None:
        self.roots = [Path(root) for root in roots]
        self.cache = cache if cache is not None else LibraryCache()
        self.keep = keep
        self.metas: list[BriefingMeta] = []
        self.problems: tuple[Finding, ...] = ()
        # True when the records came from the saved index (not yet checked against the files).
        self.warm = False
        self._token = ""
        self._search: SearchIndex | None = None
        self._loaded: OrderedDict[str, tuple[BriefingMeta, LoadResult]] = OrderedDict()
        self._duplicates: frozenset[str] = frozenset()
        self._lock = threading.Lock()

    # --- opening: the saved index only -----------------------------------------------------------

    @property
    def index_path(self) -> Path:
        return self.cache.directory / "catalogs" / f"{catalog_name(self.roots)}.meta"

    @property
    def search_path(self) -> Path:
        return self.index_path.with_suffix(".search")

    @classmethod
    def open(
        cls, roots: Sequence[Path], cache: LibraryCache | None = None, *, keep: int = KEEP
    ) -> Catalog:
        """The catalog as last saved; if there is none, the files found, each pending."""
        catalog = cls(roots, cache, keep=keep)
        if not catalog._read_index():
            files, problems = discover(catalog.roots)
            catalog.metas = [pending_meta(path) for path in files]
            catalog.problems = tuple(problems)
        catalog._find_duplicates()
        return catalog

    def _read_index(self) -> bool:
        data = unseal(read_bytes(self.index_path))
        if data is None:
            return False
        try:
            index = _INDEX.decode(data)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return False
        roots = [os.path.abspath(root) for root in self.roots]
        if (
            index.format != CATALOG_FORMAT
            or index.fingerprint != program_fingerprint()
            or index.roots != roots
        ):
            return False
        self.metas = index.metas
        self._token = index.token
        self.warm = True
        return True

    def __len__(self) -> int:
        return len(self.metas)

    @property
    def complete(self) -> bool:
        """True when no record is waiting for its file to be loaded."""
        return not any(meta.pending for meta in self.metas)

    def index_of(self, briefing_id: str) -> int | None:
        return next((i for i, meta in enumerate(self.metas) if meta.id == briefing_id), None)

    # --- full briefings, on demand ---------------------------------------------------------------

    def result(self, position: int) -> LoadResult:
        """The full load result of a file of the catalog (loaded, or from the cache)."""
        meta = self.metas[position]
        with self._lock:
            kept = self._loaded.get(meta.path)
            if kept is not None and kept[0] is meta:
                self._loaded.move_to_end(meta.path)
                return kept[1]
        result = self._check_duplicate(self.cache.load(Path(meta.path)))
        with self._lock:
            self._loaded[meta.path] = (meta, result)
            self._loaded.move_to_end(meta.path)
            while len(self._loaded) > self.keep:
                self._loaded.popitem(last=False)
        return result

    def briefing(self, position: int) -> Briefing | None:
        return self.result(position).briefing

    def library(self) -> Library:
        """A `Library` whose entries load when first read: for code written for a library.

        Its `briefings` property reads every file: use the records (`metas`) to go through all.
        """
        return Library(CatalogEntries(self), self.problems)  # type: ignore[arg-type]

    @property
    def loaded(self) -> int:
        """How many full briefings are held in memory."""
        return len(self._loaded)

    def _find_duplicates(self) -> None:
        seen: set[str] = set()
        twice: set[str] = set()
        for meta in self.metas:
            if meta.id is not None:
                (twice if meta.id in seen else seen).add(meta.id)
        self._duplicates = frozenset(twice)

    def _check_duplicate(self, result: LoadResult) -> LoadResult:
        briefing = result.briefing
        if briefing is None or briefing.id not in self._duplicates:
            return result
        outlines = [Outline.of(briefing, result.path)]
        outlines += [
            Outline(Path(m.path), briefing.id, (), {})
            for m in self.metas
            if m.id == briefing.id and m.path != str(result.path)
        ]
        extra, _ = cross_check(outlines)
        return replace(result, briefing=None, findings=result.findings + tuple(extra[result.path]))

    # --- search ----------------------------------------------------------------------------------

    def search_index(self) -> SearchIndex:
        """The search index saved with the records (built if it is missing or not theirs)."""
        # Imported when needed: opening a catalog, before the first paint, does without.
        from briefing.search import SearchIndex

        if self._search is None:
            self._search = self._read_search() or SearchIndex()
        return self._search

    def _search_saved(self) -> bool:
        """True if the search index on disk is the one saved with these records."""
        token = self._token.encode()
        try:
            with open(self.search_path, "rb") as stream:
                return bool(token) and stream.read(len(token)) == token
        except OSError:
            return False

    def _read_search(self) -> SearchIndex | None:
        from briefing.search import IndexFormatError, SearchIndex

        data = read_bytes(self.search_path)
        token = self._token.encode()
        if data is None or not token or not data.startswith(token):
            return None
        try:
            return SearchIndex.from_bytes(data[len(token) :])
        except IndexFormatError:
            return None

    # --- refreshing: the files, every core -------------------------------------------------------

    def refresh(
        self, *, jobs: int | None = None, on_progress: Callable[[Progress], None] | None = None
    ) -> Progress:
        """Bring every record up to date with the files, and save the index if anything changed.

        Meant for a background thread: records are replaced one by one (each replacement is
        atomic), and `on_progress` is called from this thread after each step.
        """
        from briefing.bulk import load_chunks
        from briefing.search import SearchIndex

        files, problems = discover(self.roots)
        self.problems = tuple(problems)
        old = {meta.path: meta for meta in self.metas}
        # Without its search index (deleted, damaged), every file is indexed again: from the
        # cache entries when they are there, which is quick.
        reindex = self._search is None and not self._search_saved()
        if reindex:
            self._search = SearchIndex()
        metas = []
        stale: list[Path] = []
        for path in files:
            meta = old.get(str(path))
            if reindex or meta is None or not meta_fresh(meta):
                meta = pending_meta(path)
                stale.append(path)
            metas.append(meta)
        relisted = [m.path for m in metas] != [m.path for m in self.metas]
        present = {str(path) for path in files}
        gone = [meta for path, meta in old.items() if path not in present]
        self.metas = metas
        at = {meta.path: position for position, meta in enumerate(metas)}
        done, total = len(files) - len(stale), len(files)
        report = Progress(done, total, (), relisted)
        if on_progress:
            on_progress(report)

        search = self.search_index() if (stale or gone) else self._search
        if search is not None:
            kept_ids = {m.id for m in metas}
            for meta in gone:
                if meta.id and meta.id not in kept_ids:
                    search.remove(meta.id)
        # Keep the ids of the records being replaced, to take them out of the search index.
        replaced = {str(path): old[str(path)].id for path in stale if str(path) in old}
        for made in load_chunks(stale, self.cache, jobs=jobs, with_search=True):
            changed = []
            for name, data in zip(made.paths, made.entries, strict=True):
                entry = decode_entry(data)
                meta = entry_meta(name, entry) if entry is not None else pending_meta(name)
                position = at[name]
                self.metas[position] = meta
                changed.append(position)
                if search is not None and replaced.get(name) and replaced[name] != meta.id:
                    search.remove(replaced[name])
            if search is not None and made.search is not None:
                search.merge(SearchIndex.from_bytes(made.search))
            done += len(made.paths)
            report = Progress(done, total, tuple(changed), False)
            if on_progress:
                on_progress(report)
        self._find_duplicates()
        if stale or gone or relisted or not self.warm or not self.index_path.exists():
            self.save()
        self.warm = True
        return report

    def save(self) -> bool:
        """Write the records and the search index, as a pair (each atomically)."""
        token = f"{time.time_ns():x}-{os.getpid():x}"
        roots = [os.path.abspath(root) for root in self.roots]
        index = _Index(CATALOG_FORMAT, program_fingerprint(), roots, token, list(self.metas))
        if self._search is not None or not self._token:
            search = self.search_index()
            if not write_atomically(self.search_path, token.encode() + search.to_bytes()):
                return False
        else:
            # The search index on disk is unchanged: keep pointing at it.
            token = self._token
            index.token = token
        if not write_atomically(self.index_path, seal(msgspec.msgpack.encode(index))):
            return False
        self._token = token
        return True


class CatalogEntries(Sequence[LoadResult]):
    """A catalog's files as a sequence of load results, each loaded when it is read.

    The length follows the catalog (a refresh may add or remove files).
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def __len__(self) -> int:
        return len(self.catalog.metas)

    @overload
    def __getitem__(self, position: int) -> LoadResult: ...
    @overload
    def __getitem__(self, position: slice) -> list[LoadResult]: ...
    def __getitem__(self, position: int | slice) -> LoadResult | list[LoadResult]:
        if isinstance(position, slice):
            return [self.catalog.result(i) for i in range(len(self))[position]]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        return self.catalog.result(position)
