"""The looking-ahead wishes of the last check-in, shown in the Rituals pane through the week."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from msgspec.structs import replace
from textual.widgets import Static

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.checkins import CheckinRecord, CheckinStatus, Wish, new_checkin
from tui.core.rituals import starter_rituals
from tui.panes.checkin import CheckinPane
from tui.panes.rituals import RitualsPane
from tui.store import Store

from ..conftest import Launcher
from .helpers import pane_key, screen_text, widget_text


def finished_checkin(
    store: Store, clock: FixedClock, days_ago: int, wishes: tuple[Wish, ...]
) -> CheckinRecord:
    """A check-in begun `days_ago` days and an hour before the test clock's now, finished."""
    started = clock.now().subtract(days=days_ago, hours=1)
    record = new_checkin(store.settings(), "a", started.isoformat())
    return replace(
        record,
        status=CheckinStatus.FINISHED,
        ended_at=started.add(minutes=40).isoformat(),
        wishes=wishes,
    )


def with_rituals_and_checkins(
    path: Path, clock: FixedClock, *checkins: tuple[int, tuple[Wish, ...]]
) -> None:
    """The starter rituals (the offer already answered) and check-ins, each (days ago, wishes)."""
    with Store.open(path, clock) as store:
        store.save_rituals(starter_rituals(clock.now().date() - timedelta(days=30)))
        store.update_settings(starter_rituals_offered=True)
        for days_ago, wishes in checkins:
            store.save_checkin(finished_checkin(store, clock, days_ago, wishes))


async def open_rituals(app: AttuneApp, pilot) -> RitualsPane:
    await pilot.pause()
    await pilot.press(pane_key(RitualsPane))
    # Built on this first visit: one frame to mount, one to lay the board out.
    await pilot.pause()
    await pilot.pause()
    return app.screen.query_one(RitualsPane)


def wishes_line(app: AttuneApp) -> Static:
    return app.screen.query_one("#ritual-wishes", Static)


WALK = Wish("a", "a walk after dinner")
QUIET = Wish("b", "ten quiet minutes together")


async def test_last_weeks_wishes_show_above_the_grid_at_80_columns(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    # Alex's wish was saved first; the line still names the partners in their own order.
    with_rituals_and_checkins(set_up_path, clock, (7, (QUIET, WALK)))
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_rituals(app, pilot)
        line = wishes_line(app)
        assert line.display
        text = widget_text(app, "#ritual-wishes")
        assert "Sunday 15 November" in text
        assert text.index("Sam: a walk after dinner") < text.index(
            "Alex: ten quiet minutes together"
        )
        assert line.size.height <= 2, "one or two lines at 80 columns"
        # The line wraps where the width says: look for words, not the whole wish.
        shown = screen_text(app)
        assert "dinner" in shown and "quiet" in shown
        last_row = pane.grid.rows[-1]
        assert last_row.region.bottom <= pane.board.region.bottom, "the grid is still all there"


async def test_no_line_without_wishes(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    with_rituals_and_checkins(set_up_path, clock, (7, ()))
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_rituals(app, pilot)
        assert not wishes_line(app).display
        assert "wishes" not in screen_text(app)


async def test_no_line_before_any_check_in(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    with_rituals_and_checkins(set_up_path, clock)
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_rituals(app, pilot)
        assert not wishes_line(app).display


@pytest.mark.parametrize(("days_ago", "shown"), [(14, True), (15, False), (21, False)])
async def test_wishes_are_this_weeks_for_two_weeks_at_most(
    set_up_path: Path, clock: FixedClock, launch: Launcher, days_ago: int, shown: bool
) -> None:
    with_rituals_and_checkins(set_up_path, clock, (days_ago, (WALK,)))
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_rituals(app, pilot)
        assert wishes_line(app).display is shown
        assert ("dinner" in screen_text(app)) is shown


async def test_the_line_goes_when_the_days_pass(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    with_rituals_and_checkins(set_up_path, clock, (7, (WALK,)))
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_rituals(app, pilot)
        assert wishes_line(app).display
        clock.advance(8 * 24 * 3600)
        pane.note_day_turned()
        await pilot.pause()
        assert not wishes_line(app).display


async def test_the_newest_check_in_s_wishes_are_the_ones_shown(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    older = (Wish("a", "breakfast in bed"),)
    with_rituals_and_checkins(set_up_path, clock, (8, older), (6, (WALK, QUIET)))
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_rituals(app, pilot)
        text = widget_text(app, "#ritual-wishes")
        assert "a walk after dinner" in text and "breakfast" not in text


async def test_a_later_check_in_without_wishes_ends_the_reminder(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    # The last check-in (the clock alone, say) named none: last week's are not this week's.
    with_rituals_and_checkins(set_up_path, clock, (6, (WALK, QUIET)), (1, ()))
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_rituals(app, pilot)
        assert not wishes_line(app).display


async def test_a_check_in_finished_while_open_shows_its_wishes_on_the_next_visit(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    with_rituals_and_checkins(set_up_path, clock)
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_rituals(app, pilot)
        assert not wishes_line(app).display
        await pilot.press(pane_key(CheckinPane))
        app.store.save_checkin(finished_checkin(app.store, clock, 0, (WALK, QUIET)))
        pane.note_marks_changed()
        await pilot.press(pane_key(RitualsPane))
        await pilot.pause()
        text = widget_text(app, "#ritual-wishes")
        assert "Sunday 22 November" in text
        assert "Sam: a walk after dinner" in text and "Alex: ten quiet minutes together" in text


async def test_markup_like_wishes_and_names_show_literally(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    wishes = (Wish("a", "[bold]x[/]"), Wish("b", "[@click=app.quit]go[/]"))
    with_rituals_and_checkins(set_up_path, clock, (3, wishes))
    with Store.open(set_up_path, clock) as store:
        store.update_settings(partners=replace(store.settings().partners, b="[i]Alex[/i]"))
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_rituals(app, pilot)
        text = widget_text(app, "#ritual-wishes")
        assert "Sam: [bold]x[/]" in text
        assert "[i]Alex[/i]: [@click=app.quit]go[/]" in text
        assert "[bold]x[/]" in screen_text(app)


async def test_only_the_partner_who_named_a_wish_is_shown(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    with_rituals_and_checkins(set_up_path, clock, (2, (QUIET,)))
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_rituals(app, pilot)
        text = widget_text(app, "#ritual-wishes")
        assert "Alex: ten quiet minutes together" in text
        assert "Sam" not in text and "·" not in text
