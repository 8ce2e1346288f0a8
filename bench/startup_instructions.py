"""Instructions the reader executes until its first content, counted by valgrind: a measure that
does not move with the machine's load, for telling apart two versions of the code.

    python bench/startup_instructions.py [LIBRARY ...]

Start-up times on a shared machine swing by a third from one run to the next (see
docs/performance.md), so a change of a few milliseconds needs dozens of alternating runs to
show. The instructions counted by `valgrind --tool=callgrind` are the same from run to run
(within 0.2%). For the floor (`python -c "import textual.app"`), the bundled library and each
LIBRARY given (its cache filled first), it runs the reader in a pseudo-terminal under callgrind
until the marker of first content (the navigator's title) is written, then stops it, and prints
millions of instructions and their ratio to the floor's. The ratio of instructions is not the
ratio of times (the reader's instructions run faster than the floor's, which reads more files),
but a change that takes instructions away takes time away. Needs valgrind (Debian: valgrind).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ptytiming import FIRST_CONTENT, compile_reader, run_in_pty

from briefing.library import bundled_content_dir

# Runs the reader, and ends the process as soon as the marker has been written.
STOP_AT_MARKER = """
import os, sys
from textual.drivers.linux_driver import LinuxDriver
marker = sys.argv.pop(1)
write = LinuxDriver.write
def stop_at_marker(self, data):
    write(self, data)
    if marker in data:
        os._exit(0)
LinuxDriver.write = stop_at_marker
from briefing.cli import main
sys.argv[0] = "briefing"
main()
"""


def instructions(command: list[str], env: dict[str, str]) -> int:
    """Instructions executed by `command`, run under callgrind in a pseudo-terminal."""
    with tempfile.TemporaryDirectory(prefix="briefing-callgrind-") as folder:
        out = Path(folder) / "callgrind.out"
        run_in_pty(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command], env)
        found = re.search(r"^(?:summary|totals):\s+(\d+)", out.read_text(), re.MULTILINE)
        if found is None:
            raise RuntimeError(f"callgrind wrote no total for {command}")
        return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("libraries", nargs="*", type=Path, help="libraries besides the bundled one")
    options = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is needed (Debian: apt install valgrind)")
    compile_reader()
    libraries = {"bundled": bundled_content_dir()}
    libraries.update({path.name: path.resolve() for path in options.libraries})
    with tempfile.TemporaryDirectory(prefix="briefing-instructions-") as home:
        floor = instructions([sys.executable, "-c", "import textual.app"], dict(os.environ))
        print(f"{'floor, import textual.app':<36} {floor / 1e6:8.1f} M instructions")
        marker = FIRST_CONTENT.decode()
        for index, (name, library) in enumerate(libraries.items()):
            env = dict(os.environ, BRIEFING_CACHE_DIR=str(Path(home) / f"cache-{index}"))
            env["BRIEFING_STATE_DIR"] = str(Path(home) / "state")
            env["BRIEFING_CONFIG"] = str(Path(home) / "config.toml")
            fill = "import sys; from briefing.library.catalog import Catalog; "
            fill += "Catalog.open(sys.argv[1:]).refresh()"
            subprocess.run([sys.executable, "-c", fill, str(library)], env=env, check=True)
            count = instructions([sys.executable, "-c", STOP_AT_MARKER, marker, str(library)], env)
            print(
                f"{name + ': first content':<36} {count / 1e6:8.1f} M   {count / floor:.2f}x floor"
            )


if __name__ == "__main__":
    main()
