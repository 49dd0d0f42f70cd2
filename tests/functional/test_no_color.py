"""With NO_COLOR set, every state still reads in words and symbols, not in colour alone (every
view drawn without colour: see test_every_view.py)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tui.clock import FixedClock
from tui.core.agreements import Repair, log_lapse, propose, sign
from tui.panes.agreements import AgreementsPane
from tui.panes.rituals import RitualsPane
from tui.store import Store

from ..conftest import Launcher
from .helpers import pane_key, screen_text
from .test_checkin import run_for, start_checkin
from .test_rituals import open_rituals


@pytest.fixture
def set_up_path(clock_only_set_up_path: Path) -> Path:
    """These tests are of the speaking clock alone: the plan's "clock only" check-in."""
    return clock_only_set_up_path


@pytest.fixture(autouse=True)
def _no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


async def test_done_skipped_and_not_done_read_without_colour(
    set_up_path: Path, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 34)) as pilot:
        assert app.no_color
        await open_rituals(app, pilot)
        await pilot.press("space", "down", "s", "down", "x")
        await pilot.pause()
        rows = [str(row.render()) for row in app.screen.query_one(RitualsPane).grid.rows[:3]]
        assert "✓" in rows[0]
        assert "~" in rows[1]
        assert "✗" in rows[2]
        legend = "✓ done   ~ skipped   ✗ not done"
        assert legend in screen_text(app), "the legend says which symbol is which"


async def test_overtime_reads_without_colour(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 34)) as pilot:
        assert app.no_color
        pane = await start_checkin(app, pilot)
        await run_for(pane, clock, 4 * 60 + 5, pilot)
        assert "ONE MINUTE LEFT" in screen_text(app)
        await run_for(pane, clock, 60, pilot)
        text = screen_text(app)
        assert "TIME'S UP" in text and "+0:05" in text


async def test_a_review_due_reads_without_colour(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    today = clock.now().date()
    with Store.open(set_up_path, clock) as store:
        agreement = sign(sign(propose("g1", "We listen", "a", today, Repair(), 7), "a"), "b")
        lapsed = log_lapse(agreement, "l1", "b", today - timedelta(days=9), today, "")
        store.save_agreement(lapsed)
    app = launch(set_up_path)
    async with app.run_test(size=(100, 34)) as pilot:
        assert app.no_color
        await pilot.pause()
        assert "Agreements (1 review due)" in screen_text(app)
        await pilot.press(pane_key(AgreementsPane))
        await pilot.pause()
        assert "REVIEW DUE" in screen_text(app)
