"""The period a report covers, and how the days typed to choose it are read."""

from __future__ import annotations

from datetime import date, timedelta

from msgspec import Struct

from tui.core.days import typed_day

LONGEST_PERIOD_DAYS = 366 * 20


class Period(Struct, frozen=True):
    """From `first` to `last`, both days included."""

    first: date
    last: date

    def holds(self, day: date) -> bool:
        """True when `day` falls in the period."""
        return self.first <= day <= self.last


class InvalidPeriod(ValueError):
    """A period that can't be reported on; the message says why in plain words."""


def last_month(today: date) -> Period:
    """The month up to and including `today` (23 October to 22 November)."""
    month, year = (today.month - 1, today.year) if today.month > 1 else (12, today.year - 1)
    day = min(today.day, _days_in_month(year, month))
    return Period(date(year, month, day) + timedelta(days=1), today)


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def parse_day(text: str, label: str) -> date:
    """A YYYY-MM-DD day, or `InvalidPeriod` naming `label` ("the first day")."""
    day = typed_day(text)
    if day is None:
        raise InvalidPeriod(f"{label} “{text.strip()}” is not a date like 2026-11-22.")
    return day


def choose_period(first: str | None, last: str | None, today: date) -> Period:
    """The period from the typed days, either of which may be left out: the last day is then
    today, the first a month before the last."""
    last_day = parse_day(last, "The last day") if last else date.fromordinal(today.toordinal())
    first_day = parse_day(first, "The first day") if first else last_month(last_day).first
    if first_day > last_day:
        raise InvalidPeriod(
            f"The first day ({first_day.isoformat()}) comes after the last "
            f"({last_day.isoformat()})."
        )
    if (last_day - first_day).days > LONGEST_PERIOD_DAYS:
        raise InvalidPeriod("A report covers at most twenty years.")
    return Period(first_day, last_day)
