"""Dialogs of the Therapy pane: the plan, a session, an assignment, an attempt's debrief."""

from __future__ import annotations

from datetime import date, tzinfo

from msgspec import Struct
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Label, TextArea

from tui.core.days import local_time, typed_day
from tui.core.models import Partners, partner_options
from tui.core.text import InvalidText, clean_note, clean_single_line
from tui.core.therapy import (
    ASSIGNMENT_MAX_LENGTH,
    HOW_IT_WENT_WORDS,
    TherapyPlan,
    parse_session_start,
    revise_plan,
)
from tui.dialogs.base import FormDialog, FormProblem
from tui.widgets.choices import ChoiceSet


def parse_day(text: str, field: str, example: date) -> date:
    """A YYYY-MM-DD day typed in `field`, or a `FormProblem` naming it."""
    day = typed_day(text)
    if day is None:
        raise FormProblem(f"“{text.strip()}” is not a date like {example.isoformat()}.", field)
    return day


class PlanDialog(FormDialog[dict]):
    """The plan: each partner's hopes (a line each), the therapist, the rhythm, the next one."""

    def __init__(self, plan: TherapyPlan, partners: Partners, zone: tzinfo) -> None:
        super().__init__("Our therapy plan")
        self.plan = plan
        self.partners = partners
        self.zone = zone

    def compose_fields(self) -> ComposeResult:
        for partner, name in (("a", self.partners.a), ("b", self.partners.b)):
            yield Label(Text(f"What {name} hopes to achieve (a line each)"))
            yield TextArea(
                "\n".join(self.plan.hopes_of(partner)),
                id=f"hopes-{partner}",
                classes="therapy-hopes",
            )
        yield Label("The therapist's name")
        yield Input(self.plan.therapist, id="therapist")
        yield Label("Their approach, in your words")
        yield Input(self.plan.approach, placeholder="e.g. Emotionally focused", id="approach")
        yield Label("How to reach them")
        yield Input(self.plan.contact, id="contact")
        yield Label("Weeks between sessions, 1 to 8 (empty if there is no rhythm)")
        every = self.plan.session_every
        yield Input("" if every is None else str(every), id="session-every")
        yield Label("The next session: YYYY-MM-DD HH:MM (empty if none is booked)")
        starts = self.plan.next_session
        yield Input(
            "" if starts is None else f"{local_time(starts, self.zone):%Y-%m-%d %H:%M}",
            placeholder="e.g. 2026-11-26 17:30",
            id="next-session",
        )

    def result(self) -> dict:
        every_text = self.query_one("#session-every", Input).value.strip()
        changes: dict[str, object] = {
            "hopes_a": self.query_one("#hopes-a", TextArea).text.splitlines(),
            "hopes_b": self.query_one("#hopes-b", TextArea).text.splitlines(),
            "therapist": self.query_one("#therapist", Input).value,
            "approach": self.query_one("#approach", Input).value,
            "contact": self.query_one("#contact", Input).value,
        }
        if every_text and not (every_text.isdigit() and int(every_text) in range(1, 9)):
            raise FormProblem("Sessions are 1 to 8 weeks apart.", "session-every")
        changes["session_every"] = int(every_text) if every_text else None
        try:
            changes["next_session"] = parse_session_start(
                self.query_one("#next-session", Input).value, self.zone
            )
            revise_plan(self.plan, **changes)
        except InvalidText as problem:
            raise FormProblem(str(problem), (problem.field or "").replace("_", "-")) from None
        return changes


class SessionDraft(Struct, frozen=True):
    """What the session dialog returns."""

    on: date
    takeaways: str


class SessionDialog(FormDialog[SessionDraft]):
    """A session held: its day and what the couple took away."""

    def __init__(self, title: str, today: date, on: date | None = None, takeaways: str = ""):
        super().__init__(title)
        self.today = today
        self.on = on or today
        self.takeaways = takeaways

    def compose_fields(self) -> ComposeResult:
        yield Label("The day of the session (YYYY-MM-DD)")
        yield Input(self.on.isoformat(), id="on")
        yield Label("What we took away (optional)")
        yield Input(self.takeaways, placeholder="e.g. Name the feeling first", id="takeaways")

    def result(self) -> SessionDraft:
        on = parse_day(self.query_one("#on", Input).value, "on", self.today)
        if on > self.today:
            raise FormProblem("Note a session once it has taken place.", "on")
        takeaways = self.checked("takeaways", lambda text: clean_note(text, "the takeaways"))
        return SessionDraft(on, takeaways)


class AssignmentDraft(Struct, frozen=True):
    """What the assignment dialog returns."""

    who: str
    what: str
    until: date | None


class AssignmentDialog(FormDialog[AssignmentDraft]):
    """Practice between sessions: who, what, until when."""

    def __init__(self, partners: Partners, today: date) -> None:
        super().__init__("Practice between sessions")
        self.partners = partners
        self.today = today

    def compose_fields(self) -> ComposeResult:
        yield Label("What to practise")
        yield Input(placeholder="e.g. Reflect back before answering", id="what")
        yield Label("Who practises")
        yield ChoiceSet(partner_options(self.partners, both="both"), "both", id="who", inline=True)
        yield Label("Until (YYYY-MM-DD; empty for no end day)")
        yield Input(id="until")

    def result(self) -> AssignmentDraft:
        what = self.checked(
            "what",
            lambda text: clean_single_line(
                text, label="the practice", max_length=ASSIGNMENT_MAX_LENGTH
            ),
        )
        until_text = self.query_one("#until", Input).value.strip()
        until = parse_day(until_text, "until", self.today) if until_text else None
        if until is not None and until < self.today:
            raise FormProblem("The last day of practice can't be in the past.", "until")
        return AssignmentDraft(self.chosen("who") or "both", what, until)


class AttemptDraft(Struct, frozen=True):
    """What the debrief dialog returns."""

    on: date
    how_it_went: int
    worked: str
    adjust: str


class AttemptDialog(FormDialog[AttemptDraft]):
    """The debrief of one attempt: when, how it went (1-5), what worked, what to adjust."""

    def __init__(self, what: str, today: date, earliest: date) -> None:
        super().__init__("Debrief an attempt")
        self.what = what
        self.today = today
        self.earliest = earliest

    def compose_fields(self) -> ComposeResult:
        yield Label(Text(self.what))
        yield Label("The day you tried it (YYYY-MM-DD)")
        yield Input(self.today.isoformat(), id="on")
        yield Label("How it went")
        yield ChoiceSet(
            [(str(score), f"{score} {words}") for score, words in HOW_IT_WENT_WORDS.items()],
            "3",
            id="how-it-went",
            inline=True,
        )
        yield Label("What worked (optional)")
        yield Input(id="worked")
        yield Label("What to adjust next time (optional)")
        yield Input(id="adjust")

    def result(self) -> AttemptDraft:
        on = parse_day(self.query_one("#on", Input).value, "on", self.today)
        if on > self.today:
            raise FormProblem("Debrief an attempt once it has happened.", "on")
        if on < self.earliest:
            raise FormProblem("An attempt can't come before the practice was given.", "on")
        worked = self.checked("worked", lambda text: clean_note(text, "what worked"))
        adjust = self.checked("adjust", lambda text: clean_note(text, "what to adjust"))
        return AttemptDraft(on, int(self.chosen("how-it-went") or 3), worked, adjust)
