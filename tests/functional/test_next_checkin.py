"""When the next check-in is due: one rule (`tui.core.glance.next_checkin_date`), the same
answer in every view (the Check-in pane, `attune today` in each form, the calendar file), and a
check-in closed unfinished named as such in the history and the past weeks."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pendulum
import pytest

from tui.clock import FixedClock
from tui.core.checkins import closed_as_it_stands, new_checkin
from tui.dialogs.past_meetings import PastMeetingsDialog
from tui.shell import calendar, today
from tui.store import Store

from ..conftest import Launcher
from .helpers import screen_text
from .test_agenda import rate, settle

FRIDAY = pendulum.datetime(2026, 11, 20, 19, 0, tz="Europe/London")
NEXT_CHECKIN = date(2026, 11, 29)
"""The couple's weekday is Sunday. This week's check-in, held on Friday two days early, was this
week's: the next is the Sunday after, nine days on, not the coming one."""


@pytest.fixture
def clock() -> FixedClock:
    """Friday 20 November 2026, 19:00 in London."""
    return FixedClock(FRIDAY, time_zone="Europe/London")


def close_one_unfinished(path: Path, clock: FixedClock) -> None:
    """Last week's check-in stopped before a turn was spoken and was closed as it stood."""
    started = clock.now().subtract(days=7).isoformat()
    with Store.open(path, clock) as store:
        record = new_checkin(store.settings(), "b", started)
        store.save_checkin(closed_as_it_stands(record, started))


async def test_every_view_names_the_same_next_check_in_after_one_held_early(
    clock_only_set_up_path: Path,
    clock: FixedClock,
    launch: Launcher,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = clock_only_set_up_path
    close_one_unfinished(path, clock)
    app = launch(path)
    async with app.run_test(size=(140, 40)) as pilot:  # the due date on one line
        await settle(pilot)  # the history is drawn just after the first frame
        history = " ".join(screen_text(app).split())
        assert "13 Nov unfinished -" in history, "closed unfinished, said in words"
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PastMeetingsDialog)
        text = screen_text(app)
        assert "13 Nov 2026" in text and "unfinished" in text
        assert "stopped part-way and was closed as it stood" in text
        await pilot.press("escape")
        await settle(pilot)

        # This week's check-in, held on Friday: the clock alone, both rate, finished.
        await pilot.press("space", "f")
        await settle(pilot)
        await pilot.press("y", "enter")
        await rate(app, pilot, 4)
        await rate(app, pilot, 3)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("space")  # from the summary to the plan
        await settle(pilot)
        plan = " ".join(screen_text(app).split())
        assert "Next check-in: in 1 week 2 days (Sunday 29 November)" in plan, plan

    assert today(path, "text", clock) == 0
    assert "Next check-in: in 1 week 2 days (Sunday 29 November)\n" in capsys.readouterr().out
    assert today(path, "json", clock) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["next_checkin"] == NEXT_CHECKIN.isoformat()
    assert summary["short"].endswith("check-in Sun 29 Nov")
    for _read in ("written", "from the summary beside the file"):
        assert today(path, "short", clock) == 0
        assert capsys.readouterr().out.endswith("· check-in Sun 29 Nov\n")

    assert calendar(path, "19:00", 0, None, False, clock) == 0
    (event,) = icalendar.Calendar.from_ical(capsys.readouterr().out).walk("VEVENT")
    at_seven = datetime.combine(NEXT_CHECKIN, time(19), ZoneInfo("Europe/London"))
    assert event.decoded("dtstart") == at_seven
    assert event["rrule"]["byday"] == ["SU"]
