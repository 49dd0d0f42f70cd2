"""Finishing a check-in: how connected each partner felt, notes, and whether you got stuck."""

from __future__ import annotations

from msgspec import Struct
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Static

from tui.core.checkins import Rating
from tui.core.models import Partners
from tui.core.text import InvalidText, clean_note
from tui.dialogs.base import Dialog
from tui.widgets.rating_picker import RatingPicker


class FinishAnswers(Struct, frozen=True):
    """What the couple entered when finishing."""

    ratings: tuple[Rating, ...]
    stuck: bool


class FinishDialog(Dialog[FinishAnswers | None]):
    """Both partners rate the week 1-5 (digits or arrows), with optional notes."""

    BINDINGS = [Binding("escape", "cancel", "Back to the check-in")]

    def __init__(self, partners: Partners) -> None:
        super().__init__()
        self.partners = partners

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="finish"):
            yield Static("Finish this check-in", classes="dialog-title")
            for key, name in (("a", self.partners.a), ("b", self.partners.b)):
                yield Label(Text(f"{name}: how connected did you feel this week?"))
                yield RatingPicker(id=f"rating-{key}")
                yield Input(placeholder="A note, if you like (optional)", id=f"note-{key}")
            yield Checkbox(
                "We got stuck (next time, consider inviting a therapist or mediator)", id="stuck"
            )
            yield Static("", id="finish-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Back", id="back")

    def on_mount(self) -> None:
        self.query_one("#rating-a", RatingPicker).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        """Check both ratings and notes, then return them."""
        ratings = []
        for key, name in (("a", self.partners.a), ("b", self.partners.b)):
            picker = self.query_one(f"#rating-{key}", RatingPicker)
            if picker.value is None:
                self._problem(f"{name}, please choose a rating from 1 to 5.", picker)
                return
            note_field = self.query_one(f"#note-{key}", Input)
            try:
                ratings.append(Rating(key, picker.value, clean_note(note_field.value)))
            except InvalidText as problem:
                self._problem(str(problem), note_field)
                return
        stuck = self.query_one("#stuck", Checkbox).value
        self.dismiss(FinishAnswers(tuple(ratings), stuck))

    @on(Button.Pressed, "#back")
    def action_cancel(self) -> None:
        """Return to the check-in without finishing."""
        self.dismiss(None)

    def _problem(self, message: str, field: RatingPicker | Input) -> None:
        self.query_one("#finish-problem", Static).update(Text(message))
        field.focus()
