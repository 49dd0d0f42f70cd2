"""Pictures of the Check-in pane at 80x24 with fixed data and time: the plan, a reflect-back, a
paused turn, a cooling-off and the summary. The clock's colours come from the theme; its words
say the same."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from msgspec.structs import replace

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.checkins import CheckinPlan, CheckinRecord, CheckinStatus, Rating, TurnRecord
from tui.panes.checkin import CheckinPane
from tui.store import Store


@pytest.fixture
def set_up_path(clock_only_set_up_path: Path) -> Path:
    """These tests are of the speaking clock alone: the plan's "clock only" check-in."""
    return clock_only_set_up_path


SIZE = (80, 24)
PLAN = CheckinPlan("a", 300_000, 1, 60_000, 2_700_000, 1_200_000)


def past_checkin(day: int, first: str, spoken: tuple[int, int], scores: tuple[int, int]):
    """A finished check-in of November `day`, 19:00."""
    speakers = (first, "b" if first == "a" else "a")
    return CheckinRecord(
        id=f"past-{day}",
        started_at=f"2026-11-{day:02d}T19:00:00+00:00",
        plan=replace(PLAN, first_speaker=first),
        turns=tuple(
            TurnRecord(speaker, 300_000, ms, f"2026-11-{day:02d}T19:00:00+00:00")
            for speaker, ms in zip(speakers, spoken, strict=True)
        ),
        status=CheckinStatus.FINISHED,
        ended_at=f"2026-11-{day:02d}T19:30:00+00:00",
        ratings=(Rating("a", scores[0]), Rating("b", scores[1], "a good talk")),
    )


async def tick_after(pilot, clock: FixedClock, seconds: int) -> None:
    """Let `seconds` pass and redraw, as the pane's timer would."""
    clock.advance(seconds)
    pilot.app.screen.query_one(CheckinPane).tick()
    await pilot.pause()


def test_the_plan_before_starting_with_three_weeks_behind(
    snap_compare, set_up_path: Path, clock: FixedClock, launch: Callable[[Path], AttuneApp]
):
    with Store.open(set_up_path, clock) as store:
        store.save_checkin(past_checkin(1, "a", (280_000, 310_000), (3, 2)))
        store.save_checkin(past_checkin(8, "b", (300_000, 250_000), (4, 3)))
        store.save_checkin(past_checkin(15, "a", (305_000, 300_000), (4, 5)))
    assert snap_compare(launch(set_up_path), terminal_size=SIZE)


def test_a_reflect_back(
    snap_compare, set_up_path: Path, clock: FixedClock, launch: Callable[[Path], AttuneApp]
):
    with Store.open(set_up_path, clock) as store:
        # Two minutes: twenty seconds in, the reflect-back is not yet in its last minute.
        store.update_settings(reflect_back_minutes=2)

    async def twenty_seconds_into_the_first_reflect_back(pilot) -> None:
        await pilot.press("space")
        await tick_after(pilot, clock, 4 * 60 + 10)
        await pilot.press("enter")
        await tick_after(pilot, clock, 20)

    assert snap_compare(
        launch(set_up_path),
        terminal_size=SIZE,
        run_before=twenty_seconds_into_the_first_reflect_back,
    )


def test_a_paused_turn(
    snap_compare, set_up_path: Path, clock: FixedClock, launch: Callable[[Path], AttuneApp]
):
    async def paused_two_minutes_in(pilot) -> None:
        await pilot.press("space")
        await tick_after(pilot, clock, 2 * 60)
        await pilot.press("space")
        await tick_after(pilot, clock, 10 * 60)

    assert snap_compare(launch(set_up_path), terminal_size=SIZE, run_before=paused_two_minutes_in)


def test_a_cooling_off(
    snap_compare, set_up_path: Path, clock: FixedClock, launch: Callable[[Path], AttuneApp]
):
    async def five_minutes_into_a_break(pilot) -> None:
        await pilot.press("space")
        await tick_after(pilot, clock, 60)
        await pilot.press("c")
        await tick_after(pilot, clock, 5 * 60)

    assert snap_compare(
        launch(set_up_path), terminal_size=SIZE, run_before=five_minutes_into_a_break
    )


def test_the_summary_after_finishing(
    snap_compare, set_up_path: Path, clock: FixedClock, launch: Callable[[Path], AttuneApp]
):
    async def two_turns_then_rated(pilot) -> None:
        await pilot.press("space")
        await tick_after(pilot, clock, 5 * 60 + 12)
        await pilot.press("enter", "enter")  # handed over, heard
        await tick_after(pilot, clock, 4 * 60 + 30)
        await pilot.press("f")  # end the talk: it asks first
        await pilot.pause()
        await pilot.press("y", "enter")  # on to the ratings
        await pilot.pause()
        await pilot.press("r", "4", "tab", *"We listened", "ctrl+s")
        await pilot.pause()
        await pilot.press("r", "3", "ctrl+s")
        await pilot.pause()
        await pilot.press("x", "enter")  # we got stuck; the last step: finish
        await pilot.pause()

    assert snap_compare(launch(set_up_path), terminal_size=SIZE, run_before=two_turns_then_rated)
