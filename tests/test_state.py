"""Reading state: saved, merged between readers, never half-written, never a crash."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import random
import time
from pathlib import Path

import pytest

from briefing import state as state_module
from briefing.model import Section
from briefing.state import STATE_VERSION, ReadingState, StateStore

# fork: the child inherits the imported modules, so starting one costs milliseconds.
FORK = multiprocessing.get_context("fork")


def open_store(path: Path) -> StateStore:
    store, notices = StateStore.open(path)
    assert notices == ()
    return store


def on_disk(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def temp_files(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.endswith(".tmp")]


# --- round trips ---------------------------------------------------------------------------------


def test_a_fresh_store_has_nothing_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "state" / "state.json"
    store = open_store(path)
    assert store.briefing("harbour-talks") == ReadingState()
    assert store.theme is None
    assert store.flush()
    assert not path.parent.exists()


def test_everything_saved_comes_back(tmp_path: Path) -> None:
    path = tmp_path / "state" / "state.json"
    store = open_store(path)
    store.mark_read("harbour-talks", "pos-a")
    store.mark_read("harbour-talks", "q-b")
    store.remember_place("harbour-talks", Section.QUESTIONS, "q-b")
    assert store.toggle_bookmark("harbour-talks", "q-b") is True
    assert store.toggle_bookmark("harbour-talks", "pos-a") is True
    store.set_theme("gruvbox")
    store.remember_place("other", Section.OVERVIEW, None)
    assert store.flush()

    again = open_store(path).briefing("harbour-talks")
    assert again == ReadingState(
        section=Section.QUESTIONS,
        item="q-b",
        read=frozenset({"pos-a", "q-b"}),
        bookmarks=("q-b", "pos-a"),
    )
    assert open_store(path).theme == "gruvbox"
    other = open_store(path).briefing("other")
    assert (other.section, other.item) == (Section.OVERVIEW, None)
    assert on_disk(path)["version"] == STATE_VERSION


def test_toggling_a_bookmark_twice_removes_it_and_keeps_the_order_of_the_rest(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.json"
    store = open_store(path)
    for item in ("a", "b", "c"):
        store.toggle_bookmark("x", item)
    assert store.toggle_bookmark("x", "b") is False
    assert open_store(path).briefing("x").bookmarks == ("a", "c")


def test_the_view_counts_unread_items(tmp_path: Path) -> None:
    store = open_store(tmp_path / "state.json")
    store.mark_read("x", "a")
    view = store.briefing("x")
    assert view.is_read("a") and not view.is_read("b")
    assert view.unread(["a", "b", "c"]) == 2


def test_selections_are_queued_and_deliberate_acts_saved_at_once(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    store = open_store(path)
    store.mark_read("x", "a")
    store.remember_place("x", Section.QUOTES, "a")
    assert store.pending and not path.exists()
    assert store.briefing("x").is_read("a")  # seen at once by this reader

    store.toggle_bookmark("x", "b")  # saves the queued changes with it
    assert not store.pending
    assert on_disk(path)["briefings"]["x"]["read"] == ["a"]

    store.mark_read("x", "c")
    assert on_disk(path)["briefings"]["x"]["read"] == ["a"]
    store.flush()
    assert on_disk(path)["briefings"]["x"]["read"] == ["a", "c"]


def test_repeating_what_is_already_saved_queues_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path / "state.json")
    store.mark_read("x", "a")
    store.remember_place("x", Section.QUOTES, "a")
    store.flush()
    store.mark_read("x", "a")
    store.remember_place("x", Section.QUOTES, "a")
    assert not store.pending


def test_a_section_this_version_does_not_know_is_no_place(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(
        json.dumps(
            {
                "version": 1,
                "briefings": {"x": {"place": {"section": "maps", "item": "m"}, "read": ["a"]}},
            }
        )
    )
    view = open_store(path).briefing("x")
    assert (view.section, view.item, view.read) == (None, None, frozenset({"a"}))


def test_without_state_nothing_touches_the_disk(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    store, notices = StateStore.open(None)
    assert notices == () and store.path is None
    store.mark_read("x", "a")
    assert store.toggle_bookmark("x", "a") is True
    store.set_theme("nord")
    assert store.flush() and not store.pending
    assert store.briefing("x").bookmarks == ("a",) and store.theme == "nord"
    assert StateStore.in_memory().briefing("x") == ReadingState()
    assert list(tmp_path.iterdir()) == []


# --- two readers ---------------------------------------------------------------------------------


def test_two_stores_merge_instead_of_overwriting(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    first, second = open_store(path), open_store(path)
    first.mark_read("x", "a")
    first.toggle_bookmark("x", "a")
    second.mark_read("x", "b")
    second.toggle_bookmark("x", "b")
    second.set_theme("nord")
    # The second reader's save re-reads the file: the first reader's changes survive it.
    assert on_disk(path)["briefings"]["x"] == {"read": ["a", "b"], "bookmarks": ["a", "b"]}
    # And each reader sees the other's work after its next save.
    first.mark_read("x", "c")
    first.flush()
    assert first.briefing("x").bookmarks == ("a", "b") and first.theme == "nord"
    assert first.briefing("x").read == {"a", "b", "c"}


def _mark_many(path: Path, prefix: str, count: int, start: multiprocessing.Barrier) -> None:
    store, _ = StateStore.open(path)
    start.wait()
    for index in range(count):
        store.mark_read("x", f"{prefix}{index}")
        if index % 5 == 0:
            store.toggle_bookmark("x", f"{prefix}{index}")
        else:
            store.flush()
    assert not store.pending and not store.take_notices()


def test_two_processes_saving_at_once_lose_no_update(tmp_path: Path) -> None:
    path, count = tmp_path / "state.json", 100
    start = FORK.Barrier(2)
    writers = [
        FORK.Process(target=_mark_many, args=(path, prefix, count, start)) for prefix in "ab"
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=30)
        assert writer.exitcode == 0
    saved = open_store(path).briefing("x")
    expected = {f"{prefix}{index}" for prefix in "ab" for index in range(count)}
    assert saved.read == expected
    assert set(saved.bookmarks) == {i for i in expected if int(i[1:]) % 5 == 0}


# --- killed mid-save -----------------------------------------------------------------------------

# About 200 KB of state in few, long strings: writing it takes a few milliseconds, while
# decoding and encoding it stay cheap, so most of a save is spent writing.
BRIEFINGS = 300
PADDING = "x" * 600


def _place_of(generation: int) -> str:
    return f"g{generation}-{PADDING}"


def _save_forever(path: Path, generation: int) -> None:
    store, _ = StateStore.open(path)
    while True:
        generation += 1
        for index in range(BRIEFINGS):
            store.remember_place(f"b{index}", Section.QUOTES, _place_of(generation))
        store.set_theme(f"g{generation}")  # saves the places with it, in one write


def _generation(store: StateStore) -> int:
    """The generation of a whole save; fails on any mixture of two."""
    assert store.theme is not None
    generation = int(store.theme[1:])
    for index in range(BRIEFINGS):
        assert store.briefing(f"b{index}").item == _place_of(generation)
    return generation


def test_a_save_killed_at_any_moment_leaves_the_old_state_or_the_new(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    seed = random.Random(8)
    store = open_store(path)
    for index in range(BRIEFINGS):
        store.remember_place(f"b{index}", Section.QUOTES, _place_of(0))
    store.set_theme("g0")
    size = path.stat().st_size
    assert size > 100_000

    last, kills, mid_write, started = 0, 80, 0, time.monotonic()
    for kill in range(kills):
        writer = FORK.Process(target=_save_forever, args=(path, last))
        writer.start()
        if kill % 2:
            # At any moment of the writer's life: opening, changing, encoding, writing.
            time.sleep(seed.uniform(0.0, 0.08))
        else:
            # Aimed: a write takes a few milliseconds of a save's tens, so wait for one to
            # begin (its temporary file appears) and kill it somewhere inside.
            deadline = time.monotonic() + 5
            while not temp_files(tmp_path) and time.monotonic() < deadline:
                pass
            time.sleep(seed.uniform(0.0, 0.0015))
        writer.kill()
        writer.join()
        mid_write += bool(temp_files(tmp_path))

        store, notices = StateStore.open(path)
        assert notices == ()
        generation = _generation(store)
        assert generation >= last
        last = generation
        # What a killed save left behind is cleared on opening, under the lock.
        assert temp_files(tmp_path) == []
    # The kills did land in the middle of saves, and the writers did make progress.
    assert mid_write >= kills // 10, mid_write
    assert last > 0
    assert time.monotonic() - started < 30


# --- broken files --------------------------------------------------------------------------------

BROKEN = {
    "empty": b"",
    "blank": b"  \n",
    "truncated": b'{"version": 1, "briefings": {"x": {"read": ["a", "b',
    "not-json": b"theme = 'nord'\n",
    "binary": bytes(range(256)),
    "a-list": b"[1, 2, 3]",
    "no-version": b'{"briefings": {}}',
    "foreign-fields": b'{"version": 1, "windows": [1, 2]}',
    "wrong-types": b'{"version": 1, "briefings": {"x": {"read": "a"}}}',
    "newer-version": b'{"version": 2, "briefings": {}, "sync": true}',
    "version-zero": b'{"version": 0}',
}


@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_file_is_moved_aside_with_a_notice(tmp_path: Path, name: str) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(BROKEN[name])
    store, notices = StateStore.open(path)
    (notice,) = notices
    asides = list(tmp_path.glob("state.json.broken-*"))
    assert len(asides) == 1
    assert asides[0].read_bytes() == BROKEN[name]  # kept as it was, for the curious
    assert str(asides[0]) in notice and "starts afresh" in notice
    assert not path.exists()
    assert store.briefing("x") == ReadingState()

    store.toggle_bookmark("x", "a")
    assert open_store(path).briefing("x").bookmarks == ("a",)


def test_a_newer_version_is_named_in_the_notice(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(BROKEN["newer-version"])
    (notice,) = StateStore.open(path)[1]
    assert "newer version" in notice


def test_a_fifo_in_the_files_place_neither_hangs_nor_crashes(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    os.mkfifo(path)
    store, (notice,) = StateStore.open(path)
    assert "not a regular file" in notice
    store.toggle_bookmark("x", "a")
    assert on_disk(path)["briefings"]["x"]["bookmarks"] == ["a"]


def test_two_broken_files_in_one_second_are_both_kept(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    for content in (b"", b"{"):
        path.write_bytes(content)
        StateStore.open(path)
    assert sorted(p.read_bytes() for p in tmp_path.glob("state.json.broken-*")) == [b"", b"{"]


def test_a_file_broken_by_someone_else_while_open_is_moved_aside_at_the_next_save(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.json"
    store = open_store(path)
    store.toggle_bookmark("x", "a")
    path.write_bytes(b"\0\0\0")
    store.toggle_bookmark("x", "b")
    (notice,) = store.take_notices()
    assert "moved to" in notice
    assert on_disk(path)["briefings"]["x"]["bookmarks"] == ["a", "b"]


def test_an_unreadable_file_is_neither_used_nor_overwritten(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(b'{"version": 1}')

    def refuse(_: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(state_module, "_read_bytes", refuse)
    store, (notice,) = StateStore.open(path)
    assert "permission denied" in notice and "will not be saved" in notice
    store.toggle_bookmark("x", "a")
    assert store.briefing("x").bookmarks == ("a",)
    assert not store.flush()
    assert path.read_bytes() == b'{"version": 1}'


def test_leftovers_of_a_killed_save_are_removed_on_opening(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    open_store(path).toggle_bookmark("x", "a")
    (tmp_path / ".state.json.k1l2.tmp").write_bytes(b'{"version": 1, "bri')
    (tmp_path / "unrelated.tmp").write_bytes(b"keep me")
    assert open_store(path).briefing("x").bookmarks == ("a",)
    assert temp_files(tmp_path) == ["unrelated.tmp"]


# --- disks that refuse ---------------------------------------------------------------------------


def _failing(error_number: int):
    def fail(*args, **kwargs):
        raise OSError(error_number, os.strerror(error_number))

    return fail


@pytest.mark.parametrize(
    ("target", "error_number", "words"),
    [
        ("write", errno.ENOSPC, "the disk is full"),
        ("replace", errno.EROFS, "read-only"),
        ("fsync", errno.EIO, os.strerror(errno.EIO)),
    ],
)
def test_a_disk_that_refuses_gives_one_notice_and_loses_nothing(
    tmp_path: Path, monkeypatch, target: str, error_number: int, words: str
) -> None:
    path = tmp_path / "state.json"
    store = open_store(path)
    store.toggle_bookmark("x", "a")
    before = path.read_bytes()

    with monkeypatch.context() as patch:
        patch.setattr(os, target, _failing(error_number))
        assert store.toggle_bookmark("x", "b") is True
        store.mark_read("x", "b")
        assert not store.flush()
        assert store.pending
    (notice,) = store.take_notices()  # said once, not at every attempt
    assert words in notice and str(path) in notice
    assert path.read_bytes() == before  # the old state, whole
    assert temp_files(tmp_path) == []
    assert store.briefing("x").bookmarks == ("a", "b")  # the reader works on in memory

    assert store.flush()  # the disk is back: nothing was lost
    saved = open_store(path).briefing("x")
    assert saved.bookmarks == ("a", "b") and saved.read == {"b"}


def test_a_directory_that_cannot_be_created_gives_a_notice(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    store = open_store(blocker / "state" / "state.json")
    store.set_theme("nord")
    (notice,) = store.take_notices()
    assert "cannot be saved" in notice
    assert store.theme == "nord"


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not bind root")
def test_a_read_only_directory_gives_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    open_store(path).toggle_bookmark("x", "a")
    tmp_path.chmod(0o500)
    try:
        store = open_store(path)
        store.toggle_bookmark("x", "b")
        (notice,) = store.take_notices()
        assert "permission denied" in notice
    finally:
        tmp_path.chmod(0o700)
    assert open_store(path).briefing("x").bookmarks == ("a",)


def test_a_lock_held_too_long_gives_a_notice_not_a_hang(tmp_path: Path, monkeypatch) -> None:
    import fcntl

    path = tmp_path / "state.json"
    monkeypatch.setattr(state_module, "LOCK_TIMEOUT", 0.05)
    holder = os.open(tmp_path / "state.json.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)
        store = open_store(path)
        # flock locks belong to the open file description: this one is a second description.
        store.set_theme("nord")
        (notice,) = store.take_notices()
        assert "lock" in notice
    finally:
        os.close(holder)
    assert store.flush()
    assert open_store(path).theme == "nord"


def test_a_save_in_the_background_keeps_what_changes_meanwhile(tmp_path: Path) -> None:
    """While the store's thread waits for another reader's lock, the reader goes on changing
    the state; once the lock is free, the first save and the later changes all reach the file."""
    import fcntl
    import threading
    import time

    path = tmp_path / "state.json"
    holder = os.open(tmp_path / "state.json.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(holder, fcntl.LOCK_EX)
    store = open_store(path)
    store.in_background = True
    started = time.monotonic()
    store.toggle_bookmark("x", "a")  # saved in the store's thread, which waits
    store.mark_read("x", "b")
    store.remember_place("x", Section.FIGURES, "c")
    store.save_soon()
    assert time.monotonic() - started < 0.2  # nobody waited
    assert store.briefing("x").bookmarks == ("a",) and store.briefing("x").is_read("b")
    threading.Timer(0.3, os.close, [holder]).start()  # the other reader lets go
    deadline = time.monotonic() + 10
    while store.pending and time.monotonic() < deadline:
        time.sleep(0.05)
    store.flush()
    again = open_store(path).briefing("x")
    assert again.bookmarks == ("a",) and again.is_read("b")
    assert (again.section, again.item) == (Section.FIGURES, "c")
