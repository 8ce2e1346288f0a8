"""One small helper for the program's SQLite databases: open, identify, migrate, set aside, fall
back. The library's catalog uses it, and the reading state will.

A database file is ours when its `application_id` is the program's and its `user_version` one
this program knows. Anything else found at the path (another program's database, one too new,
a file that is not a database or is damaged) is moved aside, never overwritten, and a new one
made, with a notice saying where the old one went.

Writers and readers in several processes at once (two readers open, `validate` running) are
SQLite's to keep apart: each write is a transaction, and in WAL mode readers see the last
committed state, never a half-written one. Where WAL cannot work (a network file system, a
read-only folder) the database falls back to a rollback journal, and where the folder cannot be
written at all, to memory; each fallback is said. Deleting the file, or its whole folder, is
always safe: a database that is gone is made again.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from briefing.text import show_path

# "brif", read as a big-endian 32-bit integer: SQLite's field for the application's own mark.
APPLICATION_ID = 0x62726966
# Seconds a writer waits for another's transaction before giving up (it then retries later).
BUSY_TIMEOUT = 5.0

# A schema step: from the version before it to its own, given the connection in a transaction.
Migration = Callable[[sqlite3.Connection], None]


@dataclass
class Database:
    """An open database and what opening it met, in words for a person (`notices`)."""

    connection: sqlite3.Connection
    # The file, or None when the database is in memory (asked for, or fallen back to).
    path: Path | None
    notices: list[str] = field(default_factory=list)
    # True if the file was made (or made again) by this opening: nothing in it yet.
    new: bool = False

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.connection.close()


def open_database(
    path: Path | None,
    migrations: Mapping[int, Migration],
    *,
    what: str = "database",
) -> Database:
    """Open (or make) the database at `path` at the newest version of `migrations` (version 1
    makes the schema from nothing); in memory for None. Never raises for what is found on
    disk: see the module's docstring."""
    version = max(migrations)
    if path is None:
        return _in_memory(migrations, version)
    notices: list[str] = []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        database = _in_memory(migrations, version)
        database.notices.append(
            f"The {what} cannot be kept in {show_path(path.parent)} ({_reason(error)}): "
            "it is kept in memory for this run."
        )
        return database
    for _attempt in range(2):
        try:
            connection = _connect(path)
            found = _identify(connection, version)
        except sqlite3.DatabaseError as error:
            found = f"it is not a database this program can read ({error})"
            connection = None
        if found is None:
            assert connection is not None
            try:
                new = _migrate(connection, migrations, version)
                notices += _journal(connection, path, what)
                return Database(connection, path, notices, new)
            except sqlite3.OperationalError as error:
                connection.close()
                if _read_only(error):
                    database = _in_memory(migrations, version)
                    database.notices = [
                        *notices,
                        f"The {what} in {show_path(path)} cannot be written ({error}): it is "
                        "kept in memory for this run.",
                    ]
                    return database
                found = f"it could not be brought up to date ({error})"
            except sqlite3.DatabaseError as error:
                connection.close()
                found = f"it is damaged ({error})"
        elif connection is not None:
            connection.close()
        aside = _move_aside(path)
        if aside is None:
            break
        if aside != path:  # (else it was gone already: nothing to say)
            notices.append(
                f"The {what} in {show_path(path)} was set aside ({found}): it is at "
                f"{show_path(aside)}, and a new one is made."
            )
    database = _in_memory(migrations, version)
    database.notices = [
        *notices,
        f"The {what} in {show_path(path)} cannot be used or set aside: it is kept in memory for "
        "this run.",
    ]
    return database


def _connect(path: Path) -> sqlite3.Connection:
    # One connection, used from several threads (the reader's and its workers'), each use under
    # the owner's lock; transactions are begun and ended explicitly.
    connection = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT, check_same_thread=False, isolation_level=None
    )
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _identify(connection: sqlite3.Connection, version: int) -> str | None:
    """None if the database is ours (or empty, to be made ours); else why it is not."""
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    user_version = connection.execute("PRAGMA user_version").fetchone()[0]
    if application_id == 0 and user_version == 0:
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        return None if tables == 0 else "it is another program's database"
    if application_id != APPLICATION_ID:
        return "it is another program's database"
    if user_version > version:
        return f"it was written by a newer version of briefing (format {user_version})"
    return None


def _migrate(
    connection: sqlite3.Connection, migrations: Mapping[int, Migration], version: int
) -> bool:
    """Bring the database to `version`, one step at a time, each step in its transaction;
    True if it was made from nothing."""
    current = connection.execute("PRAGMA user_version").fetchone()[0]
    if current == version:
        return False
    connection.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have made or migrated it while this one waited for the lock.
        current = connection.execute("PRAGMA user_version").fetchone()[0]
        for step in range(current + 1, version + 1):
            migrations[step](connection)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {version}")
        connection.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    return current == 0


def _journal(connection: sqlite3.Connection, path: Path, what: str) -> list[str]:
    """WAL where it works: readers never wait for a writer. Else the rollback journal."""
    try:
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    except sqlite3.OperationalError:
        mode = "unknown"
    if str(mode).lower() == "wal":
        connection.execute("PRAGMA synchronous = NORMAL")
        return []
    with contextlib.suppress(sqlite3.OperationalError):
        connection.execute("PRAGMA journal_mode = DELETE")
    return [
        f"The {what} in {show_path(path)} cannot use write-ahead logging here (a network or "
        "read-only file system?): it uses a rollback journal, and readers may wait for writers."
    ]


def _in_memory(migrations: Mapping[int, Migration], version: int) -> Database:
    connection = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    _migrate(connection, migrations, version)
    return Database(connection, None, [], True)


def _read_only(error: sqlite3.OperationalError) -> bool:
    message = str(error).lower()
    return "readonly" in message or "read-only" in message or "unable to open" in message


def _move_aside(path: Path) -> Path | None:
    """Move a database file (and its journal files) out of the way: where it went, `path` if
    it was gone already, None if it cannot be moved."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.name}.broken-{stamp}-{number}")
    try:
        os.replace(path, aside)
    except FileNotFoundError:
        aside = path
    except OSError:
        return None
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")
    return aside


def _reason(error: OSError) -> str:
    return show_path(error.strerror or str(error))


@contextlib.contextmanager
def transaction(connection: sqlite3.Connection):
    """A write transaction: taken at once (no upgrade deadlock), committed, or rolled back."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
