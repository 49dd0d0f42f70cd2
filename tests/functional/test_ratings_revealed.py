"""A rating is seen only once both partners are in: one rule (`tui.core.checkins.shown_rating`)
that every view of a check-in's ratings reads. Checked on every view at once, with the plan's
"clock only" check-in, the one that once showed the first rating on the second partner's form.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.days import logical_day
from tui.core.report import choose_period
from tui.core.speaking import Phase
from tui.dialogs.agenda import HiddenRatingDialog
from tui.dialogs.past_meetings import PastMeetingsDialog
from tui.exports import report_text

from ..conftest import Launcher
from .helpers import read_data_file, screen_text
from .test_agenda import (
    open_rating,
    pane_of,
    rate,
    save_dialog,
    save_last_weeks_checkin,
    settle,
    step_line,
    type_text,
)

SIZE = (100, 34)
SECRET = "I felt far away"
"""Sam's note with a rating of 4: hidden with it until Alex is in."""
SCORE = re.compile(r"\b([1-5])(?: of |/)5\b|(●)")
"""A rating as any view writes it ("4 of 5", "4/5") or a picker's dots."""
LAST_WEEK = {"1", "5"}
"""Last week's ratings (Sam 1, Alex 5), shown everywhere as they should be."""


def scores_on(text: str) -> set[str]:
    """Every score (and dot) in `text`."""
    return {match.group(1) or match.group(2) for match in SCORE.finditer(text)}


def assert_only_last_week(text: str, where: str) -> None:
    """Nothing of this week's ratings in `text`: no score but last week's, no dot, no note."""
    assert scores_on(text) <= LAST_WEEK, (where, text)
    assert SECRET not in text, (where, text)


def report_of(app: AttuneApp, form: str) -> str:
    """The report of the last month, as the palette's "Write a report" writes it."""
    now = app.clock.now()
    today = logical_day(now, app.store.settings().day_rollover_hour)
    return report_text(app.store, choose_period(None, None, today), now, form, True)


def reported_ratings(app: AttuneApp) -> dict[str, dict[str, object]]:
    """Each check-in's ratings in the JSON report, by day."""
    checkins = json.loads(report_of(app, "json"))["checkins"]
    return {entry["day"]: entry["ratings"] for entry in checkins}


async def end_the_talk_and_go_to_the_ratings(app: AttuneApp, pilot) -> None:
    """Start the clock, end the talk (it asks first), go on to the ratings step."""
    await pilot.press("space", "f")
    await settle(pilot)
    await pilot.press("y", "enter")
    await settle(pilot)
    assert step_line(app) == "Step 2 of 2 · Ratings, revealed together"


async def test_no_view_shows_a_rating_before_both_are_in_and_every_view_does_after(
    clock_only_set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    path = clock_only_set_up_path
    save_last_weeks_checkin(path, clock, (1, 5))
    app = launch(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = pane_of(app)
        # This week: Sam rates; Alex is not ready.
        await end_the_talk_and_go_to_the_ratings(app, pilot)
        await rate(app, pilot, 4, SECRET)
        assert "Sam has answered" in screen_text(app)
        assert_only_last_week(screen_text(app), "the ratings step")
        dialog = await open_rating(app, pilot)
        assert "Alex, your rating" in screen_text(app)
        assert not pane.talk.is_running, "the talk is over: no turn runs behind the form"
        assert_only_last_week(screen_text(app), "Alex's form")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not dialog and "Sam has answered" in screen_text(app)
        (this_week,) = [
            record
            for record in read_data_file(path)["checkins"].values()
            if record["status"] == "in_progress"
        ]
        assert this_week["ratings"] == [{"partner": "a", "score": 4, "note": SECRET}]

        # They move on without Alex's: the week is finished, Sam's rating stays unseen.
        await pilot.press("s")
        await settle(pilot)
        assert pane.talk.phase is Phase.FINISHED
        summary = screen_text(app)
        assert "Check-in finished" in summary
        assert re.search(r"Sam\s+0:00\s+0:00\s+hidden: only one of you answered", summary)
        assert_only_last_week(summary, "the summary")
        await pilot.press("space")
        await settle(pilot)
        assert "22 Nov" in screen_text(app)
        assert_only_last_week(screen_text(app), "the history")
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PastMeetingsDialog)
        assert "22 Nov 2026" in screen_text(app)
        assert_only_last_week(screen_text(app), "past weeks")
        await pilot.press("escape")
        await settle(pilot)
        for form in ("markdown", "json"):
            report = report_of(app, form)
            assert "4 (connected)" not in report and SECRET not in report, report
        assert reported_ratings(app)["2026-11-22"] == {"a": None, "b": None}

        # A week later both rate: Alex first (Sam opened last time), then Sam, masked.
        clock.advance(7 * 24 * 3600)
        await end_the_talk_and_go_to_the_ratings(app, pilot)
        await rate(app, pilot, 2)
        await open_rating(app, pilot)
        await pilot.press("4")
        assert "chosen, and hidden from view" in screen_text(app)
        assert scores_on(screen_text(app)) <= LAST_WEEK, "no score, no dot on the form"
        await pilot.press("tab")
        await type_text(pilot, SECRET)
        await save_dialog(app, pilot)
        assert not isinstance(app.screen, HiddenRatingDialog)

        step = screen_text(app)
        assert "Both are in" in step and SECRET in step
        # Last week is the one both rated: Sam's lone rating of the week before never counts.
        assert "4 of 5 (up 3 from last week)" in step
        assert "2 of 5 (down 3 from last week)" in step
        await pilot.press("enter")
        await settle(pilot)
        summary = screen_text(app)
        assert re.search(r"Sam\s+0:00\s+0:00\s+4 of 5 \(up 3 from last week\)", summary), summary
        assert re.search(r"Alex\s+0:00\s+0:00\s+2 of 5", summary), summary
        await pilot.press("space")
        await settle(pilot)
        assert re.search(r"29 Nov\s+0:00 4/5\s+0:00 2/5", screen_text(app)), screen_text(app)
        await pilot.press("p")
        await settle(pilot)
        past = screen_text(app)
        assert "4/5, up 3" in past and "2/5, down 3" in past and SECRET in past
        await pilot.press("escape")
        await settle(pilot)
        assert "4 (connected)" in report_of(app, "markdown")
        assert reported_ratings(app)["2026-11-29"] == {
            "a": {"score": 4, "label": "connected"},
            "b": {"score": 2, "label": "a little connected"},
        }
