"""Adding or editing a ritual: its name, how often, and who does it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from tui.core.models import WEEKDAYS
from tui.core.rituals import Cadence, CadenceKind, RitualDraft, Who, clean_ritual_name
from tui.core.text import InvalidText
from tui.dialogs.base import Dialog

_CADENCE_CHOICES = (
    (CadenceKind.DAILY, "Every day"),
    (CadenceKind.WEEKLY, "A number of times a week"),
    (CadenceKind.WEEKDAYS, "On chosen days"),
)


class RitualDialog(Dialog[RitualDraft | None]):
    """Returns a validated `RitualDraft`, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, draft: RitualDraft | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.draft = draft or RitualDraft("", Cadence.daily(), Who.TOGETHER)

    def compose(self) -> ComposeResult:
        draft = self.draft
        with Vertical(classes="dialog", id="ritual-dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Label("Name")
            yield Input(draft.name, placeholder="e.g. A walk together after dinner", id="name")
            yield Label("How often")
            with RadioSet(id="cadence"):
                for kind, label in _CADENCE_CHOICES:
                    yield RadioButton(label, value=draft.cadence.kind is kind, name=kind.value)
            with Horizontal(id="times-row"):
                yield Label("Times a week (1-7)")
                yield Input(
                    str(draft.cadence.times_per_week), id="times", restrict=r"[0-9]*", max_length=1
                )
            with Horizontal(id="weekday-row"):
                for number, day in enumerate(WEEKDAYS):
                    yield Checkbox(
                        day[:3].capitalize(),
                        value=number in draft.cadence.weekdays,
                        id=f"day-{number}",
                    )
            yield Label("Who does it")
            with RadioSet(id="who"):
                yield RadioButton(
                    "Together (one tick)", value=draft.who is Who.TOGETHER, name=Who.TOGETHER.value
                )
                yield RadioButton(
                    "Each of us (a tick each)", value=draft.who is Who.EACH, name=Who.EACH.value
                )
            yield Static("", id="ritual-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._show_fields_of(self.draft.cadence.kind)
        self.query_one("#name", Input).focus()

    @on(RadioSet.Changed, "#cadence")
    def _cadence_chosen(self, event: RadioSet.Changed) -> None:
        self._show_fields_of(CadenceKind(event.pressed.name))

    def _show_fields_of(self, kind: CadenceKind) -> None:
        """Only what the chosen cadence needs: how many times a week, or which days."""
        self.query_one("#times-row").display = kind is CadenceKind.WEEKLY
        self.query_one("#weekday-row").display = kind is CadenceKind.WEEKDAYS

    def _chosen(self, radio_set_id: str) -> str:
        pressed = self.query_one(f"#{radio_set_id}", RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else ""

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        """Validate and return the ritual."""
        name_field = self.query_one("#name", Input)
        try:
            name = clean_ritual_name(name_field.value)
        except InvalidText as problem:
            self._problem(str(problem), name_field)
            return
        kind = CadenceKind(self._chosen("cadence") or CadenceKind.DAILY.value)
        try:
            if kind is CadenceKind.WEEKLY:
                times_text = self.query_one("#times", Input).value
                cadence = Cadence.weekly(int(times_text) if times_text else 0)
            elif kind is CadenceKind.WEEKDAYS:
                days = [
                    number
                    for number in range(7)
                    if self.query_one(f"#day-{number}", Checkbox).value
                ]
                cadence = Cadence.on(*days)
            else:
                cadence = Cadence.daily()
        except InvalidText as problem:
            self._problem(str(problem), self.query_one("#cadence", RadioSet))
            return
        who = Who(self._chosen("who") or Who.TOGETHER.value)
        self.dismiss(RitualDraft(name, cadence, who))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    def _problem(self, message: str, field: Input | RadioSet) -> None:
        self.query_one("#ritual-problem", Static).update(Text(message))
        field.focus()
