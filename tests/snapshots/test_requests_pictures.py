"""Pictures of the Requests pane at 80x24, with fixed data and time: requests in several
states (answer due, an alternative offered, agreed and now a ritual with its streak, kept),
and the form that turns a hurt into a request."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tui.clock import FixedClock
from tui.core.requests import StepKind, add_step, new_request
from tui.core.rituals import Cadence, Mark, RitualDraft, RitualList, Who
from tui.panes.requests import RequestsPane
from tui.screens.main import PANE_CLASSES
from tui.store import Store

from ..conftest import Launcher

KEY = str(PANE_CLASSES.index(RequestsPane) + 1)


def four_requests(path: Path, clock: FixedClock) -> None:
    """Kept, agreed and made a ritual (ticked two days), an alternative offered, answer due."""
    today = clock.now().date()
    ago = today - timedelta(days=10)
    with Store.open(path, clock) as store:
        kept = new_request("r1", asker="b", need="closeness", ask="A hug when I get home", day=ago)
        kept = add_step(add_step(kept, StepKind.DOABLE, "a", ago), StepKind.KEPT, "a", ago)
        store.save_request(kept)

        walk = RitualList().new_ritual(
            RitualDraft("A walk on Sunday mornings", Cadence.on(6), Who.TOGETHER), ago, lambda: "w"
        )
        store.save_rituals([walk])
        for days in (0, 7):
            store.set_mark((today - timedelta(days=days)).isoformat(), "w", "together", Mark.DONE)
        ritual = new_request(
            "r2",
            asker="a",
            need="time with you alone",
            ask="A walk together every evening",
            day=ago,
            hurt="I felt we only talk about chores",
        )
        ritual = add_step(ritual, StepKind.NOT_AS_ASKED, "b", ago, text="Evenings are hard")
        ritual = add_step(ritual, StepKind.ALTERNATIVE, "b", ago, text="A walk on Sunday mornings")
        ritual = add_step(ritual, StepKind.ACCEPTED, "a", ago)
        store.save_request(add_step(ritual, StepKind.RITUAL, "a", ago, linked_id="w"))

        offered = new_request(
            "r3", asker="b", need="to feel heard", ask="Ask how I am before advice", day=today
        )
        offered = add_step(
            offered, StepKind.ALTERNATIVE, "a", today, text="I ask first, most evenings"
        )
        store.save_request(offered)

        due = new_request("r4", asker="a", need="rest", ask="Take the kids on Saturdays", day=today)
        store.save_request(
            add_step(due, StepKind.THINKING, "b", today, answer_by=today + timedelta(days=3))
        )


def test_requests_in_each_state(
    snap_compare, set_up_path: Path, clock: FixedClock, launch: Launcher
):
    four_requests(set_up_path, clock)
    # The request that became a ritual is selected: its thread and streak show on the right.
    assert snap_compare(launch(set_up_path), press=[KEY, "down", "down"], terminal_size=(80, 24))


def test_the_form_that_turns_a_hurt_into_a_request(
    snap_compare, set_up_path: Path, clock: FixedClock, launch: Launcher
):
    four_requests(set_up_path, clock)
    assert snap_compare(
        launch(set_up_path),
        press=[KEY, "a", "tab", "tab", "tab", *"Care more"],
        terminal_size=(80, 24),
    )
