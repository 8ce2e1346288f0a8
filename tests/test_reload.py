"""Reloading a library while it is read: what changed, and what the reader is shown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.library import load_library
from briefing.library.reload import LiveLibrary
from tests.conftest import FIXTURES


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A library directory with two good briefings and their sources."""
    target = tmp_path / "library"
    shutil.copytree(FIXTURES / "good", target)
    shutil.copy(FIXTURES / "reader" / "river-treaty.yaml", target)
    shutil.copy(FIXTURES / "reader" / "sources" / "river-treaty.txt", target / "sources")
    return target


def titles(live: LiveLibrary) -> list[str]:
    return [
        e.briefing.title if e.briefing else f"broken {e.path.name}" for e in live.library.entries
    ]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edited_briefing_is_loaded_again(folder: Path) -> None:
    live = LiveLibrary([folder])
    harbour = folder / "harbour-talks.yaml"
    edit(harbour, "title: The Portville harbour talks", "title: Harbour talks, day two")
    reload = live.apply([harbour])
    assert reload is not None
    assert reload.reloaded == (harbour,)
    assert "Harbour talks, day two" in titles(live)
    assert reload.stale == {}


def test_changes_that_do_not_matter_reload_nothing(folder: Path) -> None:
    live = LiveLibrary([folder])
    (folder / "notes.md").write_text("not a briefing", encoding="utf-8")
    assert live.apply([folder / "notes.md"]) is None


def test_an_invalid_edit_keeps_the_last_good_version_until_fixed(folder: Path) -> None:
    live = LiveLibrary([folder])
    harbour = folder / "harbour-talks.yaml"
    good_text = harbour.read_text(encoding="utf-8")
    edit(harbour, "  - id: southland\n", "  - id: southland\n    nonsense: [\n")
    reload = live.apply([harbour])
    assert reload is not None
    assert "The Portville harbour talks" in titles(live)
    stale = reload.stale[harbour]
    assert not stale.deleted
    assert stale.errors and all(error.location for error in stale.errors)

    harbour.write_text(good_text, encoding="utf-8")
    reload = live.apply([harbour])
    assert reload is not None
    assert reload.stale == {} and reload.recovered == (harbour,)


def test_a_briefing_that_was_never_good_is_shown_broken(folder: Path) -> None:
    live = LiveLibrary([folder])
    broken = folder / "new.yaml"
    broken.write_text("format: 1\nid: [\n", encoding="utf-8")
    reload = live.apply([broken])
    assert reload is not None and reload.added == (broken,)
    assert "broken new.yaml" in titles(live)
    assert reload.stale == {}


def test_new_and_deleted_files_join_and_leave(folder: Path) -> None:
    live = LiveLibrary([folder])
    river = folder / "river-treaty.yaml"
    copy = folder / "sub" / "copy.yaml"
    shutil.copytree(folder / "sources", copy.parent / "sources")
    copy.write_text(
        river.read_text(encoding="utf-8")
        .replace("id: river-treaty", "id: river-copy")
        .replace("title: ", "title: Copy of ", 1),
        encoding="utf-8",
    )
    reload = live.apply([copy])
    assert reload is not None and reload.added == (copy,)
    assert any(t.startswith("Copy of") for t in titles(live)), titles(live)
    river.unlink()
    reload = live.apply([river])
    assert reload is not None and reload.removed == (river,)
    assert len(live.library.entries) == 2


def test_a_changed_source_reloads_the_briefings_citing_it(folder: Path) -> None:
    live = LiveLibrary([folder])
    source = folder / "sources" / "harbour-talks.txt"
    harbour = folder / "harbour-talks.yaml"
    assert live.is_relevant(source)
    source.write_text("Nothing that the briefing quotes.\n", encoding="utf-8")
    reload = live.apply([source])
    assert reload is not None and reload.reloaded == (harbour,)
    # The citations no longer match: the last good version stays, with the errors beside it.
    assert "excerpt-not-found" in {f.code for f in reload.stale[harbour].errors}


def test_a_missing_source_that_appears_mends_the_briefing(folder: Path) -> None:
    source = folder / "sources" / "harbour-talks.txt"
    text = source.read_text(encoding="utf-8")
    source.unlink()
    live = LiveLibrary([folder])
    assert "broken harbour-talks.yaml" in titles(live)
    assert live.is_relevant(source)
    source.write_text(text, encoding="utf-8")
    reload = live.apply([source])
    assert reload is not None and reload.reloaded == (folder / "harbour-talks.yaml",)
    assert "The Portville harbour talks" in titles(live)


def test_a_named_file_that_disappears_keeps_its_last_version(folder: Path) -> None:
    harbour = folder / "harbour-talks.yaml"
    live = LiveLibrary([harbour])
    harbour.unlink()
    reload = live.apply([harbour])
    assert reload is not None
    assert titles(live) == ["The Portville harbour talks"]
    assert reload.stale[harbour].deleted
    assert reload.stale[harbour].findings == ()


def test_what_is_watched(folder: Path, tmp_path: Path) -> None:
    harbour = folder / "harbour-talks.yaml"
    trees, folders = LiveLibrary([folder]).watched()
    assert trees == (folder,) and folders == ()
    trees, folders = LiveLibrary([harbour]).watched()
    assert trees == ()
    assert set(folders) == {folder, folder / "sources"}


def test_a_duplicate_id_is_reported_once_after_reloads(folder: Path) -> None:
    twin = folder / "twin.yaml"
    shutil.copy(folder / "river-treaty.yaml", twin)
    edit(twin, "file: sources/", "file: sources/")
    live = LiveLibrary([folder], load_library([folder]))
    harbour = folder / "harbour-talks.yaml"
    for _ in range(2):
        edit(harbour, "status: developing", "status: developing")
        live.apply([harbour])
    for entry in live.library.entries:
        codes = [f.code for f in entry.findings if f.code == "duplicate-briefing-id"]
        assert len(codes) == (1 if entry.path.name in ("twin.yaml", "river-treaty.yaml") else 0)


def test_a_catalog_reloads_through_its_own_refresh(folder: Path, tmp_path: Path) -> None:
    from briefing.library.cache import LibraryCache
    from briefing.library.catalog import Catalog
    from briefing.library.reload import LiveCatalog

    catalog = Catalog.open([folder], LibraryCache(tmp_path / "cache"))
    catalog.refresh()
    library = catalog.library()
    live = LiveCatalog(catalog, library)
    assert live.watched() == ((folder,), ())
    harbour = folder / "harbour-talks.yaml"
    edit(harbour, "title: The Portville harbour talks", "title: Harbour talks, day two")
    reload = live.apply([harbour])
    assert reload is not None and reload.reloaded == (harbour,)
    titles = [e.briefing.title for e in library.entries if e.briefing]
    assert "Harbour talks, day two" in titles
    assert live.apply([folder / ".hidden.swp"]) is None
