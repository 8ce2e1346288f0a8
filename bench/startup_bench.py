"""How fast the reader shows content, against the floor of importing Textual at all.

    python bench/startup_bench.py [--runs N] [--width W] [--height H] [-- ARGS FOR briefing]

Runs `briefing ARGS` in a pseudo-terminal and times from launch until the first briefing title
reaches the terminal (the first frame with content), then quits it. Alternates with the floor,
`python -c "import textual.app"` run to exit, so both see the same machine load. Reports the
median and spread of each, and their ratio (the budget is 1.5x the floor).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

BRIEFING = Path(sys.executable).with_name("briefing")


def floor() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import textual.app"], check=True)
    return time.perf_counter() - start


def first_content(args: list[str], marker: bytes, width: int, height: int) -> float:
    """Seconds from launch until `marker` is written to the terminal."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(BRIEFING), *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    seen = b""
    elapsed = None
    try:
        while elapsed is None:
            ready, _, _ = select.select([master], [], [], 10)
            if not ready:
                raise TimeoutError(f"no {marker!r} within 10 s; got {seen[-400:]!r}")
            chunk = os.read(master, 65536)
            seen += chunk
            if marker in seen:
                elapsed = time.perf_counter() - start
        os.write(master, b"q")
        deadline = time.monotonic() + 5
        while process.poll() is None and time.monotonic() < deadline:
            # Keep draining, so the app is never blocked writing its last frames.
            if select.select([master], [], [], 0.05)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        if process.poll() is None:
            process.kill()
    finally:
        process.wait()
        os.close(master)
    return elapsed


def summary(name: str, values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    return (
        f"{name:<14} median {statistics.median(ms):6.0f} ms   "
        f"min {ms[0]:6.0f}   max {ms[-1]:6.0f}   (n={len(ms)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--width", type=int, default=120)
    parser.add_argument("--height", type=int, default=40)
    parser.add_argument(
        "--marker", default="Library", help="text whose arrival counts as first content"
    )
    parser.add_argument("args", nargs="*", help="arguments for `briefing` (after --)")
    options = parser.parse_args()

    marker = options.marker.encode()
    # One warm-up of each, so the file cache is warm for both.
    floor()
    first_content(options.args, marker, options.width, options.height)
    floors, reader = [], []
    for _ in range(options.runs):
        floors.append(floor())
        reader.append(first_content(options.args, marker, options.width, options.height))
    print(summary("import floor", floors))
    print(summary("first content", reader))
    ratio = statistics.median(reader) / statistics.median(floors)
    print(f"ratio          {ratio:.2f}x the floor (budget 1.5x)")


if __name__ == "__main__":
    main()
