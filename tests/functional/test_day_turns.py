"""Left open across the rollover hour: every pane moves to the new day without a relaunch."""

from __future__ import annotations

from pathlib import Path

import pendulum

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.panes.checkin import CheckinPane
from tui.panes.rituals import RitualsPane
from tui.screens.main import MainScreen
from tui.store import Store

from ..conftest import make_settings
from .helpers import (
    open_pane_answering_its_offer,
    pane_key,
    read_data_file,
    screen_text,
    settle_until,
)


def ticked_days(path: Path) -> set[str]:
    return {document["day"] for document in read_data_file(path).get("days", {}).values()}


def set_up_at(path: Path, clock: FixedClock) -> AttuneApp:
    with Store.open(path, clock) as store:
        store.set_up(make_settings(), created=clock.now().isoformat())
    return AttuneApp(Store.open(path, clock), clock)


async def test_a_tick_after_the_rollover_counts_for_the_new_day_without_a_relaunch(
    data_path: Path,
) -> None:
    clock = FixedClock(pendulum.datetime(2026, 11, 24, 3, 59, 40, tz="Europe/London"))
    app = set_up_at(data_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane_answering_its_offer(app, pilot, RitualsPane, accept=True)
        clock.advance(10)  # 03:59:50: still Monday for the couple
        await pilot.press("space")
        await pilot.pause()
        assert ticked_days(data_path) == {"2026-11-23"}
        assert "Monday 23 November" in screen_text(app)

        clock.advance(15)  # 04:00:05, before the screen's timer has woken
        await pilot.press("down", "space")
        await pilot.pause()
        assert ticked_days(data_path) == {"2026-11-23", "2026-11-24"}
        assert "Tuesday 24 November" in screen_text(app), "today moved on screen too"
    app.store.close()


async def test_when_the_day_turns_every_pane_shows_the_new_today(data_path: Path) -> None:
    # Saturday 22:00; the check-in is on Sundays.
    clock = FixedClock(pendulum.datetime(2026, 11, 21, 22, 0, tz="Europe/London"))
    app = set_up_at(data_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        # The pane fills in after the first frame: one pause can end first on a busy machine.
        await settle_until(
            pilot, lambda: "Next check-in: tomorrow" in screen_text(app), "the next check-in"
        )
        await open_pane_answering_its_offer(app, pilot, RitualsPane, accept=True)
        assert "Saturday 21 November" in screen_text(app)

        clock.advance(12 * 3600)  # Sunday 10:00; what the rollover timer does when it wakes:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.follow_the_day()
        await pilot.pause()
        assert "Sunday 22 November" in screen_text(app), "the grid's today moved"
        await pilot.press(pane_key(CheckinPane))
        await pilot.pause()
        assert "Next check-in: today" in screen_text(app)
    app.store.close()


async def test_the_rollover_timer_is_set_for_the_next_rollover_hour(data_path: Path) -> None:
    clock = FixedClock(pendulum.datetime(2026, 11, 24, 3, 59, 40, tz="Europe/London"))
    app = set_up_at(data_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        timer = screen._day_timer
        assert timer is not None and 20 <= timer._interval <= 21, "wakes just after 04:00"
    app.store.close()
