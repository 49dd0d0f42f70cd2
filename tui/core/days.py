"""Logical days: a day that ends at the couple's rollover hour rather than at midnight."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
