"""One time, every view: a therapy session and a moment noted before the couple's zone changed
read the same on their clock now in the Therapy pane, its tab, its form, the Moments pane, the
check-in's look at the moments, the report (Markdown and JSON) and the calendar file.

Each fact is stated once here, as a point in time and how the couple's clock shows it in their
new zone; every view is checked against that one statement.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pendulum
from msgspec.structs import replace
from textual.widgets import Input

from tui import shell
from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.moments import MomentKind, new_moment
from tui.dialogs.moment import MomentDialog
from tui.dialogs.therapy import PlanDialog
from tui.panes.checkin import CheckinPane
from tui.panes.moments import MomentsPane
from tui.panes.therapy import TherapyPane
from tui.store import Store
from tui.widgets.moment_list import MomentList

from ..conftest import make_settings
from .helpers import pane_key, screen_text, widget_text
from .test_settings_screen import open_settings, save, typed

ZONE_BEFORE = "Pacific/Auckland"
ZONE = "America/New_York"
"""The couple moved from Auckland to New York while Attune kept their record."""

SESSION = datetime(2026, 12, 10, 16, 0, tzinfo=UTC)
SESSION_ON_THEIR_CLOCK = datetime(2026, 12, 10, 11, 0)
"""The next session, booked in Auckland, is at 11:00 on Thursday 10 December in New York."""

MOMENT_BEFORE = pendulum.datetime(2026, 12, 8, 9, 55, tz=ZONE_BEFORE)
MOMENT_BEFORE_ON_THEIR_CLOCK = datetime(2026, 12, 7, 15, 55)
"""Noted in Auckland on the morning of the 8th: 15:55 on the 7th in New York."""
MOMENT_AFTER_ON_THEIR_CLOCK = datetime(2026, 12, 7, 18, 3)
"""Noted after the move, typed as New York time: later than the one before."""

NOW = pendulum.datetime(2026, 12, 8, 12, 30, tz=ZONE_BEFORE)
"""12:30 in Auckland: 18:30 on the 7th in New York."""


def write_the_record(path: Path, clock: FixedClock) -> None:
    """The couple's file as it was in Auckland: the session booked, one moment noted."""
    with Store.open(path, clock) as store:
        store.set_up(
            replace(make_settings(starter_rituals_offered=True), time_zone=ZONE_BEFORE),
            created=clock.now().isoformat(),
        )
        store.update_therapy_plan(session_every=2, next_session=SESSION)
        store.save_moment(
            new_moment(
                "before",
                at=MOMENT_BEFORE,
                now=MOMENT_BEFORE,
                who="a",
                kind=MomentKind.NEGLECT,
                what_happened="Noted in Auckland",
            )
        )


async def move_to_new_york(app: AttuneApp, pilot) -> None:
    """Settings: the new zone, saved."""
    screen = await open_settings(app, pilot)
    typed(screen, "time-zone", ZONE)
    await save(pilot)
    assert app.clock.time_zone == ZONE


async def note_a_moment_at(app: AttuneApp, pilot, what: str, when: datetime) -> None:
    """`m` from any pane, the time typed on the couple's clock."""
    await pilot.press("m")
    await pilot.pause()
    assert isinstance(app.screen, MomentDialog)
    app.screen.query_one("#what_happened", Input).value = what
    app.screen.query_one("#at", Input).value = f"{when:%Y-%m-%d %H:%M}"
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert not isinstance(app.screen, MomentDialog), "the moment was saved"


def exported(path: Path, clock: FixedClock, tmp_path: Path) -> tuple[str, dict, str]:
    """The report in Markdown and JSON and the calendar file, from the shell, as they are
    written while the dashboard is open."""
    files = {name: tmp_path / name for name in ("report.md", "report.json", "attune.ics")}
    for form, name in (("markdown", "report.md"), ("json", "report.json")):
        written = shell.report(
            path, "2026-12-01", "2026-12-09", form, str(files[name]), True, False, clock
        )
        assert written == 0
    assert shell.calendar(path, "19:00", 2, str(files["attune.ics"]), False, clock) == 0
    return (
        files["report.md"].read_text(encoding="utf-8"),
        json.loads(files["report.json"].read_text(encoding="utf-8")),
        files["attune.ics"].read_text(encoding="utf-8"),
    )


async def test_a_session_and_moments_read_on_the_couple_s_clock_now_in_every_view(
    data_path: Path, tmp_path: Path
) -> None:
    clock = FixedClock(NOW, time_zone=ZONE_BEFORE)
    write_the_record(data_path, clock)
    session, before, after = SESSION_ON_THEIR_CLOCK, MOMENT_BEFORE_ON_THEIR_CLOCK, None
    with Store.open(data_path, clock) as store:
        app = AttuneApp(store, clock)
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            await move_to_new_york(app, pilot)
            after = MOMENT_AFTER_ON_THEIR_CLOCK
            await note_a_moment_at(app, pilot, "Noted in New York", after)

            # The Moments pane: the newest first, each on its New York day and time.
            await pilot.press(pane_key(MomentsPane))
            await pilot.pause()
            listing = app.screen.query_one(MomentList)
            lines = [listing.render_line(y).text for y in range(2)]
            assert "Noted in New York" in lines[0] and "Noted in Auckland" in lines[1]
            assert all(f" {before:%Y-%m-%d} " in line for line in lines), lines
            detail = widget_text(app, "#moment-detail")
            assert f"{after:%a %Y-%m-%d %H:%M}" in detail
            await pilot.press("down")
            assert f"{before:%a %Y-%m-%d %H:%M}" in widget_text(app, "#moment-detail")

            # The check-in: the moments to talk about (neglect is marked for it), each on its
            # New York day.
            await pilot.press(pane_key(CheckinPane))
            await pilot.pause()
            review = widget_text(app, "#moment-review")
            assert f"{before:%Y-%m-%d}  Sam: Noted in Auckland" in review

            # Two days on, the session is tomorrow: the tab, the pane and its form say when.
            clock.advance(2 * 24 * 3600)
            await pilot.press(pane_key(TherapyPane))
            await pilot.pause()
            await pilot.pause()
            tabs = screen_text(app).split("\n")[1]
            assert f"Therapy (tomorrow {session:%H:%M})" in tabs
            plan = widget_text(app, "#therapy-detail")
            assert f"Next session: {session:%a} {session.day} {session:%b %H:%M}" in plan
            await pilot.press("p")
            await pilot.pause()
            assert isinstance(app.screen, PlanDialog)
            shown = app.screen.query_one("#next-session", Input).value
            assert shown == f"{session:%Y-%m-%d %H:%M}"
            await pilot.press("escape")
            await pilot.pause()

            markdown, document, calendar = exported(data_path, clock, tmp_path)

    assert f"- Next session: {session:%Y-%m-%d %H:%M}" in markdown
    assert f"- {before:%Y-%m-%d %H:%M}, neglect, Sam" in markdown
    assert f"- {after:%Y-%m-%d %H:%M}, connection, both of you" in markdown
    plan_entry = document["therapy"]["plan"]
    assert plan_entry["next_session"] == f"{session:%Y-%m-%dT%H:%M:%S}-05:00"
    moments = document["moments"]["moments"]
    assert [(m["day"], m["at"]) for m in moments] == [
        (f"{when:%Y-%m-%d}", f"{when:%Y-%m-%dT%H:%M:%S}-05:00") for when in (before, after)
    ]
    assert f"DTSTART;TZID={ZONE}:{session:%Y%m%dT%H%M%S}" in calendar
