"""Where a catalog is kept between runs: a SQLite database in the library cache (or in memory).

One row per briefing file (its place in the library, its path, its briefing's id, and its record
as the catalog encodes it), so that an edit to one briefing rewrites its row and nothing else.
The search index is kept as a base (the whole index, as of its last compaction) and the changes
made since, one row per batch of files loaded again (the ids it takes out, the index of what it
puts in): an edit writes a change of a few kilobytes, and the base is written again only once
the changes have grown (`COMPACT_AFTER`), off the reader's thread.

Everything one refresh writes goes in one transaction: a reader opening the catalog meanwhile,
in this process or another, sees the rows before it or after it, never half of it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefing.library.database import Database, open_database, transaction


def _schema(connection: sqlite3.Connection) -> None:
    connection.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    connection.execute(
        "CREATE TABLE files (path TEXT PRIMARY KEY, position INTEGER NOT NULL, "
        "briefing_id TEXT, record BLOB NOT NULL)"
    )
    connection.execute("CREATE INDEX files_by_position ON files (position)")
    connection.execute("CREATE INDEX files_by_briefing ON files (briefing_id)")
    connection.execute(
        "CREATE TABLE search_base (id INTEGER PRIMARY KEY CHECK (id = 1), data BLOB NOT NULL)"
    )
    connection.execute(
        "CREATE TABLE search_changes (sequence INTEGER PRIMARY KEY AUTOINCREMENT, "
        "removed TEXT NOT NULL, data BLOB)"
    )


MIGRATIONS = {1: _schema}
# Changes to the search index kept as rows before the base is written again with them.
COMPACT_AFTER = 64


@dataclass
class Saved:
    """What a catalog found saved: its files in order, each one's record as stored."""

    paths: list[str]
    records: list[bytes]
    # Ids that more than one file uses.
    duplicates: frozenset[str]


@dataclass
class Changes:
    """What one save writes: the rows of the files that changed, and of those that went."""

    # By path: (its place, its briefing's id or None, its record).
    rows: dict[str, tuple[int, str | None, bytes]] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    # Every file's place, when the files were listed again (added, removed, reordered).
    positions: list[str] | None = None
    # Changes to the search index, in order: the ids taken out, and the index of what came in.
    search: list[tuple[list[str], bytes | None]] = field(default_factory=list)
    # The whole search index, to keep as the base (the changes then go).
    search_base: bytes | None = None


class CatalogStore:
    """A catalog's database; safe across threads (one use at a time)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._connection = database.connection
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: Path | None) -> CatalogStore:
        return cls(open_database(path, MIGRATIONS, what="library's catalog"))

    @property
    def notices(self) -> list[str]:
        return self.database.notices

    @property
    def path(self) -> Path | None:
        return self.database.path

    def close(self) -> None:
        self.database.close()

    # --- reading -----------------------------------------------------------------------------

    def read(self, fingerprint: str, roots: Sequence[str]) -> Saved | None:
        """The files saved, if saved by this program for these roots; else None."""
        with self._lock:
            try:
                settings = dict(self._connection.execute("SELECT key, value FROM settings"))
                if not _same(settings, fingerprint, roots):
                    return None
                rows = self._connection.execute(
                    "SELECT path, record FROM files ORDER BY position"
                ).fetchall()
                twice = self._connection.execute(
                    "SELECT briefing_id FROM files WHERE briefing_id IS NOT NULL "
                    "GROUP BY briefing_id HAVING count(*) > 1"
                ).fetchall()
            except sqlite3.DatabaseError:
                return None
        return Saved(
            [path for path, _ in rows],
            [bytes(record) for _, record in rows],
            frozenset(briefing_id for (briefing_id,) in twice),
        )

    def search_parts(self) -> tuple[bytes | None, list[tuple[list[str], bytes | None]]]:
        """The search index's base and the changes since, in order."""
        with self._lock:
            try:
                base = self._connection.execute("SELECT data FROM search_base").fetchone()
                changes = self._connection.execute(
                    "SELECT removed, data FROM search_changes ORDER BY sequence"
                ).fetchall()
            except sqlite3.DatabaseError:
                return None, []
        return (
            bytes(base[0]) if base is not None else None,
            [
                (json.loads(gone), bytes(data) if data is not None else None)
                for gone, data in changes
            ],
        )

    def search_changes(self) -> int:
        with self._lock:
            try:
                return self._connection.execute("SELECT count(*) FROM search_changes").fetchone()[0]
            except sqlite3.DatabaseError:
                return 0

    # --- writing -----------------------------------------------------------------------------

    def write(self, fingerprint: str, roots: Sequence[str], changes: Changes) -> bool:
        """Write a save's changes in one transaction; False if it could not be written."""
        with self._lock:
            try:
                with transaction(self._connection) as c:
                    self._write(c, fingerprint, roots, changes)
            except sqlite3.Error:
                return False
        return True

    def _write(
        self, c: sqlite3.Connection, fingerprint: str, roots: Sequence[str], changes: Changes
    ) -> None:
        if not _same(dict(c.execute("SELECT key, value FROM settings")), fingerprint, roots):
            # Another program's version, or other roots: nothing saved before is kept.
            for table in ("files", "search_base", "search_changes"):
                c.execute(f"DELETE FROM {table}")
            c.executemany(
                "INSERT OR REPLACE INTO settings VALUES (?, ?)",
                [("fingerprint", fingerprint), ("roots", json.dumps(list(roots)))],
            )
        if changes.removed:
            c.executemany("DELETE FROM files WHERE path = ?", ((p,) for p in changes.removed))
        if changes.rows:
            c.executemany(
                "INSERT INTO files (path, position, briefing_id, record) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (path) DO UPDATE SET position = excluded.position, "
                "briefing_id = excluded.briefing_id, record = excluded.record",
                ((path, *row) for path, row in changes.rows.items()),
            )
        if changes.positions is not None:
            c.executemany(
                "UPDATE files SET position = ? WHERE path = ?",
                ((at, path) for at, path in enumerate(changes.positions)),
            )
        if changes.search_base is not None:
            c.execute("DELETE FROM search_changes")
            c.execute("INSERT OR REPLACE INTO search_base VALUES (1, ?)", (changes.search_base,))
        elif changes.search:
            c.executemany(
                "INSERT INTO search_changes (removed, data) VALUES (?, ?)",
                ((json.dumps(removed), data) for removed, data in changes.search),
            )


def _same(settings: dict[str, str], fingerprint: str, roots: Sequence[str]) -> bool:
    """Whether saved rows are this program's, for these roots."""
    return settings.get("fingerprint") == fingerprint and settings.get("roots") == json.dumps(
        list(roots)
    )
