"""The rules of the one-line summary (`attune today --short`), in the standard library alone.

A shell prompt runs that summary before every prompt, so it must start about as fast as
`attune --version`: importing msgspec or pendulum would take longer than the whole command.
Both the full summary (`tui.core.today`) and the quick read (`tui.prompt_line`) count and word
the line with these functions, so the two always agree.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""As `tui.core.models.WEEKDAYS` (a test keeps them equal); that module imports msgspec."""


def logical_date(moment: datetime, rollover_hour: int) -> date:
    """The day `moment` counts for, as `tui.core.days.logical_day` decides it."""
    day = moment.date()
    return day - timedelta(days=1) if moment.hour < rollover_hour else day


def week_start_date(day: date, week_start: str) -> date:
    """The first day of the week holding `day`, for a week starting on `week_start`."""
    return day - timedelta(days=(day.weekday() - WEEKDAY_NAMES.index(week_start)) % 7)


def next_checkin_date(today: date, weekday: str, last_checkin_day: date | None) -> date:
    """The day the next check-in is due, as `tui.core.checkins.next_checkin_due` decides it."""
    start = today if last_checkin_day is None else last_checkin_day + timedelta(days=1)
    return start + timedelta(days=(WEEKDAY_NAMES.index(weekday) - start.weekday()) % 7)


def on_todays_tally(mark: str | None, due_today: bool, week_already_met: bool) -> tuple[bool, bool]:
    """(whether a track counts in today's "3/7", whether it is done) from today's mark.

    A skipped day counts for neither, as it neither counts nor breaks a streak. A ritual done
    N times a week is due every day until the week's N are done on the days before today.
    A tick on a day that was not due still counts: it was done.
    """
    if mark == "skipped":
        return False, False
    if mark == "done":
        return True, True
    return due_today and not week_already_met, False


def short_line(
    done: int, due: int, today: date, checkin_due: date, reviews_due: int, repairs: int
) -> str:
    """ "Attune 3/7 today · check-in Sun", with any review due or repair under way."""
    if checkin_due < today:
        checkin = "overdue"
    elif checkin_due == today:
        checkin = "today"
    else:
        checkin = WEEKDAY_NAMES[checkin_due.weekday()][:3].capitalize()
    parts = [f"Attune {done}/{due} today", f"check-in {checkin}"]
    if reviews_due:
        parts.append(f"{reviews_due} review{'s' if reviews_due != 1 else ''} due")
    if repairs:
        parts.append(f"{repairs} repair{'s' if repairs != 1 else ''}")
    return " · ".join(parts)
