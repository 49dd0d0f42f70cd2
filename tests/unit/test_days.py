"""When the couple's day turns over: the rollover hour, daylight saving, month and year ends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.checkins import CheckinPlan, CheckinRecord, checkin_day
from tui.core.days import logical_day, next_rollover, stored_instant

ZONE = "Europe/London"


@pytest.mark.parametrize("rollover_hour", [0, 1, 2, 4, 12])
@pytest.mark.parametrize(
    "moment",
    [
        "2026-11-23T03:59:50",  # just before the default rollover
        "2026-11-23T04:00:00",
        "2027-03-27T23:30:00",  # the night the clocks go forward at 01:00
        "2027-03-28T00:59:59",
        "2027-10-31T00:30:00",  # the night the clocks go back at 02:00
        "2027-10-31T01:30:00",
        "2028-02-28T23:00:00",  # into a leap day
        "2027-12-31T23:59:00",  # New Year's Eve
    ],
)
def test_next_rollover_is_the_first_moment_of_the_next_logical_day(
    moment: str, rollover_hour: int
) -> None:
    now = pendulum.parse(moment, tz=ZONE)
    turn = next_rollover(now, rollover_hour)
    today = logical_day(now, rollover_hour)
    assert turn > now
    assert logical_day(turn, rollover_hour) == today.add(days=1)
    assert logical_day(turn.subtract(seconds=1), rollover_hour) == today, "not a second late"


def test_a_stored_time_reads_on_the_couple_s_clock_now_whatever_offset_it_was_kept_with() -> None:
    from datetime import datetime, timedelta, timezone

    from tui.core.days import local_day, local_time

    # Noted at 09:55 on the 8th in Auckland (+13:00), read after a move to New York.
    noted = datetime(2026, 12, 8, 9, 55, tzinfo=timezone(timedelta(hours=13)))
    shown = local_time(noted, "America/New_York")
    assert (shown.date().isoformat(), f"{shown:%H:%M}") == ("2026-12-07", "15:55")
    assert shown == noted, "the same point in time"
    assert local_day(noted, "America/New_York", 4).isoformat() == "2026-12-07"
    assert local_day(noted, "Pacific/Auckland", 4).isoformat() == "2026-12-08"
    # Before the rollover hour a time counts for the evening before, on the new clock too.
    assert local_day(noted, "America/New_York", 16).isoformat() == "2026-12-06"
    assert local_day(noted, pendulum.timezone("America/New_York"), 4).isoformat() == "2026-12-07"


@given(
    instant=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2040, 12, 31), timezones=st.just(UTC)
    ),
    offset_minutes=st.integers(min_value=-12 * 60, max_value=14 * 60),
    zone=st.sampled_from(
        ["Europe/London", "America/New_York", "Pacific/Kiritimati", "Australia/Lord_Howe", "UTC"]
    ),
    rollover_hour=st.integers(min_value=0, max_value=6),
)
def test_a_check_ins_day_is_pendulums_reading_of_its_start(
    instant: datetime, offset_minutes: int, zone: str, rollover_hour: int
) -> None:
    """`checkin_day` reads the stored start with the standard library and a cached zone; the
    day is the one pendulum's parser and zone gave, whatever offset the start was noted in."""
    noted = instant.astimezone(timezone(timedelta(minutes=offset_minutes))).isoformat()
    record = CheckinRecord("c1", noted, CheckinPlan("a", 1, 1, 0, 1, 1))
    expected = logical_day(pendulum.parse(noted).in_timezone(zone), rollover_hour)
    day = checkin_day(record, zone, rollover_hour)
    assert day == expected and isinstance(day, pendulum.Date)


def test_a_stored_time_is_read_as_pendulum_reads_it() -> None:
    assert stored_instant("2026-11-22T10:00:00+01:00") == datetime(2026, 11, 22, 9, tzinfo=UTC)
    assert stored_instant("2026-11-22T10:00:00Z") == datetime(2026, 11, 22, 10, tzinfo=UTC)
    # Without an offset it is UTC, as pendulum has it, never the computer's own zone.
    assert stored_instant("2026-11-22T10:00:00") == datetime(2026, 11, 22, 10, tzinfo=UTC)
    assert stored_instant("2026-11-22 10:00") == datetime(2026, 11, 22, 10, tzinfo=UTC)
    assert stored_instant("2026-11-22") == datetime(2026, 11, 22, tzinfo=UTC)
    for not_a_time in ("", "tea at ten", "2026-02-30T10:00:00+00:00"):
        with pytest.raises(ValueError):
            stored_instant(not_a_time)
