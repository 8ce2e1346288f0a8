"""The library cache and catalog: never a stale entry, never an error from a damaged cache."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import msgspec
import pytest

from briefing.library import bulk, cache, load_library
from briefing.library.bulk import validate_paths
from briefing.library.cache import LibraryCache, build_entry
from briefing.library.catalog import Catalog
from briefing.library.entries import decode_entry
from briefing.loader import load_briefing
from briefing.model import Section
from tests.conftest import FIXTURES

GOOD = FIXTURES / "good"
TITLE = "The Portville harbour talks"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A copy of the good fixture, free to edit."""
    folder = tmp_path / "library"
    shutil.copytree(GOOD, folder)
    return folder


@pytest.fixture
def store(tmp_path: Path) -> LibraryCache:
    return LibraryCache(tmp_path / "cache")


def briefing_file(library: Path) -> Path:
    return library / "harbour-talks.yaml"


def source_file(library: Path) -> Path:
    return library / "sources" / "harbour-talks.txt"


def rewrite_keeping_stamp(path: Path, old: str, new: str) -> None:
    """Replace text with text of the same length, in place, and set the mtime back."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    data = path.read_text(encoding="utf-8")
    assert old in data
    with open(path, "r+", encoding="utf-8") as stream:
        stream.write(data.replace(old, new))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )


# --- a cached load is the load ------------------------------------------------------------------


def test_a_cached_load_equals_an_uncached_load(library: Path, store: LibraryCache) -> None:
    path = briefing_file(library)
    first = store.load(path)
    cached = store.get(path)
    assert cached is not None
    expected = load_briefing(path)
    assert cached == expected
    assert cached.findings == expected.findings
    assert cached.briefing is not None and expected.briefing is not None
    assert cached.briefing.locations == expected.briefing.locations
    # Shared objects stay shared: a position's party is the briefing's party.
    position = cached.briefing.positions[0]
    assert any(position.party is party for party in cached.briefing.parties)
    assert first == expected


@pytest.mark.parametrize("name", ["excerpt-not-found.yaml", "duplicate-id.yaml", "empty.yaml"])
def test_a_broken_briefing_is_cached_with_its_findings(
    tmp_path: Path, store: LibraryCache, name: str
) -> None:
    folder = tmp_path / "bad"
    shutil.copytree(FIXTURES / "bad", folder)
    path = folder / name
    store.load(path)
    cached = store.get(path)
    assert cached is not None
    assert cached == load_briefing(path)
    assert cached.errors


def test_the_path_is_the_one_the_caller_gave(library: Path, store: LibraryCache) -> None:
    absolute = briefing_file(library)
    store.load(absolute)
    relative = Path(os.path.relpath(absolute))
    cached = store.get(relative)
    assert cached is not None
    assert cached.path == relative
    assert cached.briefing is not None and cached.briefing.path == relative


# --- stale entries are never served -------------------------------------------------------------


def test_an_edited_briefing_is_loaded_again(library: Path, store: LibraryCache) -> None:
    path = briefing_file(library)
    store.load(path)
    path.write_text(path.read_text().replace(TITLE, "A new title"), encoding="utf-8")
    assert store.get(path) is None
    assert store.load(path).briefing.title == "A new title"


def test_an_edited_source_is_read_again(library: Path, store: LibraryCache) -> None:
    path = briefing_file(library)
    before = store.load(path)
    assert before.ok
    source = source_file(library)
    source.write_text("Nothing that any excerpt quotes.\n", encoding="utf-8")
    assert store.get(path) is None
    after = store.load(path)
    assert not after.ok
    assert after == load_briefing(path)


def test_a_source_that_appears_is_noticed(library: Path, store: LibraryCache) -> None:
    path = briefing_file(library)
    source = source_file(library)
    text = source.read_text(encoding="utf-8")
    source.unlink()
    assert not store.load(path).ok
    source.write_text(text, encoding="utf-8")
    assert store.get(path) is None
    assert store.load(path).ok


def test_a_same_size_edit_in_the_same_tick_is_caught(library: Path, store: LibraryCache) -> None:
    path = briefing_file(library)
    store.load(path)
    # Just written, so racy: the entry carries the content's hash.
    entry = decode_entry(cache.unseal(store.entry_path(path).read_bytes()))
    assert entry is not None and entry.dependencies[0].digest
    rewrite_keeping_stamp(path, TITLE, TITLE.upper())
    assert store.get(path) is None
    assert store.load(path).briefing.title == TITLE.upper()


def test_a_same_size_source_edit_in_the_same_tick_is_caught(
    library: Path, store: LibraryCache
) -> None:
    path = briefing_file(library)
    first = store.load(path)
    assert first.ok
    source = source_file(library)
    text = source.read_text(encoding="utf-8")
    word = next(w for w in text.split() if w.isalpha() and len(w) > 5)
    rewrite_keeping_stamp(source, word, word[::-1])
    assert store.get(path) is None
    assert store.load(path) == load_briefing(path)


def test_an_old_stamp_needs_no_hash(
    library: Path, store: LibraryCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "_RACY_NS", 0)
    path = briefing_file(library)
    store.load(path)
    entry = decode_entry(cache.unseal(store.entry_path(path).read_bytes()))
    assert entry is not None
    assert not any(dependency.digest for dependency in entry.dependencies)
    assert store.get(path) is not None
    path.write_text(path.read_text() + "\n", encoding="utf-8")
    assert store.get(path) is None


def test_another_program_version_is_a_miss(
    library: Path, store: LibraryCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = briefing_file(library)
    store.load(path)
    assert store.get(path) is not None
    monkeypatch.setattr("briefing.__version__", "999.0")
    monkeypatch.setattr(cache, "_fingerprint", None)
    assert store.get(path) is None
    assert store.load(path).ok
    assert store.get(path) is not None


def test_an_entry_of_another_file_is_not_used(library: Path, store: LibraryCache) -> None:
    path = briefing_file(library)
    other = library / "other.yaml"
    shutil.copy(path, other)
    store.load(path)
    store.entry_path(other).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(store.entry_path(path), store.entry_path(other))
    assert store.get(other) is None


# --- a damaged cache is ignored and rebuilt -----------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: b"",
        lambda data: b"\x00" * len(data),
        lambda data: msgspec.msgpack.encode({"format": 1, "hello": "world"}),
        lambda data: data[:-7] + b"garbage",
        # Well-formed, but an index that points nowhere.
        lambda data: data.replace(b"sources/harbour-talks.txt", b"sources/harbour-talks.txx"),
    ],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(library: Path, store: LibraryCache, damage) -> None:
    path = briefing_file(library)
    store.load(path)
    entry_file = store.entry_path(path)
    entry_file.write_bytes(damage(entry_file.read_bytes()))
    result = store.load(path)
    assert result == load_briefing(path)
    assert store.get(path) == result


def test_a_cache_deleted_at_any_time_is_rebuilt(library: Path, store: LibraryCache) -> None:
    path = briefing_file(library)
    store.load(path)
    shutil.rmtree(store.directory)
    assert store.get(path) is None
    assert store.load(path).ok
    assert store.get(path) is not None
    store.clear()
    assert store.get(path) is None


def test_an_unwritable_cache_still_loads(library: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    store = LibraryCache(blocker / "cache")
    assert store.load(briefing_file(library)).ok


_BUILDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from briefing.library.cache import LibraryCache, build_entry
    store = LibraryCache(Path(sys.argv[1]))
    for _ in range(int(sys.argv[3])):
        for name in sys.argv[2].split(","):
            build_entry(Path(name), store)
    """
)


