"""The catalog while a library is edited: last good versions held back, checks across files
that agree with `briefing validate`, and an index of another format never misread."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from pathlib import Path

import msgspec
import pytest

from briefing.library import catalog as catalog_module
from briefing.library.bulk import validate_paths
from briefing.library.cache import LibraryCache
from briefing.library.catalog import BriefingMeta, Catalog, Records, record_paths
from briefing.library.reload import LIBRARY_CODES, LiveCatalog
from tests.conftest import FIXTURES


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two good briefings with their sources."""
    target = tmp_path / "library"
    shutil.copytree(FIXTURES / "good", target)
    shutil.copy(FIXTURES / "reader" / "river-treaty.yaml", target)
    shutil.copy(FIXTURES / "reader" / "sources" / "river-treaty.txt", target / "sources")
    return target


@pytest.fixture
def store(tmp_path: Path) -> LibraryCache:
    return LibraryCache(tmp_path / "cache")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def position(catalog: Catalog, name: str) -> int:
    return next(i for i, meta in enumerate(catalog.metas) if meta.name == name)


BREAK = ("  - id: southland\n", "  - id: southland\n  oops: [\n")


# --- the last good version -----------------------------------------------------------------------


def test_a_briefing_read_keeps_its_last_good_version_until_fixed(
    folder: Path, store: LibraryCache
) -> None:
    catalog = Catalog.open([folder], store)
    catalog.refresh(jobs=1)
    harbour = folder / "harbour-talks.yaml"
    at = position(catalog, "harbour-talks.yaml")
    good = catalog.result(at)
    assert good.ok

    edit(harbour, *BREAK)
    catalog.refresh(jobs=1)
    assert catalog.result(at) is good
    assert catalog.metas[at].ok and catalog.metas[at].title == "The Portville harbour talks"
    findings = catalog.held_back[str(harbour)]
    errors = [f for f in findings if f.is_error]
    assert errors and all(f.location is not None for f in errors)

    edit(harbour, "title: The Portville", "title: Fixed, the Portville")
    edit(harbour, *reversed(BREAK))
    catalog.refresh(jobs=1)
    assert not catalog.held_back
    assert catalog.result(at).briefing.title == "Fixed, the Portville harbour talks"


def test_the_last_good_version_outlives_the_briefings_kept_in_memory(
    folder: Path, store: LibraryCache
) -> None:
    catalog = Catalog.open([folder], store, keep=1)
    catalog.refresh(jobs=1)
    at = position(catalog, "harbour-talks.yaml")
    good = catalog.result(at)
    edit(folder / "harbour-talks.yaml", *BREAK)
    catalog.refresh(jobs=1)
    catalog.result(position(catalog, "river-treaty.yaml"))  # the only one kept now
    assert catalog.result(at).briefing is good.briefing
    # Saved, the index holds the good record with the old file's stamps: the next session
    # loads the file again, and shows it as it is.
    again = Catalog.open([folder], store)
    again.refresh(jobs=1)
    assert not again.held_back and not again.result(at).ok


def test_a_briefing_never_loaded_is_shown_as_it_is(folder: Path, store: LibraryCache) -> None:
    catalog = Catalog.open([folder], store)
    catalog.refresh(jobs=1)
    edit(folder / "harbour-talks.yaml", *BREAK)
    catalog.refresh(jobs=1)
    at = position(catalog, "harbour-talks.yaml")
    assert not catalog.held_back
    assert not catalog.metas[at].ok and not catalog.result(at).ok


def test_a_deleted_briefing_leaves_even_when_held_back(folder: Path, store: LibraryCache) -> None:
    catalog = Catalog.open([folder], store)
    catalog.refresh(jobs=1)
    harbour = folder / "harbour-talks.yaml"
    catalog.result(position(catalog, harbour.name))
    edit(harbour, *BREAK)
    catalog.refresh(jobs=1)
    assert catalog.held_back
    harbour.unlink()
    catalog.refresh(jobs=1)
    assert not catalog.held_back
    assert [meta.name for meta in catalog.metas] == ["river-treaty.yaml"]


