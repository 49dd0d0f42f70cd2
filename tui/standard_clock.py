"""The machine's clock read with the standard library alone: a `tui.clock.Clock` for
`attune today --short`.

The line sits in shell prompts, so its whole run must take less time than importing pendulum
(which `SystemClock` needs) or even `typing` (which `tui.clock`'s `Clock` protocol needs) does.
This module imports `time` alone.
"""

from __future__ import annotations

import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime


class StandardClock:
    """The real clock, in UTC. The prompt line asks `timestamp()` when the line is saved beside
    the data file, and `now()` (a standard `datetime`, as a pendulum `DateTime` also is) only
    when it reads the whole file; the couple's zone comes from their settings."""

    time_zone = "UTC"

    def now(self) -> datetime:
        """The current moment, in UTC."""
        from datetime import UTC, datetime

        return datetime.now(UTC)

    def monotonic(self) -> float:
        """Seconds that never go backwards (`time.monotonic`)."""
        return time.monotonic()

    def timestamp(self) -> float:
        """Seconds since the epoch (`time.time`)."""
        return time.time()
