"""The calendar file: the weekly check-in as a repeating event and the next therapy sessions,
as iCalendar in the couple's time zone, for a phone's or computer's calendar.

Built with the `icalendar` library, imported only when a calendar is made: nothing else in
Attune needs it, and start-up should not pay for it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tui.core.days import local_time
from tui.core.models import Settings
from tui.core.text import InvalidText
from tui.core.therapy import TherapyPlan, upcoming_sessions

CHECKIN_MINUTES = 45
SESSION_MINUTES = 50
DEFAULT_CHECKIN_TIME = time(19, 0)
DEFAULT_SESSIONS = 6
MOST_SESSIONS = 52
_ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def parse_time_of_day(text: str) -> time:
    """An HH:MM time of day (19:00, 7:30), or `InvalidText` in plain words."""
    cleaned = text.strip()
    try:
        hours, minutes = cleaned.split(":")
        chosen = time(int(hours), int(minutes))
    except ValueError:
        raise InvalidText(f"“{cleaned}” is not a time like 19:00.", field="time") from None
    return chosen


def build_calendar(
    settings: Settings,
    plan: TherapyPlan,
    now: datetime,
    checkin_at: time = DEFAULT_CHECKIN_TIME,
    sessions: int = DEFAULT_SESSIONS,
    *,
    checkin_due: date,
) -> bytes:
    """The iCalendar file's bytes: the check-in every week from `checkin_due` (the next one
    due, `tui.core.checkins.next_checkin_due`) at `checkin_at`, and up to `sessions` therapy
    sessions by the plan's rhythm.

    Event ids are stable, so importing a newer file updates the events rather than doubling
    them.
    """
    from icalendar import Calendar, Event

    zone = ZoneInfo(settings.time_zone)
    stamp = now.astimezone(ZoneInfo("UTC")).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", "-//Attune//weekly check-in and therapy sessions//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Attune")
    calendar.add("x-wr-timezone", settings.time_zone)

    partners = settings.partners
    checkin = Event()
    starts = datetime.combine(checkin_due, checkin_at, tzinfo=zone)
    checkin.add("uid", "weekly-checkin@attune")
    checkin.add("dtstamp", stamp)
    checkin.add("summary", "Weekly check-in")
    checkin.add(
        "description",
        f"{partners.a} and {partners.b}: the weekly check-in, with Attune's speaking clock.",
    )
    checkin.add("dtstart", starts)
    checkin.add("dtend", starts + timedelta(minutes=CHECKIN_MINUTES))
    checkin.add("rrule", {"freq": "weekly", "byday": _ICAL_DAYS[starts.weekday()]})
    calendar.add_component(checkin)

    for session_start in upcoming_sessions(plan, now, sessions):
        local = local_time(session_start, zone)
        event = Event()
        event.add("uid", f"therapy-session-{local:%Y%m%dT%H%M}@attune")
        event.add("dtstamp", stamp)
        event.add("summary", "Therapy session")
        if plan.therapist:
            event.add("description", f"With {plan.therapist}.")
        event.add("dtstart", local)
        event.add("dtend", local + timedelta(minutes=SESSION_MINUTES))
        calendar.add_component(event)
    # Rules from a year back (or from a check-in overdue since longer): the file stays small,
    # and every event in it falls after then.
    since = min(now.date() - timedelta(days=366), checkin_due)
    calendar.add_missing_timezones(first_date=since)
    return calendar.to_ical()
