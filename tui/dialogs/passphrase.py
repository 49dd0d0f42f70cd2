"""The passphrase form (set or change it), and the recovery key shown once."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from tui.dialogs.base import FormDialog, FormProblem
from tui.dialogs.confirm import ConfirmDialog
from tui.widgets.choices import TickBox

SHORTEST_PASSPHRASE = 8
"""Characters: shorter ones are guessed by a program in hours, whatever the key derivation."""
PASSPHRASE_ADVICE = (
    "Several words you both remember are easier to type and harder to guess than one word. "
    "If it is forgotten, nobody can open the file or its backups: not you, not us."
)


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
        yield Label("Passphrase")
        yield Input(password=True, id="new-passphrase", compact=True)
        yield Label("The same again")
        yield Input(password=True, id="repeat-passphrase", compact=True)
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


def recovery_key_dialog(text: str) -> ConfirmDialog:
    """The recovery key, shown this once, to be written down."""
    return ConfirmDialog(
        "Write down your recovery key",
        f"{text}\n\nIt opens the file if the passphrase is forgotten, and it is shown only "
        "now. Write it on paper and keep it away from this computer: anyone holding it can "
        "open your data.",
        yes="Written down",
        no="Close",
    )
