"""A yes / no question over the current screen, or a message to acknowledge with one button."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from tui.dialogs.frame import Dialog
from tui.keys import key


class ConfirmDialog(Dialog[bool | None]):
    """Dismisses with True (yes), False (no), or None when escaped without deciding.

    Without a `no` it is a message to acknowledge: one button (and its key), no choice.
    """

    BINDINGS = [
        key("confirm", "escape", "decide_later", "Not now", "Close without answering", footer=True),
        key("confirm", "y", "answer(True)", "Yes", "Answer yes"),
        key("confirm", "n", "answer(False)", "No", "Answer no"),
    ]

    def __init__(
        self,
        title: str,
        message: str,
        yes: str = "Yes",
        no: str | None = "No",
        *,
        focus_no: bool = False,
    ) -> None:
        """`focus_no` puts the focus on No, for a question whose Yes can't be undone; `no`
        None leaves only the Yes button."""
        super().__init__()
        self.title_text = title
        self.message = message
        self.yes_label = yes
        self.no_label = no
        self.focus_no = focus_no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield Static(Text(self.message), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    Text(f"{self.yes_label} ({self.key_for('confirm.yes')})"),
                    id="yes",
                    variant="primary",
                )
                if self.no_label is not None:
                    yield Button(Text(f"{self.no_label} ({self.key_for('confirm.no')})"), id="no")

    def on_mount(self) -> None:
        no_first = self.focus_no and self.no_label is not None
        self.query_one("#no" if no_first else "#yes", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No answers "no" when there is no No button."""
        if action == "answer" and parameters == (False,):
            return self.no_label is not None
        return True

    @on(Button.Pressed)
    def choose(self, event: Button.Pressed) -> None:
        """A button was pressed (Enter on the focused one)."""
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Answer with a key."""
        self.dismiss(answer)

    def action_decide_later(self) -> None:
        """Close without answering."""
        self.dismiss(None)
