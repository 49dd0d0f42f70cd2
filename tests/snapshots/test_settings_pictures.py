"""Pictures of the Settings screen at 80x24, the smallest window Attune supports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from tui.app import AttuneApp

SIZE = (80, 24)


def test_settings_as_they_open(
    snap_compare, set_up_path: Path, launch: Callable[[Path], AttuneApp]
):
    assert snap_compare(launch(set_up_path), press=["S"], terminal_size=SIZE)


def test_a_name_that_cannot_be_kept(
    snap_compare, set_up_path: Path, launch: Callable[[Path], AttuneApp]
):
    async def the_same_name_twice(pilot) -> None:
        await pilot.press("S")
        await pilot.pause()
        pilot.app.screen.query_one("#second-name", Input).value = "sam"
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(launch(set_up_path), run_before=the_same_name_twice, terminal_size=SIZE)


def test_time_zones_filtered_as_they_are_typed(
    snap_compare, set_up_path: Path, launch: Callable[[Path], AttuneApp]
):
    async def new_zone_typed(pilot) -> None:
        await pilot.press("S")
        await pilot.pause()
        zone = pilot.app.screen.query_one("#time-zone", Input)
        zone.value = ""
        zone.focus()
        await pilot.press(*"america/new")
        # The field's suggestion comes from a worker, which a busy machine finishes late.
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(launch(set_up_path), run_before=new_zone_typed, terminal_size=SIZE)
