"""Settings: read from TOML; every mistake a located notice and a default, never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.config import Settings, check_names, load_settings
from briefing.findings import Severity


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def located(notice) -> tuple[int, int]:
    assert notice.location is not None, notice
    return notice.location.line, notice.location.column


def test_no_file_means_the_defaults_and_no_notice(tmp_path: Path) -> None:
    settings_, notices = load_settings(tmp_path / "absent.toml")
    assert (settings_.theme, dict(settings_.keymap), notices) == (None, {}, ())


def test_a_good_file_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'theme = "nord"\n\n[keymap]\n"briefing.next-pane" = "ctrl+n"\n'
        "'briefing.quit' = \"q, ctrl+q\"\n"
        'briefing-list = ["j", "down"]\n',
    )
    settings_, notices = load_settings(path)
    assert notices == ()
    assert settings_.theme == "nord"
    # Spaces after commas would stop Textual matching the keys: they are removed.
    assert dict(settings_.keymap) == {
        "briefing.next-pane": "ctrl+n",
        "briefing.quit": "q,ctrl+q",
        "briefing-list": "j,down",
    }
    assert settings_.path == path


def test_a_syntax_error_is_located_and_gives_every_default(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\n[keymap]\n"a.b" = ctrl+n\n')
    settings_, (notice,) = load_settings(path)
    assert settings_ == Settings(path=path)
    assert notice.severity is Severity.WARNING and notice.file == path
    assert located(notice) == (3, 9)
    assert "not valid TOML" in notice.message and "(at line" not in notice.message
    assert notice.source_line == '"a.b" = ctrl+n'
    assert notice.where() == f"{path}:3:9"


def test_a_key_written_twice_is_located_at_the_repeat(tmp_path: Path) -> None:
    # On the last line, with no newline after it, tomllib places this at the end of the file.
    path = write(tmp_path, 'theme = "nord"\n[keymap]\na = "x"\n"a" = "z"')
    _, (notice,) = load_settings(path)
    assert located(notice) == (4, 1)


def test_an_unfinished_file_is_located_at_its_end(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\nkeymap = ')
    _, (notice,) = load_settings(path)
    assert located(notice) == (2, 10)


def test_a_wrong_type_is_located_at_the_value_and_the_rest_still_applies(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = 3\n\n[keymap]\n"briefing.quit" = "q"\n')
    settings_, (notice,) = load_settings(path)
    assert located(notice) == (1, 9)
    assert "`theme`" in notice.message and "a number" in notice.message
    assert settings_.theme is None
    assert dict(settings_.keymap) == {"briefing.quit": "q"}


def test_an_unknown_setting_is_located_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\nthem = "x"\n[keymaps]\na = "b"\n')
    settings_, notices = load_settings(path)
    assert [located(n) for n in notices] == [(2, 1), (3, 2)]
    assert notices[0].hint == "did you mean `theme`?"
    assert notices[1].hint == "did you mean `keymap`?"
    assert settings_.theme == "nord"


@pytest.mark.parametrize(
    ("entry", "column"),
    [
        ('"briefing.quit" = ""', 19),
        ('"briefing.quit" = "q,,w"', 19),
        ('"briefing.quit" = "ctrl + q"', 19),
        ('"briefing.quit" = 5', 19),
        ('"briefing.quit" = [1, 2]', 19),
        ('"" = "q"', 1),
        ('"two words" = "q"', 1),
    ],
)
def test_a_bad_keymap_entry_is_located_and_skipped(tmp_path: Path, entry: str, column: int) -> None:
    path = write(tmp_path, f'[keymap]\n"briefing.help" = "f1"\n{entry}\n')
    settings_, (notice,) = load_settings(path)
    assert located(notice) == (3, column)
    assert dict(settings_.keymap) == {"briefing.help": "f1"}


def test_an_unquoted_dotted_binding_id_gets_a_hint(tmp_path: Path) -> None:
    path = write(tmp_path, '[keymap]\nbriefing.quit = "q"\n')
    settings_, (notice,) = load_settings(path)
    assert dict(settings_.keymap) == {}
    assert notice.hint is not None and "quote" in notice.hint


def test_a_keymap_that_is_not_a_table_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, 'keymap = "ctrl+n"\n')
    _, (notice,) = load_settings(path)
    assert located(notice) == (1, 10)


def test_unknown_binding_ids_and_themes_are_the_readers_to_check(tmp_path: Path) -> None:
    path = write(
        tmp_path, 'theme = "nrod"\n[keymap]\n"briefing.quit" = "q"\n"briefing.qiut" = "x"\n'
    )
    settings_, notices = load_settings(path)
    assert notices == ()
    found = check_names(
        settings_, binding_ids={"briefing.quit", "briefing.help"}, themes={"nord", "textual-dark"}
    )
    assert [(located(n), n.hint) for n in found] == [
        ((4, 1), "did you mean `briefing.quit`?"),
        ((1, 9), "did you mean `nord`?"),
    ]
    assert check_names(settings_, binding_ids={"briefing.quit", "briefing.qiut"}) == ()


def test_markup_and_escapes_in_a_config_are_not_echoed(tmp_path: Path) -> None:
    path = write(tmp_path, '"them\\u001b[2J" = 1\n"[bold]x\\u009b" = 2\n')
    _, notices = load_settings(path)
    assert len(notices) == 2
    for notice in notices:
        text = notice.message + (notice.source_line or "")
        assert not any(0x00 <= ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in text)


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe theme", b"theme = 'a\x00'", b""],
    ids=["not-utf8", "nul", "empty"],
)
def test_odd_bytes_give_a_notice_or_nothing(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(content)
    settings_, notices = load_settings(path)
    assert settings_.theme is None
    assert all(n.severity is Severity.WARNING for n in notices)
    assert bool(notices) == bool(content)


def test_a_directory_or_fifo_as_the_config_gives_a_notice(tmp_path: Path) -> None:
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    for path in (folder, fifo):
        settings_, (notice,) = load_settings(path)
        assert settings_ == Settings(path=path)
        assert "default" in notice.message


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_settings_and_notices_never_an_exception(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        settings_, notices = load_settings(path)
    assert settings_.theme is None or isinstance(settings_.theme, str)
    for notice in notices:
        if notice.location:
            assert notice.location.line >= 1 and notice.location.column >= 1
