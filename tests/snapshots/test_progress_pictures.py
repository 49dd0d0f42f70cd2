"""Pictures of the Progress view: eight weeks at 80x24 (and without colour), and ten years
month by month in a large window, with fixed data and time."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from bench.history import build
from tui.clock import FixedClock
from tui.store.atomic import write_atomically

from ..conftest import Launcher
from ..functional.test_progress import TODAY, eight_weeks


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.pause()


def test_eight_weeks_at_80x24(snap_compare, set_up_path: Path, clock: FixedClock, launch: Launcher):
    eight_weeks(set_up_path, clock)
    # The cursor two weeks back, on a week with a check-in: its values beside each glyph.
    assert snap_compare(
        launch(set_up_path), press=["P", "left", "left"], terminal_size=(80, 24), run_before=_settle
    )


def test_eight_weeks_without_colour(
    snap_compare,
    set_up_path: Path,
    clock: FixedClock,
    launch: Launcher,
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv("NO_COLOR", "1")
    eight_weeks(set_up_path, clock)
    # Scrolled to the rituals and moments: every series told apart by its glyph.
    assert snap_compare(
        launch(set_up_path),
        press=["P", "left", "pagedown"],
        terminal_size=(80, 24),
        run_before=_settle,
    )


def test_ten_years_in_a_large_window(snap_compare, data_path: Path, launch: Launcher):
    data_path.parent.mkdir(parents=True)
    write_atomically(data_path, msgspec.json.encode(build(10, today=TODAY, seed=20261122)))
    # A year, week by week, then everything, month by month.
    assert snap_compare(
        launch(data_path),
        press=["P", "d", "d", "left"],
        terminal_size=(160, 50),
        run_before=_settle,
    )
