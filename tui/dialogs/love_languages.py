"""Recording each partner's love language."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Select, Static

from tui.core.models import LOVE_LANGUAGES, Partners
from tui.dialogs.base import Dialog

LoveLanguages = tuple[str | None, str | None]


class LoveLanguageDialog(Dialog[LoveLanguages | None]):
    """Returns (partner A's, partner B's) love language keys, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, partners: Partners, current: LoveLanguages) -> None:
        super().__init__()
        self.partners = partners
        self.current = current

    def compose(self) -> ComposeResult:
        options = [(label.capitalize(), key) for key, label in LOVE_LANGUAGES.items()]
        with Vertical(classes="dialog", id="love-dialog"):
            yield Static("Love languages", classes="dialog-title")
            yield Static(
                "How does each of you most feel loved? The daily love-language ritual shows "
                "each of you the other's, so the small act lands.",
                classes="dialog-message",
            )
            for key, name, value in (
                ("a", self.partners.a, self.current[0]),
                ("b", self.partners.b, self.current[1]),
            ):
                yield Label(Text(f"{name} feels most loved through"))
                yield Select(
                    options,
                    value=Select.NULL if value is None else value,
                    id=f"language-{key}",
                    prompt="not chosen yet",
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#language-a", Select).focus()

    @on(Button.Pressed, "#save")
    def save(self) -> None:
        """Return both choices."""
        chosen = []
        for key in ("a", "b"):
            value = self.query_one(f"#language-{key}", Select).value
            chosen.append(value if isinstance(value, str) else None)
        self.dismiss((chosen[0], chosen[1]))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
