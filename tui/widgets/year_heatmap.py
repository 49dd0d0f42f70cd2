"""A calendar of the last 53 weeks for one track, like a contribution graph, drawn with Rich."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widget import Widget

from tui.core.models import WEEKDAYS
from tui.core.rituals import CellState, MarkBook, Track, cell_state, year_of_weeks

HEAT_GLYPHS = {
    CellState.DONE: ("■", "green"),
    CellState.SKIPPED: ("~", "yellow"),
    CellState.NOT_DONE: ("x", "red"),
    CellState.MISSED: ("·", "dim"),
    CellState.OPEN: ("○", "bold"),
}


class YearHeatmap(Widget):
    """Seven rows (days of the week) by 53 columns (weeks), the newest week on the right."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()

    def show(
        self, track: Track, book: MarkBook, today: date, week_start: str, created: date
    ) -> None:
        """Draw the year of `track` up to `today`."""
        weeks = year_of_weeks(today, week_start)  # type: ignore[arg-type]
        months = Text("    ")
        last_month = None
        for week in weeks:
            month = week[0].month if week[0].day <= 7 else None
            label = week[0].strftime("%b") if month and month != last_month else ""
            if label:
                last_month = month
            months.append(label[:1] if label else " ", "dim")
        text = Text()
        text.append_text(months)
        first_weekday = WEEKDAYS.index(week_start)
        for row in range(7):
            text.append("\n")
            text.append(WEEKDAYS[(first_weekday + row) % 7][:2].capitalize() + "  ", "dim")
            # Runs of one style are appended together: a Text.append per day cost milliseconds
            # on every tick.
            run, run_style = [], ""
            for week in weeks:
                state = cell_state(track, book, week[row], today, created)
                glyph, style = HEAT_GLYPHS.get(state, (" ", ""))
                if style != run_style and run:
                    text.append("".join(run), run_style)
                    run = []
                run.append(glyph)
                run_style = style
            text.append("".join(run), run_style)
        self._text = text
        self.refresh(layout=True)

    def render(self) -> Text:
        return self._text

    def get_content_height(self, container, viewport, width) -> int:  # type: ignore[no-untyped-def]
        return 8
