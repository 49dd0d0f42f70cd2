"""Adding or editing a ritual: its name, how often, and who does it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label

from tui.core.models import WEEKDAYS
from tui.core.rituals import Cadence, CadenceKind, RitualDraft, Who, clean_ritual_name
from tui.core.text import InvalidText
from tui.dialogs.base import FormDialog, FormProblem
from tui.widgets.choices import ChoiceSet, TickBox

_CADENCE_CHOICES = (
    (CadenceKind.DAILY, "Every day"),
    (CadenceKind.WEEKLY, "A number of times a week"),
    (CadenceKind.WEEKDAYS, "On chosen days"),
)


class RitualDialog(FormDialog[RitualDraft]):
    """Returns a validated `RitualDraft`, or None when cancelled."""

    PROBLEM_LINE_ID = "ritual-problem"

    def __init__(self, title: str, draft: RitualDraft | None = None) -> None:
        super().__init__(title)
        self.draft = draft or RitualDraft("", Cadence.daily(), Who.TOGETHER)

    def compose_fields(self) -> ComposeResult:
        draft = self.draft
        yield Label("Name")
        yield Input(draft.name, placeholder="e.g. A walk together after dinner", id="name")
        yield Label("How often")
        yield ChoiceSet(
            [(kind.value, label) for kind, label in _CADENCE_CHOICES],
            draft.cadence.kind.value,
            id="cadence",
        )
        with Horizontal(id="times-row") as times_row:
            times_row.display = draft.cadence.kind is CadenceKind.WEEKLY
            yield Label("Times a week (1-7)")
            yield Input(
                str(draft.cadence.times_per_week), id="times", restrict=r"[0-9]*", max_length=1
            )
        with Horizontal(id="weekday-row") as weekday_row:
            weekday_row.display = draft.cadence.kind is CadenceKind.WEEKDAYS
            for number, day in enumerate(WEEKDAYS):
                yield TickBox(
                    day[:3].capitalize(),
                    value=number in draft.cadence.weekdays,
                    id=f"day-{number}",
                )
        yield Label("Who does it")
        yield ChoiceSet(
            [
                (Who.TOGETHER.value, "Together (one tick)"),
                (Who.EACH.value, "Each of us (a tick each)"),
            ],
            draft.who.value,
            id="who",
        )

    @on(ChoiceSet.Changed, "#cadence")
    def _cadence_chosen(self, event: ChoiceSet.Changed) -> None:
        """Only what the chosen cadence needs: how many times a week, or which days."""
        kind = CadenceKind(event.chosen)
        self.query_one("#times-row").display = kind is CadenceKind.WEEKLY
        self.query_one("#weekday-row").display = kind is CadenceKind.WEEKDAYS

    def result(self) -> RitualDraft:
        name = self.checked("name", clean_ritual_name)
        kind = CadenceKind(self.chosen("cadence") or CadenceKind.DAILY.value)
        if kind is CadenceKind.WEEKLY:
            cadence = self.checked("times", lambda text: Cadence.weekly(int(text) if text else 0))
        elif kind is CadenceKind.WEEKDAYS:
            days = [
                number for number in range(7) if self.query_one(f"#day-{number}", TickBox).value
            ]
            try:
                cadence = Cadence.on(*days)
            except InvalidText as problem:
                raise FormProblem(str(problem), "day-0") from None
        else:
            cadence = Cadence.daily()
        return RitualDraft(name, cadence, Who(self.chosen("who") or Who.TOGETHER.value))
