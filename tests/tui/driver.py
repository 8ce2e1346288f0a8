"""A test driver that keeps what the reader writes to the terminal, and can hand the terminal over.

Textual's headless driver discards the app's output before it is even rendered to escape
sequences; this one says it is not headless, so the app renders every update to the very string
it would write to a terminal, and keeps it. Suspending (for the editor) does nothing: there is
no terminal to give back.
"""

from __future__ import annotations

from textual.drivers.headless_driver import HeadlessDriver


class CapturingDriver(HeadlessDriver):
    written: list[str]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.written = []

    @property
    def is_headless(self) -> bool:
        return False

    @property
    def can_suspend(self) -> bool:
        return True

    def write(self, data: str) -> None:
        self.written.append(data)

    def flush(self) -> None:
        pass

    def suspend_application_mode(self) -> None:
        self.written.append("<suspended>")

    def resume_application_mode(self) -> None:
        self.written.append("<resumed>")
