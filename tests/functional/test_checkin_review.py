"""The check-in looks back together: the moments marked for it, and the requests that came true
since the last one."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.checkins import closed_as_it_stands, new_checkin
from tui.core.moments import MomentKind, new_moment
from tui.core.requests import StepKind, add_step, new_request
from tui.core.speaking import Phase
from tui.panes.checkin import CheckinPane
from tui.store import Store

from ..conftest import Launcher
from .helpers import read_data_file, screen_text
from .test_agenda import rate, settle


@pytest.fixture
def set_up_path(clock_only_set_up_path: Path) -> Path:
    """These tests are of the speaking clock alone: the plan's "clock only" check-in."""
    return clock_only_set_up_path


async def finish_at_once(app: AttuneApp, pilot) -> None:
    """Start, end the talk at once, both rate, finish: the summary shows."""
    await pilot.press("space", "f")
    await settle(pilot)
    await pilot.press("y", "enter")
    await rate(app, pilot, 4)
    await rate(app, pilot, 3)
    await pilot.press("enter")
    await settle(pilot)


def _log_moments(path: Path, clock: FixedClock) -> None:
    now = clock.now()
    with Store.open(path, clock) as store:
        for number, (kind, what) in enumerate(
            [
                (MomentKind.NEGLECT, "[bold]Dinner[/] on our phones again"),
                (MomentKind.CONNECTION, "A long walk, talking about nothing"),
            ]
        ):
            store.save_moment(
                new_moment(
                    f"m{number}",
                    at=now - timedelta(days=2 - number),
                    now=now,
                    who="a",
                    kind=kind,
                    what_happened=what,
                )
            )


async def test_marked_moments_show_before_the_talk_and_are_kept_as_talked_about(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    _log_moments(set_up_path, clock)
    app = launch(set_up_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        # Neglect is marked for the check-in by default; connection is not.
        assert "To talk about: 1 moment" in text, text
        assert "[bold]Dinner[/] on our phones again" in text
        assert "A long walk" not in text

        pane = app.screen.query_one(CheckinPane)
        await finish_at_once(app, pilot)
        assert pane.talk is not None and pane.talk.phase is Phase.FINISHED
        await pilot.press("space")  # back to the plan: nothing left to talk about
        await pilot.pause()
        assert "To talk about" not in screen_text(app)

    moments = read_data_file(set_up_path)["moments"]
    talked = {document["id"]: document.get("talked_about_on") for document in moments.values()}
    assert talked == {"m0": clock.now().date().isoformat(), "m1": None}


async def test_the_summary_counts_the_requests_kept_since_the_last_check_in(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    today = clock.now().date()
    with Store.open(set_up_path, clock) as store:
        last_week = (clock.now() - timedelta(days=7)).isoformat()
        earlier = closed_as_it_stands(new_checkin(store.settings(), "a", last_week), last_week)
        store.save_finished_checkin(earlier, (today - timedelta(days=7)).isoformat())
        request = new_request(
            "r1",
            asker="a",
            need="I need to feel my day matters to you",
            ask="Ask about my day at dinner, most evenings",
            day=today - timedelta(days=5),
        )
        request = add_step(request, StepKind.DOABLE, "b", today - timedelta(days=5))
        request = add_step(request, StepKind.KEPT, "a", today - timedelta(days=1))
        store.save_request(request)
    app = launch(set_up_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        await finish_at_once(app, pilot)
        text = screen_text(app)
        assert "Check-in finished" in text
        assert (
            "Since your last check-in, 1 request came true (kept): “Ask about my day at "
            "dinner, most evenings”."
        ) in " ".join(text.split())
