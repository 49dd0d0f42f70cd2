"""Focus is never lost: after the window is briefly too small, or a dialog closes, the pane's
keys work at once; `tab` moves only between the pane's own widgets, where its keys work."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.moments import MomentKind, new_moment
from tui.core.speaking import Phase
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.moment import MomentDialog
from tui.keys import bindings_of, is_enabled
from tui.panes.checkin import CheckinPane
from tui.panes.moments import MomentsPane
from tui.screens.main import PANE_CLASSES, MainScreen
from tui.store import Store
from tui.widgets.checkin_views import SummaryView
from tui.widgets.moment_list import MomentList
from tui.widgets.moment_tags import MomentSearch

from ..conftest import Launcher
from .helpers import pane_key, read_data_file, screen_text, widget_text


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


def assert_the_pane_keys_work_here(app: AttuneApp) -> None:
    """The keyboard is inside the current pane, and every pane key it offers now is live."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    pane = screen.current_pane
    focused = screen.focused
    assert focused is not None and pane in focused.ancestors_with_self, (
        f"tab left {pane.TITLE} for {focused}"
    )
    if isinstance(focused, Input):
        return  # letters type here; the box's own keys lead back to the list
    live = {bound.binding.id for bound in screen.active_bindings.values() if bound.node is pane}
    offered = {binding.id for binding in bindings_of(pane) if is_enabled(pane, binding)}
    # A key only some of its bindings use (space: start, pause, carry on) shows once.
    keys_offered = {b.key for b in bindings_of(pane) if b.id in offered}
    keys_live = {b.key for b in bindings_of(pane) if b.id in live}
    assert keys_offered <= keys_live, f"dead at {focused}: {keys_offered - keys_live}"


async def test_tab_moves_between_the_panes_own_widgets_and_their_keys_keep_working(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    with Store.open(set_up_path, clock) as store:
        store.update_settings(rounds=1, reflect_back_minutes=0)
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for pane in PANE_CLASSES:
            await pilot.press(pane_key(pane))
            await pilot.pause()
            if isinstance(app.screen, ConfirmDialog):
                await pilot.press("n")  # a first visit's offer
            stops = []
            while app.screen.focused not in stops and len(stops) < 8:
                assert_the_pane_keys_work_here(app)
                stops.append(app.screen.focused)
                await pilot.press("tab")
        # On the moments' detail, as on their list, `a` notes a moment.
        await pilot.press(pane_key(MomentsPane), "tab")
        assert app.screen.focused.id == "moment-detail-box"
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, MomentDialog)
        await pilot.press("escape")
        # In the search box letters type: its hint line says so, and how to get back.
        await pilot.press("tab")
        assert isinstance(app.screen.focused, MomentSearch)
        hint = widget_text(app, "#moment-keys")
        assert "↓ back to the list" in hint and "a add" not in hint
        await pilot.press(*"a walk", "down")
        assert isinstance(app.screen.focused, MomentList)
        assert "a add" in widget_text(app, "#moment-keys")
        # The check-in's summary keeps its keys after a tab. The clock alone (the plan's last
        # row): start, end the talk early, go on to the ratings, both rate, finish.
        await pilot.press(pane_key(CheckinPane), "up", "right", "space", "f")
        await pilot.pause()
        await pilot.press("y", "enter")
        await pilot.pause()
        for _partner in "ab":
            await pilot.press("r")
            await pilot.pause()
            await pilot.press("4", "ctrl+s")
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Check-in finished" in screen_text(app)
        await pilot.press("tab", "shift+tab", "tab")
        assert isinstance(app.screen.focused, SummaryView)
        await pilot.press("space")
        assert "This week's check-in" in screen_text(app), "space leaves the summary"


async def test_behind_the_please_enlarge_notice_no_key_acts_and_all_works_again_after(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    with Store.open(set_up_path, clock) as store:
        now = clock.now()
        store.save_moment(
            new_moment(
                "m1", at=now, now=now, who="a", kind=MomentKind.REPAIR, what_happened="We made up"
            )
        )
    app = launch(set_up_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(pane_key(MomentsPane))
        await pilot.pause()
        before = read_data_file(set_up_path)["moments"]
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        text = screen_text(app)
        assert "Please enlarge it, or press ^q to quit." in text
        assert "Settings" not in text, "the footer's keys hide: none of them works now"
        # The pane's keys, the dashboard's and the app's: nothing changes, nothing opens.
        await pilot.press("c", "a", "e", "delete", "slash", "m", "S", "ctrl+p", "question_mark")
        await pilot.press("1", "tab", "escape", "enter", "space")
        app.post_message(events.Paste("pasted"))
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.current_pane.PANE_ID == MomentsPane.PANE_ID
        assert read_data_file(set_up_path)["moments"] == before
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen.focused, MomentList), "the list has the keyboard again"
        await pilot.press("c")
        assert read_data_file(set_up_path)["moments"] != before, "c marks it for the check-in"

        # A form open as the window shrinks hides too, keeps what was typed and takes no more.
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MomentDialog)
        field = form.query_one("#what_happened", Input)
        field.focus()
        await pilot.press(*"Tea")
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        assert "Please enlarge it" in screen_text(app) and "Tea" not in screen_text(app)
        await pilot.press(*"xyz", "escape", "ctrl+s")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen is form and app.screen.focused is field
        await pilot.press(*" together")
        assert field.value == "Tea together"
        form.dismiss(None)
        await pilot.pause()

        # Quitting still works; during a check-in it still asks first, in view.
        await pilot.press(pane_key(CheckinPane), "space")
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Quit during a check-in?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, MainScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.press("escape", "y")  # the check-in abandoned, q quits without asking
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
