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
