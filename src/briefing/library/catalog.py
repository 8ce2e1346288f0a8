"""A library catalog: what a reader needs of a large library, without loading it.

A library of 10,000 briefings takes minutes to parse, and about a gigabyte as models. The
catalog keeps instead, in a SQLite database in the cache (`catalog_store`), one small record per
briefing file (its id, title, date, status, tags, counts per section, errors and warnings) so a
navigator can list every briefing at once; the search index beside it; and full briefings only
on demand, the last few kept in memory.

`Catalog.open` reads the saved rows (the files, in order, and each one's record as bytes) and
nothing else; each record is decoded only when first wanted (`Records`): what the first screen
shows is a page of records, whatever the size of the library. It never looks at the briefing
files. `refresh` (slow, for a background thread) then finds the files, checks every record
against them, loads what changed with every core, and saves what changed: the rows of the files
loaded again, and a change to the search index, so that an edit to one briefing writes a few
kilobytes, not the catalog.

Across briefings, the catalog makes the checks `load_library` makes (`library.cross_check`: a
shared id makes both briefings unusable; a party named differently in two files is a warning),
from what each record keeps of its briefing (its id's place, its parties' names and places), so
it reports what `briefing validate` reports without loading every briefing. Before the first
refresh it checks ids only: the parties' names are decoded in the background, not at start-up.

While the files are edited, a briefing whose new version has errors keeps its last good version,
if the catalog holds it (the one being read, and the last few opened): the record and the full
briefing stay as they were, and `held_back` has the findings of the version on disk until an
edit fixes them (`briefing.library.reload` tells the reader).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, MutableSequence, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, overload

import msgspec
from msgspec.structs import replace

from briefing.findings import Finding, Location
from briefing.library import Library, Outline, cross_check, discover
from briefing.library.cache import (
    LibraryCache,
    dependency_fresh,
    program_fingerprint,
)
from briefing.library.catalog_store import COMPACT_AFTER, CatalogStore, Changes, Saved
from briefing.library.entries import Dependency, Entry, decode_entry, entry_findings
from briefing.loader import LoadResult
from briefing.model import Briefing, Section
from briefing.text import sanitise

if TYPE_CHECKING:
    from briefing.search import SearchIndex

# The sections that have items, in the order of `BriefingMeta.counts`.
COUNTED = tuple(section for section in Section if section is not Section.OVERVIEW)
# Bumped whenever what a record holds, or how, changes: an index of another format is rebuilt.
CATALOG_FORMAT = 4
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
    # What the checks across files need (an `_Outline`); decoded only by those checks.
    outline: msgspec.Raw = msgspec.Raw(b"\xc0")

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


class _Outline(msgspec.Struct, array_like=True):
    """Where a briefing's id is, and each party's id, name and place: (line, column), 0 unknown."""

    at: tuple[int, int]
    parties: list[tuple[str, str, int, int]]


_OUTLINE = msgspec.msgpack.Decoder(_Outline | None)


def meta_outline(meta: BriefingMeta) -> Outline | None:
    """What `library.cross_check` needs of a record's briefing; None for a broken record."""
    if not meta.ok or meta.id is None:
        return None
    try:
        outline = _OUTLINE.decode(meta.outline)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        outline = None
    if outline is None:
        return Outline(Path(meta.path), meta.id, (), {})
    line, column = outline.at
    locations = {"": Location(line=line, column=column)} if line else {}
    names = []
    for party_id, name, line, column in outline.parties:
        names.append((sanitise(party_id), sanitise(name)))
        if line:
            locations[party_id] = Location(line=line, column=column)
    return Outline(Path(meta.path), meta.id, tuple(names), locations)


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
    at = record.locations
    outline = _Outline(
        at.get("", (0, 0)), [(p.id, p.name, *at.get(p.id, (0, 0))) for p in record.parties]
    )
    return shown_safely(
        BriefingMeta(
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
            outline=msgspec.Raw(msgspec.msgpack.encode(outline)),
        )
    )


def shown_safely(meta: BriefingMeta) -> BriefingMeta:
    """A record read back from the cache, its texts neutralised as loading neutralises YAML's
    (its path kept exact: it is opened, and shown through `show_path`)."""
    meta.id = sanitise(meta.id) if meta.id is not None else None
    meta.title = sanitise(meta.title) if meta.title is not None else None
    meta.status = sanitise(meta.status)
    meta.as_of = sanitise(meta.as_of)
    meta.tags = [sanitise(tag) for tag in meta.tags]
    return meta


