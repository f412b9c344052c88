"""A one-line progress bar on stderr: shown on a terminal, silent otherwise."""

from __future__ import annotations

import sys
import time


class Progress:
    """``[3/5] 60% 001_9ec3… ok  12.3 s`` redrawn in place.

    Args:
        total: how many items.
        enabled: force on or off; None shows it only when stderr is a terminal.
    """

    def __init__(self, total: int, *, enabled: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.failed = 0
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._start = time.monotonic()

    def advance(self, label: str, *, ok: bool = True) -> None:
        self.done += 1
        self.failed += not ok
        if not self.enabled:
            return
        pct = 100 * self.done // max(self.total, 1)
        bar = "#" * (pct // 5) + "." * (20 - pct // 5)
        fail = f" {self.failed} failed" if self.failed else ""
        elapsed = time.monotonic() - self._start
        sys.stderr.write(f"\r[{bar}] {self.done}/{self.total}{fail} {label[:24]:<24} {elapsed:6.1f} s")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            sys.stderr.write("\n")
            sys.stderr.flush()
