"""The passphrase under "Your data" in Settings: whether one protects the file, and the buttons
that set, change or remove it. Each change is saved at once, apart from the form's Save: it
rewrites the data file and every backup (`Store.change_protection`). Changing or removing it
asks for the current passphrase (or the recovery key) first: an unlocked screen left alone must
not be enough to strip the protection."""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Static
from textual.worker import Worker, WorkerState

from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.passphrase import (
    CurrentPassphraseDialog,
    PassphraseChoice,
    PassphraseDialog,
    recovery_key_dialog,
)
from tui.store import SaveFailed, Store
from tui.store.recovery_key import RecoveryKey

PROTECTED = (
    "A passphrase protects this file: it and its backups are encrypted on disk. Ctrl+L "
    "locks the screen."
)
NOT_PROTECTED = (
    "No passphrase: anyone who can read your files can read this one. Ctrl+L hides the "
    "screen until a key is pressed."
)


class PassphraseControls(Vertical):
    """Set, change or remove the passphrase; the key derivation runs in a worker thread."""

    class Changed(Message):
        """The data file and its backups were rewritten: their sizes and names may differ."""

    def __init__(self, store: Store) -> None:
        super().__init__(id="passphrase-controls")
        self.store = store

    def compose(self) -> ComposeResult:
        yield Static("", id="passphrase-state", classes="settings-note settings-indented")
        with Horizontal(classes="settings-indented settings-buttons"):
            yield Button("Set a passphrase", id="set-passphrase", compact=True)
            yield Button("Change the passphrase", id="change-passphrase", compact=True)
            yield Button("Remove the passphrase", id="remove-passphrase", compact=True)

    def on_mount(self) -> None:
        self.show_state()

    def show_state(self) -> None:
        """Say whether a passphrase protects the file, and offer what can be done."""
        protected = self.store.is_protected
        self.query_one("#passphrase-state", Static).update(
            PROTECTED if protected else NOT_PROTECTED
        )
        self.query_one("#set-passphrase").display = not protected
        self.query_one("#change-passphrase").display = protected
        self.query_one("#remove-passphrase").display = protected

    @on(Button.Pressed, "#set-passphrase")
    def set_passphrase(self) -> None:
        """Ask for a new passphrase and protect the file and its backups with it."""
        self.app.push_screen(
            PassphraseDialog("Protect your data with a passphrase", offer_recovery_key=True),
            self._derive,
        )

    @on(Button.Pressed, "#change-passphrase")
    def change_passphrase(self) -> None:
        """Ask for the current passphrase, then a new one; the recovery key, if any, keeps
        working."""

        def ask_for_the_new_one(checked: str | None) -> None:
            if checked:
                self.app.push_screen(
                    PassphraseDialog("Change the passphrase", offer_recovery_key=False),
                    self._derive,
                )

        self._ask_for_the_current_one(
            "Change the passphrase", "First the one in use now.", ask_for_the_new_one
        )

    @on(Button.Pressed, "#remove-passphrase")
    def remove_passphrase(self) -> None:
        """Say what removing means, ask for the current passphrase, then store the file and its
        backups plainly again."""

        def remove(checked: str | None) -> None:
            if checked:
                self._apply(None, None, "The passphrase is removed: your data is stored plainly.")

        def ask_for_the_current_one(answer: bool | None) -> None:
            if answer:
                self._ask_for_the_current_one(
                    "Remove the passphrase", "To remove it, type the one in use now.", remove
                )

        self.app.push_screen(
            ConfirmDialog(
                "Remove the passphrase?",
                "The data file and its backups will be stored plainly on this computer, "
                "readable by anyone who can read your files.",
                yes="Remove",
                no="Keep it",
                focus_no=True,
            ),
            ask_for_the_current_one,
        )

    def _ask_for_the_current_one(
        self, heading: str, reason: str, then: Callable[[str | None], None]
    ) -> None:
        self.app.push_screen(
            CurrentPassphraseDialog(heading, reason, self.store.check_secret), then
        )

    def _derive(self, choice: PassphraseChoice | None) -> None:
        if choice is None:
            return
        self.query_one("#passphrase-state", Static).update("Working...")
        self._derive_key(choice)

    @work(thread=True, exclusive=True, group="passphrase")
    def _derive_key(self, choice: PassphraseChoice) -> tuple[object, object]:
        from tui.store.protected_files import change_passphrase, new_protection

        key = self.store.protection_key
        if key is None:
            return new_protection(choice.passphrase, choice.recovery_key)
        return change_passphrase(key, choice.passphrase), None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The new key is derived: rewrite the files with it, here on the screen's thread."""
        if event.worker.group != "passphrase" or event.state is not WorkerState.SUCCESS:
            return
        key, recovery_key = event.worker.result  # type: ignore[misc]
        was_protected = self.store.is_protected
        done = "The passphrase is changed." if was_protected else "Your data is protected now."
        self._apply(key, recovery_key, done)

    def _apply(self, key: object, recovery_key: object, done: str) -> None:
        try:
            self.store.change_protection(key)  # type: ignore[arg-type]
        except SaveFailed as problem:
            self.app.notify(str(problem), title="Not changed", severity="error", markup=False)
            self.show_state()
            return
        self.show_state()
        self.post_message(self.Changed())
        self.app.notify(done, title="Passphrase")
        if isinstance(recovery_key, RecoveryKey):
            self.app.push_screen(recovery_key_dialog(recovery_key.text))