_META = msgspec.msgpack.Decoder(BriefingMeta)
_ENCODER = msgspec.msgpack.Encoder()


class Records(MutableSequence[BriefingMeta]):
    """A saved catalog's records, each decoded when first wanted, then kept.

    Decoding 10,000 records takes longer than anything else opening a catalog would, and a first
    screen shows a page of them. Safe across threads: a record is decoded once, so every reader
    gets the same object (the catalog compares records by identity). A record that does not
    decode (damaged) is listed as pending, by its path, so the next refresh loads its file again.
    """

    def __init__(self, saved: Saved) -> None:
        self.paths = saved.paths
        # The bytes of each record not yet decoded (None once it is), and those decoded.
        self._raw: list[bytes | None] = list(saved.records)
        self._items: list[BriefingMeta | None] = [None] * len(saved.paths)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, position: int) -> BriefingMeta: ...
    @overload
    def __getitem__(self, position: slice) -> list[BriefingMeta]: ...
    def __getitem__(self, position: int | slice) -> BriefingMeta | list[BriefingMeta]:
        if isinstance(position, slice):
            return [self[i] for i in range(len(self))[position]]
        item = self._items[position]
        if item is not None:
            return item
        with self._lock:
            return self._decoded(range(len(self._items))[position])

    def _decoded(self, position: int) -> BriefingMeta:
        """The record at a position, decoded now if it was not yet (the lock held)."""
        item = self._items[position]
        if item is None:
            data = self._raw[position]
            try:
                item = shown_safely(_META.decode(data)) if data is not None else None
            except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
                item = None
            if item is None or item.path != self.paths[position]:
                item = pending_meta(self.paths[position])
            self._items[position] = item
            self._raw[position] = None
        return item

    def __setitem__(self, position: int, meta: BriefingMeta) -> None:  # type: ignore[override]
        if not isinstance(position, int):
            raise TypeError("records are replaced one at a time")
        position = range(len(self._items))[position]  # IndexError before anything changes
        with self._lock:  # not between another thread's decoding of it and its storing
            self._items[position] = meta
            self._raw[position] = None
            self.paths[position] = meta.path

    def __delitem__(self, position: int) -> None:  # type: ignore[override]
        raise TypeError("a catalog's records are replaced, not removed")

    def insert(self, position: int, meta: BriefingMeta) -> None:
        raise TypeError("a catalog's records are replaced, not inserted")

    def __iter__(self) -> Iterator[BriefingMeta]:
        with self._lock:
            return iter([self._decoded(at) for at in range(len(self._items))])


def record_paths(metas: Sequence[BriefingMeta]) -> list[str]:
    """Each record's file, in order; for records as read, without decoding them."""
    if isinstance(metas, Records):
        return list(metas.paths)
    return [meta.path for meta in metas]


_DEPENDENCIES = msgspec.msgpack.Decoder(list[Dependency])


def meta_fresh(meta: BriefingMeta) -> bool:
    """True if none of the files behind a record changed since it was made."""
    if meta.pending:
        return False
    try:
        dependencies = _DEPENDENCIES.decode(meta.dependencies)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return False
    if not dependencies or dependencies[0].path != os.path.abspath(meta.path):
        return False
    return all(dependency_fresh(d) for d in dependencies)


class Progress(msgspec.Struct, frozen=True):
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


