"""What the reader is started with besides the library: where it came from, state and settings.

Kept free of Textual, like `start.py`, so the command line builds it before paying for the user
interface. The defaults are those of a test or an embedding: nothing is read from or written to
the user's home directory, and nothing is watched, unless asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import msgspec

from briefing import locations


class ReaderOptions(msgspec.Struct, frozen=True):
    # The paths the library was loaded from, to watch for changes; empty: no live reload.
    paths: tuple[Path, ...] = ()
    # The reading-state file; None keeps reading state in memory only (`--no-state`).
    state_file: Path | None = None
    # The settings file; None: the default settings.
    config_file: Path | None = None

    @classmethod
    def for_user(
        cls,
        paths: tuple[Path, ...],
        *,
        no_state: bool = False,
        environ: Mapping[str, str] | None = None,
    ) -> ReaderOptions:
        """What `briefing read` uses: the platform's directories, or the environment's."""
        return cls(
            paths=paths,
            state_file=None if no_state else locations.state_file(environ),
            config_file=locations.config_file(environ),
        )
