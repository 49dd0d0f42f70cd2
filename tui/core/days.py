"""Logical days: a day that ends at the couple's rollover hour rather than at midnight; and
a stored point in time as the couple's clock shows it now.

Times are stored as instants with the offset they had when they were noted (a moment, a
therapy session). Every view shows them through `local_time` and `local_day`, in the couple's
current time zone: after a change of zone the panes, the report, the calendar and the shell
still agree, and nobody reads an old zone's clock as if it were this one's.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from pendulum import Date, DateTime


def logical_day(moment: DateTime, rollover_hour: int) -> Date:
    """The day `moment` counts for: before `rollover_hour` it still belongs to the day before.

    Computed on the local wall-clock date, so a daylight-saving change cannot shift it.
    """
    day = moment.date()
    return day.subtract(days=1) if moment.hour < rollover_hour else day


def next_rollover(moment: DateTime, rollover_hour: int) -> DateTime:
    """The first moment after `moment` that belongs to the next logical day.

    On a day whose rollover hour is skipped by a daylight-saving change, the day turns at the
    first hour that exists after it, as `logical_day` sees it.
    """
    import pendulum

    day = logical_day(moment, rollover_hour).add(days=1)
    zone = moment.timezone_name or "UTC"
    # The earlier of two repeated hours (clocks going back); for an hour that the clocks skip,
    # pendulum's default moves forward to the first hour that exists.
    earlier = pendulum.datetime(day.year, day.month, day.day, rollover_hour, tz=zone, fold=0)
    if earlier.hour == rollover_hour:
        return earlier
    return pendulum.datetime(day.year, day.month, day.day, rollover_hour, tz=zone)


def local_time(instant: datetime, time_zone: str | tzinfo) -> datetime:
    """`instant` on the couple's clock: the same point in time, in `time_zone` (their zone now,
    by name or as a tzinfo), whatever offset it was stored with."""
    zone = _zone_named(time_zone) if isinstance(time_zone, str) else time_zone
    return instant.astimezone(zone)


def local_day(instant: datetime, time_zone: str | tzinfo, rollover_hour: int) -> date:
    """The logical day `instant` counts for on the couple's clock: in `time_zone`, a time
    before `rollover_hour` counting for the day before."""
    local = local_time(instant, time_zone)
    day = date(local.year, local.month, local.day)
    return day - timedelta(days=1) if local.hour < rollover_hour else day


@lru_cache(maxsize=8)
def _zone_named(name: str) -> ZoneInfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)
