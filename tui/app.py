"""AttuneApp: stylesheets, global keys, the command palette and the remembered theme."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.notifications import Notify
from textual.screen import Screen
from textual.widget import Widget

from tui.clock import Clock
from tui.core.models import Settings
from tui.held_warnings import HeldWarnings
from tui.keys import bindings_of, key
from tui.paths import stylesheet
from tui.screens.main import MainScreen
from tui.store import BackupFailed, SaveFailed, Store
from tui.widgets.too_small import SHOWN_WHEN_TOO_SMALL, is_too_small

if TYPE_CHECKING:
    from tui.screens.setup import SetupScreen

# Only what the first screen draws: the dialogs and the panes other than Check-in read their
# own stylesheets when first shown. A new couple's first screen is the setup.
DASHBOARD_STYLESHEETS = ("app", "checkin")
FIRST_RUN_STYLESHEETS = ("app", "setup", "checkin")

DEFAULT_THEME = "textual-dark"
SIGNAL_EXIT_DEADLINE_SECONDS = 3
IDLE_CHECK_SECONDS = 15
"""How often the app looks whether it has been left alone long enough to lock."""
_INPUT = (events.Key, events.Paste, events.MouseEvent)


class AttuneApp(App[None]):
    """The dashboard a couple shares at one computer."""

    TITLE = "Attune"
    BINDINGS = [
        # Quitting is not in the footer: its room goes to the pane's keys; help and palette list it.
        key("app", "ctrl+q", "quit", "Quit", "Quit Attune from anywhere", priority=True),
        key(
            "app", "q", "quit", "Quit", "Quit Attune (when no text field has focus)", name="quit_q"
        ),
        # Locking works from any field or dialog too, at once.
        key(
            "app",
            "ctrl+l",
            "lock",
            "Lock",
            "Lock the screen (hide it, without a passphrase) until someone comes back",
            priority=True,
        ),
        key(
            "app",
            "question_mark,f1",
            "help",
            "Help",
            "Show every key of the app and of this pane",
            footer=True,
            key_display="?",
        ),
    ]

    def __init__(
        self,
        store: Store | None,
        clock: Clock,
        *,
        locked_path: Path | None = None,
        after_first_frame: Callable[[], None] | None = None,
    ) -> None:
        """`store` is the open data file; None with the `locked_path` of a file protected with
        a passphrase, which the app opens once the passphrase is typed."""
        set_up = store is None or store.is_set_up
        names = DASHBOARD_STYLESHEETS if set_up else FIRST_RUN_STYLESHEETS
        super().__init__(css_path=[stylesheet(name) for name in names])
        self._store = store
        self.clock = clock
        self._locked_path = locked_path
        self._after_first_frame = after_first_frame
        self._focus_before_too_small: dict[Screen, Widget | None] = {}
        self._last_input = clock.monotonic()
        self._held_warnings = HeldWarnings()

    @property
    def store(self) -> Store:
        """The open data file (only once unlocked, for a protected one)."""
        if self._store is None:
            raise LookupError("the data file is not unlocked yet")
        return self._store

    @property
    def is_unlocked(self) -> bool:
        """True once the data file is open: always, for a file without a passphrase."""
        return self._store is not None

    def get_default_screen(self) -> Screen:
        if self._store is None:
            return Screen()  # nothing of the couple's until the passphrase is typed
        # The dashboard is the bottom screen itself, so start-up composes one screen, not two.
        if self.store.is_set_up:
            self._apply_settings(self.store.settings())
            return MainScreen(self.store, self.clock)
        from tui.screens.setup import SetupScreen  # a new couple's first run only

        return SetupScreen(self.store, self.clock)

    def on_mount(self) -> None:
        self._mark_size(self.size.width, self.size.height)
        self._exit_cleanly_on_signals()
        self.set_interval(IDLE_CHECK_SECONDS, self.lock_if_idle)
        if self._store is None:
            self._ask_for_the_passphrase()
            return
        self.call_after_refresh(self._first_frame_drawn)

    def _ask_for_the_passphrase(self) -> None:
        from tui.screens.unlock import UnlockScreen

        path = self._locked_path
        assert path is not None

        def open_unlocked(secret: str) -> Store:
            from tui.store.protection_keys import unlock_file

            return Store.open(path, self.clock, unlock_file(path, secret))

        self.push_screen(UnlockScreen(open_unlocked), self._unlocked)

    def _unlocked(self, store: Store | None) -> None:
        assert store is not None
        self._store = store
        self._apply_settings(store.settings())
        self.push_screen(MainScreen(store, self.clock))
        self.call_after_refresh(self._first_frame_drawn)
        self._uncovered()

    # --- locking and hiding ---------------------------------------------------------------

    def action_lock(self) -> None:
        """Lock at once: the unlock screen for a protected file, else a plain cover; nothing
        of the couple's shows until the passphrase is typed (or, uncovered, any key)."""
        from tui.screens.unlock import HiddenScreen, UnlockScreen

        if isinstance(self.screen, HiddenScreen):
            self.screen.dismiss(None)
            return
        if isinstance(self.screen, UnlockScreen) or not self.is_unlocked:
            return
        # A toast may quote a name or a word: none stays over the cover.
        self._held_warnings.cover()
        self.clear_notifications()
        if self.store.is_protected:
            self.push_screen(UnlockScreen(self.store.check_secret), self._uncovered)
        else:
            self.push_screen(HiddenScreen(), self._uncovered)

    @property
    def is_covered(self) -> bool:
        """True while the unlock screen or the plain cover stands in front of everything."""
        from tui.screens.unlock import HiddenScreen, UnlockScreen

        return any(isinstance(screen, HiddenScreen | UnlockScreen) for screen in self.screen_stack)

    def on_notify(self, event: Notify) -> None:
        """While the screen is covered no toast shows over the cover; the warnings among them
        wait until it is uncovered (`HeldWarnings`)."""
        if not self.is_covered:
            self._held_warnings.shown(event.notification)
            return  # Textual shows it
        event.prevent_default()
        self._held_warnings.raised_while_covered(event.notification)

    def _uncovered(self, _result: object = None) -> None:
        # Once the cover has left the screen stack: a warning raised before would wait again.
        self.call_after_refresh(self._show_held_warnings)

    def _show_held_warnings(self) -> None:
        for warning in self._held_warnings.take():
            # Raised afresh, so that it stays its full time from now.
            self.notify(
                warning.message,
                title=warning.title,
                severity=warning.severity,
                timeout=warning.timeout,
                markup=warning.markup,
            )

    def lock_if_idle(self) -> None:
        """Lock once nobody has pressed a key or moved the mouse for the minutes chosen in
        Settings, unless a speaking turn is running (its clock must stay in view)."""
        if self.is_covered or not self.is_unlocked or not self.store.is_set_up:
            return
        minutes = self.store.settings().lock_after_minutes
        if minutes == 0 or self.clock.monotonic() - self._last_input < minutes * 60:
            return
        from tui.panes.checkin import CheckinPane

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                talk = screen.query_one(CheckinPane).talk
                if talk is not None and talk.is_running:
                    return
        self.action_lock()

    def _exit_cleanly_on_signals(self) -> None:
        # SIGTERM (a shutdown, `kill`) and SIGHUP (the terminal window closed) would end the
        # process on the spot, leaving the terminal in the alternate screen with the cursor
        # hidden and the mouse reporting. Leaving as a quit does lets Textual restore the
        # terminal and the store release its lock. A quit saves nothing more (each change, and
        # each phase of a check-in, is saved as it happens), so nobody is asked. The exit status
        # stays the usual 128 + the signal's number.
        if sys.platform == "win32":
            return  # no SIGHUP there, and its event loop can't watch signals
        loop = asyncio.get_running_loop()
        for number in (signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(number, self._leave_on_signal, number)

    def _leave_on_signal(self, number: int) -> None:
        status = 128 + number
        self.exit(return_code=status)
        # A closed window's terminal can't be written to, and Textual's shutdown then waits
        # forever for its output to drain. Should leaving take far longer than it ever does,
        # the process ends outright: the kernel drops the lock with it, and the data is saved.
        # An alarm rather than a timer thread: the kernel delivers it even when every thread
        # of the process is waiting.
        signal.signal(signal.SIGALRM, lambda _number, _frame: os._exit(status))
        signal.alarm(SIGNAL_EXIT_DEADLINE_SECONDS)

    def _first_frame_drawn(self) -> None:
        if self._after_first_frame is not None:
            self._after_first_frame()
        self._take_daily_backup()

    def _take_daily_backup(self) -> None:
        try:
            self.store.take_daily_backup()
        except BackupFailed as problem:
            # A warning, not an error: saving goes on without the backup.
            self.notify(str(problem), title="Backup", severity="warning", markup=False)

    def on_setup_screen_completed(self, message: SetupScreen.Completed) -> None:
        """First run is over: the data file exists, so the dashboard opens over the setup."""
        # Pushed, not switched: the setup screen is the bottom of the stack and cannot be
        # popped. It stays hidden underneath for the rest of the session.
        self._apply_settings(message.settings)
        self.push_screen(MainScreen(self.store, self.clock))

    def _apply_settings(self, settings: Settings) -> None:
        self.clock.time_zone = settings.time_zone
        if settings.theme in self.available_themes:
            self.theme = settings.theme

    def on_main_screen_settings_saved(self, message: MainScreen.SettingsSaved) -> None:
        """Saved in the Settings screen: the clock and the theme follow, then every pane."""
        self._apply_settings(message.settings)
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.apply_changed_settings()

    def on_app_focus(self, event: events.AppFocus) -> None:  # noqa: ARG002
        """Back from elsewhere (perhaps after the computer slept): catch up with the day."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.follow_the_day()

    def on_resize(self, event: events.Resize) -> None:
        self._mark_size(event.size.width, event.size.height)

    def _mark_size(self, width: int, height: int) -> None:
        was_too_small = self.has_class("-too-small")
        too_small = is_too_small(width, height)
        if too_small and not was_too_small:
            # Hiding the screens' bodies takes their focus away: note where it was.
            self._focus_before_too_small = {screen: screen.focused for screen in self.screen_stack}
        self.set_class(too_small, "-too-small")
        if was_too_small and not too_small:
            self.call_after_refresh(self._restore_focus)

    def _restore_focus(self) -> None:
        kept, self._focus_before_too_small = self._focus_before_too_small, {}
        for screen in self.screen_stack:
            if screen.focused is not None:
                continue
            widget = kept.get(screen)
            if isinstance(screen, MainScreen) and (
                widget is None or screen.current_pane not in widget.ancestors
            ):
                screen.focus_current_pane()
            elif widget is not None and widget.is_attached and widget.focusable:
                # As when the terminal gives the app its focus back: a text field keeps its
                # cursor rather than selecting all it holds, ready to be typed over.
                screen.set_focus(widget, scroll_visible=False, from_app_focus=True)

    async def on_event(self, event: events.Event) -> None:
        """While the window is too small nothing shows but the notice asking to enlarge it, so
        no key, paste or click may change or open anything: only quitting works."""
        if isinstance(event, _INPUT):
            self._last_input = self.clock.monotonic()
        if (
            self.has_class("-too-small")
            and isinstance(event, _INPUT)
            and not event.is_forwarded
            and not self.screen.has_class(SHOWN_WHEN_TOO_SMALL)
        ):
            if isinstance(event, events.Key) and event.key in self._quit_keys():
                await self.action_quit()
            return
        await super().on_event(event)

    def _quit_keys(self) -> set[str]:
        return {
            key.strip()
            for binding in bindings_of(AttuneApp)
            if binding.action == "quit"
            for key in binding.key.split(",")
        }

    def watch_theme(self, theme: str) -> None:
        """Remember the theme chosen in the palette; undo the change if it can't be saved."""
        if not self.is_unlocked or not self.store.is_set_up:
            return
        saved = self.store.settings().theme
        if saved == theme:
            return
        try:
            self.store.update_settings(theme=theme)
        except SaveFailed as problem:
            self.notify(str(problem), title="Theme not saved", severity="error", markup=False)
            self.theme = saved if saved in self.available_themes else DEFAULT_THEME

    async def action_quit(self) -> None:
        """Quit; from a form with changes or during a check-in, ask first, as what was typed
        or the running turn would be lost."""
        from tui.dialogs.base import Dialog, ask_before_discarding
        from tui.panes.checkin import CheckinPane

        # Any form in the stack, not only the top one: the palette may be open over it.
        if any(isinstance(s, Dialog) and s.has_unsaved_changes() for s in self.screen_stack):
            ask_before_discarding(self, self.exit, title="Quit and discard what you wrote?")
            return
        if not isinstance(self.screen, MainScreen):
            self.exit()
            return
        checkin = self.screen.query_one(CheckinPane)
        if not checkin.is_under_way:
            self.exit()
            return
        from tui.dialogs.confirm import ConfirmDialog

        def quit_if_confirmed(answer: bool | None) -> None:
            if answer:
                self.exit()

        question = ConfirmDialog(
            "Quit during a check-in?",
            "The turns already handed over are saved, but the running turn will be lost. "
            "Next time, Attune offers to resume where you stopped.",
            yes="Quit",
            no="Stay",
        )
        # Quitting works in a window too small for anything else, and so does this question.
        question.add_class(SHOWN_WHEN_TOO_SMALL)
        self.push_screen(question, quit_if_confirmed)

    def action_command_palette(self) -> None:
        """Show the command palette (one whose page keys can't end the app)."""
        from tui.widgets.option_list import PagedCommandPalette

        if self.use_command_palette and not PagedCommandPalette.is_open(self):
            self.push_screen(PagedCommandPalette(id="--command-palette"))

    def push_screen(self, screen: Screen[Any] | str, *args: Any, **kwargs: Any) -> Any:
        """Push `screen` as Textual does, its own stylesheets read first (`read_stylesheets_of`)."""
        if isinstance(screen, Screen):
            self.read_stylesheets_of(screen)
        return super().push_screen(screen, *args, **kwargs)

    def read_stylesheets_of(self, screen: Screen) -> None:
        """Add the rules of `screen`'s stylesheets (its CSS_PATH) not read yet, and nothing else.

        Textual, finding a screen's stylesheet new when it is first shown, parses every
        stylesheet of the app again from scratch and restyles every widget of every screen:
        a sixth of the time the Settings screen took to open. A screen's stylesheet styles that
        screen alone, and its widgets are styled as they mount, so adding its rules is enough;
        Textual then finds the stylesheet read and leaves the rest alone.
        """
        styles = self.stylesheet
        unread = [path for path in screen.css_path if not styles.has_source(str(path))]
        if not unread:
            return
        for path in unread:
            styles.read(path)
        styles.parse()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from tui.app_commands import system_commands  # only once the palette opens

        return system_commands(self, screen)

    def _write_report(self) -> None:
        from tui.dialogs.report import write_report

        write_report(self, self.store, self.clock)

    def _write_calendar(self) -> None:
        from tui.dialogs.report import write_calendar

        write_calendar(self, self.store, self.clock)

    def action_help(self) -> None:
        """Show every key of the app and of the current pane."""
        from tui.app_commands import show_help

        show_help(self)
