"""Where briefing keeps its files: the one module that knows the platform's directories.

Each location can be pointed elsewhere through the environment, which is how tests, scripts and
curators with unusual setups keep the reader away from their real state and settings.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "briefing"

STATE_DIR_VARIABLE = "BRIEFING_STATE_DIR"
CONFIG_VARIABLE = "BRIEFING_CONFIG"
CACHE_DIR_VARIABLE = "BRIEFING_CACHE_DIR"

STATE_FILE_NAME = "state.json"
CONFIG_FILE_NAME = "config.toml"


def _override(variable: str, environ: Mapping[str, str] | None) -> Path | None:
    # An empty value counts as unset, as it does for most programs' path variables.
    value = (os.environ if environ is None else environ).get(variable, "")
    return Path(value).expanduser() if value else None


def state_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The directory of the reading state: `$BRIEFING_STATE_DIR`, else the platform's."""
    return _override(STATE_DIR_VARIABLE, environ) or platformdirs.user_state_path(APP_NAME)


def state_file(environ: Mapping[str, str] | None = None) -> Path:
    return state_dir(environ) / STATE_FILE_NAME


def config_file(environ: Mapping[str, str] | None = None) -> Path:
    """The settings file: `$BRIEFING_CONFIG` (a file), else `config.toml` in the platform's."""
    return _override(CONFIG_VARIABLE, environ) or (
        platformdirs.user_config_path(APP_NAME) / CONFIG_FILE_NAME
    )


def screenshot_dir() -> Path:
    """Where a screenshot of the reader goes: the user's Downloads folder if there is one, else
    the current folder (never a folder made unasked)."""
    downloads = platformdirs.user_downloads_path()
    return downloads if downloads.is_dir() else Path.cwd()


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Disposable data, such as search indexes: `$BRIEFING_CACHE_DIR`, else the platform's."""
    return _override(CACHE_DIR_VARIABLE, environ) or platformdirs.user_cache_path(APP_NAME)
