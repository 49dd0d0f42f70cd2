"""The ritual grid: a row per track, a column per day, and the cursor that moves over them.

One widget per row, so a tick redraws one line and not the whole grid. Every state has its own
glyph as well as its own colour, so the grid reads the same with NO_COLOR: ✓ done, ~ skipped,
✗ not done, · missed, ○ today (nothing entered yet). The colours are the theme's, through
component classes styled in styles/rituals.tcss, so a theme chosen later restyles the grid.
"""

from __future__ import annotations

from datetime import date

from msgspec import Struct
from msgspec.structs import replace
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget

from tui.core.mark_book import MarkBook
from tui.core.rituals import Track, repair_day
from tui.core.streaks import CellState, Progress, cell_state, progress
from tui.keys import key
from tui.widgets.ritual_text import (
    CELL_WIDTH,
    LABEL_WIDTH,
    MARKER_WIDTH,
    MIN_DAYS,
    STATS_HEADER,
    GridLayout,
    describe_progress,
    pad,
    shorten,
)

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
LEGEND = "✓ done   ~ skipped   ✗ not done   · missed   ○ today, not entered yet"
MARKED_STATES = (
    CellState.DONE,
    CellState.SKIPPED,
    CellState.NOT_DONE,
    CellState.MISSED,
    CellState.OPEN,
)
"""The states drawn in a colour of their own; the rest are blank."""


def component_style(widget: Widget, name: str) -> Style:
    """The style the theme gives a component class of `widget` (colour, bold...), for its text.

    What `get_component_rich_style(name, partial=True)` returns, without the full style it also
    works out: that walks every ancestor and is forgotten at each refresh, which made a ticked
    row redraw ten times slower.
    """
    return widget.get_component_styles(name).partial_rich_style


def state_class(prefix: str, state: CellState) -> str:
    """The component class of `state`: "ritual-row--not-done" for prefix "ritual-row"."""
    return f"{prefix}--{state.value.replace('_', '-')}"


class RowView(Struct):
    """Everything a row draws, computed by the grid from core objects."""

    name: str
    states: list[CellState]
    progress: Progress
    who: str = ""
    """The partner column: whose row it is, for a ritual each partner does."""
    suffix: str = ""
    """Always shown after the name, however short the name gets (a repair's "3/7")."""
    archived: bool = False
    name_width: int = LABEL_WIDTH
    who_width: int = 0


class DayHeader(Widget):
    """The day labels above the grid, today marked."""

    COMPONENT_CLASSES = {"ritual-header--day", "ritual-header--today", "ritual-header--stats"}

    def __init__(self) -> None:
        super().__init__(classes="ritual-header")
        self.days: list[date] = []
        self.today: date | None = None
        self.lead_width = MARKER_WIDTH + LABEL_WIDTH

    def show(self, days: list[date], today: date, lead_width: int) -> None:
        """Label these columns, after `lead_width` cells of names."""
        self.days, self.today, self.lead_width = days, today, lead_width
        self.refresh()

    def render(self) -> Text:
        day_style = component_style(self, "ritual-header--day")
        # Today is underlined in the stylesheet, not only coloured, so it stands out with
        # NO_COLOR too.
        today_style = component_style(self, "ritual-header--today")
        line = Text(" " * self.lead_width)
        for day in self.days:
            label = f"{day.strftime('%a')[:2]}{day.day:>2}".center(CELL_WIDTH)
            line.append(label, today_style if day == self.today else day_style)
        line.append(STATS_HEADER, component_style(self, "ritual-header--stats"))
        return line


class RitualRow(Widget):
    """One track of the grid: its name, whose it is, a cell per day and its streaks."""

    COMPONENT_CLASSES = {
        *(state_class("ritual-row", state) for state in MARKED_STATES),
        "ritual-row--cursor",
        "ritual-row--selected",
        "ritual-row--archived",
        "ritual-row--progress",
    }

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

        def style(name: str) -> Style:
            return component_style(self, f"ritual-row--{name}")

        selected = self.cursor_column is not None
        # An archived row is muted all along, so it reads as history at a glance.
        muted = style("archived") if view.archived else None
        line = Text()
        line.append("▸" if selected else " ", style("selected"))
        name = shorten(view.name, view.name_width - cell_len(view.suffix)) + view.suffix
        line.append(pad(name, view.name_width), muted or (style("selected") if selected else ""))
        if view.who_width:
            line.append(" " + pad(view.who, view.who_width), muted or "")
        cursor = style("cursor")
        marks = {
            state: component_style(self, state_class("ritual-row", state))
            for state in MARKED_STATES
        }
        for column, state in enumerate(view.states):
            glyph = GLYPHS[state]
            cell_style = marks.get(state)
            if column == self.cursor_column:
                # Brackets as well as the highlight: the cursor shows with NO_COLOR too.
                combined = cursor if cell_style is None else cell_style + cursor
                line.append(f"[{glyph}]".center(CELL_WIDTH), combined)
            else:
                line.append(f" {glyph} ".center(CELL_WIDTH), cell_style or "")
        line.append(describe_progress(view.progress), muted or style("progress"))
        return line


