"""Logical days: a day that ends at the couple's rollover hour rather than at midnight; and
a stored point in time as the couple's clock shows it now.

Times are stored as instants with the offset they had when they were noted (a moment, a
therapy session). Every view shows them through `local_time` and `local_day`, in the couple's
current time zone: after a change of zone the panes, the report, the calendar and the shell
still agree, and nobody reads an old zone's clock as if it were this one's.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache

from tui.data_format import WEEKDAY_NAMES

# The shell's line for prompts reads its days here too, and can't spare typing's import time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeVar
    from zoneinfo import ZoneInfo

    from pendulum import DateTime

    DayType = TypeVar("DayType", bound=date)


def logical_day(moment: datetime, rollover_hour: int) -> date:
    """The day `moment` (a wall-clock time, `datetime` or pendulum's) counts for: before
    `rollover_hour` it still belongs to the day before. The one rule of the day's end that
    every view, the store and the shell read.

    Computed on the local wall-clock date, so a daylight-saving change cannot shift it; a
    pendulum time gives a pendulum `Date`.
    """
    day = moment.date()
    return day - timedelta(days=1) if moment.hour < rollover_hour else day


def week_start_of(day: DayType, week_start: str) -> DayType:
    """The first day of the week holding `day` (a date, or a pendulum `Date`), for a week
    starting on `week_start` (a weekday as the file names it)."""
    offset = (day.weekday() - WEEKDAY_NAMES.index(week_start)) % 7
    return day - timedelta(days=offset)


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


def typed_day(text: str) -> date | None:
    """The day in `text` written as YYYY-MM-DD (spaces around it allowed), or None: the one
    way every field, option and command reads a typed day. Stricter than
    `date.fromisoformat`, which would also take "20261210" or a week date, forms nobody means
    when asked for a day like 2026-12-10."""
    if not is_day_shaped(text):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:  # shaped like a day, but not one of the calendar's (2026-02-30)
        return None


def is_day_shaped(text: str) -> bool:
    """True for text written as YYYY-MM-DD, whether or not the calendar has that day."""
    word = text.strip()
    digits = word[:4] + word[5:7] + word[8:]
    return len(word) == 10 and word[4] == word[7] == "-" and digits.isascii() and digits.isdigit()


def local_time(instant: datetime, time_zone: str | tzinfo) -> datetime:
    """`instant` on the couple's clock: the same point in time, in `time_zone` (their zone now,
    by name or as a tzinfo), whatever offset it was stored with."""
    zone = _zone_named(time_zone) if isinstance(time_zone, str) else time_zone
    return instant.astimezone(zone)


def stored_instant(text: str) -> datetime:
    """The instant a stored time (ISO 8601, as `isoformat` writes it) names; one written
    without an offset is taken as UTC, as pendulum reads it. Raises `ValueError` for text that
    is not a time."""
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        import pendulum

        try:
            instant = pendulum.parse(text)  # type: ignore[assignment]
        except Exception as error:  # pendulum's ParserError, or its other refusals
            raise ValueError(f"not a time: {text!r}") from error
        if not isinstance(instant, datetime):
            raise ValueError(f"not a point in time: {text!r}") from None
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=UTC)


def local_day(instant: datetime, time_zone: str | tzinfo, rollover_hour: int) -> date:
    """The logical day `instant` counts for on the couple's clock: in `time_zone`, a time
    before `rollover_hour` counting for the day before."""
    local = local_time(instant, time_zone)
    return logical_day(local, rollover_hour)


@lru_cache(maxsize=8)
def _zone_named(name: str) -> ZoneInfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)