def test_live_catalog_reports_what_changed(folder: Path, store: LibraryCache) -> None:
    catalog = Catalog.open([folder], store)
    catalog.refresh(jobs=1)
    library = catalog.library()
    live = LiveCatalog(catalog, library)
    harbour = folder / "harbour-talks.yaml"
    library.entries[position(catalog, harbour.name)]  # being read
    edit(harbour, *BREAK)
    reload = live.apply([harbour])
    assert reload is not None and reload.reloaded == (harbour,)
    assert set(reload.stale) == {harbour} and reload.stale[harbour].errors
    edit(harbour, *reversed(BREAK))
    reload = live.apply([harbour])
    assert reload is not None and reload.recovered == (harbour,) and not reload.stale

    copy = folder / "copy.yaml"
    copy.write_text(
        harbour.read_text(encoding="utf-8").replace("id: harbour-talks", "id: copy"),
        encoding="utf-8",
    )
    reload = live.apply([copy])
    assert reload is not None and reload.added == (copy,) and not reload.reloaded
    copy.unlink()
    reload = live.apply([copy])
    assert reload is not None and reload.removed == (copy,)


def test_refreshes_from_two_threads_take_turns(
    folder: Path, store: LibraryCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The reader's first refresh and a live reload's can start together: one waits.
    catalog = Catalog.open([folder], store)
    inside, most = 0, 0
    real = catalog_module.discover

    def slow_discover(roots):
        nonlocal inside, most
        inside += 1
        most = max(most, inside)
        time.sleep(0.05)
        inside -= 1
        return real(roots)

    monkeypatch.setattr(catalog_module, "discover", slow_discover)
    threads = [threading.Thread(target=catalog.refresh, kwargs={"jobs": 1}) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 1
    assert catalog.complete and [m.title for m in catalog.metas] == [
        "The Portville harbour talks",
        "The Silver River treaty",
    ]


# --- checks across files --------------------------------------------------------------------------


@pytest.fixture
def clashing(folder: Path) -> Path:
    """A party named two ways in two files, and one briefing id used twice."""
    harbour = (folder / "harbour-talks.yaml").read_text(encoding="utf-8")
    renamed = harbour.replace("id: harbour-talks", "id: harbour-later").replace(
        "    name: Northland\n", "    name: The Northland Republic\n"
    )
    assert renamed != harbour.replace("id: harbour-talks", "id: harbour-later")
    (folder / "harbour-later.yaml").write_text(renamed, encoding="utf-8")
    river = (folder / "river-treaty.yaml").read_text(encoding="utf-8")
    (folder / "twin.yaml").write_text(river, encoding="utf-8")
    return folder


def across(findings) -> list:
    return [f for f in findings if f.code in LIBRARY_CODES]


def test_the_catalog_and_validate_agree_across_files(clashing: Path, store: LibraryCache) -> None:
    expected = across(validate_paths([clashing], None, jobs=1).findings)
    assert {f.code for f in expected} == {"party-name-differs", "duplicate-briefing-id"}

    catalog = Catalog.open([clashing], store)
    catalog.refresh(jobs=1)
    assert list(catalog.across_findings()) == expected
    # Each briefing carries its own, as validate reports it; a shared id makes both unusable.
    for at, meta in enumerate(catalog.metas):
        result = catalog.result(at)
        assert across(result.findings) == [f for f in expected if str(f.file) == meta.path]
        twin = meta.name in ("twin.yaml", "river-treaty.yaml")
        assert (result.briefing is None) is twin

    # A warm catalog, opened from its index, agrees too once it has checked its files.
    warm = Catalog.open([clashing], store)
    assert warm.warm
    warm.refresh(jobs=1)
    assert list(warm.across_findings()) == expected


def test_a_clash_that_is_fixed_goes(clashing: Path, store: LibraryCache) -> None:
    catalog = Catalog.open([clashing], store)
    catalog.refresh(jobs=1)
    later = position(catalog, "harbour-later.yaml")
    assert "party-name-differs" in {f.code for f in catalog.result(later).findings}
    edit(clashing / "harbour-later.yaml", "The Northland Republic", "Northland")
    (clashing / "twin.yaml").unlink()
    catalog.refresh(jobs=1)
    assert not catalog.across_findings()
    assert not across(catalog.result(position(catalog, "harbour-later.yaml")).findings)


# --- the index's format ---------------------------------------------------------------------------


class _OldMeta(msgspec.Struct, array_like=True):
    path: str
    id: str | None
    title: str | None
    as_of: str
    status: str
    tags: list[str]
    counts: list[int]
    errors: int
    warnings: int
    dependencies: msgspec.Raw
    pending: bool


def test_rows_of_another_form_of_record_are_rebuilt(clashing: Path, store: LibraryCache) -> None:
    catalog = Catalog.open([clashing], store)
    catalog.refresh(jobs=1)
    # As a catalog of an earlier form of record left them.
    with sqlite3.connect(catalog.database_path) as database:
        database.execute("UPDATE settings SET value = 'an earlier form' WHERE key = 'fingerprint'")
    reopened = Catalog.open([clashing], store)
    assert not reopened.warm
    assert all(meta.pending for meta in reopened.metas)
    reopened.refresh(jobs=1)
    assert reopened.across_findings() == catalog.across_findings()
    assert Catalog.open([clashing], store).warm


def test_a_briefing_read_while_the_catalog_was_indexed_keeps_its_last_good_version(
    folder: Path, store: LibraryCache
) -> None:
    catalog = Catalog.open([folder], store)  # cold: every record pending
    at = position(catalog, "harbour-talks.yaml")
    shown = catalog.result(at)  # the reader's first screen, before the first refresh
    assert catalog.metas[at].pending and shown.ok
    catalog.refresh(jobs=1)
    edit(folder / "sources" / "harbour-talks.txt", "frank and useful", "frank")
    catalog.refresh(jobs=1)
    assert catalog.result(at).briefing is shown.briefing
    assert catalog.held_back and catalog.metas[at].ok


# --- records decoded when first read -------------------------------------------------------------


def undecoded(catalog: Catalog) -> int:
    records = catalog.metas
    assert isinstance(records, Records)
    return sum(not isinstance(item, BriefingMeta) for item in records._items)


def test_a_saved_index_is_opened_without_decoding_its_records(
    clashing: Path, store: LibraryCache
) -> None:
    Catalog.open([clashing], store).refresh(jobs=1)
    catalog = Catalog.open([clashing], store)
    assert catalog.warm and undecoded(catalog) == 4
    # The files are listed, and the ids used twice known, from the index alone.
    names = ["harbour-later.yaml", "harbour-talks.yaml", "river-treaty.yaml", "twin.yaml"]
    assert [Path(path).name for path in record_paths(catalog.metas)] == names
    assert undecoded(catalog) == 4
    # A record read is decoded once: every reader, from any thread, gets the same one.
    twin = names.index("twin.yaml")
    first = catalog.metas[twin]
    assert undecoded(catalog) == 3
    seen: list[BriefingMeta] = []
    threads = [threading.Thread(target=lambda: seen.append(catalog.metas[twin])) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(meta is first for meta in seen)
    # The shared id makes the briefing unusable before any refresh.
    result = catalog.result(twin)
    assert result.briefing is None
    assert "duplicate-briefing-id" in {f.code for f in result.findings}
    # Going through all of them decodes the rest, each as it was saved.
    assert [meta.name for meta in catalog.metas] == names
    assert undecoded(catalog) == 0
    assert catalog.metas[twin] is first


def set_record(catalog: Catalog, path: str, record: bytes) -> None:
    with sqlite3.connect(catalog.database_path) as database:
        database.execute("UPDATE files SET record = ? WHERE path = ?", (record, path))


@pytest.mark.parametrize(
    "record",
    [b"\x9c\x00", msgspec.msgpack.encode(["not", "a", "record"])],
    ids=["damaged", "not-a-record"],
)
def test_a_record_that_does_not_decode_is_loaded_again(
    folder: Path, store: LibraryCache, record: bytes
) -> None:
    catalog = Catalog.open([folder], store)
    catalog.refresh(jobs=1)
    paths = record_paths(catalog.metas)
    set_record(catalog, paths[-1], record)
    reopened = Catalog.open([folder], store)
    assert reopened.warm
    last = reopened.metas[-1]
    assert last.pending and last.path == paths[-1]
    assert all(meta.ok for meta in reopened.metas[:-1])
    reopened.refresh(jobs=1)
    assert reopened.metas[-1].ok and not reopened.metas[-1].pending


def test_records_are_replaced_not_added_or_removed(folder: Path, store: LibraryCache) -> None:
    Catalog.open([folder], store).refresh(jobs=1)
    records = Catalog.open([folder], store).metas
    assert isinstance(records, Records)
    replacement = catalog_module.pending_meta("elsewhere.yaml")
    records[1] = replacement
    assert records[1] is replacement and records.paths[1] == "elsewhere.yaml"
    before = list(records.paths)
    with pytest.raises(IndexError):
        records[len(records)] = replacement
    assert records.paths == before and records[0] is not replacement
    with pytest.raises(TypeError):
        records.append(replacement)
    with pytest.raises(TypeError):
        del records[0]


def test_a_catalog_made_from_a_relative_path_is_read_from_anywhere(
    folder: Path, store: LibraryCache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder.parent)
    Catalog.open([Path(folder.name)], store).refresh(jobs=1)  # `briefing library`
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    catalog = Catalog.open([folder], store)  # `briefing /path/to/library`, the same index
    assert catalog.warm
    assert all(Path(meta.path).is_file() for meta in catalog.metas)
    assert catalog.briefing(0) is not None
