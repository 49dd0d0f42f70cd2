"""The ritual grid: one widget per row, so a tick redraws one line and not the whole grid.

Every state has its own glyph as well as its own colour, so the grid reads the same with
NO_COLOR: ✓ done, ~ skipped, ✗ not done, · missed, ○ today (nothing entered yet).
"""

from __future__ import annotations

from datetime import date

from msgspec import Struct
from rich.text import Text
from textual.widget import Widget

from tui.core.rituals import CellState, Progress, Track

LABEL_WIDTH = 34
"""The widest a row's name gets; narrower terminals give it what is left."""
MIN_LABEL_WIDTH = 16
CELL_WIDTH = 4

GLYPHS = {
    CellState.DONE: "✓",
    CellState.SKIPPED: "~",
    CellState.NOT_DONE: "✗",
    CellState.MISSED: "·",
    CellState.OPEN: "○",
    CellState.NOT_DUE: " ",
    CellState.FUTURE: " ",
    CellState.BEFORE: " ",
}
STYLES = {
    CellState.DONE: "bold green",
    CellState.SKIPPED: "yellow",
    CellState.NOT_DONE: "red",
    CellState.MISSED: "dim",
    CellState.OPEN: "bold",
}
LEGEND = "✓ done   ~ skipped   ✗ not done   · missed   ○ today, not entered yet"


def track_label(track: Track, names: dict[str, str], width: int | None = None) -> str:
    """The row's name: the ritual, and whose row it is for rituals each partner does.

    With `width`, the ritual's name is shortened first so the partner's name always shows.
    """
    person = names.get(track.person)
    suffix = f" · {person}" if person else ""
    if width is None:
        return track.ritual.name + suffix
    suffix = suffix[: width // 2]
    return fit(track.ritual.name, width - len(suffix)).rstrip() + suffix


def fit(text: str, width: int) -> str:
    """`text` cut to `width` characters with an ellipsis, padded to exactly `width`."""
    return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)


def describe_progress_in_words(result: Progress) -> str:
    """Streaks and completion as a phrase: "streak 5 days · best 12 days · 80% of ..."."""
    unit = "week" if result.unit == "wk" else "day"

    def amount(count: int) -> str:
        return f"{count} {unit}{'' if count == 1 else 's'}"

    completion = (
        "nothing due in the last 30 days"
        if result.completion_30 is None
        else f"{result.completion_30:.0%} of the last 30 days"
    )
    return f"streak {amount(result.current)} · best {amount(result.best)} · {completion}"


def describe_progress(result: Progress) -> str:
    """ "  5d best 12d  80%" for the right-hand side of a row."""
    completion = "  –" if result.completion_30 is None else f"{result.completion_30:4.0%}"
    return f"{result.current:>3}{result.unit:<2} best {result.best:>3}{result.unit:<2} {completion}"


class RowView(Struct):
    """Everything a row draws: computed by the pane from core objects."""

    label: str
    states: list[CellState]
    progress: Progress
    archived: bool = False
    label_width: int = LABEL_WIDTH


class DayHeader(Widget):
    """The day labels above the grid, today marked."""

    def __init__(self) -> None:
        super().__init__(classes="ritual-header")
        self.days: list[date] = []
        self.today: date | None = None
        self.label_width = LABEL_WIDTH

    def show(self, days: list[date], today: date, label_width: int = LABEL_WIDTH) -> None:
        """Label these columns."""
        self.days, self.today, self.label_width = days, today, label_width
        self.refresh()

    def render(self) -> Text:
        line = Text(" " * (self.label_width + 1))
        for day in self.days:
            label = f"{day.strftime('%a')[:2]}{day.day:>2}".center(CELL_WIDTH)
            # Underlined, not only coloured, so today stands out with NO_COLOR too.
            line.append(label, "bold underline" if day == self.today else "dim")
        line.append("  streak     best  30 days", "dim")
        return line


class RitualRow(Widget):
    """One track of the grid: its name, a cell per day and its streaks."""

    def __init__(self, track: Track, view: RowView) -> None:
        super().__init__(classes="ritual-row")
        self.track = track
        self.view = view
        self.cursor_column: int | None = None

    def show(self, view: RowView) -> None:
        """Redraw with new data (a tick, or a new day)."""
        self.view = view
        self.refresh()

    def place_cursor(self, column: int | None) -> None:
        """Highlight `column`, or no cell."""
        if column != self.cursor_column:
            self.cursor_column = column
            self.refresh()

    def render(self) -> Text:
        view = self.view
        selected = self.cursor_column is not None
        line = Text("▸" if selected else " ", style="bold")
        label_style = "dim" if view.archived else ("bold" if selected else "")
        line.append(fit(view.label, view.label_width), label_style)
        for column, state in enumerate(view.states):
            glyph = f" {GLYPHS[state]} ".center(CELL_WIDTH)
            style = STYLES.get(state, "")
            if column == self.cursor_column:
                style = f"{style} reverse".strip()
                glyph = f"[{GLYPHS[state]}]".center(CELL_WIDTH)
            line.append(glyph, style)
        line.append("  " + describe_progress(view.progress), "dim" if view.archived else "")
        return line
