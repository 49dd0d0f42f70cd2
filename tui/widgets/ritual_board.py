"""The body of the Rituals pane: this week's wishes, day labels, the grid, the cell's detail
and year, the legend.

It draws what it is given, sized to its own width, and follows the grid's cursor with the
detail and the year view. It never reads or writes the data file: its pane does, and hands it
the rituals and marks to show.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.core.agenda import wish_of
from tui.core.checkins import CheckinRecord
from tui.core.mark_book import MarkBook
from tui.core.models import LOVE_LANGUAGES, Settings
from tui.core.rituals import TOGETHER, Track
from tui.core.streaks import days_ending
from tui.widgets.ritual_detail import RitualDetail
from tui.widgets.ritual_grid import LEGEND, DayHeader, RitualGrid, RitualRow
from tui.widgets.ritual_text import GridLayout, grid_layout, who_legend
from tui.widgets.year_heatmap import YearHeatmap


class RitualBoard(VerticalScroll):
    """Everything the Rituals pane shows, top to bottom; the keys that work now come last."""

    def __init__(self, empty_text: str, love_languages_key: str, *, id: str | None = None):
        super().__init__(id=id)
        self._empty_text = empty_text
        self._love_languages_key = love_languages_key
        self._tracks: list[Track] = []
        self._book = MarkBook()
        self._today = date.min
        self._settings: Settings | None = None
        self._layout: GridLayout | None = None
        self.days: list[date] = []
        """The grid's columns, oldest first; the last is today."""
        self.grid = RitualGrid(id="ritual-grid")

    def compose(self) -> ComposeResult:
        # Above the grid: a reminder kept below the fold would go unread all week.
        wishes = Static(id="ritual-wishes")
        wishes.display = False
        yield wishes
        yield DayHeader()
        yield self.grid
        yield Static(id="ritual-empty")
        yield RitualDetail(id="ritual-detail")
        yield YearHeatmap(id="ritual-heatmap")
        yield Static(LEGEND, id="ritual-legend", classes="hint")
        yield Static(id="ritual-keys", classes="hint")

    def show(
        self,
        tracks: list[Track],
        book: MarkBook,
        today: date,
        settings: Settings,
        cursor_on: str | None = None,
    ) -> None:
        """Draw these tracks up to `today`; with `cursor_on`, the cursor goes to that ritual's
        first row. `book` is read, never written: the pane records a saved mark there too."""
        self._tracks, self._book, self._today, self._settings = tracks, book, today, settings
        self._layout = layout = self._fit_layout()
        self.days = days_ending(today, layout.days)
        row = next((n for n, track in enumerate(tracks) if track.ritual.id == cursor_on), None)
        self.grid.show(tracks, book, self.days, layout, settings.week_start, row)
        self.query_one(DayHeader).show(self.days, today, layout.lead_width)
        self.query_one("#ritual-empty", Static).update("" if tracks else self._empty_text)
        legend = Text(LEGEND)
        if who := who_legend(self._names(), layout.tags):
            legend.append(f"\n{who}")
        self.query_one("#ritual-legend", Static).update(legend)
        if not tracks:
            self.query_one(RitualDetail).clear()
            self.query_one(YearHeatmap).display = False

    def fit_to_width(self) -> None:
        """Draw again if the grid drawn no longer fits the width (a resize while hidden)."""
        if self._settings is not None and self._fit_layout() != self._layout:
            self.show(self._tracks, self._book, self._today, self._settings)

    def on_resize(self, event: events.Resize) -> None:  # noqa: ARG002
        self.fit_to_width()

    def cell_under_cursor(self) -> tuple[RitualRow, date] | None:
        """The row and the day of the cell under the grid's cursor; None without rituals."""
        grid = self.grid
        if not grid.rows:
            return None
        return grid.rows[grid.cursor_row], self.days[grid.cursor_column]

    def show_wishes(
        self, found: tuple[CheckinRecord, date] | None, names: Mapping[str, str]
    ) -> None:
        """What each partner wished for at the check-in `found` (a record and its day, from
        `agenda.wishes_for_this_week`), as a reminder through the week; nothing without one."""
        line = self.query_one("#ritual-wishes", Static)
        record, day = found if found is not None else (None, None)
        wishes = [(names[partner], wish) for partner in "ab" if (wish := wish_of(record, partner))]
        line.display = bool(wishes)
        if not wishes or day is None:
            return
        # Names and wishes were typed by the couple: appended as plain text, never markup.
        text = Text(f"This week's wishes, from the check-in on {day:%A} {day.day} {day:%B}: ")
        for number, (name, wish) in enumerate(wishes):
            if number:
                text.append(" · ")
            text.append(name, style="bold")
            text.append(f": {wish}")
        line.update(text)

    def show_keys(self, hint: str) -> None:
        """The line of keys that work now, at the bottom."""
        self.query_one("#ritual-keys", Static).update(Text(hint))

    def redraw_row(self, row: RitualRow) -> None:
        """Redraw `row` whole (its streaks too, after a tick), and the detail below."""
        if row in self.grid.rows:
            self.grid.redraw_row(row)
            self.show_detail()

    def on_ritual_grid_cursor_moved(self, message: RitualGrid.CursorMoved) -> None:
        # Not stopped: the pane hears it too, to offer the keys that work on the new cell.
        if message.row < len(self.grid.rows):
            self.show_detail()

    def show_detail(self, settings: Settings | None = None) -> None:
        """Describe the cell under the cursor (with `settings`, when they have changed)."""
        self._settings = settings or self._settings
        grid = self.grid
        if self._settings is None or not grid.rows:
            return
        row = grid.rows[grid.cursor_row]
        languages = {
            partner: LOVE_LANGUAGES.get(self._settings.love_language_of(partner) or "")
            for partner in ("a", "b")
        }
        self.query_one(RitualDetail).show(
            row.track,
            self.days[grid.cursor_column],
            row.view.states[grid.cursor_column],
            row.view.progress,
            self._today,
            self._names(),
            languages,
            self._love_languages_key,
        )
        heatmap = self.query_one(YearHeatmap)
        heatmap.display = True
        created = date.fromisoformat(row.track.ritual.created)
        heatmap.show(row.track, self._book, self._today, self._settings.week_start, created)

    def _fit_layout(self) -> GridLayout:
        with_partners = any(track.person != TOGETHER for track in self._tracks)
        return grid_layout(self.size.width, self._names(), with_partners)

    def _names(self) -> dict[str, str]:
        if self._settings is None:
            return {}
        return self._settings.partners.names()