class RitualGrid(Vertical, can_focus=True):
    """The focusable grid. It owns its cursor: the arrow keys move it here, and each move is
    announced with `CursorMoved` for whoever shows the detail of the cell."""

    BINDINGS = [
        key(
            "rituals",
            "up,k",
            "move(-1, 0)",
            "Up",
            "Move to the ritual above",
            name="cursor_up",
            key_display="↑",
        ),
        key(
            "rituals",
            "down,j",
            "move(1, 0)",
            "Down",
            "Move to the ritual below",
            name="cursor_down",
            key_display="↓",
        ),
        key(
            "rituals",
            "left,h",
            "move(0, -1)",
            "Earlier day",
            "Move to the day before",
            key_display="←",
        ),
        key(
            "rituals",
            "right,l",
            "move(0, 1)",
            "Later day",
            "Move to the day after",
            key_display="→",
        ),
    ]

    class CursorMoved(Message):
        """The cursor is on another cell (or the rows were drawn again): row, then column."""

        def __init__(self, grid: RitualGrid, row: int, column: int) -> None:
            super().__init__()
            self.grid = grid
            self.row = row
            self.column = column

        @property
        def control(self) -> RitualGrid:
            """The grid whose cursor moved."""
            return self.grid

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[RitualRow] = []
        self.cursor_row = 0
        self.cursor_column = 0
        self._book = MarkBook()
        self._days: list[date] = []
        self._today = date.min
        self._layout = GridLayout(MIN_DAYS, LABEL_WIDTH, 0, {})
        self._week_start = "monday"

    def show(
        self,
        tracks: list[Track],
        book: MarkBook,
        days: list[date],
        layout: GridLayout,
        week_start: str,
        cursor_row: int | None = None,
    ) -> None:
        """Draw a row per track over `days` (the last is today), the cursor on today and on
        `cursor_row` (by default the row it was on, or the last if the grid got shorter).

        `book` is read, never written: whoever saves a mark records it there too, then asks
        for the row to be redrawn.
        """
        self._book, self._days, self._layout, self._week_start = book, days, layout, week_start
        self._today = days[-1]
        self.remove_children()
        self.rows = [RitualRow(track, self._row_view(track)) for track in tracks]
        self.mount_all(self.rows)
        row = self.cursor_row if cursor_row is None else cursor_row
        self._place(row, len(days) - 1)

    def redraw_cells(self, row: RitualRow) -> None:
        """Redraw the cells of `row` at once (after a tick); its streaks keep their numbers
        until `redraw_row`, which walks years of days."""
        if row in self.rows:
            row.show(replace(row.view, states=self._cell_states(row.track)))

    def redraw_row(self, row: RitualRow) -> None:
        """Redraw `row` whole: its cells and its streaks."""
        if row in self.rows:
            row.show(self._row_view(row.track))

    def _row_view(self, track: Track) -> RowView:
        layout = self._layout
        repair = repair_day(track.ritual, self._today)
        return RowView(
            name=track.ritual.name,
            states=self._cell_states(track),
            progress=progress(track, self._book, self._today, self._week_start),
            who=layout.who(track.person),
            suffix=f" {repair[0]}/{repair[1]}" if repair else "",
            archived=track.ritual.archived,
            name_width=layout.name_width,
            who_width=layout.who_width,
        )

    def _cell_states(self, track: Track) -> list[CellState]:
        created = date.fromisoformat(track.ritual.created)
        return [cell_state(track, self._book, day, self._today, created) for day in self._days]

    @property
    def track_under_cursor(self) -> Track | None:
        """The track of the row the cursor is on; None when there are no rows."""
        return self.rows[self.cursor_row].track if self.rows else None

    def move_cursor_to(self, row: int) -> None:
        """Put the cursor on `row`, in the same day's column."""
        self._place(row, self.cursor_column)

    def action_move(self, rows: int, columns: int) -> None:
        """Move the cursor; it stops at the edges."""
        self._place(self.cursor_row + rows, self.cursor_column + columns)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # With no rows there is nothing to move over: the keys are left to scroll the pane.
        return bool(self.rows) if action == "move" else True

    def _place(self, row: int, column: int) -> None:
        if not self.rows:
            self.cursor_row = self.cursor_column = 0
            return
        columns = len(self.rows[0].view.states)
        self.cursor_row = max(0, min(len(self.rows) - 1, row))
        self.cursor_column = max(0, min(columns - 1, column))
        for index, each in enumerate(self.rows):
            each.place_cursor(self.cursor_column if index == self.cursor_row else None)
        self.rows[self.cursor_row].scroll_visible()
        self.post_message(self.CursorMoved(self, self.cursor_row, self.cursor_column))
