"""Reading state: where the reader was in each briefing, what was read, bookmarks, the theme.

One small versioned JSON file. Nothing the reader saved may be lost or half-written, even with two
readers open at once or the power cut mid-save, so:

- a save is a read-modify-write under an inter-process lock: the file is re-read under the lock
  and this process's changes are applied to what is there, so another reader's changes survive;
- the file is replaced atomically (a temporary file in the same directory, fsync, rename, fsync
  of the directory), so it is always either the old state or the new one;
- a file that cannot be understood (empty, truncated, not JSON, another program's, a newer
  version's) is moved aside, never overwritten, and the reader starts afresh with a notice;
- a read-only or full disk is a notice, never an exception: the reader works on, in memory.

Changes are cheap, in-memory operations; `flush` writes them. `toggle_bookmark` and `set_theme`
are saved at once (a deliberate act must not wait); `mark_read` and `remember_place` are queued,
so the reader may call them on every selection and save on a timer (about a second) and on exit.
Problems met while saving are collected for the reader to show: see `take_notices`.

A save can wait on the lock for up to `LOCK_TIMEOUT` (another reader saving, or stuck): the
reader never waits with it. It asks for saves with `save_soon`, which, once `in_background` is
set, saves in a thread of the store's own while the reader goes on changing the state in memory.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import msgspec

from briefing.model import Section
from briefing.text import sanitise, show_path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows; there, saves are not locked
    fcntl = None  # type: ignore[assignment]

STATE_VERSION = 1
# Far above any real state (ids of read items, a few bookmarks); a bigger file is not ours.
MAX_STATE_BYTES = 32 * 1024 * 1024
# Saves take milliseconds; a lock held for longer belongs to a stuck process.
LOCK_TIMEOUT = 2.0

Notices = tuple[str, ...]
_T = TypeVar("_T")


# --- the file ------------------------------------------------------------------------------------


class _PlaceDoc(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    section: str
    item: str | None = None


class _BriefingStateDoc(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=True
):
    place: _PlaceDoc | None = None
    read: list[str] = []
    bookmarks: list[str] = []


class _StateDoc(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    version: int
    theme: str | None = None
    briefings: dict[str, _BriefingStateDoc] = {}


class _Header(msgspec.Struct):
    """Just the version: read first, so a newer version's fields are not called foreign."""

    version: int


# --- what the reader sees ----------------------------------------------------------------------


class ReadingState(msgspec.Struct, frozen=True):
    """The saved state of one briefing."""

    section: Section | None = None
    item: str | None = None
    read: frozenset[str] = frozenset()
    bookmarks: tuple[str, ...] = ()

    def is_read(self, item_id: str) -> bool:
        return item_id in self.read

    def is_bookmarked(self, item_id: str) -> bool:
        return item_id in self.bookmarks

    def unread(self, item_ids: Iterator[str] | list[str] | tuple[str, ...]) -> int:
        """How many of `item_ids` are unread: the count a navigator shows beside a section."""
        return sum(1 for item_id in item_ids if item_id not in self.read)


# --- in memory -----------------------------------------------------------------------------------


class _Entry(msgspec.Struct):
    place: tuple[str, str | None] | None = None
    # A dict as an ordered set: the file keeps the order items were read in.
    read: dict[str, None] = msgspec.field(default_factory=dict)
    bookmarks: list[str] = msgspec.field(default_factory=list)


class _Memory(msgspec.Struct):
    theme: str | None = None
    briefings: dict[str, _Entry] = msgspec.field(default_factory=dict)

    def entry(self, briefing_id: str) -> _Entry:
        return self.briefings.setdefault(briefing_id, _Entry())

    @classmethod
    def from_doc(cls, doc: _StateDoc) -> _Memory:
        return cls(
            theme=doc.theme,
            briefings={
                briefing_id: _Entry(
                    place=(entry.place.section, entry.place.item) if entry.place else None,
                    read=dict.fromkeys(entry.read),
                    bookmarks=list(dict.fromkeys(entry.bookmarks)),
                )
                for briefing_id, entry in doc.briefings.items()
            },
        )

    def to_doc(self) -> _StateDoc:
        return _StateDoc(
            version=STATE_VERSION,
            theme=self.theme,
            briefings={
                briefing_id: _BriefingStateDoc(
                    place=_PlaceDoc(*entry.place) if entry.place else None,
                    read=list(entry.read),
                    bookmarks=list(entry.bookmarks),
                )
                for briefing_id, entry in self.briefings.items()
                if entry.place or entry.read or entry.bookmarks
            },
        )


