"""Pictures of the weekly meeting's agenda at 80x24 with fixed data and time: the appreciations
step with entries, the ratings step after one hidden rating, and the summary of a whole meeting."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.panes.checkin import CheckinPane

SIZE = (80, 24)


async def settle(pilot) -> None:
    """A dialog pushed or dismissed needs a frame to mount and one to lay out."""
    await pilot.pause()
    await pilot.pause()


async def fill_and_save(pilot, values: dict[str, str]) -> None:
    """Fill the open dialog's fields by id, then save it."""
    for field, value in values.items():
        pilot.app.screen.query_one(f"#{field}", Input).value = value
    await pilot.pause()
    await pilot.press("ctrl+s")
    await settle(pilot)


async def write(pilot, values: dict[str, str]) -> None:
    """`w` at a step that takes entries, then its dialog filled in and saved."""
    await pilot.press("w")
    await settle(pilot)
    await fill_and_save(pilot, values)


async def rate(pilot, score: int, note: str = "") -> None:
    await pilot.press("r")
    await settle(pilot)
    await pilot.press(str(score))
    await fill_and_save(pilot, {"hidden-note": note})


APPRECIATIONS = {
    "appreciation-a-1": "the tea in bed on Tuesday",
    "appreciation-a-2": "listening to my day",
    "appreciation-b-1": "fixing the garden gate",
}


async def appreciations_written(pilot) -> None:
    await pilot.press("space")
    await settle(pilot)
    await write(pilot, APPRECIATIONS)


async def talk_through(pilot, clock: FixedClock) -> None:
    """Every turn of the default plan, five minutes each, handed over and heard."""
    pane = pilot.app.screen.query_one(CheckinPane)
    await pilot.press("space")
    for _turn in range(4):
        for _second in range(5 * 60):
            clock.advance(1)
            pane.tick()
        await pilot.press("enter")
        clock.advance(30)
        pane.tick()
        await pilot.press("enter")
    await pilot.pause()


def test_the_appreciations_step_with_entries(
    snap_compare, set_up_path: Path, launch: Callable[[Path], AttuneApp]
):
    assert snap_compare(launch(set_up_path), terminal_size=SIZE, run_before=appreciations_written)


def test_the_ratings_step_after_one_hidden_rating(
    snap_compare, set_up_path: Path, launch: Callable[[Path], AttuneApp]
):
    async def sam_has_rated(pilot) -> None:
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("s", "s", "s", "s")  # on to the ratings
        await rate(pilot, 4, "we laughed again")

    assert snap_compare(launch(set_up_path), terminal_size=SIZE, run_before=sam_has_rated)


def test_the_summary_of_a_whole_meeting(
    snap_compare, set_up_path: Path, clock: FixedClock, launch: Callable[[Path], AttuneApp]
):
    async def every_step_done(pilot) -> None:
        await appreciations_written(pilot)
        await pilot.press("enter", "enter")  # on from the appreciations, past the wins
        await talk_through(pilot, clock)
        await pilot.press("enter")
        await write(pilot, {"need": "to feel chosen", "ask": "A walk together on Sunday mornings"})
        await pilot.press("enter")
        await rate(pilot, 4, "we laughed again")
        await rate(pilot, 3)
        await pilot.press("enter")
        await write(
            pilot, {"wish-a": "a picnic in the park", "wish-b": "an evening without phones"}
        )
        await pilot.press("enter")
        # The toast of the saved request goes after a few seconds of real time: not pictured.
        pilot.app.clear_notifications()
        await settle(pilot)

    assert snap_compare(launch(set_up_path), terminal_size=SIZE, run_before=every_step_done)
