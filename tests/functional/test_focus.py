"""Focus is never lost: after the window is briefly too small, or a dialog closes, the pane's
keys work at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.clock import FixedClock
from tui.core.speaking import Phase
from tui.dialogs.confirm import ConfirmDialog
from tui.panes.checkin import CheckinPane

from ..conftest import Launcher


@pytest.fixture
def set_up_path(clock_only_set_up_path: Path) -> Path:
    """These tests are of the speaking clock alone: the plan's "clock only" check-in."""
    return clock_only_set_up_path


async def test_the_running_check_in_keys_work_after_the_window_was_too_small(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        pane = app.screen.query_one(CheckinPane)
        assert pane.talk is not None and pane.talk.phase is Phase.SPEAKING
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.screen.focused is not None
        await pilot.press("space")
        assert pane.talk.phase is Phase.PAUSED, "space pauses"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), "escape asks to abandon"


async def test_the_check_in_keys_work_after_shrinking_with_a_dialog_open(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space", "f")  # End the talk? It asks first.
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        pane = app.screen.query_one(CheckinPane)
        assert app.screen.focused is not None
        await pilot.press("space")
        assert pane.talk is not None and pane.talk.phase is Phase.PAUSED
