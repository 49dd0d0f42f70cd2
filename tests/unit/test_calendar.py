"""The calendar file: valid iCalendar, read back by the library, in the couple's time zone."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import icalendar
import pendulum
import pytest

from tui.core.calendar import build_calendar, parse_time_of_day
from tui.core.models import Partners, Settings
from tui.core.text import InvalidText
from tui.core.therapy import TherapyPlan

LONDON = ZoneInfo("Europe/London")
NOW = pendulum.datetime(2026, 11, 22, 10, 30, tz="Europe/London")
SUNDAY = date(2026, 11, 22)
"""The check-in due today, as `next_checkin_due` says before the first one."""


def _events(content: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(content)
    assert calendar["version"] == "2.0"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    return list(calendar.walk("VEVENT"))


def test_the_weekly_check_in_repeats_on_the_couple_s_day_at_their_time() -> None:
    settings = Settings(Partners("Sam", "Alex"), "Europe/London", checkin_weekday="wednesday")
    wednesday = date(2026, 11, 25)
    (checkin,) = _events(
        build_calendar(settings, TherapyPlan(), NOW, time(20, 15), 6, checkin_due=wednesday)
    )
    starts = checkin.decoded("dtstart")
    assert starts == datetime(2026, 11, 25, 20, 15, tzinfo=LONDON)
    assert str(starts.tzinfo) == "Europe/London"
    assert checkin["rrule"]["freq"] == ["WEEKLY"] and checkin["rrule"]["byday"] == ["WE"]
    assert checkin["uid"] == "weekly-checkin@attune"


def test_the_next_sessions_follow_the_plan_s_rhythm_across_the_clock_change() -> None:
    settings = Settings(Partners("Sam", "Alex"), "Europe/London")
    plan = TherapyPlan(
        therapist="Dr [b]Okafor[/b]",
        session_every=8,
        next_session=datetime(2026, 11, 19, 17, 30, tzinfo=LONDON),  # passed: it rolls on
    )
    checkin, *sessions = _events(
        build_calendar(settings, plan, NOW, time(19, 0), 3, checkin_due=SUNDAY)
    )
    starts = [event.decoded("dtstart") for event in sessions]
    assert [s.replace(tzinfo=None) for s in starts] == [
        datetime(2027, 1, 14, 17, 30),
        datetime(2027, 3, 11, 17, 30),
        datetime(2027, 5, 6, 17, 30),  # British Summer Time by then, still 17:30
    ]
    assert sessions[0]["description"] == "With Dr [b]Okafor[/b]."
    assert len({event["uid"] for event in sessions}) == 3


def test_no_sessions_without_a_date_and_none_when_asked_for_none() -> None:
    settings = Settings(Partners("Sam", "Alex"), "Europe/London")
    assert len(_events(build_calendar(settings, TherapyPlan(), NOW, checkin_due=SUNDAY))) == 1
    plan = TherapyPlan(next_session=datetime(2026, 11, 26, 17, 30, tzinfo=LONDON))
    assert len(_events(build_calendar(settings, plan, NOW, sessions=0, checkin_due=SUNDAY))) == 1
    assert len(_events(build_calendar(settings, plan, NOW, sessions=5, checkin_due=SUNDAY))) == 2, (
        "no rhythm: one"
    )


def test_times_of_day() -> None:
    assert parse_time_of_day(" 7:05 ") == time(7, 5)
    for typed in ("25:00", "7pm", "", "12:60"):
        with pytest.raises(InvalidText):
            parse_time_of_day(typed)
