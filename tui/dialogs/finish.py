"""Finishing a check-in: how connected each partner felt, notes, and whether you got stuck."""

from __future__ import annotations

from msgspec import Struct
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label

from tui.core.checkins import Rating
from tui.core.models import Partners
from tui.core.text import clean_note
from tui.dialogs.base import FormDialog, FormProblem
from tui.widgets.choices import TickBox
from tui.widgets.rating_picker import RatingPicker


class FinishAnswers(Struct, frozen=True):
    """What the couple entered when finishing."""

    ratings: tuple[Rating, ...]
    stuck: bool


class FinishDialog(FormDialog[FinishAnswers]):
    """Both partners rate the week 1-5 (digits or arrows), with optional notes."""

    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Back",
            id="finish.back",
            tooltip="Return to the check-in without finishing it",
        ),
    ]

    CANCEL_LABEL = "Back"
    PROBLEM_LINE_ID = "finish-problem"

    def __init__(self, partners: Partners) -> None:
        super().__init__("Finish this check-in")
        self.partners = partners

    def compose_fields(self) -> ComposeResult:
        for key, name in (("a", self.partners.a), ("b", self.partners.b)):
            yield Label(Text(f"{name}: how connected did you feel this week?"))
            yield RatingPicker(id=f"rating-{key}")
            yield Input(placeholder="A note, if you like (optional)", id=f"note-{key}")
        yield TickBox(
            "We got stuck (next time, consider inviting a therapist or mediator)", id="stuck"
        )

    def result(self) -> FinishAnswers:
        ratings = []
        for key, name in (("a", self.partners.a), ("b", self.partners.b)):
            score = self.query_one(f"#rating-{key}", RatingPicker).value
            if score is None:
                raise FormProblem(f"{name}, please choose a rating from 1 to 5.", f"rating-{key}")
            ratings.append(Rating(key, score, self.checked(f"note-{key}", clean_note)))
        return FinishAnswers(tuple(ratings), self.query_one("#stuck", TickBox).value)
