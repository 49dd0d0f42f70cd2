"""The screens that stand in front of the couple's data: the unlock screen of a file protected
with a passphrase, and the plain cover shown when the screen is hidden without one.

Neither names anyone or shows a word the couple wrote: someone passing by the shared computer
sees that Attune is open, and nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import Worker

from tui.dialogs.secret_check import SecretCheck
from tui.keys import key
from tui.paths import stylesheet
from tui.store.protection_errors import WrongPassphrase
from tui.widgets.too_small import SHOWN_WHEN_TOO_SMALL

Unlocked = TypeVar("Unlocked")

TRIES_BEFORE_ADVICE = 3
"""Wrong passphrases before the screen says what can and cannot be done."""
LOCKED_TITLE = "Attune is locked"
LOCKED_EXPLANATION = "This file is protected with a passphrase. Type it to open Attune."
HIDDEN_TITLE = "Attune is hidden"
HIDDEN_EXPLANATION = "Press any key to come back."
WRONG_PASSPHRASE = "That passphrase is not the right one. Check Caps Lock and try again."
ADVICE = (
    "A forgotten passphrase can't be recovered, by anyone: only the passphrase, or the "
    "recovery key written down when protection was turned on, opens this file. The backups "
    "need the same passphrase. Type the recovery key here as it is written, dashes or not."
)
WORKING = "Unlocking..."


class UnlockScreen(Screen[Unlocked], Generic[Unlocked]):
    """A masked field and nothing else of the couple's: dismisses with what `try_secret`
    returns for the passphrase (or recovery key) typed.

    `try_secret` is slow (the key derivation takes about half a second), so it runs in a
    worker thread; it raises a `ProtectionError` for a secret that does not open the file and
    an `OSError` for a file that can't be read. Quitting is the only other way out.
    """

    CSS_PATH = stylesheet("unlock")
    AUTO_FOCUS = "#passphrase"
    BINDINGS = [
        key(
            "unlock",
            "ctrl+q",
            "app.quit",
            "Quit",
            "Quit Attune without unlocking",
            footer=True,
            priority=True,
        )
    ]

    def __init__(self, try_secret: Callable[[str], Unlocked]) -> None:
        # Usable in any window: typing the passphrase needs no room.
        super().__init__(classes=SHOWN_WHEN_TOO_SMALL)
        self._try_secret = try_secret
        self.wrong_tries = 0
        """How many secrets typed here did not open the file."""

    def compose(self) -> ComposeResult:
        with Vertical(id="unlock", classes="cover"):
            yield Static(LOCKED_TITLE, classes="cover-title")
            yield Static(LOCKED_EXPLANATION, classes="cover-text")
            yield Input(password=True, id="passphrase", placeholder="Passphrase", compact=True)
            yield Static("", id="unlock-problem", classes="cover-problem")
            yield Static("", id="unlock-advice", classes="cover-text")
            yield Static("Enter: unlock   Ctrl+Q: quit", classes="cover-keys")

    def on_mount(self) -> None:
        self._check = SecretCheck(
            self, "passphrase", self._try_secret, opened=self.dismiss, refused=self._refused
        )

    @on(Input.Submitted, "#passphrase")
    def unlock(self) -> None:
        """Try what was typed, off the screen's thread; an empty field is not tried."""
        field = self.query_one("#passphrase", Input)
        if not field.value or self._check.running:
            return
        self._say(WORKING)
        self._check.start(field.value)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The try has ended: leave with its result, or say why not and let them try again."""
        self._check.ended(event)

    def _refused(self, error: Exception) -> None:
        self.wrong_tries += 1
        self._say(WRONG_PASSPHRASE if isinstance(error, WrongPassphrase) else str(error))
        if self.wrong_tries >= TRIES_BEFORE_ADVICE:
            self.query_one("#unlock-advice", Static).update(Text(ADVICE))

    def _say(self, message: str) -> None:
        self.query_one("#unlock-problem", Static).update(Text(message))


class HiddenScreen(Screen[None]):
    """A plain cover over everything, when the file has no passphrase: any key takes it away."""

    CSS_PATH = stylesheet("unlock")

    def __init__(self) -> None:
        super().__init__(classes=SHOWN_WHEN_TOO_SMALL)

    def compose(self) -> ComposeResult:
        with Vertical(id="hidden", classes="cover"):
            yield Static(HIDDEN_TITLE, classes="cover-title")
            yield Static(HIDDEN_EXPLANATION, classes="cover-text")

    def on_key(self, event: events.Key) -> None:
        """Any key comes back; it does nothing else."""
        event.stop()
        event.prevent_default()
        self.dismiss(None)
