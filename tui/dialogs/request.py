"""Dialogs of the Requests pane: ask, answer, and offer an alternative.

Each returns a draft; the pane turns it into a step through the store, which checks it
against the request as saved. Typed text is shown literally everywhere, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from msgspec import Struct
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select, Static

from tui.core.days import typed_day
from tui.core.models import Partners, partner_options
from tui.core.request_words import request_nudges
from tui.core.requests import (
    ALTERNATIVE_MAX_LENGTH,
    THINKING_DAYS_MAX,
    Request,
    StepKind,
    new_request,
)
from tui.core.text import InvalidText, clean_note, clean_single_line
from tui.dialogs.base import FormDialog, FormProblem
from tui.widgets.choices import ChoiceSet

ANSWER_BY_DAYS = 3
"""The day to answer by that "let me think" suggests: a few days, not an open end."""
EXAMPLE = 'e.g. "Ask about my day at dinner, most evenings"'


class RequestDraft(Struct, frozen=True):
    """What the ask dialog returns: checked, not yet a request."""

    asker: str
    need: str
    ask: str
    hurt: str
    moment_id: str | None


class AnswerDraft(Struct, frozen=True):
    """What the answer dialog returns."""

    kind: StepKind
    reason: str = ""
    answer_by: date | None = None


class AlternativeDraft(Struct, frozen=True):
    """What the alternative dialog returns."""

    by: str
    text: str


def _partner_choices(partners: Partners, chosen: str, field: str) -> ChoiceSet:
    return ChoiceSet(partner_options(partners), chosen, id=field, inline=True)


class RequestDialog(FormDialog[RequestDraft]):
    """Ask: who asks, the hurt or moment it grew from (optional), the need, the request.

    Under the request, gentle hints appear while typing when it lacks something to do or a
    when; they never stop it being saved.
    """

    def __init__(self, partners: Partners, moments: Sequence[tuple[str, str]] = ()) -> None:
        """`moments` are the (label, id) of the moments it may come from (`moment_choices`)."""
        super().__init__("Turn a hurt into a request")
        self.partners = partners
        self.moments = moments

    def compose_fields(self) -> ComposeResult:
        yield Label("Who is asking")
        yield _partner_choices(self.partners, "a", "asker")
        yield Label("What hurt, or what happened (optional, in \u201cI felt\u201d words)")
        yield Input(placeholder='e.g. "I felt alone when dinner went by in silence"', id="hurt")
        if self.moments:
            yield Label("The logged moment it comes from (optional)")
            yield Select(
                [(Text(label), moment_id) for label, moment_id in self.moments],
                value=Select.NULL,
                prompt="no moment",
                id="moment",
            )
        yield Label("What you need, in your own words")
        yield Input(placeholder='e.g. "to feel that my day matters to you"', id="need")
        yield Label("The request: something doable, and when or how often")
        yield Input(placeholder=EXAMPLE, id="ask")
        # Under the field: hints that grow or shrink as it is typed in never move the field,
        # so at 80x24 it stays where the typing is.
        yield Static(EXAMPLE, id="ask-nudges", classes="request-nudges")

    @on(Input.Changed, "#ask")
    def _ask_changed(self, event: Input.Changed) -> None:
        nudges = request_nudges(event.value)
        text = " ".join(nudges) if nudges else EXAMPLE if not event.value.strip() else ""
        hints = self.query_one("#ask-nudges", Static)
        hints.update(Text(text))
        # Once laid out, bring the hints into view too; the field above them stays in view.
        self.call_after_refresh(hints.scroll_visible, animate=False)

    def result(self) -> RequestDraft:
        moment_id = None
        if self.moments:
            chosen = self.query_one("#moment", Select).value
            moment_id = chosen if isinstance(chosen, str) else None
        values = {name: self.query_one(f"#{name}", Input).value for name in ("hurt", "need", "ask")}
        try:
            request = new_request(
                "draft",
                asker=self.chosen("asker") or "a",
                day=date.min,
                moment_id=moment_id,
                **values,
            )
        except InvalidText as problem:
            raise FormProblem(str(problem), problem.field) from None
        return RequestDraft(request.asker, request.need, request.ask, request.hurt, moment_id)


class AnswerDialog(FormDialog[AnswerDraft]):
    """The partner asked answers: doable, not as asked (a reason if they like), or let me
    think (with a day to answer by)."""

    def __init__(self, request: Request, name: str, today: date) -> None:
        super().__init__(f"{name}\u2019s answer")
        self.request = request
        self.today = today

    def compose_fields(self) -> ComposeResult:
        yield Static(Text(f"\u201c{self.request.ask}\u201d"), classes="dialog-message")
        yield ChoiceSet(
            [
                (StepKind.DOABLE.value, "Doable, as asked"),
                (StepKind.NOT_AS_ASKED.value, "Not doable as asked"),
                (StepKind.THINKING.value, "Let me think it over"),
            ],
            StepKind.DOABLE.value,
            id="answer",
        )
        yield Label("Why not as asked (optional, and kind: an alternative can follow)")
        yield Input(id="reason")
        yield Label(f"If thinking it over: answer by (YYYY-MM-DD, within {THINKING_DAYS_MAX} days)")
        yield Input((self.today + timedelta(days=ANSWER_BY_DAYS)).isoformat(), id="answer-by")

    def result(self) -> AnswerDraft:
        kind = StepKind(self.chosen("answer") or StepKind.DOABLE.value)
        if kind is StepKind.NOT_AS_ASKED:
            return AnswerDraft(kind, reason=self.checked("reason", clean_note))
        if kind is StepKind.THINKING:
            return AnswerDraft(kind, answer_by=self.checked("answer-by", self._answer_by))
        return AnswerDraft(kind)

    def _answer_by(self, text: str) -> date:
        last = self.today + timedelta(days=THINKING_DAYS_MAX)
        day = typed_day(text)
        if day is None or not self.today <= day <= last:
            raise InvalidText(
                f"Choose a day to answer by, from {self.today.isoformat()} to {last.isoformat()}."
            )
        return day


class AlternativeDialog(FormDialog[AlternativeDraft]):
    """Offer an alternative that meets the same need: who offers it, and what."""

    def __init__(
        self, request: Request, partners: Partners, offered_by: str, able: Sequence[str]
    ) -> None:
        """`offered_by` is chosen first; `able` are the partners who may offer one now."""
        super().__init__("Offer an alternative")
        self.request = request
        self.partners = partners
        self.offered_by = offered_by
        self.able = tuple(able)

    def compose_fields(self) -> ComposeResult:
        latest = self.request.latest_alternative
        on_the_table = latest.text if latest is not None else self.request.ask
        yield Static(
            Text(f"The need: {self.request.need}\nOn the table: \u201c{on_the_table}\u201d"),
            classes="dialog-message",
        )
        # The alternative first, the form opening on it: who offers it is suggested already.
        yield Label("The alternative: what, and when or how often")
        yield Input(placeholder='e.g. "Phones away at dinner on weekdays"', id="alternative")
        if len(self.able) > 1:
            yield Label("Who offers it")
            yield _partner_choices(self.partners, self.offered_by, "offered-by")
        else:
            name = self.partners.a if self.offered_by == "a" else self.partners.b
            yield Label(Text(f"Offered by {name}"))

    def result(self) -> AlternativeDraft:
        text = self.checked(
            "alternative",
            lambda typed: clean_single_line(
                typed, label="the alternative", max_length=ALTERNATIVE_MAX_LENGTH
            ),
        )
        by = self.chosen("offered-by") if len(self.able) > 1 else self.offered_by
        return AlternativeDraft(by or self.offered_by, text)
