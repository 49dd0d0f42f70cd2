"""A calendar of the last 53 weeks for one track, like a contribution graph, drawn with Rich.

Its levels (done, skipped, not done, missed, today) take the theme's colours through component
classes styled in styles/rituals.tcss; each also has its own glyph, for NO_COLOR.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widget import Widget

from tui.core.mark_book import MarkBook
from tui.core.models import WEEKDAYS
from tui.core.rituals import Track
from tui.core.streaks import CellState, cell_state, year_of_weeks
from tui.widgets.ritual_grid import component_style, state_class

HEAT_GLYPHS = {
    CellState.DONE: "■",
    CellState.SKIPPED: "~",
    CellState.NOT_DONE: "x",
    CellState.MISSED: "·",
    CellState.OPEN: "○",
}

Run = tuple[CellState | None, str]
"""Glyphs of one level side by side (None: blank days, not drawn in any colour)."""


class YearHeatmap(Widget):
    """Seven rows (days of the week) by 53 columns (weeks), the newest week on the right."""

    COMPONENT_CLASSES = {
        "year-heatmap--label",
        *(state_class("year-heatmap", state) for state in HEAT_GLYPHS),
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._months = ""
        self._rows: list[tuple[str, list[Run]]] = []

    def show(
        self, track: Track, book: MarkBook, today: date, week_start: str, created: date
    ) -> None:
        """Draw the year of `track` up to `today`."""
        weeks = year_of_weeks(today, week_start)  # type: ignore[arg-type]
        months = []
        last_month = None
        for week in weeks:
            month = week[0].month if week[0].day <= 7 else None
            label = week[0].strftime("%b") if month and month != last_month else ""
            if label:
                last_month = month
            months.append(label[:1] if label else " ")
        self._months = "    " + "".join(months)
        first_weekday = WEEKDAYS.index(week_start)
        self._rows = []
        for row in range(7):
            # Days of one level are kept together as runs: a Text.append per day cost
            # milliseconds on every tick.
            runs: list[Run] = []
            run: list[str] = []
            level: CellState | None = None
            for week in weeks:
                state = cell_state(track, book, week[row], today, created)
                shown = state if state in HEAT_GLYPHS else None
                if shown is not level and run:
                    runs.append((level, "".join(run)))
                    run = []
                run.append(HEAT_GLYPHS.get(state, " "))
                level = shown
            runs.append((level, "".join(run)))
            day_name = WEEKDAYS[(first_weekday + row) % 7][:2].capitalize()
            self._rows.append((day_name, runs))
        self.refresh(layout=True)

    def render(self) -> Text:
        # Styled here, not in `show`: a theme chosen later reaches the colours at the next draw.
        label = component_style(self, "year-heatmap--label")
        levels = {
            state: component_style(self, state_class("year-heatmap", state))
            for state in HEAT_GLYPHS
        }
        text = Text()
        text.append(self._months, label)
        for day_name, runs in self._rows:
            text.append("\n")
            text.append(day_name + "  ", label)
            for level, glyphs in runs:
                text.append(glyphs, levels[level] if level is not None else "")
        return text

    def get_content_height(self, container, viewport, width) -> int:  # type: ignore[no-untyped-def]
        return 8
