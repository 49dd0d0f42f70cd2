"""The passphrase forms (the current one, asked before a change; a new one), and the recovery
key shown once."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Button, Input, Label, Static
from textual.worker import Worker

from tui.dialogs.base import FormDialog, FormProblem
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.secret_check import SecretCheck
from tui.widgets.choices import TickBox

SHORTEST_PASSPHRASE = 8
"""Characters: shorter ones are guessed by a program in hours, whatever the key derivation."""
PASSPHRASE_ADVICE = (
    "Several words you both remember are easier to type and harder to guess than one word. "
    "If it is forgotten, nobody can open the file or its backups: not you, not us."
)


CHECKING = "Checking..."
NOTHING_TYPED = "Type the passphrase in use now, or the recovery key."


class PassphraseChoice(NamedTuple):
    """What the form asks for: the new passphrase, and whether to make a recovery key."""

    passphrase: str
    recovery_key: bool


class PassphraseDialog(FormDialog[PassphraseChoice]):
    """The new passphrase typed twice (masked); when protection is being turned on, whether
    to make a recovery key as well."""

    def __init__(self, heading: str, *, offer_recovery_key: bool) -> None:
        super().__init__(heading)
        self.offer_recovery_key = offer_recovery_key

    def compose_fields(self) -> ComposeResult:
        yield Static(PASSPHRASE_ADVICE, classes="dialog-message")
        # Full fields, not compact ones: without colour a compact field is an empty line.
        yield Label("New passphrase")
        yield Input(password=True, id="new-passphrase")
        yield Label("The same again")
        yield Input(password=True, id="repeat-passphrase")
        if self.offer_recovery_key:
            yield TickBox(
                "Make a recovery key to write down (it opens the file too)",
                value=True,
                id="make-recovery-key",
                compact=True,
            )

    def result(self) -> PassphraseChoice:
        """The passphrase, once long enough and typed the same twice."""
        passphrase = self.query_one("#new-passphrase", Input).value
        repeated = self.query_one("#repeat-passphrase", Input).value
        if len(passphrase.strip()) < SHORTEST_PASSPHRASE:
            raise FormProblem(
                f"Choose a passphrase of at least {SHORTEST_PASSPHRASE} characters.",
                "new-passphrase",
            )
        if passphrase != repeated:
            raise FormProblem(
                "The two differ: type the same passphrase twice.", "repeat-passphrase"
            )
        recovery = self.offer_recovery_key and self.query_one("#make-recovery-key", TickBox).value
        return PassphraseChoice(passphrase, recovery)


class CurrentPassphraseDialog(FormDialog[str]):
    """The passphrase in use now (or the recovery key), typed masked before the protection can
    be changed or removed: whoever finds the screen unlocked can't strip it.

    `check` is slow (the key derivation takes about half a second), so it runs in a worker
    thread (`SecretCheck`); it raises a `StoreError` (`WrongPassphrase` and its kin) with a
    plain message for a secret that does not open the file. Dismisses with the secret once it
    passed.
    """

    SAVE_LABEL = "Continue"

    def __init__(self, heading: str, reason: str, check: Callable[[str], object]) -> None:
        super().__init__(heading)
        self.reason = reason
        self._check_secret = check

    def compose_fields(self) -> ComposeResult:
        yield Static(Text(self.reason), classes="dialog-message")
        yield Label("Current passphrase or recovery key")
        yield Input(password=True, id="current-passphrase")

    def on_mount(self) -> None:
        self._check = SecretCheck(
            self, "current-passphrase", self._passed, opened=self.dismiss, refused=self._refused
        )

    def result(self) -> str:
        """What was typed, once anything was."""
        secret = self.query_one("#current-passphrase", Input).value
        if not secret:
            raise FormProblem(NOTHING_TYPED, "current-passphrase")
        return secret

    def accept(self, result: str) -> None:
        """Check the secret off the screen's thread; Save waits until the check has ended."""
        if self._check.running:
            return
        self.query_one("#save", Button).disabled = True
        self.query_one(f"#{self.PROBLEM_LINE_ID}", Static).update(CHECKING)
        self._check.start(result)

    def _passed(self, secret: str) -> str:
        self._check_secret(secret)
        return secret

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The check has ended: close, or say why not and clear the field for another try."""
        self._check.ended(event)

    def _refused(self, error: Exception) -> None:
        self.query_one("#save", Button).disabled = False
        self.show_problem(FormProblem(str(error), "current-passphrase"))


def recovery_key_dialog(text: str) -> ConfirmDialog:
    """The recovery key, shown this once, to be written down."""
    return ConfirmDialog(
        "Write down your recovery key",
        f"{text}\n\nIt opens the file if the passphrase is forgotten, and it is shown only "
        "now. Write it on paper and keep it away from this computer: anyone holding it can "
        "open your data.",
        yes="Written down",
        no=None,
    )
