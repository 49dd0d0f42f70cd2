"""Bugs the key monkey found, each pinned by the shortest key sequence that shows it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tui.clock import FixedClock
from tui.core.checkins import CheckinStatus
from tui.dialogs.confirm import ConfirmDialog
from tui.store import Store

from ..conftest import Launcher
from .helpers import screen_text
from .monkey import key_event, settle
from .test_agenda import rate
from .test_checkin_review import _log_moments


async def test_page_keys_in_the_palette_the_moment_it_opens(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    app = launch(set_up_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # As fast as a quick hand: the second key arrives before the palette's list is drawn.
        app.post_message(key_event("ctrl+p"))
        app.post_message(key_event("pageup"))
        await settle(pilot)
        assert app.is_running


@pytest.mark.parametrize("height", [0, 5])
async def test_page_keys_in_a_list_with_no_room_to_lay_out_its_lines(height: int) -> None:
    """Found in the Agreements pane (seed 2, fresh): a list with no height has no line map."""
    from textual.app import App, ComposeResult

    from tui.widgets.option_list import PagedOptionList

    class OneList(App[None]):
        def compose(self) -> ComposeResult:
            listing = PagedOptionList(*[f"agreement {n}" for n in range(30)])
            listing.styles.height = height
            yield listing

    app = OneList()
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.query_one(PagedOptionList)
        listing.highlighted = 3
        listing.focus()
        await pilot.press("pagedown", "pageup")
        assert app.is_running and listing.highlighted is not None


async def test_a_rating_stays_hidden_when_the_ratings_step_is_skipped_after_one_partner(
    set_up_path: Path, launch: Launcher
) -> None:
    """Found by the monkey (seed 2, meeting run): the first partner rates, the ratings step
    is skipped, and the finished meeting's summary showed that rating and its note though
    the other partner never rated. Fixed by the one rule `shown_rating`."""
    app = launch(set_up_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        # Start, then skip appreciations, wins, the talk (not started) and requests.
        await pilot.press("space", "s", "s", "s", "s")
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("4", "tab", *"zqxnote", "ctrl+s")
        await pilot.pause()
        await pilot.press("s", "enter")  # skip the ratings step; finish at looking ahead
        await pilot.pause()
        record = Store.peek(set_up_path, app.clock).checkins()[-1]
        assert record.status is CheckinStatus.FINISHED
        assert [rating.partner for rating in record.ratings] == ["a"]
        text = screen_text(app)
        assert "zqxnote" not in text
        assert "4 of 5" not in text


async def test_a_rename_reaches_a_paused_talk_at_once(
    clock_only_set_up_path: Path, launch: Launcher
) -> None:
    """Found by the monkey (seed 3, meeting run): renamed in Settings during a paused talk,
    the speaking clock's prompts went on naming the partner as before ("For Sam: ...")."""
    app = launch(clock_only_set_up_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        await pilot.press("space", "space")  # start the talk, then pause it
        await pilot.pause()
        assert "For Sam" in screen_text(app) or "For Alex" in screen_text(app)
        await pilot.press("S")
        await pilot.pause()
        app.screen.query_one("#first-name", Input).focus()
        await pilot.press("ctrl+shift+a", *"Robin", "ctrl+s")
        await pilot.pause()
        assert Store.peek(clock_only_set_up_path, app.clock).settings().partners.a == "Robin"
        text = screen_text(app)
        assert "Sam" not in text
        assert "For Robin" in text


async def test_a_check_in_finishes_after_a_moment_to_review_was_deleted(
    clock_only_set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    """Found by the monkey (seed 1, panes run): a moment shown for the check-in's review was
    deleted in the Moments pane while the check-in ran, and finishing it crashed."""
    _log_moments(clock_only_set_up_path, clock)
    app = launch(clock_only_set_up_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        assert "To talk about: 1 moment" in screen_text(app)
        await pilot.press("space", "f")  # start the talk, then end it early
        await settle(pilot)
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("5", "end")  # the Moments pane, the oldest moment: the one to review
        await pilot.pause()
        moments_before = len(Store.peek(clock_only_set_up_path, app.clock).moments())
        await pilot.press("delete")
        await pilot.pause()
        if isinstance(app.screen, ConfirmDialog):
            await pilot.press("y")
            await pilot.pause()
        kept = Store.peek(clock_only_set_up_path, app.clock).moments()
        assert len(kept) == moments_before - 1 and "m0" not in {m.id for m in kept}
        await pilot.press("1", "enter")
        await rate(app, pilot, 4)
        await rate(app, pilot, 3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        record = Store.peek(clock_only_set_up_path, app.clock).checkins()[-1]
        assert record.status is CheckinStatus.FINISHED
