"""File-system locations: the platform's directories, unless the environment says otherwise."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from briefing import locations


def test_without_overrides_the_platform_directories_are_used() -> None:
    environ: dict[str, str] = {}
    assert locations.state_dir(environ) == platformdirs.user_state_path("briefing")
    assert locations.state_file(environ) == platformdirs.user_state_path("briefing") / "state.json"
    assert locations.config_file(environ) == (
        platformdirs.user_config_path("briefing") / "config.toml"
    )
    assert locations.cache_dir(environ) == platformdirs.user_cache_path("briefing")


def test_the_environment_points_each_location_elsewhere(tmp_path: Path) -> None:
    environ = {
        "BRIEFING_STATE_DIR": str(tmp_path / "state"),
        "BRIEFING_CONFIG": str(tmp_path / "my-settings.toml"),
        "BRIEFING_CACHE_DIR": str(tmp_path / "cache"),
    }
    assert locations.state_file(environ) == tmp_path / "state" / "state.json"
    assert locations.config_file(environ) == tmp_path / "my-settings.toml"
    assert locations.cache_dir(environ) == tmp_path / "cache"


def test_an_empty_variable_counts_as_unset() -> None:
    environ = {"BRIEFING_STATE_DIR": "", "BRIEFING_CONFIG": ""}
    assert locations.state_dir(environ) == platformdirs.user_state_path("briefing")
    assert locations.config_file(environ).name == "config.toml"


def test_the_process_environment_is_read_when_none_is_given(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRIEFING_STATE_DIR", str(tmp_path))
    monkeypatch.setenv("BRIEFING_CONFIG", "~/briefing.toml")
    assert locations.state_file() == tmp_path / "state.json"
    assert locations.config_file() == Path.home() / "briefing.toml"
