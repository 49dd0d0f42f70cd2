"""The one source of time for the whole app.

Everything that needs "now" or a duration asks an injected `Clock`, so tests can run at a fixed
moment and move time forward by hand instead of sleeping.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pendulum import DateTime

# pendulum is imported inside the functions that need it: it pulls in dateutil's parser, about
# 30 ms, and the dashboard's first frame needs no dates.

FALLBACK_TIME_ZONE = "UTC"


def system_time_zone_name() -> str:
    """The machine's time zone as an IANA name, or UTC when the system does not say."""
    import pendulum

    try:
        name = pendulum.local_timezone().name
    except Exception:  # pendulum raises several kinds when /etc/localtime is odd or missing
        return FALLBACK_TIME_ZONE
    return name if name and is_known_time_zone(name) else FALLBACK_TIME_ZONE


def is_known_time_zone(name: str) -> bool:
    """True when `name` is an IANA time zone that pendulum can load."""
    import pendulum

    try:
        pendulum.timezone(name)
    except Exception:
        return False
    return True


class Clock(Protocol):
    """Wall-clock time in the couple's time zone, and a monotonic clock for durations."""

    time_zone: str

    def now(self) -> DateTime:
        """The current moment in `time_zone`."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin that never go backwards; only differences matter."""
        ...

    def timestamp(self) -> float:
        """The current moment as seconds since the epoch: `now()` without making a date."""
        ...


class SystemClock:
    """The real clock of the machine."""

    def __init__(self, time_zone: str | None = None) -> None:
        self._time_zone = time_zone

    @property
    def time_zone(self) -> str:
        """The couple's time zone; the machine's until the settings say otherwise."""
        if self._time_zone is None:
            self._time_zone = system_time_zone_name()
        return self._time_zone

    @time_zone.setter
    def time_zone(self, name: str) -> None:
        self._time_zone = name

    def now(self) -> DateTime:
        import pendulum

        return pendulum.now(self.time_zone)

    def monotonic(self) -> float:
        return time.monotonic()

    def timestamp(self) -> float:
        return time.time()


class FixedClock:
    """A clock that only moves when told to: for tests and benchmarks."""

    def __init__(self, moment: DateTime, time_zone: str | None = None, monotonic: float = 1000.0):
        self.time_zone = time_zone or moment.timezone_name or FALLBACK_TIME_ZONE
        self._moment = moment
        self._monotonic = monotonic

    def now(self) -> DateTime:
        return self._moment.in_timezone(self.time_zone)

    def monotonic(self) -> float:
        return self._monotonic

    def timestamp(self) -> float:
        return self._moment.timestamp()

    def advance(self, seconds: float) -> None:
        """Move both clocks forward together by `seconds`."""
        self._moment = self._moment.add(microseconds=round(seconds * 1_000_000))
        self._monotonic += seconds

    def stall_wall_clock(self, seconds: float) -> None:
        """Move only the wall clock, as when the user changes the system time."""
        self._moment = self._moment.add(microseconds=round(seconds * 1_000_000))
