"""A tick from the shell shows in the dashboard at its next start."""

from __future__ import annotations

from pathlib import Path

from tui.clock import FixedClock
from tui.core.rituals import STARTER_RITUALS, Mark, Ritual
from tui.panes.rituals import RitualsPane
from tui.shell import tick
from tui.store import Store

from ..conftest import Launcher
from .helpers import pane_key, screen_text


async def test_a_tick_from_the_shell_is_in_the_grid_at_the_next_start(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    with Store.open(set_up_path, clock) as store:
        store.save_rituals(
            [
                Ritual(f"r{n}", s.name, s.cadence, s.who, n, "2026-11-01", kind=s.kind)
                for n, s in enumerate(STARTER_RITUALS)
            ]
        )
        store.update_settings(starter_rituals_offered=True)
    assert tick(set_up_path, "talk", None, "today", Mark.DONE, clock) == 0
    assert tick(set_up_path, "talk", None, "yesterday", Mark.SKIPPED, clock) == 0

    app = launch(set_up_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(pane_key(RitualsPane))
        await pilot.pause()
        row = app.screen.query_one(RitualsPane).grid.rows[0]
        assert row.track.ritual.name == "Talk time, phones away (15 min)"
        assert [state.value for state in row.view.states[-2:]] == ["skipped", "done"]
        talk_line = next(line for line in screen_text(app).splitlines() if "Talk time" in line)
        assert "~" in talk_line and "✓" in talk_line
