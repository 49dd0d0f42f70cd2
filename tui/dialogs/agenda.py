"""Dialogs of the weekly meeting's agenda: appreciations, looking ahead, the hidden rating,
and which steps the check-in walks through.

Each returns checked values; the Check-in pane saves them through the store. Names and typed
text are shown literally everywhere, never as markup.
"""

from __future__ import annotations

from msgspec import Struct
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from tui.core.agenda import (
    APPRECIATIONS_EACH,
    STEP_TITLES,
    AgendaRefused,
    agenda_with,
    clean_lines,
)
from tui.core.checkins import other_partner
from tui.core.models import AgendaStep, Partners
from tui.core.text import InvalidText, clean_note
from tui.dialogs.base import FormDialog, FormProblem
from tui.widgets.choices import TickBox
from tui.widgets.rating_picker import RatingPicker

FIRST_APPRECIATION = "something they did that you valued"
"""The first line's placeholder; the other two only invite another, if there is one."""

STEP_EXPLANATIONS: dict[AgendaStep, str] = {
    AgendaStep.APPRECIATIONS: "a few things each of you valued",
    AgendaStep.WINS: "kept requests, streaks, saved moments",
    AgendaStep.TALK: "the speaking clock, turns and reflect-backs",
    AgendaStep.REQUESTS: "requests still waiting for an answer",
    AgendaStep.RATINGS: "each rates the week unseen",
    AgendaStep.LOOKING_AHEAD: "one wish each for the week",
}
"""A few words after each step's title; short enough that each checkbox keeps to one line at
80 columns."""


def _in_speaking_order(partners: Partners, first: str) -> list[tuple[str, str, str]]:
    """(partner, name, other's name) for both partners, `first` first."""
    names = {"a": partners.a, "b": partners.b}
    return [
        (partner, names[partner], names[other_partner(partner)])
        for partner in (first, other_partner(first))
    ]


class AppreciationsDialog(FormDialog[dict[str, tuple[str, ...]]]):
    """Each partner names up to three things the other did that they valued, with last week's
    beside them as a reminder. Blank lines are dropped; all blank saves nothing."""

    def __init__(
        self,
        partners: Partners,
        first: str,
        current: dict[str, list[str]],
        last_week: dict[str, list[str]],
    ) -> None:
        super().__init__("Appreciations")
        self.partners = partners
        self.first = first
        self.current = current
        self.last_week = last_week

    def compose_fields(self) -> ComposeResult:
        for partner, name, other_name in _in_speaking_order(self.partners, self.first):
            yield Label(
                Text(f"{name} appreciates {other_name} for\u2026"), classes="partner-prompt"
            )
            last_week = self.last_week.get(partner, [])
            if last_week:
                yield Static(Text(f"Last week: {' · '.join(last_week)}"), classes="last-week")
            given = self.current.get(partner, [])
            for number in range(1, APPRECIATIONS_EACH + 1):
                yield Input(
                    given[number - 1] if number <= len(given) else "",
                    placeholder=FIRST_APPRECIATION if number == 1 else "another, if you like",
                    id=f"appreciation-{partner}-{number}",
                    compact=True,
                )

    def result(self) -> dict[str, tuple[str, ...]]:
        kept = {}
        for partner, _name, _other_name in _in_speaking_order(self.partners, self.first):
            lines = [
                self.query_one(f"#appreciation-{partner}-{number}", Input).value
                for number in range(1, APPRECIATIONS_EACH + 1)
            ]
            try:
                kept[partner] = clean_lines(lines, "an appreciation", APPRECIATIONS_EACH)
            except InvalidText as error:
                # Only "too many" names no line, and three fields can't hold too many.
                line = error.field or "1"
                raise FormProblem(str(error), f"appreciation-{partner}-{line}") from None
        return {"a": kept["a"], "b": kept["b"]}


class WishesDialog(FormDialog[dict[str, str]]):
    """Looking ahead: one thing each partner would like this coming week, "" when blank."""

    def __init__(self, partners: Partners, first: str, current: dict[str, str]) -> None:
        super().__init__("Looking ahead")
        self.partners = partners
        self.first = first
        self.current = current

    def compose_fields(self) -> ComposeResult:
        for partner, name, _other_name in _in_speaking_order(self.partners, self.first):
            yield Label(
                Text(f"{name}: one thing that would help you feel loved this coming week"),
                classes="partner-prompt",
            )
            yield Input(
                self.current.get(partner, ""),
                placeholder="e.g. a walk together, just the two of us",
                id=f"wish-{partner}",
                compact=True,
            )

    def result(self) -> dict[str, str]:
        wishes = {}
        for partner, _name, _other_name in _in_speaking_order(self.partners, self.first):
            field = f"wish-{partner}"
            text = self.query_one(f"#{field}", Input).value
            try:
                kept = clean_lines([text], "a wish", 1)
            except InvalidText as error:
                raise FormProblem(str(error), field) from None
            wishes[partner] = kept[0] if kept else ""
        return {"a": wishes["a"], "b": wishes["b"]}


class RatingAnswer(Struct, frozen=True):
    """One partner's hidden answer: a score, or None when they pass this week."""

    score: int | None
    note: str = ""


class HiddenRatingDialog(FormDialog[RatingAnswer]):
    """One partner rates the week while the other looks away. It takes no ratings, so it can
    never show the other partner's."""

    def __init__(self, name: str, other_name: str) -> None:
        super().__init__(f"{name}, your rating")
        self.name_of_rater = name
        self.other_name = other_name

    def compose_fields(self) -> ComposeResult:
        yield Static(
            Text(f"{self.other_name}, please look away until {self.name_of_rater} has saved."),
            classes="dialog-message",
        )
        yield Label("How connected did you feel this week?")
        yield RatingPicker(id="hidden-rating")
        yield Input(placeholder="A note, if you like (optional)", id="hidden-note", compact=True)
        yield TickBox("Pass this week (no rating)", id="pass-rating", compact=True)

    def result(self) -> RatingAnswer:
        note = self.checked("hidden-note", clean_note)
        if self.query_one("#pass-rating", TickBox).value:
            return RatingAnswer(None, note)
        score = self.query_one("#hidden-rating", RatingPicker).value
        if score is None:
            raise FormProblem(
                f"{self.name_of_rater}, choose a rating from 1 to 5, or pass.", "hidden-rating"
            )
        return RatingAnswer(score, note)


class AgendaDialog(FormDialog[tuple[AgendaStep, ...]]):
    """Which steps the check-in walks through, always in the agenda's own order."""

    def __init__(self, chosen: tuple[AgendaStep, ...]) -> None:
        super().__init__("Steps of the check-in")
        self.chosen_steps = chosen

    def compose_fields(self) -> ComposeResult:
        yield Static(
            f"Choose \u201c{STEP_TITLES[AgendaStep.TALK]}\u201d alone for the classic check-in: "
            "the speaking clock, then the ratings.",
            classes="dialog-message",
        )
        for step in AgendaStep:
            yield TickBox(
                Text(f"{STEP_TITLES[step]}: {STEP_EXPLANATIONS[step]}"),
                value=step in self.chosen_steps,
                id=f"step-{step.value}",
                compact=True,
            )

    def result(self) -> tuple[AgendaStep, ...]:
        checked = [
            step for step in AgendaStep if self.query_one(f"#step-{step.value}", TickBox).value
        ]
        try:
            return agenda_with(checked)
        except AgendaRefused as refusal:
            raise FormProblem(str(refusal), f"step-{AgendaStep.TALK.value}") from None
