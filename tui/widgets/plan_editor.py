"""The check-in plan, edited with the keyboard: up and down pick a row, left and right change it."""

from __future__ import annotations

from collections.abc import Callable

from msgspec import Struct
from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.agenda import describe_agenda
from tui.core.models import WEEKDAYS, AgendaStep, Settings
from tui.keys import key


class PlanRow(Struct, frozen=True):
    """One editable line of the plan."""

    key: str
    label: str
    choices: tuple[object, ...]
    describe: Callable[[object], str]


def _minutes(value: object) -> str:
    return f"{value} min"


_SHORT_THEN_FIVES = tuple(sorted({*range(1, 11), *range(15, 121, 5)}))


def _agenda_choices(current: tuple[AgendaStep, ...]) -> tuple[object, ...]:
    """Every step, the couple's own choice of steps (if they made one), or the clock alone."""
    every, clock = tuple(AgendaStep), (AgendaStep.TALK,)
    return (every, current, clock) if current not in (every, clock) else (every, clock)


def plan_rows(
    first_name: str, second_name: str, agenda: tuple[AgendaStep, ...] = tuple(AgendaStep)
) -> tuple[PlanRow, ...]:
    """The rows of the plan, naming the partners."""
    names = {"a": first_name, "b": second_name}
    return (
        PlanRow("first_speaker", "Speaks first", ("a", "b"), lambda key: names[str(key)]),
        PlanRow("turn_minutes", "Turn length", tuple(range(1, 31)), _minutes),
        PlanRow("rounds", "Rounds", tuple(range(1, 5)), lambda value: f"{value} each"),
        PlanRow(
            "reflect_back_minutes",
            "Reflect-back",
            tuple(range(0, 4)),
            lambda value: "none" if value == 0 else _minutes(value),
        ),
        PlanRow("heated_limit_minutes", "Heated-talk limit", tuple(range(5, 241, 5)), _minutes),
        PlanRow("cooling_off_minutes", "Cooling-off", _SHORT_THEN_FIVES, _minutes),
        PlanRow("checkin_weekday", "Weekly on", WEEKDAYS, lambda day: str(day).capitalize()),
        PlanRow(
            "agenda",
            "Steps",
            _agenda_choices(agenda),
            lambda steps: describe_agenda(steps),  # type: ignore[arg-type]
        ),
    )


class PlanEditor(Widget, can_focus=True):
    """Shows the plan it is given; asks for a change with `ChangeRequested` and never saves."""

    BINDINGS = [
        key(
            "plan",
            "up,k",
            "move(-1)",
            "Line up",
            "Select the line of the plan above",
            key_display="↑",
        ),
        key(
            "plan",
            "down,j",
            "move(1)",
            "Line down",
            "Select the line of the plan below",
            key_display="↓",
        ),
        key(
            "plan",
            "left,h",
            "change(-1)",
            "Less",
            "Choose the previous value of the selected line",
            key_display="←",
        ),
        key(
            "plan",
            "right,l",
            "change(1)",
            "More",
            "Choose the next value of the selected line",
            key_display="→",
        ),
    ]

    cursor = reactive(0)

    class ChangeRequested(Message):
        """The user asked for another value on one line of the plan; the owner saves it (or
        not) and then calls `show()` with what is saved."""

        def __init__(self, field: str, value: object) -> None:
            super().__init__()
            self.field = field
            """The plan line's key: "first_speaker" or the name of a setting."""
            self.value = value

    def __init__(self, settings: Settings, first_speaker: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show(settings, first_speaker)

    def show(self, settings: Settings, first_speaker: str) -> None:
        """Display the plan as saved; the editor only shows it and never writes it back."""
        self.settings = settings
        self.first_speaker = first_speaker
        self.rows = plan_rows(settings.partners.a, settings.partners.b, settings.agenda)
        self.refresh()

    def _value(self, row: PlanRow) -> object:
        if row.key == "first_speaker":
            return self.first_speaker
        return getattr(self.settings, row.key)

    def render(self) -> Text:
        lines = Text()
        for index, row in enumerate(self.rows):
            value = row.describe(self._value(row))
            selected = index == self.cursor and self.has_focus
            line = Text.assemble(
                ("▸ " if index == self.cursor else "  ", "bold"),
                (f"{row.label:<18}", "bold" if selected else ""),
                ("◀ ", "dim"),
                (value, "reverse" if selected else "bold"),
                (" ▶", "dim"),
            )
            lines.append_text(line)
            if index < len(self.rows) - 1:
                lines.append("\n")
        return lines

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        """Select the previous or next row."""
        self.cursor = (self.cursor + step) % len(self.rows)

    def action_change(self, step: int) -> None:
        """Ask for the selected row's previous or next value."""
        row = self.rows[self.cursor]
        current = self._value(row)
        position = row.choices.index(current) if current in row.choices else 0
        wanted = row.choices[max(0, min(len(row.choices) - 1, position + step))]
        if wanted != current:
            self.post_message(self.ChangeRequested(row.key, wanted))