def test_concurrent_builders_leave_whole_entries(library: Path, store: LibraryCache) -> None:
    paths = [briefing_file(library)]
    for number in range(3):
        copy = library / f"copy-{number}.yaml"
        copy.write_text(
            briefing_file(library).read_text().replace("id: harbour-talks", f"id: copy-{number}"),
            encoding="utf-8",
        )
        paths.append(copy)
    names = ",".join(str(p) for p in paths)
    command = [sys.executable, "-c", _BUILDER, str(store.directory), names, "15"]
    builders = [subprocess.Popen(command) for _ in range(2)]
    for builder in builders:
        assert builder.wait(timeout=120) == 0
    for path in paths:
        assert store.get(path) == load_briefing(path)
    leftovers = [n for n in os.listdir(store.entries_dir) if not n.endswith(".entry")]
    assert leftovers == []


# --- bulk loads and validation -----------------------------------------------------------------


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Good briefings, broken ones, a shared id and a party named two ways."""
    folder = tmp_path / "mixed"
    shutil.copytree(GOOD, folder)
    text = briefing_file(folder).read_text(encoding="utf-8")
    (folder / "twin.yaml").write_text(text, encoding="utf-8")
    for number in range(4):
        renamed = text.replace("id: harbour-talks", f"id: other-{number}")
        (folder / f"other-{number}.yaml").write_text(renamed, encoding="utf-8")
    for name in ("excerpt-not-found.yaml", "empty.yaml"):
        shutil.copy(FIXTURES / "bad" / name, folder / name)
    shutil.copytree(FIXTURES / "bad" / "sources", folder / "sources", dirs_exist_ok=True)
    return folder


@pytest.mark.parametrize("jobs", [1, 2])
def test_bulk_loads_equal_plain_loads(
    mixed: Path, store: LibraryCache, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "MIN_FOR_POOL", 0)
    monkeypatch.setattr(bulk, "CHUNK", 2)
    expected = load_library([mixed])
    assert load_library([mixed], cache=store, jobs=jobs) == expected
    # Again, now from the cache.
    assert load_library([mixed], cache=store, jobs=jobs) == expected
    assert load_library([mixed], jobs=jobs) == expected


@pytest.mark.parametrize("jobs", [1, 2])
def test_validation_equals_a_library_load(
    mixed: Path, store: LibraryCache, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "MIN_FOR_POOL", 0)
    expected = load_library([mixed])
    codes = {f.code for f in expected.findings}
    assert {"duplicate-briefing-id", "excerpt-not-found"} <= codes
    for _ in range(2):  # cold, then warm
        checked = validate_paths([mixed], store, jobs=jobs)
        assert checked.findings == expected.findings
        assert [c.briefing_id for c in checked.files] == [
            e.briefing.id if e.briefing else None for e in expected.entries
        ]


def test_validate_paths_reports_progress(mixed: Path) -> None:
    seen: list[tuple[int, int]] = []
    validate_paths(
        [mixed], None, jobs=1, on_progress=lambda done, total: seen.append((done, total))
    )
    assert seen and seen[-1][0] == seen[-1][1] == len(list(mixed.glob("*.yaml")))


def test_build_entry_does_not_store_a_file_that_changed_while_loading(
    library: Path, store: LibraryCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = briefing_file(library)
    real = cache.load_briefing

    def load_then_edit(target: Path):
        result = real(target)
        target.write_text(target.read_text() + "\n# edited\n", encoding="utf-8")
        return result

    monkeypatch.setattr(cache, "load_briefing", load_then_edit)
    result, _ = build_entry(path, store)
    assert result.ok
    assert not store.entry_path(path).exists()


# --- the catalog --------------------------------------------------------------------------------


def test_a_cold_catalog_lists_pending_files_then_fills(mixed: Path, store: LibraryCache) -> None:
    catalog = Catalog.open([mixed], store)
    assert not catalog.warm
    assert all(meta.pending for meta in catalog.metas)
    reports = []
    catalog.refresh(jobs=1, on_progress=reports.append)
    assert reports[-1].finished and catalog.complete
    expected = load_library([mixed])
    assert [m.path for m in catalog.metas] == [str(e.path) for e in expected.entries]
    for meta, entry in zip(catalog.metas, expected.entries, strict=True):
        loaded = load_briefing(entry.path)
        if loaded.briefing is not None:
            assert meta.id == loaded.briefing.id
            assert meta.title == loaded.briefing.title
            assert meta.as_of == loaded.briefing.as_of.isoformat()
            for section in Section:
                assert meta.count(section) == (
                    loaded.briefing.count(section) if section is not Section.OVERVIEW else 0
                )
        else:
            assert meta.id is None and meta.errors == len(loaded.errors)


def test_a_warm_catalog_is_read_without_the_files(mixed: Path, store: LibraryCache) -> None:
    Catalog.open([mixed], store).refresh(jobs=1)
    catalog = Catalog.open([mixed], store)
    assert catalog.warm and catalog.complete
    hits = catalog.search_index().search("Portville")
    assert hits and {hit.briefing_id for hit in hits} >= {"other-0"}
    # Opening reads only the index: a briefing edited since shows its saved record ...
    edited = mixed / "other-0.yaml"
    edited.write_text(edited.read_text().replace(TITLE, "Renamed talks"), encoding="utf-8")
    position = next(i for i, m in enumerate(catalog.metas) if m.id == "other-0")
    assert catalog.metas[position].title == TITLE
    # ... until a refresh, which updates the record and the search index.
    report = catalog.refresh(jobs=1)
    assert report.finished
    assert catalog.metas[position].title == "Renamed talks"
    assert catalog.result(position).briefing.title == "Renamed talks"
    assert "other-0" in {h.briefing_id for h in catalog.search_index().search("renamed")}
    again = Catalog.open([mixed], store)
    assert again.metas[position].title == "Renamed talks"
    assert "other-0" in {h.briefing_id for h in again.search_index().search("renamed")}


def test_a_catalog_forgets_removed_files(mixed: Path, store: LibraryCache) -> None:
    catalog = Catalog.open([mixed], store)
    catalog.refresh(jobs=1)
    (mixed / "other-3.yaml").unlink()
    report = catalog.refresh(jobs=1)
    assert report.relisted
    assert "other-3" not in {m.id for m in catalog.metas}
    assert not catalog.search_index().search("Portville", limit=100) or "other-3" not in {
        h.briefing_id for h in catalog.search_index().search("Portville", limit=100)
    }


def test_a_catalog_marks_shared_ids(mixed: Path, store: LibraryCache) -> None:
    catalog = Catalog.open([mixed], store)
    catalog.refresh(jobs=1)
    twins = [i for i, m in enumerate(catalog.metas) if m.id == "harbour-talks"]
    assert len(twins) == 2
    for position in twins:
        result = catalog.result(position)
        assert result.briefing is None
        assert "duplicate-briefing-id" in {f.code for f in result.findings}


def test_a_catalog_keeps_few_briefings_in_memory(mixed: Path, store: LibraryCache) -> None:
    catalog = Catalog.open([mixed], store, keep=2)
    catalog.refresh(jobs=1)
    for position in range(len(catalog)):
        catalog.result(position)
    assert catalog.loaded == 2
    # The last one is kept: asked again, it is the same object.
    last = len(catalog) - 1
    assert catalog.result(last) is catalog.result(last)


@pytest.mark.parametrize("damage", [b"", b"\x93\x01\x02", b"not SQLite at all" * 300])
def test_a_damaged_catalog_database_is_set_aside_and_rebuilt(
    mixed: Path, store: LibraryCache, damage: bytes
) -> None:
    catalog = Catalog.open([mixed], store)
    catalog.refresh(jobs=1)
    catalog.store.close()
    catalog.database_path.write_bytes(damage)
    for suffix in ("-wal", "-shm"):
        Path(f"{catalog.database_path}{suffix}").unlink(missing_ok=True)
    reopened = Catalog.open([mixed], store)
    assert not reopened.warm and len(reopened) == len(catalog)
    if damage:  # (an empty file is an empty database: nothing to set aside)
        assert any("set aside" in notice for notice in reopened.notices), reopened.notices
    reopened.refresh(jobs=1)
    assert [m.title for m in reopened.metas] == [m.title for m in catalog.metas]
    assert Catalog.open([mixed], store).warm


def search_rows(catalog: Catalog, sql: str, *values: object) -> None:
    with sqlite3.connect(catalog.database_path) as database:
        database.execute(sql, values)


def test_a_catalog_survives_its_cache_being_deleted(mixed: Path, store: LibraryCache) -> None:
    catalog = Catalog.open([mixed], store)
    catalog.refresh(jobs=1)
    shutil.rmtree(store.directory)
    position = next(i for i, m in enumerate(catalog.metas) if m.id == "other-1")
    assert catalog.result(position).ok
    catalog.refresh(jobs=1)
    again = Catalog.open([mixed], store)
    assert again.warm and again.search_index().search("Portville")


def test_a_catalog_rebuilds_a_lost_search_index(mixed: Path, store: LibraryCache) -> None:
    catalog = Catalog.open([mixed], store)
    catalog.refresh(jobs=1)
    search_rows(catalog, "DELETE FROM search_changes")
    search_rows(catalog, "DELETE FROM search_base")
    catalog = Catalog.open([mixed], store)
    catalog.refresh(jobs=1)
    assert catalog.search_index().search("Portville")
    assert Catalog.open([mixed], store)._read_search() is not None
    assert Catalog.open([mixed], store).search_index().search("Portville")


@pytest.mark.parametrize("refresh_first", [True, False])
def test_a_damaged_search_index_is_built_again(
    mixed: Path, store: LibraryCache, refresh_first: bool
) -> None:
    first = Catalog.open([mixed], store)
    first.refresh(jobs=1)
    first.search_index()
    assert first.save()
    search_rows(first, "UPDATE search_changes SET data = ?", b"\x93cut short")
    catalog = Catalog.open([mixed], store)
    assert catalog._read_search() is None
    if refresh_first:
        catalog.refresh(jobs=1)
    assert catalog.search_index().search("Portville")
    assert catalog.save()
    # ...and saved again: the next run reads it, building nothing.
    again = Catalog.open([mixed], store)
    assert again._read_search() is not None
    assert again.search_index().search("Portville")


def test_a_catalog_reads_as_a_library(mixed: Path, store: LibraryCache) -> None:
    catalog = Catalog.open([mixed], store, keep=3)
    catalog.refresh(jobs=1)
    library = catalog.library()
    expected = load_library([mixed])
    assert len(library.entries) == len(expected.entries)
    for got, want in zip(library.entries, expected.entries, strict=True):
        assert got.path == want.path
        assert got.ok == want.ok
    assert library.entries[-1].path == expected.entries[-1].path
    assert [e.path for e in library.entries[1:3]] == [e.path for e in expected.entries[1:3]]
    with pytest.raises(IndexError):
        library.entries[len(expected.entries)]
    assert catalog.loaded == 3


POOL_UNDER_A_CAPTURED_STDERR = """
import sys, threading
from pathlib import Path
from briefing.library import bulk
from briefing.library.catalog import Catalog
from briefing.library.cache import LibraryCache


class Capture:  # what Textual puts in sys.stderr while an app runs
    def write(self, text): return len(text)
    def flush(self): pass
    def fileno(self): return -1


if __name__ == "__main__":
    bulk.MIN_FOR_POOL, bulk.CHUNK = 0, 2
    sys.stderr = Capture()
    waiting = threading.Event()
    threading.Thread(target=waiting.wait, daemon=True).start()  # so the pool spawns
    catalog = Catalog.open([Path(sys.argv[1])], LibraryCache(Path(sys.argv[2])))
    catalog.refresh(jobs=2)
    print(sum(meta.pending for meta in catalog.metas), sum(meta.ok for meta in catalog.metas))
    waiting.set()
"""


def test_a_catalog_is_indexed_on_every_core_inside_the_reader(mixed: Path, tmp_path: Path) -> None:
    """Inside the reader, stderr is a capture without a file descriptor, and threads run: the
    pool is spawned, and its resource tracker must still start (it once failed, silently, and a
    cold library was never indexed)."""
    script = tmp_path / "index.py"
    script.write_text(POOL_UNDER_A_CAPTURED_STDERR, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(mixed), str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    pending, usable = done.stdout.split()
    assert (pending, usable) == ("0", "6")  # every record made; the 6 without errors