# A change, kept until saved and re-applied to the file's state under the lock. Each is
# idempotent, so applying it to a state that already has it changes nothing.
_Change = Callable[[_Memory], None]


def _mark_read(briefing_id: str, item_id: str) -> _Change:
    def apply(memory: _Memory) -> None:
        memory.entry(briefing_id).read[item_id] = None

    return apply


def _place(briefing_id: str, section: Section, item_id: str | None) -> _Change:
    def apply(memory: _Memory) -> None:
        memory.entry(briefing_id).place = (section.value, item_id)

    return apply


def _bookmark(briefing_id: str, item_id: str, on: bool) -> _Change:
    def apply(memory: _Memory) -> None:
        marks = memory.entry(briefing_id).bookmarks
        if on and item_id not in marks:
            marks.append(item_id)
        elif not on and item_id in marks:
            marks.remove(item_id)

    return apply


def _theme(name: str | None) -> _Change:
    def apply(memory: _Memory) -> None:
        memory.theme = name

    return apply


# --- the store -----------------------------------------------------------------------------------


class StateStore:
    """The reading state, in memory, saved to `path` (or nowhere, with `--no-state`)."""

    def __init__(self, path: Path | None, memory: _Memory | None = None) -> None:
        self._path = path
        self._memory = memory or _Memory()
        # The state in memory is changed by the reader's thread and saved by a background one:
        # `_guard` covers the memory, the pending changes and the notices, never file work.
        self._guard = threading.RLock()
        # One save at a time; and whether `save_soon` saves in a thread (`in_background`), is
        # saving now, and has been asked again meanwhile.
        self._saving = threading.Lock()
        self.in_background = False
        self._saver: threading.Thread | None = None
        self._again = False
        # Pending changes, keyed so that repeats replace each other: a reader that can never
        # save (a read-only disk) holds one change per item, not one per key press.
        self._pending: dict[tuple[str, ...], _Change] = {}
        self._views: dict[str, ReadingState] = {}
        self._notices: list[str] = []
        self._last_failure: str | None = None
        # False when the file exists but could not be read: saving would overwrite it unseen.
        self._may_write = path is not None

    @classmethod
    def open(cls, path: Path | None) -> tuple[StateStore, Notices]:
        """The store saved at `path`, or an in-memory one for None; never raises.

        The notices say what went wrong (a broken file moved aside, an unreadable file) in
        words to show the reader.
        """
        if path is None:
            return cls(None), ()
        store = cls(path)
        try:
            raw = _read_bytes(path)
        except OSError as error:
            store._may_write = False
            return store, (
                f"Reading state in {_show(path)} cannot be read ({_reason(error)}): "
                "starting afresh, and this session's reading will not be saved.",
            )
        if raw is None:
            return store, ()
        memory, problem = _decode(raw)
        if problem is None:
            store._memory = memory
            if _has_temp_files(path):
                store._locked(lambda: _remove_temp_files(path))
            return store, store.take_notices()
        # Broken: re-read under the lock, since another reader may have just replaced it.
        found = store._locked(store._read_locked)
        if found is None:
            # Neither read nor moved aside: saving would destroy what may be worth keeping.
            store._may_write = False
            return store, (
                f"Reading state in {_show(path)} cannot be read ({problem}): starting afresh, "
                "and this session's reading will not be saved.",
                *store.take_notices(),
            )
        store._memory = found
        return store, store.take_notices()

    @classmethod
    def in_memory(cls) -> StateStore:
        """A store that saves nothing: for `--no-state`."""
        return cls(None)

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def pending(self) -> bool:
        """Whether there are changes not yet saved."""
        return bool(self._pending)

    # reading

    @property
    def theme(self) -> str | None:
        return self._memory.theme

    def briefing(self, briefing_id: str) -> ReadingState:
        with self._guard:
            return self._view(briefing_id)

    def _view(self, briefing_id: str) -> ReadingState:
        view = self._views.get(briefing_id)
        if view is None:
            entry = self._memory.briefings.get(briefing_id) or _Entry()
            section_name, item = entry.place or (None, None)
            section = _section(section_name)
            view = ReadingState(
                section=section,
                item=item if section is not None else None,
                read=frozenset(entry.read),
                bookmarks=tuple(entry.bookmarks),
            )
            self._views[briefing_id] = view
        return view

    # changing

    def mark_read(self, briefing_id: str, item_id: str) -> None:
        """Queued: cheap enough for every selection."""
        with self._guard:
            entry = self._memory.briefings.get(briefing_id)
            if entry is not None and item_id in entry.read:
                return
            self._change(("read", briefing_id, item_id), _mark_read(briefing_id, item_id))

    def remember_place(self, briefing_id: str, section: Section, item_id: str | None) -> None:
        """Queued: cheap enough for every selection; only the last place is saved."""
        with self._guard:
            entry = self._memory.briefings.get(briefing_id)
            if entry is not None and entry.place == (section.value, item_id):
                return
            self._change(("place", briefing_id), _place(briefing_id, section, item_id))

    def toggle_bookmark(self, briefing_id: str, item_id: str) -> bool:
        """Bookmark the item, or remove its bookmark; saved at once. True if now bookmarked."""
        with self._guard:
            on = not self._view(briefing_id).is_bookmarked(item_id)
            self._change(("bookmark", briefing_id, item_id), _bookmark(briefing_id, item_id, on))
        self.save_soon()
        return on

    def set_theme(self, name: str | None) -> None:
        """Remember the chosen theme (None for the default); saved at once."""
        with self._guard:
            if name == self._memory.theme:
                return
            self._change(("theme",), _theme(name))
        self.save_soon()

    def _change(self, key: tuple[str, ...], change: _Change) -> None:
        """(The guard held.)"""
        change(self._memory)
        # Re-inserted at the end, so changes are re-applied in the order they were made.
        self._pending.pop(key, None)
        self._pending[key] = change
        self._views.clear()

    # saving

    def save_soon(self) -> None:
        """Save the pending changes: in the store's thread if `in_background` (the caller never
        waits on the lock), else now."""
        if not self.in_background:
            self.flush()
            return
        with self._guard:
            self._again = True
            if self._saver is not None and self._saver.is_alive():
                return  # it saves again once done
            self._saver = threading.Thread(target=self._save_while_asked, daemon=True)
            self._saver.start()

    def _save_while_asked(self) -> None:
        while True:
            with self._guard:
                if not self._again:
                    self._saver = None
                    return
                self._again = False
            self.flush()

    def flush(self) -> bool:
        """Save the pending changes; True if nothing is left unsaved. Never raises.

        Safe from any thread: the changes are taken under the guard, the file is written
        without it, and changes made meanwhile stay pending, made again on what was saved.
        """
        with self._saving:
            with self._guard:
                if not self._pending:
                    return True
                if self._path is None:
                    self._pending.clear()
                    return True
                if not self._may_write:
                    return False
                changes = dict(self._pending)

            def save() -> _Memory | None:
                # Should the file have been broken meanwhile, what this reader knows is the best
                # base: it holds the file as it last was.
                memory = self._read_locked(fallback=self._copy_of_memory)
                for change in changes.values():
                    change(memory)
                assert self._path is not None
                _write_atomically(self._path, _encode(memory))
                return memory

            memory = self._locked(save)
            with self._guard:
                if memory is None:
                    return False
                for key, change in changes.items():
                    if self._pending.get(key) is change:
                        del self._pending[key]
                for change in self._pending.values():
                    change(memory)  # made while saving: still to save, and in memory now
                self._memory = memory
                self._views.clear()
                self._last_failure = None
                return not self._pending

    def _copy_of_memory(self) -> _Memory:
        with self._guard:
            return _Memory.from_doc(self._memory.to_doc())

    def take_notices(self) -> Notices:
        """Problems met since the last call, in words to show the reader; each said once."""
        with self._guard:
            notices, self._notices = tuple(self._notices), []
        return notices

    def _locked(self, action: Callable[[], _T | None]) -> _T | None:
        """Run `action` holding the lock; a problem becomes a notice and None."""
        assert self._path is not None
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with _lock(_lock_path(self._path)):
                return action()
        except TimeoutError:
            self._failed("another reader has held the lock for too long")
        except OSError as error:
            self._failed(_reason(error))
        return None

    def _read_locked(self, fallback: Callable[[], _Memory] = lambda: _Memory()) -> _Memory:
        """The file's state, read under the lock; a broken file is moved aside for what
        `fallback` makes."""
        path = self._path
        assert path is not None
        _remove_temp_files(path)
        raw = _read_bytes(path)
        if raw is None:
            return _Memory()
        memory, problem = _decode(raw)
        if problem is None:
            return memory
        aside = _move_aside(path)
        with self._guard:
            self._notices.append(
                f"Reading state in {_show(path)} could not be read ({problem}): it was moved to "
                f"{_show(aside)} and reading state starts afresh."
            )
        return fallback()

    def _failed(self, reason: str) -> None:
        with self._guard:
            if reason != self._last_failure:
                where = _show(self._path) if self._path else "memory"
                self._notices.append(f"Reading state cannot be saved to {where}: {reason}.")
            self._last_failure = reason


