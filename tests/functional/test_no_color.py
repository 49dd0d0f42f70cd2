"""With NO_COLOR set, every state still reads in words and symbols, not in colour alone."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import msgspec
import pytest
from textual.command import CommandPalette

from bench.history import build
from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.agreements import Repair, log_lapse, propose, sign
from tui.core.checkins import CLOCK_ONLY
from tui.dialogs.base import Dialog
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.help import HelpScreen
from tui.panes.agreements import AgreementsPane
from tui.panes.base import AttunePane
from tui.panes.checkin import CheckinPane
from tui.panes.moments import MomentsPane
from tui.panes.rituals import RitualsPane
from tui.screens.main import PANE_CLASSES, MainScreen
from tui.screens.settings import SettingsScreen
from tui.store import Store
from tui.store.atomic import write_atomically

from ..conftest import Launcher, make_settings
from .helpers import pane_key, screen_text
from .monkey import key_event, settle
from .test_checkin import run_for, start_checkin
from .test_key_monkey import DIALOG_OPENERS, dialog_classes
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


# --- every tab, form, Settings, the help and the palette, drawn without colour -----------------


def _history_file(path: Path, clock: FixedClock) -> None:
    """Ten years of history, kept by a couple who chose the speaking clock alone, one round
    each and no reflect-back: the clock's own finishing form is then three keys away."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tables = build(10, today=clock.now().date(), seed=20261122)
    tables["settings"]["1"].update(
        agenda=[step.value for step in CLOCK_ONLY], rounds=1, reflect_back_minutes=0
    )
    write_atomically(path, msgspec.json.encode(tables))


_DIALOGS_OF: dict[tuple[str, str], set[str]] = {}
"""The dialogs each binding (owner class, action) may open."""
for _dialog, _openers in DIALOG_OPENERS.items():
    for _opener in _openers:
        _DIALOGS_OF.setdefault(_opener, set()).add(_dialog)
ROWS_WALKED = 12
"""Rows of a list whose keys are tried: a review due or an answer awaited is on one of them."""


class _Tour:
    """Walks one app run under NO_COLOR: draws each screen it reaches, notes each dialog."""

    def __init__(self, app: AttuneApp, pilot) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self.pilot = pilot
        self.opened: set[str] = set()

    async def press(self, *keys: str) -> str:
        """Press `keys`, then draw the screen without colour; the text drawn."""
        for key in keys:
            # As the key monkey does: no fixed sleeps, only what each key caused.
            self.app.post_message(key_event(key))
            await settle(self.pilot)
        return self.draw()

    def draw(self) -> str:
        """The screen drawn now, as plain text; the monochrome filter runs over every line."""
        assert self.app.no_color
        text = screen_text(self.app)
        assert text.strip(), f"{type(self.app.screen).__name__} drew nothing"
        return text

    async def close_dialog(self) -> None:
        """Note the dialog on top and draw it; then close it as cancelled."""
        dialog = self.app.screen
        assert isinstance(dialog, Dialog | CommandPalette), f"no dialog but {dialog}"
        self.opened.add(type(dialog).__name__)
        self.draw()
        dialog.dismiss(None)
        await settle(self.pilot)

    async def show_pane(self, pane: type[AttunePane]) -> str:
        """Show `pane`, taking what it offers on a first visit; the text drawn."""
        await self.press(pane_key(pane))
        if isinstance(self.app.screen, ConfirmDialog):
            self.opened.add("ConfirmDialog")
            await self.press("y")
        assert isinstance(self.app.screen, MainScreen)
        return self.draw()

    async def open_dialogs_here(self) -> None:
        """Press each key that would open a dialog not yet seen in this run, and close it."""
        for bound in list(self.app.screen.active_bindings.values()):
            dialogs = _DIALOGS_OF.get((type(bound.node).__name__, bound.binding.action))
            if bound.enabled and dialogs and not dialogs <= self.opened:
                await self.press(bound.binding.key.split(",")[0])
                await self.close_dialog()

    async def every_pane(self) -> None:
        """Every tab, down its first rows, with every dialog its keys open; then the moments'
        other views."""
        for pane in PANE_CLASSES:
            shown = await self.show_pane(pane)
            for _row in range(ROWS_WALKED):
                await self.open_dialogs_here()
                before, shown = shown, await self.press("down")
                if shown == before:
                    break  # the last row, or a pane without rows
        await self.show_pane(MomentsPane)
        await self.press("slash", *"no such words")  # an empty list under a search
        await self.press("escape", "v")  # the patterns
        await self.press("v")

    async def settings_help_and_palette(self) -> None:
        """Settings, the help and the command palette, each opened, drawn and closed."""
        await self.press("S")
        assert isinstance(self.app.screen, SettingsScreen)
        self.app.screen.dismiss(None)
        await self.press("question_mark")
        assert isinstance(self.app.screen, HelpScreen)
        await self.close_dialog()
        await self.press("ctrl+p", *"report")
        assert isinstance(self.app.screen, CommandPalette)
        await self.close_dialog()


async def test_every_tab_form_settings_help_and_palette_draw_without_colour(
    data_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    """A new couple's file (the whole agenda), then ten years of history (the clock alone):
    each opens every dialog its state allows, and together they open them all."""
    with Store.open(data_path, clock) as store:
        store.set_up(make_settings(), created=clock.now().isoformat())
    app = launch(data_path)
    async with app.run_test(size=(80, 24)) as pilot:
        fresh = _Tour(app, pilot)
        await fresh.every_pane()
        await fresh.settings_help_and_palette()
        # A weekly meeting, step by step: each step's dialogs, then on to the next.
        await fresh.show_pane(CheckinPane)
        await fresh.press("space")
        while app.screen.query_one(CheckinPane).is_under_way:
            await fresh.open_dialogs_here()
            await fresh.press("s")
        assert "Check-in finished" in fresh.draw()

    history_path = data_path.with_name("history.json")
    _history_file(history_path, clock)
    app = launch(history_path)
    async with app.run_test(size=(80, 24)) as pilot:
        history = _Tour(app, pilot)
        await history.every_pane()
        await history.settings_help_and_palette()
        # The speaking clock alone, to its finishing form.
        await history.show_pane(CheckinPane)
        await history.press("space", "enter", "enter")
        await history.open_dialogs_here()

    opened = fresh.opened | history.opened
    assert opened >= dialog_classes(), f"never opened: {dialog_classes() - opened}"
