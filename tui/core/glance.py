"""The rules of the one-line summary (`attune today --short`), in the standard library alone.

A shell prompt runs that summary before every prompt, so it must start about as fast as
`attune --version`: importing msgspec or pendulum would take longer than the whole command.
Both the full summary (`tui.core.today`) and the quick read (`tui.store.glance`) count and word
the line with these functions, so the two always agree.
"""

from __future__ import annotations

from datetime import date, timedelta

from tui.data_format import WEEKDAY_NAMES

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""Short month names in English, as the rest of Attune writes them, whatever the locale."""


def next_checkin_date(today: date, weekday: str, last_checkin_day: date | None) -> date:
    """The day the next weekly check-in is due: the one rule every view reads (the Check-in
    pane, `attune today` in each form, the calendar file).

    A check-in held counts for the `weekday` nearest to it: held up to three days early it was
    that week's, up to three days late the week before's. The next one is due on the same
    weekday a week later; before the first, on the next `weekday` from today. One missed stays
    due (the date is in the past) until it is held.
    """
    wanted = WEEKDAY_NAMES.index(weekday)
    if last_checkin_day is None:
        return today + timedelta(days=(wanted - today.weekday()) % 7)
    ahead = (wanted - last_checkin_day.weekday()) % 7
    counted_for = last_checkin_day + timedelta(days=ahead if ahead <= 3 else ahead - 7)
    return counted_for + timedelta(days=7)


UNDER_REPAIR = "under repair"
REVIEW_DUE = "review due"


def lapse_stage(
    today: date, lapse_day: date, repair_days: int, review_after_days: int
) -> str | None:
    """Where a signed agreement stands after its latest lapse, not yet reviewed: `UNDER_REPAIR`
    while the repair's days run (the lapse's day is the first), `REVIEW_DUE` from the review's
    day on, else None (between the two). The one rule `Agreement.status` and the quick line read.
    """
    if today <= lapse_day + timedelta(days=repair_days - 1):
        return UNDER_REPAIR
    if today >= lapse_day + timedelta(days=review_after_days):
        return REVIEW_DUE
    return None


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
    """ "Attune 3/7 today · check-in Sun" ("check-in Sun 6 Dec" a week or more ahead), with any
    review due or repair under way."""
    ahead = (checkin_due - today).days
    checkin = WEEKDAY_NAMES[checkin_due.weekday()][:3].capitalize()
    if ahead < 0:
        checkin = "overdue"
    elif ahead == 0:
        checkin = "today"
    elif ahead >= 7:
        # A weekday alone would read as the coming one: the date says which week.
        checkin += f" {checkin_due.day} {_MONTHS[checkin_due.month - 1]}"
    parts = [f"Attune {done}/{due} today", f"check-in {checkin}"]
    if reviews_due:
        parts.append(f"{reviews_due} review{'s' if reviews_due != 1 else ''} due")
    if repairs:
        parts.append(f"{repairs} repair{'s' if repairs != 1 else ''}")
    return " · ".join(parts)
