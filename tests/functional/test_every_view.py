"""One walk through every tab and every dialog, on a new couple's file and on ten years of
history, at 80x24: each screen is drawn without colour (NO_COLOR), and no word of the panes,
the footer or the header is cut short at the window's edge.

Two app start-ups do it all: each dialog is opened from a key, drawn, and closed again.
"""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from textual.command import CommandPalette

from bench.history import build
from tui.app import AttuneApp
from tui.clock import FixedClock
from tui.core.checkins import CLOCK_ONLY
from tui.dialogs.base import Dialog
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.help import HelpScreen
from tui.panes.base import AttunePane
from tui.panes.checkin import CheckinPane
from tui.panes.moments import MomentsPane
from tui.screens.main import PANE_CLASSES, MainScreen
from tui.screens.settings import SettingsScreen
from tui.store import Store, protected_files
from tui.store.atomic import write_atomically

from ..conftest import Launcher, make_settings
from .cut_words import cut_words
from .helpers import pane_key, screen_text
from .monkey import key_event, settle
from .test_key_monkey import CHEAP_KEYS, DIALOG_OPENERS, SCREEN_OPENERS, dialog_classes

SIZE = (80, 24)
"""The smallest window Attune supports, where text is likeliest to be cut."""
ROWS_WALKED = 12
"""Rows of a list whose keys are tried: a review due or an answer awaited is on one of them."""
_DIALOGS_OF: dict[tuple[str, str], set[str]] = {}
"""The dialogs each binding (owner class, action) may open; a dialog opened from a button of
another screen (Settings' passphrase forms) is opened apart (`_Tour.passphrase_forms`)."""
_OPENING_SCREENS = set().union(*SCREEN_OPENERS.values())
for _dialog, _openers in DIALOG_OPENERS.items():
    for _opener in _openers - _OPENING_SCREENS:
        _DIALOGS_OF.setdefault(_opener, set()).add(_dialog)
PASSPHRASE = "a long walk, then tea"


@pytest.fixture(autouse=True)
def _no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    """Set before the app is built: Textual reads it then."""
    monkeypatch.setenv("NO_COLOR", "1")


def _history_file(path: Path, clock: FixedClock) -> None:
    """Ten years of history, kept by a couple who chose the speaking clock alone, one round
    each and no reflect-back: the clock's own finishing form is then three keys away."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tables = build(10, today=clock.now().date(), seed=20261122)
    tables["settings"]["1"].update(
        agenda=[step.value for step in CLOCK_ONLY], rounds=1, reflect_back_minutes=0
    )
    write_atomically(path, msgspec.json.encode(tables))


class _Tour:
    """Walks one app run: draws each screen it reaches without colour, notes each dialog it
    opens, and each word the dashboard shows cut short."""

    def __init__(self, app: AttuneApp, pilot) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self.pilot = pilot
        self.opened: set[str] = set()
        self.cut: dict[str, dict[str, set[str]]] = {}

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

    async def look_for_cut_words(self, where: str) -> None:
        """Note the words the dashboard shows cut short now, under `where`."""
        assert isinstance(self.app.screen, MainScreen)
        cut = await cut_words(self.app, self.pilot)
        if cut:
            self.cut[where] = cut

    async def close_dialog(self) -> None:
        """Note the dialog on top and draw it; then close it as cancelled."""
        dialog = self.app.screen
        assert isinstance(dialog, Dialog | CommandPalette), f"no dialog but {dialog}"
        self.opened.add(type(dialog).__name__)
        self.draw()
        dialog.dismiss(None)
        await settle(self.pilot)

    async def passphrase_forms(self) -> None:
        """Settings' passphrase forms: the new one (set, with the recovery key shown once),
        then the current one asked before a change."""
        await self.press("S")
        await self.tab_to("set-passphrase")
        await self.press("enter", *PASSPHRASE, "tab", *PASSPHRASE)
        self.opened.add(type(self.app.screen).__name__)
        self.draw()
        await self.press("enter")
        await self.app.workers.wait_for_complete()
        await settle(self.pilot)
        await self.close_dialog()  # the recovery key
        await self.tab_to("change-passphrase")
        await self.press("enter")
        await self.close_dialog()
        await self.press("escape")
        assert isinstance(self.app.screen, MainScreen)

    async def tab_to(self, button: str) -> None:
        """Press Tab until the button `button` has the focus."""
        for _ in range(60):
            focused = self.app.screen.focused
            if focused is not None and focused.id == button:
                return
            await self.press("tab")
        raise AssertionError(f"Tab never reaches #{button}")

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
            await self.look_for_cut_words(pane.TITLE)
            for _row in range(ROWS_WALKED):
                await self.open_dialogs_here()
                before, shown = shown, await self.press("down")
                if shown == before:
                    break  # the last row, or a pane without rows
        await self.show_pane(MomentsPane)
        await self.press("slash", *"no such words")  # an empty list under a search
        await self.look_for_cut_words("Moments, nothing found")
        await self.press("escape", "v")
        await self.look_for_cut_words("Moments, the patterns")
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


async def test_every_view_draws_without_colour_and_cuts_no_word(
    data_path: Path, clock: FixedClock, launch: Launcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(protected_files, "NEW_PROTECTION_COST", CHEAP_KEYS)
    with Store.open(data_path, clock) as store:
        store.set_up(make_settings(), created=clock.now().isoformat())
    app = launch(data_path)
    async with app.run_test(size=SIZE) as pilot:
        fresh = _Tour(app, pilot)
        await fresh.every_pane()
        await fresh.settings_help_and_palette()
        # The weekly meeting, step by step: each step's dialogs, then on to the next.
        await fresh.show_pane(CheckinPane)
        await fresh.press("space")
        step = 1
        while app.screen.query_one(CheckinPane).is_under_way:
            await fresh.look_for_cut_words(f"Check-in, step {step}")
            await fresh.open_dialogs_here()
            await fresh.press("s")
            step += 1
        assert "Check-in finished" in fresh.draw()
        await fresh.look_for_cut_words("Check-in, the summary")
        await fresh.passphrase_forms()

    history_path = data_path.with_name("history.json")
    _history_file(history_path, clock)
    app = launch(history_path)
    async with app.run_test(size=SIZE) as pilot:
        history = _Tour(app, pilot)
        await history.every_pane()
        await history.settings_help_and_palette()
        # The speaking clock alone, each turn, then its finishing form.
        await history.show_pane(CheckinPane)
        await history.press("space")
        await history.look_for_cut_words("Check-in, a turn")
        await history.press("enter", "enter")
        await history.look_for_cut_words("Check-in, wrapping up")
        await history.open_dialogs_here()

    opened = fresh.opened | history.opened
    assert opened >= dialog_classes(), f"never opened: {dialog_classes() - opened}"
    assert not fresh.cut, f"cut on a new couple's file: {fresh.cut}"
    assert not history.cut, f"cut on ten years of history: {history.cut}"
