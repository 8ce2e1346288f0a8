"""The catalog in SQLite: an edit rewrites its rows only, readers never see half a save, the
search index grows by changes and is compacted, and memory serves where no file can be kept."""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefing.library.cache import LibraryCache
from briefing.library.catalog import Catalog
from briefing.library.catalog_store import COMPACT_AFTER

from .conftest import REPO

BENCH = REPO / "bench" / "generate_library.py"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Forty generated briefings: enough rows that one stands out."""
    spec = importlib.util.spec_from_file_location("generate_library", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("generated") / "library"
    module.generate(folder, 40, seed=5, jobs=1)
    return folder


@pytest.fixture
def library(generated: Path, tmp_path: Path) -> Path:
    import shutil

    copy = tmp_path / "library"
    shutil.copytree(generated, copy)
    return copy


def rows(catalog: Catalog) -> dict[str, tuple]:
    with sqlite3.connect(catalog.database_path) as database:
        return {
            path: (position, briefing_id, record)
            for path, position, briefing_id, record in database.execute(
                "SELECT path, position, briefing_id, record FROM files"
            )
        }


def count(catalog: Catalog, table: str) -> int:
    with sqlite3.connect(catalog.database_path) as database:
        return database.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def retitle(path: Path, title: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[at] = f"title: {title}"
    path.write_text("\n".join(lines), encoding="utf-8")


def written_bytes(catalog: Catalog) -> int:
    """What the database's files hold: the main file and its write-ahead log."""
    path = catalog.database_path
    return sum(
        os.path.getsize(f"{path}{suffix}")
        for suffix in ("", "-wal")
        if os.path.exists(f"{path}{suffix}")
    )


def test_an_edit_rewrites_its_own_row_and_adds_one_search_change(
    library: Path, tmp_path: Path
) -> None:
    store = LibraryCache(tmp_path / "cache")
    catalog = Catalog.open([library], store)
    catalog.refresh(jobs=1)
    catalog.search_index()
    before, changes = rows(catalog), count(catalog, "search_changes")
    size = written_bytes(catalog)
    edited = sorted(library.glob("*.yaml"))[7]
    retitle(edited, "A new title for one briefing")
    catalog.refresh(jobs=1)
    after = rows(catalog)
    differ = {path for path in after if after[path] != before[path]}
    assert differ == {str(edited)}
    assert count(catalog, "search_changes") == changes + 1
    # What the edit wrote: its row and the change to the search index (well under 100 KB).
    assert written_bytes(catalog) - size < 100_000
    best = catalog.search_index().search("new title one", 3)[0]
    assert best.briefing_title == "A new title for one briefing"
    reopened = Catalog.open([library], store)
    assert reopened.search_index().search("new title one", 3)[0].item_id == ""


def test_search_changes_are_compacted_into_a_new_base(library: Path, tmp_path: Path) -> None:
    store = LibraryCache(tmp_path / "cache")
    catalog = Catalog.open([library], store)
    catalog.refresh(jobs=1)
    catalog.search_index()
    files = sorted(library.glob("*.yaml"))
    for number in range(COMPACT_AFTER + 1):
        retitle(files[number % len(files)], f"Edit number {number} zyxwv")
        catalog.refresh(jobs=1)
    assert count(catalog, "search_changes") <= COMPACT_AFTER
    assert count(catalog, "search_base") == 1
    hits = Catalog.open([library], store).search_index().search("zyxwv", 50)
    last = {
        f"Edit number {n} zyxwv" for n in range(COMPACT_AFTER + 1 - len(files), COMPACT_AFTER + 1)
    }
    assert {hit.briefing_title for hit in hits} == last


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from briefing.library.cache import LibraryCache
    from briefing.library.catalog import Catalog

    library, cache, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    files = sorted(library.glob("*.yaml"))[:2]
    catalog = Catalog.open([library], LibraryCache(cache))
    for number in range(rounds):
        for path in files:  # two files per round, saved in one refresh
            lines = path.read_text().split("\\n")
            at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
            lines[at] = f"title: Round {number}"
            path.write_text("\\n".join(lines))
        catalog.refresh(jobs=1)
    """
)


def test_a_reader_never_sees_half_a_save(library: Path, tmp_path: Path) -> None:
    store = LibraryCache(tmp_path / "cache")
    Catalog.open([library], store).refresh(jobs=1)
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    writer = subprocess.Popen(
        [sys.executable, str(script), str(library), str(store.directory), "25"],
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    seen = 0
    try:
        while writer.poll() is None:
            catalog = Catalog.open([library], store)
            assert catalog.warm and len(catalog) == 40
            first, second = catalog.metas[0].title, catalog.metas[1].title
            # Both files are written by one save: a reader has both or neither.
            if first.startswith("Round") or second.startswith("Round"):
                assert first == second, (first, second)
                seen += 1
            catalog.store.close()
    finally:
        writer.wait(timeout=120)
    assert writer.returncode == 0
    assert seen > 0


def test_without_a_cache_to_write_the_catalog_is_kept_in_memory(
    library: Path, tmp_path: Path
) -> None:
    catalog = Catalog.open([library], LibraryCache(tmp_path / "cache", write=False))
    assert catalog.store is not None and catalog.store.path is None
    catalog.refresh(jobs=1)
    assert len(catalog) == 40 and all(meta.ok for meta in catalog.metas)
    assert catalog.search_index().search("talks", 5)
    assert not (tmp_path / "cache").exists()


def test_a_cache_folder_that_cannot_be_written_is_said_and_memory_serves(
    library: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    catalog = Catalog.open([library], LibraryCache(blocker))
    assert catalog.store is not None and catalog.store.path is None
    assert any("kept in memory" in notice for notice in catalog.notices)
    catalog.refresh(jobs=1)
    assert len(catalog) == 40
