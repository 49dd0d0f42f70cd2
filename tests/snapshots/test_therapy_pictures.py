"""Pictures of the Therapy pane at 80x24, with fixed data and time: a plan with the next
session tomorrow, open and ended practice with debriefs, sessions, and a check-in to raise."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from tui.clock import FixedClock
from tui.core.checkins import CheckinPlan, CheckinRecord, CheckinStatus
from tui.core.therapy import add_attempt, new_assignment, new_session
from tui.panes.therapy import TherapyPane
from tui.store import Store

from ..conftest import Launcher
from ..functional.helpers import pane_key

KEY = pane_key(TherapyPane)

TODAY = date(2026, 11, 22)


def a_month_of_therapy(path: Path, clock: FixedClock) -> None:
    """The plan, two sessions, practice open and ended, and a stuck check-in since."""
    with Store.open(path, clock) as store:
        store.update_therapy_plan(
            hopes_a=["To feel heard"],
            hopes_b=["To notice sooner when she needs me"],
            therapist="Dr Maya Okafor",
            approach="Emotionally focused",
            contact="Clinic desk, weekdays",
            session_every=2,
            next_session=datetime.fromisoformat("2026-11-23T09:00:00+00:00"),
        )
        store.save_session(new_session("s1", date(2026, 10, 29), "Name the feeling", TODAY))
        store.save_session(new_session("s2", date(2026, 11, 12), "Reflect back first", TODAY))
        ended = new_assignment("p1", "a", "Share one worry a day", date(2026, 10, 29))
        ended = add_attempt(ended, "t1", date(2026, 11, 1), 3, TODAY, "Said it early")
        store.save_assignment(ended.__class__(**{**_fields(ended), "until": date(2026, 11, 11)}))
        practice = new_assignment(
            "p2", "both", "Reflect back for ten minutes", date(2026, 11, 12), date(2026, 11, 25)
        )
        practice = add_attempt(
            practice, "t2", date(2026, 11, 14), 2, TODAY, "Slowing down", "Start earlier"
        )
        practice = add_attempt(practice, "t3", date(2026, 11, 18), 4, TODAY, "Eye contact")
        store.save_assignment(practice)
        plan = CheckinPlan("a", 300_000, 1, 60_000, 2_700_000, 1_200_000)
        store.save_checkin(
            CheckinRecord(
                "c1", "2026-11-15T19:00:00+00:00", plan, status=CheckinStatus.FINISHED, stuck=True
            )
        )


def _fields(record) -> dict:  # type: ignore[no-untyped-def]
    return {name: getattr(record, name) for name in record.__struct_fields__}


def test_therapy_with_a_session_tomorrow(
    snap_compare, set_up_path: Path, clock: FixedClock, launch: Launcher
):
    a_month_of_therapy(set_up_path, clock)
    # The open practice is selected: its debriefs, the check-in to raise, then the plan.
    assert snap_compare(launch(set_up_path), press=[KEY], terminal_size=(80, 24))


def test_a_new_couple_s_therapy_pane(snap_compare, set_up_path: Path, launch: Launcher):
    assert snap_compare(launch(set_up_path), press=[KEY], terminal_size=(80, 24))


def test_the_plan_form_shows_each_partner_s_hopes(
    snap_compare, set_up_path: Path, clock: FixedClock, launch: Launcher
):
    a_month_of_therapy(set_up_path, clock)
    assert snap_compare(launch(set_up_path), press=[KEY, "p"], terminal_size=(80, 24))
