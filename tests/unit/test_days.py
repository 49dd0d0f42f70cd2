"""When the couple's day turns over: the rollover hour, daylight saving, month and year ends."""

from __future__ import annotations

import pendulum
import pytest

from tui.core.days import logical_day, next_rollover

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
