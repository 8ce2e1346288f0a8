"""The SQLite helper: a database made, found again, brought up to date; anything else found at
its path set aside with a notice; memory where no file can be kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from briefing.library.database import APPLICATION_ID, open_database, transaction


def schema_v1(connection: sqlite3.Connection) -> None:
    connection.execute("CREATE TABLE things (name TEXT PRIMARY KEY)")


def schema_v2(connection: sqlite3.Connection) -> None:
    connection.execute("ALTER TABLE things ADD COLUMN size INTEGER DEFAULT 0")


V1 = {1: schema_v1}
V2 = {1: schema_v1, 2: schema_v2}


def names(connection: sqlite3.Connection) -> list[str]:
    return [row[0] for row in connection.execute("SELECT name FROM things ORDER BY name")]


def test_made_then_found_again(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "db.sqlite"
    made = open_database(path, V1)
    assert made.new and made.path == path and made.notices == []
    with transaction(made.connection) as c:
        c.execute("INSERT INTO things VALUES ('a')")
    made.close()
    again = open_database(path, V1)
    assert not again.new and names(again.connection) == ["a"]
    ids = again.connection.execute("PRAGMA application_id").fetchone()[0]
    assert ids == APPLICATION_ID
    assert again.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_older_version_is_brought_up_to_date_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    old = open_database(path, V1)
    with transaction(old.connection) as c:
        c.execute("INSERT INTO things VALUES ('kept')")
    old.close()
    new = open_database(path, V2)
    assert not new.new and new.notices == []
    rows = new.connection.execute("SELECT name, size FROM things").fetchall()
    assert rows == [("kept", 0)]
    assert new.connection.execute("PRAGMA user_version").fetchone()[0] == 2


def set_aside(tmp_path: Path) -> list[Path]:
    return sorted(p for p in tmp_path.iterdir() if ".broken-" in p.name)


def test_a_newer_versions_database_is_set_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    open_database(path, V2).close()
    older = open_database(path, V1)
    (aside,) = set_aside(tmp_path)
    assert older.new and "newer version" in older.notices[0] and str(aside) in older.notices[0]
    # What was set aside is the newer database, whole.
    kept = sqlite3.connect(aside)
    assert kept.execute("PRAGMA user_version").fetchone()[0] == 2


def test_another_programs_database_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE theirs (x)")
    other.execute("INSERT INTO theirs VALUES (1)")
    other.commit()
    other.close()
    ours = open_database(path, V1)
    assert ours.new and "another program's database" in ours.notices[0]
    (aside,) = set_aside(tmp_path)
    assert sqlite3.connect(aside).execute("SELECT x FROM theirs").fetchall() == [(1,)]
    # And one with a foreign application id, even if empty of tables.
    foreign = tmp_path / "foreign.sqlite"
    other = sqlite3.connect(foreign)
    other.execute("PRAGMA application_id = 12345")
    other.close()
    assert "another program's" in open_database(foreign, V1).notices[0]


def test_a_file_that_is_not_a_database_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    path.write_bytes(b"this is not SQLite at all, just bytes " * 100)
    opened = open_database(path, V1)
    assert opened.new and opened.path == path
    assert "not a database" in opened.notices[0]
    (aside,) = set_aside(tmp_path)
    assert aside.read_bytes().startswith(b"this is not SQLite")
    with transaction(opened.connection) as c:
        c.execute("INSERT INTO things VALUES ('fresh')")


def test_where_no_file_can_be_kept_the_database_is_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("where a folder should be")
    opened = open_database(blocker / "db.sqlite", V1)
    assert opened.path is None and "kept in memory" in opened.notices[0]
    with transaction(opened.connection) as c:
        c.execute("INSERT INTO things VALUES ('x')")
    assert names(opened.connection) == ["x"]
    asked = open_database(None, V2)
    assert asked.path is None and asked.notices == [] and asked.new


def test_a_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "db.sqlite", V1)
    try:
        with transaction(opened.connection) as c:
            c.execute("INSERT INTO things VALUES ('half')")
            raise RuntimeError("stopped midway")
    except RuntimeError:
        pass
    assert names(opened.connection) == []