def _section(value: str | None) -> Section | None:
    if value is None:
        return None
    try:
        return Section(value)
    except ValueError:  # a section this version does not know
        return None


# --- the file system -----------------------------------------------------------------------------


def _show(path: Path) -> str:
    return show_path(path)


def _reason(error: OSError) -> str:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EDQUOT: "the disk quota is exceeded",
    }
    return reasons.get(error.errno or 0) or sanitise(error.strerror or str(error))


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


@contextlib.contextmanager
def _lock(lock_path: Path) -> Iterator[None]:
    """An exclusive lock shared by every reader's process; released if the holder dies."""
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        if fcntl is not None:
            deadline = time.monotonic() + LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise TimeoutError from None
                    time.sleep(0.002)
        yield
    finally:
        os.close(fd)  # releases the lock


# Stands for the contents of a FIFO, device or directory found where the file should be.
_NOT_A_FILE = b"\0"


def _read_bytes(path: Path) -> bytes | None:
    """The file's bytes (at most one more than the limit), or None if there is none."""
    try:
        # O_NONBLOCK: a FIFO put in the file's place must not hang the reader.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except (FileNotFoundError, NotADirectoryError):
        return None
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return _NOT_A_FILE
        return stream.read(MAX_STATE_BYTES + 1)


def _decode(raw: bytes) -> tuple[_Memory, str | None]:
    """The state in `raw`, or an empty one and why `raw` is not a state file."""
    if raw is _NOT_A_FILE:
        return _Memory(), "it is not a regular file"
    if not raw.strip():
        return _Memory(), "the file is empty"
    if len(raw) > MAX_STATE_BYTES:
        return _Memory(), "the file is too large"
    try:
        header = msgspec.json.decode(raw, type=_Header)
    except RecursionError:
        return _Memory(), "it is nested too deeply to be a reading-state file"
    except msgspec.DecodeError as error:
        if isinstance(error, msgspec.ValidationError):
            return _Memory(), "it is not a briefing reading-state file"
        return _Memory(), "it is truncated or not JSON"
    if header.version > STATE_VERSION:
        return _Memory(), f"it was written by a newer version of briefing (format {header.version})"
    if header.version != STATE_VERSION:
        return _Memory(), f"unknown format {header.version}"
    try:
        doc = msgspec.json.decode(raw, type=_StateDoc)
    except RecursionError:
        return _Memory(), "it is nested too deeply to be a reading-state file"
    except msgspec.DecodeError as error:
        return _Memory(), f"it is not a briefing reading-state file: {sanitise(str(error))}"
    return _Memory.from_doc(doc), None


def _encode(memory: _Memory) -> bytes:
    return msgspec.json.format(msgspec.json.encode(memory.to_doc()), indent=1) + b"\n"


def _write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves the old file or the new, whole."""
    fd, temp = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".tmp", dir=path.parent)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_directory(path.parent)


def _fsync_directory(folder: Path) -> None:
    # Makes the rename itself durable. Some file systems cannot fsync a directory; the rename
    # has happened either way, so that is no reason to report a failed save.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _has_temp_files(path: Path) -> bool:
    prefix = _temp_prefix(path)
    try:
        return any(
            name.startswith(prefix) and name.endswith(".tmp") for name in os.listdir(path.parent)
        )
    except OSError:
        return False


def _remove_temp_files(path: Path) -> None:
    """Remove what a save killed midway left behind. Only under the lock: no save is running."""
    prefix = _temp_prefix(path)
    for name in os.listdir(path.parent):
        if name.startswith(prefix) and name.endswith(".tmp"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path.parent / name)


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.name}.broken-{stamp}-{number}")
    os.replace(path, aside)
    return aside
