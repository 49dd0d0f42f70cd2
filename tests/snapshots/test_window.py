"""Pictures of the window at 80x24, the smallest size Attune supports, with fixed data and time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.panes.checkin import CheckinPane
from tui.panes.rituals import RitualsPane

from ..functional.helpers import pane_key
from ..functional.monkey import settle


def test_first_run_setup(snap_compare, data_path: Path, launch: Callable[[Path], AttuneApp]):
    assert snap_compare(launch(data_path), terminal_size=(80, 24))


def test_dashboard(snap_compare, set_up_path: Path, launch: Callable[[Path], AttuneApp]):
    assert snap_compare(launch(set_up_path), terminal_size=(80, 24))


def test_help(snap_compare, set_up_path: Path, launch: Callable[[Path], AttuneApp]):
    assert snap_compare(launch(set_up_path), press=["question_mark"], terminal_size=(80, 24))


def test_a_turn_in_overtime(
    snap_compare,
    clock_only_set_up_path: Path,
    clock: FixedClock,
    launch: Callable[[Path], AttuneApp],
):
    async def five_minutes_and_twenty_three_seconds_in(pilot) -> None:
        await pilot.press("space")
        pane = pilot.app.screen.query_one(CheckinPane)
        clock.advance(5 * 60 + 23)
        pane.tick()
        await pilot.pause()

    assert snap_compare(
        launch(clock_only_set_up_path),
        terminal_size=(80, 24),
        run_before=five_minutes_and_twenty_three_seconds_in,
    )


def test_please_enlarge_notice(
    snap_compare, set_up_path: Path, launch: Callable[[Path], AttuneApp]
):
    assert snap_compare(launch(set_up_path), terminal_size=(60, 20))


def test_help_of_the_rituals_pane(
    snap_compare, set_up_path: Path, launch: Callable[[Path], AttuneApp]
):
    async def rituals_with_the_starter_set_then_help(pilot) -> None:
        # Each step settles until the dashboard has drawn what it leads to: the help is drawn
        # over the last frame of the screen beneath, which must show the rituals just added.
        await pilot.press(pane_key(RitualsPane))
        await settle(pilot)
        await pilot.press("y")  # the starter rituals it offers
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(
        launch(set_up_path),
        terminal_size=(80, 24),
        run_before=rituals_with_the_starter_set_then_help,
    )
