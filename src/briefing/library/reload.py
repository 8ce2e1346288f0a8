"""Reloading a library while it is read: which files changed, and what the reader should show.

Kept free of the user interface (and of the file watcher): `LiveLibrary.apply` takes the paths
that changed and returns the library to show, so it can be tested, and timed, on its own.

The rules:
- a briefing whose file (or a source it cites) changed is loaded again;
- a briefing whose new version has errors keeps its last good version on screen: the new
  version's findings are kept beside it (`stale`) until an edit fixes them;
- a file that appears in a library directory joins the library; one deleted from it leaves;
- a file named on its own (not found in a directory) that disappears keeps its last version,
  marked as deleted, since the reader was reading it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefing.findings import Finding
from briefing.library import BRIEFING_SUFFIXES, Library, check_library, discover
from briefing.library.catalog import Catalog
from briefing.loader import LoadResult, load_briefing

# Findings that `check_library` adds, which depend on the whole library: an entry that has one
# must be loaded afresh before it is checked again, or the finding would be added twice.
LIBRARY_CODES = frozenset({"duplicate-briefing-id", "party-name-differs"})


@dataclass(frozen=True, slots=True)
class Stale:
    """A briefing shown at its last good version, and why the newer one is not shown."""

    path: Path
    # The findings of the version on disk; none if the file is gone.
    findings: tuple[Finding, ...]
    deleted: bool = False

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)


@dataclass(frozen=True, slots=True)
class Reload:
    """What one reload changed."""

    library: Library
    reloaded: tuple[Path, ...] = ()
    added: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()
    # Every briefing currently shown at an older version, by path.
    stale: dict[Path, Stale] = field(default_factory=dict)
    # Briefings that were stale before this reload and are not any more.
    recovered: tuple[Path, ...] = ()
    # The library's files by entry before this reload: a catalog's library changes in place, so
    # this is how the reader knows which file its entry was.
    before: tuple[Path, ...] = ()


def _key(path: Path | str) -> str:
    # Watchers report absolute paths; the library keeps the paths it was given.
    return os.path.abspath(path)


class LiveLibrary:
    """A library and the paths it was loaded from, kept in step with the files on disk."""

    def __init__(self, paths: Sequence[Path], library: Library | None = None) -> None:
        self.paths = tuple(Path(p) for p in paths)
        self.library = library if library is not None else _load(self.paths)
        # Each file's own load result (before the library's checks), or None: load it afresh.
        self._own: dict[str, LoadResult | None] = {}
        self._good: dict[str, LoadResult] = {}
        self._by_key: dict[str, Path] = {}
        for entry in self.library.entries:
            key = _key(entry.path)
            self._by_key[key] = entry.path
            own = None if any(f.code in LIBRARY_CODES for f in entry.findings) else entry
            self._own[key] = own
            if entry.ok:
                self._good[key] = entry
        self.stale: dict[Path, Stale] = {}
        self._named = {_key(p) for p in self.paths if not p.is_dir()}

    # --- what to watch -------------------------------------------------------------------------

    def watched(self) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
        """The directories to watch recursively (the library's), and those to watch on their own
        (the folder of each file named by itself, and of each cited source outside both)."""
        trees = tuple(p for p in self.paths if p.is_dir())
        tree_keys = [_key(t) for t in trees]
        folders: dict[str, Path] = {}
        candidates = [p.parent for p in self.paths if not p.is_dir()]
        candidates += [source.parent for source in self._source_files()]
        for folder in candidates:
            key = _key(folder)
            inside = any(key == t or key.startswith(t.rstrip(os.sep) + os.sep) for t in tree_keys)
            if not inside and os.path.isdir(key):
                folders.setdefault(key, folder)
        return trees, tuple(folders.values())

    def _source_files(self) -> set[Path]:
        """Every source file a shown briefing, or the file's latest version, depends on."""
        loads = [*self._good.values(), *(own for own in self._own.values() if own is not None)]
        return {source for load in loads for source in load.depends_on}

    def is_relevant(self, path: Path | str) -> bool:
        """Whether a change at `path` can change the library."""
        key = _key(path)
        name = os.path.basename(key)
        if name.endswith(BRIEFING_SUFFIXES) and not name.startswith("."):
            return True
        if key in {_key(s) for s in self._source_files()}:
            return True
        # A folder that held briefings came or went.
        prefix = key.rstrip(os.sep) + os.sep
        return any(k.startswith(prefix) for k in self._own)

    # --- reloading -----------------------------------------------------------------------------

    def apply(self, changed: Iterable[Path | str]) -> Reload | None:
        """Reload after changes at `changed`; None if none of them matters to the library."""
        changed_keys = {_key(p) for p in changed if self.is_relevant(p)}
        if not changed_keys:
            return None
        files, problems = discover(self.paths)
        citing = {
            key
            for key, load in [*self._good.items(), *self._own.items()]
            if load is not None and any(_key(s) in changed_keys for s in load.depends_on)
        }
        before = dict(self._by_key)
        was_stale = set(self.stale)
        reloaded: list[Path] = []
        shown: list[LoadResult] = []
        by_key: dict[str, Path] = {}
        for path in files:
            key = _key(path)
            by_key[key] = path
            own = self._own.get(key)
            if own is None or key in changed_keys or key in citing:
                own = load_briefing(path)
                self._own[key] = own
                if key in before:
                    reloaded.append(path)
            shown.append(self._shown(key, path, own))

        removed = [path for key, path in before.items() if key not in by_key]
        for key in [k for k in self._own if k not in by_key]:
            del self._own[key]
            self._good.pop(key, None)
        for path in [p for p in self.stale if _key(p) not in by_key]:
            del self.stale[path]
        self._by_key = by_key
        self.library = check_library(shown, problems)
        return Reload(
            library=self.library,
            reloaded=tuple(reloaded),
            added=tuple(path for key, path in by_key.items() if key not in before),
            removed=tuple(removed),
            stale=dict(self.stale),
            recovered=tuple(p for p in was_stale if p not in self.stale and p in by_key.values()),
            before=tuple(before.values()),
        )

    def _shown(self, key: str, path: Path, own: LoadResult) -> LoadResult:
        """What the reader shows for a file: its own load, or its last good version."""
        if own.ok:
            self._good[key] = own
            self.stale.pop(path, None)
            return own
        good = self._good.get(key)
        if good is None:
            self.stale.pop(path, None)
            return own
        deleted = key in self._named and not os.path.lexists(key)
        self.stale[path] = Stale(path, () if deleted else own.findings, deleted)
        return good


def _load(paths: Sequence[Path]) -> Library:
    files, problems = discover(paths)
    return check_library([load_briefing(path) for path in files], problems)


class LiveCatalog:
    """A catalog's library kept in step with its files: on a change, the catalog checks its
    records against the files again and loads what changed (`Catalog.refresh`).

    As in `LiveLibrary`, a briefing whose new version has errors keeps its last good version
    where the catalog holds it (see `Catalog.held_back`), with the new version's findings.
    """

    def __init__(self, catalog: Catalog, library: Library) -> None:
        self.catalog = catalog
        self.library = library
        self.stale: dict[Path, Stale] = {}

    def watched(self) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
        roots = tuple(self.catalog.roots)
        return tuple(r for r in roots if r.is_dir()), tuple(
            r.parent for r in roots if not r.is_dir()
        )

    def apply(self, changed: Iterable[Path | str]) -> Reload | None:
        paths = [Path(p) for p in changed if not os.path.basename(p).startswith(".")]
        if not paths:
            return None
        catalog = self.catalog
        before = [meta.path for meta in catalog.metas]
        was_stale = set(self.stale)
        loaded: set[int] = set()
        catalog.refresh(on_progress=lambda progress: loaded.update(progress.changed))
        after = [meta.path for meta in catalog.metas]
        known, present = set(before), set(after)
        with catalog._lock:  # another refresh may be changing it meanwhile
            held = dict(catalog.held_back)
        self.stale = {Path(path): Stale(Path(path), findings) for path, findings in held.items()}
        return Reload(
            library=self.library,
            reloaded=tuple(Path(after[i]) for i in sorted(loaded) if after[i] in known),
            added=tuple(Path(path) for path in after if path not in known),
            removed=tuple(Path(path) for path in before if path not in present),
            stale=dict(self.stale),
            recovered=tuple(p for p in was_stale if p not in self.stale and str(p) in present),
            before=tuple(Path(path) for path in before),
        )
