"""Dialogs of the Agreements pane: propose or reword, sign, log a lapse, record a review."""

from __future__ import annotations

from datetime import date, timedelta

from msgspec import Struct
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from tui.core.agreements import PROPOSED_TOGETHER, Repair, ReviewOutcome, clean_wording
from tui.core.models import Partners
from tui.core.text import InvalidText, clean_note, parse_whole_number
from tui.dialogs.base import Dialog

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


class _Form(Dialog):  # type: ignore[type-arg]
    """Shared frame: a title, fields, a problem line, Save and Cancel, Enter saves."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    TITLE_TEXT = ""

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.TITLE_TEXT, classes="dialog-title")
            yield from self.compose_fields()
            yield Static("", classes="form-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        fields = self.query(Input)
        if fields:
            fields.first().focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        try:
            result = self.result()
        except InvalidText as problem:
            self.query_one(".form-problem", Static).update(Text(str(problem)))
            return
        self.dismiss(result)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    def result(self) -> object:
        raise NotImplementedError

    def _number(self, field_id: str, label: str, lowest: int, highest: int) -> int:
        text = self.query_one(f"#{field_id}", Input).value
        return parse_whole_number(text, label=label, lowest=lowest, highest=highest)

    def _choice(self, radio_set_id: str) -> str:
        pressed = self.query_one(f"#{radio_set_id}", RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else ""


class AgreementDialog(_Form):
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
        super().__init__()
        self.TITLE_TEXT = title
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
            with RadioSet(id="proposed-by", classes="inline-choices"):
                yield RadioButton(Text(self.partners.a), value=True, name="a")
                yield RadioButton(Text(self.partners.b), name="b")
                yield RadioButton("Both of us", name=PROPOSED_TOGETHER)
        if not self.rewording:
            yield Label("The repair after a lapse: what, minutes a day, for how many days")
            yield Input(self.repair.what, id="repair-what")
            with Horizontal(classes="form-row"):
                yield Input(str(self.repair.minutes_per_day), id="repair-minutes")
                yield Input(str(self.repair.days), id="repair-days")
            yield Label("Joint review: days after a lapse")
            yield Input(str(self.review_after_days), id="review-after")

    def result(self) -> AgreementDraft:
        wording = clean_wording(self.query_one("#wording", Input).value)
        proposed_by = self._choice("proposed-by") if self.partners is not None else ""
        if self.rewording:
            return AgreementDraft(wording, self.repair, self.review_after_days, proposed_by)
        what = self.query_one("#repair-what", Input).value.strip() or Repair().what
        repair = Repair(
            what=clean_note(what),
            minutes_per_day=self._number("repair-minutes", "Repair minutes", 1, 240),
            days=self._number("repair-days", "Repair days", 1, 60),
        )
        review_after = self._number("review-after", "The review's days after a lapse", 1, 90)
        if not repair.days <= review_after <= 90:
            raise InvalidText(
                f"The joint review falls {repair.days} to 90 days after a lapse, once the "
                "repair has ended."
            )
        return AgreementDraft(wording, repair, review_after, proposed_by or "a")


class PartnerDialog(Dialog[str | None]):
    """Which partner (for signing): a button each, or 1 / 2."""

    BINDINGS = [
        Binding("escape", "choose('')", "Cancel"),
        Binding("1", "choose('a')", "First partner", show=False),
        Binding("2", "choose('b')", "Second partner", show=False),
    ]

    def __init__(self, title: str, partners: Partners) -> None:
        super().__init__()
        self.title_text = title
        self.partners = partners

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.partners.a} (1)", id="a", variant="primary")
                yield Button(f"{self.partners.b} (2)", id="b")

    def on_mount(self) -> None:
        self.query_one("#a", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, partner: str) -> None:
        """Answer with a key; escape answers nothing."""
        self.dismiss(partner or None)


class LapseDialog(_Form):
    """Log a lapse without blame: who, which day, what happened and what was needed."""

    TITLE_TEXT = "Log a lapse"

    def __init__(self, partners: Partners, today: date) -> None:
        super().__init__()
        self.partners = partners
        self.today = today

    def compose_fields(self) -> ComposeResult:
        yield Label("Who lapsed (this starts their repair)")
        with RadioSet(id="partner"):
            yield RadioButton(Text(self.partners.a), value=True, name="a")
            yield RadioButton(Text(self.partners.b), name="b")
        yield Label("Which day (YYYY-MM-DD)")
        yield Input(self.today.isoformat(), id="day")
        yield Label("What happened, and what was needed? (optional, no blame)")
        yield Input(placeholder="e.g. I was absorbed in my phone; you needed a listener", id="note")

    def result(self) -> LapseDraft:
        text = self.query_one("#day", Input).value.strip()
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise InvalidText(f"“{text}” is not a date like {self.today.isoformat()}.") from None
        if day > self.today:
            raise InvalidText("A lapse can't be logged for a day still to come.")
        if day < self.today - timedelta(days=LAPSE_DAYS_BACK):
            raise InvalidText(
                f"A lapse can be logged for a day in the last {LAPSE_DAYS_BACK} days."
            )
        note = clean_note(self.query_one("#note", Input).value)
        return LapseDraft(self._choice("partner") or "a", day, note)


class ReviewDialog(_Form):
    """The joint review after a repair: what worked, and keep, reword or retire."""

    TITLE_TEXT = "Joint review"

    def __init__(self, wording: str) -> None:
        super().__init__()
        self.wording = wording

    def compose_fields(self) -> ComposeResult:
        yield Label("What is working, and what is not? (optional)")
        yield Input(id="note")
        with RadioSet(id="outcome"):
            yield RadioButton("Keep the agreement as it is", value=True, name="keep")
            yield RadioButton("Reword it (both sign again)", name="reword")
            yield RadioButton("Retire it", name="retire")
        yield Label("New wording, if you reword it")
        yield Input(self.wording, id="new-wording")

    def result(self) -> ReviewDraft:
        outcome = ReviewOutcome(self._choice("outcome") or "keep")
        new_wording = self.query_one("#new-wording", Input).value
        if outcome is ReviewOutcome.REWORD:
            new_wording = clean_wording(new_wording)
        return ReviewDraft(clean_note(self.query_one("#note", Input).value), outcome, new_wording)
