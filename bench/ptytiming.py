"""Start-up timing in a pseudo-terminal: what a person sees, measured the same way by every bench.

`reader_times` launches `briefing ARGS` on a pty of a given size and reads what it writes,
noting when each marker (a piece of text on screen) first arrives; `floor` times
`python -c "import textual.app"` run to exit, the cost of a Textual app before it does anything.
Runs of the two are meant to alternate, so both see the same machine load.
"""

from __future__ import annotations

import compileall
import contextlib
import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

BRIEFING = Path(sys.executable).with_name("briefing")
# The navigator's title, drawn with the first frame, and a line of the first briefing's
# overview in the detail pane, drawn once the screen is complete.
FIRST_CONTENT = b"Library"
COMPLETE = b"In this briefing"


def floor() -> float:
    """Seconds to run `python -c "import textual.app"` to exit."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import textual.app"], check=True)
    return time.perf_counter() - start


def compile_reader() -> None:
    """Compile the reader's modules to bytecode, as installing or a first launch leaves them.

    Textual, the floor, is installed with its bytecode; the reader is measured the same way,
    even where PYTHONDONTWRITEBYTECODE would have every launch compile it afresh.
    """
    import briefing

    compileall.compile_dir(Path(briefing.__file__).parent, quiet=1)


def reader_times(
    args: Sequence[str],
    markers: Mapping[str, bytes],
    *,
    env: Mapping[str, str] | None = None,
    size: tuple[int, int] = (120, 40),
    timeout: float = 60,
) -> dict[str, float]:
    """Seconds from launch until each marker reaches the terminal, and the reader's peak RSS.

    A marker that never comes within `timeout` is NaN. The reader is then sent `q` and given
    five seconds to quit (the pty is drained meanwhile, so it never blocks on a full buffer).
    """
    start = time.perf_counter()
    process, master = _launch([str(BRIEFING), *args], os.environ if env is None else env, size)
    # Only the end of what was read is searched: a marker cannot be longer than this.
    longest = max(len(marker) for marker in markers.values())
    tail = b""
    times: dict[str, float] = {}
    try:
        while len(times) < len(markers):
            left = timeout - (time.perf_counter() - start)
            ready, _, _ = select.select([master], [], [], max(left, 0))
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the reader exited
                break
            now = time.perf_counter() - start
            tail = tail[-longest:] + chunk
            for name, marker in markers.items():
                if name not in times and marker in tail:
                    times[name] = now
        for name in markers:
            times.setdefault(name, float("nan"))
        with contextlib.suppress(OSError, StopIteration):
            status = Path(f"/proc/{process.pid}/status").read_text()
            hwm = next(line for line in status.splitlines() if line.startswith("VmHWM"))
            times["rss_mb"] = int(hwm.split()[1]) / 1024
        _quit(process, master)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        os.close(master)
    return times


def _quit(process: subprocess.Popen[bytes], master: int) -> None:
    with contextlib.suppress(OSError):
        os.write(master, b"q")
    deadline = time.monotonic() + 5
    while process.poll() is None and time.monotonic() < deadline:
        # Keep draining, so the app is never blocked writing its last frames.
        if select.select([master], [], [], 0.05)[0]:
            try:
                os.read(master, 65536)
            except OSError:
                break


def run_in_pty(
    command: Sequence[str],
    env: Mapping[str, str],
    *,
    size: tuple[int, int] = (120, 40),
    timeout: float = 600,
) -> int:
    """Run `command` on a pseudo-terminal of `size` until it exits, reading all it writes (so it
    never blocks on a full buffer); its exit code."""
    process, master = _launch(command, env, size)
    deadline = time.monotonic() + timeout
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if select.select([master], [], [], 0.2)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        return process.wait(timeout=max(deadline - time.monotonic(), 1))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)


def _launch(
    command: Sequence[str], env: Mapping[str, str], size: tuple[int, int]
) -> tuple[subprocess.Popen[bytes], int]:
    """`command` started on a new pseudo-terminal of `size` (an xterm, whatever the caller's
    environment says of its own terminal's size); the process and the terminal's master end."""
    width, height = size
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    child_env = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}
    child_env["TERM"] = "xterm-256color"
    process = subprocess.Popen(
        list(command),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=child_env,
        start_new_session=True,
    )
    os.close(slave)
    return process, master