def _fingerprint() -> str:
    """What saved rows must have been written with: this program, and this form of record."""
    return f"{program_fingerprint()}:{CATALOG_FORMAT}"


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
        # Absolute: the saved records name files, and are found again from any directory.
        self.roots = [Path(os.path.abspath(root)) for root in roots]
        self.cache = cache if cache is not None else LibraryCache()
        self.keep = keep
        # A list, or the records as read from the saved index (`Records`).
        self.metas: MutableSequence[BriefingMeta] = []
        # Counts the changes to the records (listed again, or some replaced): who keeps
        # something made from them can tell when it is out of date.
        self.changes = 0
        self.problems: tuple[Finding, ...] = ()
        # True when the records came from the saved index (not yet checked against the files).
        self.warm = False
        # Where the catalog is saved (opened by `open`); the rows to write at the next save.
        self.store: CatalogStore | None = None
        self._changed: dict[str, BriefingMeta] = {}
        self._gone: set[str] = set()
        self._relisted = False
        self._search_changes: list[tuple[list[str], bytes | None]] = []
        self._search_base_due = False
        # Files whose version on disk has errors, shown at their last good version: the findings
        # of the version on disk, by path.
        self.held_back: dict[str, tuple[Finding, ...]] = {}
        self._search: SearchIndex | None = None
        # The search index is read (or made) once, whichever thread asks first: the reader's
        # search and a refresh must change and search the same one.
        self._search_lock = threading.RLock()
        # By path: the record a full briefing was loaded for, its own load result, and the
        # result shown (with the findings across files); the last `keep` used.
        self._loaded: OrderedDict[str, tuple[BriefingMeta, LoadResult, LoadResult]] = OrderedDict()
        # The last good version of each file in `held_back`, with its record: kept however long.
        self._good: dict[str, tuple[BriefingMeta, LoadResult]] = {}
        # Ids used twice, from the records, until the first refresh checks across files fully.
        self._duplicates: frozenset[str] = frozenset()
        # The findings across files (by path) and the files they make unusable; None before the
        # first refresh.
        self._across: dict[str, tuple[Finding, ...]] | None = None
        self._unusable: frozenset[str] = frozenset()
        # The outline (`meta_outline`) of each record, by path, as last checked.
        self._outlines: dict[str, tuple[BriefingMeta, Outline | None]] = {}
        self._lock = threading.Lock()
        # One refresh at a time: the reader's first one and a live reload's can overlap.
        self._refreshing = threading.Lock()

    # --- opening: the saved index only -----------------------------------------------------------

    @property
    def database_path(self) -> Path:
        return self.cache.directory / "catalogs" / f"{catalog_name(self.roots)}.sqlite"

    @classmethod
    def open(
        cls, roots: Sequence[Path], cache: LibraryCache | None = None, *, keep: int = KEEP
    ) -> Catalog:
        """The catalog as last saved; if there is none, the files found, each pending.

        Kept in the cache's database, or in memory when the cache is not to be written.
        """
        catalog = cls(roots, cache, keep=keep)
        catalog.store = CatalogStore.open(catalog.database_path if catalog.cache.write else None)
        if not catalog._read_saved():
            files, problems = discover(catalog.roots)
            catalog.metas = [pending_meta(path) for path in files]
            catalog.problems = tuple(problems)
            catalog._relisted = True
        return catalog

    @property
    def notices(self) -> list[str]:
        """What opening the catalog's database met (set aside, in memory), for a person."""
        return list(self.store.notices) if self.store is not None else []

    def _read_saved(self) -> bool:
        assert self.store is not None
        saved = self.store.read(_fingerprint(), self._root_names())
        if saved is None:
            return False
        self.metas = Records(saved)
        self._duplicates = saved.duplicates
        self.warm = True
        return True

    def _root_names(self) -> list[str]:
        return [os.path.abspath(root) for root in self.roots]

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
                return kept[2]
            good = self._good.get(meta.path)
        held = good is not None and good[0] is meta
        own = good[1] if good is not None and held else self.cache.load(Path(meta.path))
        with self._lock:
            shown = self._checked_across(meta.path, own)
            self._loaded[meta.path] = (meta, own, shown)
            self._loaded.move_to_end(meta.path)
            while len(self._loaded) > self.keep:
                self._loaded.popitem(last=False)
        return shown

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

    def _checked_across(self, path: str, own: LoadResult) -> LoadResult:
        """A file's own load result with the findings across files added."""
        if self._across is None:
            return self._check_duplicate(own)
        extra = self._across.get(path)
        if not extra:
            return own
        briefing = None if path in self._unusable else own.briefing
        return replace(own, briefing=briefing, findings=own.findings + extra)

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

    def _check_across(self) -> None:
        """Check the records across files, as `load_library` checks a library's briefings."""
        # Each record's outline is decoded once: a live reload checks again after every edit.
        known, self._outlines = self._outlines, {}
        for meta in self.metas:
            kept = known.get(meta.path)
            outline = kept[1] if kept is not None and kept[0] is meta else meta_outline(meta)
            self._outlines[meta.path] = (meta, outline)
        extra, broken = cross_check([o for _, o in self._outlines.values() if o is not None])
        across = {str(path): tuple(findings) for path, findings in extra.items()}
        with self._lock:
            first, before = self._across is None, self._across or {}
            self._across, self._unusable = across, frozenset(str(path) for path in broken)
            for path, (meta, own, _) in list(self._loaded.items()):
                if first or before.get(path) != across.get(path):
                    self._loaded[path] = (meta, own, self._checked_across(path, own))

    def across_findings(self) -> tuple[Finding, ...]:
        """The findings across files (a shared id, a party's differing names), in file order.

        Complete once a refresh has checked the records; before, none.
        """
        across = self._across or {}
        return tuple(f for meta in self.metas for f in across.get(meta.path, ()))

    # --- search ----------------------------------------------------------------------------------

    def search_index(self) -> SearchIndex:
        """The search index saved with the records (its base and the changes since, and those a
        refresh made since the last save); if it is lost or damaged, one built again from the
        briefings (from their cache entries, on every core), to be saved as the new base."""
        # Imported when needed: opening a catalog, before the first paint, does without.
        from briefing.library.bulk import search_index_of

        with self._search_lock:
            if self._search is not None:
                return self._search
            saved = self._read_search()
            rebuilt = saved is None
            if saved is None:
                usable = [Path(meta.path) for meta in self.metas if meta.ok]
                saved = search_index_of(usable, self.cache)
                # It holds every change already: its base is what to save next.
                self._search_changes.clear()
                self._search_base_due = bool(usable)
            else:
                for removed, data in self._search_changes:
                    _apply(saved, removed, data)
            self._search = saved
        if rebuilt and self._refreshing.acquire(blocking=False):
            # Saved now, unless a refresh is running: that one saves it when it ends.
            try:
                self.save()
            finally:
                self._refreshing.release()
        return saved

    def _read_search(self) -> SearchIndex | None:
        """The saved index: its base with the saved changes made to it; None if it is lost (no
        base and no change while there are briefings to search) or damaged."""
        from briefing.search import IndexFormatError, SearchIndex

        base, changes = self.store.search_parts() if self.store is not None else (None, [])
        if base is None and not changes and any(meta.ok for meta in self.metas):
            return None
        try:
            index = SearchIndex.from_bytes(base) if base is not None else SearchIndex()
            for removed, data in changes:
                _apply(index, removed, data)
        except IndexFormatError:
            return None
        return index

    def _change_search(self, removed: list[str], data: bytes | None) -> None:
        """Take briefings out of the search index and put some in (as a chunk's index): in the
        index in memory if it is there, and in the changes to save either way."""
        with self._search_lock:
            self._search_changes.append((removed, data))
            if self._search is not None:
                _apply(self._search, removed, data)

    # --- refreshing: the files, every core -------------------------------------------------------

    def refresh(
        self, *, jobs: int | None = None, on_progress: Callable[[Progress], None] | None = None
    ) -> Progress:
        """Bring every record up to date with the files, and save the index if anything changed.

        Meant for a background thread: records are replaced one by one (each replacement is
        atomic), and `on_progress` is called from this thread after each step.
        """
        with self._refreshing:
            return self._refresh(jobs, on_progress)

    def _refresh(
        self, jobs: int | None, on_progress: Callable[[Progress], None] | None
    ) -> Progress:
        from briefing.library.bulk import load_chunks

        files, problems = discover(self.roots)
        self.problems = tuple(problems)
        old = {meta.path: meta for meta in self.metas}
        metas = []
        stale: list[Path] = []
        for path in files:
            meta = old.get(str(path))
            if meta is None or not meta_fresh(meta):
                meta = pending_meta(path)
                stale.append(path)
            metas.append(meta)
        relisted = [m.path for m in metas] != [m.path for m in self.metas]
        present = {str(path) for path in files}
        gone = [meta for path, meta in old.items() if path not in present]
        # The good versions in memory of the files to load again: kept if the new one is broken.
        goods = {
            name: good
            for name in map(str, stale)
            if (good := self._good_version(name, old.get(name))) is not None
        }
        with self._lock:
            for meta in gone:
                self._good.pop(meta.path, None)
                self.held_back.pop(meta.path, None)
            self._gone.update(meta.path for meta in gone)
        if stale or gone or relisted:
            self.metas = metas  # else the same records
            self.changes += 1
        self._relisted = self._relisted or relisted
        at = {meta.path: position for position, meta in enumerate(metas)}
        done, total = len(files) - len(stale), len(files)
        report = Progress(done, total, (), relisted)
        if on_progress:
            on_progress(report)

        kept_ids = {m.id for m in metas}
        went = [meta.id for meta in gone if meta.id and meta.id not in kept_ids]
        if went:
            self._change_search(went, None)
        # Keep the ids of the records being replaced, to take them out of the search index.
        replaced = {str(path): old[str(path)].id for path in stale if str(path) in old}
        for made in load_chunks(stale, self.cache, jobs=jobs, with_search=True):
            changed = []
            removed = []
            for name, data in zip(made.paths, made.entries, strict=True):
                entry = decode_entry(data)
                meta = entry_meta(name, entry) if entry is not None else pending_meta(name)
                meta = self._hold_back(name, meta, entry, goods.get(name))
                position = at[name]
                self.metas[position] = meta
                self._changed[name] = meta
                changed.append(position)
                if replaced.get(name) and replaced[name] != meta.id:
                    removed.append(replaced[name])
            self._change_search(removed, made.search)
            self.changes += 1
            done += len(made.paths)
            report = Progress(done, total, tuple(changed), False)
            if on_progress:
                on_progress(report)
        if stale or gone or relisted or self._across is None:
            self._check_across()
        self.save()
        self.warm = True
        return report

    def _good_version(
        self, path: str, meta: BriefingMeta | None
    ) -> tuple[BriefingMeta, LoadResult] | None:
        """The good version in memory of a file whose record is `meta`, if there is one."""
        if meta is None or not meta.ok:
            return None
        with self._lock:
            kept = self._loaded.get(path)
            # Loaded for this record, or while the catalog was being indexed (for a record
            # still pending then): either way, the version the reader was shown.
            if kept is not None and (kept[0] is meta or kept[0].pending) and kept[1].ok:
                return meta, kept[1]
            good = self._good.get(path)
        return good if good is not None and good[0] is meta else None

    def _hold_back(
        self,
        path: str,
        meta: BriefingMeta,
        entry: Entry | None,
        good: tuple[BriefingMeta, LoadResult] | None,
    ) -> BriefingMeta:
        """The record to list for a file just loaded: the new one, or, if the new version has
        errors and a good one is in memory, the good one (its findings put in `held_back`)."""
        with self._lock:
            if meta.ok or meta.pending or good is None or entry is None:
                self._good.pop(path, None)
                self.held_back.pop(path, None)
                return meta
            self._good[path] = good
            self.held_back[path] = entry_findings(entry, Path(path))
        return good[0]

    def _start_store_again(self) -> None:
        """The database is gone (its cache folder deleted): a new one, to which everything is
        written (every row, and the search index as a base)."""
        assert self.store is not None
        self.store.close()
        self.store = CatalogStore.open(self.store.path)
        self._changed = {meta.path: meta for meta in self.metas}
        self._relisted = True
        self._search_changes.clear()
        self._search = None
        self._search_base_due = True

    def save(self) -> bool:
        """Write what changed since the last save: the rows of the files loaded again or gone,
        their places if the files were listed again, and the changes to the search index (or,
        once those have grown, a new base of it). One transaction; False if not written."""
        if self.store is None:
            return False
        with self._search_lock:
            if self.store.path is not None and not self.store.path.exists():
                self._start_store_again()
            changes = Changes(
                rows={
                    meta.path: (position, meta.id if meta.ok else None, _ENCODER.encode(meta))
                    for position, meta in enumerate(self.metas)
                    if self._changed.get(meta.path) is meta
                },
                removed=sorted(self._gone),
                positions=record_paths(self.metas) if self._relisted else None,
                search=list(self._search_changes),
            )
            if not self._search_base_due:
                self._search_base_due = (
                    self._search is not None
                    and self.store.search_changes() + len(changes.search) > COMPACT_AFTER
                )
            if self._search_base_due:
                changes.search_base = self.search_index().to_bytes()
            nothing = not (changes.rows or changes.removed or changes.positions is not None)
            if nothing and not changes.search and changes.search_base is None:
                return True
            try:
                written = self.store.write(_fingerprint(), self._root_names(), changes)
            except UnicodeEncodeError:
                # A root whose name is not UTF-8 (its files are left out, see `discover`).
                written = False
            if written:
                self._changed.clear()
                self._gone.clear()
                self._relisted = False
                self._search_changes.clear()
                self._search_base_due = False
        return written


def _apply(index: SearchIndex, removed: list[str], data: bytes | None) -> None:
    """Make a change to a search index: take out briefings by id, put in a chunk's index."""
    from briefing.search import SearchIndex

    for briefing_id in removed:
        index.remove(briefing_id)
    if data is not None:
        index.merge(SearchIndex.from_bytes(data))


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
