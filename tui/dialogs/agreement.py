"""Dialogs of the Agreements pane: propose or reword, sign, log a lapse, record a review."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from msgspec import Struct
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from tui.core.agreements import PROPOSED_TOGETHER, Repair, ReviewOutcome, clean_wording
from tui.core.days import typed_day
from tui.core.models import Partners, partner_options
from tui.core.text import clean_note, parse_whole_number
from tui.dialogs.base import Dialog, FormDialog, FormProblem
from tui.keys import key
from tui.widgets.choices import ChoiceSet

LAPSE_DAYS_BACK = 366
"""How far back a lapse can be logged: its repair starts that day."""


class AgreementDraft(Struct, frozen=True):
    """What the propose / reword dialog returns."""

    wording: str
    repair: Repair
    review_after_days: int
    proposed_by: str
    """A partner key, or `PROPOSED_TOGETHER`."""


class LapseDraft(Struct, frozen=True):
    """What the lapse dialog returns."""

    partner: str
    day: date
    note: str


class ReviewDraft(Struct, frozen=True):
    """What the review dialog returns."""

    note: str
    outcome: ReviewOutcome
    new_wording: str


def whole_number(label: str, lowest: int, highest: int) -> Callable[[str], int]:
    """A check for `FormDialog.checked`: a whole number from `lowest` to `highest`."""
    return lambda text: parse_whole_number(text, label=label, lowest=lowest, highest=highest)


class AgreementDialog(FormDialog[AgreementDraft]):
    """Propose an agreement, or reword one (then only the wording is asked)."""

    def __init__(
        self,
        title: str,
        wording: str = "",
        rewording: bool = False,
        repair: Repair | None = None,
        review_after_days: int = 7,
        partners: Partners | None = None,
    ) -> None:
        super().__init__(title)
        self.wording = wording
        self.rewording = rewording
        self.repair = repair or Repair()
        self.review_after_days = review_after_days
        self.partners = partners

    def compose_fields(self) -> ComposeResult:
        yield Label("What you both agree to do (up to 500 characters)")
        yield Input(
            self.wording, placeholder="e.g. We talk each week with phones put away", id="wording"
        )
        if self.partners is not None:
            yield Label("Who proposes it")
            yield ChoiceSet(
                partner_options(self.partners, both=PROPOSED_TOGETHER),
                "a",
                id="proposed-by",
                inline=True,
            )
        if not self.rewording:
            yield Label("The repair after a lapse: what, minutes a day, for how many days")
            yield Input(self.repair.what, id="repair-what")
            with Horizontal(classes="form-row"):
                yield Input(str(self.repair.minutes_per_day), id="repair-minutes")
                yield Input(str(self.repair.days), id="repair-days")
            yield Label("Joint review: days after a lapse")
            yield Input(str(self.review_after_days), id="review-after")

    def result(self) -> AgreementDraft:
        wording = self.checked("wording", clean_wording)
        proposed_by = self.chosen("proposed-by") if self.partners is not None else ""
        if self.rewording:
            return AgreementDraft(wording, self.repair, self.review_after_days, proposed_by)
        what = self.checked("repair-what", lambda text: clean_note(text.strip() or Repair().what))
        repair = Repair(
            what=what,
            minutes_per_day=self.checked("repair-minutes", whole_number("Repair minutes", 1, 240)),
            days=self.checked("repair-days", whole_number("Repair days", 1, 60)),
        )
        review_after = self.checked(
            "review-after", whole_number("The review's days after a lapse", 1, 90)
        )
        if not repair.days <= review_after <= 90:
            raise FormProblem(
                f"The joint review falls {repair.days} to 90 days after a lapse, once the "
                "repair has ended.",
                "review-after",
            )
        return AgreementDraft(wording, repair, review_after, proposed_by or "a")


class PartnerDialog(Dialog[str | None]):
    """Which partner (for signing): a button each, or 1 / 2."""

    BINDINGS = [
        key(
            "partner",
            "escape",
            "choose('')",
            "Cancel",
            "Close without choosing anyone",
            footer=True,
        ),
        key(
            "partner", "1", "choose('a')", "First partner", "Choose the first partner", name="first"
        ),
        key(
            "partner",
            "2",
            "choose('b')",
            "Second partner",
            "Choose the second partner",
            name="second",
        ),
    ]

    def __init__(self, title: str, partners: Partners) -> None:
        super().__init__()
        self.title_text = title
        self.partners = partners

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    Text(f"{self.partners.a} ({self.key_for('partner.first')})"),
                    id="a",
                    variant="primary",
                )
                yield Button(Text(f"{self.partners.b} ({self.key_for('partner.second')})"), id="b")

    def on_mount(self) -> None:
        self.query_one("#a", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, partner: str) -> None:
        """Answer with a key; escape answers nothing."""
        self.dismiss(partner or None)


class LapseDialog(FormDialog[LapseDraft]):
    """Log a lapse without blame: who, which day, what happened and what was needed."""

    def __init__(self, partners: Partners, today: date) -> None:
        super().__init__("Log a lapse")
        self.partners = partners
        self.today = today

    def compose_fields(self) -> ComposeResult:
        yield Label("Who lapsed (this starts their repair)")
        yield ChoiceSet(partner_options(self.partners), "a", id="partner", inline=True)
        yield Label("Which day (YYYY-MM-DD)")
        yield Input(self.today.isoformat(), id="day")
        yield Label("What happened, and what was needed? (optional, no blame)")
        yield Input(placeholder="e.g. I was absorbed in my phone; you needed a listener", id="note")

    def result(self) -> LapseDraft:
        day = self.checked("day", self._day)
        note = self.checked("note", clean_note)
        return LapseDraft(self.chosen("partner") or "a", day, note)

    def _day(self, text: str) -> date:
        day = typed_day(text)
        if day is None:
            raise FormProblem(
                f"“{text.strip()}” is not a date like {self.today.isoformat()}.", "day"
            )
        if day > self.today:
            raise FormProblem("A lapse can't be logged for a day still to come.", "day")
        if day < self.today - timedelta(days=LAPSE_DAYS_BACK):
            raise FormProblem(
                f"A lapse can be logged for a day in the last {LAPSE_DAYS_BACK} days.", "day"
            )
        return day


class ReviewDialog(FormDialog[ReviewDraft]):
    """The joint review after a repair: what worked, and keep, reword or retire."""

    def __init__(self, wording: str) -> None:
        super().__init__("Joint review")
        self.wording = wording

    def compose_fields(self) -> ComposeResult:
        yield Label("What is working, and what is not? (optional)")
        yield Input(id="note")
        yield Label("What now")
        yield ChoiceSet(
            [
                ("keep", "Keep the agreement as it is"),
                ("reword", "Reword it (both sign again)"),
                ("retire", "Retire it"),
            ],
            "keep",
            id="outcome",
        )
        yield Label("New wording, if you reword it")
        yield Input(self.wording, id="new-wording")

    def result(self) -> ReviewDraft:
        note = self.checked("note", clean_note)
        outcome = ReviewOutcome(self.chosen("outcome") or "keep")
        new_wording = self.query_one("#new-wording", Input).value
        if outcome is ReviewOutcome.REWORD:
            new_wording = self.checked("new-wording", clean_wording)
        return ReviewDraft(note, outcome, new_wording)
