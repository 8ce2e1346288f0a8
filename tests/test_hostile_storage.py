"""What the program stored is untrusted on the way back in, and what it reads may be hostile:

- text read back from the cache (an entry, a catalog's record, a search index) is neutralised
  as text read from YAML is, whoever wrote the cache folder;
- a state file, a settings file, a cache entry or a catalog nested thousands deep is a notice
  or a miss, never a RecursionError (a state file once stopped every launch);
- a source that is a briefing file lets no excerpt "verify"; a briefing file linking out of
  the library is not read.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from briefing.cli import main
from briefing.config import load_settings
from briefing.library import entries as cache_entry
from briefing.library import load_library
from briefing.library.cache import LibraryCache, build_entry, seal, write_atomically
from briefing.library.catalog import Catalog
from briefing.loader import load_briefing
from briefing.search import SearchIndex
from briefing.state import StateStore

from .conftest import FIXTURES
from .hostile import hostile
from .test_hostile import unsafe_in

TITLE = hostile("harbour")
DEEP_JSON = b'{"version": 1, "briefings": {"x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"
DEEP_MSGPACK = b"\x91" * 200_000 + b"\xc0"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "library"
    shutil.copytree(FIXTURES / "good", target)
    return target


def tampered_entry(path: Path, cache: LibraryCache) -> None:
    """A fresh cache entry for a good briefing whose texts carry escape sequences."""
    _, data = build_entry(path, None)
    entry = cache_entry.decode_entry(data)
    assert entry is not None and entry.briefing is not None
    entry.briefing.title = TITLE
    entry.briefing.parties[0].name = TITLE
    entry.briefing.positions[0].stance = TITLE
    warning = cache_entry._Finding(False, "x", TITLE, None, 1, 1, TITLE, TITLE, None, None)
    entry.findings.append(warning)
    raw = msgspec.msgpack.encode(entry)
    assert write_atomically(cache.entry_path(path), seal(raw))


# --- text read back from the cache -----------------------------------------------------------


def test_a_tampered_cache_entry_is_shown_neutralised(folder: Path, tmp_path: Path) -> None:
    cache = LibraryCache(tmp_path / "cache")
    path = folder / "harbour-talks.yaml"
    tampered_entry(path, cache)
    result = cache.get(path)
    assert result is not None and result.briefing is not None  # the entry was used
    shown = [result.briefing.title, result.briefing.parties[0].name]
    shown += [result.briefing.positions[0].stance, *(f.message for f in result.findings)]
    assert all(unsafe_in(text) == [] for text in shown), shown
    # And through the catalog, as the reader and `search` read a folder.
    catalog = Catalog.open([folder], cache)
    catalog.refresh(jobs=1)
    assert catalog.metas[0].title is not None and unsafe_in(catalog.metas[0].title) == []
    again = Catalog.open([folder], cache)  # the records, read back from the catalog's file
    assert again.warm and unsafe_in(again.metas[0].title or "") == []
    hits = again.search_index().search("harbour", 50)
    assert hits and all(
        unsafe_in(hit.briefing_title) == [] and unsafe_in(hit.snippet.text) == [] for hit in hits
    )


def test_commands_through_a_tampered_cache_write_no_control(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    tampered_entry(folder / "harbour-talks.yaml", LibraryCache(tmp_path / "cache"))
    for command in (["validate", str(folder)], ["search", "harbour", "--library", str(folder)]):
        main(command)
        out, err = capsys.readouterr()
        assert unsafe_in(out) == [] and unsafe_in(err) == [], command


def test_a_search_index_read_back_is_neutralised() -> None:
    import dataclasses

    briefing = load_briefing(FIXTURES / "good" / "harbour-talks.yaml").briefing
    assert briefing is not None
    index = SearchIndex()
    index.add(dataclasses.replace(briefing, title=TITLE, summary=TITLE))
    hits = SearchIndex.from_bytes(index.to_bytes()).search("harbour", 50)
    assert hits and all(unsafe_in(h.briefing_title + h.snippet.text) == [] for h in hits)


# --- nested thousands deep -------------------------------------------------------------------


def test_a_deeply_nested_state_file_is_moved_aside_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(DEEP_JSON)
    store, notices = StateStore.open(path)
    assert any("nested too deeply" in notice for notice in notices), notices
    assert any(p.name.startswith("state.json.broken-") for p in tmp_path.iterdir())
    store.toggle_bookmark("x", "a")
    _, notices = StateStore.open(path)  # the next launch: a good file again
    assert notices == ()


def test_the_reader_starts_with_a_deeply_nested_state_file(tmp_path: Path) -> None:
    """As a person launches it: `briefing` in a terminal, the state file nested 100,000 deep."""
    from tests.tui.terminal import BRIEFING, TMUX, Terminal, wait_for_file

    if TMUX is None or not BRIEFING.exists():
        pytest.skip("needs tmux and `briefing`")
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "state.json").write_bytes(DEEP_JSON)
    status = tmp_path / "status"
    terminal = Terminal(f"briefing-deep-{os.getpid()}")
    terminal.start(
        f"BRIEFING_STATE_DIR={tmp_path / 'state'} {BRIEFING} --library {FIXTURES / 'good'}"
        f"; echo $? > {status}; sleep 30",
        120,
        36,
    )
    try:
        screen = terminal.wait_for(lambda s: "nested too deeply" in s.replace("\n", " "))
        assert "Portville harbour talks" in screen
        terminal.keys("q")
        assert wait_for_file(status) == "0"
    finally:
        terminal.close()


def test_a_deeply_nested_settings_file_gives_the_defaults_and_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\nx = ' + "[" * 100_000 + "]" * 100_000 + "\n")
    settings, notices = load_settings(path)
    assert settings.theme is None
    assert [n for n in notices if "too deeply" in n.message]


def test_a_deeply_nested_cache_entry_is_a_miss(folder: Path, tmp_path: Path) -> None:
    cache = LibraryCache(tmp_path / "cache")
    path = folder / "harbour-talks.yaml"
    _, data = build_entry(path, None)
    nested = bytes([data[0] + 1]) + data[1:] + DEEP_MSGPACK  # one more field, nested deep
    assert write_atomically(cache.entry_path(path), seal(nested))
    assert cache.get(path) is None
    assert cache.load(path).briefing is not None
    library = load_library([folder], cache=cache)
    assert [b.id for b in library.briefings] == ["harbour-talks"]


def test_a_deeply_nested_catalog_record_is_loaded_again(folder: Path, tmp_path: Path) -> None:
    cache = LibraryCache(tmp_path / "cache")
    catalog = Catalog.open([folder], cache)
    catalog.refresh(jobs=1)
    path = catalog.metas[0].path
    nested = b"\x9d" + DEEP_MSGPACK  # a record of one more field, nested deep
    with sqlite3.connect(catalog.database_path) as database:
        database.execute("UPDATE files SET record = ? WHERE path = ?", (nested, path))
    again = Catalog.open([folder], cache)
    assert again.warm and again.metas[0].pending
    again.refresh(jobs=1)
    assert [meta.id for meta in again.metas] == ["harbour-talks"]


# --- what a briefing's files point at ----------------------------------------------------------


def test_a_source_that_is_a_briefing_file_verifies_nothing(folder: Path) -> None:
    path = folder / "harbour-talks.yaml"
    text = path.read_text(encoding="utf-8")
    assert "file: sources/harbour-talks.txt" in text
    path.write_text(text.replace("file: sources/harbour-talks.txt", "file: harbour-talks.yaml"))
    result = load_briefing(path)
    assert result.briefing is None
    assert "source-is-briefing" in [f.code for f in result.errors]
    (folder / "other.yaml").write_text("id: x\n", encoding="utf-8")
    path.write_text(text.replace("file: sources/harbour-talks.txt", "file: other.yaml"))
    assert "source-is-briefing" in [f.code for f in load_briefing(path).errors]


def test_a_briefing_linking_out_of_the_library_is_not_read(folder: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: [the secret line\n", encoding="utf-8")
    (folder / "link.yaml").symlink_to(secret)
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "validate", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "the secret line" not in done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert [f["code"] for f in report["other"]] == ["link-outside"]
    assert [Path(f["file"]).name for f in report["files"]] == ["harbour-talks.yaml"]
    # A link within the library is read as before.
    (folder / "link.yaml").unlink()
    (folder / "inside.yml").symlink_to(folder / "harbour-talks.yaml")
    assert len(load_library([folder]).entries) == 2
